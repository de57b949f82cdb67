import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, KIND, PASSWORD } from './harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

test('health names the database in use', async () => {
  const c = await client(server);
  const r = await c.get('/api/v1/health');
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, { status: 'ok', db: KIND });
});

test('the OpenAPI document is served and lists the collections', async () => {
  const c = await client(server);
  const r = await c.get('/api/v1/openapi.json');
  assert.equal(r.status, 200);
  assert.equal(r.body.openapi, '3.0.3');
  for (const p of ['/api/v1/units', '/api/v1/unit-groups', '/api/v1/directives', '/api/v1/indicators', '/api/v1/tasks',
    '/api/v1/assignments', '/api/v1/reports', '/api/v1/dashboard', '/api/v1/audit']) {
    assert.ok(r.body.paths[p]?.get, `documented: GET ${p}`);
  }
});

test('login with a wrong password is refused without telling which part was wrong', async () => {
  const c = await client(server);
  const bad = await c.post('/api/v1/auth/login', { username: 'skhcn', password: 'sai-mat-khau1' });
  assert.equal(bad.status, 401);
  assert.equal(bad.body.error.code, 'invalid_credentials');
  const unknown = await c.post('/api/v1/auth/login', { username: 'khongco', password: PASSWORD });
  assert.equal(unknown.status, 401);
  assert.equal(unknown.body.error.message, bad.body.error.message);
  const missing = await c.post('/api/v1/auth/login', { username: 'skhcn' });
  assert.equal(missing.status, 400);
  assert.equal(missing.body.error.field, 'password');
  assert.match(missing.body.error.message, /bắt buộc/);
});

test('a bearer token identifies the user; logout ends the session', async () => {
  const c = await client(server, 'haian');
  const me = await c.get('/api/v1/auth/me');
  assert.equal(me.status, 200);
  assert.equal(me.body.username, 'haian');
  assert.equal(me.body.role, 'focal_point');
  assert.equal(me.body.unit_name, 'Phường Hải An');
  assert.equal((await c.post('/api/v1/auth/logout')).status, 200);
  const after = await c.get('/api/v1/auth/me');
  assert.equal(after.status, 401);
  assert.equal(after.body.error.code, 'unauthenticated');
});

test('the session cookie is HttpOnly and SameSite=Strict, and writes need the CSRF token', async () => {
  const c = await client(server);
  const login = await c.post('/api/v1/auth/login', { username: 'skhcn', password: PASSWORD });
  const cookie = login.headers.get('set-cookie');
  assert.match(cookie, /tiendo_session=[0-9a-f]{64}/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  const jar = cookie.split(';')[0];
  const read = await c.call('GET', '/api/v1/auth/me', undefined, { cookie: jar });
  assert.equal(read.status, 200);
  const body = JSON.stringify({ name: 'Tết Dương lịch 2027' });
  const noCsrf = await c.call('PUT', '/api/v1/holidays/2027-01-01', body, { cookie: jar, 'content-type': 'application/json' });
  assert.equal(noCsrf.status, 403);
  assert.equal(noCsrf.body.error.code, 'csrf');
  const withCsrf = await c.call('PUT', '/api/v1/holidays/2027-01-01', body,
    { cookie: jar, 'content-type': 'application/json', 'x-csrf-token': login.body.csrf_token });
  assert.equal(withCsrf.status, 200);
});

test('security headers are set on every answer', async () => {
  const c = await client(server);
  const r = await c.get('/api/v1/health');
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(r.headers.get('x-frame-options'), 'DENY');
  assert.equal(r.headers.get('cache-control'), 'no-store');
});

test('unknown paths and methods answer in the error shape', async () => {
  const c = await client(server, 'skhcn');
  const nf = await c.get('/api/v1/khong-co');
  assert.equal(nf.status, 404);
  assert.ok(nf.body.error.message);
  const m = await c.call('DELETE', '/api/v1/units');
  assert.equal(m.status, 405);
  const badJson = await c.call('POST', '/api/v1/directives', '{"number":', { 'content-type': 'application/json' });
  assert.equal(badJson.status, 400);
  assert.equal(badJson.body.error.field, 'body');
  assert.match(badJson.body.error.message, /JSON/);
});
