// Issue 12, item 5 (R16): units merge and split. Commune A closes on 15/10/2026 (recorded on 5/10): task S1,
// which B also holds, joins B's own assignment; S2 passes to B (the default successor) with A's pending extension
// request and unanswered explanation request; S3 passes to C (named for it in the split) with A's unanswered
// escalation; S4, confirmed done, stays A's. The answers for dates before the merge was recorded, read before and
// after it, are equal field by field; from the closing day the successors carry the work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, ok, restarted } from './harness.mjs';

let server, admin;
const ids = {};
const seen = [];  // { date, path, body } read on 5/10 before the merge

async function restartAt(clock) {
  [server, admin] = await restarted(server, clock);
}

async function sendReport(unitId, period, progress, values = [], escalate = null) {
  const created = await ok(admin.post('/api/v1/reports', { directive_id: ids.plan, period, unit_id: unitId }), `report ${period}`);
  const report = (await admin.get(`/api/v1/reports/${created.id}`)).body;
  const items = report.items.map((i) => ({ assignment_id: i.assignment_id, progress_percent: progress, work_done: 'Đang làm',
    exceeds_authority: i.assignment_id === escalate }));
  await ok(admin.put(`/api/v1/reports/${report.id}`, { version: report.version, items, indicator_values: values }), 'edit');
  await ok(admin.post(`/api/v1/reports/${report.id}/submit`), 'submit');
  return report.id;
}

const assignmentsOf = async (unitId, asOf) => (await ok(admin.get(
  `/api/v1/assignments?directive_id=${ids.plan}&unit_id=${unitId}&as_of=${asOf}&limit=100`), 'assignments')).items;
const codeOf = (a) => a.task?.code ?? a.task_code;

const paths = (d) => [
  `/api/v1/dashboard?directive_id=${ids.plan}&as_of=${d}`,
  `/api/v1/ranking?directive_id=${ids.plan}&peer_group=commune&as_of=${d}`,
  `/api/v1/assignments?directive_id=${ids.plan}&as_of=${d}&limit=100`,
  `/api/v1/indicators/${ids.count}?as_of=${d}`,
  `/api/v1/report-obligations?directive_id=${ids.plan}&as_of=${d}`,
  `/api/v1/dashboard?unit_id=${ids.a}&as_of=${d}`,
  `/api/v1/dashboard?unit_id=${ids.b}&as_of=${d}`,
  `/api/v1/dashboard?unit_id=${ids.c}&as_of=${d}`,
];
const DATES = ['2026-09-10', '2026-09-19', '2026-09-20', '2026-09-25', '2026-09-30', '2026-10-04'];
const close = (body) => admin.post(`/api/v1/units/${ids.a}/close`, body);

