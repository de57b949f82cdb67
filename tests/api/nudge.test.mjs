// Issue 14, item 9: "Nhắc" from where the leader looks — the units that have not sent the judged period's report
// (one or all, previewed first) and overdue assignments, reminded through the bell (and e-mail per choice),
// audited; and the workflow's own notices: submitted → the unit head, approved → the standing agency,
// returned → the focal point.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, unitByCode, directiveByNumber } from './harness.mjs';

let server, leader, admin, plan;
before(async () => {
  // No scheduled reminders in the middle: the bell's counts are the presses' alone.
  server = await startServer({ args: ['--scheduler-seconds', '0'] });
  leader = await client(server, 'lanhdao');
  admin = await client(server, 'admin');
  plan = await directiveByNumber(leader, '27/QĐ-BCĐ');
});
after(async () => { await server?.stop(); });

async function focalOf(unitId) {
  const users = (await admin.get('/api/v1/users?limit=1000')).body.items;
  return users.find((u) => u.unit_id === unitId && u.role === 'focal_point' && u.active !== false);
}
const bell = async (username) => (await (await client(server, username)).get('/api/v1/notifications?limit=100')).body.items;

test('the not-reported units are previewed, then reminded one by one or all, and the sending is audited', async () => {
  const preview = await leader.post('/api/v1/reminders/send', { directive_id: plan.id, preview: true });
  assert.equal(preview.status, 200, JSON.stringify(preview.body));
  assert.equal(preview.body.preview, true);
  assert.equal(preview.body.notifications, 0);
  assert.ok(preview.body.items.length > 0);
  const first = preview.body.items[0];
  assert.match(first.title, /^Nhắc gửi báo cáo 27\/QĐ-BCĐ tháng \d+\/2026$/);
  assert.match(first.body, new RegExp(`^Đề nghị ${first.unit_name} hoàn thành và gửi báo cáo tháng \\d+/2026 theo Kế hoạch 27/QĐ-BCĐ \\(hạn nộp \\d\\d/\\d\\d/2026\\)\\.$`));
  // The obligations list says the same units have not sent.
  const owing = (await leader.get(`/api/v1/report-obligations?directive_id=${plan.id}&limit=1000`)).body.items
    .filter((o) => !o.state || o.state === 'draft' || o.state === 'returned').map((o) => o.unit_id).sort((a, b) => a - b);
  assert.deepEqual(preview.body.items.map((i) => i.unit_id).sort((a, b) => a - b), owing);
  const focal = await focalOf(first.unit_id);
  assert.ok(focal, 'the unit has a focal point');
  const before = (await bell(focal.username)).length;

  const one = await leader.post('/api/v1/reminders/send', { directive_id: plan.id, unit_ids: [first.unit_id], message: 'Chậm nhất thứ Sáu.' });
  assert.equal(one.status, 200, JSON.stringify(one.body));
  assert.equal(one.body.items.length, 1);
  assert.ok(one.body.notifications >= 1);
  const got = await bell(focal.username);
  assert.equal(got.length, before + 1);
  const n = got.find((x) => x.kind === 'manual_report');
  assert.equal(n.title, first.title);
  assert.match(n.body, /\nChậm nhất thứ Sáu\.$/);
  const audit = (await admin.get('/api/v1/audit?entity=reminder&limit=10')).body.items;
  assert.ok(audit.some((e) => e.action === 'send_report'), JSON.stringify(audit.slice(0, 2)));

  const all = await leader.post('/api/v1/reminders/send', { directive_id: plan.id });
  assert.equal(all.body.items.length, preview.body.items.length);
  assert.equal((await bell(focal.username)).length, before + 2, 'pressed again, reminded again');

  // A unit that has sent (or is not owing) is refused, naming the field in Vietnamese.
  const sent = (await leader.get(`/api/v1/report-obligations?directive_id=${plan.id}&limit=1000`)).body.items
    .find((o) => o.state && !['draft', 'returned'].includes(o.state));
  if (sent) {
    const r = await leader.post('/api/v1/reminders/send', { directive_id: plan.id, unit_ids: [sent.unit_id] });
    assert.equal(r.status, 409);
    assert.equal(r.body.error.field, 'unit_ids');
  }
  const neither = await leader.post('/api/v1/reminders/send', {});
  assert.equal(neither.status, 400);
});

