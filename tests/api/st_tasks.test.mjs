// S&T tasks (issue 16): Sở KH&CN walks a task from proposal to recognition with the document behind every
// step (refused without it, or by the wrong person, or against the advance rule), a host files its monthly
// update and its acceptance dossier and sees only its own tasks (its officers hold the host role in an
// organisation under the host root, scoped like every other unit, and get nothing of the city's plan), host
// organisations never count as reporting units, the public page shows recognised results without an
// internal field, and every figure equals the rows behind it, as of a date.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, unitByCode, directiveByNumber, ok, PASSWORD } from './harness.mjs';

let server, agency, host, anon, vmu, dhhp, skhcn;

const doc = (date, over = {}) => ({ doc_number: `${Math.floor(Math.random() * 900) + 100}/QĐ-SKHCN`, doc_date: date,
  signer_name: 'Nguyễn Văn Hùng', signer_position: 'Giám đốc Sở Khoa học và Công nghệ', ...over });

before(async () => {
  server = await startServer();
  agency = await client(server, 'skhcn');
  host = await client(server, 'vmu');
  anon = await client(server);
  vmu = await unitByCode(agency, 'VMU');
  dhhp = await unitByCode(agency, 'DH-HP');
  skhcn = await unitByCode(agency, 'SKHCN');
});
after(async () => { await server?.stop(); });

function register(over = {}) {
  return { code: `KT.${Math.floor(Math.random() * 1e6)}`, title: 'Nghiên cứu cảm biến đo mực nước triều tại cửa Nam Triệu',
    level: 'tinh', kind: 'de_tai', mode: 'dat_hang', host_unit_id: vmu.id, managing_unit_id: skhcn.id,
    principal_investigator: 'TS. Nguyễn Văn Thành', budget_nsnn: 1_000_000_000, budget_other: 0,
    products: [{ name: 'Thiết bị đo mực nước', product_type: 'Thiết bị', quantity: 2, quality_spec: 'Sai số ≤ 1 cm' }],
    years: [{ year: 2026, budget_nsnn: 1_000_000_000 }], ...doc('2026-01-05'), ...over };
}

