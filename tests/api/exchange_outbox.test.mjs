// Issue 18, item 3: the outbox to upstream systems. Each month, for every assignment whose task implements an
// upstream task, the update its unit reported is laid out by the upstream system's column template (data an
// admin sets; the shipped ones are assumptions) and exported per system; a clerk marks an item "entered
// upstream on …, reference …", or the system's HTTP connector (an event subscription bound to the system:
// allowlist, signature, lease, retries) sends it. States prepared / sent / acknowledged / failed; a changed
// report re-prepares its item. Across kill -9 and two instances nothing is lost and no item is sent twice.
// The upward list of feedback initiatives and product orders for pakn.nq57.vn goes through the same outbox.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, ok, unitByCode, directiveByNumber, CLOCK } from './harness.mjs';
import { makeCa, startReceiver, signatureValid } from './receiver.mjs';

let ca, receiver, server, admin, agency, plan, program, upstream;
const at = (minutes) => new Date(Date.parse(CLOCK) + minutes * 60000).toISOString().replace(/\.\d+Z$/, 'Z');
const args = () => ['--event-allow', `127.0.0.1:${receiver.port}`, '--event-ca', ca.caFile, '--event-timeout-ms', '1500',
  '--scheduler-seconds', '0'];
const PDF = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
const reported = new Map();  // assignment id -> what its unit's submitted report says (every row of it)
const expected = new Map();  // the same, for the assignments of the tasks linked upstream

async function restartAt(clock, { killed = false } = {}) {
  if (!killed) await server.stop({ keep: true });
  server = await startServer({ reuse: server, clock, args: args() });
  admin = await client(server, 'admin');
  agency = await client(server, 'skhcn');
}
const outbox = async (c, query) => (await ok(c.get(`/api/v1/outbox?limit=1000&${query}`), 'outbox')).items;
// A clerk prepares one system's month, as asked: "the December update for Hệ thống 57".
const prepare = async (system = 'nq57', period = '2026-12') => ok(admin.post('/api/v1/outbox/prepare', { period, system }), 'prepare');

// A unit reports on its first `n` assignments of the plan for December, with evidence for the first.
async function report(unitCode, n, progress) {
  const unit = await unitByCode(admin, unitCode);
  const r = await ok(admin.post('/api/v1/reports', { directive_id: plan.id, period: '2026-12', unit_id: unit.id }), 'report');
  const items = r.items.slice(0, n).map((it, k) => ({ assignment_id: it.assignment_id, progress_percent: progress + k,
    work_done: `Đã triển khai bước ${k + 1} (${unitCode})`, output_ref: `Văn bản số ${k + 10}/KH-${unitCode}` }));
  await ok(admin.put(`/api/v1/reports/${r.id}`, { version: r.version, items }), 'edit');
  await ok(admin.call('POST', `/api/v1/reports/${r.id}/evidence?filename=minh-chung-${unitCode}.pdf&assignment_id=${items[0].assignment_id}`, PDF), 'evidence');
  await ok(admin.post(`/api/v1/reports/${r.id}/submit`), 'submit');
  // A report has a row for each of the unit's live assignments, prefilled with its progress: the rows this
  // test did not write are reported too (unchanged), and go upstream when their task is linked.
  const submitted = await ok(admin.get(`/api/v1/reports/${r.id}`), 'submitted');
  for (const it of submitted.items) {
    reported.set(it.assignment_id, { assignment_id: it.assignment_id, progress_percent: it.progress_percent, work_done: it.work_done,
      output_ref: it.output_ref, unit, evidence: it.assignment_id === items[0].assignment_id ? `minh-chung-${unitCode}.pdf` : '' });
  }
  return { id: r.id, items };
}

