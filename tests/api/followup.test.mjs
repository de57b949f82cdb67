// Warnings that chase: extension requests, overdue reviews, explanations, escalations, and reminders
// delivered in the app and by e-mail through a real SMTP server — once, across restarts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, startMailbox, mailText, client, unitByCode, directiveByNumber } from './harness.mjs';

let server, mail;

before(async () => {
  mail = await startMailbox();
  // 20/11/2026: the day after November's due date, and ten days before the annual report.
  server = await startServer({ clock: '2026-11-20T01:00:00Z',
    args: ['--scheduler-seconds', '0', ...mail.args] });
});
after(async () => { await server?.stop(); mail?.stop(); });

const subject = (m) => {
  const enc = /Subject: =\?UTF-8\?B\?([^?]+)\?=/.exec(m);
  return enc ? Buffer.from(enc[1], 'base64').toString('utf8') : '';
};

test('reminders: once per event in the app, and by e-mail through SMTP; a restart repeats nothing', async () => {
  const admin = await client(server, 'admin');
  const first = await admin.post('/api/v1/reminders/run');
  assert.equal(first.status, 200);
  assert.ok(first.body.created > 0);
  const again = await admin.post('/api/v1/reminders/run');
  assert.equal(again.body.created, 0);

  const haian = await client(server, 'haian');
  const n = await haian.get('/api/v1/notifications');
  const titles = n.body.items.map((x) => x.title);
  assert.ok(titles.some((t) => t.startsWith('Chưa nhận được báo cáo tháng 11/2026')), titles.join(' | '));
  assert.ok(titles.some((t) => t.startsWith('Nhắc báo cáo năm 2026: hạn 30/11/2026')), titles.join(' | '));
  assert.equal(n.body.unread, n.body.total);
  const head = await client(server, 'haian.truong');
  assert.ok((await head.get('/api/v1/notifications')).body.items.some((x) => x.kind === 'after_due'));

  // The scheduler is off so far: restart with it on, as production runs — and a second instance on the
  // same database beside it, both sending.
  await server.stop({ keep: true, signal: 'SIGKILL' });
  const withScheduler = ['--scheduler-seconds', '1', ...mail.args];
  server = await startServer({ reuse: server, clock: '2026-11-20T01:05:00Z', args: withScheduler });
  const second = await startServer({ reuse: server, clock: '2026-11-20T01:05:00Z', args: withScheduler });
  const emailed = n.body.items.filter((x) => x.email).length;
  assert.ok(emailed >= 2);
  for (let i = 0; i < 80 && mail.mails().filter((m) => /haian@/.test(m)).length < emailed; i++) await sleep(250);
  const received = mail.mails();
  assert.ok(received.length >= 2, `received ${received.length} messages`);
  // One message per notification of hers: the day-after and the annual reminder, for each of her plans.
  const toHaian = received.filter((m) => /To: <haian@demo\.tiendo\.vn>/.test(m));
  assert.equal(toHaian.length, emailed);
  assert.ok(toHaian.map(subject).some((s) => s.includes('Chưa nhận được báo cáo tháng 11/2026')));
  assert.match(mailText(toHaian[0]), /Tiến Độ/);
  // Vietnamese first, the English of the same message below it.
  const late = mailText(toHaian.find((m) => subject(m).includes('Chưa nhận được báo cáo tháng 11/2026')));
  assert.ok(late.indexOf('Report for 11/2026') > late.indexOf('Đề nghị'), late);

  const relogged = await client(server, 'haian');
  const after = await relogged.get('/api/v1/notifications');
  assert.equal(after.body.total, n.body.total);  // nothing duplicated by the restart
  for (let i = 0; i < 20 && after.body.items.some((x) => x.email && x.email.state !== 'sent'); i++) {
    await sleep(250);
    after.body = (await relogged.get('/api/v1/notifications')).body;
  }
  assert.ok(after.body.items.every((x) => !x.email || x.email.state === 'sent'));
  await sleep(1500);
  // And nothing sent twice to her, by either instance (other users' reminders, an S&T task's among them, may
  // still be on their way).
  assert.equal(mail.mails().filter((m) => /To: <haian@demo\.tiendo\.vn>/.test(m)).length, toHaian.length);
  await second.stop({ keep: true });
  const read = await relogged.post(`/api/v1/notifications/${after.body.items[0].id}/read`);
  assert.equal(read.status, 200);
  assert.equal((await relogged.get('/api/v1/notifications')).body.unread, after.body.total - 1);
});

