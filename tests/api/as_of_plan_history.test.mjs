// Issue 12: the plan as it was. `as_of=D` gives the same answer asked on D or any day after, whatever happens to
// the plan afterwards: tasks, assignments and indicators added later, an indicator's target and a task's deadline
// edited later, a task removed later, a unit joining or leaving a group later, a unit's peer group changed later,
// and reports accepted or returned later. A small plan beside the demo, told over September and October 2026
// with the server's --clock restarted at each step; each date's answers (dashboard, ranking of both peer groups,
// assignments, tasks, indicators, the report list, the review counts and the not-reported list) read on the day
// are read again at the end and must be equal field by field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, ok, restarted } from './harness.mjs';

let server, admin;
const ids = {};
const seen = [];  // { date, path, body } as read on the date itself

async function restartAt(clock) {
  [server, admin] = await restarted(server, clock);
}

async function sendReport(unitId, period, values = []) {
  const created = await ok(admin.post('/api/v1/reports', { directive_id: ids.plan, period, unit_id: unitId }),
    `report ${period}`);
  const report = (await admin.get(`/api/v1/reports/${created.id}`)).body;
  const items = report.items.map((i) => ({ assignment_id: i.assignment_id, progress_percent: 50, work_done: 'Đang làm' }));
  await ok(admin.put(`/api/v1/reports/${report.id}`, { version: report.version, items, indicator_values: values }), 'edit');
  await ok(admin.post(`/api/v1/reports/${report.id}/submit`), 'submit');
  return report.id;
}

// What a leader reads for date D.
const paths = (d) => [
  `/api/v1/dashboard?directive_id=${ids.plan}&as_of=${d}`,
  `/api/v1/ranking?directive_id=${ids.plan}&peer_group=commune&as_of=${d}`,
  `/api/v1/ranking?directive_id=${ids.plan}&peer_group=department&as_of=${d}`,
  `/api/v1/assignments?directive_id=${ids.plan}&as_of=${d}&limit=100`,
  `/api/v1/tasks?directive_id=${ids.plan}&as_of=${d}&limit=100`,
  `/api/v1/indicators?directive_id=${ids.plan}&as_of=${d}`,
  `/api/v1/indicators/${ids.count}?as_of=${d}`,
  `/api/v1/reports?directive_id=${ids.plan}&as_of=${d}&limit=100`,
  `/api/v1/reports?directive_id=${ids.plan}&state=submitted&as_of=${d}&limit=100`,
  `/api/v1/report-obligations?directive_id=${ids.plan}&as_of=${d}&limit=100`,
  `/api/v1/report-obligations?directive_id=${ids.plan}&timeliness=missing&as_of=${d}&limit=100`,
  `/api/v1/dashboard?unit_id=${ids.a}&as_of=${d}`,
  `/api/v1/dashboard?unit_id=${ids.c}&as_of=${d}`,
];

async function record(date) {
  for (const path of paths(date)) seen.push({ date, path, body: await ok(admin.get(path), path) });
}
const then = (date, start) => seen.find((s) => s.date === date && s.path.startsWith(start)).body;

