// The resident dashboard model against a fresh computation: after writes through one instance, the
// figures it keeps incrementally must equal, field by field, those another instance computes from
// scratch on the same database — for the city, a commune and a department, and the ranking.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, unitByCode, directiveByNumber } from './harness.mjs';

let a, b, skhcn, plan, scopes;
before(async () => {
  a = await startServer({ clock: null });
  skhcn = await client(a, 'skhcn');
  plan = await directiveByNumber(skhcn, '27/QĐ-BCĐ');
  const haian = await unitByCode(skhcn, 'P-HAIAN');
  const sokhcn = await unitByCode(skhcn, 'SKHCN');
  scopes = ['/api/v1/dashboard', `/api/v1/dashboard?unit_id=${haian.id}`, `/api/v1/dashboard?unit_id=${sokhcn.id}`,
    '/api/v1/ranking?peer_group=commune', '/api/v1/ranking?peer_group=department'];
});
after(async () => { await b?.stop({ keep: true }); await a?.stop(); });

async function snapshot(server) {
  const c = await client(server, 'skhcn');
  const out = {};
  for (const path of scopes) {
    const r = await c.get(path);
    assert.equal(r.status, 200, `${path}: ${JSON.stringify(r.body)}`);
    out[path] = r.body;
  }
  await listsAgree(c);
  return out;
}

// A unit's list for today is read from the kept model (issue 13); the same unit as a subtree is evaluated from the
// database. For a commune (no units below it) the two must agree row by row, with every filter the model serves.
async function listsAgree(c) {
  const units = (await c.get('/api/v1/units?limit=1000')).body.items;
  const leaves = units.filter((u) => !units.some((v) => v.parent_id === u.id) && u.kind === 'commune').slice(0, 12);
  assert.ok(leaves.length >= 5);
  for (const u of leaves) {
    for (const filter of ['', '&status=overdue', '&warning=true', `&directive_id=${plan.id}`, '&status=due_soon,recurring_not_updated&sort=-due']) {
      const kept = await c.get(`/api/v1/assignments?unit_id=${u.id}${filter}&limit=500`);
      const computed = await c.get(`/api/v1/assignments?unit_id=${u.id}&subtree=true${filter}&limit=500`);
      assert.equal(kept.status, 200, JSON.stringify(kept.body));
      assert.deepEqual(kept.body, computed.body, `${u.code}${filter}: the kept list differs from the evaluated one`);
    }
  }
}

async function fresh() {
  await b?.stop({ keep: true });
  // Instances of a deployment share one clock: here the machine's (clock: null), not the demo's start.
  b = await startServer({ reuse: a, clock: null });
  return snapshot(b);
}