before(async () => {
  server = await startServer({ clock: '2026-09-10T03:00:00Z' });
  admin = await client(server, 'admin');
  const root = (await admin.get('/api/v1/units?limit=1000')).body.items.find((u) => u.parent_id == null);
  const unit = async (code, parent = root.id) =>
    (await ok(admin.post('/api/v1/units', { code, name: `Xã ${code}`, parent_id: parent, kind: 'commune', active_from: '2025-07-01' }), code)).id;
  ids.a = await unit('HS-A');
  ids.b = await unit('HS-B');
  ids.c = await unit('HS-C');
  ids.child = await unit('HS-A1', ids.a);
  ids.plan = (await ok(admin.post('/api/v1/directives', { number: '97/KH-SAPNHAP', kind: 'plan', title: 'Kế hoạch kiểm tra sáp nhập',
    issued_on: '2026-01-02', has_plan: true, year: 2026 }), 'plan')).id;
  const group = await ok(admin.post('/api/v1/unit-groups', { code: 'HS-XA', name: 'Các xã kiểm tra sáp nhập',
    member_ids: [ids.a, ids.b, ids.c] }), 'group');
  // A group only the closing unit is in: its successors join it (and the group's indicator reaches them).
  ids.solo = (await ok(admin.post('/api/v1/unit-groups', { code: 'HS-RIENG', name: 'Nhóm riêng của xã HS-A',
    member_ids: [ids.a] }), 'solo group')).id;
  ids.count = (await ok(admin.post('/api/v1/indicators', { directive_id: ids.plan, code: 'HS1', name: 'Sản phẩm số',
    target_text: '5 sản phẩm', aggregation: 'sum', reporting_group_id: group.id }), 'indicator')).id;
  const task = (code, deadline, leads) => ok(admin.post('/api/v1/tasks', { directive_id: ids.plan, code, name: `Việc ${code}`,
    deadline_text: deadline, lead_unit_ids: leads }), code);
  await task('S1', '30/11/2026', [ids.a, ids.b]);
  await task('S2', '31/12/2026', [ids.a]);
  await task('S3', '31/12/2026', [ids.a]);
  await task('S4', '30/9/2026', [ids.a]);
  const mine = Object.fromEntries((await assignmentsOf(ids.a, '2026-09-10')).map((a) => [codeOf(a), a.id]));
  Object.assign(ids, { s1a: mine.S1, s2a: mine.S2, s3a: mine.S3, s4a: mine.S4 });
  ids.s1b = (await assignmentsOf(ids.b, '2026-09-10')).find((a) => codeOf(a) === 'S1').id;

  // 23:58 on 19/9: A and B send September; A raises S3 as beyond its authority.
  await restartAt('2026-09-19T16:58:00Z');
  await sendReport(ids.a, '2026-09', 60, [{ indicator_id: ids.count, value: 3 }], ids.s3a);
  await sendReport(ids.b, '2026-09', 40, [{ indicator_id: ids.count, value: 2 }]);

  // 25/9: A asks to extend S2; the standing agency asks A to explain S2; A's S4 is confirmed done.
  await restartAt('2026-09-25T03:00:00Z');
  ids.extension = (await ok(admin.post('/api/v1/extension-requests', { assignment_id: ids.s2a, requested_due: '2027-01-31',
    reason: 'Chờ kinh phí' }), 'extension')).id;
  ids.explanation = (await ok(admin.post('/api/v1/explanation-requests', { assignment_id: ids.s2a,
    question: 'Đề nghị giải trình', due_on: '2026-10-10' }), 'explanation')).id;
  await ok(admin.post(`/api/v1/assignments/${ids.s4a}/confirm`, { done_on: '2026-09-25' }), 'confirm');
  ids.explanationS4 = (await ok(admin.post('/api/v1/explanation-requests', { assignment_id: ids.s4a,
    question: 'Đề nghị báo cáo kết quả', due_on: '2026-10-20' }), 'explanation S4')).id;

  // 5/10: the answers for the past dates are read, then A is closed from 15/10.
  await restartAt('2026-10-05T03:00:00Z');
  for (const d of DATES) for (const path of paths(d)) seen.push({ date: d, path, body: await ok(admin.get(path), path) });
});
after(async () => { await server?.stop(); });

test('a closing with bad input is refused with the field named, and changes nothing', async () => {
  const bad = [
    [{ reason: 'x', successors: [{ unit_id: ids.b }] }, 'closing_date'],
    [{ closing_date: '15/10/2026', reason: 'x', successors: [{ unit_id: ids.b }] }, 'closing_date'],
    [{ closing_date: '2026-10-15', successors: [{ unit_id: ids.b }] }, 'reason'],
    [{ closing_date: '2026-10-15', reason: 'x' }, 'successors'],
    [{ closing_date: '2026-10-15', reason: 'x', successors: [] }, 'successors'],
    [{ closing_date: '2026-10-15', reason: 'x', successors: [{ unit_id: 999999 }] }, 'successors'],
    [{ closing_date: '2026-10-15', reason: 'x', successors: [{ unit_id: ids.a }] }, 'successors'],
    [{ closing_date: '2026-10-15', reason: 'x', successors: [{ unit_id: ids.child }] }, 'successors'],
    [{ closing_date: '2026-10-15', reason: 'x', successors: [{ unit_id: ids.b }, { unit_id: ids.b }] }, 'successors'],
    [{ closing_date: '2025-07-01', reason: 'x', successors: [{ unit_id: ids.b }] }, 'closing_date'],
    [{ closing_date: '2026-10-15', reason: 'x', successors: [{ unit_id: ids.b }, { unit_id: ids.c, assignment_ids: [ids.s4a] }] }, 'successors'],
    [{ closing_date: '2026-10-15', reason: 'x', successors: [{ unit_id: ids.b, assignment_ids: [ids.s3a] }, { unit_id: ids.c, assignment_ids: [ids.s3a] }] }, 'successors'],
  ];
  for (const [body, field] of bad) {
    const r = await close(body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.body.error.field, field, JSON.stringify(body));
    assert.match(r.body.error.message, /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i);
  }
  const a = await ok(admin.get(`/api/v1/units/${ids.a}`), 'unit');
  assert.equal(a.active_to ?? null, null);
  assert.deepEqual(a.successors, []);
});

