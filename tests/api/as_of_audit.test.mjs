// Issue 12, the auditor's check: a year of facts arriving in random order, late and backdated, and every
// figure a leader reads for a day compared, field by field, between the day after it and the end of the year.
// Unlike as_of_history.test.mjs (one story, each kind of late fact once), the facts here are drawn by a seeded
// generator over every kind the API takes — reports on time and late, corrections after a return, withdrawals,
// approvals and acceptances, extensions asked and decided later, completions confirmed later with an earlier
// declared day, pauses and cancellations dated back, deadlines moved, units opened and closed with dates in
// the past, peer groups changed, tasks and indicators added mid-year — so a rule that reads "now" anywhere is
// found whatever its kind. TIENDO_AUDIT_SEED picks another year; a failure names the seed, date and path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client } from './harness.mjs';

const SEED = Number(process.env.TIENDO_AUDIT_SEED ?? 20261201);
// mulberry32: small, seedable, the same sequence on every machine.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(SEED);
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const pick = (xs) => xs[Math.floor(random() * xs.length)];
const chance = (p) => random() < p;

let server, admin;
const ids = { units: [], communes: [], tasks: [], indicators: {} };
const seen = [];  // { date, path, body } as read on the day after `date`, at 00:05
const done = { kinds: new Map() };  // what the generator managed to do, by kind (the test checks it did enough)

