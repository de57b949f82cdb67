// The `tiendo` command beside a running server: backup while it serves, the audit chain of the copy,
// users added from the shell; and the upload limit the server enforces.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, dirname } from 'node:path';
import { startServer, client, directiveByNumber, KIND } from './harness.mjs';

const BIN = process.env.TIENDO_BIN ?? new URL('../../build/tiendo', import.meta.url).pathname;
let server;
// The key that signs the server's audit anchor: beside the SQLite file, or the one the harness gives PostgreSQL.
const keyArgs = () => (KIND === 'sqlite' ? ['--audit-key', `${server.db}.audit-key`] : []);
before(async () => { server = await startServer({ maxUploadMb: 1 }); });
after(async () => { await server?.stop(); });

test('an evidence file over the limit is refused with 413 and nothing is stored', async () => {
  const haian = await client(server, 'haian');
  const skhcn = await client(server, 'skhcn');
  const plan = await directiveByNumber(skhcn, '27/QĐ-BCĐ');
  const r = await haian.post('/api/v1/reports', { directive_id: plan.id, period: '2026-12' });
  const big = new Uint8Array(1024 * 1024 + 10);
  big.set(new TextEncoder().encode('%PDF-1.4\n'));
  const up = await haian.call('POST', `/api/v1/reports/${r.body.id}/evidence?filename=lon.pdf`, big);
  assert.equal(up.status, 413);
  assert.equal(up.body.error.code, 'too_large');
  assert.match(up.body.error.message, /dung lượng/);
  assert.equal((await haian.get(`/api/v1/reports/${r.body.id}`)).body.evidence.length, 0);
});

test('backup while the server runs; the copy opens and its audit chain verifies', async () => {
  const skhcn = await client(server, 'skhcn');
  await skhcn.call('PUT', '/api/v1/holidays/2027-01-01', { name: 'Tết Dương lịch' });
  const copy = join(server.dir, 'backup.db');
  execFileSync(BIN, ['--db', server.db, 'backup', '--to', copy]);
  // Restored into a new database, the copy opens and its audit chain verifies entry by entry.
  let restored = join(server.dir, 'restored.db');
  if (KIND === 'postgresql') {
    const toc = execFileSync('pg_restore', ['--list', copy]).toString();
    assert.match(toc, /TABLE DATA public audit_log/);
    restored = server.db.replace(/\/([^/]*)$/, '/$1_restored');
    execFileSync('psql', [process.env.TIENDO_PG_ADMIN, '-q', '-c', `CREATE DATABASE ${restored.split('/').pop()}`]);
  }
  // The copy carries its signed anchor; the key stays with the server and is named to restore.
  assert.ok(existsSync(`${copy}.audit-anchor`), 'the backup carries the audit anchor');
  assert.match(execFileSync(BIN, ['--db', restored, ...keyArgs(), 'restore', '--from', copy]).toString(), /Đã khôi phục/);
  // The feedback key travels beside the backup (issue 15) and becomes the restored database's: the sealed
  // contacts stay readable.
  assert.ok(existsSync(`${copy}.feedback-key`), 'the backup carries the feedback key');
  const keyBeside = (db) => (KIND === 'sqlite' ? `${db}.feedback-key`
    : join(dirname(process.env.TIENDO_AUDIT_KEY_FILE), `${db.split('/').pop()}.feedback-key`));
  assert.equal(readFileSync(keyBeside(restored), 'utf8'), readFileSync(keyBeside(server.db), 'utf8'));
  const out = execFileSync(BIN, ['--db', restored, 'audit', 'verify']).toString();
  assert.match(out, /Nhật ký toàn vẹn: \d+ mục; khớp điểm neo đã ký/);
  const original = execFileSync(BIN, ['--db', server.db, 'audit', 'verify']).toString();
  assert.equal(out, original, 'the restored log has every entry of the original');
  assert.throws(() => execFileSync(BIN, ['--db', restored, 'restore', '--from', copy], { stdio: 'pipe' }),
    'restoring over a database with data is refused');
  const added = execFileSync(BIN, ['--db', restored, 'user', 'add', 'moi', '--name', 'Cán bộ mới', '--role', 'viewer',
    '--unit', 'P-HAIAN', '--password', 'DuLieu-2026-HP']).toString();
  assert.match(added, /Đã thêm người dùng moi/);
  assert.throws(() => execFileSync(BIN, ['--db', restored, 'user', 'add', 'yeu', '--name', 'x', '--role', 'viewer',
    '--unit', 'P-HAIAN', '--password', '12345678'], { stdio: 'pipe' }));
});

