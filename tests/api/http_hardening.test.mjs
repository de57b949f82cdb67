// Issue 11, item 10: malformed HTTP is refused and the connection closed; security headers; the Secure
// cookie by default; `as_of` is ignored on writes; file names lose control and direction characters.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, unitByCode, rawRequest, PASSWORD } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });
const port = (s = server) => Number(new URL(s.base).port);
const HEALTH = 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n';

test('malformed HTTP answers 400 and closes the connection: nothing sent after it is answered', async () => {
  const cases = {
    'unknown Transfer-Encoding': 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n',
    'Transfer-Encoding not ending in chunked': 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n',
    'misspelt chunked': 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n',
    'Transfer-Encoding twice': 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    'Content-Length then Transfer-Encoding': 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    'Transfer-Encoding then Content-Length': 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n',
    'two Content-Length': 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}',
    'missing Host on HTTP/1.1': 'GET /api/v1/health HTTP/1.1\r\nAccept: */*\r\n\r\n',
    'two Host fields': 'GET /api/v1/health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n',
    'folded header (space)': 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Long: one\r\n two\r\n\r\n',
    'folded header (tab)': 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Long: one\r\n\ttwo\r\n\r\n',
    'folded Transfer-Encoding': 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n',
    'space before the colon': 'GET /api/v1/health HTTP/1.1\r\nHost : x\r\n\r\n',
    'bad request line': 'GET /api/v1/health HTTP/9.9\r\nHost: x\r\n\r\n',
    'target not in origin form': 'GET http://127.0.0.1/api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n',
    'bad percent-encoding in the target': 'GET /api/v1/health%zz HTTP/1.1\r\nHost: x\r\n\r\n',
    'bad chunk size': 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n',
  };
  for (const [name, request] of Object.entries(cases)) {
    const r = await rawRequest(port(), request + HEALTH);
    assert.equal(r.status, 400, `${name}: ${r.text.slice(0, 200)}`);
    assert.equal(r.responses, 1, `${name}: the request after it was answered`);
    assert.match(r.headers.connection ?? '', /close/i, name);
    assert.equal(JSON.parse(r.body).error.code, 'bad_request', name);
  }
  // Well-formed requests of the same shapes still work, several on one connection.
  const ok = await rawRequest(port(), HEALTH + 'GET /api/v1/health HTTP/1.0\r\n\r\n');
  assert.equal(ok.responses, 2, ok.text);
  const chunked = await rawRequest(port(), 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n'
    + 'Transfer-Encoding: Chunked\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n');
  assert.equal(chunked.status, 400);  // the body is read: {} lacks a username
  assert.notEqual(JSON.parse(chunked.body).error.code, 'bad_request');
});

test('a HEAD answer carries headers and no body: the next answer on the connection starts right after them', async () => {
  // A body after a HEAD answer is read by a keep-alive client (nginx's upstream pool) as the start of the
  // next answer: that one, someone else's, is then broken or shifted.
  for (const target of ['/api/v1/health', '/api/v1/auth/me', '/api/v1/nowhere', '/']) {
    const r = await rawRequest(port(), `HEAD ${target} HTTP/1.1\r\nHost: x\r\n\r\n` + HEALTH.replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n'));
    const end = r.text.indexOf('\r\n\r\n');
    assert.ok(end > 0, r.text);
    assert.match(r.text.slice(end + 4), /^HTTP\/1\.1 200 /, `HEAD ${target}: bytes after its headers\n${r.text.slice(0, 600)}`);
    assert.match(r.headers['content-length'] ?? '', /^\d+$/, target);
    assert.equal(r.responses, 2, target);
  }
});

test('security headers: Permissions-Policy and COOP always, HSTS only behind TLS', async () => {
  const r = await fetch(`${server.base}/api/v1/health`);
  assert.match(r.headers.get('permissions-policy'), /camera=\(\), microphone=\(\), geolocation=\(\)/);
  assert.equal(r.headers.get('cross-origin-opener-policy'), 'same-origin');
  assert.equal(r.headers.get('strict-transport-security'), null);
  // The TLS proxy on this host says so.
  const proxied = await fetch(`${server.base}/api/v1/health`, { headers: { 'x-forwarded-proto': 'https' } });
  assert.match(proxied.headers.get('strict-transport-security'), /max-age=\d{7,}/);
  const tls = await startServer({ demo: false, args: ['--behind-tls'] });
  const t = await fetch(`${tls.base}/api/v1/health`);
  assert.match(t.headers.get('strict-transport-security'), /max-age=\d{7,}/);
  await tls.stop();
});

test('the session cookie is Secure by default; --insecure-cookie (make run on loopback) drops it', async () => {
  const login = (base) => fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'xem', password: PASSWORD }) });
  assert.match((await login(server.base)).headers.get('set-cookie'), /;\s*Secure/);
  const plain = await startServer({ args: ['--insecure-cookie'] });
  const cookie = (await login(plain.base)).headers.get('set-cookie');
  assert.match(cookie, /HttpOnly/);
  assert.doesNotMatch(cookie, /Secure/);
  await plain.stop();
});

