// Every route of the OpenAPI document, for every role, against the role's own unit, a child unit and
// another unit: allowed or refused exactly as the access policy below says. A route added to the server
// without a line here fails this test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, unitByCode, directiveByNumber } from './harness.mjs';

const ROLES = {
  admin: 'admin', standing_agency: 'skhcn', leader: 'lanhdao', directing_leader: 'hmcuong',
  unit_head: 'haian.truong', focal_point: 'haian', viewer: 'xem',
  // An officer of a host organisation of S&T tasks (Trường Đại học Hàng hải): its tasks and its session only.
  host: 'vmu',
};
const CITY_ROLES = Object.keys(ROLES).filter((r) => r !== 'host');
const WHOLE_CITY = new Set(['admin', 'standing_agency', 'leader', 'directing_leader']);
const PERMISSIONS = {
  read_plan: CITY_ROLES,
  read_unit_data: CITY_ROLES,
  own_account: Object.keys(ROLES),
  work_st_tasks: Object.keys(ROLES),
  manage_plan: ['admin', 'standing_agency'],
  manage_units: ['admin', 'standing_agency'],
  manage_users: ['admin'],
  draft_report: ['admin', 'focal_point'],
  approve_report: ['admin', 'unit_head'],
  review_report: ['admin', 'standing_agency'],
  return_report: ['admin', 'unit_head', 'standing_agency'],
  read_audit: ['admin', 'standing_agency'],
  request_explanation: ['admin', 'standing_agency', 'leader', 'directing_leader'],
  answer_explanation: ['admin', 'focal_point', 'unit_head'],
  answer_escalation: ['admin', 'standing_agency', 'leader', 'directing_leader'],
  read_synthesis: ['admin', 'standing_agency', 'leader', 'directing_leader'],
  compile_synthesis: ['admin', 'standing_agency'],
  handle_feedback: ['admin', 'standing_agency', 'unit_head', 'focal_point'],
  manage_exchange: ['admin'],
};
// route -> [permission, what its scope hangs on: null (shared), 'assignment', 'report', 'evidence', 'unit_id']
const POLICY = {
  'GET /api/v1/directives/{id}/synthesis': ['read_synthesis', null],
  'PUT /api/v1/directives/{id}/synthesis': ['compile_synthesis', null],
  'GET /api/v1/directives/{id}/synthesis.docx': ['read_synthesis', null],
  'GET /api/v1/directives/{id}/synthesis.pdf': ['read_synthesis', null],
  'GET /api/v1/directives/{id}/appendices.xlsx': ['read_synthesis', null],
  'GET /api/v1/feedback-report': ['read_synthesis', null],
  'GET /api/v1/feedback-report.docx': ['read_synthesis', null],
  'GET /api/v1/feedback-report.pdf': ['read_synthesis', null],
  'GET /api/v1/feedback-report.xlsx': ['read_synthesis', null],
  'POST /api/v1/issued-documents': ['compile_synthesis', null],
  'GET /api/v1/issued-documents': ['read_synthesis', null],
  'GET /api/v1/issued-documents/{id}/file': ['read_synthesis', null],
  'GET /api/v1/import-template.xlsx': ['manage_plan', null],
  'POST /api/v1/directives/{id}/imports': ['manage_plan', null],
  'GET /api/v1/imports/{id}': ['manage_plan', null],
  'PUT /api/v1/imports/{id}/choices': ['manage_plan', null],
  'POST /api/v1/imports/{id}/confirm': ['manage_plan', null],
  'GET /api/v1/health': [null, null],
  'GET /api/v1/openapi.json': [null, null],
  'POST /api/v1/auth/login': [null, null],
  'POST /api/v1/auth/logout': ['own_account', null],
  'GET /api/v1/auth/me': ['own_account', null],
  'POST /api/v1/auth/password': ['own_account', null],
  'POST /api/v1/auth/forgot': [null, null],
  'POST /api/v1/auth/reset': [null, null],
  'GET /api/v1/units': ['read_plan', null],
  'POST /api/v1/units': ['manage_units', null],
  'GET /api/v1/units/{id}': ['read_plan', null],
  'PATCH /api/v1/units/{id}': ['manage_units', null],
  'POST /api/v1/units/{id}/close': ['manage_units', null],
  'GET /api/v1/unit-groups': ['read_plan', null],
  'POST /api/v1/unit-groups': ['manage_units', null],
  'GET /api/v1/unit-groups/{id}': ['read_plan', null],
  'PUT /api/v1/unit-groups/{id}/members': ['manage_units', null],
  'PUT /api/v1/unit-groups/{id}/rule': ['manage_units', null],
  'GET /api/v1/directives': ['read_plan', null],
  'POST /api/v1/directives': ['manage_plan', null],
  'GET /api/v1/directives/{id}': ['read_plan', null],
  'GET /api/v1/directives/{id}/reporting-rule': ['read_plan', null],
  'PUT /api/v1/directives/{id}/reporting-rule': ['manage_plan', null],
  'GET /api/v1/holidays': ['read_plan', null],
  'PUT /api/v1/holidays/{day}': ['manage_plan', null],
  'DELETE /api/v1/holidays/{day}': ['manage_plan', null],
  'GET /api/v1/indicators': ['read_plan', null],
  'POST /api/v1/indicators': ['manage_plan', null],
  'GET /api/v1/indicators/{id}': ['read_plan', null],
  'PUT /api/v1/indicators/{id}/target': ['manage_plan', null],
  'PUT /api/v1/indicators/{id}/source': ['manage_plan', null],
  'GET /api/v1/tasks': ['read_plan', null],
  'POST /api/v1/tasks': ['manage_plan', null],
  'GET /api/v1/tasks/{id}': ['read_plan', null],
  'GET /api/v1/deadlines/read': ['read_plan', null],
  'PUT /api/v1/tasks/{id}/deadline': ['manage_plan', null],
  'DELETE /api/v1/tasks/{id}': ['manage_plan', null],
  'GET /api/v1/assignments': ['read_unit_data', 'unit_id'],
  'GET /api/v1/assignments.xlsx': ['read_unit_data', 'unit_id'],
  'GET /api/v1/assignment-groups': ['read_unit_data', 'unit_id'],
  'GET /api/v1/assignment-groups.xlsx': ['read_unit_data', 'unit_id'],
  'GET /api/v1/assignments/{id}': ['read_unit_data', 'assignment'],
  'POST /api/v1/assignments/{id}/confirm': ['review_report', 'assignment'],
  'POST /api/v1/assignments/{id}/reopen': ['review_report', 'assignment'],
  'POST /api/v1/assignments/{id}/decision': ['manage_plan', 'assignment'],
  'POST /api/v1/assignments/{id}/trigger': ['manage_plan', 'assignment'],
  'PUT /api/v1/assignments/{id}/effective-due': ['manage_plan', 'assignment'],
  'GET /api/v1/reports': ['read_unit_data', 'unit_id'],
  'POST /api/v1/reports': ['draft_report', 'unit_id'],
  'GET /api/v1/reports/{id}': ['read_unit_data', 'report'],
  'PUT /api/v1/reports/{id}': ['draft_report', 'report'],
  'POST /api/v1/reports/{id}/submit': ['draft_report', 'report'],
  'POST /api/v1/reports/{id}/approve': ['approve_report', 'report'],
  'POST /api/v1/reports/{id}/accept': ['review_report', 'report'],
  'POST /api/v1/reports/{id}/return': ['return_report', 'report'],
  'POST /api/v1/reports/{id}/withdraw': ['draft_report', 'report'],
  'POST /api/v1/reports/{id}/evidence': ['draft_report', 'report'],
  'POST /api/v1/reports/{id}/reopen-requests': ['draft_report', 'report'],
  'GET /api/v1/reopen-requests': ['read_unit_data', 'list'],
  'POST /api/v1/reopen-requests/{id}/grant': ['review_report', 'reopen'],
  'POST /api/v1/reopen-requests/{id}/refuse': ['review_report', 'reopen'],
  'POST /api/v1/reports/review-batch': ['review_report', 'list'],
  'GET /api/v1/delegations': ['read_unit_data', 'list'],
  'POST /api/v1/delegations': ['approve_report', 'list'],
  'POST /api/v1/delegations/{id}/revoke': ['approve_report', 'delegation'],
  'GET /api/v1/evidence/{id}': ['read_unit_data', 'evidence'],
  'GET /api/v1/report-obligations': ['read_unit_data', 'unit_id'],
  'GET /api/v1/dashboard': ['read_unit_data', 'unit_id'],
  'GET /api/v1/dashboard/units': ['read_unit_data', 'unit_id'],
  'GET /api/v1/dashboard/units.xlsx': ['read_unit_data', 'unit_id'],
  'GET /api/v1/ranking': ['read_unit_data', 'unit_id'],
  'GET /api/v1/ranking.xlsx': ['read_unit_data', 'unit_id'],
  'POST /api/v1/ranking/publications': ['compile_synthesis', null],
  'GET /api/v1/ranking/publications': ['read_unit_data', null],
  'GET /api/v1/ranking/publications/{id}': ['read_unit_data', 'list'],
  'GET /api/v1/risks': ['read_unit_data', 'unit_id'],
  'GET /api/v1/users': ['manage_users', null],
  'POST /api/v1/users': ['manage_users', null],
  'POST /api/v1/users/{id}/password': ['manage_users', 'user'],
  'POST /api/v1/users/{id}/deactivate': ['manage_users', 'user'],
  'POST /api/v1/users/{id}/activate': ['manage_users', 'user'],
  'POST /api/v1/users/{id}/end-sessions': ['manage_users', 'user'],
  'POST /api/v1/users/{id}/unlock': ['manage_users', 'user'],
  'GET /api/v1/audit': ['read_audit', null],
  'GET /api/v1/audit/verify': ['read_audit', null],
  'GET /api/v1/extension-requests': ['read_unit_data', 'list'],
  'POST /api/v1/extension-requests': ['draft_report', 'body_assignment'],
  'POST /api/v1/extension-requests/{id}/approve': ['review_report', 'extension'],
  'POST /api/v1/extension-requests/{id}/refuse': ['review_report', 'extension'],
  'GET /api/v1/overdue-reviews': ['read_unit_data', 'list'],
  'POST /api/v1/overdue-reviews': ['draft_report', 'body_assignment'],
  'POST /api/v1/overdue-reviews/{id}/close': ['review_report', 'review'],
  'GET /api/v1/explanation-requests': ['read_unit_data', 'list'],
  'POST /api/v1/explanation-requests': ['request_explanation', 'body_assignment'],
  'POST /api/v1/explanation-requests/{id}/answer': ['answer_explanation', 'explanation'],
  'GET /api/v1/escalations': ['read_unit_data', 'list'],
  'POST /api/v1/escalations/{report_id}/{assignment_id}/answer': ['answer_escalation', 'escalation'],
  'GET /api/v1/notifications': ['own_account', null],
  'POST /api/v1/notifications/{id}/read': ['own_account', 'mine'],
  'PUT /api/v1/notifications/preferences': ['own_account', null],
  'POST /api/v1/reminders/run': ['manage_plan', null],
  'POST /api/v1/reminders/send': ['request_explanation', null],
  'POST /api/v1/public/feedback': [null, null],
  'GET /api/v1/public/feedback/{code}': [null, null],
  'POST /api/v1/public/feedback/{code}/rating': [null, null],
  'GET /api/v1/public/feedback-figures': [null, null],
  'GET /api/v1/public/answered-feedback': [null, null],
  'GET /api/v1/public/plans': [null, null],
  'GET /api/v1/feedback': ['read_unit_data', 'list'],
  'POST /api/v1/feedback': ['handle_feedback', null],
  'GET /api/v1/feedback/{id}': ['read_unit_data', 'feedback'],
  'POST /api/v1/feedback/{id}/classify': ['handle_feedback', 'feedback'],
  'POST /api/v1/feedback/{id}/tasks': ['handle_feedback', 'feedback'],
  'DELETE /api/v1/feedback/{id}/tasks/{task_id}': ['handle_feedback', 'feedback'],
  'POST /api/v1/feedback/{id}/assign': ['handle_feedback', 'feedback'],
  'POST /api/v1/feedback/{id}/answer': ['handle_feedback', 'feedback'],
  'POST /api/v1/feedback/{id}/send-back': ['handle_feedback', 'feedback'],
  'POST /api/v1/feedback/{id}/approve': ['handle_feedback', 'feedback'],
  'POST /api/v1/feedback/{id}/extend': ['handle_feedback', 'feedback'],
  'POST /api/v1/feedback/{id}/reopen': ['handle_feedback', 'feedback'],
  'POST /api/v1/feedback/{id}/moderate': ['handle_feedback', 'feedback'],
  'POST /api/v1/feedback/{id}/adoption': ['handle_feedback', 'feedback'],
  'GET /api/v1/feedback-figures': ['read_unit_data', 'list'],
  'GET /api/v1/external-systems': ['read_plan', null],
  'POST /api/v1/external-systems': ['manage_exchange', null],
  'GET /api/v1/external-codes': ['work_st_tasks', 'list'],
  'PUT /api/v1/external-codes': ['manage_plan', null],
  'GET /api/v1/event-subscriptions': ['manage_exchange', null],
  'POST /api/v1/event-subscriptions': ['manage_exchange', null],
  'PATCH /api/v1/event-subscriptions/{id}': ['manage_exchange', null],
  'GET /api/v1/event-deliveries': ['manage_exchange', null],
  'POST /api/v1/event-deliveries/run': ['manage_exchange', null],
  'GET /api/v1/event-deliveries/{id}': ['manage_exchange', null],
  'POST /api/v1/event-deliveries/{id}/replay': ['manage_exchange', null],
  'GET /api/v1/exports/assignment-statuses': ['read_synthesis', null],
  'GET /api/v1/exports/indicator-values': ['read_synthesis', null],
  'GET /api/v1/exports/report-timeliness': ['read_synthesis', null],
  'GET /api/v1/public/st-results': [null, null],
  'GET /api/v1/st-tasks': ['work_st_tasks', 'list'],
  'POST /api/v1/st-tasks': ['manage_plan', null],
  'GET /api/v1/st-tasks/{id}': ['work_st_tasks', 'st_task'],
  'PUT /api/v1/st-tasks/{id}': ['manage_plan', 'st_task'],
  'POST /api/v1/st-tasks/{id}/stage': ['work_st_tasks', 'st_task'],
  'POST /api/v1/st-tasks/{id}/events': ['manage_plan', 'st_task'],
  'POST /api/v1/st-tasks/{id}/updates': ['work_st_tasks', 'st_task'],
  'POST /api/v1/st-tasks/{id}/estimates': ['manage_plan', 'st_task'],
  'POST /api/v1/st-tasks/{id}/plan-link': ['manage_plan', 'st_task'],
  'POST /api/v1/st-tasks/{id}/plan-link/end': ['manage_plan', 'st_task'],
  'GET /api/v1/st-task-figures': ['work_st_tasks', 'list'],
  'GET /api/v1/st-problem-pipeline': ['work_st_tasks', 'list'],
  'GET /api/v1/st-tasks.xlsx': ['work_st_tasks', 'list'],
  'POST /api/v1/st-task-imports': ['manage_plan', null],
  'GET /api/v1/st-task-imports/{id}': ['manage_plan', null],
  'POST /api/v1/st-task-imports/{id}/confirm': ['manage_plan', null],
  'GET /api/v1/st-rules': ['read_plan', null],
  'POST /api/v1/st-rules': ['manage_plan', null],
  'GET /api/v1/upstream-programs': ['read_plan', null],
  'GET /api/v1/upstream-programs/{id}/rollup': ['read_synthesis', null],
  'GET /api/v1/tasks/{id}/upstream-links': ['read_plan', null],
  'PUT /api/v1/tasks/{id}/upstream-links': ['manage_plan', null],
  'GET /api/v1/outbox-templates': ['read_synthesis', null],
  'PUT /api/v1/outbox-templates/{system}': ['manage_exchange', null],
  'POST /api/v1/outbox/prepare': ['manage_exchange', null],
  'GET /api/v1/outbox': ['read_synthesis', null],
  'GET /api/v1/outbox/export': ['read_synthesis', null],
  'GET /api/v1/outbox/{id}': ['read_synthesis', null],
  'POST /api/v1/outbox/{id}/entered': ['manage_plan', null],
  'POST /api/v1/outbox/{id}/acknowledged': ['manage_plan', null],
};

