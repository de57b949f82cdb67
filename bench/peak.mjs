// The 19th of the month, replayed: every reporting unit's focal point logs in, opens the month's report,
// saves it twice (autosave) and submits, the units' start times spread over `--window` seconds and
// replayed `--speed` times faster; meanwhile leaders keep reading the nation's, a province's and a
// commune's dashboards. Prints throughput, p50/p99 per step, errors, and checks at the end that the
// nation dashboard counts every submission that got a success answer. A login answered "busy" (503, the
// password checks all taken: each is an Argon2id hash, ~0.06–0.26 s of a core) is tried again after its
// Retry-After, as a person would, and counted apart from the errors.
//
//   node bench/peak.mjs --base http://127.0.0.1:18090 --admin-token T --directive 1 --period 2026-11 \
//        --province 2 --commune 60 [--window 3600] [--speed 10] [--units 4000] [--nation-readers 8] \
//        [--as-of 2026-10-19] [--risk-readers 2 [--risk-pause 5000]] [--event-subscribers 1 --event-port P --event-tls DIR]
//
// With --event-subscribers N (issue 18) the bench starts an HTTPS receiver on --event-port (key and
// certificate srv.key/srv.pem in --event-tls, signed by the CA the server was given with --event-ca) and
// subscribes it N times to the report events, so every submission is N deliveries; it prints the deliveries'
// throughput and their end-to-end delay (the submission's success answer → the receiver has the request).
import { parseArgs } from 'node:util';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const { values: o } = parseArgs({
  options: {
    base: { type: 'string' }, 'admin-token': { type: 'string' }, directive: { type: 'string' },
    period: { type: 'string', default: '2026-11' }, province: { type: 'string' }, commune: { type: 'string' },
    window: { type: 'string', default: '3600' }, speed: { type: 'string', default: '10' },
    units: { type: 'string', default: '100000' }, password: { type: 'string', default: 'HaiPhong#Ke-hoach-57' },
    prelogin: { type: 'boolean', default: false },  // log every focal point in before the peak starts
    'nation-readers': { type: 'string', default: '1' },  // leaders reading the nation's dashboard at once
    'as-of': { type: 'string' },  // the leaders read this past date (the historic path) instead of today
    // leaders opening the dashboard's "Nguy cơ" section (GET /risks for the nation) meanwhile (issue 17)
    'risk-readers': { type: 'string', default: '0' },
    // ms each of them waits between two loads: 100 (the dashboards' readers' pause) is a stress far beyond people;
    // a leader reading the section reloads it after seconds
    'risk-pause': { type: 'string', default: '100' },
    'event-subscribers': { type: 'string', default: '0' }, 'event-port': { type: 'string' }, 'event-tls': { type: 'string' },
  },
});
const base = o.base;
const window = Number(o.window) / Number(o.speed);  // seconds of replay

const samples = {};  // step -> latencies (ms)
let errors = 0;
const errorSamples = [];
// `call` returns BUSY for a 503 answer when asked to (`busy`): a login refused while the server's password
// checks are all taken, which a person meets by trying again after the seconds of its Retry-After.
const BUSY = Symbol('busy');
let busyAnswers = 0;
async function call(step, method, path, token, body, { busy = false } = {}) {
  const t0 = performance.now();
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res, text;
  try {
    res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    text = await res.text();
  } catch (e) {
    errors++;
    if (errorSamples.length < 10) errorSamples.push(`${step}: ${e.message}`);
    return null;
  }
  (samples[step] ??= []).push(performance.now() - t0);
  if (busy && res.status === 503) {
    busyAnswers++;
    return { [BUSY]: Number(res.headers.get('retry-after') ?? 3) };
  }
  if (res.status >= 300) {
    errors++;
    if (errorSamples.length < 10) errorSamples.push(`${step} ${res.status}: ${text.slice(0, 200)}`);
    return null;
  }
  return text ? JSON.parse(text) : {};
}

function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
}

// Deterministic spread of start times.
let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