test('a task walks from proposal to recognition, each step with its document and by the right person', async () => {
  // The proposal needs its document too: each field missing is refused by its Vietnamese label.
  for (const field of ['doc_number', 'doc_date', 'signer_name', 'signer_position']) {
    const r = await agency.post('/api/v1/st-tasks', register({ [field]: undefined }));
    assert.equal(r.status, 400, field);
    assert.equal(r.body.error.field, field);
  }
  // A host organisation must be one: an administrative unit is refused as host.
  assert.equal((await agency.post('/api/v1/st-tasks', register({ host_unit_id: skhcn.id }))).status, 400);
  let t = await ok(agency.post('/api/v1/st-tasks', register({ national_code: 'KHCN.HP.9001', national_code_on: '2026-01-06' })), 'create');
  assert.equal(t.stage, 'de_xuat');
  assert.deepEqual(t.next_stages.map((s) => s.stage), ['xac_dinh', 'huy']);
  // The host may not order or approve.
  const hostMove = await host.post(`/api/v1/st-tasks/${t.id}/stage`, { version: t.version, to_stage: 'xac_dinh', ...doc('2026-02-01') });
  assert.equal(hostMove.status, 403);
  // A stage skipped is refused; a document dated before the previous step's too.
  assert.equal((await agency.post(`/api/v1/st-tasks/${t.id}/stage`, { version: t.version, to_stage: 'phe_duyet', ...doc('2026-02-01') })).status, 409);
  const early = await agency.post(`/api/v1/st-tasks/${t.id}/stage`, { version: t.version, to_stage: 'xac_dinh', ...doc('2026-01-01') });
  assert.equal(early.status, 400);
  assert.equal(early.body.error.field, 'doc_date');
  const steps = [['xac_dinh', '2026-02-01'], ['thong_bao', '2026-02-20'], ['xet_chon', '2026-03-20'], ['phe_duyet', '2026-04-10'],
    ['hop_dong', '2026-04-25'], ['thuc_hien', '2026-05-01']];
  for (const [to, date] of steps) {
    t = await ok(agency.post(`/api/v1/st-tasks/${t.id}/stage`, { version: t.version, to_stage: to, ...doc(date) }), to);
    assert.equal(t.stage, to);
  }
  t = await ok(agency.put(`/api/v1/st-tasks/${t.id}`, { ...register({ code: t.code, national_code: 'KHCN.HP.9001', national_code_on: '2026-01-06' }),
    start_date: '2026-05-01', end_date: '2026-10-31', version: t.version }), 'dates');
  // First advance above half the state budget: refused; at 40 %: paid; a next one before half is settled: refused.
  const over = await agency.post(`/api/v1/st-tasks/${t.id}/events`, { version: t.version, kind: 'tam_ung', amount: 600_000_000, ...doc('2026-05-05') });
  assert.equal(over.status, 409);
  assert.equal(over.body.error.field, 'amount');
  t = await ok(agency.post(`/api/v1/st-tasks/${t.id}/events`, { version: t.version, kind: 'tam_ung', amount: 400_000_000, ...doc('2026-05-05') }), 'advance');
  assert.equal(t.tranche_blocked, true);
  assert.equal((await agency.post(`/api/v1/st-tasks/${t.id}/events`, { version: t.version, kind: 'tam_ung', amount: 300_000_000, ...doc('2026-06-05') })).status, 409);
  t = await ok(agency.post(`/api/v1/st-tasks/${t.id}/events`, { version: t.version, kind: 'thanh_toan', amount: 200_000_000, ...doc('2026-07-05') }), 'settle');
  assert.equal(t.tranche_blocked, false);
  t = await ok(agency.post(`/api/v1/st-tasks/${t.id}/events`, { version: t.version, kind: 'tam_ung', amount: 300_000_000, ...doc('2026-07-10') }), 'advance 2');
  assert.equal(t.advanced, 700_000_000);
  // An extension asked less than a month before the end: refused (the end is 31/10, asked 15/10).
  const ext = await agency.post(`/api/v1/st-tasks/${t.id}/events`, { version: t.version, kind: 'gia_han', requested_on: '2026-10-15',
    new_end: '2027-01-31', ...doc('2026-10-20') });
  assert.equal(ext.status, 409);
  assert.equal(ext.body.error.field, 'requested_on');
  // The host files its monthly update from a phone and then its acceptance dossier.
  t = await ok(host.post(`/api/v1/st-tasks/${t.id}/updates`, { year: 2026, month: 10, progress_percent: 95,
    products_delivered: 'Hai thiết bị đo', spent_to_date: 650_000_000, problems: '' }), 'update');
  assert.equal(t.updates.length, 1);
  assert.equal((await host.post(`/api/v1/st-tasks/${t.id}/updates`, { year: 2027, month: 1, progress_percent: 99 })).status, 400);
  t = await ok(host.post(`/api/v1/st-tasks/${t.id}/stage`, { version: t.version, to_stage: 'nop_nghiem_thu',
    ...doc('2026-11-10', { signer_position: 'Hiệu trưởng' }) }), 'dossier');
  // Once the dossier is filed the task has left execution: no monthly update, of any month or by anyone, and the
  // refusal names the month asked for and says why.
  assert.equal(t.can_update_monthly, false);
  for (const [who, month] of [[host, 11], [host, 10], [agency, 11]]) {
    const late = await who.post(`/api/v1/st-tasks/${t.id}/updates`, { year: 2026, month, progress_percent: 100 });
    assert.equal(late.status, 409);
    assert.equal(late.body.error.field, 'month');
    assert.match(late.body.error.message, new RegExp(`tháng ${month}/2026: nhiệm vụ đã nộp hồ sơ nghiệm thu`));
  }
  assert.equal((await ok(agency.get(`/api/v1/st-tasks/${t.id}`))).updates.length, 1);
  // The council: 3/4 say Xuất sắc and nobody Không đạt → Xuất sắc; recognition follows; failing is refused.
  assert.equal((await agency.post(`/api/v1/st-tasks/${t.id}/stage`, { version: t.version, to_stage: 'danh_gia', ...doc('2026-11-15') })).status, 400);
  t = await ok(agency.post(`/api/v1/st-tasks/${t.id}/stage`, { version: t.version, to_stage: 'danh_gia', votes_xuat_sac: 6, votes_dat: 2,
    votes_khong_dat: 0, ...doc('2026-11-15') }), 'council');
  assert.equal(t.rating, 'xuat_sac');
  assert.equal((await agency.post(`/api/v1/st-tasks/${t.id}/stage`, { version: t.version, to_stage: 'khong_dat', ...doc('2026-11-20') })).status, 409);
  t = await ok(agency.post(`/api/v1/st-tasks/${t.id}/stage`, { version: t.version, to_stage: 'cong_nhan', ...doc('2026-11-20') }), 'recognised');
  assert.equal(t.events.filter((e) => e.kind === 'stage').length, 10);
  // Every step kept its document as typed.
  for (const e of t.events) assert.ok(e.doc_number && e.doc_date && e.signer_name && e.signer_position, JSON.stringify(e));
  // On the public page, without an internal field.
  const pub = await ok(anon.get('/api/v1/public/st-results'), 'public');
  const mine = pub.items.find((x) => x.code === t.code);
  assert.ok(mine);
  assert.equal(mine.rating, 'xuat_sac');
  for (const item of pub.items) {
    assert.deepEqual(Object.keys(item).sort(), ['budget_nsnn', 'budget_other', 'code', 'end_date', 'host_unit_name', 'products',
      'rating', 'recognised_on', 'sector', 'start_date', 'summary', 'title', 'uptake_plan']);
    for (const p of item.products) assert.deepEqual(Object.keys(p).sort(), ['name', 'product_type', 'quantity']);
  }
  // The demo's recognised, registered, settled and followed-up tasks are there; failed and cancelled ones are not.
  const all = await ok(agency.get('/api/v1/st-tasks?limit=1000'), 'list');
  const recognised = all.items.filter((x) => ['cong_nhan', 'dang_ky_kq', 'quyet_toan', 'sau_nghiem_thu'].includes(x.stage));
  assert.equal(pub.total, recognised.length);
});

