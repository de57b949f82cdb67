// Issue 17: a stalled assignment and a steady one, told month by month with the server's clock restarted at
// each report: GET /risks flags the stalled one with its reason, never the steady one, and a past date reads
// only the reports submitted by its end. Also on-pace work that writes the same obstacle month after month (in
// other words each time), and a coordinating unit named at a past date after its task was removed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, ok, restarted } from './harness.mjs';

let server, admin;
const ids = {};

async function sendReport(unitId, period, progress, beyond = false, difficulties = '') {
  const created = await ok(admin.post('/api/v1/reports', { directive_id: ids.plan, period, unit_id: unitId }), `report ${period}`);
  const report = (await admin.get(`/api/v1/reports/${created.id}`)).body;
  const items = report.items.map((i) => ({ assignment_id: i.assignment_id, progress_percent: progress, work_done: 'Đang làm',
    difficulties, ...(beyond ? { difficulties: 'Cần thành phố quyết định mặt bằng', exceeds_authority: true } : {}) }));
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
  ids.repeating = (await unit('RS-D')).id;
  ids.coordinator = (await unit('RS-X')).id;
  ids.plan = (await ok(admin.post('/api/v1/directives', { number: '97/KH-RISK', kind: 'plan', title: 'Kế hoạch kiểm tra cảnh báo sớm',
    has_plan: true, year: 2026, issued_on: '2026-06-01' }), 'plan')).id;
  await ok(admin.post('/api/v1/tasks', { directive_id: ids.plan, code: 'R1', name: 'Việc cuối năm', deadline_text: '31/12/2026',
    lead_unit_ids: [ids.stalled, ids.steady, ids.waiting] }), 'task');
  // D's own task, with a coordinating unit: D climbs like B but writes the same obstacle from July on.
  ids.task2 = (await ok(admin.post('/api/v1/tasks', { directive_id: ids.plan, code: 'R2', name: 'Việc có phối hợp', deadline_text: '31/12/2026',
    lead_unit_ids: [ids.repeating], coordinating_unit_ids: [ids.coordinator] }), 'task 2')).id;
  const obstacle = { '2026-07': 'Vướng mặt bằng, chưa giải phóng xong', '2026-08': 'vuong mat bang chua giai phong xong',
    '2026-09': 'Chưa giải phóng xong mặt bằng thi công', '2026-10': 'Vướng mặt bằng, chưa giải phóng xong' };
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
    await sendReport(ids.repeating, period, b, false, obstacle[period] ?? '');
  }
});
after(async () => server?.stop());

const mine = (r) => r.items.filter((i) => i.unit_id === ids.stalled || i.unit_id === ids.steady);
const waiting = (r) => r.items.find((i) => i.unit_id === ids.waiting);
const repeating = (r) => r.items.find((i) => i.unit_id === ids.repeating);

test('stalled work is at risk with its reason; steady work is not', async () => {
  const r = await ok(admin.get(`/api/v1/risks?directive_id=${ids.plan}`), 'risks');
  assert.equal(r.forecast_count, 4);
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
  assert.equal(r.forecast_count, 4);
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

test('the same difficulty written three months in a row puts on-pace work at risk, as known at each date', async () => {
  // Today: July to October say the same obstacle (four wordings of it, diacritics or not).
  const r = await ok(admin.get(`/api/v1/risks?directive_id=${ids.plan}`), 'risks');
  const d = repeating(r);
  assert.ok(d, 'D is at risk');
  assert.equal(d.stalled, false);
  assert.equal(d.repeated_difficulty_periods, 4);
  assert.equal(d.repeated_difficulty, 'Vướng mặt bằng, chưa giải phóng xong');
  assert.match(d.reason, /; cùng một khó khăn 4 kỳ liền: Vướng mặt bằng, chưa giải phóng xong/);
  assert.ok(d.expected_done <= d.due, 'on pace: the repeated difficulty alone puts it at risk');
  for (const x of r.items.filter((i) => i.unit_id !== ids.repeating)) assert.equal(x.repeated_difficulty_periods, null);
  // 09/10, before September's report (sent 10/10): only July and August known, two months: not yet.
  assert.equal(repeating(await ok(admin.get(`/api/v1/risks?directive_id=${ids.plan}&as_of=2026-10-09`), '09/10')), undefined);
  const oct10 = repeating(await ok(admin.get(`/api/v1/risks?directive_id=${ids.plan}&as_of=2026-10-10`), '10/10'));
  assert.equal(oct10.repeated_difficulty_periods, 3);
  assert.match(oct10.reason, /; cùng một khó khăn 3 kỳ liền: Chưa giải phóng xong mặt bằng thi công/);
  // The plan's setting is the stalled periods' (one "N periods" for both): five from today; yesterday was judged by
  // the three in force then, with October's report (sent today) not yet known.
  await ok(admin.put(`/api/v1/directives/${ids.plan}/reporting-rule`, { stalled_periods: 5 }), 'rule 5');
  assert.equal(repeating(await ok(admin.get(`/api/v1/risks?directive_id=${ids.plan}`), 'five')), undefined);
  assert.equal(repeating(await ok(admin.get(`/api/v1/risks?directive_id=${ids.plan}&as_of=2026-11-09`), 'yesterday')).repeated_difficulty_periods, 3);
  await ok(admin.put(`/api/v1/directives/${ids.plan}/reporting-rule`, { stalled_periods: 3 }), 'rule back');
});

test('a past date names the coordinating units its at-risk work had, after the task is removed', async () => {
  const named = (r) => r.bottlenecks.coordinating_unit.find((g) => g.name === 'Đơn vị RS-X');
  const today = await ok(admin.get(`/api/v1/risks?directive_id=${ids.plan}`), 'today');
  assert.deepEqual(named(today)?.assignment_ids, [repeating(today).assignment_id]);
  assert.equal((await admin.call('DELETE', `/api/v1/tasks/${ids.task2}`)).status < 300, true, 'task removed');
  const after = await ok(admin.get(`/api/v1/risks?directive_id=${ids.plan}`), 'after');
  assert.equal(repeating(after), undefined);
  assert.equal(named(after), undefined);
  // 20/10 was not asked before: computed now, from the plan as it was then (R15).
  const past = await ok(admin.get(`/api/v1/risks?directive_id=${ids.plan}&as_of=2026-10-20`), '20/10');
  assert.deepEqual(named(past)?.assignment_ids, [repeating(past).assignment_id]);
});
