// Issue 17: a stalled assignment and a steady one, told month by month with the server's clock restarted at
// each report: GET /risks flags the stalled one with its reason, never the steady one, and a past date reads
// only the reports submitted by its end.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, ok, restarted } from './harness.mjs';

let server, admin;
const ids = {};

async function sendReport(unitId, period, progress, beyond = false) {
  const created = await ok(admin.post('/api/v1/reports', { directive_id: ids.plan, period, unit_id: unitId }), `report ${period}`);
  const report = (await admin.get(`/api/v1/reports/${created.id}`)).body;
  const items = report.items.map((i) => ({ assignment_id: i.assignment_id, progress_percent: progress, work_done: 'Đang làm',
    ...(beyond ? { difficulties: 'Cần thành phố quyết định mặt bằng', exceeds_authority: true } : {}) }));
  await ok(admin.put(`/api/v1/reports/${report.id}`, { version: report.version, items, indicator_values: [] }), 'edit');
  await ok(admin.post(`/api/v1/reports/${report.id}/submit`), 'submit');
  return { report_id: report.id, assignment_id: items[0].assignment_id };
}

before(async () => {
  server = await startServer({ clock: '2026-06-05T03:00:00Z' });
  admin = await client(server, 'admin');
  const root = (await admin.get('/api/v1/units?limit=1000')).body.items.find((u) => u.parent_id == null);
  const unit = (code) => ok(admin.post('/api/v1/units', { code, name: `Đơn vị ${code}`, parent_id: root.id, kind: 'commune' }), code);
  ids.stalled = (await unit('RS-A')).id;
  ids.steady = (await unit('RS-B')).id;
  ids.waiting = (await unit('RS-C')).id;
  ids.plan = (await ok(admin.post('/api/v1/directives', { number: '97/KH-RISK', kind: 'plan', title: 'Kế hoạch kiểm tra cảnh báo sớm',
    has_plan: true, year: 2026, issued_on: '2026-06-01' }), 'plan')).id;
  await ok(admin.post('/api/v1/tasks', { directive_id: ids.plan, code: 'R1', name: 'Việc cuối năm', deadline_text: '31/12/2026',
    lead_unit_ids: [ids.stalled, ids.steady, ids.waiting] }), 'task');
  // Each month's report on the 10th of the next: A stops at 30 % from August, B climbs 20 % a month, and C climbs
  // like B but flags a difficulty beyond its authority in its July report (sent 10/08), never answered.
  const months = [['2026-06', 10, 20], ['2026-07', 30, 40], ['2026-08', 30, 60], ['2026-09', 30, 80], ['2026-10', 30, 90]];
  for (const [period, a, b] of months) {
    const [y, m] = period.split('-').map(Number);
    [server, admin] = await restarted(server, `${y}-${String(m + 1).padStart(2, '0')}-10T03:00:00Z`);
    await sendReport(ids.stalled, period, a);
    await sendReport(ids.steady, period, b);
    const sent = await sendReport(ids.waiting, period, b, period === '2026-07');
    if (period === '2026-07') ids.flag = sent;
  }
});
after(async () => server?.stop());

const mine = (r) => r.items.filter((i) => i.unit_id === ids.stalled || i.unit_id === ids.steady);
const waiting = (r) => r.items.find((i) => i.unit_id === ids.waiting);

test('stalled work is at risk with its reason; steady work is not', async () => {
  const r = await ok(admin.get(`/api/v1/risks?directive_id=${ids.plan}`), 'risks');
  assert.equal(r.forecast_count, 3);
  const items = mine(r);
  assert.equal(items.length, 1);
  const [a] = items;
  assert.equal(a.unit_id, ids.stalled);
  assert.equal(a.stalled, true);
  assert.equal(a.unchanged_periods, 3);
  assert.match(a.reason, /^tiến độ 30 % sau 5\/7 tháng; 3 kỳ liền không đổi/);
});