test('a host sees and updates only the tasks it hosts', async () => {
  const mine = await ok(host.get('/api/v1/st-tasks?limit=1000'), 'host list');
  assert.ok(mine.total > 0);
  const units = new Set([vmu.id, (await unitByCode(agency, 'VMU-VKHHH')).id]);
  for (const t of mine.items) assert.ok(units.has(t.host_unit_id), `leaked ${t.code}`);
  const all = await ok(agency.get('/api/v1/st-tasks?limit=1000'), 'agency list');
  assert.ok(all.total >= 40);
  const other = all.items.find((t) => t.host_unit_id === dhhp.id && t.stage === 'thuc_hien');
  assert.equal((await host.get(`/api/v1/st-tasks/${other.id}`)).status, 404);
  assert.equal((await host.post(`/api/v1/st-tasks/${other.id}/updates`, { year: 2026, month: 10, progress_percent: 50 })).status, 404);
  const figures = await ok(host.get('/api/v1/st-task-figures'), 'host figures');
  for (const r of figures.tracking.rows) assert.ok(mine.items.some((t) => t.id === r.task_id));
  // The host role: its session and its tasks, nothing of the city's plan, reports or figures.
  const me = await ok(host.get('/api/v1/auth/me'), 'me');
  assert.equal(me.role, 'host');
  for (const path of ['/api/v1/assignments?limit=5', '/api/v1/reports', '/api/v1/dashboard', '/api/v1/units', '/api/v1/directives',
    '/api/v1/ranking', '/api/v1/st-rules', '/api/v1/feedback']) {
    assert.equal((await host.get(path)).status, 403, path);
  }
  await ok(host.get('/api/v1/notifications'), 'notifications');
  // Another host (Đại học Hải Phòng) sees exactly the tasks it hosts, and not the Maritime University's.
  const dh = await client(server, 'dhhp');
  const its = await ok(dh.get('/api/v1/st-tasks?limit=1000'), 'dhhp list');
  assert.deepEqual(its.items.map((t) => t.id).sort(), all.items.filter((t) => t.host_unit_id === dhhp.id).map((t) => t.id).sort());
  assert.equal((await dh.get(`/api/v1/st-tasks/${mine.items[0].id}`)).status, 404);
  // It files its own task's monthly update and is refused every step that is not the host's.
  const t = await ok(dh.post(`/api/v1/st-tasks/${other.id}/updates`, { year: 2026, month: 11, progress_percent: 70 }), 'dhhp update');
  assert.equal(t.updates.at(-1).progress_percent, 70);
  assert.equal((await dh.post(`/api/v1/st-tasks/${other.id}/events`, { version: t.version, kind: 'kiem_tra', ...doc('2026-11-20') })).status, 403);
  assert.equal((await dh.post(`/api/v1/st-tasks/${other.id}/stage`, { version: t.version, to_stage: 'cham_dut', ...doc('2026-11-20') })).status, 403);
});

