import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, unitByCode, directiveByNumber } from './harness.mjs';

let server, skhcn, plan;
before(async () => {
  server = await startServer();
  skhcn = await client(server, 'skhcn');
  plan = await directiveByNumber(skhcn, '27/QĐ-BCĐ');
});
after(async () => { await server?.stop(); });

test('every status appears in the demo on 24/11/2026', async () => {
  const d = await skhcn.get('/api/v1/dashboard');
  for (const s of ['not_started', 'in_progress', 'due_soon', 'overdue', 'done_on_time', 'done_late', 'recurring_updated',
    'recurring_not_updated', 'waiting', 'no_deadline', 'paused', 'cancelled']) {
    assert.ok(d.body.assignments.by_status[s] > 0, s);
  }
});

test('the 2026 plan has its 12 indicators and 16 tasks (and one added in November)', async () => {
  const ind = await skhcn.get(`/api/v1/indicators?directive_id=${plan.id}&limit=100`);
  assert.equal(ind.status, 200);
  assert.equal(ind.body.total, 12);
  const twelve = ind.body.items.find((i) => i.code === '12');
  assert.equal(twelve.target_text, '5 sản phẩm');
  assert.equal(twelve.aggregation, 'cumulative');
  const three = ind.body.items.find((i) => i.code === '3');
  assert.deepEqual(three.level_targets.map((l) => [l.level, l.target_value]), [['city', 70], ['commune', 70]]);
  for (const i of ind.body.items) assert.ok(['met', 'on_track', 'at_risk', 'no_data'].includes(i.evaluation.status));
  const tasks = await skhcn.get(`/api/v1/tasks?directive_id=${plan.id}&limit=100`);
  assert.equal(tasks.body.items.filter((t) => Number(t.code) <= 16).length, 16);
  assert.equal(tasks.body.total, 17);
  const kinds = Object.fromEntries(tasks.body.items.map((t) => [t.code, t.deadline_kind]));
  assert.equal(kinds['4'], 'quarter');
  assert.equal(kinds['2'], 'recurring');
  assert.equal(kinds['10'], 'roadmap');
  assert.equal(kinds['11'], 'conditional');
  assert.equal(kinds['7'], 'exact');
  assert.equal(kinds['14'], 'month');
  const t4 = tasks.body.items.find((t) => t.code === '4');
  assert.equal(t4.deadline_text, 'Quý II/2026');
  assert.equal(t4.deadline_due, '2026-06-30');
  // A task given to "UBND cấp xã" and the departments binds every one of them.
  assert.equal(t4.rollup.total, 114 + 15);
});

test('the basis chain runs from 57-NQ/TW down to the ward plan', async () => {
  const ward = await directiveByNumber(skhcn, '126/KH-UBND');
  const r = await skhcn.get(`/api/v1/directives/${ward.id}`);
  const chain = r.body.basis_chain.map((d) => d.number);
  assert.ok(chain.includes('27/QĐ-BCĐ'));
  assert.ok(chain.includes('57-NQ/TW'));
  const q = await skhcn.get(`/api/v1/directives/${plan.id}`);
  assert.ok(q.body.implemented_by.some((d) => d.number === '126/KH-UBND'));
  assert.equal(q.body.reporting_rule.due_day, 20);
  assert.equal(q.body.task_count, 17);
});

test('text search ignores diacritics and case', async () => {
  const r = await skhcn.get('/api/v1/units?q=cong%20an');
  assert.ok(r.body.items.some((u) => u.name === 'Công an thành phố'));
  // A phrase at word starts: "HAI AN" finds Hải An, not An Hải nor Hải Dương.
  const h = await skhcn.get('/api/v1/units?q=HAI%20AN&kind=ward');
  assert.deepEqual(h.body.items.map((u) => u.name), ['Phường Hải An']);
  const n = await skhcn.get('/api/v1/directives?q=27%2FQ%C4%90-BC%C4%90');
  assert.deepEqual(n.body.items.map((d) => d.number), ['27/QĐ-BCĐ']);
  const t = await skhcn.get(`/api/v1/tasks?q=hoc%20ba%20so&directive_id=${plan.id}`);
  assert.equal(t.body.total, 1);
  assert.equal(t.body.items[0].code, '11');
});

