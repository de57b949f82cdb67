-- Issue 12 (continued): the plan as it was. A task, an assignment or an indicator exists for a past date only
-- from the instant it was created (created_at, UTC) and, for tasks and assignments, until it was removed
-- (removed_at, set once: the row is kept). What of them can change in place keeps each value it took with the
-- instant it became true, appended beside the change and never updated or deleted:
--   task_history               a task's deadline words and the deadline read from them
--   indicator_target_history   an indicator's target (level '') and each level's target (city | commune)
--   unit_group_member_history  a unit joining (member = 1) or leaving (member = 0) a group
--   report_state_history       each state a report took (draft, submitted, approved, accepted, returned, reopened)
-- unit_group_members and the rows' own columns stay what is true now: today's figures read them as before.
ALTER TABLE tasks ADD COLUMN created_at TEXT NOT NULL DEFAULT '1970-01-01T00:00:00Z';
ALTER TABLE tasks ADD COLUMN removed_at TEXT;
ALTER TABLE assignments ADD COLUMN created_at TEXT NOT NULL DEFAULT '1970-01-01T00:00:00Z';
ALTER TABLE assignments ADD COLUMN removed_at TEXT;
ALTER TABLE indicators ADD COLUMN created_at TEXT NOT NULL DEFAULT '1970-01-01T00:00:00Z';

CREATE TABLE task_history (
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  valid_from TEXT NOT NULL,
  deadline_text TEXT NOT NULL,
  deadline_kind TEXT NOT NULL,
  deadline_due TEXT,
  recorded_by TEXT NOT NULL DEFAULT 'change'  -- change | migration (dated from the audit log) | undated
);
CREATE INDEX task_history_key ON task_history(task_id, valid_from);

CREATE TABLE indicator_target_history (
  id INTEGER PRIMARY KEY,
  indicator_id INTEGER NOT NULL REFERENCES indicators(id),
  level TEXT NOT NULL DEFAULT '',
  valid_from TEXT NOT NULL,
  target_text TEXT NOT NULL,
  comparator TEXT NOT NULL,
  target_value REAL NOT NULL,
  recorded_by TEXT NOT NULL DEFAULT 'change'
);
CREATE INDEX indicator_target_history_key ON indicator_target_history(indicator_id, level, valid_from);

CREATE TABLE unit_group_member_history (
  id INTEGER PRIMARY KEY,
  group_id INTEGER NOT NULL REFERENCES unit_groups(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  valid_from TEXT NOT NULL,
  member INTEGER NOT NULL,
  recorded_by TEXT NOT NULL DEFAULT 'change'
);
CREATE INDEX unit_group_member_history_key ON unit_group_member_history(group_id, unit_id, valid_from);

CREATE TABLE report_state_history (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES reports(id),
  valid_from TEXT NOT NULL,
  state TEXT NOT NULL,
  recorded_by TEXT NOT NULL DEFAULT 'change'
);
CREATE INDEX report_state_history_key ON report_state_history(report_id, valid_from);

-- Existing rows: created when the audit log says (a task's assignments with their task); else known from the
-- start, '1970-01-01T00:00:00Z' (the server logs how many).
UPDATE tasks SET created_at = COALESCE((SELECT MIN(at) FROM audit_log WHERE entity = 'task' AND action = 'create'
                                        AND entity_id = CAST(tasks.id AS TEXT)), created_at);
UPDATE assignments SET created_at = (SELECT t.created_at FROM tasks t WHERE t.id = assignments.task_id);
UPDATE indicators SET created_at = COALESCE((SELECT MIN(at) FROM audit_log WHERE entity = 'indicator'
                                             AND action = 'create' AND entity_id = CAST(indicators.id AS TEXT)),
                                            created_at);

INSERT INTO task_history (task_id, valid_from, deadline_text, deadline_kind, deadline_due, recorded_by)
SELECT id, created_at, deadline_text, deadline_kind, deadline_due,
       CASE WHEN created_at = '1970-01-01T00:00:00Z' THEN 'undated' ELSE 'migration' END
FROM tasks;

INSERT INTO indicator_target_history (indicator_id, level, valid_from, target_text, comparator, target_value,
                                      recorded_by)
SELECT id, '', created_at, target_text, comparator, target_value,
       CASE WHEN created_at = '1970-01-01T00:00:00Z' THEN 'undated' ELSE 'migration' END
FROM indicators;
INSERT INTO indicator_target_history (indicator_id, level, valid_from, target_text, comparator, target_value,
                                      recorded_by)
SELECT l.indicator_id, l.level, i.created_at, l.target_text, i.comparator, l.target_value,
       CASE WHEN i.created_at = '1970-01-01T00:00:00Z' THEN 'undated' ELSE 'migration' END
FROM indicator_level_targets l JOIN indicators i ON i.id = l.indicator_id;

-- Members since their group's creation in the audit log, else from the start.
INSERT INTO unit_group_member_history (group_id, unit_id, valid_from, member, recorded_by)
SELECT m.group_id, m.unit_id, COALESCE(t.at, '1970-01-01T00:00:00Z'), 1,
       CASE WHEN t.at IS NULL THEN 'undated' ELSE 'migration' END
FROM unit_group_members m LEFT JOIN (
  SELECT entity_id, MIN(at) AS at FROM audit_log WHERE entity = 'unit_group' AND action = 'create' GROUP BY entity_id
) t ON t.entity_id = CAST(m.group_id AS TEXT);

-- A report's states: its creation (a draft), its first submission, and its state now from the column that
-- dates it (a report created before being submitted always was; every step is also in the audit log, but the
-- rows date them alike).
INSERT INTO report_state_history (report_id, valid_from, state, recorded_by)
SELECT id, created_at, 'draft', 'migration' FROM reports;
INSERT INTO report_state_history (report_id, valid_from, state, recorded_by)
SELECT id, first_submitted_at, 'submitted', 'migration' FROM reports WHERE first_submitted_at IS NOT NULL;
INSERT INTO report_state_history (report_id, valid_from, state, recorded_by)
SELECT id, COALESCE(CASE state WHEN 'approved' THEN approved_at WHEN 'accepted' THEN accepted_at
                               WHEN 'returned' THEN returned_at WHEN 'submitted' THEN submitted_at END, updated_at),
       state, 'migration'
FROM reports
WHERE NOT (state = 'draft' AND first_submitted_at IS NULL)
  AND NOT (state = 'submitted' AND submitted_at = first_submitted_at);