test('the host role belongs to host organisations only, and they keep a tree of their own', async () => {
  const admin = await client(server, 'admin');
  const ward = await unitByCode(admin, 'P-HAIAN');
  const root = await unitByCode(admin, 'TCCT');
  const user = (over) => admin.post('/api/v1/users', { username: `kt-${Math.floor(Math.random() * 1e6)}`, full_name: 'Người thử',
    password: 'Cau-Rao-2#Lach-Tray', ...over });
  for (const [role, unit] of [['host', ward], ['focal_point', dhhp], ['unit_head', vmu], ['host', root]]) {
    const r = await user({ role, unit_id: unit.id });
    assert.equal(r.status, 400, `${role} in ${unit.code}`);
    assert.equal(r.body.error.field, 'role');
  }
  const made = await ok(user({ role: 'host', unit_id: vmu.id }), 'host user');
  assert.equal(made.role, 'host');
  // A host organisation sits under the host root (or under another one); no administrative unit does.
  const unit = (over) => admin.post('/api/v1/units', { code: `KT-${Math.floor(Math.random() * 1e6)}`, name: 'Đơn vị thử', ...over });
  let r = await unit({ kind: 'host_org', parent_id: skhcn.id });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.field, 'kind');
  r = await unit({ kind: 'department', parent_id: root.id });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.field, 'parent_id');
  const faculty = await ok(unit({ kind: 'host_org', parent_id: vmu.id }), 'faculty');
  r = await admin.call('PATCH', `/api/v1/units/${faculty.id}`, { kind: 'department' });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.field, 'kind');
  // Plan work never goes to a host organisation: not as lead, coordinator or group member.
  const plan = await directiveByNumber(admin, '27/QĐ-BCĐ');
  for (const field of ['lead_unit_ids', 'coordinating_unit_ids']) {
    r = await admin.post('/api/v1/tasks', { directive_id: plan.id, code: `KT${field.length}`, name: 'Việc thử', deadline_text: '12/2026',
      lead_unit_ids: [ward.id], [field]: [vmu.id] });
    assert.equal(r.status, 400, field);
    assert.equal(r.body.error.field, field);
  }
  const group = (await ok(admin.get('/api/v1/unit-groups'), 'groups')).items[0];
  r = await admin.put(`/api/v1/unit-groups/${group.id}/members`, { member_ids: [...group.member_ids, dhhp.id] });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.field, 'member_ids');
  r = await admin.post('/api/v1/unit-groups', { code: 'KT-NHOM', name: 'Nhóm thử', member_ids: [ward.id, vmu.id] });
  assert.equal(r.status, 400);
});

