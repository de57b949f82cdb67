// Issue 15, item 3: an answer owed to a citizen is chased like a task. Items due soon and overdue are on the
// inbox's warning list (?urgency=), each item says its urgency, and the reminders reach whoever must act next —
// the desk that entered it, the standing agency for the public page's items, the lead unit once chosen (its
// head too when late) — once per item and due day, so an extension brings its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, ok, unitByCode } from './harness.mjs';

const ARGS = ['--scheduler-seconds', '0'];
let server;
before(async () => { server = await startServer({ args: ARGS }); });
after(async () => { await server?.stop(); });

const entry = (over = {}) => ({ kind: 'kien_nghi', field: 'Chuyển đổi số', title: 'Wi-Fi công cộng ở chợ Cột Đèn',
  text: `Đề nghị lắp Wi-Fi ${Math.random()}`, sender_type: 'nguoi_dan', name: 'Nguyễn Văn An', contact: '0912 345 678',
  consent: true, ...over });

async function at(clock) {
  await server.stop({ keep: true });
  server = await startServer({ reuse: server, clock, args: ARGS });
}
const ids = (items) => new Set(items.map((i) => i.id));
async function warnings(username, urgency) {
  return (await ok((await client(server, username)).get(`/api/v1/feedback?urgency=${urgency}&limit=1000`), `${urgency} of ${username}`)).items;
}
async function bell(username, itemId) {
  const items = (await ok((await client(server, username)).get('/api/v1/notifications?limit=100'), `bell of ${username}`)).items;
  return items.filter((n) => n.link === `#/phan-anh/${itemId}`).map((n) => n.kind).sort();
}
async function run() {
  return (await ok((await client(server, 'admin')).post('/api/v1/reminders/run'), 'reminders')).created;
}

