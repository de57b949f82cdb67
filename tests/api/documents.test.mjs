// Documents in and out, through the API as a standing-agency user would use them: the synthesis report
// as .docx (checked part by part) and .pdf (rendered to pixels), the appendices as .xlsx, and plan
// import from .xlsx (round trip of the demo plan) and from a Word copy of 27/QĐ-BCĐ's appendices.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, client, directiveByNumber } from './harness.mjs';
import { sheetRows, zipPart } from './office.mjs';

const DEMO = process.env.TIENDO_DEMO ?? new URL('../../data/demo', import.meta.url).pathname;
let server, agency, plan, work;

before(async () => {
  server = await startServer();
  agency = await client(server, 'skhcn');
  plan = await directiveByNumber(agency, '27/QĐ-BCĐ');
  work = mkdtempSync(join(tmpdir(), 'tiendo-docs-'));
});
after(async () => { await server?.stop(); });

async function download(c, path) {
  const res = await fetch(server.base + path, { headers: { authorization: `Bearer ${c.token}` } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: new Uint8Array(await res.arrayBuffer()) };
}

async function newPlan(number) {
  const r = await agency.post('/api/v1/directives', { number, kind: 'plan', title: `Kế hoạch thử ${number}`, issued_on: '2026-01-02', has_plan: true, year: 2026 });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

async function planContents(directiveId) {
  const tasks = (await agency.get(`/api/v1/tasks?directive_id=${directiveId}&limit=500`)).body.items;
  const out = {};
  for (const t of tasks) {
    const a = (await agency.get(`/api/v1/assignments?task_id=${t.id}&limit=1000`)).body.items;
    out[t.code] = { name: t.name, lead_text: t.lead_text, coordinating_text: t.coordinating_text, output: t.output,
      deadline_text: t.deadline_text, deadline_kind: t.deadline_kind, field: t.field, directing_leader: t.directing_leader,
      notes: t.notes, coordinators: [...t.coordinating_unit_ids ?? t.coordinator_ids ?? []].sort(),
      units: a.map((x) => x.unit_id).sort((x, y) => x - y) };
  }
  const inds = (await agency.get(`/api/v1/indicators?directive_id=${directiveId}&limit=500`)).body.items;
  const indicators = {};
  for (const i of inds) {
    indicators[i.code] = { name: i.name, target_text: i.target_text, aggregation: i.aggregation, baseline: i.baseline,
      monitoring_unit_id: i.monitoring_unit_id, reporting_group_id: i.reporting_group_id, notes: i.notes,
      levels: (i.level_targets ?? []).map((l) => `${l.level} ${l.target_text}`) };
  }
  return { tasks: out, indicators };
}

test('the synthesis report is a Decree 30 document, editable, and renders to a PDF with Vietnamese text', async () => {
  const s = await agency.get(`/api/v1/directives/${plan.id}/synthesis?period=2026-11`);
  assert.equal(s.status, 200, JSON.stringify(s.body));
  assert.equal(s.body.meta.format, 'state');
  assert.equal(s.body.meta.date_line, 'Hải Phòng, ngày 24 tháng 11 năm 2026');
  assert.match(s.body.headline.completeness.text, /^\d+\/\d+ \(\d+(,\d)? %\)$/);
  assert.equal(s.body.indicators.length, 12);
  // Overdue work comes first in its own list, longest overdue first.
  const days = s.body.overdue.items.map((x) => x.overdue_days);
  assert.deepEqual(days, [...days].sort((a, b) => b - a));
  // Then the work at risk before it is overdue (issue 17): the plan's own, as GET /risks tells it.
  const risks = await agency.get(`/api/v1/risks?directive_id=${plan.id}`);
  assert.ok(s.body.risks.total > 0, 'the demo plan has work at risk');
  assert.deepEqual(s.body.risks.items.map((x) => [x.assignment_id, x.reason]), risks.body.items.map((x) => [x.assignment_id, x.reason]));

  // The narrative is saved with the report; a stale version is refused.
  const put = await agency.put(`/api/v1/directives/${plan.id}/synthesis?period=2026-11`, {
    version: 0, number: 125, issued_on: '2026-02-05', signer_name: 'Nguyễn Văn An', sections: { summary: 'Đánh giá chung của Sở KH&CN.' } });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  assert.equal(put.body.meta.version, 1);
  assert.equal(put.body.meta.number_line, 'Số: 125/BC-BCĐ');
  assert.equal(put.body.meta.date_line, 'Hải Phòng, ngày 05 tháng 02 năm 2026');
  assert.equal(put.body.narrative.summary, 'Đánh giá chung của Sở KH&CN.');
  const stale = await agency.put(`/api/v1/directives/${plan.id}/synthesis?period=2026-11`, { version: 0, sections: { summary: 'x' } });
  assert.equal(stale.status, 409);
  const bad = await agency.put(`/api/v1/directives/${plan.id}/synthesis?period=2026-11`, { version: 1, sections: { nope: 'x' } });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'sections.nope');
  const leader = await client(server, 'lanhdao');
  assert.equal((await leader.put(`/api/v1/directives/${plan.id}/synthesis?period=2026-11`, { version: 1 })).status, 403);
  const ward = await client(server, 'haian');
  assert.equal((await download(ward, `/api/v1/directives/${plan.id}/synthesis.docx`)).status, 403);

  const docx = await download(agency, `/api/v1/directives/${plan.id}/synthesis.docx?period=2026-11`);
  assert.equal(docx.status, 200);
  const file = join(work, 'report.docx');
  writeFileSync(file, docx.bytes);
  const body = zipPart(file, 'word/document.xml');
  const styles = zipPart(file, 'word/styles.xml');
  assert.match(styles, /w:ascii="Times New Roman"/);
  assert.match(styles, /<w:sz w:val="28"\/>/);  // 14 pt body
  assert.match(body, /<w:pgSz w:w="11906" w:h="16838"\/>/);  // A4
  assert.match(body, /<w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701"/);
  assert.match(body, /<w:titlePg\/>/);  // no page number on page 1
  assert.match(zipPart(file, 'word/header1.xml'), /PAGE/);
  for (const words of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: 125/BC-BCĐ',
    'Hải Phòng, ngày 05 tháng 02 năm 2026', 'BÁO CÁO', 'I. KẾT QUẢ THỰC HIỆN', 'II. NHIỆM VỤ CHẬM TIẾN ĐỘ',
    'Nơi nhận:', 'TM. BAN CHỈ ĐẠO', 'KT. TRƯỞNG BAN', 'Nguyễn Văn An', 'Đánh giá chung của Sở KH&amp;CN.'])
    assert.ok(body.includes(words), `document.xml lacks "${words}"`);
  const first = s.body.risks.items[0];
  for (const words of [`có ${s.body.risks.total} lượt nhiệm vụ chưa đến hạn nhưng có nguy cơ không hoàn thành đúng hạn`,
    `- Nhiệm vụ ${first.task_code} (`, `, hạn ${first.due}: ${first.reason}.`])
    assert.ok(body.includes(words.replaceAll('&', '&amp;')), `document.xml lacks "${words}"`);

  const pdf = await download(agency, `/api/v1/directives/${plan.id}/synthesis.pdf?period=2026-11`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.type, 'application/pdf');
  const pdfFile = join(work, 'report.pdf');
  writeFileSync(pdfFile, pdf.bytes);
  const text = execFileSync('pdftotext', ['-l', '1', pdfFile, '-'], { encoding: 'utf8' });
  assert.ok(text.includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), text.slice(0, 400));
  assert.ok(text.includes('Hải Phòng, ngày 05 tháng 02 năm 2026'));
  const all = execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  assert.ok(all.includes('nguy cơ không hoàn thành đúng hạn'), 'the PDF has the section on risks');
  // The first page, as pixels: not blank.
  execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '30', '-gray', pdfFile, join(work, 'page')]);
  const pgm = readFileSync(execFileSync('sh', ['-c', `ls ${join(work, 'page')}*.pgm`], { encoding: 'utf8' }).trim());
  // Binary PGM: "P5\n<width> <height>\n255\n" then one byte a pixel.
  const [, width, height] = pgm.subarray(0, 40).toString('latin1').match(/^P5\s+(\d+)\s+(\d+)\s+255\s/);
  const pixels = pgm.subarray(pgm.length - Number(width) * Number(height));
  const dark = pixels.filter((v) => v < 128).length;
  assert.ok(dark > 500, `first page looks blank (${dark} dark pixels)`);
});