test("the city's figures never count a host organisation as a reporting unit", async () => {
  const admin = await client(server, 'admin');
  const units = (await ok(admin.get('/api/v1/units?limit=1000'), 'units')).items;
  const hosts = new Set(units.filter((u) => u.kind === 'host_org' || u.kind === 'host_root').map((u) => u.id));
  assert.ok(hosts.size >= 10);
  const none = (rows, what) => { for (const x of rows) assert.ok(!hosts.has(x.unit_id), `${what}: ${x.unit_name}`); };
  for (const number of ['27/QĐ-BCĐ', '01-CTr/BCĐ']) {
    const plan = await directiveByNumber(admin, number);
    for (const pg of ['', '&peer_group=department', '&peer_group=commune', '&peer_group=other']) {
      const rank = await ok(admin.get(`/api/v1/ranking?directive_id=${plan.id}${pg}`), `ranking ${pg}`);
      none(rank.items, `ranking ${number}${pg}`);
      const byUnit = await ok(admin.get(`/api/v1/dashboard/units?directive_id=${plan.id}${pg}&limit=1000`), `units ${pg}`);
      none(byUnit.items, `dashboard units ${number}${pg}`);
    }
    const due = await ok(admin.get(`/api/v1/report-obligations?directive_id=${plan.id}&period=2026-10&limit=1000`), 'obligations');
    assert.ok(due.items.length > 0);
    none(due.items, `obligations ${number}`);
    assert.equal(due.total, due.items.length);
  }
  const dash = await ok(admin.get('/api/v1/dashboard'), 'dashboard');
  none(dash.warnings.items, 'warnings');
  const reports = await ok(admin.get('/api/v1/reports?limit=1000'), 'reports');
  none(reports.items, 'reports');
});

test('every figure equals the rows behind it, as of a date', async () => {
  for (const asOf of ['2026-06-30', '2026-11-24']) {
    const f = await ok(agency.get(`/api/v1/st-task-figures?as_of=${asOf}`), 'figures');
    const rows = f.tracking.rows;
    assert.equal(f.tracking.active, rows.length);
    assert.equal(f.tracking.registered, rows.filter((r) => r.registered).length);
    assert.equal(f.tracking.documented, rows.filter((r) => r.documented).length);
    assert.equal(f.tracking.updated, rows.filter((r) => r.updated).length);
    assert.equal(f.tracking.tracked, rows.filter((r) => r.registered && r.documented && r.updated).length);
    for (const r of rows) assert.equal(r.updated, r.months_updated === r.months_due);
    assert.ok(Math.abs(f.tracking.rate_percent - 100 * f.tracking.tracked / f.tracking.active) < 1e-9);
    const list = await ok(agency.get(`/api/v1/st-tasks?as_of=${asOf}&limit=1000`), 'list');
    const byId = new Map(list.items.map((t) => [t.id, t]));
    // The stage counts add up to the tasks known by then, each task counted at the stage it had then.
    const counted = f.stages.flatMap((s) => s.task_ids.map((id) => [id, s.stage]));
    for (const [id, stage] of counted) assert.equal(byId.get(id).stage, stage);
    assert.equal(counted.length, list.items.filter((t) => t.stage_since !== null).length);
    assert.equal(f.disbursement.advanced, list.items.reduce((s, t) => s + t.advanced, 0));
    assert.equal(f.disbursement.settled, list.items.reduce((s, t) => s + t.settled, 0));
    assert.deepEqual(f.overdue.map((o) => `${o.task_id}:${o.kind}`).sort(),
      list.items.flatMap((t) => t.overdue.map((o) => `${o.task_id}:${o.kind}`)).sort());
    for (const b of f.disbursement.blocked) assert.ok(byId.get(b.task_id).tranche_blocked);
    // Disbursement in the year against its estimates: the totals are the rows', each row the task's own advances.
    const y = f.disbursement.year;
    assert.equal(y.year, Number(asOf.slice(0, 4)));
    assert.equal(y.estimate, y.rows.reduce((s, r) => s + (r.estimate ?? 0), 0));
    assert.equal(y.disbursed, y.rows.reduce((s, r) => s + r.disbursed, 0));
    if (y.estimate) assert.ok(Math.abs(y.rate_percent - 100 * y.disbursed / y.estimate) < 1e-9);
    for (const r of y.rows.slice(0, 5)) {
      const d = await ok(agency.get(`/api/v1/st-tasks/${r.task_id}?as_of=${asOf}`), 'detail');
      const paid = d.events.filter((e) => e.kind === 'tam_ung' && e.doc_date.startsWith(String(y.year)) && e.doc_date <= asOf)
        .reduce((s, e) => s + e.amount, 0);
      assert.equal(r.disbursed, paid, r.code);
      assert.equal(r.estimate, d.estimates.find((e) => e.year === y.year)?.amount ?? null, r.code);
    }
    if (asOf === '2026-11-24') assert.ok(y.rows.length >= 10 && y.rate_percent > 0);
    if (asOf === '2026-11-24') {
      // The demo shows every kind of lateness and at least one blocked tranche.
      const kinds = new Set(f.overdue.map((o) => o.kind));
      for (const k of ['no_contract', 'no_dossier', 'not_registered']) assert.ok(kinds.has(k), k);
      assert.ok(f.disbursement.blocked.length >= 2);
      assert.ok(f.tracking.tracked < f.tracking.active);
      assert.ok(f.outcomes.some((o) => o.rating === 'khong_dat'));
      assert.ok(list.items.some((t) => t.extended));
    }
  }
  // Earlier, fewer tasks were known.
  const june = await ok(agency.get('/api/v1/st-tasks?as_of=2025-01-01&limit=1000'), 'early');
  const now = await ok(agency.get('/api/v1/st-tasks?limit=1000'), 'now');
  assert.ok(june.items.filter((t) => t.stage_since !== null).length < now.items.length);
});

