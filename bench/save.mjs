// Report save and submit throughput over HTTP: drafts one report for each of `--units` reporting units, then
// `--concurrency` writers keep saving one line of their own reports (`PUT /reports/{id}` with its version, as the
// form's autosave does) for `--seconds`; then every report is saved whole (all its lines) and submitted. Prints
// requests per second and p50/p99 of each step; any error fails the run.
//
//   node bench/save.mjs --base http://127.0.0.1:18095 --admin-token T [--units 400] [--concurrency 32] [--seconds 10]
import { parseArgs } from 'node:util';

const { values: o } = parseArgs({
  options: {
    base: { type: 'string' }, 'admin-token': { type: 'string' }, directive: { type: 'string', default: '1' },
    period: { type: 'string', default: '2026-11' }, units: { type: 'string', default: '400' },
    concurrency: { type: 'string', default: '32' }, seconds: { type: 'string', default: '10' },
  },
});
const token = o['admin-token'];
const samples = {};
let errors = 0;
async function call(step, method, path, body) {
  const t0 = performance.now();
  const headers = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(o.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  (samples[step] ??= []).push(performance.now() - t0);
  if (res.status >= 300) {
    if (errors++ < 5) console.log(`  error: ${step} ${res.status}: ${text.slice(0, 200)}`);
    return null;
  }
  return JSON.parse(text);
}
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
function line(step, secs) {
  const xs = samples[step];
  console.log(`${step.padEnd(26)} n=${String(xs.length).padStart(6)}  ${(xs.length / secs).toFixed(0).padStart(5)}/s  ` +
    `p50 ${pct(xs, 50).toFixed(1)} ms  p99 ${pct(xs, 99).toFixed(1)} ms`);
}
// Runs fn over items with `n` at a time; returns the seconds taken.
async function pool(items, n, fn) {
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
  return (performance.now() - t0) / 1000;
}

const units = [];
for (let offset = 0; ; offset += 1000) {
  const page = await call('setup', 'GET', `/api/v1/units?limit=1000&offset=${offset}`);
  units.push(...page.items.filter((u) => u.peer_group === 'department' || u.peer_group === 'commune'));
  if (offset + 1000 >= page.total) break;
}
// Every k-th unit: departments (a few lines) and communes (40 lines) mixed as in the nation.
const step = Math.max(1, Math.floor(units.length / Number(o.units)));
const chosen = units.filter((_, i) => i % step === 0).slice(0, Number(o.units));
const reports = [];
await pool(chosen, 4, async (u) => {
  const r = await call('create report', 'POST', '/api/v1/reports',
    { directive_id: Number(o.directive), period: o.period, unit_id: u.id });
  if (r && r.items.length > 0) reports.push(r);
});
const n = Number(o.concurrency);
const deadline = performance.now() + Number(o.seconds) * 1000;
const t0 = performance.now();
await Promise.all(Array.from({ length: n }, async (_, w) => {
  const mine = reports.map((_, i) => i).filter((i) => i % n === w);
  for (let k = 0; performance.now() < deadline; ++k) {
    const i = mine[k % mine.length];
    const item = reports[i].items[k % reports[i].items.length];
    const next = await call('save one line', 'PUT', `/api/v1/reports/${reports[i].id}`, { version: reports[i].version,
      items: [{ assignment_id: item.assignment_id, progress_percent: k % 101, work_done: 'Cập nhật tiến độ' }] });
    if (!next) return;
    reports[i] = next;
  }
}));
const saveSecs = (performance.now() - t0) / 1000;
const wholeSecs = await pool(reports, n, async (r) => {
  const items = r.items.map((i) => ({ assignment_id: i.assignment_id, progress_percent: 60, work_done: 'Đã triển khai' }));
  const saved = await call('save all lines', 'PUT', `/api/v1/reports/${r.id}`, { version: r.version, items });
  if (saved) r.version = saved.version;
});
const submitSecs = await pool(reports, n, (r) => call('submit', 'POST', `/api/v1/reports/${r.id}/submit`));
console.log(`${reports.length} reports, ${reports.reduce((s, r) => s + r.items.length, 0)} lines; ${n} writers`);
line('save one line', saveSecs);
line('save all lines', wholeSecs);
line('submit', submitSecs);
console.log(`errors ${errors}`);
if (errors > 0) process.exit(1);
