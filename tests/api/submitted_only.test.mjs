// Only submitted data counts (issue 11, item 2): what a unit types into its report enters no figure of the
// city — dashboard (resident and computed), ranking, indicator figures, assignment progress, synthesis —
// until the report is submitted; after a return or a reopen the last submitted values stand until the
// report is submitted again; and submitting an older period's report never rewinds current progress.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, unitByCode, directiveByNumber } from './harness.mjs';

let server, skhcn, haian, head, plan, unit, ind1;
before(async () => {
  server = await startServer();
  skhcn = await client(server, 'skhcn');
  haian = await client(server, 'haian');
  head = await client(server, 'haian.truong');
  plan = await directiveByNumber(skhcn, '27/QĐ-BCĐ');
  unit = await unitByCode(skhcn, 'P-HAIAN');
  const inds = await skhcn.get(`/api/v1/indicators?directive_id=${plan.id}&limit=100`);
  ind1 = inds.body.items.find((i) => i.code === '1');
});
after(async () => { await server?.stop(); });

// Every view of the city's figures the rule covers: path, and what of the answer is compared.
const views = () => [
  { name: 'dashboard (resident model)', path: '/api/v1/dashboard' },
  { name: 'dashboard of the commune (computed)', path: `/api/v1/dashboard?unit_id=${unit.id}` },
  { name: 'dashboard of the plan (computed)', path: `/api/v1/dashboard?directive_id=${plan.id}` },
  { name: 'ranking of communes', path: '/api/v1/ranking?peer_group=commune' },
  { name: 'indicator figure', path: `/api/v1/indicators/${ind1.id}` },
  { name: 'indicator list', path: `/api/v1/indicators?directive_id=${plan.id}&limit=100` },
  { name: 'assignment list', path: `/api/v1/assignments?directive_id=${plan.id}&unit_id=${unit.id}&limit=100` },
  { name: 'synthesis', path: `/api/v1/directives/${plan.id}/synthesis?period=2026-11`,
    pick: (b) => ({ headline: b.headline, indicators: b.indicators, ranking: b.ranking, overdue: b.overdue,
      difficulties: b.difficulties, changes: b.changes }) },
];

async function snapshot() {
  const out = {};
  for (const v of views()) {
    const r = await skhcn.get(v.path);
    assert.equal(r.status, 200, `${v.path}: ${JSON.stringify(r.body)}`);
    out[v.name] = v.pick ? v.pick(r.body) : r.body;
  }
  return out;
}

function assertSame(now, then, when) {
  for (const name of Object.keys(then)) assert.deepEqual(now[name], then[name], `${when}: ${name} moved`);
}

// What the figures say of Hải An: its counted November value of indicator 1 and its assignments' progress.
async function counted() {
  const ind = await skhcn.get(`/api/v1/indicators/${ind1.id}`);
  const value = ind.body.values.find((v) => v.unit_id === unit.id && v.period === '2026-11');
  const list = await skhcn.get(`/api/v1/assignments?directive_id=${plan.id}&unit_id=${unit.id}&limit=100`);
  const progress = Object.fromEntries(list.body.items.map((a) => [a.id, a.progress_percent]));
  const periods = Object.fromEntries(list.body.items.map((a) => [a.id, a.last_update_period]));
  const syn = await skhcn.get(`/api/v1/directives/${plan.id}/synthesis?period=2026-11`);
  const said = syn.body.difficulties.flatMap((f) => f.items).filter((i) => i.unit_name === unit.name)
    .map((i) => i.difficulties);
  return { numerator: value?.numerator ?? null, progress, periods, said };
}

const edit = async (report, { progress, numerator, difficulty }) => {
  const current = await haian.get(`/api/v1/reports/${report}`);
  const items = current.body.items.map((i) => ({ assignment_id: i.assignment_id, progress_percent: progress,
    work_done: `Tiến độ ${progress} %`, difficulties: difficulty }));
  const r = await haian.put(`/api/v1/reports/${report}`, { version: current.body.version, items,
    difficulties: `Chung: ${difficulty}`,
    indicator_values: [{ indicator_id: ind1.id, numerator, denominator: 40 }] });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  // The report itself shows what was typed.
  assert.equal(r.body.indicator_values[0].numerator, numerator);
  assert.ok(r.body.items.every((i) => i.progress_percent === progress));
  return items.map((i) => i.assignment_id);
};

