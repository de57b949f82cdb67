// Issue 17: GET /risks — open work with a deadline forecast to finish after it (or stalled), with the reason in
// words and a link to the assignment, and where the risk concentrates. On the demo (synthetic) plan.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, ok, unitByCode } from './harness.mjs';

let server, admin, focal;
before(async () => {
  server = await startServer();
  admin = await client(server, 'admin');
  focal = await client(server, 'haian');  // the focal point of one commune
});
after(async () => server?.stop());

// 31/05/2026: a month before the demo's 30/06 deadlines, with three reports of the main plan known.
const AS_OF = '2026-05-31';

test('at-risk work as known at a past date: reason, link, progress as the assignment list shows it', async () => {
  const r = await ok(admin.get(`/api/v1/risks?as_of=${AS_OF}`), 'risks');
  assert.equal(r.as_of, AS_OF);
  assert.equal(r.stalled_periods, 3);
  assert.ok(r.items.length > 0, 'the demo has late work a month ahead');
  assert.ok(r.forecast_count > r.items.length, 'most work is not at risk');
  const byId = new Map();
  for (let offset = 0; ; offset += 1000) {
    const page = await ok(admin.get(`/api/v1/assignments?as_of=${AS_OF}&limit=1000&offset=${offset}`), 'assignments');
    for (const a of page.items) byId.set(a.id, a);
    if (offset + 1000 >= page.total) break;
  }
  for (const item of r.items) {
    const a = byId.get(item.assignment_id);
    assert.ok(a, `assignment ${item.assignment_id} is listed for the same date`);
    assert.equal(item.progress_percent, a.progress_percent, 'the forecast starts from the progress known then');
    assert.notEqual(a.deadline_kind, 'recurring');
    assert.ok(item.due >= AS_OF, 'at risk before overdue: overdue work is on the warning list already');
    assert.match(item.reason, /^tiến độ \d+ % sau \d+\/\d+ tháng/);
    assert.ok(item.stalled || item.unanswered_days >= r.unanswered_days || item.repeated_difficulty_periods >= r.stalled_periods ||
      (item.expected_done && item.expected_done > item.due), 'late, stalled, the same difficulty repeated or waiting on an answer beyond its authority');
    if (item.expected_done && !item.stalled && item.unanswered_days === null && item.repeated_difficulty_periods === null) assert.match(item.reason, /sau hạn/);
    if (item.repeated_difficulty_periods !== null) assert.ok(item.reason.includes(`; cùng một khó khăn ${item.repeated_difficulty_periods} kỳ liền: ${item.repeated_difficulty}`));
    if (item.unanswered_days !== null) assert.match(item.reason, /kiến nghị vượt thẩm quyền từ \d\d\/\d\d\/\d{4} chưa được trả lời \d+ ngày/);
  }
  // Each bottleneck list covers every item once, the largest first, and drills down to the items.
  const ids = new Set(r.items.map((i) => i.assignment_id));
  for (const by of ['directing_leader', 'lead_unit', 'field']) {
    const groups = r.bottlenecks[by];
    assert.equal(groups.reduce((n, g) => n + g.count, 0), r.items.length, by);
    for (let i = 1; i < groups.length; ++i) assert.ok(groups[i - 1].count >= groups[i].count, `${by} ranked`);
    for (const g of groups) {
      assert.equal(g.assignment_ids.length, g.count);
      for (const id of g.assignment_ids) assert.ok(ids.has(id));
    }
  }
  // By coordinating unit: the work waits on each coordinating unit of its task; by unit group: its lead unit is a
  // member. An item counts once in each of its groups, so these lists drill down to items but need not add up.
  const byId2 = new Map(r.items.map((i) => [i.assignment_id, i]));
  const coordinating = r.bottlenecks.coordinating_unit;
  assert.ok(coordinating.length > 0, 'demo tasks at risk have coordinating units');
  for (const g of coordinating.slice(0, 3)) {
    for (const id of g.assignment_ids.slice(0, 5)) {
      const task = await ok(admin.get(`/api/v1/tasks/${byId2.get(id).task_id}`), 'task');
      const names = await Promise.all(task.coordinating_unit_ids.map(async (u) => (await ok(admin.get(`/api/v1/units/${u}`), 'unit')).name));
      assert.ok(names.includes(g.name), `${g.name} coordinates task ${task.code}`);
    }
  }
  const groups = (await ok(admin.get('/api/v1/unit-groups?limit=1000'), 'groups')).items;
  for (const g of r.bottlenecks.unit_group) {
    const group = groups.find((x) => x.name === g.name);
    assert.ok(group, g.name);
    for (const id of g.assignment_ids) assert.ok(group.member_ids.includes(byId2.get(id).unit_id), `${g.name} has the lead unit`);
  }
  // The same date read again gives the same answer (R15).
  assert.deepEqual(await ok(admin.get(`/api/v1/risks?as_of=${AS_OF}`), 'again'), r);
});

