// The `tiendo` command beside a running server: backup while it serves, the audit chain of the copy,
// users added from the shell; and the upload limit the server enforces.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, client, directiveByNumber, KIND } from './harness.mjs';

const BIN = process.env.TIENDO_BIN ?? new URL('../../build/tiendo', import.meta.url).pathname;
let server;
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
  assert.match(execFileSync(BIN, ['--db', restored, 'restore', '--from', copy]).toString(), /Đã khôi phục/);
  const out = execFileSync(BIN, ['--db', restored, 'audit', 'verify']).toString();
  assert.match(out, /Nhật ký toàn vẹn: \d+ mục/);
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
  const plan = await skhcn.post('/api/v1/directives', { number: '88/KH-CLI', kind: 'plan', title: 'Kế hoạch nhập từ dòng lệnh', has_plan: true, year: 2026 });
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
