// Issue 12: a database made before the history existed (the demo, with 008_history undone) is migrated:
// each fact's current value is dated from the audit log or its own row, and the server says what it could not
// date. Past dates then read from the rebuilt history.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { startServer, client, KIND } from './harness.mjs';

const BIN = process.env.TIENDO_BIN ?? new URL('../../build/tiendo', import.meta.url).pathname;

function sql(db, statements) {
  if (KIND === 'sqlite') return execFileSync('sqlite3', [db, statements], { encoding: 'utf8' });
  return execFileSync('psql', [db, '-Atq', '-c', statements], { encoding: 'utf8' });
}

test('the history migration rebuilds what it can from the audit log and the rows, and says what it could not', async () => {
  let server = await startServer();
  await server.stop({ keep: true });
  // The previous version's database: no history tables, 008 not applied; one decision is in the audit log.
  const paused = sql(server.db, "SELECT id FROM assignments WHERE decision = 'paused' ORDER BY id LIMIT 1").trim();
  sql(server.db, "DROP TABLE assignment_history; DROP TABLE unit_history; DELETE FROM schema_migrations WHERE version LIKE '008%'; " +
    `INSERT INTO audit_log (at, source, entity, entity_id, action, prev_hash, hash) VALUES ('2026-09-16T03:00:00Z', 'api', 'assignment', '${paused}', 'decision', '', '')`);
  const run = spawnSync(BIN, ['--db', server.db, 'migrate'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const log = run.stdout + run.stderr;
  assert.match(log, /migration 008_history/);
  assert.match(log, /history: not rebuilt, kept as they are now for every past date: \d+ extended deadlines/);
  const facts = sql(server.db, "SELECT fact || ':' || recorded_by || ':' || COUNT(*) FROM assignment_history GROUP BY fact, recorded_by ORDER BY 1");
  // Confirmations from their confirmed day, decisions from the audit log or their day, the approved extension
  // from its decision; the milestones set by plain edits have no date.
  assert.match(facts, /^done:migration:\d+$/m);
  assert.match(facts, /^decision:migration:2$/m);
  assert.match(facts, /^due:migration:1$/m);
  assert.match(facts, /^due:undated:\d+$/m);
  assert.equal(sql(server.db, `SELECT valid_from FROM assignment_history WHERE fact = 'decision' AND assignment_id = ${paused}`).trim(),
    '2026-09-16T03:00:00Z');
  assert.ok(Number(sql(server.db, 'SELECT COUNT(*) FROM unit_history').trim()) > 100);
  // Past dates read from the rebuilt history; the paused work counts as paused from the audit log's moment.
  server = await startServer({ reuse: server });
  const admin = await client(server, 'admin');
  const before = (await admin.get(`/api/v1/assignments/${paused}?as_of=2026-09-15`)).body;
  const afterDecision = (await admin.get(`/api/v1/assignments/${paused}?as_of=2026-09-16`)).body;
  assert.notEqual(before.status, 'paused');
  assert.equal(afterDecision.status, 'paused');
  await server.stop();
});