test('tampering with the audit log is detected', { skip: KIND !== 'sqlite' && 'uses the sqlite3 shell' }, async () => {
  const copy = join(server.dir, 'tampered.db');
  execFileSync(BIN, ['--db', server.db, 'backup', '--to', copy]);
  execFileSync('sqlite3', [copy, "UPDATE audit_log SET after_json = '{\"state\":\"accepted\"}' WHERE id = (SELECT MAX(id) FROM audit_log)"]);
  let failed = null;
  try { execFileSync(BIN, ['--db', copy, 'audit', 'verify'], { stdio: 'pipe' }); } catch (e) { failed = e; }
  assert.ok(failed, 'verify must fail');
  assert.equal(failed.status, 2);
  assert.match(failed.stdout.toString(), /bị sửa đổi/);
});

test('tiendo import previews a CSV, then --confirm creates it with a progress line and an audit entry', async () => {
  const skhcn = await client(server, 'skhcn');
  const plan = await skhcn.post('/api/v1/directives', { number: '88/KH-CLI', kind: 'plan', title: 'Kế hoạch nhập từ dòng lệnh', issued_on: '2026-01-02', has_plan: true, year: 2026 });
  assert.equal(plan.status, 201);
  const file = join(server.dir, 'ke-hoach.csv');
  writeFileSync(file, 'TT,Tên nhiệm vụ,Chủ trì,Phối hợp,Thời hạn\n1,Triển khai bệnh án điện tử,Sở Y tế,Công an thành phố,Quý IV/2026\n2,Số hóa hồ sơ,Sở Tư pháp,,12/2026\n');
  const preview = execFileSync(BIN, ['--db', server.db, 'import', '--directive', '88/KH-CLI', '--file', file]).toString();
  assert.match(preview, /Đọc được 0 chỉ tiêu, 2 nhiệm vụ, 2 lượt giao/);
  assert.match(preview, /Chưa tạo gì/);
  assert.equal((await skhcn.get(`/api/v1/tasks?directive_id=${plan.body.id}`)).body.total, 0);
  const done = execFileSync(BIN, ['--db', server.db, 'import', '--directive', '88/KH-CLI', '--file', file, '--confirm']).toString();
  assert.match(done, /Đang tạo 2\/2 dòng/);
  assert.match(done, /Đã tạo 0 chỉ tiêu, 2 nhiệm vụ, 2 lượt giao/);
  assert.equal((await skhcn.get(`/api/v1/tasks?directive_id=${plan.body.id}`)).body.total, 2);
  // A second run is blocked (the numbers exist) and creates nothing more.
  assert.throws(() => execFileSync(BIN, ['--db', server.db, 'import', '--directive', '88/KH-CLI', '--file', file, '--confirm'], { stdio: 'pipe' }));
  assert.equal((await skhcn.get(`/api/v1/tasks?directive_id=${plan.body.id}`)).body.total, 2);
  assert.match(execFileSync(BIN, ['--db', server.db, 'audit', 'verify']).toString(), /Nhật ký toàn vẹn/);
});

// --- the audit chain against its signed anchor: truncation, a rewritten chain, a missing anchor ---

