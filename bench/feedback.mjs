// Issue 15: the public feedback page under a burst — `--rate` submissions a second for `--seconds`, each from one
// of `--addresses` loopback addresses in 127.0.0.0/8 (bound as the client's local address, so the server's
// per-address limits apply as to real senders), a fresh contact and text each — while a standing-agency officer
// reads the inbox, the warning list and the figures in a loop. Prints the submissions by status, their latency,
// and the staff pages' p50/p99 during the burst. Run by bench/feedback.sh.
import http from 'node:http';
import { parseArgs } from 'node:util';

const { values: o } = parseArgs({ options: {
  base: { type: 'string' }, token: { type: 'string' }, rate: { type: 'string', default: '200' },
  seconds: { type: 'string', default: '30' }, addresses: { type: 'string', default: '2000' },
} });
const url = new URL(o.base);
const rate = Number(o.rate), seconds = Number(o.seconds), addresses = Number(o.addresses);

function send(method, path, body, { token, from } = {}) {
  const data = body ? JSON.stringify(body) : undefined;
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = http.request({ host: url.hostname, port: url.port, path, method, localAddress: from, agent: false,
      headers: { ...(data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - t0 }));
    });
    req.on('error', (e) => resolve({ status: e.code ?? 'error', ms: performance.now() - t0 }));
    req.end(data);
  });
}

const pct = (xs, p) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const fmt = (xs) => `n=${xs.length} p50 ${pct(xs, 50).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms`;

const statuses = {};
const submitMs = [];
const staff = { '/api/v1/feedback?limit=50': [], '/api/v1/feedback?urgency=overdue&limit=50': [], '/api/v1/feedback-figures': [] };
let running = true;

async function staffLoop() {
  while (running) {
    for (const path of Object.keys(staff)) {
      const r = await send('GET', path, null, { token: o.token });
      if (r.status === 200) staff[path].push(r.ms);
      else statuses[`staff ${r.status}`] = (statuses[`staff ${r.status}`] ?? 0) + 1;
    }
  }
}

async function burst() {
  const pending = [];
  const start = performance.now();
  for (let i = 0; i < rate * seconds; i++) {
    const due = start + (i / rate) * 1000;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const n = i % addresses;
    const from = `127.${1 + Math.floor(n / 62500)}.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
    pending.push(send('POST', '/api/v1/public/feedback', {
      kind: 'kien_nghi', field: 'Chuyển đổi số', title: `Góp ý số ${i}`, text: `Đề nghị cải thiện dịch vụ công trực tuyến, góp ý số ${i} ${Math.random()}`,
      sender_type: 'nguoi_dan', name: 'Người dân', contact: `0${String(900000000 + i).padStart(9, '0')}`, consent: true,
    }, { from }).then((r) => { statuses[r.status] = (statuses[r.status] ?? 0) + 1; if (r.status === 201) submitMs.push(r.ms); }));
  }
  await Promise.all(pending);
  return (performance.now() - start) / 1000;
}

const readers = [staffLoop()];
const took = await burst();
running = false;
await Promise.all(readers);
console.log(`burst: ${rate * seconds} submissions over ${took.toFixed(1)} s from ${Math.min(addresses, rate * seconds)} addresses`);
console.log(`  by status: ${JSON.stringify(statuses)}`);
console.log(`  accepted (201): ${fmt(submitMs)}`);
for (const [path, xs] of Object.entries(staff)) console.log(`  staff GET ${path}: ${fmt(xs)}`);
