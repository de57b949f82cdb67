// Issue 14: a reader who chose English reads every notification in English. Each path that writes one (a
// report's steps, a reopening, a nudge, the scheduled reminders, an explanation's deadline) is walked here, and
// every notification of every user it reached must carry an English title and body, written from the same
// facts as the Vietnamese (the same numbers and dates). The harness checks the same of every bell it reads
// (tests/api/contract.mjs), so a new kind of notification without English fails wherever it is read.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, ok, unitByCode, directiveByNumber, CLOCK } from './harness.mjs';
import { openapi } from './contract.mjs';

let server;
before(async () => { server = await startServer({ args: ['--scheduler-seconds', '0'] }); });
after(async () => { await server?.stop(); });

const digits = (s) => (s.match(/\d+/g) ?? []).join(' ');

test('every notification a walk through the month writes is in Vietnamese and in English', async () => {
  const skhcn = await client(server, 'skhcn');
  const haian = await client(server, 'haian');
  const head = await client(server, 'haian.truong');
  const lanhdao = await client(server, 'lanhdao');
  const admin = await client(server, 'admin');
  const plan = await directiveByNumber(skhcn, '27/QĐ-BCĐ');

  // A report through every step that notifies: submit, approve, return, again, accept, reopen refused and granted.
  const report = await ok(haian.post('/api/v1/reports', { directive_id: plan.id, period: '2026-11' }), 'report');
  const step = (who, what, body) => ok(who.post(`/api/v1/reports/${report.id}/${what}`, body), what);
  await step(haian, 'submit');
  await step(head, 'approve');
  await step(skhcn, 'return', { reason: 'Bổ sung minh chứng' });
  await step(haian, 'submit');
  await step(head, 'approve');
  await step(skhcn, 'accept');
  const asked = await ok(haian.post(`/api/v1/reports/${report.id}/reopen-requests`, { reason: 'Sửa số liệu chỉ tiêu 3' }), 'reopen');
  await ok(skhcn.post(`/api/v1/reopen-requests/${asked.id}/refuse`, { note: 'Đã tổng hợp' }), 'refuse');
  const again = await ok(haian.post(`/api/v1/reports/${report.id}/reopen-requests`, { reason: 'Sai đơn vị tính' }), 'reopen again');
  await ok(skhcn.post(`/api/v1/reopen-requests/${again.id}/grant`, {}), 'grant');

  // A leader's nudges: a plan's report, and one overdue task; an explanation due tomorrow; the day's reminders.
  await ok(lanhdao.post('/api/v1/reminders/send', { directive_id: plan.id }), 'nudge the report');
  const lechanUnit = await unitByCode(skhcn, 'P-LECHAN');
  const overdue = (await ok(skhcn.get(`/api/v1/assignments?unit_id=${lechanUnit.id}&status=overdue&limit=1`), 'overdue')).items[0];
  await ok(lanhdao.post('/api/v1/reminders/send', { assignment_ids: [overdue.id] }), 'nudge a task');
  const tomorrow = new Date(Date.parse(CLOCK) + 86400000).toISOString().slice(0, 10);
  await ok(lanhdao.post('/api/v1/explanation-requests', { assignment_id: overdue.id, question: 'Đề nghị giải trình lý do chậm', due_on: tomorrow }), 'explanation');
  await ok(admin.post('/api/v1/reminders/run'), 'reminders');

  const seen = [];
  for (const username of ['haian', 'haian.truong', 'skhcn', 'lechan', 'lechan.truong', 'admin']) {
    const c = await client(server, username).catch(() => null);
    if (!c) continue;
    seen.push(...(await ok(c.get('/api/v1/notifications?limit=100'), `bell of ${username}`)).items);
  }
  const kinds = new Set(seen.map((n) => n.kind));
  for (const kind of ['report_submitted', 'report_approved', 'report_returned', 'reopen_requested', 'reopen_refused',
    'reopen_granted', 'manual_report', 'manual_overdue', 'explanation_due'])
    assert.ok(kinds.has(kind), `${kind} was written (seen: ${[...kinds].join(', ')})`);
  assert.ok(seen.some((n) => ['before_due', 'after_due', 'annual_before', 'weekly_digest'].includes(n.kind)), 'a scheduled reminder');
  for (const n of seen) {
    assert.ok(openapi.components.schemas.NotificationKind.enum.includes(n.kind), n.kind);
    assert.ok(n.title_en && n.body_en, `${n.kind}: English written`);
    assert.notEqual(n.title_en, n.title, `${n.kind}: the English title is not the Vietnamese`);
    // The same facts: the same numbers and dates, in the same order (English counts and labels keep them).
    assert.equal(digits(n.title_en), digits(n.title), `${n.kind}: ${n.title} / ${n.title_en}`);
  }
});