let server, admin, doc, plan, wardPlan, program, importId;
const targets = {};  // own / child / other -> { unit, assignment, report, evidence }
const PDF = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');

before(async () => {
  // Events may go to one address only, which does not resolve: a permitted sending pass fails fast.
  server = await startServer({ args: ['--event-allow', 'hooks.example.invalid', '--event-timeout-ms', '300'] });
  admin = await client(server, 'admin');
  // A subscription (id 1) to report steps: the reports submitted below give it deliveries (id 1 …).
  const sub = await admin.post('/api/v1/event-subscriptions', { name: 'Kiểm thử', url: 'https://hooks.example.invalid/tiendo',
    event_types: ['report_submitted'] });
  assert.equal(sub.status, 201, JSON.stringify(sub.body));
  assert.equal(sub.body.id, 1);
  doc = (await admin.get('/api/v1/openapi.json')).body;
  plan = await directiveByNumber(admin, '27/QĐ-BCĐ');
  wardPlan = await directiveByNumber(admin, '2477/UBND-VHXXH');
  // A plan import awaiting confirmation: its routes have something to show or refuse (the demo's own import of
  // its upstream program is confirmed already). Its task number exists already, so a permitted confirmation
  // answers 409 and changes nothing.
  const imp = await admin.call('POST', `/api/v1/directives/${plan.id}/imports?filename=k.csv`,
    'TT,Tên nhiệm vụ,Chủ trì,Thời hạn\n1,Việc thử,Sở Y tế,12/2026\n');
  assert.equal(imp.status, 201, JSON.stringify(imp.body));
  importId = imp.body.id;
  // An issued document (id 1), so that downloading it is allowed or refused, never not found.
  const issued = await admin.post('/api/v1/issued-documents', { directive_id: plan.id, kind: 'appendices',
    number: '1/PL-KIEMTHU', issued_on: '2026-11-24' });
  assert.equal(issued.status, 201, JSON.stringify(issued.body));
  assert.equal(issued.body.id, 1);
  // A published ranking (id 1): a unit reads its own rows of it.
  const published = await admin.post('/api/v1/ranking/publications', { directive_id: plan.id, peer_group: 'commune', month: '2026-10' });
  assert.equal(published.status, 201, JSON.stringify(published.body));
  assert.equal(published.body.id, 1);
  for (const [name, code, directive] of [['own', 'P-HAIAN', plan], ['child', 'P-HAIAN-VHXH', wardPlan], ['other', 'P-LECHAN', plan]]) {
    const unit = await unitByCode(admin, code);
    const a = await admin.get(`/api/v1/assignments?unit_id=${unit.id}&directive_id=${directive.id}&limit=1&status=overdue,in_progress,not_started,due_soon`);
    const assignment = a.body.items[0].id;
    const r = await admin.post('/api/v1/reports', { directive_id: directive.id, period: '2027-01', unit_id: unit.id });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const e = await admin.call('POST', `/api/v1/reports/${r.body.id}/evidence?filename=a.pdf`, PDF);
    assert.equal(e.status, 201, JSON.stringify(e.body));
    // One of each follow-up record in this unit, so that every route has something to refuse or allow.
    const ext = await admin.post('/api/v1/extension-requests', { assignment_id: assignment, requested_due: '2031-06-30', reason: 'Kiểm thử' });
    assert.equal(ext.status, 201, JSON.stringify(ext.body));
    // A review needs work overdue today (?as_of= is not read on writes): move its deadline into the past.
    const due = await admin.put(`/api/v1/assignments/${assignment}/effective-due`, { due: '2026-10-31', reason: 'Kiểm thử: quá hạn' });
    assert.equal(due.status, 200, JSON.stringify(due.body));
    const rev = await admin.post('/api/v1/overdue-reviews', { assignment_id: assignment, cause: 'Thiếu kinh phí',
      responsible_unit: 'Phòng chuyên môn', remedy: 'Bổ sung kinh phí', new_due: '2031-01-01' });
    assert.equal(rev.status, 201, JSON.stringify(rev.body));
    const exp = await admin.post('/api/v1/explanation-requests', { assignment_id: assignment, question: 'Vì sao chậm?', due_on: '2026-12-05' });
    assert.equal(exp.status, 201, JSON.stringify(exp.body));
    const item = r.body.items[0].assignment_id;
    assert.equal((await admin.put(`/api/v1/reports/${r.body.id}`, { version: r.body.version, items: [{ assignment_id: item, progress_percent: 10, exceeds_authority: true }] })).status, 200);
    assert.equal((await admin.post(`/api/v1/reports/${r.body.id}/submit`)).status, 200);
    // An accepted report of another period with a pending request to reopen it.
    const acc = await admin.post('/api/v1/reports', { directive_id: directive.id, period: '2027-03', unit_id: unit.id });
    assert.equal(acc.status, 201, JSON.stringify(acc.body));
    for (const step of ['submit', 'approve', 'accept'])
      assert.equal((await admin.post(`/api/v1/reports/${acc.body.id}/${step}`)).status, 200, step);
    const reopen = await admin.post(`/api/v1/reports/${acc.body.id}/reopen-requests`, { reason: 'Kiểm thử: sửa số liệu' });
    assert.equal(reopen.status, 201, JSON.stringify(reopen.body));
    // A user of the unit for the account routes (deactivate, end sessions …), no role test's own login.
    const u = await admin.post('/api/v1/users', { username: `tk-${name}`, full_name: `Tài khoản ${name}`, role: 'viewer',
      unit_id: unit.id, password: 'Cau-Rao-2#Lach-Tray' });
    assert.equal(u.status, 201, JSON.stringify(u.body));
    // A feedback item from the public page, accepted and assigned to the unit (its lead unit).
    const fb = await admin.call('POST', '/api/v1/public/feedback', { kind: 'phan_anh', field: 'Chuyển đổi số',
      title: `Phản ánh ${name}`, text: `Nội dung ${name}`, sender_type: 'nguoi_dan', name: 'Người gửi',
      contact: { own: '0911000001', child: '0911000002', other: '0911000003' }[name], consent: true });
    assert.equal(fb.status, 201, JSON.stringify(fb.body));
    const listed = (await admin.get('/api/v1/feedback?limit=100')).body.items.find((i) => i.code === fb.body.code);
    const accepted = await admin.post(`/api/v1/feedback/${listed.id}/classify`, { version: listed.version, outcome: 'accepted' });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    const assigned = await admin.post(`/api/v1/feedback/${listed.id}/assign`, { version: accepted.body.version, lead_unit_id: unit.id });
    assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
    // An S&T task managed by the unit, hosted by an organisation under the host root: the host user's own
    // university, its institute, and another university.
    const hostCode = { own: 'VMU', child: 'VMU-VKHHH', other: 'DH-HP' }[name];
    const st = await admin.post('/api/v1/st-tasks', { code: `KT-${name}`, title: `Nhiệm vụ ${name}`, level: 'tinh', kind: 'de_tai',
      mode: 'dat_hang', host_unit_id: (await unitByCode(admin, hostCode)).id, managing_unit_id: unit.id, doc_number: '1/QĐ-KT',
      doc_date: '2026-11-01', signer_name: 'Người ký', signer_position: 'Giám đốc' });
    assert.equal(st.status, 201, JSON.stringify(st.body));
    targets[name] = { st_task: st.body.id, feedback: listed.id, user: u.body.id, unit: unit.id, assignment, report: r.body.id, evidence: e.body.id, extension: ext.body.id,
      review: rev.body.id, explanation: exp.body.id, reopen: reopen.body.id, delegation: null, escalation: `${r.body.id}/${item}` };
  }
  // An import of the S&T task register (id 1): the register as exported, read back (nothing to change).
  const register = await fetch(server.base + '/api/v1/st-tasks.xlsx', { headers: { authorization: `Bearer ${admin.token}` } });
  assert.equal(register.status, 200);
  const stImport = await admin.call('POST', '/api/v1/st-task-imports?filename=so.xlsx', new Uint8Array(await register.arrayBuffer()));
  assert.equal(stImport.status, 201, JSON.stringify(stImport.body));
  assert.equal(stImport.body.id, 1);
  // A delegation of approval (id 1) in Hải An to the account made there above: the admin may revoke it, the
  // unit head then finds it revoked. Only the own unit's: a head delegates in their own unit.
  const head = await client(server, 'haian.truong');
  const delegation = await head.post('/api/v1/delegations', { deputy_id: targets.own.user, from: '2026-11-24', to: '2026-11-30' });
  assert.equal(delegation.status, 201, JSON.stringify(delegation.body));
  targets.own.delegation = delegation.body.id;
  // An upstream program with one task, implemented by the task reported on above: the roll-up has something to
  // show, and the outbox of 2027-01 an item (id 1) to mark or refuse.
  const programDirective = await admin.post('/api/v1/directives', { number: '99-CTr/THU', kind: 'program', title: 'Chương trình thử', issued_on: '2026-01-02', has_plan: true, year: 2026 });
  assert.equal(programDirective.status, 201, JSON.stringify(programDirective.body));
  program = programDirective.body.id;
  const up = await admin.call('POST', `/api/v1/directives/${program}/imports?filename=p.csv&upstream=nq57`,
    'TT,Mã nq57,Tên nhiệm vụ,Chủ trì,Thời hạn\n1,NQ57-THU-1,Việc cấp trên,Các tỉnh,12/2026\n');
  assert.equal(up.status, 201, JSON.stringify(up.body));
  assert.equal((await admin.post(`/api/v1/imports/${up.body.id}/confirm`)).status, 200);
  const upstreamTask = (await admin.get(`/api/v1/tasks?directive_id=${program}`)).body.items[0].id;
  const reported = (await admin.get(`/api/v1/reports/${targets.own.report}`)).body.items[0].assignment_id;
  const cityTask = (await admin.get(`/api/v1/assignments/${reported}`)).body.task_id;
  assert.equal((await admin.put(`/api/v1/tasks/${cityTask}/upstream-links`, { upstream_task_ids: [upstreamTask] })).status, 200);
  const prepared = await admin.post('/api/v1/outbox/prepare', { period: '2027-01' });
  assert.equal(prepared.status, 200, JSON.stringify(prepared.body));
  assert.equal((await admin.get('/api/v1/outbox/1')).status, 200);
});
after(async () => { await server?.stop(); });

