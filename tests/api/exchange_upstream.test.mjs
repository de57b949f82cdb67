// Issue 18, item 2: a Central program imported from its appendix (.xlsx, preview then confirm, as plan import)
// as a directive whose tasks keep their upstream codes; city tasks link to the upstream tasks they implement;
// the roll-up per upstream task gives the share of linked city assignments done and the worst status among
// them, at a date (R15). The appendix is invented (tests/api/fixtures/upstream-02-CTr-BCDTW.json says so).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, client, ok, directiveByNumber } from './harness.mjs';

const FIXTURE = new URL('./fixtures/upstream-02-CTr-BCDTW.json', import.meta.url).pathname;
const MAKER = new URL('./fixtures/make_xlsx.py', import.meta.url).pathname;
let server, admin, agency, focal, plan, work, appendix;

before(async () => {
  server = await startServer();
  admin = await client(server, 'admin');
  agency = await client(server, 'skhcn');
  focal = await client(server, 'haian');
  plan = await directiveByNumber(agency, '27/QĐ-BCĐ');
  work = mkdtempSync(join(tmpdir(), 'tiendo-upstream-'));
  const file = join(work, 'phu-luc-02-CTr-BCDTW.xlsx');
  execFileSync('python3', [MAKER, FIXTURE, file]);
  appendix = readFileSync(file);
});
after(async () => {
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const newDirective = async (number, title) =>
  ok(agency.post('/api/v1/directives', { number, kind: 'program', issuer: 'Ban Chỉ đạo Trung ương', title, issued_on: '2026-01-02', has_plan: true, year: 2026 }), number);
const upload = (id, query, bytes = appendix) =>
  agency.call('POST', `/api/v1/directives/${id}/imports?filename=phu-luc.xlsx${query}`, bytes);
const rollup = (id, asOf) => ok(agency.get(`/api/v1/upstream-programs/${id}/rollup${asOf ? `?as_of=${asOf}` : ''}`), 'rollup');
const fixtureRows = JSON.parse(readFileSync(FIXTURE, 'utf8')).rows.filter((r) => /^\d+$/.test(r[0]));

let program, upstreamTasks;

test('the invented appendix imports as an upstream program: preview, nothing before confirm, codes kept, no city unit assigned', async () => {
  assert.match(JSON.parse(readFileSync(FIXTURE, 'utf8')).note, /GIẢ ĐỊNH/);
  // The demo's 02-CTr/BCĐTW is a basis of the city's plans, with no reporting plan of its own.
  program = await directiveByNumber(agency, '02-CTr/BCĐTW');
  assert.equal(program.has_plan, false);
  const unknown = await upload(program.id, '&upstream=khong-co');
  assert.equal(unknown.status, 400);
  assert.equal(unknown.body.error.field, 'upstream');
  const up = await upload(program.id, '&upstream=nq57');
  assert.equal(up.status, 201, JSON.stringify(up.body));
  assert.equal(up.body.upstream_system, 'nq57');
  assert.equal(up.body.summary.blocking, 0, JSON.stringify(up.body.issues));
  assert.equal(up.body.summary.assignments, 0);
  assert.equal(up.body.summary.unmatched, 0);
  assert.deepEqual(up.body.tasks.map((t) => [t.code, t.codes.nq57, t.name]), fixtureRows.map((r) => [r[0], r[1], r[2]]));
  assert.ok(up.body.tasks.every((t) => t.lead.units.length === 0 && t.lead.text === 'UBND các tỉnh, thành phố'));
  assert.equal((await agency.get(`/api/v1/tasks?directive_id=${program.id}`)).body.total, 0);
  assert.equal((await agency.get('/api/v1/upstream-programs')).body.items.some((p) => p.directive_id === program.id), false);
  const done = await ok(agency.post(`/api/v1/imports/${up.body.id}/confirm`), 'confirm');
  assert.deepEqual(done.created, { indicators: 0, tasks: fixtureRows.length, assignments: 0 });
  const programs = (await ok(focal.get('/api/v1/upstream-programs'), 'programs')).items;
  assert.deepEqual(programs.filter((p) => p.directive_id === program.id).map((p) => [p.system, p.number, p.task_count]),
    [['nq57', '02-CTr/BCĐTW', fixtureRows.length]]);
  upstreamTasks = (await ok(agency.get(`/api/v1/tasks?directive_id=${program.id}&limit=50`), 'tasks')).items;
  // Found by their upstream code, as Hệ thống 57 names them.
  for (const r of fixtureRows) {
    const found = (await ok(focal.get(`/api/v1/external-codes?system=nq57&code=${r[1]}`), r[1])).items;
    assert.deepEqual(found.map((c) => c.entity_id), [upstreamTasks.find((t) => t.code === r[0]).id], r[1]);
  }
  assert.equal((await agency.get(`/api/v1/assignments?task_id=${upstreamTasks[0].id}`)).body.total, 0);
  // A second import into the program is one of the same system; another system is refused.
  const other = await upload(program.id, '&upstream=dean06');
  assert.equal(other.status, 409);
  assert.equal(other.body.error.field, 'upstream');
  const again = await upload(program.id, '');
  assert.equal(again.status, 201);
  assert.equal(again.body.upstream_system, 'nq57');
  assert.ok(again.body.issues.some((i) => i.blocking && i.field === 'code'), 'the same numbers are refused a second time');
  // A city plan with tasks does not become an upstream program.
  const city = await upload(plan.id, '&upstream=nq57');
  assert.equal(city.status, 409);
});

test('a code column naming no system blocks the import; a unit-only system is refused', async () => {
  const target = await newDirective('03-CTr/THU', 'Chương trình thử (giả định)');
  const data = JSON.parse(readFileSync(FIXTURE, 'utf8'));
  data.rows[3][1] = 'Mã khongco';
  const src = join(work, 'bad.json');
  const file = join(work, 'bad.xlsx');
  (await import('node:fs')).writeFileSync(src, JSON.stringify(data));
  execFileSync('python3', [MAKER, src, file]);
  const up = await upload(target.id, '&upstream=nq57', readFileSync(file));
  assert.equal(up.status, 201);
  assert.ok(up.body.issues.some((i) => i.blocking && i.field === 'codes' && /khongco/.test(i.message)), JSON.stringify(up.body.issues));
  // Each task is still known in nq57 by its number when the file gives no nq57 code.
  assert.deepEqual(up.body.tasks.map((t) => t.codes.nq57), fixtureRows.map((r) => r[0]));
  assert.equal((await agency.post(`/api/v1/imports/${up.body.id}/confirm`)).status, 409);
  assert.equal((await upload(target.id, '&upstream=qd20')).status, 400);
});

test('city tasks link to the upstream tasks they implement; the roll-up gives share done and worst status, at a date', async () => {
  const cityTasks = (await ok(agency.get(`/api/v1/tasks?directive_id=${plan.id}&limit=500`), 'city tasks')).items;
  const statusesOf = async (taskId, asOf) =>
    (await ok(agency.get(`/api/v1/assignments?task_id=${taskId}&limit=500${asOf ? `&as_of=${asOf}` : ''}`), 'assignments')).items
      .filter((a) => a.counted).map((a) => a.status);
  // Pick city tasks whose assignments differ: some with work done, some overdue.
  const withStatuses = [];
  for (const t of cityTasks.slice(0, 40)) withStatuses.push({ t, s: await statusesOf(t.id) });
  const doneOnes = withStatuses.filter((x) => x.s.some((s) => s.startsWith('done')));
  const overdueOnes = withStatuses.filter((x) => x.s.includes('overdue'));
  // Two different city tasks: the demo's first task with work done may be overdue elsewhere too.
  const a = doneOnes[0]?.t;
  const b = overdueOnes.find((x) => x.t.id !== a?.id)?.t;
  assert.ok(a && b, 'the demo has done and overdue work in two tasks');
  const [u1, u2, u3] = upstreamTasks;
  // Refused: an unknown id, a city task as "upstream", an upstream task linking upward.
  for (const [task, ids] of [[a.id, [999999]], [a.id, [b.id]], [u1.id, [u2.id]]]) {
    const r = await agency.put(`/api/v1/tasks/${task}/upstream-links`, { upstream_task_ids: ids });
    assert.equal(r.status, 400, JSON.stringify(r.body));
  }
  assert.equal((await agency.put(`/api/v1/tasks/${a.id}/upstream-links`, { upstream_task_ids: 'x' })).status, 400);
  assert.equal((await focal.put(`/api/v1/tasks/${a.id}/upstream-links`, { upstream_task_ids: [u1.id] })).status, 403);
  const linked = await ok(agency.put(`/api/v1/tasks/${a.id}/upstream-links`, { upstream_task_ids: [u1.id, u2.id] }), 'link a');
  assert.deepEqual(linked.items.map((l) => [l.upstream_task_id, l.upstream_code, l.upstream_system]).sort(),
    [[u1.id, fixtureRows[0][1], 'nq57'], [u2.id, fixtureRows[1][1], 'nq57']].sort());
  await ok(agency.put(`/api/v1/tasks/${b.id}/upstream-links`, { upstream_task_ids: [u1.id] }), 'link b');
  assert.deepEqual((await ok(focal.get(`/api/v1/tasks/${b.id}/upstream-links`), 'links b')).items.map((l) => l.upstream_task_id), [u1.id]);

  const expect = (statuses) => {
    const owed = statuses.filter((s) => s !== 'cancelled');
    const done = owed.filter((s) => s === 'done_on_time' || s === 'done_late').length;
    const order = ['overdue', 'recurring_not_updated', 'due_soon', 'not_started', 'in_progress', 'no_deadline', 'waiting', 'paused',
      'recurring_updated', 'done_late', 'done_on_time', 'cancelled'];
    const worst = statuses.length ? order.find((s) => statuses.includes(s)) : null;
    return { assignments: owed.length, done, share_done: owed.length ? done / owed.length : null, worst_status: worst };
  };
  const sa = await statusesOf(a.id), sb = await statusesOf(b.id);
  const r = await rollup(program.id);
  assert.equal(r.system, 'nq57');
  assert.equal(r.linked, 2);
  const item = (id) => r.items.find((i) => i.task_id === id);
  const pick = (i) => ({ assignments: i.assignments, done: i.done, share_done: i.share_done, worst_status: i.worst_status });
  assert.deepEqual(pick(item(u1.id)), expect([...sa, ...sb]));
  assert.equal(item(u1.id).worst_status, 'overdue');
  assert.equal(item(u1.id).worst_status_label.length > 0, true);
  assert.deepEqual(pick(item(u2.id)), expect(sa));
  assert.deepEqual(item(u1.id).linked_tasks.map((t) => t.task_id).sort(), [a.id, b.id].sort());
  assert.deepEqual(pick(item(u3.id)), { assignments: 0, done: 0, share_done: null, worst_status: null });
  assert.equal(item(u1.id).upstream_code, fixtureRows[0][1]);

  // R15: the day before, neither the program's tasks nor these links existed yet.
  const yesterday = await rollup(program.id, '2026-11-23');
  assert.deepEqual([yesterday.as_of, yesterday.tasks, yesterday.linked, yesterday.items], ['2026-11-23', 0, 0, []]);
  // A link removed today is gone now, and the roll-up follows.
  await ok(agency.put(`/api/v1/tasks/${b.id}/upstream-links`, { upstream_task_ids: [] }), 'unlink b');
  assert.deepEqual(pick((await rollup(program.id)).items.find((i) => i.task_id === u1.id)), expect(sa));
  // Only agencies that read the synthesis see the roll-up across units.
  assert.equal((await focal.get(`/api/v1/upstream-programs/${program.id}/rollup`)).status, 403);
  assert.equal((await agency.get(`/api/v1/upstream-programs/${plan.id}/rollup`)).status, 404);
});

test('a city plan import sets each row\'s codes from its "Mã <system>" columns', async () => {
  const target = await newDirective('905/KH-THU', 'Kế hoạch thử mã ngoài');
  const csv = 'TT,Tên nhiệm vụ,Chủ trì,Thời hạn,Mã dean06,Mã nq57\n1,Việc một,Sở Tư pháp,12/2026,DA06-HP-001,\n2,Việc hai,Sở Tư pháp,12/2026,DA06-HP-002,NQ57-X-2\n';
  const up = await agency.call('POST', `/api/v1/directives/${target.id}/imports?filename=k.csv`, csv);
  assert.equal(up.status, 201, JSON.stringify(up.body));
  assert.equal(up.body.upstream_system, null);
  assert.deepEqual(up.body.tasks.map((t) => t.codes), [{ dean06: 'DA06-HP-001' }, { dean06: 'DA06-HP-002', nq57: 'NQ57-X-2' }]);
  assert.ok(up.body.tasks.every((t) => t.assignment_count === 1));
  await ok(agency.post(`/api/v1/imports/${up.body.id}/confirm`), 'confirm');
  const [found] = (await ok(agency.get('/api/v1/external-codes?system=dean06&code=DA06-HP-002'), 'lookup')).items;
  const task = await ok(agency.get(`/api/v1/tasks/${found.entity_id}`), 'task');
  assert.deepEqual([found.entity, task.code, task.directive_id], ['task', '2', target.id]);
  assert.deepEqual((await ok(agency.get(`/api/v1/external-codes?entity=task&entity_id=${found.entity_id}`), 'codes')).items.map((c) => [c.system, c.code]),
    [['dean06', 'DA06-HP-002'], ['nq57', 'NQ57-X-2']]);
  // An agency code is a unit's only: a column of them on tasks blocks the import.
  const bad = await agency.call('POST', `/api/v1/directives/${target.id}/imports?filename=k.csv`, 'TT,Tên nhiệm vụ,Chủ trì,Thời hạn,Mã qd20\n3,Việc ba,Sở Tư pháp,12/2026,H31.12\n');
  assert.ok(bad.body.issues.some((i) => i.blocking && i.field === 'codes'), JSON.stringify(bad.body.issues));
});