test("the standing agency enters a year's estimate; a past date keeps the estimate known then", async () => {
  const all = await ok(agency.get('/api/v1/st-tasks?limit=1000'), 'list');
  const task = all.items.find((t) => t.stage === 'thuc_hien' && t.years.some((y) => y.year === 2026));
  const before = await ok(agency.get(`/api/v1/st-tasks/${task.id}`), 'before');
  const old = before.estimates.find((e) => e.year === 2026);
  assert.ok(old, 'the demo entered 2026');
  const t = await ok(agency.post(`/api/v1/st-tasks/${task.id}/estimates`, { year: 2026, amount: 123_000_000 }), 'estimate');
  assert.deepEqual(t.estimates.find((e) => e.year === 2026), { year: 2026, amount: 123_000_000, entered_on: '2026-11-24' });
  const row = (f) => f.disbursement.year.rows.find((r) => r.task_id === task.id);
  assert.equal(row(await ok(agency.get('/api/v1/st-task-figures'), 'now')).estimate, 123_000_000);
  // Yesterday's figure keeps the estimate known yesterday.
  assert.equal(row(await ok(agency.get('/api/v1/st-task-figures?as_of=2026-11-23'), 'yesterday')).estimate, old.amount);
  assert.equal((await host.post(`/api/v1/st-tasks/${task.id}/estimates`, { year: 2026, amount: 1 })).status, 403);
  const bad = await agency.post(`/api/v1/st-tasks/${task.id}/estimates`, { year: 2026, amount: -5 });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'amount');
});

test('rules take effect from a date; earlier dates keep the rule of their time', async () => {
  const before = await ok(agency.get('/api/v1/st-rules'), 'rules');
  assert.equal(before.items[0].contract_within_days, 30);
  const admin = await client(server, 'admin');
  const added = await ok(admin.post('/api/v1/st-rules', { effective_from: '2026-11-01', contract_within_days: 15 }), 'add');
  assert.equal(added.contract_within_days, 15);
  assert.equal(added.first_advance_max_percent, 50);
  assert.equal((await admin.post('/api/v1/st-rules', { effective_from: '2026-11-01' })).status, 409);
  assert.equal((await host.post('/api/v1/st-rules', { effective_from: '2026-12-01' })).status, 403);
  const after = await ok(agency.get('/api/v1/st-rules'), 'rules after');
  assert.equal(after.items.length, before.items.length + 1);
});

