// Starts the real `tiendo` binary on a fresh demo database (SQLite file or a new PostgreSQL database)
// and speaks HTTP to it, exactly as a client would.
import { spawn, execFileSync } from 'node:child_process';
import net from 'node:net';
import { mkdtempSync, readFileSync, readdirSync, existsSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkResponse } from './contract.mjs';

const BIN = process.env.TIENDO_BIN ?? new URL('../../build/tiendo', import.meta.url).pathname;
const DEMO = process.env.TIENDO_DEMO ?? new URL('../../data/demo', import.meta.url).pathname;
export const KIND = process.env.TIENDO_TEST_DB ?? 'sqlite';
export const PASSWORD = 'HaiPhong#Ke-hoach-57';
// The demo is told as of 24/11/2026, 10:00 in Hải Phòng; the server's clock starts there.
export const CLOCK = '2026-11-24T03:00:00Z';
// PostgreSQL needs the audit log's key outside the database: one key per test process, each database its
// own anchor beside it (`<database>.audit-anchor`). Every `tiendo` this process starts inherits it.
if (KIND !== 'sqlite' && !process.env.TIENDO_AUDIT_KEY_FILE) {
  process.env.TIENDO_AUDIT_KEY_FILE = join(mkdtempSync(join(tmpdir(), 'tiendo-key-')), 'audit.key');
}

