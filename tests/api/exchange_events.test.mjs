// Issue 18, item 4: signed events for the city's platforms. An admin subscribes an HTTPS address (on the
// server's allowlist) to report steps, overdue work, indicators' status changes and answered feedback; each event reaches a real HTTPS receiver (a CA made
// by the test) at least once with a stable id and an HMAC-SHA256 signature, retried with back-off through a
// receiver that fails, a certificate the server does not trust, a receiver that times out, and one that comes
// back; a server killed mid-delivery loses nothing, and no delivery records two successes, also with two
// instances sending at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, ok, unitByCode, directiveByNumber, CLOCK } from './harness.mjs';
import { makeCa, startReceiver, signatureValid } from './receiver.mjs';

let ca, receiver, server, admin, plan, haian, sub, reportId;
const at = (minutes) => new Date(Date.parse(CLOCK) + minutes * 60000).toISOString().replace(/\.\d+Z$/, 'Z');
const args = ({ trustCa = true, extra = [] } = {}) => ['--event-allow', `127.0.0.1:${receiver.port}`,
  ...(trustCa ? ['--event-ca', ca.caFile] : []), '--event-timeout-ms', '1500', '--scheduler-seconds', '0', ...extra];

async function restartAt(clock, opts, { killed = false } = {}) {
  if (!killed) await server.stop({ keep: true });
  server = await startServer({ reuse: server, clock, args: args(opts) });
  admin = await client(server, 'admin');
}
const run = async (c = admin) => ok(c.post('/api/v1/event-deliveries/run'), 'run');
const deliveries = async (c, subId) => (await ok(c.get(`/api/v1/event-deliveries?subscription_id=${subId}&limit=1000`), 'deliveries')).items;
const detail = async (id) => ok(admin.get(`/api/v1/event-deliveries/${id}`), 'delivery');

before(async () => {
  ca = makeCa();
  receiver = await startReceiver(ca);
  server = await startServer({ args: args() });
  admin = await client(server, 'admin');
  plan = await directiveByNumber(admin, '27/QĐ-BCĐ');
  haian = await unitByCode(admin, 'P-HAIAN');
});
after(async () => { await server?.stop(); await receiver?.close(); });

test('only an admin subscribes, only to an allowed https address, and the secret is shown once', async () => {
  for (const [url, why] of [['https://10.0.0.1/hook', 'not allowed'], [`http://127.0.0.1:${receiver.port}/r`, 'plain http'],
    [`https://127.0.0.1:${receiver.port + 1}/r`, 'other port'], [`https://u@127.0.0.1:${receiver.port}/r`, 'user info']]) {
    const r = await admin.post('/api/v1/event-subscriptions', { name: 'Sai', url, event_types: ['report_submitted'] });
    assert.equal(r.status, 400, why);
    assert.equal(r.body.error.field, 'url', why);
  }
  const badType = await admin.post('/api/v1/event-subscriptions', { name: 'Sai', url: receiver.url('/r'), event_types: ['ping'] });
  assert.equal(badType.body.error.field, 'event_types');
  assert.equal((await (await client(server, 'skhcn')).post('/api/v1/event-subscriptions',
    { name: 'X', url: receiver.url('/r'), event_types: ['report_submitted'] })).status, 403);
  sub = await ok(admin.post('/api/v1/event-subscriptions', { name: 'Nền tảng chia sẻ dữ liệu thành phố', url: receiver.url('/reports'),
    event_types: ['report_submitted', 'report_approved', 'report_accepted', 'report_returned'] }), 'subscribe');
  assert.match(sub.secret, /^[0-9a-f]{64}$/);
  const listed = (await ok(admin.get('/api/v1/event-subscriptions'), 'list')).items;
  assert.equal(listed.length, 1);
  assert.equal(listed[0].secret, undefined);
  assert.deepEqual(listed[0].event_types, ['report_submitted', 'report_approved', 'report_accepted', 'report_returned']);
});

