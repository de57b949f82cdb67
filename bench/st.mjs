// Issue 16: the S&T register and its figures at national size — each reading alone (register listing, figures
// today and at a month's end, the problem pipeline), then `--readers` officers reloading the figures (the leaders'
// dashboard of S&T tasks) for `--seconds` while `--writers` hosts file monthly updates as fast as they are answered.
// Prints p50/p99 of each and the updates' throughput. Run by bench/st.sh.
import http from 'node:http';
import { parseArgs } from 'node:util';

const { values: o } = parseArgs({ options: {
  base: { type: 'string' }, token: { type: 'string' }, readers: { type: 'string', default: '8' },
  writers: { type: 'string', default: '2' }, seconds: { type: 'string', default: '60' },
} });
const url = new URL(o.base);
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function send(method, path, body) {
  const data = body ? JSON.stringify(body) : undefined;
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = http.request({ host: url.hostname, port: url.port, path, method, agent,
      headers: { 'accept-encoding': 'gzip', authorization: `Bearer ${o.token}`,
        ...(data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - t0, bytes: Buffer.concat(chunks) }));
    });
    req.on('error', (e) => resolve({ status: e.code ?? 'error', ms: performance.now() - t0 }));
    req.end(data);
  });
}
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const fmt = (xs) => `n=${xs.length} p50 ${pct(xs, 50).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms`;

const alone = {
  'GET /api/v1/st-tasks (register, first page)': '/api/v1/st-tasks',
  'GET /api/v1/st-tasks?offset=6000 (register, a late page)': '/api/v1/st-tasks?offset=6000',
  'GET /api/v1/st-task-figures (today)': '/api/v1/st-task-figures',
  'GET /api/v1/st-task-figures?as_of=2026-10-31': '/api/v1/st-task-figures?as_of=2026-10-31',
  'GET /api/v1/st-problem-pipeline': '/api/v1/st-problem-pipeline',
};
const plain = await send('GET', '/api/v1/st-tasks');
if (plain.status !== 200) throw new Error(`register: ${plain.status}`);
console.log(`register answer: ${(plain.bytes.length / 1024).toFixed(0)} KB on the wire`);
for (const [name, path] of Object.entries(alone)) {
  const ms = [];
  for (let i = 0; i < 10; i++) {
    const r = await send('GET', path);
    if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
    ms.push(r.ms);
  }
  console.log(`alone, ${name}: ${fmt(ms)}`);
}

// The tasks in execution a host may update (the register says which), a page at a time until its total (a server
// that does not page answers them all at once).
const zlib = await import('node:zlib');
const body = (r) => JSON.parse((r.bytes[0] === 0x1f && r.bytes[1] === 0x8b ? zlib.gunzipSync(r.bytes) : r.bytes).toString());
const executing = [];
for (let seen = 0, total = Infinity; seen < total;) {
  const page = body(await send('GET', `/api/v1/st-tasks?stage=thuc_hien&limit=1000&offset=${seen}`));
  total = page.total;
  if (page.items.length === 0) break;
  seen += page.items.length;
  executing.push(...page.items.filter((t) => t.stage === 'thuc_hien').map((t) => t.id));
}
console.log(`tasks: ${body(plain).total}, in execution: ${executing.length}`);

let running = true;
const read = [], wrote = [], statuses = {};
const count = (s) => { statuses[s] = (statuses[s] ?? 0) + 1; };
async function reader() {
  while (running) {
    const r = await send('GET', '/api/v1/st-task-figures');
    if (r.status === 200) read.push(r.ms); else count(`figures ${r.status}`);
  }
}
async function writer(k) {
  for (let i = k; running; i += Number(o.writers)) {
    const id = executing[i % executing.length];
    const r = await send('POST', `/api/v1/st-tasks/${id}/updates`, { year: 2026, month: 11, progress_percent: 50 + (i % 50),
      products_delivered: 'Báo cáo chuyên đề', spent_to_date: 100_000_000, problems: '' });
    if (r.status === 201) wrote.push(r.ms); else count(`update ${r.status}`);
  }
}
const t0 = performance.now();
const loops = [...Array(Number(o.readers))].map(reader).concat([...Array(Number(o.writers))].map((_, k) => writer(k)));
await new Promise((r) => setTimeout(r, Number(o.seconds) * 1000));
running = false;
await Promise.all(loops);
const s = (performance.now() - t0) / 1000;
console.log(`${o.readers} readers of GET /api/v1/st-task-figures with ${o.writers} writers, ${s.toFixed(1)} s:`);
console.log(`  figures: ${fmt(read)}, ${(read.length / s).toFixed(1)}/s`);
console.log(`  monthly updates (POST /api/v1/st-tasks/{id}/updates): ${fmt(wrote)}, ${(wrote.length / s).toFixed(1)}/s`);
if (Object.keys(statuses).length) console.log(`  other answers: ${JSON.stringify(statuses)}`);
agent.destroy();
