// Issue 14's quality bar (a commune's slow line): an API answer in JSON above ~1 KB comes gzip'd to a client that
// accepts gzip and decodes to the same JSON the server sends uncompressed; a small one, and any to a client that
// does not ask, is sent as it is; both say they vary by Accept-Encoding. The contract checker reads the decoded
// JSON (fetch decodes it), so every other test's answers are still checked against openapi.json.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { startServer, client } from './harness.mjs';
import { checkResponse } from './contract.mjs';

let server, admin;
before(async () => {
  server = await startServer();
  admin = await client(server, 'admin');
});
after(async () => { await server?.stop(); });

// The raw answer: fetch() would undo the compression before the test could see it.
function raw(path, headers) {
  return new Promise((resolve, reject) => {
    const req = http.get(server.base + path, { headers: { authorization: `Bearer ${admin.token}`, ...headers } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
  });
}

test('a large JSON answer is gzip\'d for a client that accepts it and decodes to the same JSON', async () => {
  const path = '/api/v1/units?limit=1000';
  const plain = await raw(path, {});
  assert.equal(plain.status, 200);
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.match(plain.headers.vary ?? '', /Accept-Encoding/);
  const zipped = await raw(path, { 'accept-encoding': 'gzip, deflate, br' });
  assert.equal(zipped.status, 200);
  assert.equal(zipped.headers['content-encoding'], 'gzip');
  assert.match(zipped.headers.vary ?? '', /Accept-Encoding/);
  assert.equal(Number(zipped.headers['content-length']), zipped.body.length);
  assert.ok(zipped.body.length * 3 < plain.body.length, `${zipped.body.length} of ${plain.body.length} bytes`);
  const decoded = JSON.parse(gunzipSync(zipped.body).toString('utf8'));
  assert.deepEqual(decoded, JSON.parse(plain.body.toString('utf8')));
  // The contract checker judges the decoded answer as it judges any other.
  checkResponse('GET', path, zipped.status, zipped.headers['content-type'], decoded);
  // q=0 refuses gzip (RFC 9110 §12.5.3).
  assert.equal((await raw(path, { 'accept-encoding': 'gzip;q=0' })).headers['content-encoding'], undefined);
});

test('a small answer is sent as it is', async () => {
  const small = await raw('/api/v1/auth/me', { 'accept-encoding': 'gzip' });
  assert.equal(small.status, 200);
  assert.ok(small.body.length < 1024, `${small.body.length} bytes`);
  assert.equal(small.headers['content-encoding'], undefined);
  JSON.parse(small.body.toString('utf8'));
});

test('the harness\'s fetch reads gzip\'d answers through the contract checker', async () => {
  const r = await admin.get('/api/v1/dashboard');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-encoding'), 'gzip');
  assert.ok(r.body.assignments);
});
