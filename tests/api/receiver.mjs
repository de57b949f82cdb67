// A real HTTPS receiver for the event tests: a test CA made with the openssl command line, a certificate for
// 127.0.0.1 signed by it, and a Node https server that answers as the test says — 200, 500, or not at all —
// and keeps every request it got with its headers and body.
import https from 'node:https';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function makeCa() {
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-ca-'));
  const run = (...args) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2',
    '-subj', '/CN=Tien Do test CA');
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'srv.key', '-out', 'srv.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  run('x509', '-req', '-in', 'srv.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'srv.pem',
    '-days', '2', '-extfile', 'ext.cnf');
  return { dir, caFile: join(dir, 'ca.pem'), key: readFileSync(join(dir, 'srv.key')), cert: readFileSync(join(dir, 'srv.pem')) };
}

// mode: 'ok' (200 after delayMs), 'fail' (500), 'hang' (never answers).
export async function startReceiver(ca) {
  const r = { mode: 'ok', delayMs: 0, requests: [], waiting: [] };
  const server = https.createServer({ key: ca.key, cert: ca.cert }, (req, res) => {
    const chunks = [];
    req.on('data', (d) => chunks.push(d));
    req.on('end', () => {
      r.requests.push({ path: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      for (const w of r.waiting.splice(0)) w();
      if (r.mode === 'hang') return;
      setTimeout(() => { res.writeHead(r.mode === 'ok' ? 200 : 500); res.end(r.mode === 'ok' ? 'ok' : 'lỗi'); }, r.delayMs);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  r.port = server.address().port;
  r.url = (path) => `https://127.0.0.1:${r.port}${path}`;
  r.nextRequest = () => new Promise((resolve) => r.waiting.push(resolve));
  r.close = () => { server.closeAllConnections(); return new Promise((resolve) => server.close(resolve)); };
  return r;
}

// What a receiver does with a request: the signature over "<timestamp>.<body>" with the subscription's secret.
export function signatureValid(req, secret) {
  const ts = req.headers['x-tiendo-timestamp'];
  const expected = 'sha256=' + createHmac('sha256', secret).update(`${ts}.${req.body}`).digest('hex');
  return req.headers['x-tiendo-signature'] === expected;
}