const units = [];
for (let offset = 0; ; offset += 1000) {
  const page = await call('setup', 'GET', `/api/v1/units?limit=1000&offset=${offset}`, o['admin-token']);
  units.push(...page.items.filter((u) => u.peer_group === 'department' || u.peer_group === 'commune'));
  if (offset + 1000 >= page.total) break;
}
units.splice(Number(o.units));
let submitted = 0;

// The event receiver: when each report's submission event arrived, per subscriber path.
const submittedAt = new Map();  // report id -> performance.now() of the success answer
const received = [];             // { delay ms, at } per report_submitted delivery
let eventsReceived = 0;
const subscribers = Number(o['event-subscribers']);
if (subscribers > 0) {
  const receiver = https.createServer({ key: readFileSync(join(o['event-tls'], 'srv.key')), cert: readFileSync(join(o['event-tls'], 'srv.pem')) },
    (req, res) => {
      const chunks = [];
      req.on('data', (d) => chunks.push(d));
      req.on('end', () => {
        const at = performance.now();
        eventsReceived++;
        const ev = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const sent = submittedAt.get(ev.data.report_id);
        if (ev.type === 'report_submitted' && sent !== undefined) received.push({ delay: at - sent, at });
        res.writeHead(200);
        res.end('ok');
      });
    });
  await new Promise((resolve) => receiver.listen(Number(o['event-port']), '127.0.0.1', resolve));
  receiver.unref();
  for (let i = 0; i < subscribers; i++) {
    await call('setup', 'POST', '/api/v1/event-subscriptions', o['admin-token'], { name: `Bench ${i + 1}`,
      url: `https://127.0.0.1:${o['event-port']}/events/${i + 1}`, event_types: ['report_submitted', 'report_approved', 'report_accepted', 'report_returned'] });
  }
}
function printEvents(elapsed) {
  if (!subscribers) return;
  const delays = received.map((r) => r.delay);
  const expected = submittedAt.size * subscribers;
  console.log(`events: ${subscribers} subscriber(s); ${received.length}/${expected} submission deliveries received ` +
    `(${eventsReceived} requests in all); ${(received.length / elapsed).toFixed(1)} deliveries/s over the peak`);
  console.log(`event delay (submit answer → receiver) n=${delays.length}  p50 ${pct(delays, 50).toFixed(0)} ms  ` +
    `p99 ${pct(delays, 99).toFixed(0)} ms  max ${Math.max(...delays).toFixed(0)} ms`);
}

const tokens = new Map();
// 'login' is the person's wait, from the first try to the session, busy answers and their pauses included;
// 'login request' is each request.
async function login(u) {
  const t0 = performance.now();
  for (let attempt = 0; attempt < 30; attempt++) {
    const r = await call('login request', 'POST', '/api/v1/auth/login', null, { username: `u${u.id}_1`, password: o.password }, { busy: true });
    if (r && r[BUSY] !== undefined) {
      await sleep(r[BUSY] * 1000 * (0.5 + rand()));
      continue;
    }
    if (r) (samples.login ??= []).push(performance.now() - t0);
    return r?.token;
  }
  errors++;
  errorSamples.push(`login: still busy after 30 tries (u${u.id}_1)`);
  return undefined;
}
if (o.prelogin) {
  for (let i = 0; i < units.length; i += 2) {
    await Promise.all(units.slice(i, i + 2).map(async (u) => tokens.set(u.id, await login(u))));
  }
  delete samples.login;
  delete samples['login request'];
  busyAnswers = 0;
}

async function unitSession(u) {
  const t = tokens.get(u.id) ?? (await login(u));
  if (!t) return;
  let r = await call('create report', 'POST', '/api/v1/reports', t, { directive_id: Number(o.directive), period: o.period });
  if (!r || r.items.length === 0) return;  // a unit with no work this month has nothing to report
  for (const pass of [1, 2]) {
    const items = r.items.map((i) => ({ assignment_id: i.assignment_id, progress_percent: Math.min(100, i.progress_percent + 5 * pass),
      work_done: `Cập nhật tiến độ tháng ${o.period}, lần ${pass}` }));
    r = await call('save report', 'PUT', `/api/v1/reports/${r.id}`, t, { version: r.version, items });
    if (!r) return;
  }
  if (await call('submit', 'POST', `/api/v1/reports/${r.id}/submit`, t)) {
    submitted++;
    submittedAt.set(r.id, performance.now());
  }
}