test('answers owed are warned of and chased, to whoever acts next, once per due day', async () => {
  // 24/11/2026: four items, each answer due 09/12/2026 (15 calendar days).
  const focal = await client(server, 'haian');
  const agency = await client(server, 'skhcn');
  const haian = await unitByCode(agency, 'P-HAIAN');
  const desk = await ok(focal.post('/api/v1/feedback', { ...entry({ contact: '0907 100 001' }), channel: 'letter' }), 'desk item');
  const anon = await client(server);
  const web = await ok(anon.call('POST', '/api/v1/public/feedback', entry({ contact: '0907 100 002' }), { 'x-real-ip': '10.9.0.1' }), 'public item');
  const webItem = (await ok(agency.get('/api/v1/feedback?limit=1000&state=received'), 'inbox')).items.find((i) => i.code === web.code);
  let led = await ok(focal.post('/api/v1/feedback', { ...entry({ contact: '0907 100 003' }), channel: 'phone' }), 'led item');
  led = await ok(focal.post(`/api/v1/feedback/${led.id}/classify`, { version: led.version, outcome: 'accepted' }), 'classify');
  led = await ok(focal.post(`/api/v1/feedback/${led.id}/assign`, { version: led.version, lead_unit_id: haian.id }), 'assign');
  for (const x of [desk, webItem, led]) {
    assert.equal(x.answer_due, '2026-12-09');
    assert.equal((await ok(agency.get(`/api/v1/feedback/${x.id}`), 'item')).urgency, 'none');
  }
  assert.ok(!ids(await warnings('skhcn', 'due_soon')).has(desk.id), 'not due soon a fortnight ahead');

  const bad = await agency.get('/api/v1/feedback?urgency=late');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'urgency');
  assert.match(bad.body.error.message, /Mức độ đến hạn/);

  // 07/12: two days before — due soon, on the warning lists as each unit's scope allows.
  await at('2026-12-07T03:00:00Z');
  const soonCity = ids(await warnings('skhcn', 'due_soon'));
  for (const x of [desk, webItem, led]) assert.ok(soonCity.has(x.id), `${x.code} due soon for the standing agency`);
  const soonHaian = ids(await warnings('haian', 'due_soon'));
  assert.ok(soonHaian.has(desk.id) && soonHaian.has(led.id) && !soonHaian.has(webItem.id));
  assert.equal((await ok((await client(server, 'skhcn')).get(`/api/v1/feedback/${led.id}`), 'item')).urgency, 'due_soon');
  assert.ok(!ids(await warnings('skhcn', 'overdue')).has(desk.id));

  assert.ok((await run()) > 0);
  assert.deepEqual(await bell('haian', desk.id), ['feedback_due'], 'the desk that entered it');
  assert.deepEqual(await bell('haian', led.id), ['feedback_due'], 'the lead unit');
  assert.deepEqual(await bell('haian.truong', desk.id), [], 'not yet the head');
  assert.deepEqual(await bell('skhcn', webItem.id), ['feedback_due'], 'the standing agency for the public page');
  assert.deepEqual(await bell('lechan', desk.id), []);
  const [notice] = (await ok((await client(server, 'haian')).get('/api/v1/notifications?limit=100'), 'bell')).items
    .filter((n) => n.link === `#/phan-anh/${desk.id}`);
  assert.match(notice.title, new RegExp(`^Kiến nghị ${desk.code}: sắp đến hạn trả lời \\(09/12/2026\\)$`));
  assert.match(notice.title_en, new RegExp(`^Recommendation ${desk.code}: answer due soon \\(09/12/2026\\)$`));
  assert.match(notice.body, /Đề nghị phân loại và giao đơn vị chủ trì trả lời/);
  // Once: a second run the same day, and a restart, add nothing for these items.
  await run();
  await at('2026-12-07T05:00:00Z');
  await run();
  assert.deepEqual(await bell('haian', desk.id), ['feedback_due']);
  assert.deepEqual(await bell('skhcn', webItem.id), ['feedback_due']);

  // The lead unit's head extends its item once (a reason shown publicly): it leaves the warning list.
  const head = await client(server, 'haian.truong');
  led = await ok(head.get(`/api/v1/feedback/${led.id}`), 'item');
  led = await ok(head.post(`/api/v1/feedback/${led.id}/extend`, { version: led.version, reason: 'Chờ ý kiến Sở Tài chính' }), 'extend');
  assert.ok(led.extended_due > '2026-12-09');
  assert.equal(led.urgency, 'none');
  assert.ok(!ids(await warnings('skhcn', 'due_soon')).has(led.id));

  // 10/12: the day after the deadline — overdue, and the head of the desk's unit is told too.
  await at('2026-12-10T03:00:00Z');
  const late = ids(await warnings('skhcn', 'overdue'));
  assert.ok(late.has(desk.id) && late.has(webItem.id) && !late.has(led.id));
  assert.equal((await ok((await client(server, 'skhcn')).get(`/api/v1/feedback/${desk.id}`), 'item')).overdue, true);
  await run();
  assert.deepEqual(await bell('haian', desk.id), ['feedback_due', 'feedback_overdue']);
  assert.deepEqual(await bell('haian.truong', desk.id), ['feedback_overdue']);
  assert.deepEqual(await bell('skhcn', webItem.id), ['feedback_due', 'feedback_overdue']);
  assert.deepEqual(await bell('haian', led.id), ['feedback_due'], 'extended: nothing more until its new date nears');
  const overdue = (await ok((await client(server, 'haian.truong')).get('/api/v1/notifications?limit=100'), 'bell')).items
    .find((n) => n.link === `#/phan-anh/${desk.id}`);
  assert.match(overdue.body, /đã quá hạn trả lời 1 ngày/);
  assert.match(overdue.body_en, /is 1 day past its answer deadline/);

  // A published answer reopened by the standing agency owes a new one: due 15 days after the reopening, not
  // overdue from the first deadline; chased again as that day nears.
  const agencyNow = await client(server, 'skhcn');
  const focalPoints = (await ok((await client(server, 'admin')).get('/api/v1/users?limit=1000'), 'users')).items
    .filter((u) => u.role === 'focal_point' && u.active !== false);
  const published = (await ok(agencyNow.get('/api/v1/feedback?state=published&limit=1000'), 'published')).items
    .find((i) => focalPoints.some((u) => u.unit_id === i.lead_unit_id) && !i.reopened_on && i.owed_by < '2026-12-01');
  assert.ok(published, 'the demo has an answered item');
  const reopened = await ok(agencyNow.post(`/api/v1/feedback/${published.id}/reopen`, { version: published.version, reason: 'Người dân phản ánh chưa được khắc phục' }), 'reopen');
  assert.equal(reopened.state, 'assigned');
  assert.equal(reopened.reopened_on, '2026-12-10');
  assert.equal(reopened.owed_by, '2026-12-25');
  assert.equal(reopened.urgency, 'none', 'not overdue by its first deadline');
  assert.equal(reopened.answer_due, published.answer_due, 'the first answer is still judged by its own deadline (R1)');
  assert.ok(!ids(await warnings('skhcn', 'overdue')).has(published.id));
  await at('2026-12-23T03:00:00Z');
  assert.ok(ids(await warnings('skhcn', 'due_soon')).has(published.id));
  await run();
  const leadUsers = focalPoints.filter((u) => u.unit_id === published.lead_unit_id);
  const again = (await ok((await client(server, leadUsers[0].username)).get('/api/v1/notifications?limit=100'), 'bell')).items
    .filter((n) => n.link === `#/phan-anh/${published.id}`);
  assert.deepEqual(again.map((n) => n.kind), ['feedback_due']);
  assert.match(again[0].title, /\(25\/12\/2026\)/);

  // Classified away (not accepted, with its reason), an item is owed nothing more: off the warning list.
  const deskUnit = await client(server, 'haian');
  const now = await ok(deskUnit.get(`/api/v1/feedback/${desk.id}`), 'item');
  const refused = await ok(deskUnit.post(`/api/v1/feedback/${desk.id}/classify`, { version: now.version, outcome: 'not_accepted', reason: 'Không thuộc phạm vi' }), 'refuse');
  assert.equal(refused.urgency, 'none');
  assert.ok(!ids(await warnings('skhcn', 'overdue')).has(desk.id));
});
