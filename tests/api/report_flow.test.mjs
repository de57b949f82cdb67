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

const obligation = async () => {
  const r = await skhcn.get(`/api/v1/report-obligations?directive_id=${plan.id}&period=2026-11&limit=1000`);
  assert.equal(r.status, 200);
  return { all: r.body, haian: r.body.items.find((o) => o.unit_id === haianUnit.id) };
};

test('a commune month: draft, submit, approve, return, fix, accept — and the dashboard follows', async () => {
  const before = await obligation();
  assert.equal(before.haian.timeliness, 'missing');
  assert.equal(before.all.due_date, '2026-11-19');
  const dashBefore = await skhcn.get(`/api/v1/dashboard?directive_id=${plan.id}`);
  const missingBefore = dashBefore.body.reports[0].summary.missing;

  const created = await haian.post('/api/v1/reports', { directive_id: plan.id, period: '2026-11' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const report = created.body;
  assert.equal(report.state, 'draft');
  assert.equal(report.unit_id, haianUnit.id);
  assert.ok(report.items.length > 0);
  assert.ok(report.items.every((i) => 'previous_progress_percent' in i));

  const dup = await haian.post('/api/v1/reports', { directive_id: plan.id, period: '2026-11' });
  assert.equal(dup.status, 409);

  const inds = await skhcn.get(`/api/v1/indicators?directive_id=${plan.id}&limit=100`);
  const ind1 = inds.body.items.find((i) => i.code === '1');
  const items = report.items.map((i) => ({ assignment_id: i.assignment_id, progress_percent: 80,
    work_done: 'Đã ban hành kế hoạch số 150/KH-UBND ngày 10/11/2026', output_ref: '150/KH-UBND' }));
  items[0].difficulties = 'Thiếu máy tính cho cán bộ một cửa';
  items[0].exceeds_authority = true;
  const saved = await haian.put(`/api/v1/reports/${report.id}`, {
    version: report.version, difficulties: 'Thiếu kinh phí', proposals: 'Đề nghị bổ sung kinh phí', items,
    indicator_values: [{ indicator_id: ind1.id, numerator: 35, denominator: 40 }] });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  assert.equal(saved.body.items[0].progress_percent, 80);
  assert.equal(saved.body.indicator_values[0].rate, 87.5);
  assert.equal(saved.body.indicator_values[0].rate_text, '87,5 %');

  const stale = await haian.put(`/api/v1/reports/${report.id}`, { version: report.version, summary: 'x' });
  assert.equal(stale.status, 409);
  assert.equal(stale.body.error.field, 'version');
  // A value for an indicator of another plan, or of this plan that the unit does not report, is refused by name.
  const otherPlan = await directiveByNumber(skhcn, '01-CTr/BCĐ');
  const elsewhere = (await skhcn.get(`/api/v1/indicators?directive_id=${otherPlan.id}&limit=100`)).body.items[0];
  const notReported = inds.body.items.find((i) => i.code === '2');  // the service centre's own, no commune's
  for (const [indicator, message] of [[elsewhere, 'Chỉ tiêu không thuộc kế hoạch của báo cáo.'],
    [notReported, 'Đơn vị không báo cáo chỉ tiêu này.']]) {
    const refused = await haian.put(`/api/v1/reports/${report.id}`, { version: saved.body.version,
      indicator_values: [{ indicator_id: indicator.id, numerator: 1, denominator: 2 }] });
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    assert.deepEqual(refused.body.error, { code: 'invalid', message, field: 'indicator_values[0].indicator_id' });
  }

  const submitted = await haian.post(`/api/v1/reports/${report.id}/submit`);
  assert.equal(submitted.status, 200);
  assert.equal(submitted.body.state, 'submitted');
  assert.equal(submitted.body.timeliness, 'late');

  const locked = await haian.put(`/api/v1/reports/${report.id}`, { version: submitted.body.version, summary: 'sửa sau khi gửi' });
  assert.equal(locked.status, 409);
  assert.match(locked.body.error.message, /không thể chỉnh sửa/);

  assert.equal((await haian.post(`/api/v1/reports/${report.id}/approve`)).status, 403);
  assert.equal((await lechan.get(`/api/v1/reports/${report.id}`)).status, 404);
  assert.equal((await skhcn.post(`/api/v1/reports/${report.id}/accept`)).status, 409);

  const approved = await head.post(`/api/v1/reports/${report.id}/approve`);
  assert.equal(approved.status, 200);
  assert.equal(approved.body.state, 'approved');

  const noReason = await skhcn.post(`/api/v1/reports/${report.id}/return`, {});
  assert.equal(noReason.status, 400);
  assert.equal(noReason.body.error.field, 'reason');
  const returned = await skhcn.post(`/api/v1/reports/${report.id}/return`, { reason: 'Bổ sung minh chứng kế hoạch 150/KH-UBND' });
  assert.equal(returned.status, 200);
  assert.equal(returned.body.state, 'returned');
  assert.equal(returned.body.return_reason, 'Bổ sung minh chứng kế hoạch 150/KH-UBND');

  const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  const up = await haian.call('POST', `/api/v1/reports/${report.id}/evidence?filename=${encodeURIComponent('Kế hoạch 150.pdf')}&assignment_id=${items[0].assignment_id}`, pdf);
  assert.equal(up.status, 201, JSON.stringify(up.body));
  assert.equal(up.body.content_type, 'application/pdf');
  assert.equal(up.body.sha256.length, 64);
  const down = await haian.get(up.body.url);
  assert.equal(down.status, 200);
  assert.match(down.headers.get('content-disposition'), /^attachment/);
  assert.equal(down.body, new TextDecoder().decode(pdf));
  assert.equal((await lechan.get(up.body.url)).status, 404);
  const exe = await haian.call('POST', `/api/v1/reports/${report.id}/evidence?filename=virus.exe`, new Uint8Array([77, 90, 0, 0]));
  assert.equal(exe.status, 415);
  const fake = await haian.call('POST', `/api/v1/reports/${report.id}/evidence?filename=fake.pdf`, new TextEncoder().encode('<html>'));
  assert.equal(fake.status, 415);

  const resubmitted = await haian.post(`/api/v1/reports/${report.id}/submit`);
  assert.equal(resubmitted.body.state, 'submitted');
  assert.equal((await head.post(`/api/v1/reports/${report.id}/approve`)).body.state, 'approved');
  const accepted = await skhcn.post(`/api/v1/reports/${report.id}/accept`);
  assert.equal(accepted.status, 200);
  assert.equal(accepted.body.state, 'accepted');

  const after = await obligation();
  assert.equal(after.haian.timeliness, 'late');
  assert.equal(after.haian.state, 'accepted');
  const dashAfter = await skhcn.get(`/api/v1/dashboard?directive_id=${plan.id}`);
  assert.equal(dashAfter.body.reports[0].summary.missing, missingBefore - 1);

  // Every assignment in the report now counts as updated for November.
  const mine = await haian.get(`/api/v1/assignments?directive_id=${plan.id}&unit_id=${haianUnit.id}&limit=100`);
  for (const a of mine.body.items.filter((x) => items.some((i) => i.assignment_id === x.id))) {
    assert.equal(a.last_update_period, '2026-11');
    assert.equal(a.updated_in_period, true);
  }

  // Editing after acceptance never reopens the report: the focal point asks, the standing agency grants.
  const current = (await haian.get(`/api/v1/reports/${report.id}`)).body;
  const edit = await haian.put(`/api/v1/reports/${report.id}`, { version: current.version, summary: 'Điều chỉnh số liệu' });
  assert.equal(edit.status, 409);
  assert.match(edit.body.error.message, /đề nghị mở lại/);
  const asked = await haian.post(`/api/v1/reports/${report.id}/reopen-requests`, { reason: 'Điều chỉnh số liệu', version: current.version });
  assert.equal(asked.status, 201, JSON.stringify(asked.body));
  const granted = await skhcn.post(`/api/v1/reopen-requests/${asked.body.id}/grant`, {});
  assert.equal(granted.status, 200, JSON.stringify(granted.body));
  const reopened = (await haian.get(`/api/v1/reports/${report.id}`)).body;
  assert.equal(reopened.state, 'draft');
  assert.equal(reopened.reopened_count, 1);

  const history = await skhcn.get(`/api/v1/audit?entity=report&entity_id=${report.id}&limit=50`);
  const actions = history.body.items.map((e) => e.action).reverse();
  assert.deepEqual(actions, ['create', 'edit', 'submit', 'approve', 'return', 'submit', 'approve', 'accept', 'reopen']);
  assert.equal(history.body.items[0].username, 'skhcn');
  const verify = await skhcn.get('/api/v1/audit/verify');
  assert.equal(verify.body.ok, true);
});

test('bad input is refused with the field named, and nothing is half-written', async () => {
  const created = await haian.post('/api/v1/reports', { directive_id: plan.id, period: '2026-12' });
  assert.equal(created.status, 201);
  const id = created.body.id;
  const good = created.body.items[0].assignment_id;
  const r = await haian.put(`/api/v1/reports/${id}`, {
    version: created.body.version, summary: 'không được lưu',
    items: [{ assignment_id: good, progress_percent: 50 }, { assignment_id: good, progress_percent: 150 }] });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.field, 'items[1].progress_percent');
  assert.match(r.body.error.message, /0 đến 100/);
  const again = await haian.get(`/api/v1/reports/${id}`);
  assert.equal(again.body.summary, '');
  assert.equal(again.body.items.find((i) => i.assignment_id === good).progress_percent, created.body.items[0].progress_percent);

  const foreign = await skhcn.get(`/api/v1/assignments?unit_id=${(await unitByCode(skhcn, 'P-LECHAN')).id}&limit=1`);
  const wrong = await haian.put(`/api/v1/reports/${id}`, { version: created.body.version, items: [{ assignment_id: foreign.body.items[0].id, progress_percent: 10 }] });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.body.error.field, 'items[0].assignment_id');

  const badPeriod = await haian.post('/api/v1/reports', { directive_id: plan.id, period: '2026-13' });
  assert.equal(badPeriod.status, 400);
  assert.equal(badPeriod.body.error.field, 'period');
  const other = await haian.post('/api/v1/reports', { directive_id: plan.id, period: '2026-12',
    unit_id: (await unitByCode(skhcn, 'P-LECHAN')).id });
  assert.equal(other.status, 403);
  const ratioOnly = await haian.put(`/api/v1/reports/${id}`, {
    version: created.body.version, indicator_values: [{ indicator_id: (await skhcn.get(`/api/v1/indicators?directive_id=${plan.id}&q=trang%20thiet%20bi`)).body.items[0].id, numerator: 5 }] });
  assert.equal(ratioOnly.status, 400);
  assert.equal(ratioOnly.body.error.field, 'indicator_values[0].denominator');
});

