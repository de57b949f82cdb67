// Issue 14, item 11: the standing agency's queue acts on several reports at once (one transaction per report,
// each answering for itself), reviewers comment when approving, accepting or returning, and a unit head
// delegates approval to a deputy for a range of days — the deputy's approval is signed "KT." for the head.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, clients, directiveByNumber } from './harness.mjs';

let server, skhcn, haian, head, lechan, deputy, lechanHead, plan;
before(async () => {
  server = await startServer();
  [skhcn, haian, head, lechan, lechanHead, deputy] =
    await clients(server, 'skhcn', 'haian', 'haian.truong', 'lechan', 'lechan.truong', 'xem');
  plan = await directiveByNumber(skhcn, '27/QĐ-BCĐ');
});
after(async () => { await server?.stop(); });

async function submitted(who, period) {
  const r = await who.post('/api/v1/reports', { directive_id: plan.id, period });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal((await who.post(`/api/v1/reports/${r.body.id}/submit`)).status, 200);
  return r.body.id;
}

test('several reports accepted at once: each in its own transaction, each with its own answer', async () => {
  const mine = await submitted(haian, '2026-11');
  const other = await submitted(lechan, '2026-11');
  const approved = await head.post(`/api/v1/reports/${mine}/approve`, { comment: 'Đồng ý, đề nghị Sở tiếp nhận' });
  assert.equal(approved.status, 200, JSON.stringify(approved.body));

  const noReason = await skhcn.post('/api/v1/reports/review-batch', { action: 'return', report_ids: [mine] });
  assert.equal(noReason.status, 400);
  assert.equal(noReason.body.error.field, 'reason');
  assert.equal((await skhcn.get(`/api/v1/reports/${mine}`)).body.state, 'approved', 'nothing touched');
  assert.equal((await skhcn.post('/api/v1/reports/review-batch', { action: 'delete', report_ids: [mine] })).body.error.field, 'action');
  assert.equal((await skhcn.post('/api/v1/reports/review-batch', { action: 'accept', report_ids: [] })).body.error.field, 'report_ids');
  assert.equal((await head.post('/api/v1/reports/review-batch', { action: 'accept', report_ids: [mine] })).status, 403);

  const batch = await skhcn.post('/api/v1/reports/review-batch', { action: 'accept', report_ids: [mine, other, 999999], comment: 'Đã tổng hợp' });
  assert.equal(batch.status, 200, JSON.stringify(batch.body));
  assert.equal(batch.body.done, 1, JSON.stringify(batch.body));
  assert.equal(batch.body.failed, 2);
  const [a, b, c] = batch.body.results;
  assert.deepEqual([a.report_id, a.ok, a.state, a.error], [mine, true, 'accepted', null]);
  assert.equal(b.ok, false);
  assert.equal(b.error.code, 'conflict');
  assert.match(b.error.message, /Đã gửi|trạng thái/);
  assert.equal(c.error.code, 'not_found');
  assert.equal((await skhcn.get(`/api/v1/reports/${other}`)).body.state, 'submitted', 'the refused one is untouched');

  const detail = (await haian.get(`/api/v1/reports/${mine}`)).body;
  assert.equal(detail.directive_number, '27/QĐ-BCĐ', 'the report names its plan');
  assert.ok(detail.directive_title.length > 0);
  assert.deepEqual(detail.reviews.map((v) => [v.action, v.comment, v.on_behalf_of_name]),
    [['approve', 'Đồng ý, đề nghị Sở tiếp nhận', null], ['accept', 'Đã tổng hợp', null]]);
  assert.match(detail.reviews[0].by_name, /Cao Huy Hiếu/);

  // Returned at once too: the reason is each report's return reason and its reviewer's comment.
  assert.equal((await lechanHead.post(`/api/v1/reports/${other}/approve`, {})).status, 200);
  const back = await skhcn.post('/api/v1/reports/review-batch', { action: 'return', report_ids: [other], reason: 'Thiếu minh chứng' });
  assert.equal(back.body.results[0].state, 'returned');
  const returned = (await lechan.get(`/api/v1/reports/${other}`)).body;
  assert.equal(returned.return_reason, 'Thiếu minh chứng');
  assert.equal(returned.reviews.at(-1).comment, 'Thiếu minh chứng');
  const log = (await skhcn.get(`/api/v1/audit?entity=report&entity_id=${other}&limit=50`)).body.items.map((e) => e.action);
  assert.equal(log[0], 'return');
});