before(async () => {
  ca = makeCa();
  receiver = await startReceiver(ca);
  server = await startServer({ args: args() });
  admin = await client(server, 'admin');
  agency = await client(server, 'skhcn');
  plan = await directiveByNumber(admin, '27/QĐ-BCĐ');
  // An upstream program (invented, two tasks) and city tasks implementing them.
  program = await ok(admin.post('/api/v1/directives', { number: '98-CTr/THU', kind: 'program', title: 'Chương trình thử (giả định)', issued_on: '2026-01-02', has_plan: true, year: 2026 }), 'program');
  const up = await ok(admin.call('POST', `/api/v1/directives/${program.id}/imports?filename=p.csv&upstream=nq57`,
    'TT,Mã nq57,Tên nhiệm vụ,Chủ trì,Thời hạn\n1,NQ57-THU-01,Việc cấp trên một,Các tỉnh,12/2026\n2,NQ57-THU-02,Việc cấp trên hai,Các tỉnh,12/2026\n'), 'import');
  await ok(admin.post(`/api/v1/imports/${up.id}/confirm`), 'confirm');
  upstream = (await ok(admin.get(`/api/v1/tasks?directive_id=${program.id}`), 'tasks')).items;
  const haian = await report('P-HAIAN', 3, 30);
  const lechan = await report('P-LECHAN', 2, 50);
  const taskOf = async (id) => (await ok(admin.get(`/api/v1/assignments/${id}`), 'a')).task_id;
  const tasks = new Set();
  for (const it of [...haian.items, ...lechan.items]) tasks.add(await taskOf(it.assignment_id));
  let k = 0;
  for (const t of tasks) await ok(admin.put(`/api/v1/tasks/${t}/upstream-links`, { upstream_task_ids: [upstream[k++ % 2].id] }), 'link');
  for (const [id, r] of reported) if (tasks.has(await taskOf(id))) expected.set(id, r);
  assert.ok(haian.items.length === 3 && expected.size >= 5);
});
after(async () => { await server?.stop(); await receiver?.close(); });

test('the shipped templates are assumptions and say so; an admin sets a template as data, checked', async () => {
  const templates = (await ok(agency.get('/api/v1/outbox-templates'), 'templates')).items;
  const nq57 = templates.find((t) => t.system === 'nq57');
  assert.equal(nq57.assumed, true);
  assert.match(nq57.note, /Giả định/);
  assert.ok(templates.some((t) => t.system === 'pakn.nq57.vn' && t.assumed));
  // The fields a column may take are listed, so a form offers exactly those.
  const { fields } = await ok(agency.get('/api/v1/outbox-templates'), 'templates');
  assert.ok(['upstream_code', 'status', 'progress_percent', 'title', 'received_on'].every((f) => fields.includes(f)));
  assert.ok(templates.every((t) => t.columns.every((c) => fields.includes(c.field))));
  // A refusal names where it is, so a form marks that input.
  for (const [body, field] of [[{ columns: [] }, 'columns'], [{ columns: [{ field: 'khong_co', header: 'X' }] }, 'columns[0].field'],
    [{ columns: [{ field: 'status', header: 'A' }, { field: 'status', header: 'B' }] }, 'columns[1].field'],
    [{ columns: [{ field: 'status', header: 'A' }, { field: 'period', header: ' ' }] }, 'columns[1].header'],
    [{ columns: [{ field: 'status', header: 'A' }], status_map: { late: 'Trễ' } }, 'status_map']]) {
    const r = await admin.put('/api/v1/outbox-templates/nq57', body);
    assert.equal(r.status, 400, field);
    assert.equal(r.body.error.field, field);
  }
  assert.equal((await agency.put('/api/v1/outbox-templates/nq57', { columns: [{ field: 'status', header: 'A' }] })).status, 403);
  assert.equal((await admin.put('/api/v1/outbox-templates/khong-co', { columns: [{ field: 'status', header: 'A' }] })).status, 404);
  // The admin's own layout: its order, its words for statuses.
  const set = await ok(admin.put('/api/v1/outbox-templates/nq57', { note: 'Theo màn hình cập nhật (giả định)', assumed: true, columns: [
    { field: 'upstream_code', header: 'Mã nhiệm vụ' }, { field: 'unit_name', header: 'Đơn vị' }, { field: 'status', header: 'Tình trạng' },
    { field: 'progress_percent', header: 'Tiến độ (%)' }, { field: 'work_done', header: 'Kết quả' }, { field: 'outputs', header: 'Văn bản, sản phẩm' },
    { field: 'evidence', header: 'Minh chứng' }, { field: 'period', header: 'Kỳ' }],
  status_map: { overdue: 'Chậm', in_progress: 'Đang thực hiện', due_soon: 'Đang thực hiện', not_started: 'Chưa thực hiện', done_on_time: 'Hoàn thành', done_late: 'Hoàn thành chậm' } }), 'set');
  assert.deepEqual(set.columns.map((c) => c.field), ['upstream_code', 'unit_name', 'status', 'progress_percent', 'work_done', 'outputs', 'evidence', 'period']);
});