test('a delivery is retried with back-off through a failing, an untrusted and a silent receiver until it arrives, signed, under one id', async () => {
  const created = await ok(admin.post('/api/v1/reports', { directive_id: plan.id, period: '2026-12', unit_id: haian.id }), 'report');
  reportId = created.id;
  const item = created.items[0].assignment_id;
  await ok(admin.put(`/api/v1/reports/${reportId}`, { version: created.version, items: [{ assignment_id: item, progress_percent: 40 }] }), 'edit');
  await ok(admin.post(`/api/v1/reports/${reportId}/submit`), 'submit');
  const [d] = await deliveries(admin, sub.id);
  assert.equal(d.event_type, 'report_submitted');
  assert.equal(d.state, 'pending');

  receiver.mode = 'fail';
  assert.equal((await run()).sent, 0);
  let x = await detail(d.id);
  assert.equal(x.state, 'pending');
  assert.equal(x.attempts, 1);
  assert.deepEqual(x.log.map((l) => [l.outcome, l.http_status]), [['failed', 500]]);
  assert.equal(receiver.requests.length, 1);
  // Not due again for 30 seconds: a second pass sends nothing.
  assert.equal((await run()).sent, 0);
  assert.equal(receiver.requests.length, 1);

  // A server that does not trust the receiver's CA refuses it before sending anything.
  await restartAt(at(1), { trustCa: false });
  receiver.mode = 'ok';
  assert.equal((await run()).sent, 0);
  x = await detail(d.id);
  assert.equal(x.log[1].outcome, 'failed');
  assert.equal(x.log[1].http_status, null);
  assert.match(x.log[1].error, /TLS/);
  assert.equal(receiver.requests.length, 1);

  // A receiver that never answers: the deadline ends the attempt.
  await restartAt(at(3));
  receiver.mode = 'hang';
  assert.equal((await run()).sent, 0);
  x = await detail(d.id);
  assert.equal(x.log[2].outcome, 'failed');
  assert.match(x.log[2].error, /quá thời gian chờ/);
  assert.ok(x.log[2].duration_ms >= 1400, String(x.log[2].duration_ms));
  assert.equal(receiver.requests.length, 2);

  // It comes back.
  await restartAt(at(6));
  receiver.mode = 'ok';
  assert.equal((await run()).sent, 1);
  x = await detail(d.id);
  assert.equal(x.state, 'sent');
  assert.deepEqual(x.log.map((l) => l.outcome), ['failed', 'failed', 'failed', 'sent']);
  assert.equal(x.log[3].http_status, 200);
  assert.equal(receiver.requests.length, 3);
  for (const req of receiver.requests) {
    assert.ok(signatureValid(req, sub.secret), 'signature');
    assert.equal(req.path, '/reports');
    assert.equal(req.headers['x-tiendo-event-id'], x.event_id);
    assert.equal(req.headers['x-tiendo-event-type'], 'report_submitted');
    assert.equal(req.headers['content-type'], 'application/json; charset=utf-8');
    const body = JSON.parse(req.body);
    assert.equal(body.id, x.event_id);
    assert.deepEqual(body, x.payload);
  }
  assert.equal(x.payload.data.report_id, reportId);
  assert.equal(x.payload.data.unit_code, 'P-HAIAN');
  assert.equal(x.payload.data.period, '2026-12');
  assert.equal(x.payload.data.state, 'submitted');
  // A tampered body or another secret does not verify.
  assert.ok(!signatureValid({ ...receiver.requests[2], body: receiver.requests[2].body.replace('2026-12', '2026-11') }, sub.secret));
  assert.ok(!signatureValid(receiver.requests[2], 'f'.repeat(64)));
  // Sent is final: nothing more goes out, and a replay of a sent delivery is refused.
  assert.equal((await run()).sent, 0);
  assert.equal(receiver.requests.length, 3);
  assert.equal((await admin.post(`/api/v1/event-deliveries/${d.id}/replay`)).status, 409);
});