test('the problem pipeline: problems per sector, tasks ordered for each, the target, the rows behind, as of a date', async () => {
  const sector = `Kinh tế biển ${Math.floor(Math.random() * 1e6)}`;
  const make = async (problem) => ok(agency.post('/api/v1/st-tasks', register({ sector, problem })), problem);
  const a1 = await make('Bồi lắng luồng hàng hải');
  const a2 = await make('bồi lắng  luồng HÀNG HẢI');  // the same problem, typed otherwise
  const b = await make('Xâm nhập mặn');
  await make('Nuôi biển công nghệ cao');
  const step = (t, to, date) => ok(agency.post(`/api/v1/st-tasks/${t.id}/stage`, { version: t.version, to_stage: to, ...doc(date) }), to);
  await step(a1, 'xac_dinh', '2026-02-01');
  const bOrdered = await step(b, 'xac_dinh', '2026-02-03');
  await step(bOrdered, 'huy', '2026-03-01');  // ordered, then cancelled: no longer an ordered task
  const p = await ok(agency.get('/api/v1/st-problem-pipeline'), 'pipeline');
  const s = p.sectors.find((x) => x.sector === sector);
  assert.equal(s.problems_proposed, 3);
  assert.equal(s.problems_ordered, 1);
  assert.equal(s.ordered_tasks, 1);
  const shoal = s.problem_rows.find((x) => x.tasks.some((t) => t.task_id === a1.id));
  assert.deepEqual(shoal.tasks.map((x) => x.task_id).sort(), [a1.id, a2.id].sort());
  assert.equal(shoal.tasks.find((x) => x.task_id === a1.id).ordered_on, '2026-02-01');
  assert.equal(shoal.tasks.find((x) => x.task_id === a2.id).ordered_on, null);
  assert.equal(s.problem_rows.find((x) => x.problem === 'Xâm nhập mặn').tasks[0].stage, 'huy');
  assert.match(shoal.problem, /^bồi lắng/i);
  // Every number equals the rows behind it; the target is the seed's three.
  for (const asOf of ['2026-03-01', '2026-11-23', '2026-11-24']) {
    const q = await ok(agency.get(`/api/v1/st-problem-pipeline?as_of=${asOf}`), asOf);
    let proposed = 0, ordered = 0, tasks = 0;
    for (const x of q.sectors) {
      const rows = x.problem_rows;
      assert.equal(x.problems_proposed, rows.length);
      assert.equal(x.problems_ordered, rows.filter((r) => r.tasks.some((t) => t.ordered_on)).length);
      for (const r of rows) assert.equal(r.ordered_tasks, r.tasks.filter((t) => t.ordered_on).length);
      assert.equal(x.ordered_tasks, rows.reduce((n, r) => n + r.ordered_tasks, 0));
      proposed += x.problems_proposed;
      ordered += x.problems_ordered;
      tasks += x.ordered_tasks;
    }
    assert.deepEqual([q.problems_proposed, q.problems_ordered, q.ordered_tasks], [proposed, ordered, tasks], asOf);
    assert.equal(q.target, 3);
    assert.equal(q.met, q.problems_ordered >= 3);
    // The demo's ordered tasks answer their sectors' problems: the target is met.
    assert.ok(q.met, asOf);
    // Yesterday, the tasks registered today were not known yet: a past date keeps its answer.
    if (asOf !== '2026-11-24') assert.ok(!q.sectors.some((x) => x.sector === sector), asOf);
  }
  // A host sees the problems of its own tasks only.
  const h = await ok(host.get('/api/v1/st-problem-pipeline'), 'host');
  const mine = new Set((await ok(host.get('/api/v1/st-tasks?limit=1000'), 'host tasks')).items.map((t) => t.id));
  for (const x of h.sectors) for (const r of x.problem_rows) for (const t of r.tasks) assert.ok(mine.has(t.task_id));
});

