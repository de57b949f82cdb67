// Issue 18, item 1: every unit, directive, task, indicator, assignment, feedback item and S&T task can carry its code
// in the national and Party systems; units carry their QĐ 20/2020 agency code, checked for its format; lookup by code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, client, ok, unitByCode, directiveByNumber } from './harness.mjs';

let server, admin, focal, plan, haian, lechan;

before(async () => {
  server = await startServer();
  admin = await client(server, 'admin');
  focal = await client(server, 'haian');
  plan = await directiveByNumber(admin, '27/QĐ-BCĐ');
  haian = await unitByCode(admin, 'P-HAIAN');
  lechan = await unitByCode(admin, 'P-LECHAN');
});
after(async () => { await server?.stop(); });

const setCode = (c, entity, entity_id, system, code, note) =>
  c.call('PUT', '/api/v1/external-codes', { entity, entity_id, system, code, ...(note ? { note } : {}) });
const lookup = async (c, system, code) =>
  (await ok(c.get(`/api/v1/external-codes?system=${encodeURIComponent(system)}&code=${encodeURIComponent(code)}`), 'lookup')).items;
const codesOf = async (c, entity, id) => (await ok(c.get(`/api/v1/external-codes?entity=${entity}&entity_id=${id}`), 'codes')).items;