test('the demo has 114 commune-level units: 67 xã, 45 phường, 2 đặc khu', async () => {
  const count = async (kind) => (await skhcn.get(`/api/v1/units?kind=${kind}&limit=1`)).body.total;
  assert.equal(await count('commune'), 67);
  assert.equal(await count('ward'), 45);
  assert.equal(await count('special_zone'), 2);
  const g = await skhcn.get('/api/v1/unit-groups?q=cap%20xa');
  assert.equal(g.body.items[0].member_count, 114);
});

test('lists page with limit and offset and report the total', async () => {
  const a = await skhcn.get('/api/v1/units?limit=10&offset=0');
  const b = await skhcn.get('/api/v1/units?limit=10&offset=10');
  assert.equal(a.body.items.length, 10);
  assert.equal(a.body.total, b.body.total);
  assert.notDeepEqual(a.body.items[0], b.body.items[0]);
  const bad = await skhcn.get('/api/v1/units?limit=0');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'limit');
});

test('statuses are evaluated at any date with as_of', async () => {
  const sxd = await unitByCode(skhcn, 'SYT');
  const path = `/api/v1/assignments?directive_id=${plan.id}&unit_id=${sxd.id}`;
  // Task 14 of Sở Y tế is due 30/06/2026.
  const before = await skhcn.get(`${path}&as_of=2026-06-25`);
  const t14 = before.body.items.find((a) => a.task_code === '14');
  assert.equal(t14.effective_due, '2026-06-30');
  assert.ok(['due_soon', 'done_on_time'].includes(t14.status), t14.status);
  const early = await skhcn.get(`${path}&as_of=2026-04-01`);
  assert.ok(['in_progress', 'not_started'].includes(early.body.items.find((a) => a.task_code === '14').status));
  const bad = await skhcn.get(`${path}&as_of=2026-02-30`);
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'as_of');
});

test('status filters and the roll-up agree with each other', async () => {
  const all = await skhcn.get(`/api/v1/assignments?directive_id=${plan.id}&limit=1000`);
  const counts = {};
  for (const a of all.body.items) counts[a.status] = (counts[a.status] ?? 0) + 1;
  const overdue = await skhcn.get(`/api/v1/assignments?directive_id=${plan.id}&status=overdue&limit=1`);
  assert.equal(overdue.body.total, counts.overdue ?? 0);
  const dash = await skhcn.get(`/api/v1/dashboard?directive_id=${plan.id}`);
  assert.equal(dash.body.assignments.total, all.body.total);
  assert.equal(dash.body.assignments.overdue, counts.overdue ?? 0);
  for (const [k, v] of Object.entries(counts)) assert.equal(dash.body.assignments.by_status[k], v, k);
  const statusBad = await skhcn.get('/api/v1/assignments?status=late');
  assert.equal(statusBad.status, 400);
  assert.equal(statusBad.body.error.field, 'status');
});

test('the dashboard shows the figures behind each number', async () => {
  const d = await skhcn.get('/api/v1/dashboard');
  assert.equal(d.status, 200);
  const u = d.body.update_compliance;
  assert.equal(u.target, 90);
  assert.ok(u.open >= u.updated);
  assert.equal(u.rate_text.endsWith(' %'), true);
  assert.ok(d.body.warnings.total > 0);
  assert.ok(['overdue', 'not_updated', 'due_soon'].includes(d.body.warnings.items[0].reason));
  const r = d.body.ranking.commune;
  assert.match(r.formula, /trọng số/);
  assert.ok(r.items[0].score >= r.items[r.items.length - 1].score);
  assert.ok('timeliness' in r.items[0].components);
  assert.equal(d.body.trend.length, 6);
  const full = await skhcn.get('/api/v1/ranking?peer_group=department');
  assert.equal(full.body.total, 15);
});

test('a task given to a group shows its roll-up at city level', async () => {
  const t = await skhcn.get(`/api/v1/tasks?directive_id=${plan.id}&q=bo%20truong%20thong%20tin`);
  const r = t.body.items[0].rollup;
  assert.equal(r.total, 129);
  const sum = Object.values(r.by_status).reduce((a, b) => a + b, 0);
  assert.equal(sum, r.total);
  assert.equal(r.done_on_time + r.done_late + r.overdue, r.due_by_date);
});
