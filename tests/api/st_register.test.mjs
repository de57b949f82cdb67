// The S&T task register out to .xlsx and back in (issue 16): the export re-imports to the same register, field by
// field (the preview reads every row back as it is in the register, and confirming changes nothing); a workbook
// made by another tool creates a task with its proposal's document and changes another, after a preview that
// says which; every problem is named by sheet, row and column in Vietnamese and blocks the confirmation; a host
// exports its own tasks and cannot import.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, client, ok, unitByCode } from './harness.mjs';

const MAKER = new URL('./fixtures/make_xlsx.py', import.meta.url).pathname;
const HEADERS = ['Mã nhiệm vụ', 'Tên nhiệm vụ', 'Cấp quản lý', 'Loại nhiệm vụ', 'Phương thức hình thành', 'Mã trên nền tảng quốc gia',
  'Ngày ghi mã quốc gia', 'Số đăng ký', 'Bài toán đặt ra', 'Lĩnh vực', 'Mã tổ chức chủ trì', 'Tổ chức chủ trì', 'Chủ nhiệm nhiệm vụ',
  'Mã đơn vị quản lý', 'Đơn vị quản lý', 'Kinh phí NSNN (đồng)', 'Kinh phí nguồn khác (đồng)', 'Ngày bắt đầu', 'Ngày kết thúc',
  'Phương án ứng dụng, thương mại hóa', 'Kế hoạch sở hữu trí tuệ', 'Tóm tắt', 'Số văn bản đề xuất', 'Ngày văn bản đề xuất',
  'Người ký văn bản đề xuất', 'Chức vụ người ký', 'Bước hiện tại'];
let server, agency, work;

