// The leader's cockpit (issue 14, items 7 and 10): the status counts of every unit, whose sum is the dashboard's
// figures for the same query (today, a past date, a subtree, a filter); the warning list in the dashboard's order
// with its full length; and the .xlsx of each list holding exactly the rows the list shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, client, unitByCode, directiveByNumber } from './harness.mjs';

let server, agency, focal, plan, haian;
before(async () => {
  server = await startServer();
  agency = await client(server, 'skhcn');
  focal = await client(server, 'haian');
  plan = await directiveByNumber(agency, '27/QĐ-BCĐ');
  haian = await unitByCode(agency, 'P-HAIAN');
});
after(async () => { await server?.stop(); });

async function download(c, path) {
  const res = await fetch(server.base + path, { headers: { authorization: `Bearer ${c.token}` } });
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'),
    bytes: new Uint8Array(await res.arrayBuffer()) };
}

// The first sheet's rows as text and numbers, read with Python's zipfile and XML parser: not with the code under test.
const READ = `
import sys, zipfile, json, xml.etree.ElementTree as ET
ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
z = zipfile.ZipFile(sys.argv[1])
shared = []
if 'xl/sharedStrings.xml' in z.namelist():
    for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', ns):
        shared.append(''.join(t.text or '' for t in si.iter('{%s}t' % ns['m'])))
rows = []
for r in ET.fromstring(z.read('xl/worksheets/sheet1.xml')).iter('{%s}row' % ns['m']):
    cells = []
    for c in r.findall('m:c', ns):
        v = c.find('m:v', ns)
        if v is None: cells.append(None)
        elif c.get('t') == 's': cells.append(shared[int(v.text)])
        else: cells.append(float(v.text))
    rows.append(cells)
print(json.dumps(rows))
`;
const dir = mkdtempSync(join(tmpdir(), 'cockpit-'));
function sheetRows(bytes) {
  const file = join(dir, `f${Math.random().toString(36).slice(2)}.xlsx`);
  writeFileSync(file, bytes);
  return JSON.parse(execFileSync('python3', ['-c', READ, file], { encoding: 'utf8', maxBuffer: 1 << 26 }));
}

function sumOf(items) {
  const by = {};
  for (const u of items) for (const [k, v] of Object.entries(u.by_status)) by[k] = (by[k] ?? 0) + v;
  return by;
}

test('every unit\'s counts add up to the dashboard\'s, today, on a past date, in a subtree and under a filter', async () => {
  const queries = ['', `directive_id=${plan.id}`, `unit_id=${haian.id}`, 'peer_group=commune', 'as_of=2026-10-31',
    `as_of=2026-09-30&directive_id=${plan.id}&peer_group=department`];
  for (const q of queries) {
    const dash = (await agency.get(`/api/v1/dashboard?${q}`)).body;
    const units = await agency.get(`/api/v1/dashboard/units?${q}`);
    assert.equal(units.status, 200, JSON.stringify(units.body));
    const b = units.body;
    assert.equal(b.as_of, dash.as_of, q);
    const sum = sumOf(b.items);
    for (const [k, v] of Object.entries(sum)) assert.equal(v, dash.assignments.by_status[k] ?? 0, `${q}: ${k}`);
    for (const [k, v] of Object.entries(dash.assignments.by_status)) assert.equal(sum[k], v, `${q}: ${k}`);
    assert.deepEqual(b.sum.by_status, sum, q);
    assert.equal(b.sum.assignments, dash.assignments.total, q);
    assert.equal(b.items.reduce((n, u) => n + u.assignments, 0), dash.assignments.total, q);
    assert.equal(b.sum.warnings, dash.warnings.total, q);
    assert.equal(b.total, b.items.length);
    // Worst first: the most overdue work at the top.
    for (let i = 1; i < b.items.length; ++i) assert.ok(b.items[i - 1].by_status.overdue >= b.items[i].by_status.overdue, q);
  }
  const all = (await agency.get('/api/v1/dashboard/units')).body;
  assert.ok(all.items.length > 50, 'the city has its communes and departments');
  assert.ok(all.items.some((u) => u.peer_group === 'commune') && all.items.some((u) => u.peer_group === 'department'));
  assert.ok(all.items[0].by_status.overdue > 0);
});

