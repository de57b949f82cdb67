// Issue 12: a database made before the history existed (the demo, with 008_history, 009_plan_history or
// 013_calendar_history undone) is migrated:
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

test('the plan history migration (009) dates tasks, assignments, indicators, members and report states from the audit log', async () => {
  let server = await startServer();
  await server.stop({ keep: true });
  // The previous version's database: 009 not applied; one task's creation is in the audit log (1/10/2026).
  const task = sql(server.db, 'SELECT id || \'|\' || directive_id || \'|\' || code FROM tasks ORDER BY id LIMIT 1').trim().split('|');
  sql(server.db, 'DROP TABLE task_history; DROP TABLE indicator_target_history; DROP TABLE unit_group_member_history; ' +
    'DROP TABLE report_state_history; ALTER TABLE tasks DROP COLUMN created_at; ALTER TABLE tasks DROP COLUMN removed_at; ' +
    'ALTER TABLE assignments DROP COLUMN created_at; ALTER TABLE assignments DROP COLUMN removed_at; ' +
    "ALTER TABLE indicators DROP COLUMN created_at; DELETE FROM schema_migrations WHERE version LIKE '009%'; " +
    `INSERT INTO audit_log (at, source, entity, entity_id, action, prev_hash, hash) VALUES ('2026-10-01T03:00:00Z', 'api', 'task', '${task[0]}', 'create', '', '')`);
  const run = spawnSync(BIN, ['--db', server.db, 'migrate'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const log = run.stdout + run.stderr;
  assert.match(log, /migration 009_plan_history/);
  // The demo's plan came without audit entries: the server says how much it could not date.
  assert.match(log, /plan history: not dated, kept as they are now for every past date: \d+ tasks .* \d+ indicators .* \d+ group members/);
  assert.equal(sql(server.db, `SELECT created_at FROM tasks WHERE id = ${task[0]}`).trim(), '2026-10-01T03:00:00Z');
  assert.equal(sql(server.db, `SELECT DISTINCT created_at FROM assignments WHERE task_id = ${task[0]}`).trim(), '2026-10-01T03:00:00Z');
  assert.equal(sql(server.db, `SELECT recorded_by FROM task_history WHERE task_id = ${task[0]}`).trim(), 'migration');
  // Every report has its states: a draft from its creation, and the submitted, approved or accepted ones after.
  assert.equal(sql(server.db, 'SELECT COUNT(*) FROM reports r WHERE NOT EXISTS (SELECT 1 FROM report_state_history h ' +
    "WHERE h.report_id = r.id AND h.state = 'draft')").trim(), '0');
  assert.ok(Number(sql(server.db, "SELECT COUNT(*) FROM report_state_history WHERE state = 'accepted'").trim()) > 0);
  assert.equal(sql(server.db, 'SELECT COUNT(*) FROM reports r WHERE r.state <> (SELECT h.state FROM report_state_history h ' +
    'WHERE h.report_id = r.id ORDER BY h.valid_from DESC, h.id DESC LIMIT 1)').trim(), '0');
  // Past dates read from it: the task is in the plan from 1/10 on.
  server = await startServer({ reuse: server });
  const admin = await client(server, 'admin');
  const codes = async (d) => (await admin.get(`/api/v1/tasks?directive_id=${task[1]}&as_of=${d}&limit=1000`)).body.items.map((t) => t.code);
  assert.ok(!(await codes('2026-09-30')).includes(task[2]));
  assert.ok((await codes('2026-10-01')).includes(task[2]));
  await server.stop();
});

test('the calendar history migration (013) dates each reporting rule from its latest edit, and the due day then judges past dates', async () => {
  let server = await startServer();
  await server.stop({ keep: true });
  // The previous version's database: 013 not applied (nor 022, 027 and 036, which add to its tables); the plan's
  // rule was last edited on 5/10/2026 (due day 25).
  const plan = sql(server.db, "SELECT id FROM directives WHERE number = '27/QĐ-BCĐ'").trim();
  sql(server.db, 'DROP TABLE reporting_rule_history; DROP TABLE holiday_history; ' +
    'ALTER TABLE reporting_rules DROP COLUMN stalled_periods; ALTER TABLE reporting_rules DROP COLUMN unanswered_days; ' +
    'ALTER TABLE reporting_rules DROP COLUMN first_period_lead_days; ' +
    'ALTER TABLE reporting_rules DROP COLUMN weight_feedback; ALTER TABLE reporting_rules DROP COLUMN feedback_min_items; ' +
    'DROP TABLE indicator_source_history; ALTER TABLE indicators DROP COLUMN data_source; ' +
    "DELETE FROM schema_migrations WHERE version LIKE '013%' OR version LIKE '022%' OR version LIKE '027%' OR version LIKE '036%'; " +
    `UPDATE reporting_rules SET due_day = 25 WHERE directive_id = ${plan}; ` +
    `INSERT INTO audit_log (at, source, entity, entity_id, action, prev_hash, hash) VALUES ('2026-10-05T03:00:00Z', 'api', 'reporting_rule', '${plan}', 'update', '', '')`);
  const run = spawnSync(BIN, ['--db', server.db, 'migrate'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const log = run.stdout + run.stderr;
  assert.match(log, /migration 013_calendar_history/);
  assert.match(log, /calendar history: kept as they are now for every past date: \d+ reporting rules and \d+ holidays/);
  assert.equal(sql(server.db, `SELECT valid_from || '|' || due_day || '|' || recorded_by FROM reporting_rule_history WHERE directive_id = ${plan}`).trim(),
    '2026-10-05T03:00:00Z|25|migration');
  // Before 5/10 the rule was the defaults (reports before the 20th); from then on, before the 25th.
  server = await startServer({ reuse: server });
  try {
    const admin = await client(server, 'admin');
    const due = async (d) => (await admin.get(`/api/v1/report-obligations?directive_id=${plan}&period=2026-09&as_of=${d}&limit=1`)).body.due_date;
    assert.equal(await due('2026-10-04'), '2026-09-19');  // "before the 20th"
    assert.equal(await due('2026-10-05'), '2026-09-24');  // "before the 25th"
  } finally {
    await server.stop();
  }
});