// A fresh database restored from a backup of the server's, with the server's key: each test tampers its own.
let clones = 0;
function clone() {
  const name = `clone${++clones}`;
  const copy = join(server.dir, `${name}.backup`);
  execFileSync(BIN, ['--db', server.db, 'backup', '--to', copy], { stdio: 'pipe' });
  let db = join(server.dir, `${name}.db`);
  if (KIND === 'postgresql') {
    db = server.db.replace(/\/([^/]*)$/, `/$1_${name}`);
    execFileSync('psql', [process.env.TIENDO_PG_ADMIN, '-q', '-c', `CREATE DATABASE ${db.split('/').pop()}`]);
  }
  execFileSync(BIN, ['--db', db, ...keyArgs(), 'restore', '--from', copy], { stdio: 'pipe' });
  const anchor = KIND === 'sqlite' ? `${db}.audit-anchor`
    : join(dirname(process.env.TIENDO_AUDIT_KEY_FILE), `${db.split('/').pop()}.audit-anchor`);
  return { db, anchor };
}
function sql(db, script) {
  if (KIND === 'sqlite') return execFileSync('sqlite3', [db], { input: script }).toString();
  return execFileSync('psql', [db, '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-f', '-'], { input: script }).toString();
}
function auditRows(db) {
  const q = 'SELECT id, at, user_id, username, source, entity, entity_id, action, before_json, after_json, prev_hash, hash FROM audit_log ORDER BY id';
  if (KIND === 'sqlite') return JSON.parse(execFileSync('sqlite3', ['-json', db, q]).toString() || '[]');
  return JSON.parse(sql(db, `SELECT COALESCE(json_agg(t), '[]') FROM (${q}) t;`));
}
// The chain's plain hash, as anyone reading the source can recompute it: no key involved.
function plainHash(e) {
  let s = '';
  for (const f of [e.prev_hash, e.at, e.username, e.source, e.entity, e.entity_id, e.action, e.before_json, e.after_json])
    s += `${Buffer.byteLength(f ?? '')}:${f ?? ''};`;
  s += e.user_id == null ? '-' : String(e.user_id);
  return createHash('sha256').update(s).digest('hex');
}
const quote = (v) => `'${String(v).replaceAll("'", "''")}'`;
function verify(db) {
  try {
    return { status: 0, out: execFileSync(BIN, ['--db', db, 'audit', 'verify'], { stdio: 'pipe' }).toString() };
  } catch (e) {
    return { status: e.status, out: e.stdout.toString() + e.stderr.toString() };
  }
}

test('audit verify passes on the untouched database and on its restored copy, both against the signed anchor', () => {
  const live = verify(server.db);
  assert.equal(live.status, 0, live.out);
  assert.match(live.out, /Nhật ký toàn vẹn: \d+ mục; khớp điểm neo đã ký/);
  const { db } = clone();
  const copy = verify(db);
  assert.equal(copy.status, 0, copy.out);
  assert.match(copy.out, /khớp điểm neo đã ký/);
});

test('entries deleted at the tail are reported as truncation, though the chain that remains is intact', () => {
  const { db } = clone();
  const before = auditRows(db).length;
  sql(db, 'DELETE FROM audit_log WHERE id > (SELECT MAX(id) - 3 FROM audit_log);');
  assert.equal(auditRows(db).length, before - 3);
  const r = verify(db);
  assert.equal(r.status, 4, r.out);
  assert.match(r.out, /bị cắt cụt ở cuối/);
  assert.match(r.out, new RegExp(`ghi ${before} mục`));
});

test('a chain rewritten and re-hashed without the key is reported as rewritten', () => {
  const { db } = clone();
  const rows = auditRows(db);
  const k = Math.floor(rows.length / 2);
  rows[k].after_json = '{"state":"accepted","note":"sửa lén"}';
  let script = '';
  for (let i = k; i < rows.length; i++) {
    rows[i].prev_hash = i === 0 ? '0'.repeat(64) : rows[i - 1].hash;
    rows[i].hash = plainHash(rows[i]);
    script += `UPDATE audit_log SET after_json = ${quote(rows[i].after_json)}, prev_hash = ${quote(rows[i].prev_hash)}, hash = ${quote(rows[i].hash)} WHERE id = ${rows[i].id};\n`;
  }
  sql(db, script);
  // The plain chain is consistent again (nothing points at the edited entry) ...
  const changed = auditRows(db);
  assert.notEqual(changed.at(-1).hash, auditRows(server.db).find((e) => e.id === changed.at(-1).id)?.hash);
  // ... but its last hash is not the one the key signed.
  const r = verify(db);
  assert.equal(r.status, 5, r.out);
  assert.match(r.out, /bị viết lại/);
});

test('a missing or forged anchor fails verification with its own message', () => {
  const { db, anchor } = clone();
  rmSync(anchor);
  const missing = verify(db);
  assert.equal(missing.status, 3, missing.out);
  assert.match(missing.out, /Thiếu tệp neo nhật ký/);
  const second = clone();
  // An anchor edited to match a truncated log, without the key, does not pass either.
  const text = execFileSync('cat', [second.anchor]).toString();
  writeFileSync(second.anchor, text.replace(/count (\d+)/, (_, n) => `count ${Number(n) - 1}`));
  const forged = verify(second.db);
  assert.equal(forged.status, 3, forged.out);
  assert.match(forged.out, /chữ ký của tệp neo nhật ký .* không khớp/);
});