before(async () => {
  server = await startServer();
  agency = await client(server, 'skhcn');
  work = mkdtempSync(join(tmpdir(), 'tiendo-st-register-'));
});
after(async () => {
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function download(c) {
  const res = await fetch(server.base + '/api/v1/st-tasks.xlsx', { headers: { authorization: `Bearer ${c.token}` } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-disposition'), /so-nhiem-vu-khcn-2026-11-24\.xlsx/);
  return new Uint8Array(await res.arrayBuffer());
}
const upload = (bytes, name = 'so-nhiem-vu.xlsx', c = agency) => c.call('POST', `/api/v1/st-task-imports?filename=${name}`, bytes);
// A one-sheet workbook written by Python's zipfile (not by Tiến Độ), from rows of text.
function workbook(rows, sheet = 'Nhiệm vụ') {
  const src = join(work, `rows-${Math.random()}.json`);
  const out = join(work, `book-${Math.random()}.xlsx`);
  writeFileSync(src, JSON.stringify({ sheet, rows }));
  execFileSync('python3', [MAKER, src, out]);
  return new Uint8Array(readFileSync(out));
}
const row = (v) => HEADERS.map((h) => v[h] ?? '');

test('the exported register re-imports to the same register, field by field', async () => {
  const bytes = await download(agency);
  // The Vietnamese header row, read with Python's zipfile rather than the code under test.
  const file = join(work, 'xuat.xlsx');
  writeFileSync(file, bytes);
  const text = execFileSync('python3', ['-c', `import sys,zipfile
z=zipfile.ZipFile(sys.argv[1])
sys.stdout.write(''.join(z.read(n).decode() for n in z.namelist() if n.endswith('.xml')))`, file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  for (const h of [...HEADERS, 'Tên sản phẩm', 'Yêu cầu chất lượng', 'Năm', 'Sản phẩm', 'Kinh phí theo năm']) assert.ok(text.includes(h), h);
  assert.ok(text.includes('Cấp tỉnh') && text.includes('Đặt hàng') && text.includes('Đề tài'));
  assert.doesNotMatch(text, /dat_hang|de_tai|host_unit/, 'no code in the Vietnamese workbook');

  const register = await ok(agency.get('/api/v1/st-tasks?limit=1000'), 'register');
  assert.ok(register.total >= 40);
  const preview = await ok(upload(bytes), 'preview');
  assert.deepEqual(preview.issues, []);
  assert.deepEqual(preview.summary, { rows: register.total, new: 0, changed: 0, unchanged: register.total, blocking: 0 });
  const units = new Map((await ok((await client(server, 'admin')).get('/api/v1/units?limit=1000'), 'units')).items.map((u) => [u.code, u.id]));
  const byCode = new Map(preview.rows.map((r) => [r.code, r]));
  for (const t of register.items) {
    const r = byCode.get(t.code);
    assert.ok(r, t.code);
    assert.equal(r.action, 'unchanged', `${t.code}: ${r.changed_fields}`);
    for (const f of ['title', 'level', 'kind', 'mode', 'problem', 'sector', 'principal_investigator', 'budget_nsnn', 'budget_other',
      'start_date', 'end_date', 'uptake_plan', 'ip_plan', 'summary', 'national_code_on']) {
      assert.deepEqual(r[f], t[f], `${t.code} ${f}`);
    }
    assert.equal(r.national_code || null, t.national_code, `${t.code} national_code`);
    assert.equal(r.registration_no || null, t.registration_no, `${t.code} registration_no`);
    assert.equal(units.get(r.host_unit_code), t.host_unit_id, `${t.code} host`);
    assert.equal(units.get(r.managing_unit_code), t.managing_unit_id, `${t.code} managing`);
    assert.deepEqual(r.products, t.products, `${t.code} products`);
    assert.deepEqual(r.years, t.years, `${t.code} years`);
  }
  // The proposal's document too, as the task's first step holds it.
  for (const t of register.items.slice(0, 8)) {
    const first = (await ok(agency.get(`/api/v1/st-tasks/${t.id}`), t.code)).events[0];
    const r = byCode.get(t.code);
    assert.deepEqual([r.doc_number, r.doc_date, r.signer_name, r.signer_position],
      [first.doc_number, first.doc_date, first.signer_name, first.signer_position], t.code);
  }
  // Confirming writes nothing: every task keeps its version.
  const done = await ok(agency.post(`/api/v1/st-task-imports/${preview.id}/confirm`), 'confirm');
  assert.deepEqual([done.created, done.updated], [0, 0]);
  const after = await ok(agency.get('/api/v1/st-tasks?limit=1000'), 'after');
  assert.deepEqual(after.items.map((t) => [t.code, t.version]), register.items.map((t) => [t.code, t.version]));
  assert.equal((await agency.post(`/api/v1/st-task-imports/${preview.id}/confirm`)).status, 409);
});

test('a workbook from another tool creates one task with its proposal document and changes another, after a preview', async () => {
  const register = await ok(agency.get('/api/v1/st-tasks?limit=1000'), 'register');
  const existing = register.items.find((t) => t.stage === 'thuc_hien');
  const vmu = await unitByCode(agency, 'VMU');
  const fresh = {
    'Mã nhiệm vụ': 'KT.NHAP.01', 'Tên nhiệm vụ': 'Nghiên cứu vật liệu chống hà cho tàu vỏ thép', 'Cấp quản lý': 'Cấp tỉnh',
    'Loại nhiệm vụ': 'de_tai', 'Phương thức hình thành': 'Tuyển chọn', 'Mã tổ chức chủ trì': 'VMU', 'Mã đơn vị quản lý': 'SKHCN',
    'Chủ nhiệm nhiệm vụ': 'TS. Lê Quốc Huy', 'Kinh phí NSNN (đồng)': '1.200.000.000', 'Ngày bắt đầu': '01/01/2027',
    'Ngày kết thúc': '31/12/2027', 'Số văn bản đề xuất': '77/ĐX-VMU', 'Ngày văn bản đề xuất': '20/11/2026',
    'Người ký văn bản đề xuất': 'Trần Văn Hải', 'Chức vụ người ký': 'Hiệu trưởng',
  };
  const changed = { 'Mã nhiệm vụ': existing.code, 'Tên nhiệm vụ': `${existing.title} (điều chỉnh tên)`, 'Cấp quản lý': 'Cấp tỉnh',
    'Loại nhiệm vụ': existing.kind, 'Phương thức hình thành': existing.mode, 'Mã trên nền tảng quốc gia': existing.national_code ?? '',
    'Ngày ghi mã quốc gia': existing.national_code_on ?? '', 'Mã tổ chức chủ trì': (await ok(agency.get(`/api/v1/units/${existing.host_unit_id}`))).code,
    'Mã đơn vị quản lý': 'SKHCN', 'Kinh phí NSNN (đồng)': String(existing.budget_nsnn), 'Kinh phí nguồn khác (đồng)': String(existing.budget_other),
    'Ngày bắt đầu': existing.start_date, 'Ngày kết thúc': existing.end_date, 'Bài toán đặt ra': existing.problem, 'Lĩnh vực': existing.sector,
    'Chủ nhiệm nhiệm vụ': existing.principal_investigator, 'Phương án ứng dụng, thương mại hóa': existing.uptake_plan,
    'Kế hoạch sở hữu trí tuệ': existing.ip_plan, 'Tóm tắt': existing.summary };
  const bytes = workbook([['Sổ nhiệm vụ thử'], HEADERS, row(fresh), row(changed)]);
  const preview = await ok(upload(bytes), 'preview');
  assert.deepEqual(preview.issues, []);
  assert.deepEqual([preview.summary.new, preview.summary.changed], [1, 1]);
  assert.equal(preview.rows[0].action, 'new');
  assert.equal(preview.rows[0].row, 3);
  assert.equal(preview.rows[0].host_unit_name, vmu.name);
  // The other tool's workbook has no products or years sheets: the existing task's are left out, so they change too.
  assert.deepEqual(preview.rows[1].changed_fields.filter((f) => !['products', 'years'].includes(f)), ['title']);
  // Nothing is written before the confirmation.
  assert.equal((await ok(agency.get('/api/v1/st-tasks?limit=1000'), 'still')).total, register.total);
  const done = await ok(agency.post(`/api/v1/st-task-imports/${preview.id}/confirm`), 'confirm');
  assert.deepEqual([done.created, done.updated], [1, 1]);
  const now = await ok(agency.get('/api/v1/st-tasks?limit=1000'), 'now');
  const made = now.items.find((t) => t.code === 'KT.NHAP.01');
  assert.equal(made.stage, 'de_xuat');
  assert.equal(made.budget_nsnn, 1_200_000_000);
  assert.equal(made.mode, 'tuyen_chon');
  assert.equal(made.host_unit_id, vmu.id);
  const detail = await ok(agency.get(`/api/v1/st-tasks/${made.id}`), 'detail');
  assert.deepEqual([detail.events[0].doc_number, detail.events[0].doc_date, detail.events[0].signer_position], ['77/ĐX-VMU', '2026-11-20', 'Hiệu trưởng']);
  const edited = now.items.find((t) => t.code === existing.code);
  assert.equal(edited.title, `${existing.title} (điều chỉnh tên)`);
  assert.equal(edited.stage, existing.stage);
  assert.equal(edited.version, existing.version + 1);
  // Each change is in the audit trail.
  const admin = await client(server, 'admin');
  const trail = await ok(admin.get(`/api/v1/audit?entity=st_task&entity_id=${made.id}`), 'audit');
  assert.deepEqual(trail.items.map((e) => e.action), ['create']);
  const editTrail = await ok(admin.get(`/api/v1/audit?entity=st_task&entity_id=${edited.id}`), 'audit');
  assert.ok(editTrail.items.some((e) => e.action === 'update'));
});

test('every problem is named by sheet, row and column in Vietnamese, and blocks the confirmation', async () => {
  const before = await ok(agency.get('/api/v1/st-tasks?limit=1000'), 'before');
  const base = { 'Tên nhiệm vụ': 'Việc thử', 'Cấp quản lý': 'Cấp tỉnh', 'Loại nhiệm vụ': 'Đề tài', 'Phương thức hình thành': 'Đặt hàng',
    'Mã tổ chức chủ trì': 'VMU', 'Mã đơn vị quản lý': 'SKHCN', 'Số văn bản đề xuất': '1/ĐX', 'Ngày văn bản đề xuất': '01/11/2026',
    'Người ký văn bản đề xuất': 'Người ký', 'Chức vụ người ký': 'Giám đốc' };
  const rows = [
    { ...base, 'Mã nhiệm vụ': 'KT.LOI.1', 'Mã tổ chức chủ trì': 'KHONG-CO' },
    { ...base, 'Mã nhiệm vụ': 'KT.LOI.2', 'Ngày bắt đầu': '31/02/2026' },
    { ...base, 'Mã nhiệm vụ': 'KT.LOI.3', 'Cấp quản lý': 'Cấp huyện' },
    { ...base, 'Mã nhiệm vụ': 'KT.LOI.4', 'Số văn bản đề xuất': '' },
    { ...base, 'Mã nhiệm vụ': 'KT.LOI.5', 'Mã đơn vị quản lý': 'VMU' },
    { ...base, 'Mã nhiệm vụ': 'KT.LOI.6', 'Kinh phí NSNN (đồng)': '1,5' },
    { ...base, 'Mã nhiệm vụ': 'KT.LOI.6' },
  ];
  const preview = await ok(upload(workbook([HEADERS, ...rows.map(row)])), 'preview');
  const got = preview.issues.map((i) => [i.row, i.column]);
  assert.deepEqual(got, [[3, 'Ngày bắt đầu'], [4, 'Cấp quản lý'], [7, 'Kinh phí NSNN (đồng)'],
    [2, 'Mã tổ chức chủ trì'], [5, 'Số văn bản đề xuất'], [6, 'Mã đơn vị quản lý']]);
  for (const i of preview.issues) {
    assert.equal(i.sheet, 'Nhiệm vụ');
    assert.match(i.message, new RegExp(`^Trang «Nhiệm vụ», dòng ${i.row}, cột «`));
    assert.doesNotMatch(i.message, /[a-z]+_[a-z]+/, i.message);
  }
  assert.equal(preview.summary.blocking, 6);
  const refused = await agency.post(`/api/v1/st-task-imports/${preview.id}/confirm`);
  assert.equal(refused.status, 409);
  assert.match(refused.body.error.message, /Tệp còn 6 lỗi/);
  assert.equal((await ok(agency.get('/api/v1/st-tasks?limit=1000'), 'after')).total, before.total);
  // Not a workbook, or no tasks sheet.
  assert.equal((await upload(new TextEncoder().encode('a,b\n'), 'so.csv')).status, 415);
  const noSheet = await ok(upload(workbook([HEADERS], 'Trang 1')), 'no sheet');
  assert.match(noSheet.issues[0].message, /không có trang «Nhiệm vụ»/);
});

test('a host exports its own tasks only and cannot import', async () => {
  const host = await client(server, 'vmu');
  const bytes = await download(host);
  const preview = await ok(upload(bytes), 'agency reads the host export');
  const mine = await ok(host.get('/api/v1/st-tasks?limit=1000'), 'mine');
  assert.deepEqual(preview.rows.map((r) => r.code).sort(), mine.items.map((t) => t.code).sort());
  assert.equal((await upload(bytes, 'so.xlsx', host)).status, 403);
  assert.equal((await host.get(`/api/v1/st-task-imports/${preview.id}`)).status, 403);
});