test('the merge is recorded once, in one step, and shown on both units', async () => {
  const r = await ok(close({ closing_date: '2026-10-15', reason: 'Nghị quyết sáp nhập xã',
    successors: [{ unit_id: ids.b }, { unit_id: ids.c, assignment_ids: [ids.s3a] }] }), 'close');
  assert.equal(r.active_to, '2026-10-14');
  assert.deepEqual(r.successors.map((s) => [s.successor_id, s.default, s.closing_date]), [[ids.b, true, '2026-10-15'], [ids.c, false, '2026-10-15']]);
  const passed = Object.fromEntries(r.passed.map((p) => [p.task_code, p]));
  assert.deepEqual(Object.keys(passed).sort(), ['S1', 'S2', 'S3']);  // S4 was done
  assert.equal(passed.S1.to_assignment_id, ids.s1b);                // B already held S1: joined
  assert.equal(passed.S2.successor_id, ids.b);
  assert.equal(passed.S3.successor_id, ids.c);
  Object.assign(ids, { s2b: passed.S2.to_assignment_id, s3c: passed.S3.to_assignment_id });
  assert.deepEqual(r.followups, { extensions: 1, overdue_reviews: 0, explanations: 2, escalations: 1 });
  // B and C were already in the first group; both join the group only A was in, from the recording on.
  assert.deepEqual(r.joined_groups, [{ group_id: ids.solo, unit_id: ids.b }, { group_id: ids.solo, unit_id: ids.c }]);
  const solo = await ok(admin.get(`/api/v1/unit-groups/${ids.solo}`), 'solo group');
  assert.deepEqual([...solo.member_ids].sort((x, y) => x - y), [ids.a, ids.b, ids.c].sort((x, y) => x - y));
  const b = await ok(admin.get(`/api/v1/units/${ids.b}`), 'unit B');
  assert.equal(b.predecessors[0].unit_id, ids.a);
  const again = await close({ closing_date: '2026-10-16', reason: 'x', successors: [{ unit_id: ids.b }] });
  assert.equal(again.status, 400);
  assert.equal(again.body.error.field, 'id');
  const intoClosed = await admin.post(`/api/v1/units/${ids.c}/close`, { closing_date: '2026-10-20', reason: 'x', successors: [{ unit_id: ids.a }] });
  assert.equal(intoClosed.status, 400);
  assert.equal(intoClosed.body.error.field, 'successors');
  // Its days cannot move afterwards: its work has passed on and would be counted twice.
  for (const body of [{ active_to: null }, { active_to: '2026-12-31' }, { active_from: '2020-01-01' }]) {
    const moved = await admin.call('PATCH', `/api/v1/units/${ids.a}`, body);
    assert.equal(moved.status, 409, JSON.stringify(body));
    assert.equal(moved.body.error.field, Object.keys(body)[0]);
  }
  assert.equal((await admin.get(`/api/v1/units/${ids.a}`)).body.active_to, '2026-10-14');
  const audit = await ok(admin.get(`/api/v1/audit?entity=unit&entity_id=${ids.a}`), 'audit');
  assert.ok(JSON.stringify(audit).includes('"close"'));
});

test('the answers for dates before the merge are the same read before and after it, field by field', async () => {
  for (const when of ['2026-10-05T09:00:00Z', '2026-10-25T03:00:00Z']) {
    await restartAt(when);
    for (const { date, path, body } of seen) assert.deepEqual(await ok(admin.get(path), path), body, `${path} (${date}) read at ${when}`);
  }
});