test('a server killed during a delivery loses nothing: the lease holds it, then it is sent again and recorded once', async () => {
  await ok(admin.post(`/api/v1/reports/${reportId}/approve`), 'approve');
  const d = (await deliveries(admin, sub.id)).find((x) => x.event_type === 'report_approved');
  receiver.mode = 'hang';
  const seen = receiver.nextRequest();
  admin.post('/api/v1/event-deliveries/run').catch(() => {});
  await seen;
  await server.stop({ keep: true, signal: 'SIGKILL' });
  // One minute on, the dead sender's lease still holds: nobody sends it.
  await restartAt(at(7), undefined, { killed: true });
  receiver.mode = 'ok';
  assert.equal((await run()).sent, 0);
  assert.equal((await detail(d.id)).state, 'sending');
  assert.equal(receiver.requests.length, 4);
  // After the lease, it goes again under the same id and is recorded sent once.
  await restartAt(at(9));
  assert.equal((await run()).sent, 1);
  const x = await detail(d.id);
  assert.equal(x.state, 'sent');
  assert.deepEqual(x.log.map((l) => [l.attempt, l.outcome]), [[2, 'sent']]);
  assert.equal(receiver.requests.length, 5);
  assert.equal(receiver.requests[3].headers['x-tiendo-event-id'], x.event_id);
  assert.equal(receiver.requests[4].headers['x-tiendo-event-id'], x.event_id);
  assert.equal(JSON.parse(receiver.requests[4].body).type, 'report_approved');
});

test('a delivery that gave up is listed as failed and replayed by the admin', async () => {
  await restartAt(at(10), { extra: ['--event-max-attempts', '1'] });
  const skhcn = await client(server, 'skhcn');
  await ok(skhcn.post(`/api/v1/reports/${reportId}/return`, { reason: 'Bổ sung minh chứng' }), 'return');
  receiver.mode = 'fail';
  assert.equal((await run()).sent, 0);
  const [failed] = (await ok(admin.get(`/api/v1/event-deliveries?state=failed`), 'failed')).items;
  assert.equal(failed.event_type, 'report_returned');
  assert.match(failed.last_error, /HTTP 500/);
  const replayed = await ok(admin.post(`/api/v1/event-deliveries/${failed.id}/replay`), 'replay');
  assert.equal(replayed.state, 'pending');
  assert.equal(replayed.attempts, 0);
  receiver.mode = 'ok';
  assert.equal((await run()).sent, 1);
  const x = await detail(failed.id);
  assert.equal(x.state, 'sent');
  assert.deepEqual(x.log.map((l) => l.outcome), ['failed', 'sent']);
  assert.equal(x.payload.data.return_reason, 'Bổ sung minh chứng');
  const audit = (await ok(admin.get(`/api/v1/audit?entity=event_delivery&entity_id=${failed.id}`), 'audit')).items;
  assert.deepEqual(audit.map((e) => e.action), ['replay']);
});