test('the month is prepared once from the units\' reports, exported by the template and marked entered upstream', async () => {
  for (const [body, field] of [[{ period: '2026-12', system: 'khong-co' }, 'system'], [{ period: '2026-Q4', system: 'nq57' }, 'period']]) {
    const r = await admin.post('/api/v1/outbox/prepare', body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.body.error.field, field);
  }
  const p = await prepare();
  assert.deepEqual([p.system, p.period], ['nq57', '2026-12']);
  assert.equal(p.items, expected.size);
  assert.equal(p.changed, expected.size);
  assert.equal(p.queued, 0);
  // Hệ thống 57's month only: the demo's initiatives for pakn.nq57.vn are not prepared with it.
  assert.equal((await outbox(agency, 'system=pakn.nq57.vn')).length, 0);
  assert.equal((await prepare()).changed, 0, 'nothing changed: nothing re-prepared');
  const items = await outbox(agency, 'system=nq57&period=2026-12');
  assert.equal(items.length, expected.size);
  for (const it of items) {
    const r = expected.get(it.ref_id);
    assert.ok(r, `item for an assignment nobody reported: ${it.ref_id}`);
    assert.equal(it.state, 'prepared');
    assert.equal(it.kind, 'assignment_update');
    const v = Object.fromEntries(it.columns.map((c) => [c.field, c.value]));
    assert.match(v.upstream_code, /^NQ57-THU-0[12]$/);
    assert.equal(v.unit_name, r.unit.name);
    assert.equal(v.progress_percent, String(r.progress_percent));
    assert.equal(v.work_done, r.work_done);
    assert.equal(v.outputs, r.output_ref);
    assert.equal(v.evidence, r.evidence);
    assert.equal(v.period, '2026-12');
    const status = (await ok(admin.get(`/api/v1/assignments/${it.ref_id}`), 'a')).status;
    const words = { overdue: 'Chậm', in_progress: 'Đang thực hiện', due_soon: 'Đang thực hiện', not_started: 'Chưa thực hiện', done_on_time: 'Hoàn thành', done_late: 'Hoàn thành chậm' };
    if (words[status]) assert.equal(v.status, words[status]);
  }
  // The export, in JSON, CSV and .xlsx, says the same, column for column in the template's order.
  const json = await ok(agency.get('/api/v1/outbox/export?system=nq57&period=2026-12'), 'export');
  assert.equal(json.items.length, items.length);
  const csv = await agency.call('GET', '/api/v1/outbox/export?system=nq57&period=2026-12&format=csv');
  assert.equal(csv.status, 200);
  const text = typeof csv.body === 'string' ? csv.body : new TextDecoder().decode(csv.bytes ?? csv.body);
  const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n').map(parseCsvLine);
  assert.deepEqual(lines[0], ['Mã nhiệm vụ', 'Đơn vị', 'Tình trạng', 'Tiến độ (%)', 'Kết quả', 'Văn bản, sản phẩm', 'Minh chứng', 'Kỳ', 'Số mục hộp thư đi', 'Trạng thái gửi']);
  const fields = ['upstream_code', 'unit_name', 'status', 'progress_percent', 'work_done', 'outputs', 'evidence', 'period', 'item_id', 'state'];
  assert.equal(lines.length - 1, json.items.length);
  lines.slice(1).forEach((cells, i) => fields.forEach((f, k) => assert.equal(cells[k], String(json.items[i][f]), `${f} row ${i}`)));
  const xlsx = await agency.call('GET', '/api/v1/outbox/export?system=nq57&period=2026-12&format=xlsx');
  assert.equal(xlsx.status, 200);

  // A clerk enters one upstream by hand: day and reference; it is not entered twice; upstream confirms it.
  const first = items[0];
  for (const [body, field] of [[{ reference: 'X' }, 'entered_on'], [{ entered_on: '2026-12-30', reference: 'X' }, 'entered_on'], [{ entered_on: '2026-11-24' }, 'reference']]) {
    const r = await agency.post(`/api/v1/outbox/${first.id}/entered`, body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.body.error.field, field);
  }
  assert.equal((await agency.post(`/api/v1/outbox/${first.id}/acknowledged`, {})).status, 409, 'not yet entered');
  const entered = await ok(agency.post(`/api/v1/outbox/${first.id}/entered`, { entered_on: '2026-11-24', reference: 'HT57-2026-000123' }), 'entered');
  assert.deepEqual([entered.state, entered.channel, entered.entered_on, entered.external_ref], ['sent', 'manual', '2026-11-24', 'HT57-2026-000123']);
  assert.equal((await agency.post(`/api/v1/outbox/${first.id}/entered`, { entered_on: '2026-11-24', reference: 'again' })).status, 409);
  const acked = await ok(agency.post(`/api/v1/outbox/${first.id}/acknowledged`, {}), 'ack');
  assert.deepEqual([acked.state, acked.external_ref], ['acknowledged', 'HT57-2026-000123']);
  assert.deepEqual((await outbox(agency, 'system=nq57&state=acknowledged')).map((i) => i.id), [first.id]);
  const audit = (await ok(admin.get(`/api/v1/audit?entity=outbox_item&entity_id=${first.id}`), 'audit')).items.map((e) => e.action);
  assert.deepEqual(audit.sort(), ['acknowledged', 'entered']);
  // Preparing again keeps the marks of what did not change.
  await prepare();
  assert.equal((await ok(agency.get(`/api/v1/outbox/${first.id}`), 'item')).state, 'acknowledged');
});

