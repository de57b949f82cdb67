// Issue 12: `as_of=D` means as known and as it was at the end of D (Vietnam time), the same answer asked on D
// or any day after. A small plan of its own beside the demo, told over September to November 2026 with the
// server's --clock restarted at each step, with late arrivals of every kind: a report at 00:01 on the 20th,
// an extension approved after D, a completion confirmed after D (declared done earlier), a pause decided
// after D (dated before it), a value corrected after D and a unit's closing date edited after D (backdated).
// For each date D the answers read on D (dashboard, ranking, assignments, indicators, a unit's dashboard) are
// kept, and read again at the end: they must be equal field by field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, ok, restarted } from './harness.mjs';

let server, admin;
const ids = {};
const seen = [];  // { date, path, body } as read on the date itself

async function restartAt(clock) {
  [server, admin] = await restarted(server, clock);
}

async function sendReport(unitId, period, progress, values = []) {
  const created = await ok(admin.post('/api/v1/reports', { directive_id: ids.plan, period, unit_id: unitId }),
    `report ${period}`);
  const report = (await admin.get(`/api/v1/reports/${created.id}`)).body;
  const items = report.items.map((i) => ({ assignment_id: i.assignment_id, progress_percent: progress, work_done: 'Đang làm' }));
  await ok(admin.put(`/api/v1/reports/${report.id}`, { version: report.version, items, indicator_values: values }), 'edit');
  await ok(admin.post(`/api/v1/reports/${report.id}/submit`), 'submit');
  return report.id;
}

const assignmentOf = async (unitId, code, asOf) => {
  const r = await ok(admin.get(`/api/v1/assignments?directive_id=${ids.plan}&unit_id=${unitId}&as_of=${asOf}&limit=100`),
    'assignments');
  return r.items.find((a) => (a.task?.code ?? a.task_code) === code);
};

// What a leader reads for date D.
const paths = (d) => [
  `/api/v1/dashboard?directive_id=${ids.plan}&as_of=${d}`,
  `/api/v1/ranking?directive_id=${ids.plan}&peer_group=commune&as_of=${d}`,
  `/api/v1/assignments?directive_id=${ids.plan}&as_of=${d}&limit=100`,
  `/api/v1/indicators?directive_id=${ids.plan}&as_of=${d}`,
  `/api/v1/indicators/${ids.count}?as_of=${d}`,
  `/api/v1/dashboard?unit_id=${ids.a}&as_of=${d}`,
  `/api/v1/dashboard?unit_id=${ids.b}&as_of=${d}`,
  // September's reports as of its due day (19/9) and after: a report due that day is pending at its end.
  `/api/v1/report-obligations?directive_id=${ids.plan}&period=2026-09&as_of=${d}&limit=100`,
];

async function record(date) {
  for (const path of paths(date)) seen.push({ date, path, body: await ok(admin.get(path), path) });
}

