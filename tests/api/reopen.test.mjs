// Issue 14, item 1: an accepted report is never reopened by an edit. The focal point asks with a reason, the
// standing agency is notified and decides; granted, the report is a draft again with its history and first
// submission kept; refused, it stays accepted. Every step is audited, and the review page, the dashboard and
// the synthesis document count the report the same way at the same moment.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, clients, unitByCode, directiveByNumber } from './harness.mjs';

let server, skhcn, haian, head, lechan, plan, haianUnit;
before(async () => {
  server = await startServer();
  [skhcn, haian, head, lechan] = await clients(server, 'skhcn', 'haian', 'haian.truong', 'lechan');
  plan = await directiveByNumber(skhcn, '27/QĐ-BCĐ');
  haianUnit = await unitByCode(skhcn, 'P-HAIAN');
});
after(async () => { await server?.stop(); });

// What each reader says of November at this moment: the review page (obligations), the dashboard, the document.
async function counts() {
  const obl = (await skhcn.get(`/api/v1/report-obligations?directive_id=${plan.id}&period=2026-11&limit=1000`)).body;
  const dash = (await skhcn.get(`/api/v1/dashboard?directive_id=${plan.id}`)).body.reports.find((r) => r.directive_id === plan.id);
  const doc = (await skhcn.get(`/api/v1/directives/${plan.id}/synthesis?period=2026-11`)).body;
  return {
    review: obl.summary.on_time + (obl.summary.late ?? 0),
    reviewOnTime: obl.summary.on_time,
    expected: obl.summary.expected,
    state: obl.items.find((o) => o.unit_id === haianUnit.id).state,
    dashboard: dash.summary.on_time + dash.summary.late,
    dashboardExpected: dash.summary.expected,
    document: doc.headline.completeness.numerator,
    documentOnTime: doc.headline.timeliness.numerator,
    documentExpected: doc.headline.completeness.denominator,
    readLine: doc.data_read_line,
  };
}

function agree(c) {
  assert.equal(c.dashboard, c.review, 'dashboard and review page');
  assert.equal(c.document, c.review, 'document and review page');
  assert.equal(c.documentOnTime, c.reviewOnTime);
  assert.equal(c.dashboardExpected, c.expected);
  assert.equal(c.documentExpected, c.expected);
}