test('the breakdown sorts by any status, and stays in the caller\'s subtree', async () => {
  const bySoon = (await agency.get('/api/v1/dashboard/units?sort=due_soon')).body;
  assert.equal(bySoon.sort, 'due_soon');
  for (let i = 1; i < bySoon.items.length; ++i) assert.ok(bySoon.items[i - 1].by_status.due_soon >= bySoon.items[i].by_status.due_soon);
  const byName = (await agency.get('/api/v1/dashboard/units?sort=unit_name')).body;
  assert.equal(byName.items.length, bySoon.items.length);
  const bad = await agency.get('/api/v1/dashboard/units?sort=abc');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'sort');
  const mine = (await focal.get('/api/v1/dashboard/units')).body;
  assert.ok(mine.items.some((u) => u.unit_id === haian.id));
  for (const u of mine.items) {  // each unit is Hải An or below it
    let id = u.unit_id;
    while (id && id !== haian.id) id = (await agency.get(`/api/v1/units/${id}`)).body.parent_id;
    assert.equal(id, haian.id, u.unit_name);
  }
  assert.equal(mine.scope.unit_id, haian.id);
  const sokhcn = await unitByCode(agency, 'SKHCN');
  assert.equal((await focal.get(`/api/v1/dashboard/units?unit_id=${sokhcn.id}`)).status, 403);
});

test('the warning list comes in the dashboard\'s order, overdue longest first, and its whole length is reachable', async () => {
  for (const q of ['', `directive_id=${plan.id}`, 'as_of=2026-10-31']) {
    const dash = (await agency.get(`/api/v1/dashboard?${q}`)).body;
    const list = (await agency.get(`/api/v1/assignments?warning=true&limit=1000&${q}`)).body;
    assert.equal(list.total, dash.warnings.total, q);
    assert.equal(list.items.length, Math.min(1000, list.total));
    assert.deepEqual(list.items.slice(0, dash.warnings.items.length).map((x) => x.id), dash.warnings.items.map((x) => x.id), q);
    const overdue = list.items.filter((x) => x.status === 'overdue');
    for (let i = 1; i < overdue.length; ++i) assert.ok(overdue[i - 1].overdue_days >= overdue[i].overdue_days, q);
    const firstOther = list.items.findIndex((x) => x.status !== 'overdue');
    if (firstOther >= 0) assert.ok(list.items.slice(firstOther).every((x) => x.status !== 'overdue'), `${q}: overdue first`);
    const soon = list.items.filter((x) => x.status === 'due_soon' && x.effective_due);
    for (let i = 1; i < soon.length; ++i) assert.ok(soon[i - 1].effective_due <= soon[i].effective_due || soon[i - 1].status !== soon[i].status, q);
  }
});

test('each list\'s .xlsx holds exactly the rows the list shows, with a Vietnamese title and header', async () => {
  const q = `warning=true&directive_id=${plan.id}&peer_group=commune`;
  const list = (await agency.get(`/api/v1/assignments?${q}&limit=1000`)).body;
  assert.ok(list.total > 0 && list.total <= 1000);
  const x = await download(agency, `/api/v1/assignments.xlsx?${q}`);
  assert.equal(x.status, 200);
  assert.match(x.type, /spreadsheetml/);
  const name = decodeURIComponent(x.disposition.match(/filename\*=UTF-8''(.*)$/)[1]);
  assert.match(name, /^Danh sách nhiệm vụ - Kế hoạch 27-QĐ-BCĐ - đến \d\d-\d\d-\d{4}\.xlsx$/);
  const rows = sheetRows(x.bytes);
  assert.match(rows[0][0], /^Danh sách nhiệm vụ — Cảnh báo — UBND cấp xã — Kế hoạch 27\/QĐ-BCĐ$/);
  assert.match(rows[1][0], /^Số liệu đến hết ngày \d\d\/\d\d\/\d{4}$/);
  const header = rows.findIndex((r) => r[0] === 'TT');
  assert.deepEqual(rows[header].slice(0, 3), ['TT', 'Đơn vị', 'Nhiệm vụ']);
  const body = rows.slice(header + 1);
  assert.equal(body.length, list.total);
  assert.deepEqual(body.map((r) => r[1]), list.items.map((i) => i.unit_name));
  assert.deepEqual(body.map((r) => r[2]), list.items.map((i) => `${i.task_code}. ${i.task_name}`));

  const units = (await agency.get('/api/v1/dashboard/units?as_of=2026-10-31')).body;
  const u = await download(agency, '/api/v1/dashboard/units.xlsx?as_of=2026-10-31');
  assert.equal(u.status, 200);
  assert.match(decodeURIComponent(u.disposition), /Nhiệm vụ theo đơn vị - Tất cả kế hoạch - đến 31-10-2026\.xlsx/);
  const ur = sheetRows(u.bytes);
  const uh = ur.findIndex((r) => r[0] === 'TT');
  assert.equal(ur[uh][4], 'Quá hạn');
  const ub = ur.slice(uh + 1);
  assert.equal(ub.length, units.items.length + 1);  // and the total row
  assert.deepEqual(ub.slice(0, -1).map((r) => r[1]), units.items.map((i) => i.unit_name));
  assert.deepEqual(ub.slice(0, -1).map((r) => r[4]), units.items.map((i) => i.by_status.overdue));
  assert.equal(ub.at(-1)[1], 'Tổng cộng');
  assert.equal(ub.at(-1)[2], units.sum.assignments);

  const rank = (await agency.get('/api/v1/ranking?peer_group=commune')).body;
  const r = await download(agency, '/api/v1/ranking.xlsx?peer_group=commune');
  assert.equal(r.status, 200);
  assert.match(decodeURIComponent(r.disposition), /Xếp hạng UBND cấp xã - Tất cả kế hoạch/);
  const rr = sheetRows(r.bytes);
  const rh = rr.findIndex((row) => row[0] === 'Hạng');
  const rb = rr.slice(rh + 1);
  assert.equal(rb.length, rank.total);
  assert.deepEqual(rb.map((row) => row[1]), rank.items.map((i) => i.unit_name));
  // The same score as the page, to 0,01 (R12), never another rounding.
  assert.deepEqual(rb.map((row) => row[2] ?? null), rank.items.map((i) => i.score));
  assert.deepEqual(rb.map((row) => row[4]), rank.items.map((i) => `${i.components.timeliness.numerator}/${i.components.timeliness.denominator}`));

  // A focal point's export holds its own unit only; another unit is refused as the list is.
  const mine = sheetRows((await download(focal, '/api/v1/assignments.xlsx')).bytes);
  const own = (await focal.get('/api/v1/assignments?limit=1000')).body;
  assert.equal(mine.slice(mine.findIndex((row) => row[0] === 'TT') + 1).length, own.total);
  const sokhcn = await unitByCode(agency, 'SKHCN');
  assert.equal((await download(focal, `/api/v1/assignments.xlsx?unit_id=${sokhcn.id}`)).status, 403);
});