before(async () => {
  // 10/9/2026, 10:00 in Hải Phòng: three communes, a group of two, a plan with an indicator and three tasks.
  server = await startServer({ clock: '2026-09-10T03:00:00Z' });
  admin = await client(server, 'admin');
  const root = (await admin.get('/api/v1/units?limit=1000')).body.items.find((u) => u.parent_id == null);
  const unit = (code) => ok(admin.post('/api/v1/units', { code, name: `Xã ${code}`, parent_id: root.id, kind: 'commune' }), code);
  ids.a = (await unit('PH-A')).id;
  ids.b = (await unit('PH-B')).id;
  ids.c = (await unit('PH-C')).id;
  ids.plan = (await ok(admin.post('/api/v1/directives', { number: '97/KH-PHIST', kind: 'plan', title: 'Kế hoạch kiểm tra lịch sử kế hoạch',
    issued_on: '2026-01-02', has_plan: true, year: 2026 }), 'plan')).id;
  ids.group = (await ok(admin.post('/api/v1/unit-groups', { code: 'PH-XA', name: 'Các xã kiểm tra kế hoạch',
    member_ids: [ids.a, ids.b] }), 'group')).id;
  ids.count = (await ok(admin.post('/api/v1/indicators', { directive_id: ids.plan, code: 'PH1', name: 'Sản phẩm số',
    target_text: '5 sản phẩm', aggregation: 'sum', reporting_group_id: ids.group }), 'indicator')).id;
  const task = async (code, deadline_text, lead) => (await ok(admin.post('/api/v1/tasks', { directive_id: ids.plan, code,
    name: `Việc ${code}`, deadline_text, ...lead }), code)).id;
  ids.t1 = await task('P1', '30/9/2026', { lead_unit_ids: [ids.a, ids.b, ids.c] });
  ids.t2 = await task('P2', '31/12/2026', { lead_group_ids: [ids.group] });
  ids.t3 = await task('P3', '31/10/2026', { lead_unit_ids: [ids.a] });
  await record('2026-09-10');

  // 23:58 on 19/9: the three communes send September (A 3 products, B 2).
  await restartAt('2026-09-19T16:58:00Z');
  ids.reportA = await sendReport(ids.a, '2026-09', [{ indicator_id: ids.count, value: 3 }]);
  ids.reportB = await sendReport(ids.b, '2026-09', [{ indicator_id: ids.count, value: 2 }]);
  ids.reportC = await sendReport(ids.c, '2026-09');

  // 20/9: September is judged; every report is still waiting for review.
  await restartAt('2026-09-20T03:00:00Z');
  await record('2026-09-20');

  // 25/9: the standing agency accepts A's report and returns B's; the plan changes: a task and an indicator are
  // added, the indicator's target is raised, P3's deadline brought forward to 25/9, P1 removed; B leaves the
  // group and C joins it (P2 reaches C from today); C becomes a department for the ranking.
  await restartAt('2026-09-25T03:00:00Z');
  await ok(admin.post(`/api/v1/reports/${ids.reportA}/approve`, {}), 'approve A');
  await ok(admin.post(`/api/v1/reports/${ids.reportA}/accept`, {}), 'accept A');
  await ok(admin.post(`/api/v1/reports/${ids.reportB}/return`, { reason: 'Bổ sung số liệu' }), 'return B');
  ids.t4 = await task('P4', '30/11/2026', { lead_unit_ids: [ids.a, ids.b] });
  ids.rate = (await ok(admin.post('/api/v1/indicators', { directive_id: ids.plan, code: 'PH2', name: 'Tỷ lệ hồ sơ trực tuyến',
    target_text: '≥80%', monitoring_unit_id: ids.a }), 'indicator PH2')).id;
  await ok(admin.put(`/api/v1/indicators/${ids.count}/target`, { target_text: '8 sản phẩm' }), 'target');
  await ok(admin.put(`/api/v1/tasks/${ids.t3}/deadline`, { deadline_text: '25/9/2026' }), 'deadline');
  await ok(admin.call('DELETE', `/api/v1/tasks/${ids.t1}`), 'remove P1');
  await ok(admin.put(`/api/v1/unit-groups/${ids.group}/members`, { member_ids: [ids.a, ids.c] }), 'members');
  await ok(admin.call('PATCH', `/api/v1/units/${ids.c}`, { peer_group: 'department' }), 'C a department');
  await record('2026-09-25');

  // 3/10: B joins the group again and sends its corrected report, which is accepted; P4 is removed.
  await restartAt('2026-10-03T03:00:00Z');
  await ok(admin.put(`/api/v1/unit-groups/${ids.group}/members`, { member_ids: [ids.a, ids.b, ids.c] }), 'members again');
  const report = (await admin.get(`/api/v1/reports/${ids.reportB}`)).body;
  await ok(admin.put(`/api/v1/reports/${report.id}`, { version: report.version,
    items: report.items.map((i) => ({ assignment_id: i.assignment_id, progress_percent: 60, work_done: 'Đã bổ sung' })),
    indicator_values: [{ indicator_id: ids.count, value: 4 }] }), 'correct B');
  await ok(admin.post(`/api/v1/reports/${ids.reportB}/submit`), 'resubmit B');
  await ok(admin.post(`/api/v1/reports/${ids.reportB}/approve`, {}), 'approve B');
  await ok(admin.post(`/api/v1/reports/${ids.reportB}/accept`, {}), 'accept B');
  await ok(admin.call('DELETE', `/api/v1/tasks/${ids.t4}`), 'remove P4');
  await record('2026-10-03');

  // 30/11: every date is asked again.
  await restartAt('2026-11-30T03:00:00Z');
});
after(async () => { await server?.stop(); });