test('overdue work is an event once per assignment and deadline; two instances sending at once send each once', async () => {
  // A fresh city: the subscription exists before the day's first scan.
  const one = await startServer({ args: args() });
  let a = await client(one, 'admin');
  const overdueSub = await ok(a.post('/api/v1/event-subscriptions', { name: 'Kho dữ liệu', url: receiver.url('/overdue'),
    event_types: ['assignment_overdue'] }), 'subscribe');
  // The same scan records the indicators' first statuses: counted apart.
  const statusSub = await ok(a.post('/api/v1/event-subscriptions', { name: 'Kho chỉ tiêu', url: receiver.url('/status-of-day'),
    event_types: ['indicator_status_changed'] }), 'subscribe statuses');
  const two = await startServer({ reuse: one, args: args() });
  const b = await client(two, 'admin');
  receiver.mode = 'ok';
  receiver.delayMs = 20;
  const before = receiver.requests.length;
  let recorded = 0;
  for (let pass = 0; pass < 50; pass++) {
    const [ra, rb] = await Promise.all([run(a), run(b)]);
    recorded += ra.events_recorded + rb.events_recorded;
    if (pass > 0 && ra.sent + rb.sent === 0) break;
  }
  const got = receiver.requests.slice(before).filter((r) => r.path === '/overdue');
  const list = await deliveries(a, overdueSub.id);
  assert.ok(list.length > 20, `overdue deliveries: ${list.length}`);
  assert.equal(recorded, list.length + (await deliveries(a, statusSub.id)).length);
  assert.ok(list.every((d) => d.state === 'sent'));
  const ids = got.map((r) => r.headers['x-tiendo-event-id']);
  assert.equal(new Set(ids).size, ids.length, 'an event sent twice');
  assert.equal(ids.length, list.length);
  for (const r of got) assert.ok(signatureValid(r, overdueSub.secret));
  const keys = got.map((r) => { const d = JSON.parse(r.body).data; return `${d.assignment_id}:${d.due}`; });
  assert.equal(new Set(keys).size, keys.length);
  for (const d of list) {
    const x = await ok(a.get(`/api/v1/event-deliveries/${d.id}`), 'delivery');
    assert.equal(x.log.filter((l) => l.outcome === 'sent').length, 1);
  }
  // The same day again records nothing; the next day only what became overdue since (no assignment and
  // deadline twice).
  assert.equal((await run(a)).events_recorded, 0);
  await two.stop({ keep: true });
  await one.stop({ keep: true });
  const next = await startServer({ reuse: one, clock: '2026-11-25T03:00:00Z', args: args() });
  a = await client(next, 'admin');
  await run(a);
  for (let pass = 0; pass < 10 && (await run(a)).sent > 0; pass++);
  const later = receiver.requests.slice(before).filter((r) => r.path === '/overdue')
    .map((r) => { const d = JSON.parse(r.body).data; return `${d.assignment_id}:${d.due}`; });
  assert.equal(new Set(later).size, later.length);
  await next.stop();
});

test('with the scheduler on, waiting events are sent within seconds without anyone asking, each once', async () => {
  // 25 subscribers to one report step: more than one sending pass of 20, delivered by the event thread alone.
  const live = await startServer({ args: ['--event-allow', `127.0.0.1:${receiver.port}`, '--event-ca', ca.caFile,
    '--event-timeout-ms', '1500', '--scheduler-seconds', '3600', '--event-seconds', '1'] });
  const a = await client(live, 'admin');
  receiver.mode = 'ok';
  receiver.delayMs = 0;
  const subs = [];
  for (let i = 0; i < 25; i++) {
    subs.push(await ok(a.post('/api/v1/event-subscriptions', { name: `Nền tảng ${i + 1}`, url: receiver.url(`/live/${i}`),
      event_types: ['report_submitted'] }), 'subscribe'));
  }
  const before = receiver.requests.length;
  const p = await directiveByNumber(a, '27/QĐ-BCĐ');
  const u = await unitByCode(a, 'P-HAIAN');
  const r = await ok(a.post('/api/v1/reports', { directive_id: p.id, period: '2026-12', unit_id: u.id }), 'report');
  await ok(a.put(`/api/v1/reports/${r.id}`, { version: r.version, items: [{ assignment_id: r.items[0].assignment_id, progress_percent: 40 }] }), 'edit');
  await ok(a.post(`/api/v1/reports/${r.id}/submit`), 'submit');
  const submitted = Date.now();
  const got = () => receiver.requests.slice(before).filter((x) => x.path.startsWith('/live/'));
  while (got().length < 25 && Date.now() - submitted < 15000) await new Promise((res) => setTimeout(res, 100));
  const waited = Date.now() - submitted;
  assert.equal(got().length, 25, `after ${waited} ms`);
  assert.ok(waited < 8000, `the last of 25 arrived ${waited} ms after the submission`);
  assert.equal(new Set(got().map((x) => x.path)).size, 25, 'one per subscriber');
  await new Promise((res) => setTimeout(res, 1500));
  assert.equal(got().length, 25, 'nothing sent twice');
  for (const s of subs) assert.deepEqual((await deliveries(a, s.id)).map((d) => d.state), ['sent']);
  await live.stop();
});