test('from the closing day the successors carry the open work, the obligations and the follow-ups', async () => {
  await restartAt('2026-10-25T03:00:00Z');
  // 14/10: still A's work; the successors' new assignments exist but are not counted yet.
  const before14 = await assignmentsOf(ids.b, '2026-10-14');
  assert.equal(before14.find((a) => a.id === ids.s2b).counted, false);
  assert.equal((await assignmentsOf(ids.a, '2026-10-14')).find((a) => a.id === ids.s2a).counted, true);
  // 25/10: A counts nothing; B and C carry S2 and S3, starting from the progress A last submitted.
  assert.ok((await assignmentsOf(ids.a, '2026-10-25')).every((a) => a.counted === false));
  const s2b = (await assignmentsOf(ids.b, '2026-10-25')).find((a) => a.id === ids.s2b);
  assert.equal(s2b.counted, true);
  assert.equal(s2b.progress_percent, 60);
  const s3c = (await assignmentsOf(ids.c, '2026-10-25')).find((a) => a.id === ids.s3c);
  assert.equal(codeOf(s3c), 'S3');
  assert.equal(s3c.counted, true);
  // The same read for 20/10 on a later day (history) agrees with today's reading of it.
  const oct = await ok(admin.get(`/api/v1/report-obligations?directive_id=${ids.plan}&period=2026-10`), 'obligations');
  const owing = oct.items.map((o) => o.unit_id).sort();
  assert.deepEqual(owing, [ids.b, ids.c].sort());
  const sep = await ok(admin.get(`/api/v1/report-obligations?directive_id=${ids.plan}&period=2026-09`), 'obligations Sept');
  assert.deepEqual(sep.items.map((o) => o.unit_id).sort(), [ids.a, ids.b].sort());  // September stays A's and B's
  const ext = (await ok(admin.get('/api/v1/extension-requests?state=pending'), 'extensions')).items.find((e) => e.id === ids.extension);
  assert.equal(ext.assignment_id, ids.s2b);
  const exp = (await ok(admin.get('/api/v1/explanation-requests'), 'explanations')).items.find((e) => e.id === ids.explanation);
  assert.equal(exp.unit_id, ids.b);
  assert.equal(exp.assignment_id, ids.s2b);
  // A request about work that stayed A's (S4, done) is answered by the default successor.
  const expS4 = (await ok(admin.get('/api/v1/explanation-requests'), 'explanations')).items.find((e) => e.id === ids.explanationS4);
  assert.equal(expS4.unit_id, ids.b);
  assert.equal(expS4.assignment_id, ids.s4a);
  const esc = (await ok(admin.get('/api/v1/escalations?answered=false'), 'escalations')).items.find((e) => e.assignment_id === ids.s3a);
  assert.equal(esc.unit_id, ids.a);           // raised in A's report
  assert.equal(esc.held_by_unit_id, ids.c);   // followed up by C
  // The ranking from 25/10 ranks B and C, not A.
  const ranking = await ok(admin.get(`/api/v1/ranking?directive_id=${ids.plan}&peer_group=commune&as_of=2026-10-25`), 'ranking');
  const ranked = JSON.stringify(ranking);
  assert.ok(!ranked.includes(`"unit_id":${ids.a},`), 'A is not ranked after closing');
  assert.ok(ranked.includes(`"unit_id":${ids.b},`) && ranked.includes(`"unit_id":${ids.c},`), 'B and C are ranked');
  // Before the closing day A was ranked, and C (no work of its own yet) was not.
  const then = JSON.stringify(await ok(admin.get(`/api/v1/ranking?directive_id=${ids.plan}&peer_group=commune&as_of=2026-10-14`), 'ranking 14/10'));
  assert.ok(then.includes(`"unit_id":${ids.a},`) && !then.includes(`"unit_id":${ids.c},`));
});

test('after the closing, a day read on the day and read later agree (the received progress has its history)', async () => {
  await restartAt('2026-10-25T03:00:00Z');
  const today = [`/api/v1/assignments?directive_id=${ids.plan}&as_of=2026-10-25&limit=100`,
    `/api/v1/dashboard?unit_id=${ids.b}&as_of=2026-10-25`, `/api/v1/dashboard?unit_id=${ids.c}&as_of=2026-10-25`,
    `/api/v1/report-obligations?directive_id=${ids.plan}&period=2026-10&as_of=2026-10-25`,
    `/api/v1/ranking?directive_id=${ids.plan}&peer_group=commune&as_of=2026-10-25`];
  const then = [];
  for (const path of today) then.push(await ok(admin.get(path), path));
  await restartAt('2026-11-02T03:00:00Z');
  for (let i = 0; i < today.length; ++i) assert.deepEqual(await ok(admin.get(today[i]), today[i]), then[i], today[i]);
  assert.equal((await assignmentsOf(ids.b, '2026-10-25')).find((a) => a.id === ids.s2b).progress_percent, 60);
});