test('an overdue assignment is reminded by name; work that is not overdue is refused', async () => {
  let overdue, focal;
  for (const a of (await leader.get('/api/v1/assignments?status=overdue&limit=200')).body.items) {
    focal = await focalOf(a.unit_id);
    if (focal) { overdue = a; break; }
  }
  assert.ok(overdue, 'an overdue assignment of a unit with a focal point');
  const preview = await leader.post('/api/v1/reminders/send', { assignment_ids: [overdue.id], preview: true });
  assert.equal(preview.status, 200, JSON.stringify(preview.body));
  assert.match(preview.body.items[0].body, new RegExp(`đã quá hạn ${overdue.overdue_days} ngày`));
  assert.ok(preview.body.items[0].body.includes(overdue.task_code + '. '));
  const sent = await leader.post('/api/v1/reminders/send', { assignment_ids: [overdue.id] });
  assert.equal(sent.status, 200);
  const n = (await bell(focal.username)).find((x) => x.kind === 'manual_overdue');
  assert.ok(n, 'the focal point has the reminder');
  assert.equal(n.link, `#/assignment/${overdue.id}`);
  const fine = (await leader.get('/api/v1/assignments?status=in_progress&limit=1')).body.items[0];
  const refused = await leader.post('/api/v1/reminders/send', { assignment_ids: [fine.id] });
  assert.equal(refused.status, 409);
  assert.equal(refused.body.error.field, 'assignment_ids');
  // A unit head reminds nobody (the permission of explanation requests).
  const head = await client(server, 'haian.truong');
  assert.equal((await head.post('/api/v1/reminders/send', { assignment_ids: [overdue.id] })).status, 403);
});

test('a long Vietnamese task name is cut between characters in the reminder, never inside one', async () => {
  // 118 ASCII bytes then "ệ" (3 bytes) across the 120-byte cut the title makes of a task's name: cut inside the
  // character, PostgreSQL refuses the notification and SQLite keeps a broken one (read as U+FFFD).
  const haian = await unitByCode(admin, 'P-HAIAN');
  const name = 'Nang cap ' + 'x'.repeat(109) + 'ệ thống thông tin phục vụ chỉ đạo điều hành của thành phố';
  await admin.post('/api/v1/tasks', { directive_id: plan.id, code: 'DAI.1', name, deadline_text: '01/11/2026', lead_unit_ids: [haian.id] });
  const a = (await leader.get(`/api/v1/assignments?unit_id=${haian.id}&status=overdue&limit=200`)).body.items.find((x) => x.task_code === 'DAI.1');
  assert.ok(a, 'the task is overdue at Hải An');
  const sent = await leader.post('/api/v1/reminders/send', { assignment_ids: [a.id] });
  assert.equal(sent.status, 200, JSON.stringify(sent.body));
  const n = (await bell('haian')).find((x) => x.kind === 'manual_overdue' && x.link === `#/assignment/${a.id}`);
  assert.ok(n);
  for (const text of [n.title, n.title_en]) {
    assert.ok(!text.includes('\uFFFD'), text);
    assert.ok(text.endsWith('Nang cap ' + 'x'.repeat(109) + '…'), text);
  }
  assert.ok(n.body.includes(name), 'the body names the task in full');
});

test('the workflow tells who acts next: submitted → the head, approved → the agency, returned → the focal point', async () => {
  const haian = await unitByCode(leader, 'P-HAIAN');
  const focal = await client(server, 'haian');
  const period = '2026-11';
  let report = await focal.post('/api/v1/reports', { directive_id: plan.id, period, unit_id: haian.id });
  assert.equal(report.status, 201, JSON.stringify(report.body));
  const items = report.body.items.map((i) => ({ assignment_id: i.assignment_id, progress_percent: 50, work_done: 'Đang làm' }));
  const saved = await focal.put(`/api/v1/reports/${report.body.id}`, { version: report.body.version, items });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  assert.equal((await focal.post(`/api/v1/reports/${report.body.id}/submit`)).status, 200);
  const toHead = (await bell('haian.truong')).find((x) => x.kind === 'report_submitted');
  assert.ok(toHead, 'the unit head is told');
  assert.match(toHead.title, /^Báo cáo 27\/QĐ-BCĐ tháng 11\/2026 của .+ đã gửi, chờ lãnh đạo đơn vị phê duyệt$/);
  assert.equal(toHead.link, `#/report/${report.body.id}`);

  const head = await client(server, 'haian.truong');
  assert.equal((await head.post(`/api/v1/reports/${report.body.id}/return`, { reason: 'Thiếu minh chứng nhiệm vụ 3' })).status, 200);
  const back = (await bell('haian')).find((x) => x.kind === 'report_returned');
  assert.ok(back, 'the focal point is told');
  assert.equal(back.body, 'Lý do: Thiếu minh chứng nhiệm vụ 3');

  assert.equal((await focal.post(`/api/v1/reports/${report.body.id}/submit`)).status, 200);
  assert.equal((await bell('haian.truong')).filter((x) => x.kind === 'report_submitted').length, 2, 'each submission is its own notice');
  assert.equal((await head.post(`/api/v1/reports/${report.body.id}/approve`)).status, 200);
  const toAgency = (await bell('skhcn')).find((x) => x.kind === 'report_approved');
  assert.ok(toAgency, 'the standing agency is told');
  assert.match(toAgency.title, /đã được lãnh đạo đơn vị phê duyệt, chờ tiếp nhận$/);
});