test('an indicator\'s city status is an event when it differs from the last one sent, once, across restarts and two instances', async () => {
  const one = await startServer({ args: args() });
  let a = await client(one, 'admin');
  const statusSub = await ok(a.post('/api/v1/event-subscriptions', { name: 'Kho chỉ tiêu', url: receiver.url('/status'),
    event_types: ['indicator_status_changed'] }), 'subscribe');
  const two = await startServer({ reuse: one, args: args() });
  const b = await client(two, 'admin');
  receiver.mode = 'ok';
  receiver.delayMs = 0;
  const before = receiver.requests.length;
  const drain = async (...cs) => {
    for (let pass = 0; pass < 20; pass++) if ((await Promise.all(cs.map((c) => run(c)))).every((r) => r.sent === 0)) break;
  };
  await drain(a, b);
  const received = () => receiver.requests.slice(before).filter((r) => r.path === '/status').map((r) => JSON.parse(r.body));
  const statusesAt = async (c) => new Map((await ok(c.get('/api/v1/indicators?limit=1000'), 'indicators')).items
    .map((i) => [i.id, i.evaluation]));
  // The first scan: every indicator's status, nothing sent before it; the same as the indicators page says.
  const day1 = received();
  const now1 = await statusesAt(a);
  assert.ok(now1.size >= 5, `indicators: ${now1.size}`);
  assert.deepEqual(day1.map((e) => e.data.indicator_id).sort((x, y) => x - y), [...now1.keys()].sort((x, y) => x - y));
  for (const e of day1) {
    assert.equal(e.type, 'indicator_status_changed');
    assert.equal(e.data.scope, 'city');
    assert.equal(e.data.previous_status, null);
    assert.equal(e.data.status, now1.get(e.data.indicator_id).status, e.data.indicator_code);
    assert.equal(e.data.period, now1.get(e.data.indicator_id).period, e.data.indicator_code);
  }
  assert.ok(receiver.requests.slice(before).filter((r) => r.path === '/status').every((r) => signatureValid(r, statusSub.secret)));
  // Restarted the same day: nothing recorded again.
  await two.stop({ keep: true });
  await one.stop({ keep: true });
  const again = await startServer({ reuse: one, args: args() });
  a = await client(again, 'admin');
  assert.equal((await run(a)).events_recorded, 0);
  await again.stop({ keep: true });
  // Weeks later, after a restart, when the judged period has moved on (from the 20th of December): only the
  // indicators whose status now differs from the one last sent, each once.
  const later = await startServer({ reuse: one, clock: '2026-12-21T03:00:00Z', args: args() });
  a = await client(later, 'admin');
  await drain(a);
  const after = received().slice(day1.length);
  const now2 = await statusesAt(a);
  const changed = [...now2].filter(([id, ev]) => day1.find((e) => e.data.indicator_id === id).data.status !== ev.status);
  assert.deepEqual(after.map((e) => e.data.indicator_id).sort((x, y) => x - y), changed.map(([id]) => id).sort((x, y) => x - y));
  for (const e of after) {
    assert.equal(e.data.previous_status, day1.find((d) => d.data.indicator_id === e.data.indicator_id).data.status);
    assert.notEqual(e.data.status, e.data.previous_status);
    assert.equal(e.data.status, now2.get(e.data.indicator_id).status);
  }
  // The next day, with nothing changed: no event.
  await later.stop({ keep: true });
  const next = await startServer({ reuse: one, clock: '2026-12-22T03:00:00Z', args: args() });
  a = await client(next, 'admin');
  await drain(a);
  const now3 = await statusesAt(a);
  const moved = [...now3].filter(([id, ev]) => now2.get(id).status !== ev.status).map(([id]) => id);
  assert.deepEqual(received().slice(day1.length + after.length).map((e) => e.data.indicator_id).sort(), moved.sort());
  const ids = receiver.requests.slice(before).filter((r) => r.path === '/status').map((r) => r.headers['x-tiendo-event-id']);
  assert.equal(new Set(ids).size, ids.length, 'an event sent twice');
  await next.stop();
});

