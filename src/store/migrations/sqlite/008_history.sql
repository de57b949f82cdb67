-- Issue 12: every figure as it was. The facts of an assignment and of a unit that change in place keep, here,
-- each value they took with the instant it became true (valid_from, UTC). Rows are appended in the same
-- transaction as the change and never updated or deleted, so `as_of=D` reads the facts as known at the end of D.
-- (Progress and indicator values already have theirs: submitted_report_items, submitted_indicator_values.)

-- One row per change of one fact of an assignment; `fact` names which columns the row speaks for:
--   due      effective_due (an extension's approval, a milestone set, a deadline edited)
--   trigger  triggered_on (conditional work triggered)
--   decision decision, decision_on (paused, cancelled, resumed)
--   done     confirmed_done_on, confirmed_by (the standing agency's confirmation, or its withdrawal)
-- Before a fact's first row the fact has its initial value (no extension, not triggered, active, not done).
CREATE TABLE assignment_history (
  id INTEGER PRIMARY KEY,
  assignment_id INTEGER NOT NULL REFERENCES assignments(id),
  fact TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  effective_due TEXT,
  triggered_on TEXT,
  decision TEXT,
  decision_on TEXT,
  confirmed_done_on TEXT,
  confirmed_by INTEGER,
  recorded_by TEXT NOT NULL DEFAULT 'change'  -- change | migration (dated from the audit log or the row) | undated
);
CREATE INDEX assignment_history_key ON assignment_history(assignment_id, fact, valid_from);
CREATE INDEX assignment_history_at ON assignment_history(valid_from);

-- One row per change of a unit's active days or peer group (R1, R12). Before a unit's first row it did not exist.
CREATE TABLE unit_history (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  valid_from TEXT NOT NULL,
  active_from TEXT,
  active_to TEXT,
  peer_group TEXT NOT NULL,
  recorded_by TEXT NOT NULL DEFAULT 'change'
);
CREATE INDEX unit_history_key ON unit_history(unit_id, valid_from);

-- Existing data: each fact's current value, from the latest audit entry (or approved extension) that set it;
-- else from the date the row itself gives (the confirmed, decided or triggered day, 00:00 Vietnam time);
-- else as known from the start ('undated': the server logs how many).
INSERT INTO assignment_history (assignment_id, fact, valid_from, effective_due, recorded_by)
SELECT a.id, 'due', COALESCE(t.at, '1970-01-01T00:00:00Z'), a.effective_due,
       CASE WHEN t.at IS NULL THEN 'undated' ELSE 'migration' END
FROM assignments a LEFT JOIN (
  SELECT assignment_id, MAX(at) AS at FROM (
    SELECT assignment_id, decided_at AS at FROM extensions WHERE state = 'approved' AND decided_at IS NOT NULL
    UNION ALL
    SELECT CAST(entity_id AS INTEGER), at FROM audit_log
    WHERE entity = 'assignment' AND action IN ('set_effective_due', 'trigger')
  ) x GROUP BY assignment_id
) t ON t.assignment_id = a.id
WHERE a.effective_due IS NOT NULL;

INSERT INTO assignment_history (assignment_id, fact, valid_from, triggered_on, recorded_by)
SELECT a.id, 'trigger', COALESCE(t.at, date(a.triggered_on, '-1 day') || 'T17:00:00Z'), a.triggered_on, 'migration'
FROM assignments a LEFT JOIN (
  SELECT CAST(entity_id AS INTEGER) AS assignment_id, MAX(at) AS at FROM audit_log
  WHERE entity = 'assignment' AND action = 'trigger' GROUP BY entity_id
) t ON t.assignment_id = a.id
WHERE a.triggered_on IS NOT NULL;

INSERT INTO assignment_history (assignment_id, fact, valid_from, decision, decision_on, recorded_by)
SELECT a.id, 'decision',
       COALESCE(t.at, date(a.decision_on, '-1 day') || 'T17:00:00Z', '1970-01-01T00:00:00Z'), a.decision,
       a.decision_on, CASE WHEN t.at IS NULL AND a.decision_on IS NULL THEN 'undated' ELSE 'migration' END
FROM assignments a LEFT JOIN (
  SELECT CAST(entity_id AS INTEGER) AS assignment_id, MAX(at) AS at FROM audit_log
  WHERE entity = 'assignment' AND action = 'decision' GROUP BY entity_id
) t ON t.assignment_id = a.id
WHERE a.decision <> 'active';

INSERT INTO assignment_history (assignment_id, fact, valid_from, confirmed_done_on, confirmed_by, recorded_by)
SELECT a.id, 'done', COALESCE(t.at, date(a.confirmed_done_on, '-1 day') || 'T17:00:00Z'), a.confirmed_done_on,
       a.confirmed_by, 'migration'
FROM assignments a LEFT JOIN (
  SELECT CAST(entity_id AS INTEGER) AS assignment_id, MAX(at) AS at FROM audit_log
  WHERE entity = 'assignment' AND action = 'confirm' GROUP BY entity_id
) t ON t.assignment_id = a.id
WHERE a.confirmed_done_on IS NOT NULL;

-- A unit's current days and group, from its creation in the audit log, else from the start. Units edited since
-- (an 'update' in the audit log) keep only their current values: the server logs how many.
INSERT INTO unit_history (unit_id, valid_from, active_from, active_to, peer_group, recorded_by)
SELECT u.id, COALESCE(t.at, '1970-01-01T00:00:00Z'), u.active_from, u.active_to, u.peer_group,
       CASE WHEN t.at IS NULL THEN 'undated' ELSE 'migration' END
FROM units u LEFT JOIN (
  SELECT CAST(entity_id AS INTEGER) AS unit_id, MIN(at) AS at FROM audit_log
  WHERE entity = 'unit' AND action = 'create' GROUP BY entity_id
) t ON t.unit_id = u.id;