const TARGETED = new Set(['assignment', 'report', 'evidence', 'unit_id', 'body_assignment', 'extension', 'review',
  'explanation', 'escalation', 'user', 'feedback', 'st_task', 'reopen']);

function concrete(path, scope, target) {
  if (scope === 'escalation') return path.replace('{report_id}/{assignment_id}', target.escalation);
  return path
    .replace('{day}', '2027-05-01')
    .replace('{system}', 'nq57')
    .replace('{task_id}', '1')
    .replace('{id}', String(scope && !['unit_id', 'list', 'body_assignment'].includes(scope) ? target[scope]
      : path.includes('directives') ? plan.id : path.includes('upstream-programs') ? program
        : path.startsWith('/api/v1/imports/') ? importId : path.includes('unit-groups') ? 1 : path.includes('units') ? target.unit : 1));
}

function request(method, path, scope, target) {
  let url = concrete(path, scope, target);
  let body;
  if (scope === 'body_assignment') {
    body = { assignment_id: target.assignment };
  } else if (scope === 'unit_id') {
    url += `?unit_id=${target.unit}&directive_id=${plan.id}`;
    if (method === 'POST') body = { directive_id: plan.id, period: '2027-02', unit_id: target.unit };
  } else if (url.endsWith('/evidence')) {
    url += '?filename=b.pdf';
    body = PDF;
  } else if (method !== 'GET' && method !== 'DELETE') {
    body = {};
  }
  return { url, body };
}