test('the named systems are seeded and an admin adds one; a bad or repeated code is refused', async () => {
  const systems = (await ok(focal.get('/api/v1/external-systems'), 'systems')).items.map((s) => s.code);
  for (const s of ['nq57', 'theodoi.dcs.vn', 'dean06', 'khcn.quocgia', 'pakn.nq57.vn', 'qd20']) assert.ok(systems.includes(s), s);
  const made = await admin.post('/api/v1/external-systems', { code: 'lgsp.haiphong', name: 'Nền tảng LGSP thành phố' });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.equal((await admin.post('/api/v1/external-systems', { code: 'lgsp.haiphong', name: 'Lần hai' })).status, 409);
  const bad = await admin.post('/api/v1/external-systems', { code: 'LGSP HP', name: 'Sai mã' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'code');
  assert.equal((await client(server, 'skhcn').then((c) => c.post('/api/v1/external-systems', { code: 'x1', name: 'X' }))).status, 403);
  assert.ok((await ok(admin.get('/api/v1/external-systems'), 'systems')).items.some((s) => s.code === 'lgsp.haiphong'));
});

test('a unit carries its QĐ 20/2020 agency code, checked for its format, and is found by it', async () => {
  // The demo's codes are invented, in the right format, and say so.
  const [demo] = await codesOf(focal, 'unit', haian.id);
  assert.equal(demo.system, 'qd20');
  assert.match(demo.code, /^Y99\.\d\d(\.\d\d)*$/);
  assert.match(demo.note, /giả định/);
  assert.deepEqual((await lookup(focal, 'qd20', demo.code)).map((c) => c.entity_id), [haian.id]);
  for (const wrong of ['h31.12', 'H31..12', 'HA1.12', 'H31.12.', 'Z31', 'H31-12', `H31.${'1'.repeat(32)}`]) {
    const r = await setCode(admin, 'unit', haian.id, 'qd20', wrong);
    assert.equal(r.status, 400, wrong);
    assert.equal(r.body.error.field, 'code', wrong);
    assert.match(r.body.error.message, /QĐ 20\/2020/);
  }
  const set = await ok(setCode(admin, 'unit', haian.id, 'qd20', 'H31.12.05', 'Mã giả định (dữ liệu thử)'), 'set qd20');
  assert.deepEqual(set.items.map((c) => [c.system, c.code, c.note]), [['qd20', 'H31.12.05', 'Mã giả định (dữ liệu thử)']]);
  const found = await lookup(focal, 'qd20', 'H31.12.05');
  assert.deepEqual(found.map((c) => [c.entity, c.entity_id]), [['unit', haian.id]]);
  // The agency code belongs to units only.
  const task = (await ok(admin.get(`/api/v1/tasks?directive_id=${plan.id}&limit=2`), 'tasks')).items;
  const onTask = await setCode(admin, 'task', task[0].id, 'qd20', 'H31.12.05');
  assert.equal(onTask.status, 400);
  assert.equal(onTask.body.error.field, 'system');
});

test('plan items carry upstream codes; several city tasks share one; a code replaced or removed keeps its history', async () => {
  const tasks = (await ok(admin.get(`/api/v1/tasks?directive_id=${plan.id}&limit=2`), 'tasks')).items;
  const indicator = (await ok(admin.get(`/api/v1/indicators?directive_id=${plan.id}&limit=1`), 'indicators')).items[0];
  await ok(setCode(admin, 'directive', plan.id, 'theodoi.dcs.vn', '57-NQ/TW'), 'directive');
  await ok(setCode(admin, 'task', tasks[0].id, 'nq57', 'NQ57-HP-001'), 'task 0');
  await ok(setCode(admin, 'task', tasks[1].id, 'nq57', 'NQ57-HP-001'), 'task 1');
  await ok(setCode(admin, 'task', tasks[1].id, 'dean06', 'DA06-27'), 'task 1 dean06');
  await ok(setCode(admin, 'indicator', indicator.id, 'khcn.quocgia', 'CT-KHCN-11'), 'indicator');
  assert.deepEqual((await lookup(focal, 'nq57', 'NQ57-HP-001')).map((c) => c.entity_id).sort(), [tasks[0].id, tasks[1].id].sort());
  assert.deepEqual((await codesOf(focal, 'task', tasks[1].id)).map((c) => `${c.system}=${c.code}`), ['dean06=DA06-27', 'nq57=NQ57-HP-001']);
  assert.equal((await lookup(focal, 'theodoi.dcs.vn', '57-NQ/TW'))[0].entity, 'directive');
  assert.equal((await lookup(focal, 'khcn.quocgia', 'CT-KHCN-11'))[0].entity_id, indicator.id);
  // Replaced: the old code no longer finds the task, the new one does; the audit keeps both.
  await ok(setCode(admin, 'task', tasks[0].id, 'nq57', 'NQ57-HP-002'), 'replace');
  assert.deepEqual((await lookup(focal, 'nq57', 'NQ57-HP-001')).map((c) => c.entity_id), [tasks[1].id]);
  assert.deepEqual((await lookup(focal, 'nq57', 'NQ57-HP-002')).map((c) => c.entity_id), [tasks[0].id]);
  const trail = (await ok(admin.get(`/api/v1/audit?entity=task&entity_id=${tasks[0].id}&limit=50`), 'audit')).items
    .filter((e) => e.action === 'external_code');
  assert.deepEqual(trail.map((e) => [e.before.code, e.after.code]).sort(), [[null, 'NQ57-HP-001'], ['NQ57-HP-001', 'NQ57-HP-002']]);
  // Removed with null.
  const removed = await ok(setCode(admin, 'task', tasks[1].id, 'dean06', null), 'remove');
  assert.deepEqual(removed.items.map((c) => c.system), ['nq57']);
  assert.deepEqual(await lookup(focal, 'dean06', 'DA06-27'), []);
  // Refused: an unknown system, a missing item, a code with a control character, no code field at all.
  assert.equal((await setCode(admin, 'task', tasks[0].id, 'khong-co', 'X')).body.error.field, 'system');
  assert.equal((await setCode(admin, 'task', 99999999, 'nq57', 'X')).status, 404);
  assert.equal((await setCode(admin, 'task', tasks[0].id, 'nq57', 'a\u0001b')).body.error.field, 'code');
  const noCode = await admin.call('PUT', '/api/v1/external-codes', { entity: 'task', entity_id: tasks[0].id, system: 'nq57' });
  assert.equal(noCode.body.error.field, 'code');
  assert.equal((await admin.call('PUT', '/api/v1/external-codes', { entity: 'report', entity_id: 1, system: 'nq57', code: 'X' })).body.error.field, 'entity');
});

test('an assignment\'s codes are seen within the unit subtree only; a focal point sets none', async () => {
  const mine = (await ok(admin.get(`/api/v1/assignments?unit_id=${haian.id}&directive_id=${plan.id}&limit=1`), 'mine')).items[0];
  const other = (await ok(admin.get(`/api/v1/assignments?unit_id=${lechan.id}&directive_id=${plan.id}&limit=1`), 'other')).items[0];
  await ok(setCode(admin, 'assignment', mine.id, 'nq57', 'PC-0001'), 'mine');
  await ok(setCode(admin, 'assignment', other.id, 'nq57', 'PC-0001'), 'other');
  assert.deepEqual((await lookup(admin, 'nq57', 'PC-0001')).map((c) => c.entity_id).sort(), [mine.id, other.id].sort());
  assert.deepEqual((await lookup(focal, 'nq57', 'PC-0001')).map((c) => c.entity_id), [mine.id]);
  assert.equal((await focal.get(`/api/v1/external-codes?entity=assignment&entity_id=${other.id}`)).status, 404);
  assert.equal((await codesOf(focal, 'assignment', mine.id))[0].code, 'PC-0001');
  assert.equal((await setCode(focal, 'assignment', mine.id, 'nq57', 'PC-0002')).status, 403);
  const noSystem = await focal.get('/api/v1/external-codes?code=PC-0001');
  assert.equal(noSystem.status, 400);
  assert.equal(noSystem.body.error.field, 'system');
});

test('a feedback item carries its pakn.nq57.vn code, found only by those whose inbox shows the item', async () => {
  const all = (await ok(admin.get('/api/v1/feedback?limit=500'), 'all feedback')).items;
  const seen = new Set((await ok(focal.get('/api/v1/feedback?limit=500'), 'focal feedback')).items.map((f) => f.id));
  const mine = all.find((f) => seen.has(f.id));
  const other = all.find((f) => !seen.has(f.id));
  assert.ok(mine && other, 'the demo has feedback inside and outside Hải An');
  await ok(setCode(admin, 'feedback_item', mine.id, 'pakn.nq57.vn', 'PAKN-2026-000123'), 'mine');
  await ok(setCode(admin, 'feedback_item', other.id, 'pakn.nq57.vn', 'PAKN-2026-000123'), 'other');
  assert.deepEqual((await lookup(admin, 'pakn.nq57.vn', 'PAKN-2026-000123')).map((c) => [c.entity, c.entity_id]).sort(),
    [['feedback_item', mine.id], ['feedback_item', other.id]].sort());
  assert.deepEqual((await lookup(focal, 'pakn.nq57.vn', 'PAKN-2026-000123')).map((c) => c.entity_id), [mine.id]);
  assert.equal((await codesOf(focal, 'feedback_item', mine.id))[0].code, 'PAKN-2026-000123');
  assert.equal((await focal.get(`/api/v1/external-codes?entity=feedback_item&entity_id=${other.id}`)).status, 404);
  // A host organisation's officer sees no feedback at all, and no plan item either.
  const host = await client(server, 'vmu');
  assert.deepEqual(await lookup(host, 'pakn.nq57.vn', 'PAKN-2026-000123'), []);
  assert.equal((await host.get(`/api/v1/external-codes?entity=feedback_item&entity_id=${mine.id}`)).status, 404);
  assert.equal((await host.get(`/api/v1/external-codes?entity=directive&entity_id=${plan.id}`)).status, 404);
  // A focal point sets no code; a bad code is refused in Vietnamese, naming the field.
  assert.equal((await setCode(focal, 'feedback_item', mine.id, 'pakn.nq57.vn', 'PAKN-1')).status, 403);
  const bad = await setCode(admin, 'feedback_item', mine.id, 'pakn.nq57.vn', ` ${'9'.repeat(5)}`);
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'code');
  assert.match(bad.body.error.message, /^Mã ở hệ thống ngoài .*khoảng trắng/);
  assert.equal((await setCode(admin, 'feedback_item', 99999999, 'pakn.nq57.vn', 'X')).status, 404);
});

