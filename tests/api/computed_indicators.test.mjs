// R19 (issues 15 and 16, item 4): an indicator whose data source is a figure the system computes — feedback R1,
// R2, the rated share (R17), the S&T tracking rate (R18) — takes as its value, as of any date, that figure as of
// the date, with the numerator and denominator in its explanation, equal to the count of the items behind it; a
// later rating never changes an earlier date's value; changing the source is history; units never type it; the
// national portal's indicator is labelled as entered by hand. R11: the ranking's feedback component, with its
// weight (0 by default) and its minimum of judged items, shows the counts behind it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, ok, restarted, unitByCode } from './harness.mjs';
import { recount as inboxRecount } from './feedback_recount.mjs';

let server, admin;
const ids = {};

// R17 recounted from the inbox's rows, as of a date, as the computed sources' numerator and denominator.
function recount(items, asOf) {
  const r = inboxRecount(items, asOf);
  return {
    feedback_r1: [r.answered_on_time, r.answered + r.overdue],
    feedback_r2: [r.within_competence - r.complaints, r.within_competence],
    feedback_rated_share: [r.rated_good, r.ratings],
  };
}

const indicator = async (c, asOf) => ok(c.get(`/api/v1/indicators/${ids[asOf.source]}?as_of=${asOf.day}`), `${asOf.source} ${asOf.day}`);

function assertComputed(body, source, [numerator, denominator], day) {
  const e = body.evaluation;
  assert.equal(e.rule, 'R19', `${source} ${day}`);
  assert.equal(e.computed.source, source);
  assert.equal(e.computed.numerator, numerator, `${source} ${day} numerator`);
  assert.equal(e.computed.denominator, denominator, `${source} ${day} denominator`);
  if (denominator === 0) {
    assert.equal(e.actual.value, null);
  } else {
    assert.ok(Math.abs(e.actual.value - (100 * numerator) / denominator) < 1e-9, `${source} ${day} value`);
  }
  assert.ok(e.why.includes(`${numerator}/${denominator}`), e.why);
  assert.ok(e.why.includes(`${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`), e.why);
  assert.match(e.why, /tự tính/);
}

before(async () => {
  // 20/11/2026: the demo city; a plan of its own with four computed indicators and a count.
  server = await startServer({ clock: '2026-11-20T03:00:00Z' });
  admin = await client(server, 'admin');
  const root = (await admin.get('/api/v1/units?limit=1000')).body.items.find((u) => u.parent_id == null);
  ids.unit = (await ok(admin.post('/api/v1/units', { code: 'CI-A', name: 'Xã tự tính', parent_id: root.id, kind: 'commune' }), 'unit')).id;
  ids.plan = (await ok(admin.post('/api/v1/directives', { number: '36/KH-CI', kind: 'plan', title: 'Kế hoạch chỉ tiêu tự tính',
    issued_on: '2026-01-02', has_plan: true, year: 2026 }), 'plan')).id;
  await ok(admin.post('/api/v1/tasks', { directive_id: ids.plan, code: 'CI1', name: 'Việc của xã', deadline_text: '31/12/2026',
    lead_unit_ids: [ids.unit] }), 'task');
  for (const [code, source] of [['CI-R1', 'feedback_r1'], ['CI-R2', 'feedback_r2'], ['CI-HL', 'feedback_rated_share'],
    ['CI-ST', 'st_tracking']]) {
    const created = await ok(admin.post('/api/v1/indicators', { directive_id: ids.plan, code, name: `Chỉ tiêu ${code}`,
      target_text: '≥90%', monitoring_unit_id: ids.unit, data_source: source }), code);
    assert.equal(created.data_source, source);
    assert.match(created.data_source_label, /^Tự tính/);
    ids[source] = created.id;
  }
  ids.portal = (await ok(admin.post('/api/v1/indicators', { directive_id: ids.plan, code: 'CI-11', name: 'Tỷ lệ hài lòng với dịch vụ công trực tuyến',
    target_text: '≥95%', monitoring_unit_id: ids.unit }), 'portal')).id;
  // The day after, the source moves to "reported" for R2 (history: the 20th keeps its computed figure).
  [server, admin] = await restarted(server, '2026-11-21T03:00:00Z');
  await ok(admin.put(`/api/v1/indicators/${ids.feedback_r2}/source`, { data_source: 'reported' }), 'r2 reported');
  [server, admin] = await restarted(server, '2026-11-22T03:00:00Z');
  await ok(admin.put(`/api/v1/indicators/${ids.feedback_r2}/source`, { data_source: 'feedback_r2' }), 'r2 computed again');
  [server, admin] = await restarted(server, '2026-11-24T03:00:00Z');
});
after(async () => { await server?.stop(); });

