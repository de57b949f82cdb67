// R2, the first reporting period (issue 14, item 6): a plan is reported on from the first period whose last
// on-time day falls at least N days (10 by default, set per plan) after its issue date. Nothing is owed, missed or
// openable before it; a plan without an issue date is not open for reporting; and a change of N is history (R15):
// a past date keeps the answer it had.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, ok, unitByCode, restarted } from './harness.mjs';

let server, skhcn, haian, unit;

// The server's clock starts on 24/11/2026: November (due 19/11) is the judged period, December the open one.
before(async () => {
  server = await startServer();
  skhcn = await client(server, 'skhcn');
  haian = await client(server, 'haian');
  unit = await unitByCode(skhcn, 'P-HAIAN');
});
after(async () => { await server?.stop(); });

async function planWithTask(number, issued) {
  const plan = await ok(skhcn.post('/api/v1/directives', { number, kind: 'plan', title: `Kế hoạch thử ${number}`,
    ...(issued ? { issued_on: issued } : {}), has_plan: true, year: 2026 }), number);
  await ok(skhcn.post('/api/v1/tasks', { directive_id: plan.id, code: `${number}-1`, name: 'Triển khai kế hoạch',
    deadline_text: '31/12/2026', lead_unit_ids: [unit.id] }), 'task');
  return plan;
}

const obligations = async (plan, period, asOf) => (await ok(skhcn.get(
  `/api/v1/report-obligations?directive_id=${plan.id}&period=${period}&limit=500${asOf ? `&as_of=${asOf}` : ''}`),
'obligations')).items.filter((o) => o.unit_id === unit.id);

test('a plan issued on 10/11/2026: November is due 9 days later, so December is its first period', async () => {
  const plan = await planWithTask('301/KH-KYDAU', '2026-11-10');
  const detail = await ok(skhcn.get(`/api/v1/directives/${plan.id}`), 'detail');
  assert.deepEqual(detail.first_period, { period: '2026-12', due_date: '2026-12-19' });
  assert.equal(detail.judged_period.period, '2026-11');

  // November is owed by no one: no missing report, no missed update, and no report of it can be opened.
  assert.deepEqual(await obligations(plan, '2026-11'), []);
  const refused = await haian.post('/api/v1/reports', { directive_id: plan.id, period: '2026-11' });
  assert.equal(refused.status, 400, JSON.stringify(refused.body));
  assert.equal(refused.body.error.field, 'period');
  assert.match(refused.body.error.message, /tháng 11\/2026 \(19\/11\/2026\) chưa đủ 10 ngày sau ngày ban hành kế hoạch \(10\/11\/2026\): kỳ báo cáo đầu tiên là tháng 12\/2026/);
  // Its one assignment (due 31/12, not yet due soon) would be on the warning list only for a missed update.
  const mine = await ok(haian.get(`/api/v1/assignments?directive_id=${plan.id}&limit=10`), 'assignments');
  assert.equal(mine.items.length, 1);
  assert.equal(mine.items[0].status, 'not_started');
  const warned = await ok(haian.get(`/api/v1/assignments?directive_id=${plan.id}&warning=true&limit=10`), 'warnings');
  assert.equal(warned.items.length, 0, 'no update is owed for a period before the first');

  // December is the first period: it is owed (pending until its due day) and its report opens.
  assert.equal((await obligations(plan, '2026-12')).length, 1);
  await ok(haian.post('/api/v1/reports', { directive_id: plan.id, period: '2026-12' }), 'December report');
});

test('a plan without an issue date is not open for reporting', async () => {
  const plan = await planWithTask('302/KH-KYDAU');
  const detail = await ok(skhcn.get(`/api/v1/directives/${plan.id}`), 'detail');
  assert.equal(detail.first_period, null);
  assert.deepEqual(await obligations(plan, '2026-11'), []);
  assert.deepEqual(await obligations(plan, '2026-12'), []);
  const refused = await haian.post('/api/v1/reports', { directive_id: plan.id, period: '2026-12' });
  assert.equal(refused.status, 409, JSON.stringify(refused.body));
  assert.equal(refused.body.error.field, 'directive_id');
  assert.match(refused.body.error.message, /chưa có ngày ban hành/);
});

test('the number of days is set per plan, checked, and a past date keeps the rule of its time', async () => {
  const plan = await planWithTask('303/KH-KYDAU', '2026-11-10');
  const bad = await skhcn.put(`/api/v1/directives/${plan.id}/reporting-rule`, { first_period_lead_days: 91 });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'first_period_lead_days');
  assert.match(bad.body.error.message, /Số ngày từ ngày ban hành đến hạn kỳ báo cáo đầu tiên/);
  // Two days later (the plan existed on 25/11), November is still owed by no one.
  [server, skhcn] = await restarted(server, '2026-11-26T03:00:00Z', 'skhcn');
  const asked = '2026-11-25';
  assert.deepEqual(await obligations(plan, '2026-11', asked), [], 'before the change');

  const rule = await ok(skhcn.put(`/api/v1/directives/${plan.id}/reporting-rule`, { first_period_lead_days: 5 }), 'rule');
  assert.equal(rule.first_period_lead_days, 5);
  const detail = await ok(skhcn.get(`/api/v1/directives/${plan.id}`), 'detail');
  assert.equal(detail.first_period.period, '2026-11');
  // Today November is owed and missing ...
  const now = await obligations(plan, '2026-11');
  assert.equal(now.length, 1);
  assert.equal(now[0].timeliness, 'missing');
  const warned = await ok(skhcn.get(`/api/v1/assignments?directive_id=${plan.id}&warning=true&limit=10`), 'warnings');
  assert.equal(warned.items.length, 1, 'the update owed for November is missed');
  // ... but 25/11 was judged by the rule in force then, and reads the same after the change.
  assert.deepEqual(await obligations(plan, '2026-11', asked), [], 'a past date is not rewritten');
});
