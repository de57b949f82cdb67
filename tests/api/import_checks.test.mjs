// Issue 14, items 6 and 14: the plan import's preview warns about deadlines already past and about the
// template's example rows (imported only if meant), refuses what the confirmation would refuse (a code twice in
// the file), and the template lists the values its columns accept in Vietnamese.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, client } from './harness.mjs';

let server, agency, target;
before(async () => {
  server = await startServer();
  agency = await client(server, 'skhcn');
  const r = await agency.post('/api/v1/directives', { number: '99/KH-THU', kind: 'plan', title: 'Kế hoạch thử nhập', issued_on: '2026-01-02', has_plan: true, year: 2026 });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  target = r.body;
});
after(async () => { await server?.stop(); });

const upload = (name, body) => agency.call('POST', `/api/v1/directives/${target.id}/imports?filename=${name}`, body);

test('the template lists allowed values in Vietnamese; its example rows are flagged, not refused', async () => {
  const res = await fetch(server.base + '/api/v1/import-template.xlsx', { headers: { authorization: `Bearer ${agency.token}` } });
  assert.equal(res.status, 200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const file = join(mkdtempSync(join(tmpdir(), 'tiendo-tpl-')), 'mau.xlsx');
  writeFileSync(file, bytes);
  // Read with Python's zipfile, not with the code under test: every text of the workbook.
  const text = execFileSync('python3', ['-c', `import sys,zipfile
z=zipfile.ZipFile(sys.argv[1])
sys.stdout.write(''.join(z.read(n).decode() for n in z.namelist() if n.endswith('.xml')))`, file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.match(text, /Giá trị cho phép/);
  assert.match(text, /Tỷ lệ \(tổng tử số \/ tổng mẫu số\)/);
  assert.match(text, /Lũy kế từ đầu năm/);
  assert.doesNotMatch(text, /ratio_of_sums/, 'no code in the Vietnamese template');

  const p = await upload('mau.xlsx', bytes);
  assert.equal(p.status, 201, JSON.stringify(p.body));
  const examples = p.body.issues.filter((i) => /dòng ví dụ của tệp mẫu/.test(i.message));
  assert.equal(examples.length, 2, JSON.stringify(p.body.issues));
  assert.ok(examples.every((i) => !i.blocking));
  assert.equal(p.body.summary.blocking, 0);
});

test('every deadline wording the template shows is one the import reads', async () => {
  const words = ['30/6/2026', 'Tháng 6/2026', 'Quý II/2026', 'Năm 2026', 'Trước ngày 15/12/2026', 'Thường xuyên',
    'Theo lộ trình', 'Khi có hướng dẫn của Bộ'];
  const csv = 'TT,Tên nhiệm vụ,Chủ trì,Thời hạn\n' + words.map((w, i) => `${i + 1},Việc ${i + 1},Sở Y tế,${w}`).join('\n') + '\n';
  const p = await upload('han.csv', csv);
  assert.equal(p.status, 201, JSON.stringify(p.body));
  assert.deepEqual(p.body.issues.filter((i) => i.field === 'deadline_text' && i.blocking), []);
});

test('a deadline already past warns; a code twice is refused by the preview as by the confirmation', async () => {
  // The server's day is 24/11/2026: 30/6/2026 is past, Quý IV/2026 is not.
  const p = await upload('qua-han.csv', 'TT,Tên nhiệm vụ,Chủ trì,Thời hạn\n1,Việc đã quá hạn,Sở Y tế,30/6/2026\n2,Việc còn hạn,Sở Y tế,Quý IV/2026\n');
  assert.equal(p.status, 201, JSON.stringify(p.body));
  const past = p.body.issues.filter((i) => i.field === 'deadline_text');
  assert.equal(past.length, 1, JSON.stringify(p.body.issues));
  assert.equal(past[0].blocking, false);
  assert.match(past[0].message, /30\/06\/2026 đã qua so với ngày tải tệp lên \(24\/11\/2026\)/);

  const twice = await upload('trung.csv', 'TT,Tên nhiệm vụ,Chủ trì,Thời hạn\n1,Việc một,Sở Y tế,Quý IV/2026\n1,Việc hai,Sở Y tế,Quý IV/2026\n');
  assert.equal(twice.status, 201);
  const dup = twice.body.issues.find((i) => /bị trùng/.test(i.message));
  assert.ok(dup && dup.blocking, JSON.stringify(twice.body.issues));
  const confirm = await agency.post(`/api/v1/imports/${twice.body.id}/confirm`);
  assert.equal(confirm.status, 409);
  assert.match(confirm.body.error.message, /bị trùng/);
  assert.equal((await agency.get(`/api/v1/tasks?directive_id=${target.id}`)).body.total, 0, 'nothing created');
});