test('a Party committee\'s plan gets the Party format', async () => {
  const party = await directiveByNumber(agency, '01-CTr/BCĐ');
  const s = await agency.get(`/api/v1/directives/${party.id}/synthesis?period=2026`);
  assert.equal(s.status, 200, JSON.stringify(s.body));
  assert.equal(s.body.meta.format, 'party');
  assert.equal(s.body.kind, 'annual');
  assert.equal(s.body.meta.number_line, 'Số       -BC/BCĐ');
  const docx = await download(agency, `/api/v1/directives/${party.id}/synthesis.docx?period=2026`);
  const file = join(work, 'party.docx');
  writeFileSync(file, docx.bytes);
  const body = zipPart(file, 'word/document.xml');
  assert.ok(body.includes('ĐẢNG CỘNG SẢN VIỆT NAM'));
  assert.ok(body.includes('T/M BAN CHỈ ĐẠO'));
  assert.ok(!body.includes('Độc lập - Tự do - Hạnh phúc'));
});

test('the demo plan exported to .xlsx imports back into a new plan unchanged', async () => {
  const xlsx = await download(agency, `/api/v1/directives/${plan.id}/appendices.xlsx`);
  assert.equal(xlsx.status, 200);
  const file = join(work, 'appendices.xlsx');
  writeFileSync(file, xlsx.bytes);
  const sheet = zipPart(file, 'xl/worksheets/sheet2.xml');
  assert.match(sheet, /<pane [^>]*state="frozen"/);  // frozen header
  assert.match(sheet, /<mergeCell ref="B\d+:P\d+"\/>/);  // group rows merged across
  const target = await newPlan('900/KH-THU');
  const up = await agency.call('POST', `/api/v1/directives/${target.id}/imports?filename=phu-luc.xlsx`, xlsx.bytes);
  assert.equal(up.status, 201, JSON.stringify(up.body));
  const original = await planContents(plan.id);
  assert.equal(up.body.summary.tasks, Object.keys(original.tasks).length);
  assert.equal(up.body.summary.indicators, 12);
  assert.equal(up.body.summary.unmatched, 0, JSON.stringify(up.body.unmatched));
  assert.equal(up.body.summary.blocking, 0, JSON.stringify(up.body.issues));
  // Nothing exists before confirmation.
  assert.equal((await agency.get(`/api/v1/tasks?directive_id=${target.id}`)).body.total, 0);
  const ok = await agency.post(`/api/v1/imports/${up.body.id}/confirm`);
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal((await agency.post(`/api/v1/imports/${up.body.id}/confirm`)).status, 409);
  assert.deepEqual(await planContents(target.id), original);
});


