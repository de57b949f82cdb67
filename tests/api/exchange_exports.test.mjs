// Issue 18, item 5: bulk data out for analysts — assignment statuses at a date and indicator values by unit
// and period, as JSON (English field names, schema in openapi.json), CSV and .xlsx (Vietnamese header row),
// with the external codes; the CSV and the workbook are read back and compared with the JSON field by field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, client, ok, restarted, directiveByNumber } from './harness.mjs';

let server, admin, plan, task;

before(async () => {
  server = await startServer();
  admin = await client(server, 'admin');
  plan = await directiveByNumber(admin, '27/QĐ-BCĐ');
  task = (await ok(admin.get(`/api/v1/tasks?directive_id=${plan.id}&limit=1`), 'tasks')).items[0];
  await ok(admin.call('PUT', '/api/v1/external-codes', { entity: 'task', entity_id: task.id, system: 'nq57', code: 'NQ57-A' }), 'code');
});
after(async () => { await server?.stop(); });

// RFC 4180: quoted fields may hold commas, quotes and line breaks.
function parseCsv(text) {
  assert.equal(text.charCodeAt(0), 0xfeff, 'byte-order mark');
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 1; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\r') { /* CRLF */ }
    else if (ch === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else field += ch;
  }
  return rows;
}

async function raw(path) {
  const res = await fetch(server.base + path, { headers: { authorization: `Bearer ${admin.token}` } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

function sheetRows(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-xlsx-'));
  writeFileSync(join(dir, 'a.xlsx'), bytes);
  const sheet = execFileSync('unzip', ['-p', join(dir, 'a.xlsx'), 'xl/worksheets/sheet1.xml'], { maxBuffer: 1 << 28 }).toString('utf8');
  const strings = execFileSync('unzip', ['-p', join(dir, 'a.xlsx'), 'xl/sharedStrings.xml'], { maxBuffer: 1 << 28 }).toString('utf8');
  return { rows: (sheet.match(/<row /g) ?? []).length, strings };
}

function compare(json, csv, columns, systems) {
  assert.equal(csv.length, json.items.length + 1);
  csv.slice(1).forEach((cells, i) => {
    const item = json.items[i];
    columns.forEach((name, k) => {
      const v = item[name];
      assert.equal(cells[k], v === null ? '' : String(v), `${name} row ${i}`);
    });
    systems.forEach((s, k) => assert.equal(cells[columns.length + k], item.external_codes[s] ?? '', `code ${s} row ${i}`));
  });
}

test('assignment statuses at a date: JSON, CSV and .xlsx agree, with the codes as they were on that date', async () => {
  const json = await ok(admin.get('/api/v1/exports/assignment-statuses?as_of=2026-11-24'), 'json');
  assert.equal(json.as_of, '2026-11-24');
  assert.ok(json.items.length > 100);
  const mine = json.items.filter((r) => r.task_id === task.id);
  assert.ok(mine.length > 0);
  for (const r of mine) assert.equal(r.external_codes.nq57, 'NQ57-A');
  assert.ok(json.items.every((r) => /^Y99/.test(r.external_codes.qd20 ?? 'Y99') && r.status_label.length > 0));
  const systems = (await ok(admin.get('/api/v1/external-systems'), 'systems')).items.map((s) => s.code);
  const csvRes = await raw('/api/v1/exports/assignment-statuses?as_of=2026-11-24&format=csv');
  assert.equal(csvRes.status, 200);
  assert.equal(csvRes.type, 'text/csv; charset=utf-8');
  const csv = parseCsv(csvRes.bytes.toString('utf8'));
  assert.deepEqual(csv[0].slice(0, 4), ['Mã số phân công', 'Mã số văn bản', 'Mã số nhiệm vụ', 'Số hiệu nhiệm vụ']);
  assert.deepEqual(csv[0].slice(-systems.length), systems.map((s) => `Mã ${s}`));
  const columns = ['assignment_id', 'directive_id', 'task_id', 'task_code', 'task_name', 'unit_id', 'unit_code', 'unit_name',
    'status', 'status_label', 'due', 'progress_percent'];
  compare(json, csv, columns, systems);
  const x = await raw('/api/v1/exports/assignment-statuses?as_of=2026-11-24&format=xlsx');
  assert.equal(x.status, 200);
  const sheet = sheetRows(x.bytes);
  assert.ok(sheet.rows >= json.items.length + 1, `${sheet.rows} rows`);
  assert.ok(sheet.strings.includes('Mã số phân công') && sheet.strings.includes('NQ57-A'));

  // The code changes two days later: the 24th still reads the old one, the 26th the new one.
  [server, admin] = await restarted(server, '2026-11-26T03:00:00Z');
  await ok(admin.call('PUT', '/api/v1/external-codes', { entity: 'task', entity_id: task.id, system: 'nq57', code: 'NQ57-B' }), 'code');
  const then = await ok(admin.get('/api/v1/exports/assignment-statuses?as_of=2026-11-24'), 'then');
  const now = await ok(admin.get('/api/v1/exports/assignment-statuses?as_of=2026-11-26'), 'now');
  assert.ok(then.items.filter((r) => r.task_id === task.id).every((r) => r.external_codes.nq57 === 'NQ57-A'));
  assert.ok(now.items.filter((r) => r.task_id === task.id).every((r) => r.external_codes.nq57 === 'NQ57-B'));
  const bad = await admin.get('/api/v1/exports/assignment-statuses?format=pdf');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'format');
  assert.equal((await (await client(server, 'haian')).get('/api/v1/exports/assignment-statuses')).status, 403);
});

test('indicator values by unit and period: JSON and CSV agree; a period narrows them', async () => {
  const all = await ok(admin.get('/api/v1/exports/indicator-values'), 'all');
  assert.ok(all.items.length > 0);
  const period = all.items[0].period;
  const one = await ok(admin.get(`/api/v1/exports/indicator-values?period=${period}`), 'one');
  assert.ok(one.items.length > 0 && one.items.every((r) => r.period === period));
  assert.ok(one.items.length <= all.items.length);
  const systems = (await ok(admin.get('/api/v1/external-systems'), 'systems')).items.map((s) => s.code);
  const csv = parseCsv((await raw(`/api/v1/exports/indicator-values?period=${period}&format=csv`)).bytes.toString('utf8'));
  assert.equal(csv[0][2], 'Tên chỉ tiêu');
  compare(one, csv, ['indicator_id', 'indicator_code', 'indicator_name', 'unit_of_measure', 'unit_id', 'unit_code', 'unit_name',
    'period', 'numerator', 'denominator', 'value', 'estimated_full_year', 'updated_at'], systems);
  assert.ok(one.items.some((r) => r.external_codes.qd20?.startsWith('Y99')));
});

test('reports and their timeliness for a period: the same as the obligations list, JSON and CSV agree, unit codes kept', async () => {
  const url = `/api/v1/exports/report-timeliness?directive_id=${plan.id}&period=2026-10`;
  const json = await ok(admin.get(url), 'json');
  assert.deepEqual([json.directive_id, json.period], [plan.id, '2026-10']);
  const list = await ok(admin.get(`/api/v1/report-obligations?directive_id=${plan.id}&period=2026-10&limit=1000`), 'obligations');
  assert.equal(json.due_date, list.due_date);
  assert.ok(json.items.length > 10);
  const key = (r) => [r.unit_id, r.report_id, r.state, r.first_submitted_at, r.timeliness];
  assert.deepEqual(json.items.map(key).sort(), list.items.map(key).sort());
  const labels = { on_time: 'Đúng hạn', late: 'Muộn', missing: 'Không báo cáo', pending: 'Chưa đến hạn' };
  for (const r of json.items) assert.equal(r.timeliness_label, labels[r.timeliness]);
  assert.ok(new Set(json.items.map((r) => r.timeliness)).size > 1, 'the demo has on-time and other reports');
  assert.ok(json.items.some((r) => r.external_codes.qd20?.startsWith('Y99')));
  const systems = (await ok(admin.get('/api/v1/external-systems'), 'systems')).items.map((s) => s.code);
  const csv = parseCsv((await raw(`${url}&format=csv`)).bytes.toString('utf8'));
  assert.equal(csv[0][11], 'Đúng hạn');
  compare(json, csv, ['directive_id', 'directive_number', 'period', 'due_date', 'unit_id', 'unit_code', 'unit_name', 'peer_group',
    'report_id', 'state', 'first_submitted_at', 'timeliness', 'timeliness_label'], systems);
  assert.equal((await raw(`${url}&format=xlsx`)).status, 200);
  // Without a plan, or a period the plan does not report by, it is refused; a unit's staff do not read it.
  assert.equal((await admin.get('/api/v1/exports/report-timeliness')).body.error.field, 'directive_id');
  assert.equal((await admin.get(`/api/v1/exports/report-timeliness?directive_id=${plan.id}&period=2026-Q4`)).body.error.field, 'period');
  assert.equal((await (await client(server, 'haian')).get(url)).status, 403);
});