test('e-mail goes over STARTTLS to a server whose certificate is verified', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-tls-'));
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  const box = join(dir, 'box');
  const port = mail.port + 1;
  const tlsServer = spawn('/usr/bin/python3', ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`, '--tlscert', cert, '--tlskey', key,
    '-c', 'aiosmtpd.handlers.Mailbox', box], { stdio: 'ignore' });
  await sleep(800);
  const tls = await startServer({ clock: '2026-11-20T01:00:00Z', args: ['--scheduler-seconds', '1', '--smtp-host', 'localhost',
    '--smtp-port', String(port), '--smtp-tls', 'starttls', '--smtp-ca', cert, '--smtp-from', 'tiendo@haiphong.test'] });
  try {
    const haian = await client(tls, 'haian');
    let sent = [];
    for (let i = 0; i < 60; i++) {
      sent = (await haian.get('/api/v1/notifications')).body.items.filter((x) => x.email?.state === 'sent');
      if (sent.length >= 2) break;
      await sleep(250);
    }
    assert.ok(sent.length >= 2, 'delivered over TLS');
    assert.ok(readdirSync(join(box, 'new')).length >= 2);
  } finally {
    await tls.stop();
    tlsServer.kill();
  }
});

test('a failed delivery is kept, visible and retried', async () => {
  // An SMTP port where nothing listens: the reminder stays in the app, the e-mail waits with its error.
  const down = await startServer({ clock: '2026-11-20T01:00:00Z', args: ['--scheduler-seconds', '1', '--smtp-host', '127.0.0.1', '--smtp-port', '9'] });
  try {
    const haian = await client(down, 'haian');
    let items = [];
    for (let i = 0; i < 40; i++) {
      items = (await haian.get('/api/v1/notifications')).body.items.filter((x) => x.email);
      if (items.length && items.every((x) => x.email.attempts >= 1 && x.email.state === 'pending')) break;
      await sleep(250);
    }
    assert.ok(items.length > 0);
    for (const x of items) {
      assert.equal(x.email.state, 'pending');
      assert.ok(x.email.attempts >= 1);
      assert.match(x.email.last_error, /máy chủ thư/);
    }
  } finally {
    await down.stop();
  }
});

test('an extension request: asked with a reason, approved by the standing agency; the original deadline stays', async () => {
  const skhcn = await client(server, 'skhcn');
  const haian = await client(server, 'haian');
  const unit = await unitByCode(skhcn, 'P-HAIAN');
  const open = await haian.get(`/api/v1/assignments?unit_id=${unit.id}&status=overdue,in_progress,not_started&limit=1`);
  const a = open.body.items[0];
  const bad = await haian.post('/api/v1/extension-requests', { assignment_id: a.id, requested_due: '2026-01-01', reason: 'x' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'requested_due');
  const asked = await haian.post('/api/v1/extension-requests', { assignment_id: a.id, requested_due: '2027-03-31', reason: 'Chờ nguồn kinh phí' });
  assert.equal(asked.status, 201);
  assert.equal((await haian.post('/api/v1/extension-requests', { assignment_id: a.id, requested_due: '2027-04-30', reason: 'x' })).status, 409);
  assert.equal((await haian.post(`/api/v1/extension-requests/${asked.body.id}/approve`)).status, 403);
  const ok = await skhcn.post(`/api/v1/extension-requests/${asked.body.id}/approve`);
  assert.equal(ok.status, 200);
  const after = await skhcn.get(`/api/v1/assignments/${a.id}`);
  assert.equal(after.body.effective_due, '2027-03-31');
  assert.equal(after.body.original_due, a.original_due);
  const list = await haian.get('/api/v1/extension-requests?state=approved');
  assert.ok(list.body.items.some((e) => e.id === asked.body.id && e.previous_due));
});

test('an overdue review, an explanation request and an escalation are recorded and answered', async () => {
  const skhcn = await client(server, 'skhcn');
  const lanhdao = await client(server, 'lanhdao');
  const lechan = await client(server, 'lechan');
  const unit = await unitByCode(skhcn, 'P-LECHAN');
  // A review is for work overdue today (a write ignores ?as_of=: it always happens at the server's date).
  const open = await lechan.get(`/api/v1/assignments?unit_id=${unit.id}&status=overdue&limit=1`);
  const a = open.body.items[0];
  const review = await lechan.post('/api/v1/overdue-reviews', { assignment_id: a.id, cause: 'Chưa bố trí được kinh phí',
    responsible_unit: 'Phòng Kinh tế', responsible_person: 'Trưởng phòng', remedy: 'Đề nghị bổ sung dự toán', new_due: '2027-06-30',
    roadmap: 'Tháng 12: trình dự toán; tháng 1: triển khai' });
  assert.equal(review.status, 201, JSON.stringify(review.body));
  assert.ok((await lechan.get('/api/v1/overdue-reviews?state=open')).body.items.some((r) => r.cause === 'Chưa bố trí được kinh phí'));
  assert.equal((await skhcn.post(`/api/v1/overdue-reviews/${review.body.id}/close`)).body.state, 'closed');

  const asked = await lanhdao.post('/api/v1/explanation-requests', { assignment_id: a.id, question: 'Đề nghị giải trình lý do chậm', due_on: '2026-11-21' });
  assert.equal(asked.status, 201);
  // Its own reminder: two days before its deadline (the server's day is 20/11), to the unit, once.
  const admin = await client(server, 'admin');
  await admin.post('/api/v1/reminders/run');
  await admin.post('/api/v1/reminders/run');
  const mine = (await lechan.get('/api/v1/notifications?limit=100')).body.items.filter((x) => x.kind === 'explanation_due');
  assert.equal(mine.length, 1);
  assert.match(mine[0].title, /Sắp đến hạn giải trình \(21\/11\/2026\)/);
  assert.equal((await lechan.post(`/api/v1/explanation-requests/${asked.body.id}/answer`, {})).status, 400);
  const answered = await lechan.post(`/api/v1/explanation-requests/${asked.body.id}/answer`, { answer: 'Do chưa được cấp kinh phí; dự kiến hoàn thành tháng 2/2027' });
  assert.equal(answered.status, 200);
  assert.equal((await lechan.post(`/api/v1/explanation-requests/${asked.body.id}/answer`, { answer: 'lần hai' })).status, 409);
  const haian = await client(server, 'haian');
  assert.equal((await haian.get('/api/v1/explanation-requests')).body.items.filter((x) => x.id === asked.body.id).length, 0);

  const esc = await skhcn.get('/api/v1/escalations?answered=false');
  assert.ok(esc.body.total > 0);
  const e = esc.body.items[0];
  const ans = await skhcn.post(`/api/v1/escalations/${e.report_id}/${e.assignment_id}/answer`, { answer: 'Giao Sở Tài chính bố trí kinh phí' });
  assert.equal(ans.status, 200);
  const remaining = await skhcn.get('/api/v1/escalations?answered=false');
  assert.equal(remaining.body.total, esc.body.total - 1);
});

test('the reminder schedule is part of the plan\'s reporting rule', async () => {
  const skhcn = await client(server, 'skhcn');
  const plan = await directiveByNumber(skhcn, '27/QĐ-BCĐ');
  const r = await skhcn.put(`/api/v1/directives/${plan.id}/reporting-rule`, { reminders: { days_before: '7,3,1', digest_weekday: 5 } });
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.reminders, { days_before: '7,3,1', days_after: 1, digest_weekday: 5, annual_days_before: '10,3,1' });
  const bad = await skhcn.put(`/api/v1/directives/${plan.id}/reporting-rule`, { reminders: { days_before: 'năm' } });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'reminders.days_before');
});
