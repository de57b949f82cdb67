// Faults survived, nothing lost: the server killed with SIGKILL in the middle of a load of report saves;
// one of two instances killed while clients retry with Idempotency-Key; the database away for a while;
// the evidence disk full; the server stopped while an e-mail is on its way. Runs on SQLite and on PostgreSQL
// like every API test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, mkdirSync, chmodSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, client, directiveByNumber, KIND } from './harness.mjs';

const BIN = process.env.TIENDO_BIN ?? new URL('../../build/tiendo', import.meta.url).pathname;

// Draft reports of the month for `n` communes, made by the administrator on their behalf.
async function drafts(admin, plan, n) {
  const units = (await admin.get('/api/v1/units?limit=1000')).body.items.filter((u) => u.peer_group === 'commune');
  const out = [];
  for (const u of units) {
    const r = await admin.post('/api/v1/reports', { directive_id: plan.id, period: '2026-11', unit_id: u.id });
    if (r.status === 201 && r.body.items.length > 0) out.push(r.body);
    if (out.length === n) break;
  }
  assert.equal(out.length, n);
  return out;
}

function auditVerifies(db) {
  const out = execFileSync(BIN, ['--db', db, 'audit', 'verify'], { encoding: 'utf8' });
  assert.match(out, /Nhật ký toàn vẹn/, out);
}

test('kill -9 in the middle of report saves: every answered save is there, none half-written', async () => {
  let server = await startServer();
  const admin = await client(server, 'admin');
  const plan = await directiveByNumber(admin, '27/QĐ-BCĐ');
  const reports = await drafts(admin, plan, 6);
  const answered = new Map();  // report id -> highest round whose save got 200
  let stop = false;
  const writers = reports.map(async (r) => {
    let version = r.version;
    for (let round = 1; !stop; round++) {
      const items = r.items.map((i) => ({ assignment_id: i.assignment_id, progress_percent: round % 101,
        work_done: `lần lưu ${round}` }));
      let res;
      try {
        res = await admin.put(`/api/v1/reports/${r.id}`, { version, items });
      } catch {
        return;  // the server is gone
      }
      if (res.status !== 200) return;
      version = res.body.version;
      answered.set(r.id, round);
    }
  });
  // The kill comes once every writer has had three saves answered (a loaded machine takes longer to get there),
  // while the next ones are in flight.
  const enough = () => answered.size === reports.length && [...answered.values()].every((n) => n >= 3);
  for (const until = Date.now() + 60000; !enough() && Date.now() < until;) await sleep(50);
  await sleep(100);
  await server.stop({ keep: true, signal: 'SIGKILL' });
  stop = true;
  await Promise.all(writers);
  assert.ok([...answered.values()].every((n) => n >= 3), `too few saves before the kill: ${[...answered.values()]}`);

  server = await startServer({ reuse: server });
  const again = await client(server, 'admin');
  for (const r of reports) {
    const got = (await again.get(`/api/v1/reports/${r.id}`)).body;
    const rounds = new Set(got.items.map((i) => i.work_done));
    assert.equal(rounds.size, 1, `report ${r.id} is half-written: ${[...rounds]}`);
    const round = Number([...rounds][0].replace('lần lưu ', ''));
    // The save in flight at the kill may have committed without its answer; none answered is missing.
    assert.ok(round === answered.get(r.id) || round === answered.get(r.id) + 1,
      `report ${r.id}: stored round ${round}, last answered ${answered.get(r.id)}`);
  }
  await server.stop({ keep: true });
  auditVerifies(server.db);
  if (KIND === 'sqlite') {
    assert.equal(execFileSync('sqlite3', [server.db, 'PRAGMA integrity_check'], { encoding: 'utf8' }).trim(), 'ok');
  }
  rmSync(server.dir, { recursive: true, force: true });
});