test('feedback initiatives and product orders go up to pakn.nq57.vn through the same outbox', async () => {
  const sent = [];
  for (const [kind, contact] of [['sang_kien', '0912000001'], ['dat_hang', '0912000002'], ['phan_anh', '0912000003']]) {
    const r = await admin.call('POST', '/api/v1/public/feedback', { kind, field: 'Chuyển đổi số', title: `Đề xuất ${kind}`,
      // The sender's words may carry a phone number: it never goes up.
      text: `Nội dung ${kind}, xin gọi lại số 0987 111 222`, sender_type: 'nguoi_dan', name: 'Người gửi', contact, consent: true });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    sent.push([kind, r.body.code]);
  }
  // Each goes up in the month it was received (the tests' clock: November); a complaint does not go up.
  assert.equal((await prepare('pakn.nq57.vn', '2026-12')).items, 0, 'nothing received in December');
  const p = await prepare('pakn.nq57.vn', '2026-11');
  const november = await outbox(agency, 'system=pakn.nq57.vn&period=2026-11');
  assert.equal(p.items, november.length);
  assert.equal((await outbox(agency, 'system=pakn.nq57.vn')).length, november.length);
  assert.ok(november.every((i) => i.kind === 'feedback_item'));
  // The demo's own initiatives of November are in the list too: only what this test sent is compared.
  const codes = new Set(sent.map(([, c]) => c));
  const items = november.filter((i) => codes.has(i.upstream_code));
  assert.deepEqual(items.map((i) => i.upstream_code).sort(), sent.filter(([k]) => k !== 'phan_anh').map(([, c]) => c).sort());
  const v = Object.fromEntries(items.find((i) => i.upstream_code === sent[0][1]).columns.map((c) => [c.header, c.value]));
  assert.equal(v['Loại'], 'Sáng kiến');
  assert.equal(v['Tên'], 'Đề xuất sang_kien');
  for (const i of items) {
    const text = JSON.stringify(i.columns);
    assert.ok(!text.includes('0987 111 222') && !text.includes('Người gửi'), 'no contact or name in the upward list');
    assert.match(text, /\[đã ẩn\]/);
  }
  const marked = await ok(agency.post(`/api/v1/outbox/${items[0].id}/entered`, { entered_on: '2026-11-24', reference: 'PAKN-77' }), 'mark');
  assert.equal(marked.state, 'sent');
});

test('a changed report puts its item back to prepared, with a new version', async () => {
  const [item] = (await outbox(agency, 'system=nq57&state=acknowledged'));
  const a = await ok(admin.get(`/api/v1/assignments/${item.ref_id}`), 'a');
  const r = (await ok(admin.get(`/api/v1/reports?unit_id=${a.unit_id}&directive_id=${plan.id}&period=2026-12`), 'reports')).items[0];
  // The unit's head (here the admin) returns the submitted report to be completed.
  await ok(admin.post(`/api/v1/reports/${r.id}/return`, { reason: 'Bổ sung kết quả' }), 'return');
  const draft = await ok(admin.get(`/api/v1/reports/${r.id}`), 'draft');
  const items = draft.items.filter((i) => reported.has(i.assignment_id)).map((i) => ({ ...reported.get(i.assignment_id), unit: undefined, evidence: undefined }));
  items.find((i) => i.assignment_id === item.ref_id).work_done = 'Đã hoàn thiện dự thảo, trình ký';
  await ok(admin.put(`/api/v1/reports/${r.id}`, { version: draft.version, items: items.map(({ unit, evidence, ...rest }) => rest) }), 'edit');
  await ok(admin.post(`/api/v1/reports/${r.id}/submit`), 'resubmit');
  const p = await prepare();
  assert.equal(p.changed, 1);
  const again = await ok(agency.get(`/api/v1/outbox/${item.id}`), 'item');
  assert.deepEqual([again.state, again.version, again.external_ref, again.entered_on], ['prepared', 2, '', null]);
  assert.equal(again.columns.find((c) => c.field === 'work_done').value, 'Đã hoàn thiện dự thảo, trình ký');
});

