// Login throttling, session expiry and the password policy, against the real server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, client, PASSWORD, CLOCK } from './harness.mjs';

const later = (minutes) => new Date(Date.parse(CLOCK) + minutes * 60000).toISOString().replace(/\.\d+Z$/, 'Z');

test('five wrong passwords from one address slow that address down; the right password elsewhere still works', async () => {
  let server = await startServer();
  const c = await client(server);
  const from = (ip) => ({ 'x-real-ip': ip });  // the server trusts X-Real-IP from loopback (nginx)
  for (let i = 0; i < 5; i++) {
    const r = await c.call('POST', '/api/v1/auth/login', { username: 'haian', password: `doan-sai-${i}x` }, from('203.0.113.7'));
    assert.equal(r.status, 401);
  }
  // The attacker's address now waits, and its attempts are not even checked …
  const slowed = await c.call('POST', '/api/v1/auth/login', { username: 'haian', password: PASSWORD }, from('203.0.113.7'));
  assert.equal(slowed.status, 429);
  assert.equal(slowed.body.error.code, 'slow_down');
  assert.ok(Number(slowed.headers.get('retry-after')) >= 1);
  // … but the user, from their office, logs in at once, and other users are unaffected.
  assert.equal((await c.call('POST', '/api/v1/auth/login', { username: 'haian', password: PASSWORD }, from('198.51.100.2'))).status, 200);
  assert.equal((await c.call('POST', '/api/v1/auth/login', { username: 'lechan', password: PASSWORD }, from('203.0.113.7'))).status, 200);
  // Every instance shares the count (it is in the database); once the wait is over the address may try again.
  // 16 minutes after the failures by the server's clock, which has run on since CLOCK.
  const ran = Math.ceil((Date.now() - server.started) / 60000);
  await server.stop({ keep: true });
  server = await startServer({ reuse: server, clock: later(16 + ran) });
  const again = await client(server);
  assert.equal((await again.call('POST', '/api/v1/auth/login', { username: 'haian', password: PASSWORD }, from('203.0.113.7'))).status, 200);
  await server.stop();
});

test('one address guessing across many names never locks out the right password', async () => {
  const server = await startServer();
  const c = await client(server);
  for (let i = 0; i < 30; i++) {
    assert.equal((await c.post('/api/v1/auth/login', { username: `khong-co-${i}`, password: 'x' })).status, 401);
  }
  const r = await c.post('/api/v1/auth/login', { username: 'skhcn', password: PASSWORD });
  assert.equal(r.status, 200);
  await server.stop();
});

test('a session ends after its hours, on every instance', async () => {
  let server = await startServer();
  const c = await client(server, 'skhcn');
  assert.equal((await c.get('/api/v1/auth/me')).status, 200);
  const ran = Math.ceil((Date.now() - server.started) / 60000);  // minutes the clock ran before the login
  await server.stop({ keep: true });
  server = await startServer({ reuse: server, clock: later(11 * 60) });
  const still = await fetch(`${server.base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${c.token}` } });
  assert.equal(still.status, 200);
  await server.stop({ keep: true });
  server = await startServer({ reuse: server, clock: later(12 * 60 + 1 + ran) });
  const expired = await fetch(`${server.base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${c.token}` } });
  assert.equal(expired.status, 401);
  await server.stop();
});

test('weak passwords are refused with the rule named', async () => {
  const server = await startServer();
  const admin = await client(server, 'admin');
  const unit = (await admin.get('/api/v1/units?limit=5')).body.items[0];
  for (const [password, why] of [['Abc12345', /10 ký tự/], ['abcdefghijk', /chữ và số/],
    ['nguyenvan2026', /tên đăng nhập/], ['Password2026', /phổ biến/]]) {
    const r = await admin.post('/api/v1/users', { username: 'nguyenvan', full_name: 'Nguyễn Văn A', role: 'focal_point',
      unit_id: unit.id, password });
    assert.equal(r.status, 400, password);
    assert.equal(r.body.error.field, 'password');
    assert.match(r.body.error.message, why);
  }
  const ok = await admin.post('/api/v1/users', { username: 'nguyenvan', full_name: 'Nguyễn Văn A', role: 'focal_point',
    unit_id: unit.id, password: 'Cau Rao 2 noi Lach Tray' });
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  await server.stop();
});