test('a commune sees its own risks, forecast as the city sees them; another unit is refused', async () => {
  const haian = await unitByCode(admin, 'P-HAIAN');
  const city = await ok(admin.get(`/api/v1/risks?as_of=${AS_OF}&unit_id=${haian.id}`), 'city view of the commune');
  const own = await ok(focal.get(`/api/v1/risks?as_of=${AS_OF}`), 'own');
  assert.ok(own.items.length > 0, 'the commune has late work a month ahead');
  assert.deepEqual(own.items, city.items, 'the plan pace is the whole plan\'s, whoever asks');
  for (const item of own.items) assert.equal(item.unit_id, haian.id);
  const other = await unitByCode(admin, 'P-LECHAN');
  assert.equal((await focal.get(`/api/v1/risks?unit_id=${other.id}`)).status, 403);
  assert.equal((await admin.get('/api/v1/risks?as_of=31-05-2026')).status, 400);
});

test('today: every at-risk item is open work with a deadline, one click from its assignment', async () => {
  const r = await ok(admin.get('/api/v1/risks'), 'risks today');
  assert.ok(r.items.length > 0);
  for (const item of r.items.slice(0, 20)) {
    const a = await ok(admin.get(`/api/v1/assignments/${item.assignment_id}`), 'assignment');
    assert.equal(a.id ?? a.assignment?.id, item.assignment_id);
  }
});

test('one obstacle written in different words by different work counts as one bottleneck', async () => {
  const before = await ok(admin.get('/api/v1/risks'), 'risks before');
  const top = before.bottlenecks.difficulties[0];
  assert.ok(top && top.count >= 2, 'the demo repeats one difficulty');
  // Lê Chân has not sent November yet: two of its lines say the demo's obstacle in other words.
  const lechan = await unitByCode(admin, 'P-LECHAN');
  const plans = await ok(admin.get('/api/v1/directives?has_plan=true&limit=100'), 'plans');
  const plan = plans.items.find((d) => d.number === '01-CTr/BCĐ');
  const created = await ok(admin.post('/api/v1/reports', { directive_id: plan.id, period: '2026-11', unit_id: lechan.id }),
    'report');
  const report = await ok(admin.get(`/api/v1/reports/${created.id}`), 'report');
  const said = ['Thiếu kinh phí, nhân lực chuyên trách chuyển đổi số', 'thieu kinh phi va nhan luc chuyen trach ve chuyen doi so'];
  const items = report.items.map((i, k) => ({
    assignment_id: i.assignment_id, progress_percent: i.progress_percent ?? 0, work_done: 'Đang làm',
    difficulties: k < 2 ? said[k] : '',
  }));
  await ok(admin.put(`/api/v1/reports/${report.id}`, { version: report.version, items, indicator_values: [] }), 'edit');
  await ok(admin.post(`/api/v1/reports/${report.id}/submit`), 'submit');
  const after = await ok(admin.get('/api/v1/risks'), 'risks after');
  const group = after.bottlenecks.difficulties.find((g) => g.name === top.name);
  for (const i of items.slice(0, 2)) assert.ok(group.assignment_ids.includes(i.assignment_id), 'grouped with the same obstacle');
  assert.ok(!after.bottlenecks.difficulties.some((g) => said.includes(g.name)), 'no group of its own');
  // The commune sees only its own work in the group (named by its own most frequent wording).
  const own = await ok((await client(server, 'lechan')).get('/api/v1/risks'), 'own');
  const mine = own.bottlenecks.difficulties.find((g) => g.assignment_ids.includes(items[0].assignment_id));
  assert.ok(mine.assignment_ids.includes(items[1].assignment_id));
  for (const id of mine.assignment_ids) assert.ok(group.assignment_ids.includes(id));
  assert.ok(mine.count < group.count);
});

