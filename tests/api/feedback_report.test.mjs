// Issue 15, item 5: the half-yearly and yearly feedback report (RULES R17) — the JSON, the Decree 30 document
// (.docx/.pdf) and its appendix (.xlsx). Every number equals a count of the item rows behind it (in the JSON and in
// the spreadsheet), the period is the day an item was received (30/06 is the first half, 01/07 the second), a
// rating given after the report's day never changes that day's report, and no sender's name or contact is in it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, client, ok, unitByCode } from './harness.mjs';
import { sheetRows, zipPart } from './office.mjs';

const ARGS = ['--scheduler-seconds', '0'];
// 23:30 on 30/06/2026 in Hải Phòng, then 00:30 on 01/07: the two sides of the half year's boundary.
const LAST_HOUR_H1 = '2026-06-30T16:30:00Z';
const FIRST_HOUR_H2 = '2026-06-30T17:30:00Z';
let server;
const dir = mkdtempSync(join(tmpdir(), 'feedback-report-'));
const boundary = {};

before(async () => { server = await startServer({ clock: LAST_HOUR_H1, args: ARGS }); });
after(async () => { await server?.stop(); });

async function at(clock) {
  await server.stop({ keep: true });
  server = await startServer({ reuse: server, clock, args: ARGS });
}

const entry = (over = {}) => ({ kind: 'kien_nghi', field: 'Chuyển đổi số', title: 'Cổng dịch vụ công chậm',
  text: `Nội dung ${Math.random()}`, sender_type: 'doanh_nghiep', name: 'Phạm Thị Báo Cáo', contact: '0977 123 456',
  consent: true, ...over });