// SQLite: the demo loaded once, then copied file by file for each server: the database with its audit key, its
// signed anchor and the feedback key beside it (and a WAL, should one be left). scripts/test.sh loads it once for
// the whole suite (TIENDO_SQLITE_DEMO_TEMPLATE); otherwise each test process loads it at its first server. Not
// when a test has set an audit key of its own (TIENDO_AUDIT_KEY_FILE): the copied anchor is signed with the
// template's key, so the demo is then loaded afresh with that key.
const SQLITE_FILES = ['', '.audit-key', '.audit-anchor', '.feedback-key', '-wal'];
let ownTemplate;
function sqliteTemplate() {
  if (process.env.TIENDO_AUDIT_KEY_FILE) return undefined;
  if (process.env.TIENDO_SQLITE_DEMO_TEMPLATE) return process.env.TIENDO_SQLITE_DEMO_TEMPLATE;
  if (!ownTemplate) {
    const dir = mkdtempSync(join(tmpdir(), 'tiendo-template-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    ownTemplate = join(dir, 'tiendo.db');
    execFileSync(BIN, ['--db', ownTemplate, 'demo', '--data', DEMO], { stdio: 'pipe' });
  }
  return ownTemplate;
}

// A new database: an empty one, or (PostgreSQL, when scripts/test.sh has loaded the demo once into
// TIENDO_PG_DEMO_TEMPLATE) a copy of the demo made by PostgreSQL itself, with the template's audit anchor and
// feedback key beside it, so the copy is what `tiendo demo` would have made, in a fraction of a second.
function freshDatabase(dir, demo) {
  if (KIND === 'sqlite') {
    const db = join(dir, 'tiendo.db');
    const template = demo ? sqliteTemplate() : undefined;
    if (!template) return { db, loaded: false };
    for (const suffix of SQLITE_FILES) {
      if (existsSync(template + suffix)) copyFileSync(template + suffix, db + suffix);
    }
    return { db, loaded: true };
  }
  const admin = process.env.TIENDO_PG_ADMIN;
  if (!admin) throw new Error('TIENDO_PG_ADMIN is not set: scripts/test.sh starts PostgreSQL');
  const name = `tiendo_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  const template = demo ? process.env.TIENDO_PG_DEMO_TEMPLATE : undefined;
  execFileSync('psql', [admin, '-q', '-c', `CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`]);
  if (template) {
    const keys = dirname(process.env.TIENDO_AUDIT_KEY_FILE);
    for (const file of ['audit-anchor', 'feedback-key']) copyFileSync(join(keys, `${template}.${file}`), join(keys, `${name}.${file}`));
  }
  return { db: admin.replace(/\/[^/]*$/, `/${name}`), loaded: Boolean(template) };
}

export async function startServer({ demo = true, webRoot = '', maxUploadMb = 20, clock = CLOCK, args = [], reuse, evidenceDir } = {}) {
  const dir = reuse?.dir ?? mkdtempSync(join(tmpdir(), 'tiendo-test-'));
  const fresh = reuse ? { db: reuse.db, loaded: true } : freshDatabase(dir, demo);
  const db = fresh.db;
  if (demo && !fresh.loaded) execFileSync(BIN, ['--db', db, 'demo', '--data', DEMO], { stdio: 'pipe' });
  const portFile = join(dir, 'port');
  rmSync(portFile, { force: true });
  const child = spawn(BIN, ['--db', db, 'serve', '--port', '0', '--port-file', portFile, ...(clock ? ['--clock', clock] : []),
    // The browser tests speak plain HTTP to 127.0.0.1: the session cookie without Secure, as `make run`.
    ...(webRoot ? ['--insecure-cookie'] : []), ...args,
    '--evidence-dir', evidenceDir ?? join(dir, 'evidence'), '--web-root', webRoot, '--max-upload-mb', String(maxUploadMb)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  for (let i = 0; i < 200 && !existsSync(portFile); i++) await sleep(50);
  if (!existsSync(portFile)) throw new Error(`server did not start:\n${log}`);
  await sleep(20);
  const base = `http://127.0.0.1:${readFileSync(portFile, 'utf8').trim()}`;
  return {
    base,
    // The server's clock starts at `clock` now and runs on: its time is clock + (Date.now() - started).
    started: Date.now(),
    db,
    dir,
    log: () => log,
    // keep: leave the database for a restart (startServer({ reuse: server }))
    async stop({ keep = false, signal = 'SIGTERM' } = {}) {
      // A server that has already ended (a crash, a sanitizer's report, a kill from outside) has sent its 'exit':
      // waiting for another would hang the suite instead of failing the test.
      const ended = new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', r)));
      child.kill(signal);
      await ended;
      if (!keep) rmSync(dir, { recursive: true, force: true });
      // How it ended: a clean stop is { code: 0, signal: null }.
      return { code: child.exitCode, signal: child.signalCode };
    },
  };
}

// A logged-in API client. `call` returns { status, body, headers } and never throws on HTTP errors; it throws
// when the answer is not what src/api/openapi.json documents for the route (contract.mjs).
export async function client(server, username) {
  const c = {
    token: null,
    async call(method, path, body, headers = {}) {
      const h = { ...headers };
      if (c.token) h.authorization = `Bearer ${c.token}`;
      let payload;
      if (body instanceof Uint8Array || typeof body === 'string') payload = body;
      else if (body !== undefined) {
        payload = JSON.stringify(body);
        h['content-type'] = 'application/json';
      }
      // No answer takes minutes, even under the sanitizers: a server that stops answering fails the test that
      // asked, instead of holding the suite until CI's limit.
      const res = await fetch(server.base + path, { method, headers: h, body: payload, signal: AbortSignal.timeout(240000) });
      const text = await res.text();
      let parsed = text;
      if ((res.headers.get('content-type') ?? '').includes('json')) parsed = text ? JSON.parse(text) : null;
      checkResponse(method, path, res.status, res.headers.get('content-type'), parsed);
      return { status: res.status, body: parsed, headers: res.headers };
    },
    get: (p) => c.call('GET', p),
    post: (p, b) => c.call('POST', p, b),
    put: (p, b) => c.call('PUT', p, b),
  };
  if (username) {
    const r = await c.post('/api/v1/auth/login', { username, password: PASSWORD });
    if (r.status !== 200) throw new Error(`login ${username}: ${JSON.stringify(r.body)}`);
    c.token = r.body.token;
    c.user = r.body.user;
  }
  return c;
}

// Clients of several users, signed in one after the other in the order named.
export async function clients(server, ...usernames) {
  const out = [];
  for (const username of usernames) out.push(await client(server, username));
  return out;
}

// Debian's aiosmtpd on a port of its own, keeping every message it accepts in a Maildir. `args`: the server's
// options that send mail through it; `mails()`: the messages so far, oldest first; `to(address, count)`: the bodies
// of the messages to `address` once there are `count` (1) of them, within 5 s; `stop()`.
export async function startMailbox() {
  const port = 25000 + Math.floor(Math.random() * 5000);
  const dir = join(mkdtempSync(join(tmpdir(), 'tiendo-mail-')), 'box');
  const smtp = spawn('/usr/bin/python3', ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`, '-c', 'aiosmtpd.handlers.Mailbox', dir],
    { stdio: 'ignore' });
  await sleep(800);
  const box = {
    port,
    args: ['--smtp-host', '127.0.0.1', '--smtp-port', String(port), '--smtp-from', 'tiendo@haiphong.test'],
    mails() {
      const fresh = join(dir, 'new');
      if (!existsSync(fresh)) return [];
      return readdirSync(fresh).sort().map((f) => readFileSync(join(fresh, f), 'utf8'));
    },
    async to(address, count = 1) {
      for (let i = 0; i < 100; i++) {
        const found = box.mails().filter((m) => m.includes(`To: ${address}`));
        if (found.length >= count) return found.map(mailText);
        await sleep(50);
      }
      throw new Error(`no mail to ${address}`);
    },
    stop() { smtp.kill(); },
  };
  return box;
}

// A message's text: its base64 body decoded.
export const mailText = (m) => Buffer.from(m.split('\n\n').slice(1).join('').replace(/\s/g, ''), 'base64').toString('utf8');

// The body of a 2xx answer; anything else fails the test, naming what was attempted.
export async function ok(p, what) {
  const r = await p;
  if (!(r.status >= 200 && r.status < 300)) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

// The same database served again with the clock at `clock` (the tests that tell a story over months), and a
// fresh client of `username` on it.
export async function restarted(server, clock, username = 'admin') {
  await server.stop({ keep: true });
  const next = await startServer({ reuse: server, clock });
  return [next, await client(next, username)];
}

export async function unitByCode(c, code) {
  const r = await c.get(`/api/v1/units?q=${encodeURIComponent(code)}&limit=1000`);
  const u = r.body.items.find((x) => x.code === code);
  if (!u) throw new Error(`unit ${code} not found`);
  return u;
}

export async function directiveByNumber(c, number) {
  const r = await c.get(`/api/v1/directives?limit=100`);
  const d = r.body.items.find((x) => x.number === number);
  if (!d) throw new Error(`directive ${number} not found`);
  return d;
}

// One request as raw bytes on its own connection (fetch() would normalise the path and the headers).
// Resolves once the server closes: { status, headers, body, text, responses } — `responses` counts the
// status lines received, so a test can see that nothing after a refused request was answered.
export function rawRequest(port, request, { timeoutMs = 5000 } = {}) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    const chunks = [];
    sock.setTimeout(timeoutMs, () => sock.destroy(new Error(`timeout: ${JSON.stringify(String(request).slice(0, 80))}`)));
    sock.on('connect', () => sock.write(Buffer.isBuffer(request) ? request : Buffer.from(request, 'latin1')));
    sock.on('data', (d) => chunks.push(d));
    sock.on('error', reject);
    sock.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      const head = end < 0 ? text : text.slice(0, end);
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = {};
      for (const l of lines) {
        const i = l.indexOf(':');
        if (i > 0) headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: end < 0 ? '' : text.slice(end + 4), text,
        responses: (text.match(/HTTP\/1\.[01] \d{3} /g) ?? []).length });
    });
  });
}
