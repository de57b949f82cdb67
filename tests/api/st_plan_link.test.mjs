// An S&T task that is also one of the plan's tasks (issue 16, item 3): the standing agency links it to one plan
// assignment; from then on that assignment's progress in its unit's monthly report is the task's monthly update of
// the same month — shown read-only with where it came from, a different value refused, taken at submission — and a
// past date's progress never changes when a later update arrives. One link at a time on each side; ending it gives
// the line back to the unit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, unitByCode, directiveByNumber, ok, restarted } from './harness.mjs';

let server, agency, host, haian, plan, unit, vmu, skhcn;

const doc = (date) => ({ doc_number: `${Math.floor(Math.random() * 900) + 100}/QĐ-SKHCN`, doc_date: date,
  signer_name: 'Nguyễn Văn Hùng', signer_position: 'Giám đốc Sở Khoa học và Công nghệ' });

before(async () => {
  server = await startServer();  // 24/11/2026
  agency = await client(server, 'skhcn');
  host = await client(server, 'vmu');
  haian = await client(server, 'haian');
  plan = await directiveByNumber(agency, '27/QĐ-BCĐ');
  unit = await unitByCode(agency, 'P-HAIAN');
  vmu = await unitByCode(agency, 'VMU');
  skhcn = await unitByCode(agency, 'SKHCN');
});
after(async () => { await server?.stop(); });

async function executingTask(code) {
  let t = await ok(agency.post('/api/v1/st-tasks', { code, title: 'Nền tảng số giám sát ngập úng đô thị', level: 'tinh',
    kind: 'de_tai', mode: 'dat_hang', host_unit_id: vmu.id, managing_unit_id: skhcn.id, budget_nsnn: 500_000_000,
    budget_other: 0, products: [], years: [], ...doc('2026-01-05') }), 'create');
  for (const [to, date] of [['xac_dinh', '2026-02-01'], ['giao_truc_tiep', '2026-02-10'], ['xet_chon', '2026-03-01'],
    ['phe_duyet', '2026-04-01'], ['hop_dong', '2026-04-20'], ['thuc_hien', '2026-05-01']]) {
    t = await ok(agency.post(`/api/v1/st-tasks/${t.id}/stage`, { version: t.version, to_stage: to, ...doc(date) }), to);
  }
  return t;
}

const progressOf = async (c, assignmentId, asOf) => {
  const q = asOf ? `&as_of=${asOf}` : '';
  const list = await ok(c.get(`/api/v1/assignments?directive_id=${plan.id}&unit_id=${unit.id}&limit=100${q}`), 'list');
  return list.items.find((a) => a.id === assignmentId).progress_percent;
};

