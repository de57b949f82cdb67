// The city's S&T tasks in the plan's synthesis report and its appendix (issue 16, R18): the report's numbers are
// counts of the rows behind them and the register's own figures (GET /st-task-figures) for the same day; a past
// day's figures stay as they were when a later step is recorded; the .docx says them in a civil servant's words and
// the .xlsx lists the rows in Phụ lục III.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, client, directiveByNumber, ok } from './harness.mjs';
import { sheetRows, zipPart } from './office.mjs';

let server, agency, plan, work;

before(async () => {
  server = await startServer();
  agency = await client(server, 'skhcn');
  plan = await directiveByNumber(agency, '27/QĐ-BCĐ');
  work = mkdtempSync(join(tmpdir(), 'tiendo-st-synthesis-'));
});
after(async () => { await server?.stop(); });

const synthesis = async (query) => (await ok(agency.get(`/api/v1/directives/${plan.id}/synthesis?${query}`), query)).st_tasks;

async function download(path, name) {
  const res = await fetch(server.base + path, { headers: { authorization: `Bearer ${agency.token}` } });
  assert.equal(res.status, 200, path);
  const file = join(work, name);
  writeFileSync(file, new Uint8Array(await res.arrayBuffer()));
  return file;
}


// 54.1666 → "54,2 %", as the report writes a share.
const vnPercent = (v) => `${(Math.round(v * 10) / 10).toFixed(1).replace(/\.0$/, '').replace('.', ',')} %`;
const count = (rows, pred) => rows.filter(pred).length;

function assertRowsBehind(st) {
  const { rows } = st;
  const active = count(rows, (r) => r.active);
  assert.equal(st.active, active);
  for (const k of ['tracked', 'registered', 'documented', 'updated']) {
    assert.equal(st[k].denominator, active, k);
    assert.equal(st[k].numerator, count(rows, (r) => r.active && r[k]), k);
  }
  for (const r of rows) assert.equal(r.tracked, r.registered && r.documented && r.updated, r.code);
  assert.equal(st.late_tasks, count(rows, (r) => r.late.length > 0));
  for (const l of st.late_at_stage) assert.equal(l.count, count(rows, (r) => r.late.length > 0 && r.stage === l.stage), l.stage);
  assert.equal(st.late_at_stage.reduce((n, l) => n + l.count, 0), st.late_tasks);
  for (const rating of ['xuat_sac', 'dat', 'khong_dat']) assert.equal(st.outcomes[rating], count(rows, (r) => r.rating === rating), rating);
  assert.equal(st.disbursement.estimate, rows.reduce((n, r) => n + (r.estimate ?? 0), 0));
  assert.equal(st.disbursement.disbursed, rows.reduce((n, r) => n + r.disbursed, 0));
  // Every row is counted by some number.
  for (const r of rows) assert.ok(r.active || r.late.length || r.rating || r.estimate !== null || r.disbursed, r.code);
}

function assertSameAsRegister(st, f) {
  assert.equal(st.as_of, f.as_of);
  const t = f.tracking;
  assert.deepEqual([st.active, st.tracked.numerator, st.registered.numerator, st.documented.numerator, st.updated.numerator],
    [t.active, t.tracked, t.registered, t.documented, t.updated]);
  assert.deepEqual(st.rows.filter((r) => r.active).map((r) => r.task_id).sort(), t.rows.map((r) => r.task_id).sort());
  if (t.rate_percent !== null) assert.ok(Math.abs(st.tracked.share - t.rate_percent) < 1e-9);
  // Late at each stage: the register's late entries, each task once at its stage.
  const late = new Map();
  for (const o of f.overdue) late.set(o.task_id, o.stage);
  const byStage = {};
  for (const stage of late.values()) byStage[stage] = (byStage[stage] ?? 0) + 1;
  assert.deepEqual(Object.fromEntries(st.late_at_stage.map((l) => [l.stage, l.count])), byStage);
  assert.deepEqual(st.rows.flatMap((r) => r.late.map((o) => `${r.task_id}:${o.kind}:${o.due}:${o.days_late}`)).sort(),
    f.overdue.map((o) => `${o.task_id}:${o.kind}:${o.due}:${o.days_late}`).sort());
  for (const rating of ['xuat_sac', 'dat', 'khong_dat']) assert.equal(st.outcomes[rating], count(f.outcomes, (o) => o.rating === rating), rating);
  const y = f.disbursement.year;
  assert.deepEqual([st.disbursement.year, st.disbursement.estimate, st.disbursement.disbursed, st.disbursement.rate_percent],
    [y.year, y.estimate, y.disbursed, y.rate_percent]);
}

test("the report's S&T numbers are counts of the rows behind them and the register's own figures for the same day", async () => {
  for (const query of ['period=2026-11', 'as_of=2026-06-30', 'as_of=2025-03-01']) {
    const st = await synthesis(query);
    assert.ok(st, `${query}: the demo has S&T tasks`);
    assertRowsBehind(st);
    assertSameAsRegister(st, await ok(agency.get(`/api/v1/st-task-figures?as_of=${st.as_of}`), st.as_of));
  }
  const now = await synthesis('period=2026-11');
  assert.equal(now.as_of, '2026-11-24');
  assert.ok(now.late_tasks > 0 && now.active > now.tracked.numerator && now.disbursement.rate_percent > 0);
  assert.ok(now.outcomes.khong_dat > 0);
  // Long before the first task was recorded there is nothing to report: no section.
  assert.equal(await synthesis('as_of=2010-01-01'), null);
});

