// The production shape on loopback (deploy/local-cluster.sh): PostgreSQL primary and streaming replica,
// two Tiến Độ instances, nginx. Sessions, writes and reads work across instances; one instance killed
// is not noticed through nginx; the replica stopped moves its reads back to the primary.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { rawRequest } from '../api/harness.mjs';

const root = new URL('../..', import.meta.url).pathname;
const script = join(root, 'deploy/local-cluster.sh');
const parent = mkdtempSync(join(tmpdir(), 'tiendo-cluster-'));
chmodSync(parent, 0o755);  // the postgres user must reach the data directories inside
const dir = join(parent, 'set');
const basePort = 26000 + Math.floor(Math.random() * 100) * 20;
let base;

before(() => {
  base = execFileSync('bash', [script, 'start', dir, String(basePort)], { encoding: 'utf8', env: { ...process.env, TIENDO_SCHEDULER_SECONDS: '1' } }).trim().split('\n').pop();
});
after(() => {
  execFileSync('bash', [script, 'stop', dir]);
  rmSync(parent, { recursive: true, force: true });
});

async function call(method, path, token, body, headers = {}) {
  const h = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  if (body !== undefined) h['content-type'] = 'application/json';
  const res = await fetch(base + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text.startsWith('{') ? JSON.parse(text) : text, instance: res.headers.get('x-tiendo-instance') };
}
const login = async (username) => (await call('POST', '/api/v1/auth/login', null, { username, password: 'HaiPhong#Ke-hoach-57' })).body.token;
const replica = `postgresql://postgres@127.0.0.1:${basePort + 2}/tiendo`;
const psql = (url, sql) => execFileSync('psql', [url, '-Atc', sql], { encoding: 'utf8' }).trim();

test('one session on both instances; a write reaches the replica; one instance killed goes unnoticed', async () => {
  const health = await call('GET', '/api/v1/health');
  assert.equal(health.status, 200);
  assert.equal(health.body.db, 'postgresql');
  assert.equal(health.body.replica, 'ok');
  assert.equal(psql(replica, 'SELECT pg_is_in_recovery()'), 't', 'the replica is a streaming standby');

  const token = await login('haian');
  const seen = new Set();
  for (let i = 0; i < 8; i++) {
    const me = await call('GET', '/api/v1/auth/me', token);
    assert.equal(me.status, 200);
    seen.add(me.instance);
  }
  assert.deepEqual([...seen].sort(), ['a', 'b'], 'nginx spreads one session over both instances');

  const plans = await call('GET', '/api/v1/directives?limit=100', token);
  const plan = plans.body.items.find((d) => d.number === '27/QĐ-BCĐ');
  const created = await call('POST', '/api/v1/reports', token, { directive_id: plan.id, period: '2026-11' },
    { 'idempotency-key': 'bao-cao-thang-11' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const again = await call('POST', '/api/v1/reports', token, { directive_id: plan.id, period: '2026-11' },
    { 'idempotency-key': 'bao-cao-thang-11' });
  assert.equal(again.status, 201, 'the retry gets the first answer, whichever instance answers');
  assert.equal(again.body.id, created.body.id);
  let replicated = '0';
  for (let i = 0; i < 50 && replicated !== '1'; i++) {
    replicated = psql(replica, `SELECT count(*) FROM reports WHERE id = ${created.body.id}`);
    if (replicated !== '1') await sleep(100);
  }
  assert.equal(replicated, '1', 'the write is on the replica');

  // The standing agency's history is read from the replica.
  const skhcn = await login('skhcn');
  const audit = await call('GET', `/api/v1/audit?entity=report&entity_id=${created.body.id}`, skhcn);
  assert.equal(audit.status, 200);
  assert.ok(audit.body.items.length >= 1);

  // Both schedulers ran (1 s period): one reminder run per plan and day, however many instances.
  await sleep(2500);
  assert.equal(psql(`postgresql://postgres@127.0.0.1:${basePort + 1}/tiendo`,
    'SELECT count(*) FROM (SELECT directive_id, day FROM reminder_runs GROUP BY 1, 2 HAVING count(*) > 1) d'), '0');

  process.kill(Number(readFileSync(join(dir, 'tiendo-a.pid'), 'utf8')), 'SIGKILL');
  for (let i = 0; i < 10; i++) {
    const r = await call('GET', `/api/v1/reports/${created.body.id}`, token);
    assert.equal(r.status, 200, 'a request reached the dead instance');
    assert.equal(r.instance, 'b');
  }
});

test('the replica away: its reads move to the primary, nothing fails', async () => {
  execFileSync('runuser', ['-u', 'postgres', '--', '/usr/lib/postgresql/15/bin/pg_ctl', '-D', join(dir, 'replica'),
    '-m', 'immediate', '-w', 'stop'], { stdio: 'pipe' });
  const health = await call('GET', '/api/v1/health');
  assert.equal(health.status, 200);
  assert.equal(health.body.replica, 'unavailable');
  const skhcn = await login('skhcn');
  assert.equal((await call('GET', '/api/v1/audit?limit=5', skhcn)).status, 200);
  assert.equal((await call('GET', '/api/v1/dashboard?field=' + encodeURIComponent('Chuyển đổi số'), skhcn)).status, 200);
});

test('through nginx, no spelling of a path reaches a file outside the web folder', async () => {
  const port = Number(new URL(base).port);
  const targets = ['//etc/passwd', '/../../etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/%252e%252e/%252e%252e/etc/passwd', '/..\\..\\etc\\passwd', '/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
    '/assets/..;/..;/etc/passwd', '/assets/%2e%2e/%2e%2e/etc/passwd', '/index.html%00.js', '//proc/self/environ',
    '/%2fproc%2fself%2fenviron', '//proc/self/fd/3', '//proc/self/fd/5', '//proc/self/cmdline', '/assets/missing-000.js'];
  for (const target of targets) {
    const r = await rawRequest(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    assert.ok([400, 404].includes(r.status), `${target} → ${r.status}`);
    assert.doesNotMatch(r.text, /root:x:0:0|TIENDO_|postgresql:\/\/|SQLite format/, target);
  }
});
