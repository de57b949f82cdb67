// Decisions apply once, whatever arrives at the same moment: 20–40 simultaneous requests, exactly one
// applies and the others get 409 (or, with one Idempotency-Key, the stored answer). Run on SQLite and on
// PostgreSQL, where writers really run in parallel.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, clients, unitByCode, directiveByNumber } from './harness.mjs';

let server, skhcn, haian, head, lechan, lanhdao, plan;
before(async () => {
  server = await startServer();
  [skhcn, haian, head, lechan, lanhdao] = await clients(server, 'skhcn', 'haian', 'haian.truong', 'lechan', 'lanhdao');
  plan = await directiveByNumber(skhcn, '27/QĐ-BCĐ');
});
after(async () => { await server?.stop(); });

const all = (n, f) => Promise.all(Array.from({ length: n }, (_, i) => f(i)));
function tally(results) {
  const by = {};
  for (const r of results) by[r.status] = (by[r.status] ?? 0) + 1;
  return by;
}
function exactlyOne(results, okStatus, what) {
  const t = tally(results);
  assert.equal(t[okStatus], 1, `${what}: exactly one applies, got ${JSON.stringify(t)}`);
  assert.equal(t[409], results.length - 1, `${what}: the others are 409, got ${JSON.stringify(t)}`);
  for (const r of results.filter((x) => x.status === 409)) {
    assert.ok(r.body.error.message.length > 0);
    assert.match(r.body.error.message, /[ạảãàáâậầấẩẫăặằắẳẵđêệềếểễôộồốổỗơợờớởỡưựừứửữíìịỉĩ]/i, 'a Vietnamese message');
  }
}
async function auditCount(entity, id, action) {
  const h = await skhcn.get(`/api/v1/audit?entity=${entity}&entity_id=${id}&limit=200`);
  return h.body.items.filter((e) => e.action === action).length;
}
async function openAssignment(code) {
  const unit = await unitByCode(skhcn, code);
  const r = await skhcn.get(`/api/v1/assignments?unit_id=${unit.id}&status=overdue,in_progress,not_started,due_soon&limit=100`);
  const open = r.body.items.filter((a) => a.deadline_kind !== 'recurring' && a.original_due && a.original_due < '2031-01-01');
  assert.ok(open.length >= 2, `${code} has open assignments with a deadline`);
  return open;
}

test('20 simultaneous extension requests for one assignment: one is pending, the database refuses the rest', async () => {
  const [a] = await openAssignment('P-HAIAN');
  const results = await all(20, (i) => haian.post('/api/v1/extension-requests',
    { assignment_id: a.id, requested_due: `2032-0${1 + (i % 9)}-28`, reason: `Đề nghị số ${i}` }));
  exactlyOne(results, 201, 'extension requests');
  const pending = (await skhcn.get('/api/v1/extension-requests?state=pending')).body.items.filter((e) => e.assignment_id === a.id);
  assert.equal(pending.length, 1);
  for (const r of results.filter((x) => x.status === 409)) assert.equal(r.body.error.field, 'assignment_id');
});

test('20 simultaneous decisions on one extension (approvals and refusals): exactly one applies', async () => {
  const pending = new Set((await skhcn.get('/api/v1/extension-requests?state=pending')).body.items.map((e) => e.assignment_id));
  const a = (await openAssignment('P-HAIAN')).find((x) => !pending.has(x.id));
  const asked = await haian.post('/api/v1/extension-requests', { assignment_id: a.id, requested_due: '2032-06-30', reason: 'Chờ kinh phí' });
  assert.equal(asked.status, 201, JSON.stringify(asked.body));
  const results = await all(20, (i) => (i % 2
    ? skhcn.post(`/api/v1/extension-requests/${asked.body.id}/refuse`, { reason: `Không đủ căn cứ ${i}` })
    : skhcn.post(`/api/v1/extension-requests/${asked.body.id}/approve`)));
  exactlyOne(results, 200, 'extension decisions');
  const decided = results.find((r) => r.status === 200).body.state;
  const e = (await skhcn.get('/api/v1/extension-requests')).body.items.find((x) => x.id === asked.body.id);
  assert.equal(e.state, decided);
  assert.equal(await auditCount('extension', asked.body.id, 'approve') + await auditCount('extension', asked.body.id, 'refuse'), 1);
  // After the decision a new request may wait again: the index allows one pending at a time, not one ever.
  const again = await haian.post('/api/v1/extension-requests', { assignment_id: a.id, requested_due: '2032-09-30', reason: 'Lần hai' });
  assert.equal(again.status, 201, JSON.stringify(again.body));
});

