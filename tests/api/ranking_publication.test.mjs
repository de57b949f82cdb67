// Issue 14, item 8: the standing agency publishes a month's ranking. A published ranking is the ranking as of the
// month's last day (R15), kept as it was read, once per plan, group and month; whole-city roles read all of it, a
// unit its own rows; a month not yet ended, a bad month or a second publication is refused with the field named.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, directiveByNumber, restarted } from './harness.mjs';

let server, agency, plan;
before(async () => {
  server = await startServer({ args: ['--scheduler-seconds', '0'] });
  agency = await client(server, 'skhcn');
  plan = await directiveByNumber(agency, '27/QĐ-BCĐ');
});
after(async () => { await server?.stop(); });

// The table as published; shares to 12 significant digits (the kept JSON text is read back to within the last
// bit of a double, far below any figure shown).
const round = (v) => (typeof v === 'number' ? Number(v.toPrecision(12)) : Array.isArray(v) ? v.map(round)
  : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, round(x)])) : v);
const strip = (r) => round({ peer_group: r.peer_group, formula: r.formula, weights: r.weights, items: r.items });

test('a published month is the ranking as of its last day, kept as read and shown with when and by whom', async () => {
  const r = await agency.post('/api/v1/ranking/publications', { directive_id: plan.id, peer_group: 'commune', month: '2026-10' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.as_of, '2026-10-31');
  assert.equal(r.body.month_label, 'tháng 10/2026');
  assert.equal(r.body.directive_number, '27/QĐ-BCĐ');
  assert.ok(r.body.published_by_name);
  const live = await agency.get(`/api/v1/ranking?directive_id=${plan.id}&peer_group=commune&as_of=2026-10-31`);
  assert.equal(live.status, 200);
  assert.ok(live.body.items.length > 10, 'the whole group, not its ends');
  assert.deepEqual(strip(r.body.ranking), strip(live.body));
  const again = await agency.get(`/api/v1/ranking/publications/${r.body.id}`);
  assert.deepEqual(strip(again.body.ranking), strip(live.body));
  assert.equal(again.body.ranking.total, live.body.items.length);
  const list = await agency.get(`/api/v1/ranking/publications?directive_id=${plan.id}`);
  assert.deepEqual(list.body.items.map((p) => p.id), [r.body.id]);
  const audit = (await (await client(server, 'admin')).get('/api/v1/audit?entity=ranking_publication&limit=5')).body.items;
  assert.ok(audit.some((e) => e.action === 'publish'), 'the publication is audited');

  // Once per plan, group and month: the second is refused and the first stays as it was.
  const twice = await agency.post('/api/v1/ranking/publications', { directive_id: plan.id, peer_group: 'commune', month: '2026-10' });
  assert.equal(twice.status, 409);
  assert.equal(twice.body.error.field, 'month');
  // Another group, or all plans, is its own publication.
  const dept = await agency.post('/api/v1/ranking/publications', { directive_id: plan.id, peer_group: 'department', month: '2026-10' });
  assert.equal(dept.status, 201, JSON.stringify(dept.body));
  const all = await agency.post('/api/v1/ranking/publications', { peer_group: 'commune', month: '2026-10' });
  assert.equal(all.status, 201, JSON.stringify(all.body));
  assert.equal(all.body.directive_id, null);
  assert.deepEqual(strip(all.body.ranking), strip((await agency.get('/api/v1/ranking?peer_group=commune&as_of=2026-10-31')).body));
});

test('a unit reads its own rows of a published ranking; whole-city roles read all of it', async () => {
  const pub = (await agency.get(`/api/v1/ranking/publications?directive_id=${plan.id}&peer_group=commune`)).body.items[0];
  const whole = (await agency.get(`/api/v1/ranking/publications/${pub.id}`)).body.ranking;
  const leader = (await (await client(server, 'lanhdao')).get(`/api/v1/ranking/publications/${pub.id}`)).body.ranking;
  assert.deepEqual(leader.items, whole.items);
  const focal = await client(server, 'haian');
  const me = (await focal.get('/api/v1/auth/me')).body;
  const mine = (await focal.get(`/api/v1/ranking/publications/${pub.id}`)).body.ranking;
  assert.ok(mine.items.length >= 1, 'its own place');
  assert.ok(mine.items.length < whole.items.length);
  for (const row of mine.items) assert.equal(row.unit_id, me.unit_id, 'no other unit\'s row');
  assert.equal(mine.total, whole.items.length, 'the size of the group is said');
  // A commune neither publishes nor reads a ranking that does not exist.
  assert.equal((await focal.post('/api/v1/ranking/publications', { peer_group: 'commune', month: '2026-09' })).status, 403);
  assert.equal((await focal.get('/api/v1/ranking/publications/99999')).status, 404);
});

test('a month not yet ended, a bad month or a bad group is refused, naming the field in Vietnamese', async () => {
  const cases = [
    [{ peer_group: 'commune', month: '2026-11' }, 409, 'month', /chưa kết thúc/],
    [{ peer_group: 'commune', month: '2026-13' }, 400, 'month', /Tháng/],
    [{ peer_group: 'commune', month: 'tháng 10' }, 400, 'month', /Tháng/],
    [{ peer_group: 'commune' }, 400, 'month', /Tháng/],
    [{ peer_group: 'xa', month: '2026-10' }, 400, 'peer_group', /Nhóm so sánh/],
    [{ peer_group: 'commune', month: '2026-09', directive_id: 999999 }, 400, 'directive_id', /kế hoạch/],
  ];
  for (const [body, status, field, message] of cases) {
    const r = await agency.post('/api/v1/ranking/publications', body);
    assert.equal(r.status, status, JSON.stringify([body, r.body]));
    assert.equal(r.body.error.field, field);
    assert.match(r.body.error.message, message);
  }
  assert.equal((await agency.get('/api/v1/ranking/publications?directive_id=999999')).body.total, 0, 'nothing half-written');
});

test('once the month has ended it can be published, and a later report does not change what was published', async () => {
  [server, agency] = await restarted(server, '2026-12-02T03:00:00Z', 'skhcn');
  const r = await agency.post('/api/v1/ranking/publications', { directive_id: plan.id, peer_group: 'commune', month: '2026-11' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.as_of, '2026-11-30');
  // November's report sent late, after the month: the published table and the ranking as of 30/11 stay the same.
  const focal = await client(server, 'haian');
  const created = await focal.post('/api/v1/reports', { directive_id: plan.id, period: '2026-11', unit_id: (await focal.get('/api/v1/auth/me')).body.unit_id });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const items = created.body.items.map((i) => ({ assignment_id: i.assignment_id, progress_percent: 100, work_done: 'Xong' }));
  assert.equal((await focal.put(`/api/v1/reports/${created.body.id}`, { version: created.body.version, items })).status, 200);
  assert.equal((await focal.post(`/api/v1/reports/${created.body.id}/submit`)).status, 200);
  const later = (await agency.get(`/api/v1/ranking/publications/${r.body.id}`)).body.ranking;
  assert.deepEqual(strip(later), strip(r.body.ranking));
  assert.deepEqual(strip((await agency.get(`/api/v1/ranking?directive_id=${plan.id}&peer_group=commune&as_of=2026-11-30`)).body), strip(r.body.ranking));
});