test('a past date reads only the reports submitted by its end', async () => {
  // At 31/10 (before October's report on 10/11): A had reported June–September, unchanged for two months only.
  const r = await ok(admin.get(`/api/v1/risks?directive_id=${ids.plan}&as_of=2026-10-31`), 'risks 31/10');
  assert.equal(r.forecast_count, 3);
  const a = mine(r).find((i) => i.unit_id === ids.stalled);
  assert.ok(!a || (!a.stalled && a.unchanged_periods === 2), 'not yet stalled on 31/10');
  // At 30/6 nothing was reported yet: no history, no forecast to flag.
  assert.deepEqual(mine(await ok(admin.get(`/api/v1/risks?directive_id=${ids.plan}&as_of=2026-06-30`), '30/6')), []);
});

test('a flag beyond the unit\'s authority unanswered for 30 days puts on-pace work at risk until it is answered', async () => {
  // Today (10/11) the flag raised on 10/08 has waited 92 days.
  const r = await ok(admin.get(`/api/v1/risks?directive_id=${ids.plan}`), 'risks');
  assert.equal(r.unanswered_days, 30);
  const c = waiting(r);
  assert.ok(c, 'C is at risk');
  assert.equal(c.stalled, false);
  assert.equal(c.unanswered_days, 92);
  assert.match(c.reason, /kiến nghị vượt thẩm quyền từ 10\/08\/2026 chưa được trả lời 92 ngày/);
  assert.ok(c.expected_done <= c.due, 'on pace: the flag alone puts it at risk');
  // On 08/09 it had waited 29 days: not yet.
  assert.equal(waiting(await ok(admin.get(`/api/v1/risks?directive_id=${ids.plan}&as_of=2026-09-08`), '08/09')), undefined);
  assert.equal(waiting(await ok(admin.get(`/api/v1/risks?directive_id=${ids.plan}&as_of=2026-09-09`), '09/09')).unanswered_days, 30);
  // The plan's own threshold, edited today by the standing agency: 100 days. Today C has waited 92: not at risk;
  // yesterday was judged by the rule in force then (R15). A's threshold of stalled periods likewise.
  const rule = await ok(admin.put(`/api/v1/directives/${ids.plan}/reporting-rule`, { unanswered_days: 100, stalled_periods: 4 }), 'rule');
  assert.equal(rule.unanswered_days, 100);
  assert.equal(rule.stalled_periods, 4);
  const edited = await ok(admin.get(`/api/v1/risks?directive_id=${ids.plan}`), 'edited');
  assert.equal(edited.unanswered_days, 100);
  assert.equal(edited.stalled_periods, 4);
  assert.equal(waiting(edited), undefined);
  const a = edited.items.find((i) => i.unit_id === ids.stalled);
  assert.ok(!a || (!a.stalled && a.unchanged_periods === 3), 'three unchanged reports no longer stall it');
  const yesterday = await ok(admin.get(`/api/v1/risks?directive_id=${ids.plan}&as_of=2026-11-09`), 'yesterday');
  assert.equal(yesterday.unanswered_days, 30);
  assert.equal(waiting(yesterday).unanswered_days, 91);
  const audit = (await ok(admin.get(`/api/v1/audit?entity=reporting_rule&entity_id=${ids.plan}&limit=200`), 'audit')).items;
  assert.ok(audit.some((e) => e.action === 'update' && e.after?.unanswered_days === 100 && e.before?.unanswered_days === 30), 'audited');
  assert.equal((await admin.put(`/api/v1/directives/${ids.plan}/reporting-rule`, { unanswered_days: 0 })).status, 400);
  await ok(admin.put(`/api/v1/directives/${ids.plan}/reporting-rule`, { unanswered_days: 30, stalled_periods: 3 }), 'back');
  // Answered today: no longer at risk from today, still at risk on the days before (R15).
  await ok(admin.post(`/api/v1/escalations/${ids.flag.report_id}/${ids.flag.assignment_id}/answer`,
    { answer: 'Thành phố đã giao Sở Xây dựng xử lý mặt bằng.' }), 'answer');
  assert.equal(waiting(await ok(admin.get(`/api/v1/risks?directive_id=${ids.plan}`), 'after')), undefined);
  assert.equal(waiting(await ok(admin.get(`/api/v1/risks?directive_id=${ids.plan}&as_of=2026-11-09`), 'before')).unanswered_days, 91);
});