test('20 simultaneous closings of one overdue review, answers to one explanation and to one escalation', async () => {
  const [a] = await openAssignment('P-LECHAN');
  // Judged as of 2031-06-30 the work is overdue; the review is filed then.
  const review = await lechan.post('/api/v1/overdue-reviews?as_of=2031-06-30', { assignment_id: a.id, cause: 'Thiếu kinh phí',
    responsible_unit: 'Phòng Kinh tế', remedy: 'Bổ sung dự toán', new_due: '2032-06-30' });
  assert.equal(review.status, 201, JSON.stringify(review.body));
  exactlyOne(await all(20, () => skhcn.post(`/api/v1/overdue-reviews/${review.body.id}/close`)), 200, 'review closings');
  assert.equal(await auditCount('overdue_review', review.body.id, 'close'), 1);

  const asked = await lanhdao.post('/api/v1/explanation-requests', { assignment_id: a.id, question: 'Vì sao chậm?', due_on: '2026-12-05' });
  assert.equal(asked.status, 201);
  const answers = await all(20, (i) => lechan.post(`/api/v1/explanation-requests/${asked.body.id}/answer`, { answer: `Giải trình số ${i}` }));
  exactlyOne(answers, 200, 'explanation answers');
  const kept = (await lechan.get('/api/v1/explanation-requests?answered=true')).body.items.find((x) => x.id === asked.body.id);
  assert.equal(kept.answer, answers.find((r) => r.status === 200).body.answer, 'the stored answer is the one that applied');

  const e = (await skhcn.get('/api/v1/escalations?answered=false')).body.items[0];
  assert.ok(e, 'the demo has an escalation to answer');
  const esc = await all(20, (i) => skhcn.post(`/api/v1/escalations/${e.report_id}/${e.assignment_id}/answer`, { answer: `Trả lời ${i}` }));
  exactlyOne(esc, 200, 'escalation answers');
  const answered = (await skhcn.get('/api/v1/escalations?answered=true')).body.items
    .find((x) => x.report_id === e.report_id && x.assignment_id === e.assignment_id);
  assert.equal(answered.answer, esc.find((r) => r.status === 200).body.answer);
});

test('a report: 40 simultaneous edits of one version, then 20 approvals and 20 acceptances — one of each applies', async () => {
  const created = await haian.post('/api/v1/reports', { directive_id: plan.id, period: '2026-12' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  const noVersion = await haian.put(`/api/v1/reports/${id}`, { summary: 'không có phiên bản' });
  assert.equal(noVersion.status, 400);
  assert.equal(noVersion.body.error.field, 'version');
  assert.match(noVersion.body.error.message, /bắt buộc/);

  const item = created.body.items[0].assignment_id;
  const edits = await all(40, (i) => haian.put(`/api/v1/reports/${id}`,
    { version: created.body.version, summary: `Bản ${i}`, items: [{ assignment_id: item, progress_percent: i + 1 }] }));
  exactlyOne(edits, 200, 'report edits');
  const winner = edits.find((r) => r.status === 200).body;
  const stored = (await haian.get(`/api/v1/reports/${id}`)).body;
  assert.equal(stored.summary, winner.summary);
  assert.equal(stored.version, created.body.version + 1);
  assert.equal(await auditCount('report', id, 'edit'), 1);

  assert.equal((await haian.post(`/api/v1/reports/${id}/submit`)).status, 200);
  exactlyOne(await all(20, () => head.post(`/api/v1/reports/${id}/approve`)), 200, 'approvals');
  exactlyOne(await all(20, () => skhcn.post(`/api/v1/reports/${id}/accept`)), 200, 'acceptances');
  assert.equal(await auditCount('report', id, 'approve'), 1);
  assert.equal(await auditCount('report', id, 'accept'), 1);
});

test('30 simultaneous retries with one Idempotency-Key: one write, every retry gets the stored answer', async () => {
  const [a] = await openAssignment('P-LECHAN');
  const key = `retry-${Date.now()}`;
  const body = { assignment_id: a.id, question: 'Đề nghị báo cáo tiến độ', due_on: '2026-12-10' };
  const results = await all(30, () => lanhdao.call('POST', '/api/v1/explanation-requests', body, { 'Idempotency-Key': key }));
  const t = tally(results);
  assert.equal(t[201], 30, `every retry gets the first answer, got ${JSON.stringify(t)}`);
  const ids = new Set(results.map((r) => r.body.id));
  assert.equal(ids.size, 1, 'one answer for all');
  assert.equal(results.filter((r) => r.headers.get('idempotent-replayed') === 'true').length, 29);
  const made = (await lanhdao.get('/api/v1/explanation-requests?answered=false')).body.items.filter((x) => x.question === body.question);
  assert.equal(made.length, 1, 'the write happened once');
  // The same key with another body is refused, even now.
  const other = await lanhdao.call('POST', '/api/v1/explanation-requests', { ...body, question: 'khác' }, { 'Idempotency-Key': key });
  assert.equal(other.status, 422);
});

test('after every storm above the audit chain is still one line', async () => {
  const admin = await client(server, 'admin');
  const v = await admin.get('/api/v1/audit/verify');
  assert.equal(v.status, 200, JSON.stringify(v.body));
  assert.equal(v.body.ok, true, JSON.stringify(v.body));
});