// The page's labels, as the build generated them from the server's one vocabulary (web/src/generated/vocabulary.ts).
function pageLabels(name) {
  const ts = readFileSync(new URL('../../web/src/generated/vocabulary.ts', import.meta.url), 'utf8');
  const block = new RegExp(`\\n  ${name}: \\{\\n([\\s\\S]*?)\\n  \\},`).exec(ts);
  assert.ok(block, name);
  return new Set([...block[1].matchAll(/vi: '([^']*)'/g)].map((m) => m[1]));
}

test('the appendices print the words the page shows for every status and aggregation', async () => {
  const xlsx = await download(agency, `/api/v1/directives/${plan.id}/appendices.xlsx`);
  const file = join(work, 'appendices-words.xlsx');
  writeFileSync(file, xlsx.bytes);
  const column = (rows, header) => {
    const at = rows.findIndex((r) => Object.values(r).includes(header));
    assert.ok(at >= 0, header);
    const col = Object.entries(rows[at]).find(([, v]) => v === header)[0];
    return rows.slice(at + 1).map((r) => r[col]).filter((v) => v);
  };
  const [indicators, tasks] = [sheetRows(file, 1), sheetRows(file, 2)];
  const checks = [[column(indicators, 'Đánh giá'), 'indicator_status'], [column(indicators, 'Cách tổng hợp'), 'aggregation'],
    [column(tasks, 'Trạng thái'), 'task_status']];
  for (const [values, vocabulary] of checks) {
    assert.ok(values.length > 0, vocabulary);
    const labels = pageLabels(vocabulary);
    for (const v of values) assert.ok(labels.has(v), `${vocabulary}: "${v}" is not a page label`);
  }
  // The assignment statuses the page shows are the task statuses' words where both name one thing.
  const page = pageLabels('assignment_status');
  for (const w of ['Quá hạn', 'Sắp đến hạn', 'Đang thực hiện trong hạn']) assert.ok(page.has(w) && pageLabels('task_status').has(w), w);
});

test('27/QĐ-BCĐ\'s appendix tables in Word import to its 12 indicators and 16 tasks', async () => {
  const demo = JSON.parse(readFileSync(join(DEMO, 'plan.json'), 'utf8'));
  const inds = demo.indicators.filter((i) => i.directive === '27/QĐ-BCĐ');
  const tasks = demo.tasks.filter((t) => t.directive === '27/QĐ-BCĐ');
  const indicatorTable = [['TT', 'Chỉ tiêu', 'Kết quả', 'Cơ quan, đơn vị chủ trì theo dõi, đánh giá và báo cáo', 'Ghi chú'],
    ['I', 'Chỉ tiêu theo Quyết định số 11/QĐ-BCĐCP ngày 27/02/2026 của Ban Chỉ đạo Chính phủ', '', '', '']];
  for (const i of inds) {
    if (i.level_targets?.length) {
      indicatorTable.push([`${i.code}.`, i.name, '', '', '']);
      for (const l of i.level_targets) indicatorTable.push(['', l.level === 'city' ? 'Cấp thành phố' : 'Cấp xã', l.target_text, '', i.notes]);
    } else {
      indicatorTable.push([`${i.code}.`, i.name, i.target_text, i.reporting_group ? 'UBND cấp xã' : 'Sở Khoa học và Công nghệ', i.notes]);
    }
  }
  const header = ['TT', 'Tên nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Kết quả', 'Thời hạn', 'Ghi chú'];
  const taskTable = [header];
  for (const t of tasks) {
    const row = [`${t.code}.`, t.name, t.lead_text, t.coordinating_text, t.output, t.deadline_text, t.notes];
    if (t.code === '8') {
      // As in the signed document: the row breaks across a page and the header repeats.
      const cut = t.name.indexOf('(tại');
      taskTable.push([row[0], t.name.slice(0, cut).trim(), 'Các Sở, ban, ngành', row[3], row[4], row[5], row[6]]);
      taskTable.push(header);
      taskTable.push(['', t.name.slice(cut), 'thành phố, UBND cấp xã', '', '', '', '']);
    } else taskTable.push(row);
  }
  const json = join(work, 'tables.json');
  writeFileSync(json, JSON.stringify([indicatorTable, taskTable]));
  const docx = join(work, '27-QD-BCD.docx');
  execFileSync('python3', [new URL('./fixtures/make_docx.py', import.meta.url).pathname, json, docx]);

  const target = await newPlan('901/KH-THU');
  const up = await agency.call('POST', `/api/v1/directives/${target.id}/imports?filename=27-QD-BCD.docx`, readFileSync(docx));
  assert.equal(up.status, 201, JSON.stringify(up.body));
  assert.equal(up.body.source_kind, 'docx');
  assert.equal(up.body.summary.indicators, 12);
  assert.equal(up.body.summary.tasks, 16);
  const t8 = up.body.tasks.find((t) => t.code === '8');
  assert.equal(t8.name, tasks.find((t) => t.code === '8').name);
  assert.deepEqual(t8.lead.groups.map((g) => g.name), ['Các Sở, ban, ngành thành phố', 'UBND cấp xã']);
  const t1 = up.body.tasks.find((t) => t.code === '1');
  assert.equal(t1.coordinating.units.length, 5, JSON.stringify(t1.coordinating));
  assert.equal(up.body.tasks.find((t) => t.code === '5').deadline.due, '2026-03-31');
  // "Sở Tài chính và các địa phương theo phân cấp quản lý ngân sách": the second half names no unit.
  const unmatched = up.body.unmatched.map((u) => u.text);
  assert.ok(unmatched.includes('và các địa phương theo phân cấp quản lý ngân sách'), JSON.stringify(unmatched));
  assert.ok(up.body.summary.blocking > 0);
  const refused = await agency.post(`/api/v1/imports/${up.body.id}/confirm`);
  assert.equal(refused.status, 409);
  assert.equal((await agency.get(`/api/v1/tasks?directive_id=${target.id}`)).body.total, 0);

  // The person chooses: the communes for the budget words, nothing for the rest.
  const communes = (await agency.get('/api/v1/unit-groups?q=UBND%20c%E1%BA%A5p%20x%C3%A3')).body.items[0];
  const choices = unmatched.map((text) => ({ text, unit_ids: [], group_ids: text.includes('địa phương') ? [communes.id] : [] }));
  const chosen = await agency.put(`/api/v1/imports/${up.body.id}/choices`, { choices });
  assert.equal(chosen.status, 200, JSON.stringify(chosen.body));
  assert.equal(chosen.body.summary.blocking, 0, JSON.stringify(chosen.body.issues.filter((i) => i.blocking)));
  const ok = await agency.post(`/api/v1/imports/${up.body.id}/confirm`);
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.created.tasks, 16);
  assert.equal(ok.body.created.indicators, 12);

  const [before, afterwards] = [await planContents(plan.id), await planContents(target.id)];
  for (const [code, t] of Object.entries(before.tasks)) {
    if (!tasks.some((x) => x.code === code)) continue;  // added to the demo after the decision
    const got = afterwards.tasks[code];
    assert.ok(got, `task ${code} missing`);
    for (const k of ['name', 'lead_text', 'deadline_text', 'deadline_kind', 'output', 'units'])
      assert.deepEqual(got[k], t[k], `task ${code} ${k}`);
  }
  assert.deepEqual(Object.keys(afterwards.indicators).sort(), Object.keys(before.indicators).sort());
  for (const [code, i] of Object.entries(before.indicators)) assert.equal(afterwards.indicators[code].name, i.name);
});

