-- Issue 12: a plan's reporting rule (due day, shift to a working day, due-soon days, update target, ranking
-- weights, ...) and the holidays change in place; here each value they took is kept with the instant it became
-- true (valid_from, UTC), appended in the same transaction as the change, so a past date is judged by the
-- rule and the holidays in force at its end.
CREATE TABLE reporting_rule_history (
  id BIGSERIAL PRIMARY KEY,
  directive_id BIGINT NOT NULL REFERENCES directives(id),
  valid_from TEXT NOT NULL,
  period_type TEXT NOT NULL,
  data_window TEXT NOT NULL,
  due_day INTEGER NOT NULL,
  annual_due_month INTEGER NOT NULL,
  annual_due_day INTEGER NOT NULL,
  shift_to_working_day INTEGER NOT NULL,
  due_soon_days INTEGER NOT NULL,
  update_target DOUBLE PRECISION NOT NULL,
  at_risk_tolerance DOUBLE PRECISION NOT NULL,
  weight_timeliness DOUBLE PRECISION NOT NULL,
  weight_updates DOUBLE PRECISION NOT NULL,
  weight_completion DOUBLE PRECISION NOT NULL,
  weight_indicators DOUBLE PRECISION NOT NULL,
  recorded_by TEXT NOT NULL DEFAULT 'change'  -- change | migration (dated from the audit log) | undated
);
CREATE INDEX reporting_rule_history_key ON reporting_rule_history(directive_id, valid_from);

-- One row per holiday saved or removed (removed = 1).
CREATE TABLE holiday_history (
  id BIGSERIAL PRIMARY KEY,
  day TEXT NOT NULL,
  name TEXT NOT NULL,
  removed INTEGER NOT NULL DEFAULT 0,
  valid_from TEXT NOT NULL,
  recorded_by TEXT NOT NULL DEFAULT 'change'
);
CREATE INDEX holiday_history_key ON holiday_history(day, valid_from);

-- Existing rules: their current value from the latest edit in the audit log, else from the plan's creation
-- there, else as known from the start ('undated': the server logs how many). Earlier values of a rule edited
-- more than once are not rebuilt (the audit log keeps them; the server says how many rules were edited).
INSERT INTO reporting_rule_history (directive_id, valid_from, period_type, data_window, due_day, annual_due_month,
  annual_due_day, shift_to_working_day, due_soon_days, update_target, at_risk_tolerance, weight_timeliness,
  weight_updates, weight_completion, weight_indicators, recorded_by)
SELECT r.directive_id, COALESCE(e.at, d.at, '1970-01-01T00:00:00Z'), r.period_type, r.data_window, r.due_day,
  r.annual_due_month, r.annual_due_day, r.shift_to_working_day, r.due_soon_days, r.update_target,
  r.at_risk_tolerance, r.weight_timeliness, r.weight_updates, r.weight_completion, r.weight_indicators,
  CASE WHEN COALESCE(e.at, d.at) IS NULL THEN 'undated' ELSE 'migration' END
FROM reporting_rules r
LEFT JOIN (SELECT entity_id, MAX(at) AS at FROM audit_log WHERE entity = 'reporting_rule' GROUP BY entity_id) e
  ON e.entity_id = CAST(r.directive_id AS TEXT)
LEFT JOIN (SELECT entity_id, MIN(at) AS at FROM audit_log WHERE entity = 'directive' AND action = 'create'
  GROUP BY entity_id) d ON d.entity_id = CAST(r.directive_id AS TEXT);

-- Existing holidays: known from the start (the audit log names only their year).
INSERT INTO holiday_history (day, name, valid_from, recorded_by)
SELECT day, name, '1970-01-01T00:00:00Z', 'undated' FROM holidays;
