// Issue 12, items 4 and 6: an issued document is kept as issued, and a document for a past date is the same
// document however late it is made. On the demo (24/11/2026) the standing agency issues the synthesis report
// and the appendices under their numbers; the server's clock then moves to 27/11 and later facts arrive (a
// completion confirmed, an overdue review written). The issued files download byte for byte
// as issued; the synthesis and appendices made again for as_of 24/11 show the same figures; today's differ.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, client, directiveByNumber } from './harness.mjs';

let server, agency, plan;
const work = mkdtempSync(join(tmpdir(), 'tiendo-issued-'));
const D = '2026-11-24';
const issued = {};      // name -> register row
const asIssued = {};    // name -> bytes downloaded on 24/11
let synthesisOnD, appendixOnD;

async function download(c, path) {
  const res = await fetch(server.base + path, { headers: { authorization: `Bearer ${c.token}` } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

// Every part of a zip file (.docx/.xlsx) as text, read with Python's zipfile: not with the code under test.
function zipText(bytes) {
  const file = join(work, `f-${Math.random()}.zip`);
  writeFileSync(file, bytes);
  return execFileSync('python3', ['-c', 'import sys,zipfile;z=zipfile.ZipFile(sys.argv[1]);'
    + 'sys.stdout.write("\\n".join(n+":"+z.read(n).decode() for n in sorted(z.namelist())))', file],
  { encoding: 'utf8', maxBuffer: 1 << 26 });
}

// The figures of a synthesis (everything but the moment its data was read and the narrative's save time).
function figures(s) {
  const { data_read_at, data_read_line, meta, ...rest } = s;
  return rest;
}

const sha = (b) => createHash('sha256').update(b).digest('hex');

before(async () => {
  server = await startServer();  // 24/11/2026, 10:00 in Hải Phòng
  agency = await client(server, 'skhcn');
  plan = await directiveByNumber(agency, '27/QĐ-BCĐ');

  synthesisOnD = (await agency.get(`/api/v1/directives/${plan.id}/synthesis?period=2026-10`)).body;
  appendixOnD = zipText((await download(agency, `/api/v1/directives/${plan.id}/appendices.xlsx`)).bytes);
  for (const [name, body] of [
    ['report', { directive_id: plan.id, kind: 'synthesis', period: '2026-10', number: '123/BC-SKHCN', issued_on: D }],
    ['appendix', { directive_id: plan.id, kind: 'appendices', number: '124/BC-SKHCN', issued_on: D, as_of: D }],
  ]) {
    const r = await agency.post('/api/v1/issued-documents', body);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    issued[name] = r.body;
    const file = await download(agency, `/api/v1/issued-documents/${r.body.id}/file`);
    assert.equal(file.status, 200);
    asIssued[name] = file.bytes;
  }

  // 27/11: later facts arrive — an overdue task confirmed done (on 20/11) and an overdue review.
  await server.stop({ keep: true });
  server = await startServer({ reuse: server, clock: '2026-11-27T03:00:00Z' });
  agency = await client(server, 'skhcn');
  const admin = await client(server, 'admin');
  const overdue = (await agency.get(`/api/v1/assignments?directive_id=${plan.id}&status=overdue&limit=2`)).body.items;
  assert.equal(overdue.length, 2);
  assert.equal((await agency.post(`/api/v1/assignments/${overdue[0].id}/confirm`, { done_on: '2026-11-20' })).status, 200);
  const review = await admin.post('/api/v1/overdue-reviews', { assignment_id: overdue[1].id, cause: 'Nguyên nhân viết sau',
    responsible_unit: 'Phòng chuyên môn', remedy: 'Khắc phục viết sau', new_due: '2027-01-31' });
  assert.equal(review.status, 201, JSON.stringify(review.body));
});
after(async () => { await server?.stop(); });

test('the register lists what was issued: number, date, kind, plan, period, as_of, when read, who, SHA-256, size', async () => {
  const list = (await agency.get(`/api/v1/issued-documents?directive_id=${plan.id}`)).body;
  assert.equal(list.total, 2);
  const r = list.items.find((x) => x.id === issued.report.id);
  assert.equal(r.number, '123/BC-SKHCN');
  assert.equal(r.issued_on, D);
  assert.equal(r.kind, 'synthesis');
  assert.equal(r.format, 'docx');
  assert.equal(r.directive_number, '27/QĐ-BCĐ');
  assert.equal(r.period, '2026-10');
  assert.equal(r.as_of, D);
  assert.match(r.data_read_at, /^2026-11-24T03:00:\d\dZ$/);  // the clock runs on from its start
  assert.ok(r.issued_by_name.length > 0);
  assert.equal(r.sha256, sha(asIssued.report));
  assert.equal(r.size_bytes, asIssued.report.length);
  const a = list.items.find((x) => x.id === issued.appendix.id);
  assert.equal(a.format, 'xlsx');
  assert.equal(a.period, '2026-11');  // without a period, filed under the one judged at as_of (November, due 20/11)
  const byPeriod = (await agency.get(`/api/v1/issued-documents?directive_id=${plan.id}&period=2026-10`)).body;
  assert.ok(byPeriod.items.every((x) => x.period === '2026-10'));
  assert.ok(byPeriod.items.some((x) => x.id === issued.report.id));
  assert.equal((await agency.get('/api/v1/issued-documents?directive_id=999999')).body.total, 0);
  // Issuing is audited.
  const audit = (await agency.get(`/api/v1/audit?entity=issued_document&entity_id=${issued.report.id}`)).body;
  assert.equal(audit.items.length, 1);
  assert.equal(audit.items[0].action, 'issue');
});

test('an issued document bears its number, its date and the moment its data was read', () => {
  const report = zipText(asIssued.report);
  assert.match(report, /Số: 123\/BC-SKHCN/);
  assert.match(report, /Hải Phòng, ngày 24 tháng 11 năm 2026/);
  assert.match(report, /Số liệu tổng hợp đến hết ngày 24\/11\/2026, đọc lúc 10:00 ngày 24\/11\/2026/);
  const appendix = zipText(asIssued.appendix);
  assert.match(appendix, /Kèm theo Số 124\/BC-SKHCN ngày 24\/11\/2026; Số liệu tổng hợp đến hết ngày 24\/11\/2026, đọc lúc 10:00 ngày 24\/11\/2026/);
});

test('after later facts, an issued document downloads with the very bytes issued', async () => {
  for (const name of ['report', 'appendix']) {
    const later = await download(agency, `/api/v1/issued-documents/${issued[name].id}/file`);
    assert.equal(later.status, 200);
    assert.ok(later.bytes.equals(asIssued[name]), name);
    assert.equal(later.headers.get('x-content-sha256'), issued[name].sha256);
    assert.equal(sha(later.bytes), issued[name].sha256);
    assert.match(later.headers.get('content-disposition'), /attachment/);
  }
  assert.equal((await agency.get('/api/v1/issued-documents/999999/file')).status, 404);
});

test('a document for 24/11 made on 27/11 shows the same figures; only the moment of reading differs', async () => {
  const later = (await agency.get(`/api/v1/directives/${plan.id}/synthesis?period=2026-10&as_of=${D}`)).body;
  assert.deepEqual(figures(later), figures(synthesisOnD));
  assert.equal(later.meta.date_line, synthesisOnD.meta.date_line);
  assert.match(later.data_read_line, /^Số liệu tổng hợp đến hết ngày 24\/11\/2026, đọc lúc 10:00 ngày 27\/11\/2026$/);
  // Today's document does see the later facts: the comparison above compares something.
  const today = (await agency.get(`/api/v1/directives/${plan.id}/synthesis?period=2026-10`)).body;
  assert.notDeepEqual(today.overdue, synthesisOnD.overdue);
  assert.ok(today.overdue.items.some((o) => o.cause === 'Nguyên nhân viết sau'));
  assert.ok(!later.overdue.items.some((o) => o.cause === 'Nguyên nhân viết sau'));

  // The workbook's creation time (docProps/core.xml) is the moment of reading too.
  const read = (x) => x.replace(/Số liệu tổng hợp đến hết ngày [^)]*/g, '').replace(/<dcterms:(created|modified)[^>]*>[^<]*</g, '');
  const xlsx = zipText((await download(agency, `/api/v1/directives/${plan.id}/appendices.xlsx?as_of=${D}`)).bytes);
  assert.match(xlsx, /đến hết ngày 24\/11\/2026, đọc lúc 10:00 ngày 27\/11\/2026/);
  assert.match(xlsx, /<dcterms:created[^>]*>2026-11-27T03:00/);
  assert.equal(read(xlsx), read(appendixOnD));
  const xlsxToday = zipText((await download(agency, `/api/v1/directives/${plan.id}/appendices.xlsx`)).bytes);
  assert.notEqual(read(xlsxToday), read(appendixOnD));
});

test('a number is used once a year: reissuing it is refused; a new version is a new issue with its own number', async () => {
  const again = await agency.post('/api/v1/issued-documents', { directive_id: plan.id, kind: 'synthesis', period: '2026-10',
    number: ' 123/BC-SKHCN ', issued_on: '2026-11-27' });
  assert.equal(again.status, 409);
  assert.equal(again.body.error.field, 'number');
  assert.match(again.body.error.message, /^Số văn bản 123\/BC-SKHCN đã được dùng trong năm 2026/);
  const missing = await agency.post('/api/v1/issued-documents', { directive_id: plan.id, kind: 'synthesis', issued_on: D });
  assert.equal(missing.status, 400);
  assert.equal(missing.body.error.field, 'number');
  assert.match(missing.body.error.message, /Số văn bản/);
  const future = await agency.post('/api/v1/issued-documents', { directive_id: plan.id, kind: 'synthesis', number: '9/BC-X',
    issued_on: '2026-11-28' });
  assert.equal(future.status, 400);
  assert.equal(future.body.error.field, 'issued_on');
  const badKind = await agency.post('/api/v1/issued-documents', { directive_id: plan.id, kind: 'letter', number: '9/BC-X', issued_on: D });
  assert.equal(badKind.body.error.field, 'kind');

  const v2 = await agency.post('/api/v1/issued-documents', { directive_id: plan.id, kind: 'synthesis', period: '2026-10',
    number: '131/BC-SKHCN', issued_on: '2026-11-27', as_of: D });
  assert.equal(v2.status, 201, JSON.stringify(v2.body));
  assert.notEqual(v2.body.id, issued.report.id);
  assert.match(v2.body.data_read_at, /^2026-11-27T03:0/);
  const v2bytes = (await download(agency, `/api/v1/issued-documents/${v2.body.id}/file`)).bytes;
  assert.match(zipText(v2bytes), /Số: 131\/BC-SKHCN/);
  // The first issue is untouched by the second.
  assert.ok((await download(agency, `/api/v1/issued-documents/${issued.report.id}/file`)).bytes.equals(asIssued.report));
  // The same number in another year is another document (numbering restarts each year).
  const lastYear = await agency.post('/api/v1/issued-documents', { directive_id: plan.id, kind: 'appendices',
    number: '123/BC-SKHCN', issued_on: '2025-12-30', as_of: '2025-12-30' });
  assert.equal(lastYear.status, 201, JSON.stringify(lastYear.body));
});

test('only the standing agency (or admin) issues; the whole-city roles read the register; unit roles do not', async () => {
  const body = { directive_id: plan.id, kind: 'appendices', number: '200/BC-SKHCN', issued_on: '2026-11-27' };
  for (const username of ['lanhdao', 'hmcuong', 'haian.truong', 'haian', 'xem']) {
    const c = await client(server, username);
    assert.equal((await c.post('/api/v1/issued-documents', body)).status, 403, username);
  }
  for (const username of ['lanhdao', 'hmcuong']) {
    const c = await client(server, username);
    assert.equal((await c.get('/api/v1/issued-documents')).status, 200, username);
    const file = await download(c, `/api/v1/issued-documents/${issued.report.id}/file`);
    assert.ok(file.bytes.equals(asIssued.report), username);
  }
  for (const username of ['haian.truong', 'haian', 'xem']) {
    const c = await client(server, username);
    assert.equal((await c.get('/api/v1/issued-documents')).status, 403, username);
    assert.equal((await download(c, `/api/v1/issued-documents/${issued.report.id}/file`)).status, 403, username);
  }
  assert.equal((await agency.get('/api/v1/issued-documents')).body.items.some((x) => x.number === '200/BC-SKHCN'), false);
});