test('the list groups by unit, task, directing leader and field: each group is exactly the rows its filter lists', async () => {
  for (const q of [`directive_id=${plan.id}`, 'warning=true', 'as_of=2026-10-31&peer_group=commune']) {
    const list = (await agency.get(`/api/v1/assignments?${q}&limit=1`)).body;
    for (const by of ['unit', 'task', 'directing_leader', 'field']) {
      const r = await agency.get(`/api/v1/assignment-groups?by=${by}&${q}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const g = r.body;
      assert.equal(g.by, by);
      assert.equal(g.total, g.items.length);
      // Every row of the list is in exactly one group, and the groups' sum is the list's.
      assert.equal(g.items.reduce((n, x) => n + x.listed, 0), list.total, `${q} ${by}`);
      assert.equal(g.sum.listed, list.total, `${q} ${by}`);
      assert.deepEqual(g.sum.by_status, sumOf(g.items), `${q} ${by}`);
      assert.equal(new Set(g.items.map((x) => x.key)).size, g.items.length);
      // Worst first: the most overdue, then the most warned.
      for (let i = 1; i < g.items.length; ++i) {
        const [a, b] = [g.items[i - 1], g.items[i]];
        assert.ok(a.by_status.overdue > b.by_status.overdue ||
          (a.by_status.overdue === b.by_status.overdue && a.warnings >= b.warnings), `${q} ${by} order at ${i}`);
      }
      // A group's filter lists exactly its rows (the first two groups and the last: a click opens them).
      for (const x of [g.items[0], g.items[1], g.items.at(-1)].filter(Boolean)) {
        if (x.filter.value === '') continue;  // work without a leader or field has no filter of its own
        const p = new URLSearchParams(q);
        p.set(x.filter.param, x.filter.value);
        p.set('limit', '1000');
        const rows = (await agency.get(`/api/v1/assignments?${p}`)).body;
        assert.equal(rows.total, x.listed, `${q} ${by} ${x.label}`);
        if (rows.items.length < rows.total) continue;  // a group longer than a page: its length is checked
        const counted = rows.items.filter((a) => a.counted);
        assert.equal(counted.length, x.counted, `${q} ${by} ${x.label}`);
        assert.equal(counted.filter((a) => a.status === 'overdue').length, x.by_status.overdue);
      }
    }
  }
  const units = (await agency.get(`/api/v1/dashboard/units?directive_id=${plan.id}`)).body;
  const byUnit = (await agency.get(`/api/v1/assignment-groups?by=unit&directive_id=${plan.id}`)).body;
  // Grouped by unit, the counted rows are the breakdown's: the same figures by another road.
  assert.equal(byUnit.sum.counted, units.sum.assignments);
  assert.deepEqual(byUnit.sum.by_status, units.sum.by_status);
  assert.equal(byUnit.sum.warnings, units.sum.warnings);

  const bad = await agency.get('/api/v1/assignment-groups?by=leader');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'by');
  assert.match(bad.body.error.message, /nhóm được theo đơn vị, nhiệm vụ, lãnh đạo chỉ đạo hoặc lĩnh vực/);
});

test('any list sorts by any column, either way, and its .xlsx in the same order; the groups export as shown', async () => {
  const q = `directive_id=${plan.id}&limit=1000`;
  const collate = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();
  const checks = {
    due: (a, b) => (a.effective_due === null ? b.effective_due === null : b.effective_due === null || a.effective_due <= b.effective_due),
    '-due': (a, b) => (a.effective_due === null ? b.effective_due === null : b.effective_due === null || a.effective_due >= b.effective_due),
    progress: (a, b) => a.progress_percent <= b.progress_percent,
    '-progress': (a, b) => a.progress_percent >= b.progress_percent,
    overdue_days: (a, b) => a.overdue_days <= b.overdue_days,
    unit: (a, b) => collate(a.unit_name) <= collate(b.unit_name),
    '-directing_leader': (a, b) => collate(a.directing_leader) >= collate(b.directing_leader),
  };
  for (const [sort, inOrder] of Object.entries(checks)) {
    const r = await agency.get(`/api/v1/assignments?${q}&sort=${sort}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    for (let i = 1; i < r.body.items.length; ++i) assert.ok(inOrder(r.body.items[i - 1], r.body.items[i]), `${sort} at ${i}`);
  }
  const rank = ['overdue', 'recurring_not_updated', 'due_soon', 'not_started', 'in_progress', 'no_deadline', 'waiting',
    'paused', 'recurring_updated', 'done_late', 'done_on_time', 'cancelled'];
  const byStatus = (await agency.get(`/api/v1/assignments?${q}&sort=status`)).body.items;
  for (let i = 1; i < byStatus.length; ++i) assert.ok(rank.indexOf(byStatus[i - 1].status) <= rank.indexOf(byStatus[i].status));
  // A page of a sorted list is that slice of the whole sorted list.
  const whole = (await agency.get(`/api/v1/assignments?${q}&sort=-progress`)).body.items.map((x) => x.id);
  const page2 = (await agency.get(`/api/v1/assignments?directive_id=${plan.id}&sort=-progress&limit=20&offset=20`)).body.items.map((x) => x.id);
  assert.deepEqual(page2, whole.slice(20, 40));
  const x = sheetRows((await download(agency, `/api/v1/assignments.xlsx?directive_id=${plan.id}&sort=-progress`)).bytes);
  const units = (await agency.get(`/api/v1/assignments?${q}&sort=-progress`)).body.items.map((i) => i.unit_name);
  assert.deepEqual(x.slice(x.findIndex((row) => row[0] === 'TT') + 1).map((row) => row[1]), units);

  const bad = await agency.get('/api/v1/assignments?sort=name');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'sort');
  assert.match(bad.body.error.message, /^Chỉ sắp xếp được theo đơn vị/);

  const groups = (await agency.get(`/api/v1/assignment-groups?by=directing_leader&directive_id=${plan.id}`)).body;
  const g = await download(agency, `/api/v1/assignment-groups.xlsx?by=directing_leader&directive_id=${plan.id}`);
  assert.equal(g.status, 200);
  assert.match(decodeURIComponent(g.disposition), /Nhiệm vụ theo lãnh đạo - Kế hoạch 27-QĐ-BCĐ/);
  const gr = sheetRows(g.bytes);
  const gh = gr.findIndex((row) => row[0] === 'TT');
  assert.deepEqual(gr[gh].slice(0, 5), ['TT', 'Lãnh đạo chỉ đạo', 'Số nhiệm vụ', 'Cảnh báo', 'Quá hạn']);
  const gb = gr.slice(gh + 1);
  assert.equal(gb.length, groups.items.length + 1);
  assert.deepEqual(gb.slice(0, -1).map((row) => row[1]), groups.items.map((i) => i.label || '(chưa ghi)'));
  assert.deepEqual(gb.slice(0, -1).map((row) => row[4]), groups.items.map((i) => i.by_status.overdue));
  assert.equal(gb.at(-1)[2], groups.sum.counted);
  // A focal point's groups are its own subtree's, and another unit is refused.
  const sokhcn = await unitByCode(agency, 'SKHCN');
  assert.equal((await focal.get(`/api/v1/assignment-groups?unit_id=${sokhcn.id}`)).status, 403);
});