test('the HTTP connector sends each item once across kill -9 and two instances; none is lost', async () => {
  const bad = await admin.post('/api/v1/event-subscriptions', { name: 'Sai', url: 'https://10.0.0.1/h', outbox_system: 'nq57' });
  assert.equal(bad.status, 400);
  const connector = await ok(admin.post('/api/v1/event-subscriptions', { name: 'Kết nối Hệ thống 57 (thử)', url: receiver.url('/nq57'), outbox_system: 'nq57' }), 'connector');
  assert.equal(connector.outbox_system, 'nq57');
  const listed = (await ok(admin.get('/api/v1/event-subscriptions'), 'subscriptions')).items;
  assert.equal(listed.find((x) => x.id === connector.id).outbox_system, 'nq57', 'the list says which system a connector serves');
  // Entered by hand already: not sent again. The rest are queued once.
  const waiting = (await outbox(agency, 'system=nq57&state=prepared')).map((i) => i.id);
  const p = await prepare();
  assert.equal(p.queued, waiting.length);
  assert.equal((await prepare()).queued, 0);
  // The first request hangs and the server is killed in the middle of it.
  receiver.mode = 'hang';
  const seen = receiver.nextRequest();
  admin.post('/api/v1/event-deliveries/run').catch(() => {});
  await seen;
  await server.stop({ keep: true, signal: 'SIGKILL' });
  await restartAt(at(3), { killed: true });
  receiver.mode = 'ok';
  receiver.delayMs = 20;
  const second = await startServer({ reuse: server, clock: at(3), args: args() });
  const other = await client(second, 'admin');
  for (let pass = 0; pass < 20; pass++) {
    const [x, y] = await Promise.all([ok(admin.post('/api/v1/event-deliveries/run'), 'run'), ok(other.post('/api/v1/event-deliveries/run'), 'run')]);
    if (x.sent + y.sent === 0 && pass > 0) break;
  }
  // The killed one waits for its lease; after it, it goes again under its id.
  await second.stop({ keep: true });
  await restartAt(at(5));
  for (let pass = 0; pass < 5 && (await ok(admin.post('/api/v1/event-deliveries/run'), 'run')).sent > 0; pass++);
  const items = await outbox(agency, 'system=nq57');
  const byId = new Map(items.map((i) => [i.id, i]));
  for (const id of waiting) {
    const it = byId.get(id);
    assert.deepEqual([it.state, it.channel], ['sent', 'http'], `item ${id}`);
    const d = await ok(admin.get(`/api/v1/event-deliveries/${it.delivery_id}`), 'delivery');
    assert.equal(d.log.filter((l) => l.outcome === 'sent').length, 1, `item ${id} recorded sent once`);
  }
  const got = receiver.requests.filter((r) => r.path === '/nq57');
  for (const r of got) assert.ok(signatureValid(r, connector.secret));
  const received = new Map();  // item -> event ids
  for (const r of got) {
    const body = JSON.parse(r.body);
    assert.equal(body.type, 'outbox_item');
    const ids = received.get(body.data.item_id) ?? new Set();
    ids.add(r.headers['x-tiendo-event-id']);
    received.set(body.data.item_id, ids);
  }
  assert.deepEqual([...received.keys()].sort((a, b) => a - b), [...waiting].sort((a, b) => a - b), 'every waiting item arrived, no other');
  for (const [id, ids] of received) assert.equal(ids.size, 1, `item ${id} went out under one event id`);
  // What the connector sent is not entered by hand again; upstream confirms it.
  assert.equal((await agency.post(`/api/v1/outbox/${waiting[0]}/entered`, { entered_on: '2026-11-24', reference: 'X' })).status, 409);
  assert.equal((await ok(agency.post(`/api/v1/outbox/${waiting[0]}/acknowledged`, { reference: 'HT57-ACK-1' }), 'ack')).state, 'acknowledged');
});

function parseCsvLine(line) {
  const out = [];
  let cur = '', quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (ch === '"') quoted = false; else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out;
}