const step = async (who, report, action, body) => {
  if (action === 'reopen') {
    // An accepted report is reopened on request (issue 14): the focal point asks with a reason, the standing
    // agency grants it, and the report is a draft again.
    const asked = await who.post(`/api/v1/reports/${report}/reopen-requests`, { reason: 'Mở lại để điều chỉnh' });
    assert.equal(asked.status, 201, `reopen request: ${JSON.stringify(asked.body)}`);
    const granted = await skhcn.post(`/api/v1/reopen-requests/${asked.body.id}/grant`, {});
    assert.equal(granted.status, 200, `reopen grant: ${JSON.stringify(granted.body)}`);
    return (await who.get(`/api/v1/reports/${report}`)).body;
  }
  const r = await who.post(`/api/v1/reports/${report}/${action}`, body);
  assert.equal(r.status, 200, `${action}: ${JSON.stringify(r.body)}`);
  return r.body;
};

test('draft lines count only once submitted; after a return or a reopen the last submission stands', async () => {
  const before = await counted();
  assert.equal(before.numerator, null, 'Hải An has not sent November');
  // Creating the report shows as a draft among the reports' states; what is typed into it shows nowhere.
  const created = await haian.post('/api/v1/reports', { directive_id: plan.id, period: '2026-11' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  const start = await snapshot();

  // Each row: what the unit does, what it types, and what must count afterwards (null: as before the row).
  const rows = [
    { what: 'a draft typed and saved twice', typed: [{ progress: 93, numerator: 39, difficulty: 'Nháp 1' },
      { progress: 97, numerator: 38, difficulty: 'Nháp 2' }], then: null },
    { what: 'submitted', action: [[haian, 'submit']], then: { progress: 97, numerator: 38, said: 'Nháp 2' } },
    { what: 'returned by the head, corrected', action: [[head, 'return', { reason: 'Sai số liệu' }]],
      typed: [{ progress: 41, numerator: 11, difficulty: 'Sửa sau trả lại' }], then: 'unchanged' },
    { what: 'submitted again', action: [[haian, 'submit']], then: { progress: 41, numerator: 11, said: 'Sửa sau trả lại' } },
    { what: 'approved, returned by the standing agency, corrected',
      action: [[head, 'approve'], [skhcn, 'return', { reason: 'Bổ sung' }]],
      typed: [{ progress: 55, numerator: 22, difficulty: 'Sửa lần 2' }], then: 'unchanged' },
    { what: 'submitted, approved and accepted', action: [[haian, 'submit'], [head, 'approve'], [skhcn, 'accept']],
      then: { progress: 55, numerator: 22, said: 'Sửa lần 2' } },
    { what: 'reopened on request after acceptance, corrected', action: [[haian, 'reopen']],
      typed: [{ progress: 64, numerator: 30, difficulty: 'Mở lại' }], reopens: true, then: 'unchanged' },
    { what: 'submitted after the reopen', action: [[haian, 'submit']], then: { progress: 64, numerator: 30, said: 'Mở lại' } },
  ];

  let last = start;  // the figures as of the last row's end
  let mine = [];
  for (const row of rows) {
    for (const [who, action, body] of row.action ?? []) await step(who, id, action, body);
    const settled = await snapshot();  // workflow steps alone may move timeliness, never the values
    for (const t of row.typed ?? []) mine = await edit(id, t);
    if (row.reopens) assert.equal((await haian.get(`/api/v1/reports/${id}`)).body.state, 'draft', row.what);
    const now = await snapshot();
    const c = await counted();
    if (row.then === null) {
      assertSame(now, start, row.what);
      assert.deepEqual(c, before, row.what);
    } else if (row.then === 'unchanged') {
      assertSame(now, settled, row.what);
    } else {
      assert.equal(c.numerator, row.then.numerator, `${row.what}: indicator value`);
      for (const a of mine) {
        assert.equal(c.progress[a], row.then.progress, `${row.what}: progress of ${a}`);
        assert.equal(c.periods[a], '2026-11', `${row.what}: last update period of ${a}`);
      }
      for (const said of [row.then.said, `Chung: ${row.then.said}`])
        assert.ok(c.said.includes(said), `${row.what}: synthesis difficulties ${JSON.stringify(c.said)}`);
      assert.notDeepEqual(now['indicator figure'], last['indicator figure'], `${row.what}: indicator figure`);
      assert.notDeepEqual(now['dashboard (resident model)'].indicators, last['dashboard (resident model)'].indicators,
        `${row.what}: dashboard indicators`);
      const ofPlan = (d) => d.indicators.items.filter((i) => i.directive_id === plan.id);
      assert.deepEqual(ofPlan(now['dashboard (resident model)']), ofPlan(now['dashboard of the plan (computed)']),
        `${row.what}: resident and computed dashboards agree`);
    }
    if (row.then === 'unchanged') {
      // The old values stand while the correction waits: the same as the previous submission's.
      const prev = rows[rows.indexOf(row) - 1].then;
      assert.equal(c.numerator, prev.numerator, `${row.what}: indicator value stands`);
      for (const a of mine) assert.equal(c.progress[a], prev.progress, `${row.what}: progress stands`);
      const typed = row.typed[0].difficulty;
      assert.ok(c.said.includes(prev.said) && c.said.includes(`Chung: ${prev.said}`), `${row.what}: synthesis keeps`);
      assert.ok(!c.said.includes(typed) && !c.said.includes(`Chung: ${typed}`), `${row.what}: synthesis ignores the draft`);
    }
    last = now;
  }

  // The report's own page shows its lines as last typed; the assignment's history what was last submitted.
  const shown = await haian.get(`/api/v1/reports/${id}`);
  assert.equal(shown.body.indicator_values[0].numerator, 30);
  await step(head, id, 'return', { reason: 'Cập nhật' });
  await edit(id, { progress: 88, numerator: 33, difficulty: 'Chưa gửi' });
  const history = (await skhcn.get(`/api/v1/assignments/${mine[0]}`)).body.history;
  assert.equal(history.find((h) => h.period === '2026-11').progress_percent, 64);
  await step(haian, id, 'submit');
  const after = (await skhcn.get(`/api/v1/assignments/${mine[0]}`)).body.history;
  assert.equal(after.find((h) => h.period === '2026-11').progress_percent, 88);
});

test('submitting an older period after a newer one never rewinds current progress', async () => {
  const list = await skhcn.get(`/api/v1/assignments?directive_id=${plan.id}&unit_id=${unit.id}&limit=100`);
  const current = Object.fromEntries(list.body.items.map((a) => [a.id, [a.progress_percent, a.last_update_period]]));
  assert.ok(Object.values(current).some(([, p]) => p === '2026-11'), 'November was submitted by the first test');

  // October's report: the demo's if there is one (brought back to an editable state), else a new one.
  let oct = (await haian.get(`/api/v1/reports?directive_id=${plan.id}&unit_id=${unit.id}&period=2026-10`)).body.items[0];
  if (!oct) {
    const created = await haian.post('/api/v1/reports', { directive_id: plan.id, period: '2026-10' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    oct = created.body;
  } else if (oct.state === 'submitted') {
    await step(head, oct.id, 'return', { reason: 'Điều chỉnh' });
  } else if (oct.state === 'approved') {
    await step(skhcn, oct.id, 'return', { reason: 'Điều chỉnh' });
  } else if (oct.state === 'accepted') {
    await step(haian, oct.id, 'reopen');
  }
  const touched = await edit(oct.id, { progress: 3, numerator: 1, difficulty: 'Tháng trước' });
  const before = await snapshot();
  await step(haian, oct.id, 'submit');

  const after = await skhcn.get(`/api/v1/assignments?directive_id=${plan.id}&unit_id=${unit.id}&limit=100`);
  for (const a of after.body.items) {
    if (!touched.includes(a.id) || !current[a.id]) continue;
    if (current[a.id][1] !== '2026-11') continue;
    assert.equal(a.progress_percent, current[a.id][0], `progress of ${a.id} rewound by October's report`);
    assert.equal(a.last_update_period, '2026-11', `last update period of ${a.id}`);
  }
  // October's value counts for October; November's figures are left as they were.
  const ind = await skhcn.get(`/api/v1/indicators/${ind1.id}`);
  assert.equal(ind.body.values.find((v) => v.unit_id === unit.id && v.period === '2026-10')?.numerator, 1);
  assert.equal(ind.body.values.find((v) => v.unit_id === unit.id && v.period === '2026-11')?.numerator, 33);
  const now = await snapshot();
  assert.deepEqual(now['assignment list'].items.map((a) => a.progress_percent),
    before['assignment list'].items.map((a) => a.progress_percent));

  // The assignment's history shows what October said, beside the current progress it did not rewind.
  const one = touched.find((a) => current[a]?.[1] === '2026-11');
  const detail = await skhcn.get(`/api/v1/assignments/${one}`);
  assert.equal(detail.body.progress_percent, current[one][0]);
  assert.equal(detail.body.history.find((h) => h.period === '2026-10').progress_percent, 3);
});