test('an answer published to a feedback item is an event, recorded with the publication and only then', async () => {
  const city = await startServer({ args: args() });
  const a = await client(city, 'admin');
  const sub = await ok(a.post('/api/v1/event-subscriptions', { name: 'Tổng đài 1022', url: receiver.url('/feedback'),
    event_types: ['feedback_answered'] }), 'subscribe');
  const anon = await client(city);
  const agency = await client(city, 'skhcn');
  const focal = await client(city, 'haian');
  const head = await client(city, 'haian.truong');
  const receipt = await ok(anon.call('POST', '/api/v1/public/feedback', { kind: 'kien_nghi', field: 'Chuyển đổi số',
    title: 'Cổng dịch vụ công chậm', text: 'Trang nộp hồ sơ tải rất chậm vào giờ cao điểm', sender_type: 'nguoi_dan',
    name: 'Nguyễn Văn An', contact: '0905 111 222', consent: true }, { 'x-real-ip': '10.9.9.9' }), 'submit');
  let it = (await ok(agency.get('/api/v1/feedback?limit=1000'), 'inbox')).items.find((x) => x.code === receipt.code);
  const u = await unitByCode(agency, 'P-HAIAN');
  it = await ok(agency.post(`/api/v1/feedback/${it.id}/classify`, { version: it.version, outcome: 'accepted' }), 'classify');
  it = await ok(agency.post(`/api/v1/feedback/${it.id}/assign`, { version: it.version, lead_unit_id: u.id }), 'assign');
  it = await ok(focal.post(`/api/v1/feedback/${it.id}/answer`, { version: it.version, answer: 'Đã nâng cấp máy chủ cổng dịch vụ công.' }), 'answer');
  // A refused approval (not moderated yet) records nothing.
  assert.equal((await head.post(`/api/v1/feedback/${it.id}/approve`, { version: it.version })).status, 409);
  assert.deepEqual(await deliveries(a, sub.id), []);
  it = await ok(focal.post(`/api/v1/feedback/${it.id}/moderate`, { version: it.version, public_title: 'Cổng dịch vụ công chậm',
    public_text: 'Trang nộp hồ sơ tải chậm vào giờ cao điểm' }), 'moderate');
  await ok(a.call('PUT', '/api/v1/external-codes', { entity: 'feedback_item', entity_id: it.id, system: 'pakn.nq57.vn', code: 'PAKN-2026-004567' }), 'code');
  it = await ok(head.post(`/api/v1/feedback/${it.id}/approve`, { version: it.version }), 'approve');
  assert.equal(it.state, 'published');
  receiver.mode = 'ok';
  const before = receiver.requests.length;
  assert.equal((await run(a)).sent, 1);
  const [req] = receiver.requests.slice(before).filter((r) => r.path === '/feedback');
  assert.ok(signatureValid(req, sub.secret));
  assert.equal(req.headers['x-tiendo-event-type'], 'feedback_answered');
  const body = JSON.parse(req.body);
  assert.equal(body.data.feedback_id, it.id);
  assert.equal(body.data.code, receipt.code);
  assert.equal(body.data.answer, 'Đã nâng cấp máy chủ cổng dịch vụ công.');
  assert.equal(body.data.answered_on, '2026-11-24');
  assert.equal(body.data.on_time, true);
  assert.equal(body.data.lead_unit_id, u.id);
  assert.deepEqual(body.data.external_codes, { 'pakn.nq57.vn': 'PAKN-2026-004567' });
  // The sender's name and contact never leave the city.
  assert.ok(!req.body.includes('0905') && !req.body.includes('Nguyễn Văn An'));
  assert.equal((await run(a)).sent, 0);
  await city.stop();
});