test('one of two instances killed: retries with Idempotency-Key lose nothing and duplicate nothing', async () => {
  const a = await startServer();
  const b = await startServer({ reuse: { ...a, dir: mkdtempSync(join(tmpdir(), 'tiendo-b-')) } });
  const ca = await client(a, 'admin');
  const cb = await client(b, 'admin');
  const plan = await directiveByNumber(ca, '27/QĐ-BCĐ');
  const [report] = await drafts(ca, plan, 1);
  const pdf = (k) => new TextEncoder().encode(`%PDF-1.4\n% minh chứng ${k}\n%%EOF\n`);
  const keys = Array.from({ length: 60 }, (_, k) => `tep-${k}`);
  let retried = 0;
  const results = await Promise.all(keys.map(async (key, k) => {
    await sleep(Math.floor(k / 6) * 80);  // bursts of six, so some are in flight at the kill
    // Round robin as nginx would; after a failed attempt, the same request with the same key elsewhere.
    const order = k % 2 === 0 ? [ca, cb] : [cb, ca];
    for (let attempt = 0; attempt < 6; attempt++) {
      const c = order[attempt % 2];
      try {
        const r = await c.call('POST', `/api/v1/reports/${report.id}/evidence?filename=${key}.pdf`, pdf(k),
          { 'idempotency-key': key });
        if (r.status === 201) return r;
      } catch {
        retried++;  // connection refused or reset: the instance died; the same request again
      }
      await sleep(50);
    }
    return null;
  }).concat([(async () => {
    await sleep(400);
    await a.stop({ keep: true, signal: 'SIGKILL' });
  })()]));
  const answers = results.slice(0, keys.length);
  assert.ok(answers.every((r) => r !== null), 'a request never got an answer');
  assert.ok(retried > 0, 'the kill interrupted no request: the test proved nothing');
  const stored = (await cb.get(`/api/v1/reports/${report.id}`)).body.evidence ??
    (await cb.get(`/api/v1/reports/${report.id}/evidence`)).body.items;
  const names = stored.map((e) => e.filename).sort();
  assert.deepEqual(names, keys.map((k) => `${k}.pdf`).sort(), 'each file exactly once');
  // A replay answers the first answer; the same key with another request is refused.
  const replay = await cb.call('POST', `/api/v1/reports/${report.id}/evidence?filename=tep-0.pdf`, pdf(0),
    { 'idempotency-key': 'tep-0' });
  assert.equal(replay.status, 201);
  assert.equal(replay.headers.get('idempotent-replayed'), 'true');
  assert.equal(replay.body.id, answers[0].body.id);
  const reused = await cb.call('POST', `/api/v1/reports/${report.id}/evidence?filename=khac.pdf`, pdf(99),
    { 'idempotency-key': 'tep-0' });
  assert.equal(reused.status, 422);
  assert.equal(reused.body.error.code, 'idempotency_key_reused');
  await b.stop({ keep: true });
  rmSync(a.dir, { recursive: true, force: true });
  rmSync(b.dir, { recursive: true, force: true });
});