test('kept figures equal figures computed from scratch, through reports, reviews and plan changes', async () => {
  const start = await snapshot(a);  // builds the model
  assert.deepEqual(start, await fresh());
  // The month being judged today (the machine's clock): the one whose figures the reports move.
  const period = start['/api/v1/dashboard'].reports.find((r) => r.directive_id === plan.id).period;

  // A commune reports: progress, an indicator value, submit, approve; the standing agency accepts.
  const haian = await client(a, 'haian');
  const head = await client(a, 'haian.truong');
  const created = await haian.post('/api/v1/reports', { directive_id: plan.id, period });
  assert.equal(created.status, 201);
  const inds = await skhcn.get(`/api/v1/indicators?directive_id=${plan.id}&limit=100`);
  const ind1 = inds.body.items.find((i) => i.code === '1');
  const items = created.body.items.map((i) => ({ assignment_id: i.assignment_id, progress_percent: 100,
    work_done: 'Hoàn thành', declared_done_on: new Date().toISOString().slice(0, 10) }));
  const saved = await haian.put(`/api/v1/reports/${created.body.id}`, { version: created.body.version, items,
    indicator_values: [{ indicator_id: ind1.id, numerator: 39, denominator: 40 }] });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  const mid = await snapshot(a);  // the model refreshes one unit: a draft moves no figure
  assert.deepEqual(mid['/api/v1/dashboard'].indicators, start['/api/v1/dashboard'].indicators);
  assert.equal((await haian.post(`/api/v1/reports/${created.body.id}/submit`)).status, 200);
  assert.equal((await head.post(`/api/v1/reports/${created.body.id}/approve`)).status, 200);
  assert.equal((await skhcn.post(`/api/v1/reports/${created.body.id}/accept`)).status, 200);
  const kept = await snapshot(a);
  assert.notDeepEqual(kept['/api/v1/dashboard'].indicators, start['/api/v1/dashboard'].indicators);
  const haianScope = scopes[1];
  assert.notDeepEqual(kept[haianScope].reports, start[haianScope].reports);
  assert.deepEqual(kept, await fresh());

  // A write through the other instance reaches this one's figures (the change feed is the database's).
  const lechan = await client(b, 'lechan');
  const other = await lechan.post('/api/v1/reports', { directive_id: plan.id, period });
  assert.equal(other.status, 201);
  assert.equal((await lechan.post(`/api/v1/reports/${other.body.id}/submit`)).status, 200);
  const afterB = await snapshot(a);
  assert.notDeepEqual(afterB['/api/v1/dashboard'].reports, kept['/api/v1/dashboard'].reports);
  assert.deepEqual(afterB, await fresh());

  // A plan change (a new task for every commune) rebuilds the whole model.
  const groups = await skhcn.get('/api/v1/unit-groups?limit=100');
  const communes = groups.body.items.reduce((x, g) => (g.member_ids.length > x.member_ids.length ? g : x));
  const task = await skhcn.post('/api/v1/tasks', { directive_id: plan.id, code: 'T-RM', name: 'Rà soát dữ liệu dân cư',
    field: 'Đề án 06', deadline_text: '10/2026', lead_group_ids: [communes.id] });
  assert.equal(task.status, 201, JSON.stringify(task.body));
  assert.deepEqual(await snapshot(a), await fresh());
});

// R19 and R11 are computed from feedback items and S&T tasks: a write to either moves only those figures, which the
// kept model takes without recomputing any unit; they must equal a fresh instance's all the same.
test('kept figures equal fresh ones after feedback and S&T writes that move the computed indicators', async () => {
  for (const [code, source] of [['RM-R2', 'feedback_r2'], ['RM-ST', 'st_tracking']]) {
    const created = await skhcn.post('/api/v1/indicators', { directive_id: plan.id, code, name: `Chỉ tiêu ${code}`,
      target_text: '≥90%', data_source: source });
    assert.equal(created.status, 201, JSON.stringify(created.body));
  }
  const start = await snapshot(a);
  assert.deepEqual(start, await fresh());
  const computed = (s) => s['/api/v1/dashboard'].indicators.items.filter((i) => i.code === 'RM-R2' || i.code === 'RM-ST');

  // The standing agency enters a letter and accepts it: R2's denominator (items within competence) grows.
  const letter = await skhcn.post('/api/v1/feedback', { kind: 'kien_nghi', field: 'Chuyển đổi số', channel: 'letter',
    title: 'Đề nghị mở rộng điểm phát sóng', text: `Thư ${Date.now()}`, sender_type: 'nguoi_dan', name: 'Trần Thị Bình',
    contact: '0912 000 111', consent: true });
  assert.equal(letter.status, 201, JSON.stringify(letter.body));
  const accepted = await skhcn.post(`/api/v1/feedback/${letter.body.id}/classify`, { version: letter.body.version,
    outcome: 'accepted' });
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  const afterFeedback = await snapshot(a);
  assert.notDeepEqual(computed(afterFeedback), computed(start));
  assert.deepEqual(afterFeedback, await fresh());

  // A task in execution is updated for this month by its managing unit's agency.
  const tasks = await skhcn.get('/api/v1/st-tasks?limit=1000');
  const today = new Date();
  const task = tasks.body.items.find((t) => t.stage === 'thuc_hien');
  assert.ok(task, 'the demo has an S&T task in execution');
  const update = await skhcn.post(`/api/v1/st-tasks/${task.id}/updates`, { year: today.getUTCFullYear(),
    month: today.getUTCMonth() + 1, progress_percent: 55, problems: 'Chờ thiết bị' });
  assert.ok([200, 201].includes(update.status), JSON.stringify(update.body));
  assert.deepEqual(await snapshot(a), await fresh());
});
