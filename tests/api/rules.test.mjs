// docs/RULES.md through the public API, on a small plan of its own beside the demo: a commune open all year,
// a commune opened in July, a commune closed at the end of June and a department that only coordinates.
// Reports are sent at 23:58 on the 19th and at 00:01 on the 20th (the server's --clock), and the dashboard,
// the ranking and the indicators are read on the due day and the day after.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, ok, restarted } from './harness.mjs';

// 23:58 on 19/11/2026 in Hải Phòng: the last minutes of the November report's due day.
const DUE_DAY_2358 = '2026-11-19T16:58:00Z';
// 00:01 on 20/11/2026: the day after.
const DAY_AFTER_0001 = '2026-11-19T17:01:00Z';

let server, admin;
const ids = {};

async function sendReport(c, unitId, period, values = []) {
  const created = await ok(await c.post('/api/v1/reports', { directive_id: ids.plan, period, unit_id: unitId }),
    `report ${period}`);
  const report = (await c.get(`/api/v1/reports/${created.id}`)).body;
  const items = report.items.map((i) => ({ assignment_id: i.assignment_id, progress_percent: 50, work_done: 'Đang làm' }));
  await ok(await c.put(`/api/v1/reports/${report.id}`, { version: report.version, items, indicator_values: values }),
    'edit');
  return ok(await c.post(`/api/v1/reports/${report.id}/submit`), 'submit');
}

async function restartAt(clock) {
  [server, admin] = await restarted(server, clock);
}

const dashboard = () => admin.get(`/api/v1/dashboard?directive_id=${ids.plan}`).then((r) => r.body);
const ranking = () => admin.get(`/api/v1/ranking?directive_id=${ids.plan}&peer_group=commune`).then((r) => r.body);

before(async () => {
  server = await startServer({ clock: DUE_DAY_2358 });
  admin = await client(server, 'admin');
  const root = (await admin.get('/api/v1/units?limit=1000')).body.items.find((u) => u.parent_id == null);
  const unit = (code, extra) => ok(admin.post('/api/v1/units', { code, name: `Đơn vị ${code}`, parent_id: root.id, ...extra }), code);
  // R12: no peer group given: a commune is compared with communes.
  ids.open = (await unit('RX-MO', { kind: 'commune' })).id;
  ids.july = (await unit('RX-JUL', { kind: 'commune', active_from: '2026-07-01' })).id;
  ids.closed = (await unit('RX-CLO', { kind: 'commune', active_to: '2026-06-30' })).id;
  ids.coord = (await unit('RX-SO', { kind: 'department' })).id;
  ids.plan = (await ok(admin.post('/api/v1/directives', { number: '99/KH-RULES', kind: 'plan', title: 'Kế hoạch kiểm tra quy tắc',
    issued_on: '2026-01-02', has_plan: true, year: 2026 }), 'plan')).id;
  const group = await ok(admin.post('/api/v1/unit-groups', { code: 'RX-XA', name: 'Các xã kiểm tra',
    member_ids: [ids.open, ids.july, ids.closed] }), 'group');
  ids.count = (await ok(admin.post('/api/v1/indicators', { directive_id: ids.plan, code: 'RX1', name: 'Sản phẩm số',
    target_text: '5 sản phẩm', aggregation: 'sum', reporting_group_id: group.id }), 'count indicator')).id;
  ids.share = (await ok(admin.post('/api/v1/indicators', { directive_id: ids.plan, code: 'RX2', name: 'Hồ sơ trực tuyến',
    target_text: '≥80%', aggregation: 'ratio_of_sums', reporting_group_id: group.id }), 'share indicator')).id;
  const communes = [ids.open, ids.july, ids.closed];
  await ok(admin.post('/api/v1/tasks', { directive_id: ids.plan, code: 'R1', name: 'Việc cả năm', deadline_text: '31/12/2026',
    lead_unit_ids: communes, coordinating_unit_ids: [ids.coord] }), 'task 1');
  await ok(admin.post('/api/v1/tasks', { directive_id: ids.plan, code: 'R2', name: 'Việc quý III', deadline_text: '30/9/2026',
    lead_unit_ids: [ids.open, ids.july], coordinating_unit_ids: [ids.coord] }), 'task 2');
  await ok(admin.post('/api/v1/tasks', { directive_id: ids.plan, code: 'R3', name: 'Việc thường xuyên', deadline_text: 'Thường xuyên',
    lead_unit_ids: [ids.open] }), 'task 3');

  // 23:58 on the 19th: the open commune sends November (on time), the July commune October (late).
  await sendReport(admin, ids.open, '2026-11', [{ indicator_id: ids.count, value: 4 }, { indicator_id: ids.share, numerator: 35, denominator: 40 }]);
  await sendReport(admin, ids.july, '2026-10', [{ indicator_id: ids.count, value: 2 }]);
});
after(async () => { await server?.stop(); });

test('R12: a unit created as a commune is in the commune peer group', async () => {
  const u = (await admin.get(`/api/v1/units/${ids.open}`)).body;
  assert.equal(u.peer_group, 'commune');
  const d = (await admin.get(`/api/v1/units/${ids.coord}`)).body;
  assert.equal(d.peer_group, 'department');
});