test('forecasts never enter the ranking: each score is the published formula of its four components', async () => {
  const r = await ok(admin.get(`/api/v1/risks?as_of=${AS_OF}`), 'risks');
  const atRisk = new Set(r.items.map((i) => i.unit_id));
  let ranked = 0;
  for (const group of ['commune', 'department']) {
    const rank = await ok(admin.get(`/api/v1/ranking?as_of=${AS_OF}&peer_group=${group}`), 'ranking');
    assert.doesNotMatch(rank.formula, /nguy cơ|dự báo/i);
    const w = rank.weights;
    for (const u of rank.items) {
      const c = u.components;
      const parts = [[w.timeliness, c.timeliness.share], [w.updates, c.updates.share], [w.completion, c.completion.share],
        [w.indicators, c.indicators.achievement]].filter(([wi, s]) => s !== null && wi > 0);
      if (!parts.length) { assert.equal(u.score, null); continue; }
      const expected = 100 * parts.reduce((n, [wi, s]) => n + wi * s, 0) / parts.reduce((n, [wi]) => n + wi, 0);
      // The score is published to 0,01.
      assert.ok(Math.abs(u.score - expected) <= 0.005 + 1e-9, `${u.unit_name}: ${u.score} is the formula's ${expected}`);
      if (atRisk.has(u.unit_id)) ++ranked;
    }
    // Equal scores share a rank, whatever work of theirs is at risk.
    for (let i = 1; i < rank.items.length; ++i)
      if (rank.items[i].score !== null && rank.items[i].score === rank.items[i - 1].score) assert.equal(rank.items[i].rank, rank.items[i - 1].rank);
  }
  assert.ok(ranked > 0, 'units with work at risk are ranked, on their components alone');
});

// The q-quantile, interpolated between neighbours, as domain::forecast_indicator reads it.
const quantile = (list, q) => {
  const v = [...list].sort((a, b) => a - b);
  const at = q * (v.length - 1), lo = Math.floor(at), hi = Math.min(v.length - 1, lo + 1);
  return v[lo] + (v[hi] - v[lo]) * (at - lo);
};
const near = (a, b, what) => assert.ok(Math.abs(a - b) < 1e-6, `${what}: ${a} ≈ ${b}`);