test('bad files are refused with a Vietnamese reason and change nothing', async () => {
  const target = await newPlan('902/KH-THU');
  const cases = [
    ['a.xlsx', new TextEncoder().encode('PK not really a zip'), 400, 'invalid_file'],
    ['a.pdf', new TextEncoder().encode('%PDF-1.4'), 415, 'unsupported_type'],
    ['a.csv', Uint8Array.from([0x54, 0x54, 0x2c, 0xea, 0x0a]), 400, 'invalid_file'],
    ['a.doc', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 400, 'invalid_file'],
  ];
  for (const [name, bytes, status, code] of cases) {
    const r = await agency.call('POST', `/api/v1/directives/${target.id}/imports?filename=${name}`, bytes);
    assert.equal(r.status, status, `${name}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error.code, code);
    assert.match(r.body.error.message, /[àáảãạăâđêôơưệ]/i);
  }
  // 100,000 rows of CSV: refused whole.
  const big = 'TT,Tên nhiệm vụ,Chủ trì,Thời hạn\n' + Array.from({ length: 100000 }, (_, i) => `${i + 1},Việc ${i},Sở Y tế,12/2026`).join('\n');
  const r = await agency.call('POST', `/api/v1/directives/${target.id}/imports?filename=big.csv`, big);
  assert.equal(r.status, 400);
  assert.match(r.body.error.message, /quá nhiều dòng/);
  // A CSV with BOM and semicolons previews; the template downloads.
  const csv = '\ufeffTT;Tên nhiệm vụ;Chủ trì;Phối hợp;Thời hạn\n1;Triển khai nền tảng số;Sở Y tế;Công an thành phố;Quý IV/2026\n';
  const p = await agency.call('POST', `/api/v1/directives/${target.id}/imports?filename=k.csv`, csv);
  assert.equal(p.status, 201, JSON.stringify(p.body));
  assert.equal(p.body.tasks[0].lead.units[0].name, 'Sở Y tế');
  assert.equal(p.body.tasks[0].deadline.due, '2026-12-31');
  assert.equal((await agency.get(`/api/v1/tasks?directive_id=${target.id}`)).body.total, 0);
  const tpl = await download(agency, '/api/v1/import-template.xlsx');
  assert.equal(tpl.status, 200);
  const tplFile = join(work, 'template.xlsx');
  writeFileSync(tplFile, tpl.bytes);
  const fromTemplate = await agency.call('POST', `/api/v1/directives/${target.id}/imports?filename=mau.xlsx`, tpl.bytes);
  assert.equal(fromTemplate.status, 201, JSON.stringify(fromTemplate.body));
  assert.equal(fromTemplate.body.summary.tasks, 1);
  assert.equal(fromTemplate.body.summary.indicators, 1);
});