test('an accepted report is reopened only by the standing agency, on a request with a reason', async () => {
  const created = await haian.post('/api/v1/reports', { directive_id: plan.id, period: '2026-11' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  assert.equal(created.body.reopen_request, null);
  for (const [who, step] of [[haian, 'submit'], [head, 'approve'], [skhcn, 'accept']])
    assert.equal((await who.post(`/api/v1/reports/${id}/${step}`)).status, 200, step);
  const accepted = (await haian.get(`/api/v1/reports/${id}`)).body;
  assert.equal(accepted.state, 'accepted');
  const first = accepted.first_submitted_at;
  const atAccept = await counts();
  assert.equal(atAccept.state, 'accepted');
  agree(atAccept);
  assert.match(atAccept.readLine, /lúc \d{1,2}:\d{2}/, 'the document says when its data was read');

  // No silent reopening: an edit is refused and says what to do.
  const edit = await haian.put(`/api/v1/reports/${id}`, { version: accepted.version, summary: 'Sửa số liệu' });
  assert.equal(edit.status, 409);
  assert.equal(edit.body.error.field, 'state');
  assert.match(edit.body.error.message, /đề nghị mở lại/);
  assert.equal((await haian.get(`/api/v1/reports/${id}`)).body.state, 'accepted');

  // The request: a reason is required; another unit cannot see the report; a unit head cannot ask.
  const noReason = await haian.post(`/api/v1/reports/${id}/reopen-requests`, {});
  assert.equal(noReason.status, 400);
  assert.equal(noReason.body.error.field, 'reason');
  assert.match(noReason.body.error.message, /Lý do/);
  assert.equal((await lechan.post(`/api/v1/reports/${id}/reopen-requests`, { reason: 'x' })).status, 404);
  assert.equal((await head.post(`/api/v1/reports/${id}/reopen-requests`, { reason: 'x' })).status, 403);
  const stale = await haian.post(`/api/v1/reports/${id}/reopen-requests`, { reason: 'x', version: accepted.version - 1 });
  assert.equal(stale.status, 409);
  assert.equal(stale.body.error.field, 'version');

  const asked = await haian.post(`/api/v1/reports/${id}/reopen-requests`, { reason: 'Số liệu chỉ tiêu 1 nhập nhầm', version: accepted.version });
  assert.equal(asked.status, 201, JSON.stringify(asked.body));
  assert.equal(asked.body.state, 'pending');
  assert.equal(asked.body.report_id, id);
  assert.equal(asked.body.directive_number, '27/QĐ-BCĐ');
  const twice = await haian.post(`/api/v1/reports/${id}/reopen-requests`, { reason: 'Lần nữa' });
  assert.equal(twice.status, 409);

  // The standing agency is notified, in the bell with the unit, the period in words and the plan.
  const bell = (await skhcn.get('/api/v1/notifications?limit=50')).body.items.find((n) => n.kind === 'reopen_requested');
  assert.ok(bell, 'the standing agency has a notice');
  assert.match(bell.title, /tháng 11\/2026/);
  assert.match(bell.title, /Hải An/);
  assert.match(bell.body, /27\/QĐ-BCĐ/);
  assert.equal(bell.link, `#/report/${id}`);
  const pending = (await skhcn.get('/api/v1/reopen-requests?state=pending')).body;
  assert.ok(pending.items.some((q) => q.id === asked.body.id));
  assert.equal((await lechan.get('/api/v1/reopen-requests')).body.items.length, 0, 'another unit sees none');
  assert.equal((await skhcn.get('/api/v1/reopen-requests?state=nope')).status, 400);
  const waiting = (await haian.get(`/api/v1/reports/${id}`)).body;
  assert.equal(waiting.state, 'accepted', 'a pending request changes nothing yet');
  assert.equal(waiting.reopen_request.state, 'pending');
  agree(await counts());

  // Refused (a reason is required): the report stays accepted and the focal point is told why.
  assert.equal((await haian.post(`/api/v1/reopen-requests/${asked.body.id}/refuse`, { note: 'x' })).status, 403);
  const noNote = await skhcn.post(`/api/v1/reopen-requests/${asked.body.id}/refuse`, {});
  assert.equal(noNote.status, 400);
  assert.equal(noNote.body.error.field, 'note');
  const refused = await skhcn.post(`/api/v1/reopen-requests/${asked.body.id}/refuse`, { note: 'Đã tổng hợp vào báo cáo tháng' });
  assert.equal(refused.status, 200, JSON.stringify(refused.body));
  assert.equal(refused.body.state, 'refused');
  assert.equal(refused.body.report_state, 'accepted');
  assert.equal((await skhcn.post(`/api/v1/reopen-requests/${asked.body.id}/grant`, {})).status, 409, 'decided once');
  const told = (await haian.get('/api/v1/notifications?limit=50')).body.items.find((n) => n.kind === 'reopen_refused');
  assert.ok(told);
  assert.match(told.body, /Đã tổng hợp vào báo cáo tháng/);
  assert.equal((await haian.get(`/api/v1/reports/${id}`)).body.state, 'accepted');

  // Asked again and granted: a draft again, the first submission kept (R4), counted as received everywhere.
  const again = await haian.post(`/api/v1/reports/${id}/reopen-requests`, { reason: 'Bổ sung minh chứng' });
  assert.equal(again.status, 201);
  const granted = await skhcn.post(`/api/v1/reopen-requests/${again.body.id}/grant`, { note: 'Đồng ý' });
  assert.equal(granted.status, 200, JSON.stringify(granted.body));
  assert.equal(granted.body.state, 'granted');
  assert.equal(granted.body.report_state, 'draft');
  assert.equal(granted.body.decided_by_name.length > 0, true);
  const draft = (await haian.get(`/api/v1/reports/${id}`)).body;
  assert.equal(draft.state, 'draft');
  assert.equal(draft.reopened_count, 1);
  assert.equal(draft.first_submitted_at, first);
  assert.equal(draft.reopen_request.state, 'granted');
  assert.ok((await haian.get('/api/v1/notifications?limit=50')).body.items.some((n) => n.kind === 'reopen_granted'));
  const atGrant = await counts();
  assert.equal(atGrant.state, 'draft');
  agree(atGrant);
  assert.equal(atGrant.review, atAccept.review, 'a reopened report is still received');
  const fixed = await haian.put(`/api/v1/reports/${id}`, { version: draft.version, summary: 'Đã sửa' });
  assert.equal(fixed.status, 200, JSON.stringify(fixed.body));

  // Audited: the report's reopening, and the requests' own steps with who decided.
  const reportLog = (await skhcn.get(`/api/v1/audit?entity=report&entity_id=${id}&limit=50`)).body.items.map((e) => e.action).reverse();
  assert.deepEqual(reportLog, ['create', 'submit', 'approve', 'accept', 'reopen', 'edit']);
  const log = [];
  for (const q of [asked.body.id, again.body.id])
    log.push(...(await skhcn.get(`/api/v1/audit?entity=reopen_request&entity_id=${q}&limit=50`)).body.items.map((e) => `${e.action}:${e.username}`).reverse());
  assert.deepEqual(log, ['request:haian', 'refuse:skhcn', 'request:haian', 'grant:skhcn']);
  assert.equal((await skhcn.get('/api/v1/audit/verify')).body.ok, true);
});

test('only an accepted report can be asked to reopen, and a request not in scope is not found', async () => {
  const created = await haian.post('/api/v1/reports', { directive_id: plan.id, period: '2026-12' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const r = await haian.post(`/api/v1/reports/${created.body.id}/reopen-requests`, { reason: 'Sửa' });
  assert.equal(r.status, 409);
  assert.equal(r.body.error.field, 'state');
  assert.equal((await skhcn.post('/api/v1/reopen-requests/999999/grant', {})).status, 404);
});