test('the database away for a while: clear 503 answers, then recovery without a restart', async () => {
  // A PostgreSQL server of this test's own, so stopping it disturbs no other test.
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-pgdown-'));
  chmodSync(dir, 0o755);  // the postgres user must reach its data directory
  const port = 30000 + Math.floor(Math.random() * 20000);
  const script = new URL('../../scripts/pg-test.sh', import.meta.url).pathname;
  const adminUrl = execFileSync('bash', [script, 'start', join(dir, 'pg'), String(port)], { encoding: 'utf8' }).trim();
  const pgctl = (...args) => execFileSync('runuser', ['-u', 'postgres', '--', '/usr/lib/postgresql/15/bin/pg_ctl',
    '-D', join(dir, 'pg', 'data'), '-w', ...args], { stdio: 'pipe' });
  execFileSync('psql', [adminUrl, '-q', '-c', 'CREATE DATABASE down']);
  const url = adminUrl.replace(/\/[^/]*$/, '/down');
  const BINDEMO = process.env.TIENDO_DEMO ?? new URL('../../data/demo', import.meta.url).pathname;
  // PostgreSQL needs the audit key outside the database (the harness gives one when the suite runs on it).
  process.env.TIENDO_AUDIT_KEY_FILE ??= join(dir, 'audit.key');
  execFileSync(BIN, ['--db', url, 'demo', '--data', BINDEMO], { stdio: 'pipe' });
  mkdirSync(join(dir, 'srv'));
  const server = await startServer({ reuse: { db: url, dir: join(dir, 'srv') } });
  try {
    const c = await client(server, 'skhcn');
    assert.equal((await c.get('/api/v1/dashboard')).status, 200);
    pgctl('-m', 'immediate', 'stop');
    for (const path of ['/api/v1/dashboard?directive_id=1', '/api/v1/reports?limit=5', '/api/v1/units?limit=5']) {
      const r = await c.get(path);
      assert.equal(r.status, 503, `${path}: ${r.status}`);
      assert.equal(r.body.error.code, 'unavailable');
      assert.match(r.body.error.message, /tạm thời không sẵn sàng/);
      assert.equal(r.headers.get('retry-after'), '5');
    }
    assert.equal((await c.get('/api/v1/health')).status, 503);
    // After an immediate stop the old backends may still hold the shared memory for a moment (slow under
    // load): PostgreSQL then refuses to start ("pre-existing shared memory block is still in use"); try again.
    for (let attempt = 1; ; attempt++) {
      try {
        pgctl('-o', `-p ${port} -k ${join(dir, 'pg')} -c listen_addresses=127.0.0.1`, '-l', join(dir, 'pg', 'server.log'), 'start');
        break;
      } catch (e) {
        if (attempt === 10) throw new Error(`${e.message}\n${readFileSync(join(dir, 'pg', 'server.log'), 'utf8').slice(-2000)}`);
        await sleep(1000);
      }
    }
    let ok = 0;
    for (let i = 0; i < 50 && ok === 0; i++) {
      if ((await c.get('/api/v1/units?limit=5')).status === 200) ok = 1;
      else await sleep(100);
    }
    assert.equal(ok, 1, 'the server did not recover');
    assert.equal((await c.get('/api/v1/dashboard')).status, 200);
    assert.equal((await c.get('/api/v1/health')).status, 200);
  } finally {
    await server.stop();
    execFileSync('bash', [script, 'stop', join(dir, 'pg')]);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('disk full while uploading evidence: a clear error, nothing half-stored, small files still taken', async (t) => {
  const mnt = mkdtempSync(join(tmpdir(), 'tiendo-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mnt]);
  } catch {
    t.skip('mounting a 1 MB tmpfs needs root');
    return;
  }
  const server = await startServer();
  try {
    const admin = await client(server, 'admin');
    const plan = await directiveByNumber(admin, '27/QĐ-BCĐ');
    const [report] = await drafts(admin, plan, 1);
    // Point this server's evidence at the small disk by restarting it there.
    await server.stop({ keep: true });
    const full = await startServer({ reuse: server, evidenceDir: mnt });
    const c = await client(full, 'admin');
    const big = new Uint8Array(2 * 1024 * 1024);
    big.set(new TextEncoder().encode('%PDF-1.4\n'));
    const r = await c.call('POST', `/api/v1/reports/${report.id}/evidence?filename=lon.pdf`, big);
    assert.equal(r.status, 507, JSON.stringify(r.body));
    assert.equal(r.body.error.code, 'storage');
    assert.match(r.body.error.message, /dung lượng/);
    const listed = (await c.get(`/api/v1/reports/${report.id}`)).body;
    assert.equal((listed.evidence ?? []).length, 0, 'no evidence row for a file not stored');
    const leftovers = readdirSync(mnt, { recursive: true }).filter((f) => String(f).endsWith('.tmp'));
    assert.deepEqual(leftovers, []);
    const small = await c.call('POST', `/api/v1/reports/${report.id}/evidence?filename=nho.pdf`,
      new TextEncoder().encode('%PDF-1.4\n%%EOF\n'));
    assert.equal(small.status, 201, JSON.stringify(small.body));
    await full.stop({ keep: true });
  } finally {
    execFileSync('umount', [mnt]);
    rmSync(mnt, { recursive: true, force: true });
    rmSync(server.dir, { recursive: true, force: true });
  }
});

// An SMTP receiver that waits `delayMs` before greeting, then takes every message (enough of RFC 5321 for the
// server's client: EHLO, MAIL, RCPT, DATA, QUIT).
async function slowSmtp(delayMs) {
  const messages = [];
  const srv = net.createServer((socket) => {
    let buffer = '';
    let inData = false;
    const say = (line) => socket.write(`${line}\r\n`);
    setTimeout(() => say('220 slow.test ESMTP'), delayMs);
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          messages.push(buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          inData = false;
          say('250 queued');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') say('250 slow.test');
        else if (verb === 'DATA') { inData = true; say('354 go on'); }
        else if (verb === 'QUIT') { say('221 bye'); socket.end(); return; }
        else say('250 ok');
      }
    });
  });
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  return { port: srv.address().port, messages, close: () => srv.close() };
}

test('stopped while an e-mail is on its way: the message is still delivered and the server ends cleanly', async () => {
  const smtp = await slowSmtp(1500);
  try {
    const server = await startServer({ args: ['--scheduler-seconds', '0', '--smtp-host', '127.0.0.1',
      '--smtp-port', String(smtp.port), '--smtp-from', 'tiendo@haiphong.test', '--public-url', 'https://tiendo.haiphong.test/'] });
    const c = await client(server);
    assert.equal((await c.post('/api/v1/auth/forgot', { login: 'skhcn' })).status, 202);
    // SIGTERM while the receiver has not even greeted: the sender is still waiting on it.
    const ended = await server.stop();
    assert.deepEqual(ended, { code: 0, signal: null }, server.log());
    assert.equal(smtp.messages.length, 1, server.log());
    const body = Buffer.from(smtp.messages[0].split('\r\n\r\n')[1], 'base64').toString('utf8');
    assert.match(body, /dat-lai-mat-khau\?token=[0-9a-f]{64}/);
  } finally {
    smtp.close();
  }
});
