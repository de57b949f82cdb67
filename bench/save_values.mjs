// Report saves that carry indicator values (issue 13, "each write reads what it needs once"), on the demo: the
// unit with the most reportable indicators of plan 27/QĐ-BCĐ drafts its November report, then one writer saves
// it whole — every line and every reportable indicator's value — `--saves` times, one after another. Prints the
// saves per second, p50/p99 and the server's CPU per save (from /proc/<pid>/stat). The national data set has no
// indicators, so `save.mjs` never sends values.
//
//   node bench/save_values.mjs [--bin build/tiendo] [--db <sqlite file or postgresql URL>] [--saves 2000]
// The database is loaded with the demo first (a SQLite file must not exist; a PostgreSQL database must be empty).
import { parseArgs } from 'node:util';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const { values: o } = parseArgs({
  options: { bin: { type: 'string', default: 'build/tiendo' }, db: { type: 'string' },
    saves: { type: 'string', default: '2000' }, demo: { type: 'string', default: 'data/demo' } },
});
const dir = mkdtempSync(join(tmpdir(), 'tiendo-save-values-'));
const db = o.db ?? join(dir, 'demo.db');
execFileSync(o.bin, ['--db', db, 'demo', '--data', o.demo], { stdio: 'pipe' });
const portFile = join(dir, 'port');
const server = spawn(o.bin, ['--db', db, 'serve', '--port', '0', '--port-file', portFile, '--clock',
  '2026-11-24T03:00:00Z', '--scheduler-seconds', '0', '--evidence-dir', join(dir, 'evidence'), '--web-root', ''],
{ stdio: 'ignore' });
try {
  for (let i = 0; i < 200 && !existsSync(portFile); i++) await sleep(50);
  await sleep(20);
  const base = `http://127.0.0.1:${readFileSync(portFile, 'utf8').trim()}/api/v1`;
  let token = null;
  const call = async (method, path, body) => {
    const headers = token ? { authorization: `Bearer ${token}` } : {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const parsed = await res.json();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(parsed)}`);
    return parsed;
  };
  token = (await call('POST', '/auth/login', { username: 'admin', password: 'HaiPhong#Ke-hoach-57' })).token;
  const plan = (await call('GET', '/directives?limit=100')).items.find((d) => d.number === '27/QĐ-BCĐ');
  // Drafts every unit's November report that has none yet, keeps the one with the most reportable indicators.
  let report = null;
  for (const u of (await call('GET', '/units?limit=1000')).items) {
    const existing = (await call('GET', `/reports?directive_id=${plan.id}&unit_id=${u.id}&period=2026-11`)).items;
    if (existing.length > 0) continue;
    let r;
    try {
      r = await call('POST', '/reports', { directive_id: plan.id, period: '2026-11', unit_id: u.id });
    } catch {
      continue;  // no assignment in this plan
    }
    if (!report || r.reportable_indicators.length > report.reportable_indicators.length) report = r;
  }
  const values = report.reportable_indicators.map((ind, k) =>
    (ind.aggregation === 'ratio_of_sums' ? { indicator_id: ind.id, numerator: 30 + k, denominator: 40 + k }
      : { indicator_id: ind.id, value: 10 + k }));
  const cpu = () => {
    const f = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;  // utime + stime, clock ticks of 10 ms
  };
  const n = Number(o.saves);
  const times = [];
  const cpu0 = cpu();
  const t0 = performance.now();
  let version = report.version;
  for (let k = 0; k < n; ++k) {
    const items = report.items.map((i) => ({ assignment_id: i.assignment_id, progress_percent: k % 101,
      work_done: 'Cập nhật tiến độ' }));
    const t = performance.now();
    version = (await call('PUT', `/reports/${report.id}`, { version, items, indicator_values: values })).version;
    times.push(performance.now() - t);
  }
  const secs = (performance.now() - t0) / 1000;
  const cpuMs = cpu() - cpu0;
  times.sort((a, b) => a - b);
  console.log(`${report.unit_name}: ${report.items.length} lines, ${values.length} indicator values; ${n} saves`);
  console.log(`${(n / secs).toFixed(0)} saves/s  p50 ${times[Math.floor(n / 2)].toFixed(2)} ms  ` +
    `p99 ${times[Math.floor(n * 0.99)].toFixed(2)} ms  server CPU ${((cpuMs * 1000) / n).toFixed(0)} µs/save`);
} finally {
  server.kill();
}