test('each computed value equals the count of the items behind it, at several dates', async () => {
  const items = (await ok(admin.get('/api/v1/feedback?limit=1000'), 'inbox')).items;
  assert.ok(items.length > 50, 'the demo has feedback items');
  // The indicators were added on the 20th with their source (before it they were not there: an indicator's source
  // counts from when it was recorded, R15).
  const early = await indicator(admin, { source: 'feedback_r1', day: '2026-11-19' });
  assert.equal(early.evaluation.computed, null);
  for (const day of ['2026-11-20', '2026-11-22', '2026-11-23', '2026-11-24']) {
    const want = recount(items, day);
    for (const source of ['feedback_r1', 'feedback_rated_share']) assertComputed(await indicator(admin, { source, day }), source, want[source], day);
    if (day !== '2026-11-21') assertComputed(await indicator(admin, { source: 'feedback_r2', day }), 'feedback_r2', want.feedback_r2, day);
    // R18: the tracked tasks and the active ones are the rows of the S&T figures of that day.
    const st = await ok(admin.get(`/api/v1/st-task-figures?as_of=${day}`), 'st figures');
    const rows = st.tracking.rows;
    assertComputed(await indicator(admin, { source: 'st_tracking', day }), 'st_tracking',
      [rows.filter((r) => r.registered && r.documented && r.updated).length, rows.length], day);
  }
  // The list, the dashboard's indicator table and the synthesis read the same figure.
  const list = await ok(admin.get(`/api/v1/indicators?directive_id=${ids.plan}&as_of=2026-11-22`), 'list');
  const r1 = list.items.find((i) => i.id === ids.feedback_r1);
  assert.deepEqual(r1.evaluation.computed, (await indicator(admin, { source: 'feedback_r1', day: '2026-11-22' })).evaluation.computed);
  for (const asOf of ['', '&as_of=2026-11-22']) {
    const dash = await ok(admin.get(`/api/v1/dashboard?directive_id=${ids.plan}${asOf}`), 'dashboard');
    const row = dash.indicators.items.find((i) => i.id === ids.feedback_r1);
    const day = asOf ? '2026-11-22' : '2026-11-24';
    assert.deepEqual([row.evaluation.computed.numerator, row.evaluation.computed.denominator], recount(items, day).feedback_r1, day);
  }
});