before(async () => {
  // 10/9/2026, 10:00 in Hải Phòng: the plan is set up.
  server = await startServer({ clock: '2026-09-10T03:00:00Z' });
  admin = await client(server, 'admin');
  const root = (await admin.get('/api/v1/units?limit=1000')).body.items.find((u) => u.parent_id == null);
  const unit = (code, extra) => ok(admin.post('/api/v1/units', { code, name: `Đơn vị ${code}`, parent_id: root.id, ...extra }), code);
  ids.a = (await unit('HX-A', { kind: 'commune' })).id;
  ids.b = (await unit('HX-B', { kind: 'commune' })).id;
  ids.plan = (await ok(admin.post('/api/v1/directives', { number: '98/KH-HIST', kind: 'plan', title: 'Kế hoạch kiểm tra lịch sử',
    issued_on: '2026-01-02', has_plan: true, year: 2026 }), 'plan')).id;
  const group = await ok(admin.post('/api/v1/unit-groups', { code: 'HX-XA', name: 'Các xã kiểm tra lịch sử',
    member_ids: [ids.a, ids.b] }), 'group');
  ids.count = (await ok(admin.post('/api/v1/indicators', { directive_id: ids.plan, code: 'HX1', name: 'Sản phẩm số',
    target_text: '5 sản phẩm', aggregation: 'sum', reporting_group_id: group.id }), 'indicator')).id;
  await ok(admin.post('/api/v1/tasks', { directive_id: ids.plan, code: 'H1', name: 'Việc quý III', deadline_text: '30/9/2026',
    lead_unit_ids: [ids.a, ids.b] }), 'task H1');
  await ok(admin.post('/api/v1/tasks', { directive_id: ids.plan, code: 'H2', name: 'Việc cuối năm', deadline_text: '31/12/2026',
    lead_unit_ids: [ids.a] }), 'task H2');
  await ok(admin.post('/api/v1/tasks', { directive_id: ids.plan, code: 'H3', name: 'Việc thường xuyên', deadline_text: 'Thường xuyên',
    lead_unit_ids: [ids.a, ids.b] }), 'task H3');
  await record('2026-09-10');

  // 23:58 on 19/9: A sends September on time (3 products).
  await restartAt('2026-09-19T16:58:00Z');
  ids.reportA = await sendReport(ids.a, '2026-09', 60, [{ indicator_id: ids.count, value: 3 }]);
  await record('2026-09-19');

  // 00:01 on 20/9: B sends September, late (2 products).
  await restartAt('2026-09-19T17:01:00Z');
  await sendReport(ids.b, '2026-09', 40, [{ indicator_id: ids.count, value: 2 }]);
  await record('2026-09-20');

  // 25/9: B asks for H1 until 31/10; A's head declares H1 done on 28/9 in October's work (not yet confirmed).
  await restartAt('2026-09-25T03:00:00Z');
  const h1b = await assignmentOf(ids.b, 'H1', '2026-09-25');
  ids.h1b = h1b.id;
  ids.extension = (await ok(admin.post('/api/v1/extension-requests', { assignment_id: h1b.id, requested_due: '2026-10-31',
    reason: 'Chờ kinh phí' }), 'extension request')).id;
  await record('2026-09-25');

  // 1/10: H1 is overdue for both communes (the extension is not decided, the completion not confirmed).
  await restartAt('2026-10-01T09:00:00Z');
  ids.h1a = (await assignmentOf(ids.a, 'H1', '2026-10-01')).id;
  ids.h2a = (await assignmentOf(ids.a, 'H2', '2026-10-01')).id;
  await record('2026-10-01');

  // 3/10: the extension is approved; A's H1 is confirmed done on 28/9; H2 is paused from 1/10;
  // A's September value is corrected to 5; B's closing date is set to 15/9.
  await restartAt('2026-10-03T03:00:00Z');
  await ok(admin.post(`/api/v1/extension-requests/${ids.extension}/approve`, {}), 'approve');
  await ok(admin.post(`/api/v1/assignments/${ids.h1a}/confirm`, { done_on: '2026-09-28' }), 'confirm');
  await ok(admin.post(`/api/v1/assignments/${ids.h2a}/decision`, { decision: 'paused', on: '2026-10-01' }), 'pause');
  await ok(admin.post(`/api/v1/reports/${ids.reportA}/return`, { reason: 'Sửa số liệu' }), 'return');
  const report = (await admin.get(`/api/v1/reports/${ids.reportA}`)).body;
  await ok(admin.put(`/api/v1/reports/${report.id}`, { version: report.version,
    items: report.items.map((i) => ({ assignment_id: i.assignment_id, progress_percent: 70, work_done: 'Đã sửa' })),
    indicator_values: [{ indicator_id: ids.count, value: 5 }] }), 'correct');
  await ok(admin.post(`/api/v1/reports/${ids.reportA}/submit`), 'resubmit');
  await ok(admin.call('PATCH', `/api/v1/units/${ids.b}`, { active_to: '2026-09-15' }), 'close B');
  await record('2026-10-03');

  // 30/11: every date is asked again.
  await restartAt('2026-11-30T03:00:00Z');
});
after(async () => { await server?.stop(); });

test('the answers for a past date read on that date hold when read later, field by field', async () => {
  assert.ok(seen.length > 30);
  for (const { date, path, body } of seen) {
    const later = await ok(admin.get(path), path);
    assert.deepEqual(later, body, `${path} asked on ${date}, then on 30/11`);
  }
});

test('the facts recorded later do change today\'s answer (the test above compares something)', async () => {
  const then = seen.find((s) => s.date === '2026-10-01' && s.path.startsWith('/api/v1/assignments?')).body.items;
  const now = (await admin.get(`/api/v1/assignments?directive_id=${ids.plan}&limit=100`)).body.items;
  const status = (items, id) => items.find((a) => a.id === id)?.status;
  // On 1/10 B's H1 was overdue (extension approved on 3/10), A's H1 too (confirmed on 3/10), A's H2 active.
  assert.equal(status(then, ids.h1b), 'overdue');
  assert.equal(status(then, ids.h1a), 'overdue');
  assert.notEqual(status(then, ids.h2a), 'paused');
  assert.equal(status(now, ids.h1a), 'done_on_time');  // confirmed on 3/10 as done on 28/9
  assert.equal(status(now, ids.h2a), 'paused');
  // The September figure on 1/10 counts both communes' first values (3 + 2); today A's correction and B's
  // closing (15/9) leave 5.
  const count = seen.find((s) => s.date === '2026-10-01' && s.path.startsWith(`/api/v1/indicators/${ids.count}`)).body;
  assert.equal(count.evaluation.actual.value, 5);
  assert.equal(count.evaluation.actual.units_reporting, 2);
  // 19/9 (23:58): September is not judged yet; 20/9: A on time, B late (00:01).
  const d20 = seen.find((s) => s.date === '2026-09-20' && s.path.includes('dashboard?directive_id')).body;
  const rep = d20.reports.find((r) => r.directive_id === ids.plan);
  assert.equal(rep.period, '2026-09');
  assert.equal(rep.summary.on_time, 1);
  assert.equal(rep.summary.late, 1);
});