test('an S&T task carries codes seen by those who host or manage it; its national platform code is its own field', async () => {
  const agency = await client(server, 'skhcn');
  const host = await client(server, 'vmu');
  const register = (await ok(agency.get('/api/v1/st-tasks?limit=1000'), 'register')).items;
  const hosted = new Set((await ok(host.get('/api/v1/st-tasks?limit=1000'), 'hosted')).items.map((t) => t.id));
  const mine = register.find((t) => hosted.has(t.id) && t.national_code);
  const other = register.find((t) => !hosted.has(t.id) && t.national_code);
  assert.ok(mine && other, 'the demo has S&T tasks with national codes inside and outside VMU');
  const task = (await ok(admin.get(`/api/v1/tasks?directive_id=${plan.id}&limit=1`), 'tasks')).items[0];
  for (const [entity, id] of [['st_task', mine.id], ['st_task', other.id], ['task', task.id]])
    await ok(setCode(agency, entity, id, 'nq57', 'NQ57-KHCN-07'), `${entity} ${id}`);
  assert.deepEqual((await lookup(admin, 'nq57', 'NQ57-KHCN-07')).map((c) => `${c.entity}:${c.entity_id}`).sort(),
    [`st_task:${mine.id}`, `st_task:${other.id}`, `task:${task.id}`].sort());
  // The host's officer: his own task only, nothing of the city's plan.
  assert.deepEqual((await lookup(host, 'nq57', 'NQ57-KHCN-07')).map((c) => `${c.entity}:${c.entity_id}`), [`st_task:${mine.id}`]);
  assert.equal((await host.get(`/api/v1/external-codes?entity=st_task&entity_id=${other.id}`)).status, 404);
  assert.equal((await setCode(host, 'st_task', mine.id, 'nq57', 'NQ57-KHCN-08')).status, 403);
  // The national platform's code is the task's "Mã trên nền tảng quốc gia": listed and looked up as khcn.quocgia,
  // and set only on the task itself.
  const codes = await codesOf(host, 'st_task', mine.id);
  assert.deepEqual(codes.map((c) => `${c.system}=${c.code}`).sort(), [`khcn.quocgia=${mine.national_code}`, 'nq57=NQ57-KHCN-07']);
  assert.deepEqual((await lookup(host, 'khcn.quocgia', mine.national_code)).map((c) => [c.entity, c.entity_id]), [['st_task', mine.id]]);
  assert.deepEqual(await lookup(host, 'khcn.quocgia', other.national_code), []);
  const direct = await setCode(agency, 'st_task', mine.id, 'khcn.quocgia', 'KHCN.X.1');
  assert.equal(direct.status, 400);
  assert.equal(direct.body.error.field, 'system');
  assert.match(direct.body.error.message, /Mã trên nền tảng quốc gia/);
  // The register's workbook has a column per system with a code, and still re-imports unchanged.
  const res = await fetch(server.base + '/api/v1/st-tasks.xlsx', { headers: { authorization: `Bearer ${agency.token}` } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-st-codes-'));
  try {
    writeFileSync(join(dir, 'so.xlsx'), bytes);
    const text = execFileSync('python3', ['-c', `import sys,zipfile
z=zipfile.ZipFile(sys.argv[1])
sys.stdout.write(''.join(z.read(n).decode() for n in z.namelist() if n.endswith('.xml')))`, join(dir, 'so.xlsx')], { encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.ok(text.includes('Mã nq57') && text.includes('NQ57-KHCN-07'));
    assert.ok(!text.includes('Mã khcn.quocgia'), 'the national code stays in its own column');
  } finally { rmSync(dir, { recursive: true, force: true }); }
  const preview = await ok(agency.call('POST', '/api/v1/st-task-imports?filename=so.xlsx', bytes), 'preview');
  assert.deepEqual(preview.issues, []);
  assert.equal(preview.summary.changed + preview.summary.new, 0);
});
