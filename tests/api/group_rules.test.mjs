// Issue 14, item 13: a group defined by rule. "UBND cấp xã" defined as every commune, ward and special zone holds
// them all; a commune created later joins it in the same transaction and owes the group's live tasks from that
// moment (kept in unit_group_member_history, R15), so the figures of a past date do not change; a unit whose kind
// changes away leaves it; a rule group's members are not edited by hand; a hand-made group still is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, ok, restarted, CLOCK } from './harness.mjs';

const KINDS = ['commune', 'ward', 'special_zone'];
const YESTERDAY = '2026-11-23';  // the harness's clock is 24/11/2026
let server, admin;

before(async () => {
  server = await startServer();
  admin = await client(server, 'admin');
});
after(async () => { await server?.stop(); });

test('a commune created after its group is defined by rule joins it and gets its live tasks from that day', async () => {
  const group = (await ok(admin.get('/api/v1/unit-groups?q=UBND%20c%E1%BA%A5p%20x%C3%A3'), 'group')).items[0];
  assert.deepEqual(group.member_kinds, [], 'the demo group is hand-made');
  // Its live tasks: what each of its members was assigned through it.
  const member = group.member_ids[0];
  const viaGroup = (await ok(admin.get(`/api/v1/assignments?unit_id=${member}&limit=1000`), 'member work')).items
    .filter((a) => a.via_group_id === group.id).map((a) => a.task_id).sort();
  assert.ok(viaGroup.length > 0, 'the group has tasks');
  const past = [`/api/v1/dashboard?as_of=${YESTERDAY}`, `/api/v1/ranking?peer_group=commune&as_of=${YESTERDAY}`];
  const before = await Promise.all(past.map((p) => ok(admin.get(p), p)));

  const ruled = await ok(admin.put(`/api/v1/unit-groups/${group.id}/rule`, { member_kinds: KINDS }), 'rule');
  assert.deepEqual(ruled.member_kinds, KINDS);
  const units = (await ok(admin.get('/api/v1/units?limit=1000'), 'units')).items;
  const expected = units.filter((u) => KINDS.includes(u.kind) && !(u.active_to && u.active_to < '2026-11-24')).map((u) => u.id).sort((a, b) => a - b);
  assert.deepEqual([...ruled.member_ids].sort((a, b) => a - b), expected, 'every commune, ward and special zone is a member');

  const root = units.find((u) => u.parent_id == null);
  const created = await ok(admin.post('/api/v1/units', { code: 'XA-MOI-RULE', name: 'Xã Tân Lập', parent_id: root.id, kind: 'commune' }), 'commune');
  const after = await ok(admin.get(`/api/v1/unit-groups/${group.id}`), 'group after');
  assert.ok(after.member_ids.includes(created.id), 'the new commune joined the group');
  const work = (await ok(admin.get(`/api/v1/assignments?unit_id=${created.id}&limit=1000`), 'new work')).items;
  assert.deepEqual(work.filter((a) => a.via_group_id === group.id).map((a) => a.task_id).sort(), viaGroup,
    'the new commune owes the group\'s live tasks');
  for (const a of work) assert.ok(a.effective_due === null || typeof a.effective_due === 'string');
  // Not on the day before it joined: the past stays as it was (R15).
  const then = (await ok(admin.get(`/api/v1/assignments?unit_id=${created.id}&as_of=${YESTERDAY}&limit=1000`), 'then')).items;
  assert.equal(then.length, 0);
  // Read by a fresh instance, which keeps nothing computed before (settled_cache.h).
  [server, admin] = await restarted(server, CLOCK);
  const again = await Promise.all(past.map((p) => ok(admin.get(p), p)));
  assert.deepEqual(again, before, 'a past date\'s figures are unchanged');

  // Members of a rule group are the rule's: editing them by hand is refused, naming the field.
  const refused = await admin.put(`/api/v1/unit-groups/${group.id}/members`, { member_ids: group.member_ids });
  assert.equal(refused.status, 409);
  assert.equal(refused.body.error.field, 'member_ids');

  // A commune turned into a department leaves the group and no longer owes its tasks.
  await ok(admin.call('PATCH', `/api/v1/units/${created.id}`, { kind: 'department' }), 'kind');
  assert.ok(!(await ok(admin.get(`/api/v1/unit-groups/${group.id}`), 'group')).member_ids.includes(created.id));
  const left = (await ok(admin.get(`/api/v1/assignments?unit_id=${created.id}&limit=1000`), 'left work')).items;
  assert.equal(left.filter((a) => a.via_group_id === group.id).length, 0);

  // Without a rule the group is hand-made again, keeping its members, and the editor works.
  const handMade = await ok(admin.put(`/api/v1/unit-groups/${group.id}/rule`, { member_kinds: [] }), 'no rule');
  assert.deepEqual(handMade.member_kinds, []);
  assert.deepEqual([...handMade.member_ids].sort((a, b) => a - b), expected);
  await ok(admin.put(`/api/v1/unit-groups/${group.id}/members`, { member_ids: [...expected, created.id] }), 'by hand');
});

test('a group made by rule holds its kinds; a wrong kind or a host organisation kind is refused by name', async () => {
  const made = await ok(admin.post('/api/v1/unit-groups', { code: 'DAC-KHU', name: 'Các đặc khu', member_kinds: ['special_zone'] }), 'create');
  const units = (await ok(admin.get('/api/v1/units?kind=special_zone&limit=1000'), 'zones')).items;
  assert.deepEqual([...made.member_ids].sort((a, b) => a - b), units.map((u) => u.id).sort((a, b) => a - b));
  for (const kinds of [['village'], ['host_org']]) {
    const r = await admin.post('/api/v1/unit-groups', { code: `X-${kinds[0]}`, name: 'Sai', member_kinds: kinds });
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.body.error.field, 'member_kinds');
  }
  const both = await admin.post('/api/v1/unit-groups', { code: 'X-BOTH', name: 'Sai', member_kinds: ['ward'], member_ids: [units[0]?.id ?? 1] });
  assert.equal(both.status, 400);
  assert.match(both.body.error.message, /Loại đơn vị thành viên/);
});