test("a past day's S&T figures do not change when a later step is recorded", async () => {
  const before = await synthesis('as_of=2026-11-20');
  // A task approved long ago whose contract is late: its contract is signed on 21/11, recorded today (24/11).
  const row = before.rows.find((r) => r.stage === 'phe_duyet' && r.late.some((o) => o.kind === 'no_contract'));
  assert.ok(row, 'the demo has a task whose contract is late');
  const task = await ok(agency.get(`/api/v1/st-tasks/${row.task_id}`), 'task');
  await ok(agency.post(`/api/v1/st-tasks/${row.task_id}/stage`, { version: task.version, to_stage: 'hop_dong', doc_number: '45/HĐ-SKHCN',
    doc_date: '2026-11-21', signer_name: 'Nguyễn Văn Hùng', signer_position: 'Giám đốc Sở Khoa học và Công nghệ' }), 'contract');
  assert.deepEqual(await synthesis('as_of=2026-11-20'), before);
  // Today the contract is known: the task is no longer late at approval, in the report as in the register.
  const now = await synthesis('period=2026-11');
  assert.equal(now.rows.find((r) => r.task_id === row.task_id)?.late.some((o) => o.kind === 'no_contract') ?? false, false);
  assertRowsBehind(now);
  assertSameAsRegister(now, await ok(agency.get('/api/v1/st-task-figures?as_of=2026-11-24'), 'register'));
});

test('the .docx says the figures in Vietnamese and the .xlsx lists the rows behind them in Phụ lục III', async () => {
  const st = await synthesis('period=2026-11');
  const body = zipPart(await download(`/api/v1/directives/${plan.id}/synthesis.docx?period=2026-11`, 'report.docx'), 'word/document.xml');
  const late = st.rows.filter((r) => r.late.length);
  const sentences = [
    `Về quản lý nhiệm vụ khoa học và công nghệ sử dụng ngân sách nhà nước: đến hết ngày 24/11/2026, có ${st.active} nhiệm vụ đang ` +
      `thực hiện, trong đó ${st.tracked.numerator} nhiệm vụ được theo dõi toàn trình (đạt ${vnPercent(st.tracked.share)}), cụ thể:`,
    `- Đã có mã trên Nền tảng số quốc gia về khoa học, công nghệ và đổi mới sáng tạo: ${st.registered.text}.`,
    `- Cập nhật tiến độ hằng tháng đầy đủ, đúng hạn: ${st.updated.text}.`,
    `- Giải ngân năm 2026: ${st.disbursement.disbursed_text}/${st.disbursement.estimate_text} dự toán được giao (đạt ${st.disbursement.rate_text}).`,
    `- Nhiệm vụ chậm so với thời hạn quy định: ${st.late_tasks} nhiệm vụ (`,
    `có ${st.late_tasks} nhiệm vụ chậm so với thời hạn quy định, cụ thể:`,
    `- Nhiệm vụ ${late[0].code} (${late[0].title}) — ${late[0].host_unit_name}, bước ${late[0].stage_label}: ${late[0].late_text}.`,
  ];
  for (const words of sentences) assert.ok(body.includes(words.replaceAll('&', '&amp;')), `document.xml lacks "${words}"`);
  assert.match(st.disbursement.disbursed_text, /^\d{1,3}(\.\d{3})*(,\d)? triệu đồng$/);
  // No code word of the API in the document's text.
  const text = [...body.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
  for (const code of ['no_contract', 'no_dossier', 'no_inspection', 'not_registered', 'thuc_hien', 'phe_duyet', 'xuat_sac', 'khong_dat',
    'R18', 'null', 'undefined', 'NaN']) assert.ok(!text.includes(code), `the document says "${code}"`);

  const file = await download(`/api/v1/directives/${plan.id}/appendices.xlsx`, 'appendices.xlsx');
  assert.match(zipPart(file, 'xl/workbook.xml'), /<sheet name="Phụ lục III"/);
  const rows = sheetRows(file, 3);
  const at = rows.findIndex((r) => r.B === 'Mã nhiệm vụ');
  assert.ok(at > 0, 'the header row');
  assert.deepEqual([rows[at].C, rows[at].D, rows[at].J, rows[at].K], ['Tên nhiệm vụ KH&CN', 'Tổ chức chủ trì', 'Theo dõi toàn trình', 'Chậm so với quy định']);
  const items = rows.slice(at + 1);
  assert.deepEqual(items.map((r) => r.B), st.rows.map((r) => r.code));
  assert.equal(count(items, (r) => r.F === 'Có'), st.active);
  assert.equal(count(items, (r) => r.J === 'Có'), st.tracked.numerator);
  assert.equal(count(items, (r) => r.K), st.late_tasks);
  assert.equal(count(items, (r) => r.L === 'Xuất sắc'), st.outcomes.xuat_sac);
  assert.equal(items.reduce((n, r) => n + Number(r.N || 0), 0), st.disbursement.disbursed);
});
