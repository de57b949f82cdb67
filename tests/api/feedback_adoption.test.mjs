// Issue 15: initiatives, solutions and product orders go their own way to adoption (proposed → adopted into a task
// or a change of policy, or not adopted with a reason), each step by its role, once, dated so that a past date's
// figures stay; coordinating units named beside the lead unit see the item (never its contact) and act on nothing;
// the public page lists the city's plans with their tasks' names and statuses only, and a sender may point an item
// at one of those tasks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, ok, unitByCode } from './harness.mjs';

let server, anon, agency;
let ip = 1;
const from = () => ({ 'x-real-ip': `10.9.0.${ip++}` });
const submission = (over = {}) => ({ kind: 'sang_kien', field: 'Chuyển đổi số', title: 'Bản đồ số chợ truyền thống',
  text: `Số hóa sơ đồ các chợ để người dân tra cứu ${Math.random()}`, sender_type: 'nha_sang_tao', name: 'Trần Thị Bình',
  contact: `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, consent: true, ...over });

before(async () => {
  server = await startServer({ args: ['--scheduler-seconds', '0'] });
  anon = await client(server);
  agency = await client(server, 'skhcn');
});
after(async () => { await server?.stop(); });

async function accepted(over = {}) {
  const r = await anon.call('POST', '/api/v1/public/feedback', submission(over), from());
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const found = await ok(agency.get('/api/v1/feedback?state=received&limit=200'), 'inbox');
  const it = found.items.find((i) => i.code === r.body.code);
  return { code: r.body.code, item: await ok(agency.post(`/api/v1/feedback/${it.id}/classify`, { version: it.version, outcome: 'accepted' }), 'accept') };
}

test('the public list of plans: tasks by name and status only; a sender points an item at one of them', async () => {
  const plans = await ok(anon.get('/api/v1/public/plans'), 'public plans');
  assert.ok(plans.items.length >= 1);
  const task = plans.items[0].tasks[0];
  assert.deepEqual(Object.keys(task).sort(), ['code', 'field', 'id', 'name', 'status']);
  assert.ok(['not_assigned', 'overdue', 'done', 'due_soon', 'in_progress'].includes(task.status));
  // The same statuses the staff's task list counts: every task of the plan is there once.
  const staffTasks = await ok(agency.get(`/api/v1/tasks?directive_id=${plans.items[0].id}&limit=1000`), 'tasks');
  assert.equal(plans.items[0].tasks.length, staffTasks.total);

  const r = await anon.call('POST', '/api/v1/public/feedback', submission({ kind: 'kien_nghi', task_id: task.id }), from());
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const onTask = await ok(agency.get(`/api/v1/feedback?task_id=${task.id}`), 'on task');
  assert.ok(onTask.items.some((i) => i.code === r.body.code), 'the chosen task is linked');
  const bad = await anon.call('POST', '/api/v1/public/feedback', submission({ task_id: 99999999 }), from());
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'task_id');
  assert.match(bad.body.error.message, /nhiệm vụ/i);
});

test('adoption: proposed by the lead unit, decided once by the standing agency, linked to its task, public', async () => {
  const haian = await unitByCode(agency, 'P-HAIAN');
  const { code, item } = await accepted();
  const assigned = await ok(agency.post(`/api/v1/feedback/${item.id}/assign`, { version: item.version, lead_unit_id: haian.id }), 'assign');
  assert.equal(assigned.adoption, null);

  // Deciding before a proposal, proposing by someone else, or by a reader: refused, nothing changes.
  const early = await agency.post(`/api/v1/feedback/${item.id}/adoption`, { version: assigned.version, action: 'adopt', policy_change: 'x' });
  assert.equal(early.status, 409);
  assert.match(early.body.error.message, /chưa được đề xuất/);
  assert.equal((await (await client(server, 'lechan')).post(`/api/v1/feedback/${item.id}/adoption`, { version: assigned.version, action: 'propose' })).status, 404);
  assert.equal((await (await client(server, 'lanhdao')).post(`/api/v1/feedback/${item.id}/adoption`, { version: assigned.version, action: 'propose' })).status, 403);
  const badAction = await agency.post(`/api/v1/feedback/${item.id}/adoption`, { version: assigned.version, action: 'approve' });
  assert.equal(badAction.status, 400);
  assert.equal(badAction.body.error.field, 'action');

  const focal = await client(server, 'haian');
  const proposed = await ok(focal.post(`/api/v1/feedback/${item.id}/adoption`, { version: assigned.version, action: 'propose', reason: 'Chi phí thấp, làm được ngay' }), 'propose');
  assert.equal(proposed.adoption, 'proposed');
  assert.equal(proposed.state, 'assigned', 'the answer goes on beside it');
  assert.ok(proposed.proposed_on);
  const twice = await focal.post(`/api/v1/feedback/${item.id}/adoption`, { version: proposed.version, action: 'propose' });
  assert.equal(twice.status, 409);
  // Only the standing agency decides.
  assert.equal((await (await client(server, 'haian.truong')).post(`/api/v1/feedback/${item.id}/adoption`, { version: proposed.version, action: 'adopt', policy_change: 'x' })).status, 403);
  const nothing = await agency.post(`/api/v1/feedback/${item.id}/adoption`, { version: proposed.version, action: 'adopt' });
  assert.equal(nothing.status, 400);
  assert.equal(nothing.body.error.field, 'task_id');
  const stale = await agency.post(`/api/v1/feedback/${item.id}/adoption`, { version: assigned.version, action: 'adopt', policy_change: 'x' });
  assert.equal(stale.status, 409);
  assert.equal(stale.body.error.field, 'version');

  const task = (await ok(agency.get('/api/v1/tasks?limit=1'), 'task')).items[0];
  const adopted = await ok(agency.post(`/api/v1/feedback/${item.id}/adoption`, { version: proposed.version, action: 'adopt', task_id: task.id, reason: 'Đưa vào nhiệm vụ số hóa chợ' }), 'adopt');
  assert.equal(adopted.adoption, 'adopted');
  assert.equal(adopted.adopted_task.task_id, task.id);
  assert.ok(adopted.tasks.some((t) => t.task_id === task.id), 'the task shows the initiative');
  const final = await agency.post(`/api/v1/feedback/${item.id}/adoption`, { version: adopted.version, action: 'reject', reason: 'đổi ý' });
  assert.equal(final.status, 409);
  assert.match(final.body.error.message, /không thay đổi/);

  const look = await ok(anon.get(`/api/v1/public/feedback/${code}`), 'lookup');
  assert.equal(look.adoption, 'adopted');
  assert.equal(look.adopted_task_name, task.name);
  assert.equal(look.adoption_reason, 'Đưa vào nhiệm vụ số hóa chợ');

  const inList = await ok(agency.get('/api/v1/feedback?adoption=adopted&limit=200'), 'adopted list');
  assert.ok(inList.items.every((i) => i.adoption === 'adopted'));
  assert.ok(inList.items.some((i) => i.id === item.id));
  assert.equal((await agency.get('/api/v1/feedback?adoption=maybe')).status, 400);
});

test('a complaint is not an initiative; an initiative not yet accepted cannot be proposed; not adopted needs a reason', async () => {
  const { item: complaint } = await accepted({ kind: 'phan_anh' });
  const r = await agency.post(`/api/v1/feedback/${complaint.id}/adoption`, { version: complaint.version, action: 'propose' });
  assert.equal(r.status, 409);
  assert.match(r.body.error.message, /Chỉ sáng kiến/);

  const fresh = await anon.call('POST', '/api/v1/public/feedback', submission({ kind: 'dat_hang' }), from());
  const raw = (await ok(agency.get('/api/v1/feedback?state=received&limit=200'), 'inbox')).items.find((i) => i.code === fresh.body.code);
  assert.equal((await agency.post(`/api/v1/feedback/${raw.id}/adoption`, { version: raw.version, action: 'propose' })).status, 409);

  const { item } = await accepted({ kind: 'giai_phap' });
  const p = await ok(agency.post(`/api/v1/feedback/${item.id}/adoption`, { version: item.version, action: 'propose' }), 'propose');
  const noReason = await agency.post(`/api/v1/feedback/${item.id}/adoption`, { version: p.version, action: 'reject' });
  assert.equal(noReason.status, 400);
  assert.equal(noReason.body.error.field, 'reason');
  assert.match(noReason.body.error.message, /Lý do/);
  const rejected = await ok(agency.post(`/api/v1/feedback/${item.id}/adoption`, { version: p.version, action: 'reject', reason: 'Trùng chương trình đang làm' }), 'reject');
  assert.equal(rejected.adoption, 'not_adopted');
});

test('figures count initiatives, proposals and decisions as of their days, equal to the items behind them', async () => {
  const figures = await ok(agency.get('/api/v1/feedback-figures'), 'figures');
  const all = await ok(agency.get('/api/v1/feedback?limit=1000'), 'all');
  const initiatives = all.items.filter((i) => ['sang_kien', 'giai_phap', 'dat_hang'].includes(i.kind));
  assert.equal(figures.total.initiatives, initiatives.length);
  assert.equal(figures.total.proposed, initiatives.filter((i) => i.proposed_on).length);
  assert.equal(figures.total.adopted, initiatives.filter((i) => i.adoption === 'adopted').length);
  assert.equal(figures.total.not_adopted, initiatives.filter((i) => i.adoption === 'not_adopted').length);
  assert.ok(figures.total.adopted >= 1 && figures.total.not_adopted >= 1);
  // Yesterday nothing decided today was known.
  const y = new Date(Date.now() + 7 * 3600e3 - 864e5).toISOString().slice(0, 10);
  const past = await ok(agency.get(`/api/v1/feedback-figures?as_of=${y}`), 'yesterday');
  const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
  const decidedToday = initiatives.filter((i) => i.adoption === 'adopted' && i.adoption_decided_on === today).length;
  assert.equal(past.total.adopted, figures.total.adopted - decidedToday);
});

test('coordinating units see the item and its answer, not its contact, and take no step', async () => {
  const haian = await unitByCode(agency, 'P-HAIAN');
  const lechan = await unitByCode(agency, 'P-LECHAN');
  const { item } = await accepted({ kind: 'kien_nghi' });
  const coord = await client(server, 'lechan');
  assert.equal((await coord.get(`/api/v1/feedback/${item.id}`)).status, 404, 'not before it is named');

  const badUnit = await agency.post(`/api/v1/feedback/${item.id}/assign`, { version: item.version, lead_unit_id: haian.id, coordinating_unit_ids: [99999999] });
  assert.equal(badUnit.status, 400);
  assert.equal(badUnit.body.error.field, 'coordinating_unit_ids');
  assert.match(badUnit.body.error.message, /phối hợp/);
  const assigned = await ok(agency.post(`/api/v1/feedback/${item.id}/assign`,
    { version: item.version, lead_unit_id: haian.id, coordinating_unit_ids: [lechan.id, haian.id, lechan.id] }), 'assign');
  assert.deepEqual(assigned.coordinators.map((u) => u.unit_id), [lechan.id], 'the lead unit is not its own coordinator; named once');

  const seen = await ok(coord.get(`/api/v1/feedback/${item.id}`), 'coordinator reads');
  assert.equal(seen.sender, null, 'no contact for a coordinating unit');
  assert.ok((await ok(coord.get('/api/v1/feedback?limit=200'), 'inbox')).items.some((i) => i.id === item.id));
  const draft = await coord.post(`/api/v1/feedback/${item.id}/answer`, { version: seen.version, answer: 'Chúng tôi trả lời' });
  assert.equal(draft.status, 403, 'a coordinating unit does not answer for the lead unit');

  // Taken off again: out of its sight, and the list is dated, not deleted.
  const off = await ok(agency.post(`/api/v1/feedback/${item.id}/assign`, { version: assigned.version, lead_unit_id: haian.id, coordinating_unit_ids: [] }), 'off');
  assert.deepEqual(off.coordinators, []);
  assert.equal((await coord.get(`/api/v1/feedback/${item.id}`)).status, 404);
});