test('the answers for a past date read on that date hold when the plan changes later, field by field', async () => {
  assert.equal(seen.length, 4 * paths(0).length);
  for (const { date, path, body } of seen) {
    const later = await ok(admin.get(path), path);
    assert.deepEqual(later, body, `${path} asked on ${date}, then on 30/11`);
  }
});

test('the later changes do change today\'s answer (the test above compares something)', async () => {
  const codes = (items) => items.map((a) => a.task?.code ?? a.task_code).sort();
  const now = (path) => ok(admin.get(path), path);
  // Tasks: P1 on 20/9, gone since 25/9; P4 only between 25/9 and 3/10.
  const tasks20 = then('2026-09-20', '/api/v1/tasks?').items.map((t) => t.code).sort();
  assert.deepEqual(tasks20, ['P1', 'P2', 'P3']);
  assert.deepEqual(then('2026-09-25', '/api/v1/tasks?').items.map((t) => t.code).sort(), ['P2', 'P3', 'P4']);
  assert.deepEqual((await now(`/api/v1/tasks?directive_id=${ids.plan}&limit=100`)).items.map((t) => t.code).sort(), ['P2', 'P3']);
  // P3's deadline as it was: 31/10 on 20/9, 25/9 from 25/9 on.
  const p3 = (date) => then(date, '/api/v1/tasks?').items.find((t) => t.code === 'P3');
  assert.equal(p3('2026-09-20').deadline_text, '31/10/2026');
  assert.equal(p3('2026-09-25').deadline_text, '25/9/2026');
  // Assignments on 20/9: P1 for the three, P2 for A and B (C joined the group on 25/9), P3 for A.
  const a20 = then('2026-09-20', '/api/v1/assignments?').items;
  assert.deepEqual(codes(a20), ['P1', 'P1', 'P1', 'P2', 'P2', 'P3']);
  assert.ok(!a20.some((a) => (a.task?.code ?? a.task_code) === 'P2' && a.unit_id === ids.c));
  const a25 = then('2026-09-25', '/api/v1/assignments?').items;
  assert.ok(a25.some((a) => (a.task?.code ?? a.task_code) === 'P2' && a.unit_id === ids.c));
  assert.ok(!a25.some((a) => (a.task?.code ?? a.task_code) === 'P2' && a.unit_id === ids.b));
  // The indicator: added PH2 not there on 20/9; PH1's target 5 then, 8 since; its expected units A and B then.
  assert.deepEqual(then('2026-09-20', '/api/v1/indicators?').items.map((i) => i.code), ['PH1']);
  const ph1 = then('2026-09-20', `/api/v1/indicators/${ids.count}`);
  assert.equal(ph1.target_text, '5 sản phẩm');
  assert.equal(ph1.evaluation.actual.units_expected, 2);
  assert.equal((await now(`/api/v1/indicators/${ids.count}`)).target_text, '8 sản phẩm');
  // Reports: all three waiting for review on 20/9; A accepted and B returned on 25/9.
  const states = (date) => Object.fromEntries(then(date, `/api/v1/reports?directive_id=${ids.plan}&as_of`).items
    .map((r) => [r.unit_id, r.state]));
  assert.deepEqual(states('2026-09-20'), { [ids.a]: 'submitted', [ids.b]: 'submitted', [ids.c]: 'submitted' });
  assert.deepEqual(states('2026-09-25'), { [ids.a]: 'accepted', [ids.b]: 'returned', [ids.c]: 'submitted' });
  assert.equal(then('2026-09-20', `/api/v1/reports?directive_id=${ids.plan}&state=submitted`).items.length, 3);
  const byState = (date) => then(date, '/api/v1/dashboard?directive_id').reports
    .find((r) => r.directive_id === ids.plan).by_state;
  assert.deepEqual(byState('2026-09-20'), { submitted: 3 });
  assert.deepEqual(byState('2026-09-25'), { accepted: 1, returned: 1, submitted: 1 });
  // The ranking: C a commune on 20/9, a department since 25/9.
  const ranked = (date, group) => then(date, `/api/v1/ranking?directive_id=${ids.plan}&peer_group=${group}`).items
    .map((u) => u.unit_id);
  assert.ok(ranked('2026-09-20', 'commune').includes(ids.c));
  assert.ok(!ranked('2026-09-20', 'department').includes(ids.c));
  assert.ok(ranked('2026-09-25', 'department').includes(ids.c));
});