const pad = (n) => String(n).padStart(2, '0');
const day = (y, m, d) => `${y}-${pad(m)}-${pad(d)}`;
const addDays = (iso, n) => {
  const t = new Date(`${iso}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
};
// 00:05 on the day after `iso`, Hải Phòng time (UTC+7).
const justAfter = (iso) => `${iso}T17:05:00Z`;

async function ok(p, what) {
  const r = await p;
  assert.ok(r.status >= 200 && r.status < 300, `seed ${SEED}: ${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
// A random action may be refused for a good reason (a report already accepted, a unit closed); never with 5xx.
async function attempt(kind, p) {
  const r = await p;
  assert.ok(r.status < 500, `seed ${SEED}: ${kind}: ${r.status} ${JSON.stringify(r.body)}`);
  if (r.status < 300) done.kinds.set(kind, (done.kinds.get(kind) ?? 0) + 1);
  return r.status < 300 ? r.body : null;
}

async function restartAt(clock) {
  await server.stop({ keep: true });
  server = await startServer({ reuse: server, clock });
  admin = await client(server, 'admin');
}

const paths = (d) => {
  const p = ids.plan;
  const list = [
    `/api/v1/dashboard?directive_id=${p}&as_of=${d}`,
    `/api/v1/dashboard?as_of=${d}`,
    `/api/v1/ranking?directive_id=${p}&peer_group=commune&as_of=${d}`,
    `/api/v1/ranking?directive_id=${p}&peer_group=department&as_of=${d}`,
    `/api/v1/assignments?directive_id=${p}&as_of=${d}&limit=500`,
    `/api/v1/assignments?directive_id=${p}&status=overdue&as_of=${d}&limit=500`,
    `/api/v1/indicators?directive_id=${p}&as_of=${d}`,
    `/api/v1/report-obligations?directive_id=${p}&as_of=${d}&limit=500`,
    `/api/v1/reports?directive_id=${p}&as_of=${d}&limit=500`,
    `/api/v1/directives/${p}/synthesis?as_of=${d}`,
  ];
  for (const id of Object.values(ids.indicators)) list.push(`/api/v1/indicators/${id}?as_of=${d}`);
  for (const u of ids.communes.slice(0, 3)) list.push(`/api/v1/dashboard?unit_id=${u}&as_of=${d}`);
  // An assignment's page: its deadline words, its status and what its unit said each period, as then.
  for (const a of ids.assignments ?? []) list.push(`/api/v1/assignments/${a}?as_of=${d}`);
  return list;
};

// A document states when its data was read (issue 12): that line alone may differ between two readings.
const READ_AT = new Set(['data_read_at', 'data_read_line']);
const withoutReadAt = (v) => (Array.isArray(v) ? v.map(withoutReadAt)
  : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([k]) => !READ_AT.has(k)).map(([k, x]) => [k, withoutReadAt(x)]))
    : v);

async function record(date) {
  for (const path of paths(date)) {
    const r = await admin.get(path);
    assert.ok(r.status < 500, `seed ${SEED}: ${path}: ${r.status}`);
    seen.push({ date, path, status: r.status, body: withoutReadAt(r.body) });
  }
}

const reports = [];  // { id, unit, period }
const pending = [];  // extension request ids not yet decided

async function liveAssignments(asOf) {
  const r = await ok(admin.get(`/api/v1/assignments?directive_id=${ids.plan}&as_of=${asOf}&limit=500`), 'assignments');
  return r.items;
}

async function sendReport(today) {
  const unit = pick(ids.units);
  const [y, m] = today.split('-').map(Number);
  const prev = m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
  const period = chance(0.6) ? prev : `${y}-${pad(m)}`;
  if (period < '2026-01') return;
  let report = reports.find((x) => x.unit === unit && x.period === period);
  if (!report) {
    const created = await attempt('report created', admin.post('/api/v1/reports', { directive_id: ids.plan, period, unit_id: unit }));
    if (!created) return;
    report = { id: created.id, unit, period };
    reports.push(report);
  }
  const r = (await admin.get(`/api/v1/reports/${report.id}`)).body;
  if (!r || !['draft', 'returned', 'reopened'].includes(r.state)) return;
  const items = r.items.map((i) => ({ assignment_id: i.assignment_id, progress_percent: int(0, 100), work_done: 'Đã triển khai' }));
  const values = [];
  for (const [code, id] of Object.entries(ids.indicators)) {
    if (chance(0.3)) continue;
    if (code === 'share') {
      const den = int(1, 200);
      values.push({ indicator_id: id, numerator: int(0, den), denominator: den });
    } else values.push({ indicator_id: id, value: int(0, 9) });
  }
  const edited = await attempt('report edited', admin.put(`/api/v1/reports/${r.id}`, { version: r.version, items, indicator_values: values }));
  // Unit did not report this indicator: send the items alone.
  if (!edited) await attempt('report edited', admin.put(`/api/v1/reports/${r.id}`, { version: r.version, items }));
  await attempt('report submitted', admin.post(`/api/v1/reports/${r.id}/submit`));
}

async function actOnReport() {
  if (!reports.length) return;
  const report = pick(reports);
  const r = (await admin.get(`/api/v1/reports/${report.id}`)).body;
  if (!r) return;
  if (r.state === 'submitted') {
    const what = pick(['approve', 'return', 'withdraw', 'accept']);
    if (what === 'withdraw') await attempt('report withdrawn', admin.post(`/api/v1/reports/${r.id}/withdraw`, { version: r.version }));
    else if (what === 'return') await attempt('report returned', admin.post(`/api/v1/reports/${r.id}/return`, { reason: 'Đề nghị bổ sung số liệu' }));
    else await attempt(`report ${what}d`, admin.post(`/api/v1/reports/${r.id}/${what}`, {}));
  } else if (r.state === 'approved') {
    if (chance(0.7)) await attempt('report accepted', admin.post(`/api/v1/reports/${r.id}/accept`, {}));
    else await attempt('report returned', admin.post(`/api/v1/reports/${r.id}/return`, { reason: 'Chưa đúng biểu mẫu' }));
  }
}

async function actOnAssignment(today) {
  const live = (await liveAssignments(today)).filter((a) => a.deadline_kind !== 'recurring');
  if (!live.length) return;
  const a = pick(live);
  const kind = pick(['extension', 'extension', 'decide extension', 'decide extension', 'confirm', 'pause', 'resume', 'cancel', 'due', 'reopen']);
  if (kind === 'extension') {
    const due = a.effective_due && a.effective_due > today ? a.effective_due : today;
    const req = await attempt('extension requested', admin.post('/api/v1/extension-requests', {
      assignment_id: a.id, requested_due: addDays(due, int(5, 60)), reason: 'Chờ bố trí kinh phí' }));
    if (req) pending.push(req.id);
  } else if (kind === 'decide extension' && pending.length) {
    const id = pending.splice(int(0, pending.length - 1), 1)[0];
    await attempt('extension decided', admin.post(`/api/v1/extension-requests/${id}/${chance(0.7) ? 'approve' : 'refuse'}`,
      { reason: 'Xem xét đề nghị' }));
  } else if (kind === 'confirm') {
    await attempt('completion confirmed (declared earlier)', admin.post(`/api/v1/assignments/${a.id}/confirm`,
      { done_on: addDays(today, -int(0, 25)) }));
  } else if (kind === 'reopen') {
    await attempt('completion withdrawn', admin.post(`/api/v1/assignments/${a.id}/reopen`, {}));
  } else if (kind === 'pause' || kind === 'cancel') {
    await attempt(`${kind} dated back`, admin.post(`/api/v1/assignments/${a.id}/decision`, {
      decision: kind === 'pause' ? 'paused' : 'cancelled', on: addDays(today, -int(0, 20)) }));
  } else if (kind === 'resume') {
    await attempt('resumed', admin.post(`/api/v1/assignments/${a.id}/decision`, { decision: 'active' }));
  } else if (kind === 'due') {
    await attempt('deadline moved', admin.call('PUT', `/api/v1/assignments/${a.id}/effective-due`, {
      due: addDays(today, int(-30, 60)), reason: 'Điều chỉnh theo chỉ đạo' }));
  }
}

async function changeUnits(today) {
  const what = pick(['close back', 'open back', 'peer group', 'new commune']);
  const u = pick(ids.communes);
  if (what === 'close back') {
    await attempt('unit closed, dated back', admin.call('PATCH', `/api/v1/units/${u}`, { active_to: addDays(today, -int(1, 40)) }));
  } else if (what === 'open back') {
    await attempt('unit opening moved back', admin.call('PATCH', `/api/v1/units/${u}`, { active_from: addDays(today, -int(30, 200)), active_to: null }));
  } else if (what === 'peer group') {
    await attempt('peer group changed', admin.call('PATCH', `/api/v1/units/${u}`, { peer_group: pick(['commune', 'department', 'other']) }));
  } else {
    const code = `AU-N${ids.units.length}`;
    const created = await attempt('commune opened, dated back', admin.post('/api/v1/units', { code, name: `Xã mới ${code}`,
      parent_id: ids.root, kind: 'commune', active_from: addDays(today, -int(0, 60)) }));
    if (created) {
      ids.units.push(created.id);
      ids.communes.push(created.id);
    }
  }
}

async function changePlan(today) {
  const r = random();
  if (r < 0.15) {
    // The reporting rule edited: another due day, due-soon days, update target, ranking weights.
    await attempt('reporting rule edited', admin.call('PUT', `/api/v1/directives/${ids.plan}/reporting-rule`, {
      due_day: int(15, 25), due_soon_days: int(3, 10), update_target: pick([0.8, 0.9, 1]), shift_to_working_day: chance(0.6),
      weights: pick([{ timeliness: 0.25, updates: 0.25, completion: 0.3, indicators: 0.2 },
        { timeliness: 0.4, updates: 0.2, completion: 0.2, indicators: 0.2 }]) }));
  } else if (r < 0.3) {
    // A holiday declared (or withdrawn) for a day soon or just past: due days shift to working days.
    const d = addDays(today, int(-10, 20));
    if (chance(0.7)) await attempt('holiday declared', admin.call('PUT', `/api/v1/holidays/${d}`, { name: 'Nghỉ bù' }));
    else await attempt('holiday withdrawn', admin.call('DELETE', `/api/v1/holidays/${d}`));
  } else if (r < 0.4 && ids.tasks.length > 4) {
    // A task withdrawn from the plan: gone from then on, still work of the days before (and of their trend).
    const t = ids.tasks.splice(int(0, ids.tasks.length - 1), 1)[0];
    await attempt('task removed', admin.call('DELETE', `/api/v1/tasks/${t}`));
  } else if (r < 0.5) {
    // The communes' group loses or regains a member: its indicators are owed by the members of the day.
    const members = ids.communes.filter(() => chance(0.7));
    if (members.length > 0) {
      await attempt('group membership changed', admin.call('PUT', `/api/v1/unit-groups/${ids.group}/members`,
        { member_ids: members }));
    }
  } else if (r < 0.7) {
    const code = `AT${ids.tasks.length + 1}`;
    const leads = [pick(ids.units), pick(ids.units)].filter((x, i, xs) => xs.indexOf(x) === i);
    const t = await attempt('task added mid-year', admin.post('/api/v1/tasks', { directive_id: ids.plan, code, name: `Việc bổ sung ${code}`,
      deadline_text: pick([`${pad(int(1, 28))}/${pad(int(1, 12))}/2026`, 'Quý IV/2026', '31/12/2026', 'Thường xuyên']),
      lead_unit_ids: leads }));
    if (t) ids.tasks.push(t.id);
  } else if (Object.keys(ids.indicators).length < 5) {
    const code = `AI${Object.keys(ids.indicators).length + 1}`;
    const ind = await attempt('indicator added mid-year', admin.post('/api/v1/indicators', { directive_id: ids.plan, code,
      name: `Chỉ tiêu bổ sung ${code}`, target_text: `${int(5, 40)} sản phẩm`, aggregation: 'sum', reporting_group_id: ids.group }));
    if (ind) ids.indicators[code] = ind.id;
  }
}

before(async () => {
  // 5/1/2026, 10:00 in Hải Phòng: the plan is set up with four communes and two departments.
  server = await startServer({ clock: '2026-01-05T03:00:00Z' });
  admin = await client(server, 'admin');
  const root = (await admin.get('/api/v1/units?limit=1000')).body.items.find((u) => u.parent_id == null);
  ids.root = root.id;
  for (const [code, kind] of [['AU-X1', 'commune'], ['AU-X2', 'commune'], ['AU-X3', 'commune'], ['AU-X4', 'commune'],
    ['AU-S1', 'department'], ['AU-S2', 'department']]) {
    const u = await ok(admin.post('/api/v1/units', { code, name: `Đơn vị ${code}`, parent_id: root.id, kind,
      active_from: '2025-07-01' }), code);
    ids.units.push(u.id);
    if (kind === 'commune') ids.communes.push(u.id);
  }
  ids.plan = (await ok(admin.post('/api/v1/directives', { number: '77/KH-AUDIT', kind: 'plan', title: 'Kế hoạch kiểm toán số liệu',
    has_plan: true, year: 2026, issued_on: '2026-01-02' }), 'plan')).id;
  ids.group = (await ok(admin.post('/api/v1/unit-groups', { code: 'AU-XA', name: 'Các xã kiểm toán',
    member_ids: ids.communes }), 'group')).id;
  ids.indicators.count = (await ok(admin.post('/api/v1/indicators', { directive_id: ids.plan, code: 'AI-C', name: 'Sản phẩm số',
    target_text: '20 sản phẩm', aggregation: 'sum', reporting_group_id: ids.group }), 'count')).id;
  ids.indicators.share = (await ok(admin.post('/api/v1/indicators', { directive_id: ids.plan, code: 'AI-R',
    name: 'Tỷ lệ hồ sơ trực tuyến', target_text: '80 %', reporting_group_id: ids.group }), 'share')).id;
  const tasks = [['AT-A', '31/3/2026'], ['AT-B', 'Quý II/2026'], ['AT-C', '30/9/2026'], ['AT-D', 'Thường xuyên'],
    ['AT-E', '31/12/2026'], ['AT-F', 'Tháng 7/2026']];
  for (const [code, deadline] of tasks) {
    const t = await ok(admin.post('/api/v1/tasks', { directive_id: ids.plan, code, name: `Nhiệm vụ ${code}`, deadline_text: deadline,
      lead_unit_ids: ids.units.filter(() => chance(0.6)).concat([ids.units[0]]).filter((x, i, xs) => xs.indexOf(x) === i) }), code);
    ids.tasks.push(t.id);
  }

  ids.assignments = (await ok(admin.get(`/api/v1/assignments?directive_id=${ids.plan}&limit=500`), 'assignments'))
    .items.slice(0, 6).map((a) => a.id);

  // The year: three readings a month, each taken at 00:05 the next day; then the day's facts arrive.
  for (let m = 1; m <= 11; m++) {
    for (const d of [8, 18, 27]) {
      const date = day(2026, m, d);
      await restartAt(justAfter(date));
      await record(date);
      const today = addDays(date, 1);
      for (let k = int(3, 7); k > 0; k--) {
        const r = random();
        if (r < 0.4) await sendReport(today);
        else if (r < 0.6) await actOnReport();
        else if (r < 0.82) await actOnAssignment(today);
        else if (r < 0.86) await changeUnits(today);
        else await changePlan(today);
      }
    }
  }
  // 31/12/2026: every date is asked again.
  await restartAt('2026-12-31T03:00:00Z');
});
after(async () => { await server?.stop(); });

test(`seed ${SEED}: the answer for each past date read the next morning holds at the end of the year, field by field`, async () => {
  const wrong = [];
  for (const { date, path, status, body } of seen) {
    const later = await admin.get(path);
    try {
      assert.equal(later.status, status);
      assert.deepEqual(withoutReadAt(later.body), body);
    } catch (e) {
      wrong.push(`${date} ${path}\n${e.message.split('\n').slice(0, 24).join('\n')}`);
    }
  }
  // Which answers changed, by route (ids and dates left out), then the first few in full.
  const byRoute = {};
  for (const w of wrong) {
    const route = w.split('\n')[0].split(' ')[1].replace(/\d+/g, '#');
    byRoute[route] = (byRoute[route] ?? 0) + 1;
  }
  assert.equal(wrong.length, 0, `seed ${SEED}: ${wrong.length} of ${seen.length} answers changed: ${JSON.stringify(byRoute, null, 1)}\n\n` +
    wrong.slice(0, 6).join('\n\n'));
});

test(`seed ${SEED}: the year held late facts of every kind, and they changed today's answers`, async () => {
  for (const kind of ['report submitted', 'extension decided', 'completion confirmed (declared earlier)', 'deadline moved',
    'unit closed, dated back', 'task added mid-year', 'task removed', 'group membership changed',
    'reporting rule edited', 'holiday declared']) {
    assert.ok((done.kinds.get(kind) ?? 0) > 0, `seed ${SEED}: no "${kind}" happened: ${JSON.stringify([...done.kinds])}`);
  }
  // The comparison above compares something: most days' answers differ from today's.
  let differ = 0;
  for (const { date, path, body } of seen.filter((s) => s.path.startsWith('/api/v1/assignments?') && !s.path.includes('status='))) {
    const now = (await admin.get(path.replace(`as_of=${date}`, 'as_of=2026-12-31'))).body;
    if (JSON.stringify(now) !== JSON.stringify(body)) differ++;
  }
  assert.ok(differ > 20, `only ${differ} days differ from today`);
});

test(`seed ${SEED}: each point of a dashboard's trend is the dashboard asked for that date`, async () => {
  // The trend's points are "the same figures as they stood" at earlier dates: a task removed or a unit that
  // left since must still count at them, exactly as the dashboard for that date counts it.
  const asked = new Map();
  const dashboardAt = async (path, date) => {
    const at = path.includes('as_of=') ? path.replace(/as_of=[0-9-]+/, `as_of=${date}`) : `${path}?as_of=${date}`;
    if (!asked.has(at)) asked.set(at, (await ok(admin.get(at), at)));
    return asked.get(at);
  };
  const wrong = [];
  const dashboards = seen.filter((s) => s.path.startsWith('/api/v1/dashboard?') && s.status === 200).map((s) => s.path)
    .filter((p, i) => i % 3 === 0).concat(['/api/v1/dashboard']);
  let points = 0;
  for (const path of dashboards) {
    const body = await ok(admin.get(path), path);
    for (const t of body.trend) {
      const then = await dashboardAt(path, t.as_of);
      points++;
      const want = { overdue: then.assignments.overdue, done_on_time: then.assignments.done_on_time,
        done_late: then.assignments.done_late, update_compliance: then.update_compliance.rate };
      const got = { overdue: t.overdue, done_on_time: t.done_on_time, done_late: t.done_late,
        update_compliance: t.update_compliance };
      try { assert.deepEqual(got, want); } catch { wrong.push(`${path} point ${t.as_of}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`); }
    }
  }
  assert.ok(points > 50, `only ${points} trend points compared`);
  assert.equal(wrong.length, 0, `seed ${SEED}: ${wrong.length} of ${points} trend points differ:\n${wrong.slice(0, 8).join('\n')}`);
});