test('a past date keeps its value after a later rating; today moves', async () => {
  const day = '2026-11-23';
  const before = await indicator(admin, { source: 'feedback_rated_share', day });
  const todayBefore = await indicator(admin, { source: 'feedback_rated_share', day: '2026-11-24' });
  // A citizen's item received today, answered, published and rated "Hài lòng" today.
  const anon = await client(server);
  const receipt = await ok(anon.call('POST', '/api/v1/public/feedback', { kind: 'kien_nghi', field: 'Chuyển đổi số',
    title: 'Wi-Fi công cộng', text: `Mở rộng Wi-Fi công cộng ${Math.random()}`, sender_type: 'nguoi_dan', name: 'Trần Thị Bình',
    contact: '0911 222 333', consent: true }, { 'x-real-ip': '10.9.9.9' }), 'submit');
  const agency = await client(server, 'skhcn');
  const haian = await unitByCode(agency, 'P-HAIAN');
  let it = (await ok(agency.get('/api/v1/feedback?limit=1000'), 'inbox')).items.find((x) => x.code === receipt.code);
  it = await ok(agency.post(`/api/v1/feedback/${it.id}/classify`, { version: it.version, outcome: 'accepted' }), 'classify');
  it = await ok(agency.post(`/api/v1/feedback/${it.id}/assign`, { version: it.version, lead_unit_id: haian.id }), 'assign');
  const focal = await client(server, 'haian');
  const head = await client(server, 'haian.truong');
  it = await ok(focal.post(`/api/v1/feedback/${it.id}/answer`, { version: it.version, answer: 'Sẽ mở rộng trong quý I/2027.' }), 'answer');
  it = await ok(focal.post(`/api/v1/feedback/${it.id}/moderate`, { version: it.version, public_title: 'Wi-Fi công cộng', public_text: 'Mở rộng Wi-Fi công cộng' }), 'moderate');
  it = await ok(head.post(`/api/v1/feedback/${it.id}/approve`, { version: it.version }), 'approve');
  await ok(anon.post(`/api/v1/public/feedback/${receipt.code}/rating`, { token: receipt.rating_token, rating: 'hai_long' }), 'rate');

  const after = await indicator(admin, { source: 'feedback_rated_share', day });
  assert.deepEqual(after.evaluation, before.evaluation, 'the 23rd is as it was');
  const today = await indicator(admin, { source: 'feedback_rated_share', day: '2026-11-24' });
  assert.equal(today.evaluation.computed.denominator, todayBefore.evaluation.computed.denominator + 1);
  assert.equal(today.evaluation.computed.numerator, todayBefore.evaluation.computed.numerator + 1);
  // The resident dashboard of today sees the rating too.
  const dash = await ok(admin.get(`/api/v1/dashboard?directive_id=${ids.plan}`), 'dashboard');
  assert.deepEqual(dash.indicators.items.find((i) => i.id === ids.feedback_rated_share).evaluation.computed,
    today.evaluation.computed);
});