test('the linked assignment takes its progress from the S&T task, keyed once; a past date keeps its progress', async () => {
  const list = await ok(agency.get(`/api/v1/assignments?directive_id=${plan.id}&unit_id=${unit.id}&limit=100`), 'assignments');
  const [a, b] = list.items.filter((x) => !['cancelled', 'paused', 'done_on_time', 'done_late'].includes(x.status));
  assert.ok(a && b, 'Hải An has two live assignments');
  const task = await executingTask(`LK.${Date.now()}`);
  const other = await executingTask(`LK.${Date.now()}.2`);

  // Only the standing agency links; an unknown assignment is refused by its field.
  assert.equal((await haian.post(`/api/v1/st-tasks/${task.id}/plan-link`, { assignment_id: a.id })).status, 403);
  const unknown = await agency.post(`/api/v1/st-tasks/${task.id}/plan-link`, { assignment_id: 99_999_999 });
  assert.equal(unknown.status, 400);
  assert.equal(unknown.body.error.field, 'assignment_id');
  let t = await ok(agency.post(`/api/v1/st-tasks/${task.id}/plan-link`, { assignment_id: a.id }), 'link');
  assert.equal(t.plan_links.length, 1);
  assert.equal(t.plan_links[0].assignment_id, a.id);
  assert.equal(t.plan_links[0].valid_from, '2026-11-24');
  assert.equal(t.plan_links[0].valid_to, null);
  // One link at a time on each side.
  for (const [id, assignment] of [[task.id, b.id], [other.id, a.id]]) {
    const twice = await agency.post(`/api/v1/st-tasks/${id}/plan-link`, { assignment_id: assignment });
    assert.equal(twice.status, 409);
    assert.equal(twice.body.error.field, 'assignment_id');
  }

  // The host keys November once: 40 %.
  await ok(host.post(`/api/v1/st-tasks/${task.id}/updates`, { year: 2026, month: 11, progress_percent: 40,
    products_delivered: 'Bản đồ ngập 3 phường', problems: 'Thiếu số liệu trạm đo' }), 'update 40');
  const created = await ok(haian.post('/api/v1/reports', { directive_id: plan.id, period: '2026-11' }), 'report');
  const line = (r) => r.items.find((i) => i.assignment_id === a.id);
  assert.equal(line(created).progress_percent, 40);
  assert.deepEqual({ ...line(created).derived_from, st_task_title: undefined }, { st_task_id: task.id,
    st_task_code: task.code, st_task_title: undefined, linked_from: '2026-11-24', progress_percent: 40,
    update_recorded_on: '2026-11-24', update_month: '2026-11' });
  assert.equal(line(created).work_done, 'Bản đồ ngập 3 phường');
  assert.equal(created.items.find((i) => i.assignment_id === b.id).derived_from, null);

  // The unit cannot key a different progress on that line; the same value, or none, is taken.
  const items = (p) => created.items.map((i) => ({ assignment_id: i.assignment_id, progress_percent: i.assignment_id === a.id ? p : 30,
    work_done: 'Đã triển khai' }));
  const refused = await haian.put(`/api/v1/reports/${created.id}`, { version: created.version, items: items(70) });
  assert.equal(refused.status, 400);
  const k = created.items.findIndex((i) => i.assignment_id === a.id);
  assert.equal(refused.body.error.field, `items[${k}].progress_percent`);
  assert.match(refused.body.error.message, new RegExp(`${task.code}.*40 %`));
  let saved = await ok(haian.put(`/api/v1/reports/${created.id}`, { version: created.version, items: items(40) }), 'same');
  assert.equal(line(saved).progress_percent, 40);
  assert.equal(saved.items.find((i) => i.assignment_id === b.id).progress_percent, 30);
  saved = await ok(haian.put(`/api/v1/reports/${created.id}`, { version: saved.version,
    items: [{ assignment_id: a.id, work_done: 'Phối hợp khảo sát' }] }), 'none');
  assert.equal(line(saved).progress_percent, 40);
  await ok(haian.post(`/api/v1/reports/${created.id}/submit`, {}), 'submit');
  assert.equal(await progressOf(agency, a.id), 40);

  // Two days later the host updates November again (65 %); the unit takes its report back and submits it again.
  let haian2;
  [server, agency] = await restarted(server, '2026-11-26T03:00:00Z', 'skhcn');
  host = await client(server, 'vmu');
  haian2 = await client(server, 'haian');
  await ok(host.post(`/api/v1/st-tasks/${task.id}/updates`, { year: 2026, month: 11, progress_percent: 65 }), 'update 65');
  // Until the report is submitted again the counted progress is the one submitted.
  assert.equal(await progressOf(agency, a.id), 40);
  let r = await ok(haian2.get(`/api/v1/reports/${created.id}`), 'report');
  assert.equal(line(r).derived_from.progress_percent, 65);
  assert.equal(line(r).derived_from.update_recorded_on, '2026-11-26');
  r = await ok(haian2.post(`/api/v1/reports/${created.id}/withdraw`, { version: r.version }), 'withdraw');
  await ok(haian2.post(`/api/v1/reports/${created.id}/submit`, {}), 'submit again');
  assert.equal(await progressOf(agency, a.id), 65);
  // A past date's progress does not change.
  assert.equal(await progressOf(agency, a.id, '2026-11-24'), 40);
  assert.equal(await progressOf(agency, a.id, '2026-11-25'), 40);

  // Ending the link gives the line back to the unit from today; the link is kept with its end.
  t = await ok(agency.post(`/api/v1/st-tasks/${task.id}/plan-link/end`, {}), 'end');
  assert.equal(t.plan_links[0].valid_to, '2026-11-26');
  assert.equal((await agency.post(`/api/v1/st-tasks/${task.id}/plan-link/end`, {})).status, 409);
  r = await ok(haian2.post(`/api/v1/reports/${created.id}/withdraw`, { version: (await ok(haian2.get(`/api/v1/reports/${created.id}`))).version }), 'withdraw 2');
  assert.equal(line(r).derived_from, null);
  r = await ok(haian2.put(`/api/v1/reports/${created.id}`, { version: r.version, items: [{ assignment_id: a.id, progress_percent: 80 }] }), 'own');
  assert.equal(line(r).progress_percent, 80);
  // Now the other task may take that assignment.
  await ok(agency.post(`/api/v1/st-tasks/${other.id}/plan-link`, { assignment_id: a.id }), 'relink');
});