test('an autosave asking for the short answer gets the new version alone, and the save is whole', async () => {
  const created = (await haian.get(`/api/v1/reports?directive_id=${plan.id}&period=2026-12`)).body.items[0];
  const before = (await haian.get(`/api/v1/reports/${created.id}`)).body;
  const line = before.items[0];
  const short = await haian.call('PUT', `/api/v1/reports/${created.id}`, { version: before.version, summary: 'Lưu tự động',
    items: [{ assignment_id: line.assignment_id, progress_percent: 35, work_done: 'Đang triển khai' }] }, { Prefer: 'return=minimal' });
  assert.equal(short.status, 200, JSON.stringify(short.body));
  assert.deepEqual(Object.keys(short.body).sort(), ['id', 'state', 'updated_at', 'version']);
  assert.equal(short.body.version, before.version + 1);
  assert.equal(short.body.state, 'draft');
  assert.equal(short.headers.get('preference-applied'), 'return=minimal');
  const after = (await haian.get(`/api/v1/reports/${created.id}`)).body;
  assert.equal(after.version, short.body.version);
  assert.equal(after.summary, 'Lưu tự động');
  assert.equal(after.items.find((i) => i.assignment_id === line.assignment_id).progress_percent, 35);
  // Refusals are the same whichever answer was asked for, and nothing is written.
  const stale = await haian.call('PUT', `/api/v1/reports/${created.id}`, { version: before.version, summary: 'x' }, { Prefer: 'return=minimal' });
  assert.equal(stale.status, 409);
  assert.equal(stale.body.error.field, 'version');
  // Without the preference the answer is the whole report, as before.
  const full = await haian.put(`/api/v1/reports/${created.id}`, { version: after.version, summary: 'Lưu đầy đủ' });
  assert.equal(full.status, 200);
  assert.equal(full.body.items.length, before.items.length);
  assert.equal(full.headers.get('preference-applied'), null);
});