test('the policy table names every documented route, with the permission the server documents', () => {
  const documented = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const key = `${method.toUpperCase()} ${path}`;
      documented.push(key);
      assert.ok(key in POLICY, `route without an access policy line: ${key}`);
      assert.equal(op['x-permission'], POLICY[key][0], key);
      assert.equal(op['x-scoped'], POLICY[key][1] !== null, `${key} x-scoped`);
    }
  }
  assert.deepEqual(documented.sort(), Object.keys(POLICY).sort());
});

test('without a login every protected route answers 401', async () => {
  const anon = await client(server);
  for (const [key, [perm, scope]] of Object.entries(POLICY)) {
    if (perm === null) continue;
    const [method, path] = key.split(' ');
    const { url, body } = request(method, path, scope, targets.own);
    const r = await anon.call(method, url, body);
    assert.equal(r.status, 401, key);
    assert.equal(r.body.error.code, 'unauthenticated', key);
  }
});

for (const [role, username] of Object.entries(ROLES)) {
  test(`role ${role}: every route allowed or refused as the policy says, in and out of its unit subtree`, async () => {
    const c = await client(server, username);
    for (const [key, [perm, scope]] of Object.entries(POLICY)) {
      if (perm === null || key === 'POST /api/v1/auth/logout') continue;
      const [method, path] = key.split(' ');
      const permitted = PERMISSIONS[perm].includes(role);
      for (const where of TARGETED.has(scope) ? ['own', 'child', 'other'] : ['own']) {
        const { url, body } = request(method, path, scope, targets[where]);
        const r = await c.call(method, url, body);
        const label = `${role} ${key} (${where}) -> ${r.status} ${JSON.stringify(r.body?.error ?? '')}`;
        const inScope = WHOLE_CITY.has(role) || where !== 'other';
        if (!permitted) {
          assert.equal(r.status, 403, label);
        } else if (!inScope) {
          assert.ok(r.status === 403 || r.status === 404, label);
        } else if (scope === 'mine') {
          // Only one's own notifications exist for one: another's id answers 404, never 403 or 500.
          assert.ok([200, 404].includes(r.status), label);
        } else {
          assert.ok(![401, 403, 404, 405].includes(r.status) && r.status < 500, label);
        }
      }
    }
  });
}

