// The built web client and nothing else: every spelling of a path that leaves the web folder is refused,
// straight to the server and through the documented nginx (deploy/nginx-local.conf). Raw sockets, since
// fetch() normalises "..", "//" and "\" before sending. The build's .gz twins are sent to clients that
// accept gzip, by the server and by nginx alike, and only hashed asset names are cached for good.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import http from 'node:http';
import { gzipSync, gunzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, mkdirSync, writeFileSync, symlinkSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, rawRequest as raw } from './harness.mjs';

const SECRET = 'BI-MAT-NGOAI-THU-MUC-7f3a';
const ENV_SECRET = 'BI-MAT-MOI-TRUONG-91c2';
const INDEX = '<!doctype html><title>Tiến Độ</title><div id="root"></div>';
const APP = 'console.log("tiendo")';
let dir, web, server, nginx;

const get = (port, target) => raw(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
// The answer's bytes as sent (node's http does not decompress).
const bytes = (port, path, headers = {}) => new Promise((resolve, reject) => {
  http.get({ host: '127.0.0.1', port, path, headers }, (res) => {
    const chunks = [];
    res.on('data', (d) => chunks.push(d));
    res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
  }).on('error', reject);
});

// The page and a hashed asset as a browser gets them: gzip when asked, plain otherwise, Vary either way.
async function compressed(port) {
  for (const [path, text, cache] of [['/assets/app-B8kh_N9e.js', APP, /immutable/], ['/', INDEX, /^no-cache$/], ['/bao-cao/12', INDEX, /^no-cache$/]]) {
    const zipped = await bytes(port, path, { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(zipped.status, 200, path);
    assert.equal(zipped.headers['content-encoding'], 'gzip', path);
    assert.match(zipped.headers.vary ?? '', /Accept-Encoding/i, path);
    assert.match(zipped.headers['cache-control'], cache, path);
    assert.equal(gunzipSync(zipped.body).toString(), text, path);
    const plain = await bytes(port, path, { 'accept-encoding': 'gzip;q=0, br' });
    assert.equal(plain.headers['content-encoding'], undefined, path);
    assert.equal(plain.body.toString(), text, path);
  }
  const js = await bytes(port, '/assets/app-B8kh_N9e.js', { 'accept-encoding': 'gzip' });
  assert.match(js.headers['content-type'], /^text\/javascript/);
  assert.equal(js.headers['x-content-type-options'], 'nosniff');
  // No hash in the name: asked for again each time.
  const svg = await bytes(port, '/assets/logo.svg', { 'accept-encoding': 'gzip' });
  assert.equal(svg.status, 200);
  assert.equal(svg.headers['cache-control'], 'no-cache');
  // A missing asset, a hidden file or a twin asked for by its own name: the JSON 404, never the page.
  for (const target of ['/assets/app-00000000.js', '/assets/Dashboard-Bpb83Zvq.js', '/assets/app-B8kh_N9e.js.gz', '/index.html.gz',
    '/assets/.hidden-B8kh_N9e.js', '/assets/', '/assets/fonts/none.woff2', '/favicon.ico', '/bao-cao/12.js']) {
    const r = await bytes(port, target, { 'accept-encoding': 'gzip' });
    assert.equal(r.status, 404, target);
    assert.match(r.headers['content-type'], /application\/json/, target);
    assert.equal(r.headers['cache-control'], 'no-store', target);
    assert.equal(JSON.parse(r.body.toString()).error.code, 'not_found', target);
  }
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tiendo-static-'));
  chmodSync(dir, 0o755);  // nginx's workers (another user when started as root) read the web folder inside
  web = join(dir, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), INDEX);
  writeFileSync(join(web, 'robots.txt'), 'User-agent: *\n');
  writeFileSync(join(web, '.env'), SECRET);
  writeFileSync(join(web, 'assets', 'app-B8kh_N9e.js'), APP);
  writeFileSync(join(web, 'assets', 'app-B8kh_N9e.js.gz'), gzipSync(APP));
  writeFileSync(join(web, 'index.html.gz'), gzipSync(INDEX));
  writeFileSync(join(web, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');  // no hash in its name
  writeFileSync(join(web, 'assets', '.hidden-B8kh_N9e.js'), SECRET);
  writeFileSync(join(dir, 'secret.txt'), SECRET);
  symlinkSync(join(dir, 'secret.txt'), join(web, 'leak.txt'));
  symlinkSync('../../secret.txt', join(web, 'assets', 'leak-abc123.js'));
  symlinkSync('/etc', join(web, 'assets', 'etc'));
  symlinkSync(dir, join(web, 'up'));
  process.env.TIENDO_STATIC_TEST_SECRET = ENV_SECRET;  // inherited by the server: /proc/self/environ
  server = await startServer({ demo: false, webRoot: web });
});

after(async () => {
  if (nginx) spawnSync('nginx', ['-p', nginx.dir, '-c', join(nginx.dir, 'nginx.conf'), '-s', 'stop']);
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const port = () => Number(new URL(server.base).port);
const enc = (s) => s.split('').map((c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join('');

// Every target here must be refused — 400 (not a valid target) or 404 — or, when it has the shape of a
// client route ("/proc/self/environ": words between single slashes, no extension), get the page itself.
// Never a file from outside the web folder, never a hidden or symlinked one.
function traversals() {
  const secretAbs = join(dir, 'secret.txt');
  return [
    '//etc/passwd', '///etc/passwd', '/../../../../etc/passwd', '/./../../etc/passwd', '/assets/../../secret.txt',
    '/..%2f..%2f..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/%2E%2E%2F%2E%2E%2Fsecret.txt',
    '/%2e%2e%2fsecret.txt', '/.%2e/secret.txt', '/%2e./secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt',
    '/%252e%252e/%252e%252e/etc/passwd', '/%252e%252e%252fsecret.txt', '/%25252e%25252e/secret.txt',
    '/..\\..\\..\\etc\\passwd', '/..%5c..%5csecret.txt', '/assets\\..\\..\\secret.txt', '/%5c%5cetc%5cpasswd',
    '/index.html%00', '/index.html%00.js', '/..%00/secret.txt', '/assets/app-B8kh_N9e.js%00.html',
    '/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd', '/%c0%ae%c0%ae%c0%afsecret.txt', '/%e0%80%ae%e0%80%ae/secret.txt',
    '/..%c0%af..%c0%afetc%c0%afpasswd', '/%c1%1c%c1%1csecret.txt', '/%u002e%u002e/secret.txt',
    '/assets/..;/..;/secret.txt', '/..;/secret.txt', '/index.html;/../../secret.txt', '/assets;/../../secret.txt',
    '/....//....//etc/passwd', '/.../.../secret.txt', '/assets/app-B8kh_N9e.js/../../../secret.txt',
    '/index.html/../../secret.txt', '//' + secretAbs.slice(1), '/' + secretAbs, '/' + enc(secretAbs),
    '/%2f' + enc(secretAbs.slice(1)), '/leak.txt', '/assets/leak-abc123.js', '/assets/etc/passwd',
    '/up/secret.txt', '/.env', '/%2eenv', '/proc/self/environ', '//proc/self/environ', '/%2fproc%2fself%2fenviron',
    '//proc/self/fd/3', '//proc/self/fd/4', '//proc/self/fd/5', '//proc/self/fd/6', '//proc/self/cwd/secret.txt',
    '//proc/self/root/etc/passwd', '/../proc/self/environ', '../secret.txt', '..', '.', '*',
    'http://127.0.0.1/../secret.txt', '/assets/../index.html', '/assets/./app-B8kh_N9e.js', '/assets//app-B8kh_N9e.js',
    '/./index.html', '//index.html', '/INDEX.HTML', '/index.html/', '/index.html.', '/index.html%20',
    '/assets/app-B8kh_N9e.js%2f', '/%2fassets/app-B8kh_N9e.js', '/assets%2fapp-B8kh_N9e.js%2f..%2f..%2f..%2fsecret.txt',
  ];
}

function refused(r, target) {
  const page = r.status === 200 && r.body === INDEX && /^\/[A-Za-z0-9_/-]*$/.test(target);
  assert.ok(r.status === 400 || r.status === 404 || page, `${target} → ${r.status}\n${r.text.slice(0, 300)}`);
  for (const leak of [SECRET, ENV_SECRET, 'root:x:0:0', 'tiendo")']) assert.ok(!r.text.includes(leak), `${target} leaked`);
}

test('only the built page and its assets are served; every traversal form answers 400 or 404', async () => {
  const page = await get(port(), '/');
  assert.equal(page.status, 200);
  assert.match(page.body, /id="root"/);
  assert.equal(page.headers['cache-control'], 'no-cache');
  const asset = await get(port(), '/assets/app-B8kh_N9e.js?v=2');
  assert.equal(asset.status, 200);
  assert.match(asset.headers['content-type'], /javascript/);
  assert.match(asset.headers['cache-control'], /immutable/);
  assert.equal((await get(port(), '/robots.txt')).status, 200);
  assert.equal((await get(port(), '/index.html')).status, 200);
  // The same file, its name percent-encoded: decoded first, then matched exactly.
  assert.equal((await get(port(), '/%61ssets/app-B8kh_N9e.js')).status, 200);
  for (const route of ['/bao-cao', '/bao-cao/12', '/assignments?status=overdue']) {
    const r = await get(port(), route);
    assert.equal(r.status, 200, route);
    assert.match(r.body, /id="root"/);
  }
  for (const target of traversals()) {
    const r = await get(port(), target);
    refused(r, target);
    if (r.status === 404) assert.match(r.headers['content-type'], /application\/json/, target);
  }
});

test('gzip twins to clients that accept them; a year of cache only for hashed names', async () => {
  await compressed(port());
});

test('a missing asset is a 404 JSON error, never the page and never cached', async () => {
  for (const target of ['/assets/app-00000000.js', '/assets/', '/assets', '/favicon.ico', '/app.js', '/api/v2/x']) {
    const r = await get(port(), target);
    assert.equal(r.status, 404, target);
    assert.equal(r.headers['cache-control'], 'no-store', target);
    assert.doesNotMatch(r.body, /id="root"/, target);
    assert.equal(JSON.parse(r.body).error.code, 'not_found', target);
  }
  // Writes never reach a file either.
  const r = await raw(port(), 'POST /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  assert.equal(r.status, 404);
});

// nginx with the documented loopback configuration, both upstreams pointed at this server.
async function startNginx() {
  const which = spawnSync('sh', ['-c', 'command -v nginx']);
  if (which.status !== 0) return null;
  const nd = join(dir, 'nginx');
  mkdirSync(nd);
  const srv = net.createServer();
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  const nport = srv.address().port;
  await new Promise((r) => srv.close(r));
  const conf = readFileSync(new URL('../../deploy/nginx-local.conf', import.meta.url), 'utf8')
    .replaceAll('@DIR@', nd).replaceAll('@PORT@', String(nport))
    .replaceAll('@A@', String(port())).replaceAll('@B@', String(port())).replaceAll('@WEB@', web);
  writeFileSync(join(nd, 'nginx.conf'), conf);
  const run = spawnSync('nginx', ['-p', nd, '-c', join(nd, 'nginx.conf'), '-e', join(nd, 'nginx-error.log')], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`nginx: ${run.stderr}`);
  for (let i = 0; i < 100 && !existsSync(join(nd, 'nginx.pid')); i++) await sleep(50);
  return { dir: nd, port: nport };
}

test('through the documented nginx, the same traversals are refused', async (t) => {
  nginx = await startNginx();
  if (!nginx) return t.skip('nginx is not installed');
  const page = await get(nginx.port, '/');
  assert.equal(page.status, 200);
  assert.match(page.body, /id="root"/);
  assert.equal((await get(nginx.port, '/assets/app-B8kh_N9e.js')).status, 200);
  for (const target of traversals()) refused(await get(nginx.port, target), target);
  await compressed(nginx.port);  // assets from the folder by nginx itself (gzip_static), the page from the instance
  const asset = await bytes(nginx.port, '/assets/app-B8kh_N9e.js', { 'accept-encoding': 'gzip' });
  assert.equal(asset.headers['x-frame-options'], undefined, 'the asset comes from nginx, not from the instance');
  // Encoded dots and slashes are already refused by nginx itself (no answer from the instance).
  const own = await get(nginx.port, '/assets%2fapp-B8kh_N9e.js');
  assert.equal(own.status, 404);
  assert.equal(own.headers['x-frame-options'], undefined);
  assert.equal(own.headers['cache-control'], 'no-store');
  assert.equal(JSON.parse(own.body).error.code, 'not_found');
});