async function download(c, path, name) {
  const res = await fetch(server.base + path, { headers: { authorization: `Bearer ${c.token}` } });
  assert.equal(res.status, 200, `${path}: ${res.status}`);
  const file = join(dir, name);
  writeFileSync(file, new Uint8Array(await res.arrayBuffer()));
  return { file, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition') };
}

// The figures of R17 counted again from the report's own rows (each row says where it stands as of the day).
function recount(rows) {
  const n = (p) => rows.filter(p).length;
  const outside = n((r) => r.outcome === 'outside');
  const within = rows.length - outside;
  const onTime = n((r) => r.outcome === 'on_time');
  const answered = onTime + n((r) => r.outcome === 'late');
  const overdue = n((r) => r.outcome === 'overdue');
  const ratings = n((r) => r.rating !== null);
  const good = n((r) => r.rating === 'rat_hai_long' || r.rating === 'hai_long');
  const complaints = n((r) => r.complaint);
  const days = rows.filter((r) => ['on_time', 'late'].includes(r.outcome))
    .map((r) => (Date.parse(r.answered_on) - Date.parse(r.received_on)) / 86400000).sort((a, b) => a - b);
  const median = days.length === 0 ? null
    : days.length % 2 ? days[(days.length - 1) / 2] : (days[days.length / 2 - 1] + days[days.length / 2]) / 2;
  return {
    received: rows.length, left_competence: outside, within_competence: within, answered, answered_on_time: onTime,
    overdue, pending: n((r) => r.outcome === 'pending'), complaints, ratings,
    rat_hai_long: n((r) => r.rating === 'rat_hai_long'), hai_long: n((r) => r.rating === 'hai_long'),
    chua_hai_long: n((r) => r.rating === 'chua_hai_long'), initiatives: n((r) => r.initiative),
    proposed: n((r) => r.adoption !== null), adopted: n((r) => r.adoption === 'adopted'),
    not_adopted: n((r) => r.adoption === 'not_adopted'),
    r1_percent: answered + overdue ? (100 * onTime) / (answered + overdue) : null,
    r2_percent: within ? (100 * (within - complaints)) / within : null,
    rated_share_percent: ratings ? (100 * good) / ratings : null,
    response_rate_percent: answered ? (100 * ratings) / answered : null,
    median_days: median,
  };
}

function same(group, want, what) {
  for (const [k, v] of Object.entries(want)) {
    if (v === null || group[k] === null) assert.equal(group[k], v, `${what} ${k}`);
    else assert.ok(Math.abs(group[k] - v) < 1e-9, `${what} ${k}: ${group[k]} ≠ ${v}`);
  }
}

// Every group of every breakdown equals a count of the rows it names, and the groups add up to the total.
function checkCounts(r) {
  same(r.total, recount(r.items), `${r.period} total`);
  const breakdowns = [['by_kind', (i) => i.kind], ['by_channel', (i) => i.channel], ['by_sender_type', (i) => i.sender_type],
    ['by_field', (i) => i.field], ['by_unit', (i) => (i.lead_unit_id === null ? null : String(i.lead_unit_id))],
    ['initiatives', (i) => i.kind]];
  for (const [name, keyOf] of breakdowns) {
    for (const g of r[name]) same(g, recount(r.items.filter((i) => keyOf(i) === g.key)), `${r.period} ${name} ${g.label}`);
    if (name !== 'initiatives') {
      assert.equal(r[name].reduce((s, g) => s + g.received, 0), r.total.received, `${name} adds up`);
      assert.equal(new Set(r[name].map((g) => g.key)).size, r[name].length, `${name}: one row per group`);
    }
  }
  assert.equal(r.initiatives.reduce((s, g) => s + g.received, 0), r.total.initiatives);
  for (const i of r.items) {
    assert.ok(i.received_on >= r.from && i.received_on <= r.to && i.received_on <= r.as_of, `${i.code} in ${r.period}`);
    // The labels are the vocabulary's Vietnamese words, never a code.
    for (const k of ['kind_label', 'channel_label', 'sender_type_label', 'outcome_label']) assert.ok(i[k] && !/_/.test(i[k]), `${i.code} ${k}`);
  }
}

test('the period is the day an item was received: 30/06 in the first half, 01/07 in the second', async () => {
  const focal = await client(server, 'haian');
  boundary.h1 = await ok(focal.post('/api/v1/feedback', { ...entry({ contact: '0977 000 001' }), channel: 'letter' }), 'item of 30/06');
  assert.equal(boundary.h1.received_on, '2026-06-30');
  await at(FIRST_HOUR_H2);
  boundary.h2 = await ok((await client(server, 'haian')).post('/api/v1/feedback', { ...entry({ contact: '0977 000 002' }), channel: 'phone' }), 'item of 01/07');
  assert.equal(boundary.h2.received_on, '2026-07-01');
  const agency = await client(server, 'skhcn');
  const codes = async (period) => (await ok(agency.get(`/api/v1/feedback-report?period=${period}`), period)).items.map((i) => i.code);
  const h1 = await codes('2026-H1'), h2 = await codes('2026-H2'), year = await codes('2026');
  assert.ok(h1.includes(boundary.h1.code) && !h1.includes(boundary.h2.code));
  assert.ok(h2.includes(boundary.h2.code) && !h2.includes(boundary.h1.code));
  assert.ok(year.includes(boundary.h1.code) && year.includes(boundary.h2.code));
  assert.equal(year.length, h1.length + h2.length);
  // As of 30/06 the second item did not exist yet, and the first half's report of that day is the same.
  const then = await ok(agency.get('/api/v1/feedback-report?period=2026&as_of=2026-06-30'), 'as of 30/06');
  assert.ok(!then.items.some((i) => i.code === boundary.h2.code));
  assert.deepEqual(then.items.map((i) => i.code), (await ok(agency.get('/api/v1/feedback-report?period=2026-H1&as_of=2026-06-30'), 'H1')).items.map((i) => i.code));
});

test('refusals: a period that is not a half year or a year, a day after today, a unit\'s officer', async () => {
  await at('2026-11-24T03:00:00Z');
  const agency = await client(server, 'skhcn');
  for (const period of ['2026-11', '2026-Q3', 'nam-2026', '']) {
    const r = await agency.get(`/api/v1/feedback-report?period=${period}`);
    assert.equal(r.status, 400, period);
    assert.equal(r.body.error.field, 'period');
    assert.match(r.body.error.message, /[Kk]ỳ báo cáo/);
  }
  const future = await agency.get('/api/v1/feedback-report?period=2026-H2&as_of=2026-11-25');
  assert.equal(future.status, 400);
  assert.equal(future.body.error.field, 'as_of');
  // The report is the city's, as the synthesis report: a unit's officer reads its own figures in the inbox.
  assert.equal((await (await client(server, 'haian')).get('/api/v1/feedback-report?period=2026-H2')).status, 403);
  assert.equal((await ok((await client(server, 'lanhdao')).get('/api/v1/feedback-report?period=2026-H2'), 'leader')).period, '2026-H2');
});

test('every number of the report equals a count of its rows, and the rows are the inbox\'s items of the period', async () => {
  const agency = await client(server, 'skhcn');
  const inbox = (await ok(agency.get('/api/v1/feedback?limit=1000'), 'inbox')).items;
  for (const period of ['2026-H1', '2026-H2', '2026']) {
    for (const asOf of ['2026-06-30', '2026-09-15', '2026-11-24']) {
      const r = await ok(agency.get(`/api/v1/feedback-report?period=${period}&as_of=${asOf}`), `${period} ${asOf}`);
      assert.equal(r.as_of, asOf);
      checkCounts(r);
      const want = inbox.filter((i) => i.received_on >= r.from && i.received_on <= r.to && i.received_on <= asOf).map((i) => i.code).sort();
      assert.deepEqual(r.items.map((i) => i.code).sort(), want, `${period} ${asOf}: the items of the period`);
      // The same figures the inbox shows for these received days (one computation, R17).
      const fig = await ok(agency.get(`/api/v1/feedback-figures?as_of=${asOf}&from=${r.from}&to=${r.to}`), 'figures');
      for (const k of ['received', 'within_competence', 'answered', 'answered_on_time', 'overdue', 'complaints', 'ratings', 'r1_percent', 'r2_percent'])
        assert.equal(r.total[k], fig.total[k], `${period} ${asOf} ${k}`);
    }
  }
  const year = await ok(agency.get('/api/v1/feedback-report?period=2026'), 'year');
  assert.ok(year.total.received >= 100, 'the demo\'s year of feedback');
  assert.ok(year.total.answered > 0 && year.total.ratings > 0 && year.total.left_competence > 0 && year.total.overdue >= 0);
  assert.ok(year.by_unit.length > 1 && year.by_field.length > 1);
  assert.equal(year.by_kind.length, 5, 'every kind has its row');
  assert.equal(year.meta.title, 'Kết quả tiếp nhận, xử lý phản ánh, kiến nghị và mức độ hài lòng của người dân, doanh nghiệp về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số năm 2026');
});

test('the appendix: one sheet per breakdown whose numbers are the JSON\'s, and one row per item counted', async () => {
  const agency = await client(server, 'skhcn');
  const r = await ok(agency.get('/api/v1/feedback-report?period=2026-H1'), 'report');
  const { file, type, disposition } = await download(agency, '/api/v1/feedback-report.xlsx?period=2026-H1', 'h1.xlsx');
  assert.match(type, /spreadsheetml/);
  assert.match(disposition, /phu-luc-phan-anh-2026-H1/);
  const names = [...zipPart(file, 'xl/workbook.xml').matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(names, ['Theo loại', 'Theo lĩnh vực', 'Theo kênh tiếp nhận', 'Theo đối tượng gửi', 'Theo đơn vị chủ trì',
    'Sáng kiến, đặt hàng', 'Danh sách phản ánh']);
  // Columns C… of a figures sheet, as the JSON names them.
  const cols = { C: 'received', D: 'left_competence', E: 'within_competence', F: 'answered', G: 'answered_on_time', H: 'overdue',
    I: 'pending', K: 'complaints', M: 'ratings', N: 'rat_hai_long', O: 'hai_long', P: 'chua_hai_long', T: 'initiatives',
    U: 'proposed', V: 'adopted', W: 'not_adopted' };
  const percents = { J: 'r1_percent', L: 'r2_percent', Q: 'rated_share_percent', R: 'response_rate_percent' };
  const groupsOf = ['by_kind', 'by_field', 'by_channel', 'by_sender_type', 'by_unit', 'initiatives'];
  for (let s = 0; s < groupsOf.length; s++) {
    const rows = sheetRows(file, s + 1);
    const data = rows.filter((x) => /^\d+$/.test(x.A ?? ''));
    const groups = r[groupsOf[s]];
    assert.equal(data.length, groups.length, names[s]);
    const check = (row, g) => {
      assert.equal(row.B, g.label, names[s]);
      for (const [c, k] of Object.entries(cols)) assert.equal(Number(row[c]), g[k], `${names[s]} ${g.label} ${k}`);
      for (const [c, k] of Object.entries(percents)) {
        if (g[k] === null) assert.equal(row[c] ?? '', '', `${names[s]} ${g.label} ${k}`);
        else assert.ok(Math.abs(Number(row[c]) * 100 - g[k]) < 1e-9, `${names[s]} ${g.label} ${k}`);
      }
    };
    data.forEach((row, i) => check(row, groups[i]));
    if (groupsOf[s] !== 'initiatives') check(rows.find((x) => x.B === 'Tổng cộng'), r.total);
  }
  // The list: one row per item of the JSON, and its columns counted give the total's numbers again.
  const list = sheetRows(file, 7).filter((x) => /^\d+$/.test(x.A ?? ''));
  assert.equal(list.length, r.total.received);
  assert.deepEqual(list.map((x) => x.B), r.items.map((i) => i.code));
  const count = (col, text) => list.filter((x) => x[col] === text).length;
  assert.equal(count('K', 'Trả lời đúng hạn'), r.total.answered_on_time);
  assert.equal(count('K', 'Trả lời đúng hạn') + count('K', 'Trả lời quá hạn'), r.total.answered);
  assert.equal(count('K', 'Quá hạn chưa trả lời'), r.total.overdue);
  assert.equal(count('K', 'Chưa đến hạn trả lời'), r.total.pending);
  assert.equal(list.filter((x) => x.K.startsWith('Ngoài thẩm quyền')).length, r.total.left_competence);
  assert.equal(count('L', 'Có'), r.total.complaints);
  assert.equal(count('M', 'Rất hài lòng'), r.total.rat_hai_long);
  assert.equal(count('M', 'Hài lòng'), r.total.hai_long);
  assert.equal(count('M', 'Chưa hài lòng'), r.total.chua_hai_long);
  for (const g of r.by_kind) assert.equal(count('D', g.label), g.received, g.label);
  for (const g of r.by_channel) assert.equal(count('F', g.label), g.received, g.label);
  for (const g of r.by_sender_type) assert.equal(count('G', g.label), g.received, g.label);
  for (const g of r.by_unit) assert.equal(count('H', g.label), g.received, g.label);
});

test('the document: Decree 30 layout, Vietnamese words only, no sender\'s name or contact anywhere', async () => {
  const agency = await client(server, 'skhcn');
  const inbox = (await ok(agency.get('/api/v1/feedback?limit=1000'), 'inbox')).items;
  const secrets = new Set();
  for (const i of inbox) {
    if (i.sender?.name) secrets.add(i.sender.name);
    if (i.sender?.contact) secrets.add(i.sender.contact);
  }
  assert.ok(secrets.has('Phạm Thị Báo Cáo') && secrets.has('0977 000 001'), 'this file\'s senders are among them');
  const { file, type } = await download(agency, '/api/v1/feedback-report.docx?period=2026-H1&as_of=2026-11-24', 'h1.docx');
  assert.match(type, /wordprocessingml/);
  const text = zipPart(file, 'word/document.xml').replace(/<[^>]+>/g, '');
  for (const words of ['ỦY BAN NHÂN DÂN', 'THÀNH PHỐ HẢI PHÒNG', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Số:', '/BC-UBND',
    'Hải Phòng, ngày 24 tháng 11 năm 2026', 'BÁO CÁO',
    'Kết quả tiếp nhận, xử lý phản ánh, kiến nghị và mức độ hài lòng', '6 tháng đầu năm 2026',
    'từ ngày 01/01/2026 đến ngày 30/06/2026', 'I. KẾT QUẢ TIẾP NHẬN', 'II. KẾT QUẢ XỬ LÝ, TRẢ LỜI', 'III. MỨC ĐỘ HÀI LÒNG',
    'IV. SÁNG KIẾN, GIẢI PHÁP, ĐẶT HÀNG SẢN PHẨM', 'Quyết định số 766/QĐ-TTg', 'Nơi nhận:', 'TM. ỦY BAN NHÂN DÂN',
    'KT. CHỦ TỊCH', 'Số liệu tổng hợp đến hết ngày 24/11/2026'])
    assert.ok(text.includes(words), `the document says “${words}”`);
  const r = await ok(agency.get('/api/v1/feedback-report?period=2026-H1&as_of=2026-11-24'), 'report');
  assert.ok(text.includes(`đã tiếp nhận ${r.total.received} phản ánh`));
  assert.ok(text.includes(r.total.r1_text) && text.includes(r.total.r2_text), 'the rates with their counts');
  assert.match(r.total.r1_text, /^\d+\/\d+ \(\d+(,\d)? %\)$/);
  // No code of the API's vocabulary reaches the reader.
  for (const code of ['phan_anh', 'kien_nghi', 'sang_kien', 'dat_hang', 'nguoi_dan', 'doanh_nghiep', 'one_stop', 'hai_long', 'on_time', 'not_adopted'])
    assert.ok(!text.includes(code), code);
  const xlsx = await download(agency, '/api/v1/feedback-report.xlsx?period=2026-H1&as_of=2026-11-24', 'h1-names.xlsx');
  const cells = zipPart(xlsx.file, 'xl/sharedStrings.xml');
  const json = JSON.stringify(r);
  for (const s of secrets) {
    assert.ok(!text.includes(s), `the document holds a sender's ${s}`);
    assert.ok(!cells.includes(s), `the appendix holds a sender's ${s}`);
    assert.ok(!json.includes(s), `the JSON holds a sender's ${s}`);
  }
  const pdf = await download(agency, '/api/v1/feedback-report.pdf?period=2026-H1&as_of=2026-11-24', 'h1.pdf');
  assert.equal(pdf.type, 'application/pdf');
  assert.equal(readFileSync(pdf.file).subarray(0, 4).toString('latin1'), '%PDF');
});

test('a rating given after the report\'s day never changes that day\'s report, and counts from its own day', async () => {
  const anon = await client(server);
  const agency = await client(server, 'skhcn');
  const receipt = await ok(anon.call('POST', '/api/v1/public/feedback', entry({ contact: '0977 000 003', kind: 'phan_anh' }), { 'x-real-ip': '10.7.0.1' }), 'submit');
  let it = (await ok(agency.get('/api/v1/feedback?limit=1000&state=received'), 'inbox')).items.find((i) => i.code === receipt.code);
  const haian = await unitByCode(agency, 'P-HAIAN');
  it = await ok(agency.post(`/api/v1/feedback/${it.id}/classify`, { version: it.version, outcome: 'accepted' }), 'classify');
  it = await ok(agency.post(`/api/v1/feedback/${it.id}/assign`, { version: it.version, lead_unit_id: haian.id }), 'assign');
  const focal = await client(server, 'haian');
  it = await ok(focal.post(`/api/v1/feedback/${it.id}/answer`, { version: it.version, answer: 'Đã khắc phục.' }), 'answer');
  it = await ok(focal.post(`/api/v1/feedback/${it.id}/moderate`, { version: it.version, public_title: 'Cổng dịch vụ công chậm', public_text: 'Cổng dịch vụ công chậm.' }), 'moderate');
  it = await ok((await client(server, 'haian.truong')).post(`/api/v1/feedback/${it.id}/approve`, { version: it.version }), 'approve');
  const url = '/api/v1/feedback-report?period=2026-H2&as_of=2026-11-24';
  const before = await ok(agency.get(url), 'report of 24/11');
  const row = before.items.find((i) => i.code === receipt.code);
  assert.deepEqual([row.outcome, row.answered_on, row.rating, row.lead_unit_name], ['on_time', '2026-11-24', null, haian.name]);
  const xlsxBefore = sheetRows((await download(agency, url.replace('report?', 'report.xlsx?'), 'before.xlsx')).file, 7);

  // The next day the sender rates the answer: 24/11's report stays as it was; 25/11's counts the rating.
  await at('2026-11-25T03:00:00Z');
  await ok((await client(server)).post(`/api/v1/public/feedback/${receipt.code}/rating`, { token: receipt.rating_token, rating: 'hai_long' }), 'rate');
  const agency2 = await client(server, 'skhcn');
  const again = await ok(agency2.get(url), 'report of 24/11, read on 25/11');
  const { data_read_at: _a, data_read_line: _b, ...was } = before;
  const { data_read_at: _c, data_read_line: _d, ...now } = again;
  assert.deepEqual(now, was, 'a later rating moved a past day\'s report');
  const xlsxAgain = sheetRows((await download(agency2, url.replace('report?', 'report.xlsx?'), 'again.xlsx')).file, 7);
  assert.deepEqual(xlsxAgain.slice(3), xlsxBefore.slice(3), 'the appendix\'s rows of 24/11 stay');
  const today = await ok(agency2.get('/api/v1/feedback-report?period=2026-H2&as_of=2026-11-25'), 'report of 25/11');
  assert.equal(today.items.find((i) => i.code === receipt.code).rating, 'hai_long');
  assert.equal(today.total.hai_long, before.total.hai_long + 1);
  checkCounts(today);
});

test('an initiative proposed one day and adopted the next: each day\'s report says what was decided by its end', async () => {
  // The clock stands at 25/11 (the test above): the desk enters an initiative and the standing agency proposes it.
  const focal = await client(server, 'haian');
  const agency = await client(server, 'skhcn');
  let it = await ok(focal.post('/api/v1/feedback', { ...entry({ contact: '0977 000 004', kind: 'sang_kien' }), channel: 'meeting' }), 'initiative');
  it = await ok(focal.post(`/api/v1/feedback/${it.id}/classify`, { version: it.version, outcome: 'accepted' }), 'accept');
  it = await ok(agency.post(`/api/v1/feedback/${it.id}/adoption`, { version: it.version, action: 'propose' }), 'propose');
  const task = (await ok(agency.get('/api/v1/tasks?limit=1'), 'task')).items[0];
  await at('2026-11-26T03:00:00Z');
  const agency2 = await client(server, 'skhcn');
  it = await ok(agency2.get(`/api/v1/feedback/${it.id}`), 'item');
  await ok(agency2.post(`/api/v1/feedback/${it.id}/adoption`, { version: it.version, action: 'adopt', task_id: task.id, reason: 'Đưa vào kế hoạch' }), 'adopt');

  const day = async (asOf) => ok(agency2.get(`/api/v1/feedback-report?period=2026-H2&as_of=${asOf}`), asOf);
  const proposedDay = await day('2026-11-25'), adoptedDay = await day('2026-11-26');
  const row = (r) => r.items.find((i) => i.code === it.code);
  assert.deepEqual([row(proposedDay).adoption, row(proposedDay).adopted_task_code], ['proposed', null]);
  assert.deepEqual([row(adoptedDay).adoption, row(adoptedDay).adoption_label, row(adoptedDay).adopted_task_code, row(adoptedDay).adopted_task_name],
    ['adopted', 'Đã được áp dụng', task.code, task.name]);
  assert.equal(adoptedDay.total.adopted, proposedDay.total.adopted + 1);
  assert.equal(adoptedDay.total.proposed, proposedDay.total.proposed);
  checkCounts(proposedDay);
  checkCounts(adoptedDay);
  // The document names the task it became, under its section IV.
  const { file } = await download(agency2, '/api/v1/feedback-report.docx?period=2026-H2&as_of=2026-11-26', 'adopted.docx');
  const text = zipPart(file, 'word/document.xml').replace(/<[^>]+>/g, '');
  assert.ok(text.includes(`Sáng kiến ${it.code}`) && text.includes(`thành nhiệm vụ ${task.code}`), 'the adopted initiative and its task');
  assert.ok(text.includes(`được áp dụng ${adoptedDay.total.adopted}`));
});
