// The focal point takes a sent report back until the unit head acts: version-checked, audit-logged, and its
// first submission still fixes its timeliness (R4).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, clients, directiveByNumber } from './harness.mjs';

let server, skhcn, haian, head, lechan, plan;
before(async () => {
  server = await startServer();
  [skhcn, haian, head, lechan] = await clients(server, 'skhcn', 'haian', 'haian.truong', 'lechan');
  plan = await directiveByNumber(skhcn, '27/QĐ-BCĐ');
});
after(async () => { await server?.stop(); });

test('a submitted report is withdrawn to a draft until the unit head approves it', async () => {
  const created = await haian.post('/api/v1/reports', { directive_id: plan.id, period: '2026-11' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;

  const notYet = await haian.post(`/api/v1/reports/${id}/withdraw`, { version: created.body.version });
  assert.equal(notYet.status, 409);
  assert.equal(notYet.body.error.field, 'state');

  const submitted = await haian.post(`/api/v1/reports/${id}/submit`);
  assert.equal(submitted.status, 200);
  const first = submitted.body.first_submitted_at;
  assert.ok(first);

  const noVersion = await haian.post(`/api/v1/reports/${id}/withdraw`, {});
  assert.equal(noVersion.status, 400);
  assert.equal(noVersion.body.error.field, 'version');
  const stale = await haian.post(`/api/v1/reports/${id}/withdraw`, { version: created.body.version });
  assert.equal(stale.status, 409);
  assert.equal(stale.body.error.field, 'version');
  const byOther = await lechan.post(`/api/v1/reports/${id}/withdraw`, { version: submitted.body.version });
  assert.equal(byOther.status, 404);
  const byHead = await head.post(`/api/v1/reports/${id}/withdraw`, { version: submitted.body.version });
  assert.equal(byHead.status, 403);

  const back = await haian.post(`/api/v1/reports/${id}/withdraw`, { version: submitted.body.version });
  assert.equal(back.status, 200, JSON.stringify(back.body));
  assert.equal(back.body.state, 'draft');
  assert.equal(back.body.first_submitted_at, first, 'the first submission still fixes the timeliness');

  const audit = await skhcn.get(`/api/v1/audit?entity=report&entity_id=${id}&limit=50`);
  assert.equal(audit.status, 200);
  assert.ok(JSON.stringify(audit.body).includes('withdraw'), 'the withdrawal is in the audit log');

  const again = await haian.post(`/api/v1/reports/${id}/submit`);
  assert.equal(again.status, 200);
  assert.equal(again.body.first_submitted_at, first);
  const approved = await head.post(`/api/v1/reports/${id}/approve`);
  assert.equal(approved.status, 200);
  const late = await haian.post(`/api/v1/reports/${id}/withdraw`, { version: approved.body.version });
  assert.equal(late.status, 409);
  assert.match(late.body.error.message, /lãnh đạo đơn vị/);
});