test('indicators: the full-year forecast from the series known at a past date, and the units pulling it down', async () => {
  const r = await ok(admin.get(`/api/v1/risks?as_of=${AS_OF}`), 'risks');
  assert.ok(r.indicators.length > 0, 'the demo plans have indicators');
  let pulled = 0;
  for (const ind of r.indicators) {
    const detail = await ok(admin.get(`/api/v1/indicators/${ind.indicator_id}?as_of=${AS_OF}`), 'indicator');
    assert.equal(ind.period, detail.evaluation.period, 'the series runs to the judged period');
    assert.equal(ind.series.length, Number(ind.period.slice(5)), 'one figure a month from January');
    const last = ind.series.at(-1);
    if (ind.aggregation !== 'cumulative') {
      // The latest month of the series is the figure the indicator shows for that date.
      if (last === null) assert.equal(detail.evaluation.actual.value, null);
      else near(last, detail.evaluation.actual.value, `${ind.code} figure`);
    }
    const known = ind.series.map((v, i) => [i + 1, v]).filter(([, v]) => v !== null);
    // What the screen shows: the straight line from the year's baseline through the latest figure, at December
    // (cumulative: the sum so far at the same rate per month); the forecast itself did not beat it (backtest).
    if (!known.length) assert.equal(ind.projection, null);
    else if (ind.aggregation === 'cumulative') near(ind.projection, known.reduce((n, [, v]) => n + v, 0) * 12 / ind.series.length, `${ind.code} line`);
    else {
      const [m, v] = known.at(-1);
      const line = detail.baseline + (v - detail.baseline) * 12 / m;
      near(ind.projection, ind.unit_of_measure === '%' ? Math.min(100, Math.max(0, line)) : line, `${ind.code} line`);
    }
    if (known.length < 2) { assert.equal(ind.forecast, null); continue; }
    let value, low, high;
    if (ind.aggregation === 'cumulative') {
      const sum = known.reduce((n, [, v]) => n + v, 0), rest = 12 - known.length, vs = known.map(([, v]) => v);
      [value, low, high] = [0.5, 0.1, 0.9].map((q) => sum + rest * quantile(vs, q));
    } else {
      const slopes = [];
      for (let i = 0; i < known.length; ++i)
        for (let j = i + 1; j < known.length; ++j) slopes.push((known[j][1] - known[i][1]) / (known[j][0] - known[i][0]));
      const [m, v] = known.at(-1);
      [value, low, high] = [0.5, 0.1, 0.9].map((q) => v + (12 - m) * quantile(slopes, q));
    }
    if (ind.unit_of_measure === '%') [value, low, high] = [value, low, high].map((x) => Math.min(100, Math.max(0, x)));
    near(ind.forecast.value, value, `${ind.code} forecast`);
    near(ind.forecast.low, low, `${ind.code} low`);
    near(ind.forecast.high, high, `${ind.code} high`);
    assert.ok(ind.forecast.low <= ind.forecast.value && ind.forecast.value <= ind.forecast.high);
    // A rate: each unit's part is (target × its denominator − 100 × its numerator) / the denominators' sum, from the
    // values known at that date; the parts of all reporting units add up to the city's gap.
    if (ind.aggregation !== 'ratio_of_sums' || !ind.pulling_down.length) continue;
    ++pulled;
    const values = detail.values.filter((v) => v.period === ind.period && v.numerator !== null && v.denominator !== null);
    const den = values.reduce((n, v) => n + v.denominator, 0);
    const target = detail.target_value;
    const parts = values.map((v) => ({ unit_id: v.unit_id, gap: (target * v.denominator - 100 * v.numerator) / den }));
    near(parts.reduce((n, p) => n + p.gap, 0), target - last, `${ind.code} parts add up to the gap`);
    const below = parts.filter((p) => p.gap > 1e-9).sort((a, b) => b.gap - a.gap || a.unit_id - b.unit_id);
    assert.equal(ind.pulling_down_count, below.length);
    ind.pulling_down.forEach((u, k) => { assert.equal(u.unit_id, below[k].unit_id); near(u.gap, below[k].gap, u.unit_name); });
  }
  assert.ok(pulled > 0, 'some rate is below its target in May');
  // The same date read again gives the same answer (R15).
  assert.deepEqual((await ok(admin.get(`/api/v1/risks?as_of=${AS_OF}`), 'again')).indicators, r.indicators);
  // A commune sees its own units only.
  const haian = await unitByCode(admin, 'P-HAIAN');
  const own = await ok(focal.get(`/api/v1/risks?as_of=${AS_OF}`), 'own');
  for (const ind of own.indicators) for (const u of ind.pulling_down) assert.equal(u.unit_id, haian.id);
});