test('as_of is read on GET only: a write with ?as_of= has the outcome it has without it', async () => {
  const lechan = await client(server, 'lechan');
  const unit = await unitByCode(lechan, 'P-LECHAN');
  const list = async (status) => (await lechan.get(`/api/v1/assignments?unit_id=${unit.id}&status=${status}&limit=100`)).body.items;
  const onTime = (await list('in_progress,not_started,due_soon'))[0];
  assert.ok(onTime, 'an open assignment that is not overdue today');
  // Read at 2030 it is overdue…
  assert.equal((await lechan.get(`/api/v1/assignments/${onTime.id}?as_of=2030-12-31`)).body.status, 'overdue');
  const review = (a, query) => lechan.post(`/api/v1/overdue-reviews${query}`, { assignment_id: a.id, cause: 'Chưa bố trí kinh phí',
    responsible_unit: 'Phòng Kinh tế', remedy: 'Bổ sung dự toán', new_due: '2027-06-30' });
  // …but a review filed "as of 2030" is refused exactly as one filed today.
  const plain = await review(onTime, '');
  const dated = await review(onTime, '?as_of=2030-12-31');
  assert.equal(plain.status, 409);
  assert.deepEqual(dated.body, plain.body);
  assert.equal((await lechan.get(`/api/v1/overdue-reviews?state=open`)).body.items.filter((x) => x.assignment_id === onTime.id).length, 0);
  // A bad as_of on a write is not even read.
  assert.equal((await review(onTime, '?as_of=khong-phai-ngay')).status, 409);
  // An assignment overdue today can be reviewed, whatever past date the query names.
  const overdue = (await list('overdue'))[0];
  if (overdue) assert.equal((await review(overdue, '?as_of=2020-01-01')).status, 201);
});

const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

test('control characters and direction overrides are removed from evidence file names, up and down', async () => {
  const haian = await client(server, 'haian');
  const skhcn = await client(server, 'skhcn');
  const plan = (await skhcn.get('/api/v1/directives?limit=100')).body.items.find((d) => d.number === '27/QĐ-BCĐ');
  const r = await haian.post('/api/v1/reports', { directive_id: plan.id, period: '2026-12' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const cases = [
    ['hoa-don\u202Efdp.pdf', 'hoa-donfdp.pdf'],
    ['Biên\u0000bản\u0007\u001b[2J họp.pdf', 'Biênbản[2J họp.pdf'],
    ['\u2066báo\u2069 cáo\u200E\u200F\u061C\u0085\u007f.pdf', 'báo cáo.pdf'],
    ['"a";b\r\nSet-Cookie: x=1.pdf', '"a";bSet-Cookie: x=1.pdf'],
  ];
  for (const [given, stored] of cases) {
    const up = await haian.call('POST', `/api/v1/reports/${r.body.id}/evidence?filename=${encodeURIComponent(given)}`, PDF);
    assert.equal(up.status, 201, JSON.stringify(up.body));
    assert.equal(up.body.filename, stored);
    const down = await haian.call('GET', `/api/v1/evidence/${up.body.id}`);
    assert.equal(down.status, 200);
    const cd = down.headers.get('content-disposition');
    assert.match(cd, /^attachment; filename="[^"\\]*"; filename\*=UTF-8''[A-Za-z0-9%!#$&+\-.^_`|~]+$/, cd);
    assert.equal(decodeURIComponent(cd.split("UTF-8''")[1]), stored);
  }
  // A name that is nothing but such characters is no name.
  const empty = await haian.call('POST', `/api/v1/reports/${r.body.id}/evidence?filename=${encodeURIComponent('\u202E\u0001')}`, PDF);
  assert.equal(empty.status, 400);
  assert.equal(empty.body.error.field, 'filename');
  // The extension is judged on the cleaned name: "x\u202Efdp.exe" is an .exe.
  const exe = await haian.call('POST', `/api/v1/reports/${r.body.id}/evidence?filename=${encodeURIComponent('x\u202Efdp.exe')}`, PDF);
  assert.equal(exe.status, 415);
});
