// Issue 17: the weekly brief of new risks to each leader — in the app, and by e-mail through a real SMTP server
// as the leader chose — once per leader and ISO week, across restarts and two instances on one database.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, startMailbox, mailText, client, ok, unitByCode, directiveByNumber, PASSWORD, CLOCK } from './harness.mjs';

let server, second, mail, mailArgs;

before(async () => {
  mail = await startMailbox();
  mailArgs = [...mail.args, '--public-url', 'https://tiendo.haiphong.test/'];
  server = await startServer({ args: ['--scheduler-seconds', '0', ...mailArgs] });
});
after(async () => { await second?.stop({ keep: true }); await server?.stop(); mail?.stop(); });

const briefs = async (c) => (await ok(c.get('/api/v1/notifications?limit=100'), 'notifications')).items.filter((n) => n.kind === 'risk_brief');

test('each leader gets the week\'s new risks once, each a link to its assignment, by e-mail as chosen', async () => {
  const admin = await client(server, 'admin');
  const city = await unitByCode(admin, 'HP');
  // A directing leader with e-mail on, and a city leader who reads in the app only.
  await ok(admin.post('/api/v1/users', { username: 'hm.cuong', full_name: 'Hoàng Minh Cường', role: 'directing_leader',
    unit_id: city.id, email: 'cuong@haiphong.test', password: PASSWORD }), 'directing leader');
  await ok(admin.post('/api/v1/users', { username: 'lanhdao.tp', full_name: 'Lãnh đạo thành phố', role: 'leader',
    unit_id: city.id, email: 'lanhdao@haiphong.test', password: PASSWORD }), 'city leader');
  const inApp = await client(server, 'lanhdao.tp');
  await ok(inApp.put('/api/v1/notifications/preferences', { email: false }), 'e-mail off');

  // Work given this week with five weeks to go is at risk at the plan's pace: new risks, one of them his.
  const plan = await directiveByNumber(admin, '01-CTr/BCĐ');
  const haian = await unitByCode(admin, 'P-HAIAN');
  for (const [code, leader] of [['B1', 'Đồng chí Hoàng Minh Cường, Phó Chủ tịch UBND thành phố'], ['B2', '']])
    await ok(admin.post('/api/v1/tasks', { directive_id: plan.id, code, name: `Rà soát hạ tầng số ${code}`, deadline_text: '31/12/2026',
      directing_leader: leader, lead_unit_ids: [haian.id] }), 'task');

  // What the brief must hold: at risk today, not a week ago (as known then).
  const today = CLOCK.slice(0, 10);
  const weekAgo = new Date(Date.parse(today) - 7 * 86400000).toISOString().slice(0, 10);
  const now = await ok(admin.get(`/api/v1/risks?as_of=${today}`), 'risks today');
  const then = await ok(admin.get(`/api/v1/risks?as_of=${weekAgo}`), 'risks a week ago');
  const before = new Set(then.items.map((i) => i.assignment_id));
  const fresh = now.items.filter((i) => !before.has(i.assignment_id));
  const directed = fresh.filter((i) => i.directing_leader.includes('Hoàng Minh Cường'));
  assert.ok(directed.length > 0 && directed.length < fresh.length, 'the demo has new risks, some of them his');

  // Production runs the scheduler: two instances on the same database, then a restart of one.
  await server.stop({ keep: true, signal: 'SIGKILL' });
  const withScheduler = ['--scheduler-seconds', '1', ...mailArgs];
  server = await startServer({ reuse: server, args: withScheduler });
  second = await startServer({ reuse: server, args: withScheduler });
  const toHim = () => mail.mails().filter((m) => /To: <cuong@haiphong\.test>/.test(m));
  for (let i = 0; i < 120 && toHim().length < 1; i++) await sleep(250);
  await second.stop({ keep: true });
  second = undefined;
  await server.stop({ keep: true });
  server = await startServer({ reuse: server, args: withScheduler });
  await sleep(2500);

  const cuong = await client(server, 'hm.cuong');
  const his = await briefs(cuong);
  assert.equal(his.length, 1, 'one brief for the week, whatever the instances and restarts');
  const brief = his[0];
  assert.match(brief.title, new RegExp(`^Bản tin nguy cơ tuần 48/2026: ${directed.length} nhiệm vụ mới có nguy cơ trễ hạn$`));
  assert.match(brief.body, /^Kính gửi đồng chí Hoàng Minh Cường\.\nTừ 17\/11\/2026 đến 24\/11\/2026 có \d+ nhiệm vụ mới/);
  const linked = [...brief.body.matchAll(/ #\/assignment\/(\d+)$/gm)].map((m) => Number(m[1]));
  assert.deepEqual(linked, directed.slice(0, 30).map((i) => i.assignment_id), 'his new risks, each one click from its assignment');
  for (const item of directed.slice(0, 30)) assert.ok(brief.body.includes(`${item.reason}. #/assignment/${item.assignment_id}`));
  assert.equal(brief.email?.state, 'sent');

  const leader = await client(server, 'lanhdao.tp');
  const cityBriefs = await briefs(leader);
  assert.equal(cityBriefs.length, 1);
  assert.match(cityBriefs[0].title, new RegExp(`: ${fresh.length} nhiệm vụ mới`), 'the city leader: every new risk in the city');
  assert.equal(cityBriefs[0].email, null, 'e-mail off: in the app only');

  // One message, to him only; its links lead to the web client at its public address.
  const received = mail.mails();
  assert.equal(toHim().length, 1);
  assert.equal(received.filter((m) => /lanhdao@haiphong\.test/.test(m)).length, 0);
  const text = mailText(toHim()[0]);
  assert.ok(text.includes(`https://tiendo.haiphong.test/#/assignment/${directed[0].assignment_id}`), text.slice(0, 400));
  // Demo users without a brief of their own (focal points) get none.
  assert.equal((await briefs(await client(server, 'haian'))).length, 0);
});