test('changing the source is history: the 21st was reported, the 20th and 22nd computed', async () => {
  const on = async (day) => (await indicator(admin, { source: 'feedback_r2', day }));
  const reported = await on('2026-11-21');
  assert.equal(reported.data_source, 'reported');
  assert.equal(reported.evaluation.computed, null);
  assert.notEqual(reported.evaluation.rule, 'R19');
  for (const day of ['2026-11-20', '2026-11-22']) {
    const x = await on(day);
    assert.equal(x.data_source, 'feedback_r2', day);
    assert.equal(x.evaluation.rule, 'R19', day);
  }
  // Refusals: an unknown source, and a computed source on a count.
  const bad = await admin.put(`/api/v1/indicators/${ids.feedback_r2}/source`, { data_source: 'typed' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'data_source');
  const count = await ok(admin.post('/api/v1/indicators', { directive_id: ids.plan, code: 'CI-SP', name: 'Sản phẩm', target_text: '5 sản phẩm' }), 'count');
  const onCount = await admin.put(`/api/v1/indicators/${count.id}/source`, { data_source: 'feedback_r1' });
  assert.equal(onCount.status, 400);
  assert.match(onCount.body.error.message, /%/);
  // A unit cannot change it.
  const focal = await client(server, 'haian');
  assert.equal((await focal.put(`/api/v1/indicators/${ids.feedback_r2}/source`, { data_source: 'reported' })).status, 403);
});

test('units never type a computed indicator; the national portal indicator is typed and labelled so', async () => {
  await ok(admin.put(`/api/v1/indicators/${ids.portal}/source`, { data_source: 'national_portal' }), 'portal');
  const report = await ok(admin.post('/api/v1/reports', { directive_id: ids.plan, period: '2026-11', unit_id: ids.unit }), 'report');
  const detail = await ok(admin.get(`/api/v1/reports/${report.id}`), 'detail');
  const offered = detail.reportable_indicators.map((i) => i.id ?? i.indicator_id);
  assert.deepEqual(offered, [ids.portal], 'only the typed indicator is offered');
  const refused = await admin.put(`/api/v1/reports/${report.id}`, { version: detail.version,
    indicator_values: [{ indicator_id: ids.feedback_r1, numerator: 9, denominator: 10 }] });
  assert.equal(refused.status, 400);
  assert.equal(refused.body.error.field, 'indicator_values[0].indicator_id');
  assert.match(refused.body.error.message, /CI-R1 do hệ thống tự tính/);
  await ok(admin.put(`/api/v1/reports/${report.id}`, { version: detail.version,
    indicator_values: [{ indicator_id: ids.portal, numerator: 96, denominator: 100 }] }), 'portal value');
  const portal = await ok(admin.get(`/api/v1/indicators/${ids.portal}`), 'portal indicator');
  assert.equal(portal.data_source, 'national_portal');
  assert.equal(portal.data_source_label, 'Nguồn: Cổng dịch vụ công quốc gia (nhập tay)');
  assert.equal(portal.evaluation.computed, null);
});

test('R11: the feedback component weighs nothing by default, then counts with its minimum and its counts', async () => {
  const plans = (await ok(admin.get('/api/v1/directives?has_plan=true&limit=100'), 'plans')).items;
  const demo = plans.find((p) => p.id !== ids.plan);
  const path = `/api/v1/ranking?directive_id=${demo.id}&peer_group=commune`;
  const plain = await ok(admin.get(path), 'ranking');
  assert.equal(plain.weights.feedback, 0);
  assert.ok(!plain.formula.includes('phản ánh'));
  assert.ok(plain.items.every((u) => u.components.feedback.counted === false));
  const pastBefore = await ok(admin.get(`${path}&as_of=2026-11-10`), 'past ranking');

  const rule = await ok(admin.get(`/api/v1/directives/${demo.id}/reporting-rule`), 'rule');
  await ok(admin.put(`/api/v1/directives/${demo.id}/reporting-rule`, { weights: { ...rule.weights, feedback: 0.2, feedback_min_items: 3 } }), 'weights');
  const badMin = await admin.put(`/api/v1/directives/${demo.id}/reporting-rule`, { weights: { feedback_min_items: 0 } });
  assert.equal(badMin.status, 400);
  assert.equal(badMin.body.error.field, 'weights.feedback_min_items');

  const weighed = await ok(admin.get(path), 'ranking weighed');
  assert.equal(weighed.weights.feedback, 0.2);
  assert.equal(weighed.weights.feedback_min_items, 3);
  assert.match(weighed.formula, /trả lời phản ánh đúng hạn, khi đơn vị chủ trì ít nhất 3 phản ánh/);
  // The counts behind each unit's component are its R1 counts as lead unit, items received in 2026.
  const fig = await ok(admin.get('/api/v1/feedback-figures?from=2026-01-01&to=2026-11-24'), 'figures');
  let counted = 0;
  for (const u of weighed.items) {
    const f = fig.units.find((x) => x.unit_id === u.unit_id);
    const [num, den] = f ? [f.answered_on_time, f.answered + f.overdue] : [0, 0];
    assert.equal(u.components.feedback.numerator, num, u.unit_name);
    assert.equal(u.components.feedback.denominator, den, u.unit_name);
    assert.equal(u.components.feedback.counted, den >= 3, u.unit_name);
    if (den >= 3) counted += 1;
  }
  assert.ok(counted > 0, 'some commune led at least 3 judged items');
  // A past date keeps the weights of its day (R15): the ranking of the 10th is unchanged.
  assert.deepEqual(await ok(admin.get(`${path}&as_of=2026-11-10`), 'past again'), pastBefore);
});