test('a scoped list never returns another unit subtree\'s rows', async () => {
  const focal = await client(server, 'haian');
  const mine = new Set([targets.own.unit, targets.child.unit]);
  const subtree = await admin.get(`/api/v1/units?limit=1000`);
  const haian = subtree.body.items.find((u) => u.id === targets.own.unit);
  for (const u of subtree.body.items) if (u.parent_id === haian.id) mine.add(u.id);
  for (const path of ['/api/v1/assignments?limit=1000', '/api/v1/reports?limit=1000']) {
    const r = await focal.get(path);
    assert.equal(r.status, 200, path);
    assert.ok(r.body.total > 0, path);
    for (const row of r.body.items) assert.ok(mine.has(row.unit_id), `${path} leaked unit ${row.unit_id}`);
  }
  const groups = await focal.get('/api/v1/assignment-groups?by=unit');
  assert.ok(groups.body.total > 0);
  for (const g of groups.body.items) assert.ok(mine.has(Number(g.filter.value)), `groups leaked unit ${g.key}`);
  const obligations = await focal.get(`/api/v1/report-obligations?directive_id=${plan.id}&limit=1000`);
  for (const row of obligations.body.items) assert.ok(mine.has(row.unit_id));
  const dash = await focal.get('/api/v1/dashboard');
  assert.equal(dash.body.scope.unit_id, targets.own.unit);
  for (const w of dash.body.warnings.items) assert.ok(mine.has(w.unit_id));
});