test('the standing agency confirms completion; the status counts from that day', async () => {
  const open = await skhcn.get(`/api/v1/assignments?directive_id=${plan.id}&status=overdue&limit=1`);
  const a = open.body.items[0];
  const future = await skhcn.post(`/api/v1/assignments/${a.id}/confirm`, { done_on: '2027-01-01' });
  assert.equal(future.status, 400);
  const done = await skhcn.post(`/api/v1/assignments/${a.id}/confirm`, { done_on: '2026-11-20' });
  assert.equal(done.status, 200);
  assert.equal(done.body.status, 'done_late');
  assert.equal(done.body.confirmed_done_on, '2026-11-20');
  const earlier = await skhcn.get(`/api/v1/assignments/${a.id}?as_of=2026-11-19`);
  assert.equal(earlier.body.status, 'overdue');
  assert.equal((await skhcn.post(`/api/v1/assignments/${a.id}/confirm`, {})).status, 409);
  assert.equal((await haian.post(`/api/v1/assignments/${a.id}/confirm`, {})).status, 403);
  const reopened = await skhcn.post(`/api/v1/assignments/${a.id}/reopen`);
  assert.equal(reopened.body.status, 'overdue');
});

test('an approved new deadline changes the effective one and keeps the original', async () => {
  const open = await skhcn.get(`/api/v1/assignments?directive_id=${plan.id}&status=overdue&limit=1`);
  const a = open.body.items[0];
  const r = await skhcn.put(`/api/v1/assignments/${a.id}/effective-due`, { due: '2026-12-31', reason: 'Gia hạn theo đề nghị của đơn vị' });
  assert.equal(r.status, 200);
  assert.equal(r.body.effective_due, '2026-12-31');
  assert.equal(r.body.original_due, a.original_due);
  assert.notEqual(r.body.status, 'overdue');
  assert.equal(r.body.late_against_original, true);
  const trail = await skhcn.get(`/api/v1/audit?entity=assignment&entity_id=${a.id}&limit=1`);
  assert.equal(trail.body.items[0].action, 'set_effective_due');
  assert.equal(trail.body.items[0].after.reason, 'Gia hạn theo đề nghị của đơn vị');
  assert.equal(trail.body.items[0].before.effective_due, a.effective_due);
  const noReason = await skhcn.put(`/api/v1/assignments/${a.id}/effective-due`, { due: '2026-12-31' });
  assert.equal(noReason.status, 400);
  assert.equal(noReason.body.error.field, 'reason');
});