let peakOver = false;
async function leader(step, path, pause = 100) {
  while (!peakOver) {
    await call(step, 'GET', path, o['admin-token']);
    await sleep(pause);
  }
}

// A run stopped from outside (a timeout) still prints the latencies measured so far.
process.on('SIGTERM', () => {
  console.log(`stopped after ${((performance.now() - start) / 1000).toFixed(0)} s; ${submitted} reports submitted; errors ${errors}; ` +
    `logins answered 'busy, try again' ${busyAnswers}`);
  for (const [step, xs] of Object.entries(samples)) {
    if (step !== 'setup') console.log(`${step.padEnd(22)} n=${String(xs.length).padStart(6)}  p50 ${pct(xs, 50).toFixed(1)} ms  p99 ${pct(xs, 99).toFixed(1)} ms`);
  }
  printEvents((performance.now() - start) / 1000);
  for (const e of errorSamples) console.log(`  error: ${e}`);
  process.exit(2);
});
console.log(`replaying ${units.length} units over ${window.toFixed(0)} s (${o.window} s at ${o.speed}x)`);
const start = performance.now();
const asOf = o['as-of'] ? `as_of=${o['as-of']}` : '';
const leaders = [...Array.from({ length: Number(o['nation-readers']) },
  () => leader('dashboard: nation', `/api/v1/dashboard${asOf ? `?${asOf}` : ''}`)),
leader('dashboard: province', `/api/v1/dashboard?unit_id=${o.province}${asOf ? `&${asOf}` : ''}`),
leader('dashboard: commune', `/api/v1/dashboard?unit_id=${o.commune}${asOf ? `&${asOf}` : ''}`),
...Array.from({ length: Number(o['risk-readers']) }, () => leader('risks: nation', `/api/v1/risks${asOf ? `?${asOf}` : ''}`, Number(o['risk-pause'])))];
const sessions = units.map(async (u) => {
  await sleep(rand() * window * 1000);
  await unitSession(u);
});
await Promise.all(sessions);
const elapsed = (performance.now() - start) / 1000;
peakOver = true;
await Promise.all(leaders);

const dash = await call('check', 'GET', '/api/v1/dashboard', o['admin-token']);
const counted = dash.reports.find((x) => x.directive_id === Number(o.directive))?.by_state?.submitted ?? 0;

const writes = ['login request', 'create report', 'save report', 'submit'].reduce((n, k) => n + (samples[k]?.length ?? 0), 0);
console.log(`elapsed ${elapsed.toFixed(1)} s; ${writes} unit requests (${(writes / elapsed).toFixed(1)}/s); ` +
  `${submitted} reports submitted; errors ${errors}; logins answered 'busy, try again' ${busyAnswers}`);
for (const [step, xs] of Object.entries(samples)) {
  if (step === 'setup' || step === 'check') continue;
  console.log(`${step.padEnd(22)} n=${String(xs.length).padStart(6)}  p50 ${pct(xs, 50).toFixed(1)} ms  p99 ${pct(xs, 99).toFixed(1)} ms`);
}
console.log(`nation dashboard after the peak counts ${counted} submitted reports (success answers: ${submitted})`);
if (subscribers) {
  // The deliveries still on their way when the last unit submitted: how long the backlog takes to drain.
  const t0 = performance.now();
  while (received.length < submittedAt.size * subscribers && performance.now() - t0 < 120000) await sleep(200);
  console.log(`event backlog drained ${((performance.now() - t0) / 1000).toFixed(1)} s after the peak`);
  printEvents(elapsed);
}
for (const e of errorSamples) console.log(`  error: ${e}`);
if (errors > 0 || counted < submitted) process.exit(1);