// The register comes a page at a time (issue 16 at national size): the total counts every task the filters keep in
// the caller's scope, the pages cover each of them once in the register's order, and a filter applies before the
// page is cut.
test('the register is paged: pages cover every task once, the total before the page, filters first', async () => {
  const all = await ok(agency.get('/api/v1/st-tasks?limit=1000'), 'all');
  assert.equal(all.items.length, all.total);
  assert.ok(all.total > 14);
  const first = await ok(agency.get('/api/v1/st-tasks'), 'default page');
  assert.equal(first.total, all.total);
  assert.equal(first.limit, 50);
  assert.equal(first.offset, 0);
  assert.deepEqual(first.items.map((t) => t.id), all.items.slice(0, 50).map((t) => t.id));
  const ids = [];
  for (let offset = 0; offset < all.total; offset += 7) {
    const page = await ok(agency.get(`/api/v1/st-tasks?limit=7&offset=${offset}`), `page ${offset}`);
    assert.equal(page.total, all.total);
    assert.ok(page.items.length <= 7);
    ids.push(...page.items.map((t) => t.id));
  }
  assert.deepEqual(ids, all.items.map((t) => t.id));
  assert.equal((await ok(agency.get(`/api/v1/st-tasks?offset=${all.total}`), 'past the end')).items.length, 0);
  // A stage filter counts and pages the tasks at that stage only.
  const executing = all.items.filter((t) => t.stage === 'thuc_hien').map((t) => t.id);
  const page = await ok(agency.get('/api/v1/st-tasks?stage=thuc_hien&limit=3&offset=1'), 'filtered');
  assert.equal(page.total, executing.length);
  assert.deepEqual(page.items.map((t) => t.id), executing.slice(1, 4));
  // A host's pages: its own tasks only, counted alike.
  const mine = await ok(host.get('/api/v1/st-tasks?limit=2'), 'host page');
  const hosted = await ok(host.get('/api/v1/st-tasks?limit=1000'), 'host all');
  assert.equal(mine.total, hosted.items.length);
  for (const bad of ['limit=0', 'limit=1001', 'offset=-1', 'stage=khong_co']) {
    assert.equal((await agency.get(`/api/v1/st-tasks?${bad}`)).status, 400, bad);
  }
});

// The figures of a past date are kept once computed (service/st_model): a monthly update filed today leaves them as
// they were and moves today's; a register edit is read at once.
test('a past date\'s figures stay as they were when a later fact arrives; today\'s move at once', async () => {
  const all = await ok(agency.get('/api/v1/st-tasks?stage=thuc_hien&limit=1000'), 'executing');
  const past = await ok(agency.get('/api/v1/st-task-figures?as_of=2026-10-31'), 'past');
  const pastPipeline = await ok(agency.get('/api/v1/st-problem-pipeline?as_of=2026-10-31'), 'past pipeline');
  const task = all.items.find((t) => t.host_unit_id === vmu.id) ?? all.items[0];
  const who = task.host_unit_id === vmu.id ? host : agency;
  const before = await ok(who.get(`/api/v1/st-tasks/${task.id}`), 'before');
  await ok(who.post(`/api/v1/st-tasks/${task.id}/updates`, { year: 2026, month: 11, progress_percent: 77 }), 'update');
  assert.deepEqual(await ok(agency.get('/api/v1/st-task-figures?as_of=2026-10-31'), 'past again'), past);
  assert.deepEqual(await ok(agency.get('/api/v1/st-problem-pipeline?as_of=2026-10-31'), 'pipeline again'), pastPipeline);
  const after = await ok(who.get(`/api/v1/st-tasks/${task.id}`), 'after');
  assert.equal(after.updates.length, before.updates.length + 1);
  // A register edit (the sector, the register's current text: R18) shows in the past date's pipeline at once.
  const sector = `Lĩnh vực thử ${Math.floor(Math.random() * 1e6)}`;
  const edited = await ok(agency.put(`/api/v1/st-tasks/${task.id}`, { ...after, sector, problem: after.problem || 'Bài toán thử',
    host_unit_id: after.host_unit_id, managing_unit_id: after.managing_unit_id, version: after.version }), 'edit');
  assert.equal(edited.sector, sector);
  const today = await ok(agency.get('/api/v1/st-problem-pipeline'), 'today pipeline');
  assert.ok(today.sectors.some((s) => s.sector === sector), 'the edit reaches today');
  const page = await ok(agency.get(`/api/v1/st-tasks?limit=1000`), 'register');
  assert.equal(page.items.find((t) => t.id === task.id).sector, sector);
});