test('R3/R4/R5 on the due day: October is judged, November is still open', async () => {
  const d = await dashboard();
  const rep = d.reports.find((r) => r.directive_id === ids.plan);
  assert.equal(rep.period, '2026-10');
  assert.equal(rep.rule, 'R4');
  // R2: the open commune and the July commune (active on 19/10) lead work; the closed one and the
  // coordinating department owe nothing.
  assert.equal(rep.summary.expected, 2);
  assert.equal(rep.summary.late, 1);     // the July commune's October report, sent on 19/11
  assert.equal(rep.summary.missing, 1);  // the open commune sent no October report
  // R5: only the judged (October) report's items count as updates: the July commune's two.
  assert.equal(d.update_compliance.open, 5);
  assert.equal(d.update_compliance.updated, 2);
  assert.equal(d.update_compliance.rule, 'R5');
  // The November figure is not judged yet: the indicators stand for October.
  const count = d.indicators.items.find((i) => i.id === ids.count);
  assert.equal(count.evaluation.period, '2026-10');
  assert.equal(count.evaluation.actual.value, 2);
});

test('R1/R7/R8: the closed commune has nothing counted; recurring work leaves the ratios', async () => {
  const d = await dashboard();
  const a = d.assignments;
  // Open commune: R1, R2, R3; July commune: R1, R2. The closed commune's R1 is not counted.
  assert.equal(a.total, 5);
  assert.equal(a.overdue, 2);
  assert.equal(a.counted, 4);  // the recurring task is out
  assert.equal(a.overdue_share_of_all, 50);
  assert.equal(a.on_time_completion_rate, 0);  // 0 / (0 + 0 + 2)
  assert.equal(a.rules.overdue_share_of_all, 'R7');
  assert.match(a.why.on_time_completion_rate, /^R8/);
  const warned = d.warnings.items.map((w) => w.unit_id ?? w.unit?.id);
  assert.ok(!warned.includes(ids.closed));
  for (const w of d.warnings.items) assert.ok(['R5', 'R6'].includes(w.rule));
});

test('R4/R5/R9/R13 the day after: reports at 00:01 are late, November is judged, no carry-over', async () => {
  await restartAt(DAY_AFTER_0001);
  await sendReport(admin, ids.july, '2026-11', [{ indicator_id: ids.share, numerator: 10, denominator: 20 }]);
  const d = await dashboard();
  const rep = d.reports.find((r) => r.directive_id === ids.plan);
  assert.equal(rep.period, '2026-11');
  assert.equal(rep.summary.expected, 2);
  assert.equal(rep.summary.on_time, 1);  // 23:58 on the 19th
  assert.equal(rep.summary.late, 1);     // 00:01 on the 20th
  assert.equal(rep.summary.missing, 0);
  assert.equal(d.update_compliance.updated, 5);
  const count = d.indicators.items.find((i) => i.id === ids.count);
  assert.equal(count.evaluation.period, '2026-11');
  // R9: the July commune's October 2 is not carried into November; the closed commune is not expected.
  assert.equal(count.evaluation.actual.value, 4);
  assert.equal(count.evaluation.actual.units_reporting, 1);
  assert.equal(count.evaluation.actual.units_expected, 2);
  assert.equal(count.evaluation.actual.coverage_text, '1/2 đơn vị có số liệu');
  // R13: a count reads as a count.
  assert.equal(count.evaluation.actual.value_text, '4/5 sản phẩm');
  assert.equal(count.evaluation.rule, 'R9');
  const share = d.indicators.items.find((i) => i.id === ids.share);
  assert.equal(share.evaluation.actual.value, 75);  // (35 + 10) / (40 + 20)
  assert.equal(share.evaluation.actual.value_text, '75 %');
  assert.equal(share.evaluation.actual.coverage_text, '2/2 đơn vị có số liệu');
});

test('R1 on the resident figures: the closed commune\'s own dashboard counts nothing and warns of nothing', async () => {
  const closed = (await admin.get(`/api/v1/dashboard?unit_id=${ids.closed}`)).body;
  assert.equal(closed.assignments.total, 0);
  assert.equal(closed.warnings.total, 0);
  for (const r of closed.reports) assert.equal(r.summary.expected, 0);
  const july = (await admin.get(`/api/v1/dashboard?unit_id=${ids.july}`)).body;
  assert.equal(july.assignments.total, 2);
  const count = july.indicators.items.find((i) => i.id === ids.count);
  assert.equal(count.evaluation.actual.coverage_text, '0/1 đơn vị có số liệu');
  // The same figures computed on the spot (a plan filter forces it) agree with the resident ones.
  const spot = (await admin.get(`/api/v1/dashboard?unit_id=${ids.july}&directive_id=${ids.plan}`)).body;
  assert.deepEqual(spot.indicators.items.find((i) => i.id === ids.count).evaluation,
    count.evaluation);
});

test('R11/R12: the ranking counts count indicators, names them, and leaves out closed and coordinating units', async () => {
  const r = await ranking();
  const units = r.items.map((i) => i.unit_id);
  assert.ok(units.includes(ids.open));
  assert.ok(units.includes(ids.july));
  assert.ok(!units.includes(ids.closed));
  assert.ok(!units.includes(ids.coord));
  assert.equal(r.rule, 'R11');
  assert.match(r.formula, /RX1/);
  const open = r.items.find((i) => i.unit_id === ids.open);
  // min(1, 4/5) and min(1, 87.5/80): (0.8 + 1) / 2.
  assert.equal(open.components.indicators.values, 2);
  assert.ok(Math.abs(open.components.indicators.achievement - 0.9) < 1e-9);
  const july = r.items.find((i) => i.unit_id === ids.july);
  // Only the share has a November value: min(1, 50/80).
  assert.equal(july.components.indicators.values, 1);
  assert.ok(Math.abs(july.components.indicators.achievement - 0.625) < 1e-9);
  // Ranks follow the rounded scores, equal scores sharing a rank.
  const sorted = [...r.items].filter((i) => i.score != null);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].score === sorted[i - 1].score) assert.equal(sorted[i].rank, sorted[i - 1].rank);
    else assert.equal(sorted[i].rank, i + 1);
  }
});