test('a unit head delegates approval to a deputy for a range of days; the approval is signed KT.', async () => {
  const list = (await head.get('/api/v1/delegations')).body;
  const candidate = list.candidates.find((u) => u.role === 'viewer');
  assert.ok(candidate, 'the unit\'s deputy is offered');
  assert.ok(!list.candidates.some((u) => u.role === 'focal_point'), 'the focal point is not');

  const report = await submitted(haian, '2026-12');
  assert.equal((await deputy.post(`/api/v1/reports/${report}/approve`, {})).status, 403, 'no delegation yet');

  const bad = async (body, field) => {
    const r = await head.post('/api/v1/delegations', body);
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.body.error.field, field);
  };
  await bad({ deputy_id: candidate.id, from: '2026-11-30', to: '2026-11-24' }, 'to');
  await bad({ deputy_id: candidate.id, from: '2026-11-01', to: '2026-11-10' }, 'to');
  await bad({ deputy_id: candidate.id, from: '2026-11-24' }, 'to');
  const focalPoint = (await haian.get('/api/v1/auth/me')).body;
  await bad({ deputy_id: focalPoint.id, from: '2026-11-24', to: '2026-11-30' }, 'deputy_id');
  const self = (await head.get('/api/v1/auth/me')).body;
  await bad({ deputy_id: self.id, from: '2026-11-24', to: '2026-11-30' }, 'deputy_id');
  assert.equal((await haian.post('/api/v1/delegations', { deputy_id: candidate.id, from: '2026-11-24', to: '2026-11-30' })).status, 403);
  const wrongUnit = await lechanHead.post('/api/v1/delegations', { deputy_id: candidate.id, from: '2026-11-24', to: '2026-11-30' });
  assert.equal(wrongUnit.status, 400);

  const made = await head.post('/api/v1/delegations', { deputy_id: candidate.id, from: '2026-11-24', to: '2026-11-30' });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.equal(made.body.active, true);
  assert.match(made.body.delegator_name, /Cao Huy Hiếu/);
  assert.equal((await deputy.post('/api/v1/delegations', { deputy_id: candidate.id, from: '2026-11-24', to: '2026-11-30' })).status, 403,
    'a deputy does not delegate further');

  const approved = await deputy.post(`/api/v1/reports/${report}/approve`, { comment: 'Ký thay Chủ tịch' });
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  const v = approved.body.reviews.at(-1);
  assert.equal(v.action, 'approve');
  assert.match(v.on_behalf_of_name, /Cao Huy Hiếu/);
  assert.match(v.by_name, /Cán bộ theo dõi/);
  assert.equal((await deputy.post(`/api/v1/reports/${report}/return`, { reason: 'x' })).status, 409, 'approved: only the agency returns it');
  assert.equal((await lechan.get('/api/v1/delegations')).body.items.length, 0, 'another unit sees none');

  const revoked = await head.post(`/api/v1/delegations/${made.body.id}/revoke`, {});
  assert.equal(revoked.status, 200);
  assert.equal(revoked.body.active, false);
  assert.equal((await head.post(`/api/v1/delegations/${made.body.id}/revoke`, {})).status, 409);
  const next = await submitted(haian, '2027-01');
  assert.equal((await deputy.post(`/api/v1/reports/${next}/approve`, {})).status, 403, 'revoked: no more approvals');
  const audit = (await skhcn.get(`/api/v1/audit?entity=delegation&entity_id=${made.body.id}&limit=10`)).body.items.map((e) => e.action);
  assert.deepEqual(audit, ['revoke', 'create']);
});
