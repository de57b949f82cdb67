-- Issue 18: feedback items and S&T tasks carry external codes too (pakn.nq57.vn for an initiative sent up,
-- another system's number for an S&T task; an S&T task's national platform code stays its own column,
-- national_code, looked up as system khcn.quocgia). SQLite cannot widen a CHECK in place: the table is
-- copied into one with the wider list, ids and closed rows kept.
CREATE TABLE external_codes_028 (
  id INTEGER PRIMARY KEY,
  entity TEXT NOT NULL CHECK (entity IN ('unit', 'directive', 'task', 'indicator', 'assignment', 'feedback_item',
                                         'st_task')),
  entity_id INTEGER NOT NULL,
  system TEXT NOT NULL REFERENCES external_systems(code),
  code TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  set_by INTEGER
);
INSERT INTO external_codes_028 (id, entity, entity_id, system, code, note, valid_from, valid_to, set_by)
  SELECT id, entity, entity_id, system, code, note, valid_from, valid_to, set_by FROM external_codes;
DROP TABLE external_codes;
ALTER TABLE external_codes_028 RENAME TO external_codes;
CREATE UNIQUE INDEX external_codes_current ON external_codes(entity, entity_id, system) WHERE valid_to IS NULL;
CREATE INDEX external_codes_lookup ON external_codes(system, code);

CREATE INDEX st_tasks_national_code ON st_tasks(national_code);

-- The last status of each indicator that an "indicator status changed" event carried, per scope ('city'): the
-- daily scan sends an event only when the status it judges differs from this one, and records it in the same
-- transaction as the event, so restarts and a second instance never send a change twice.
CREATE TABLE indicator_status_sent (
  indicator_id INTEGER NOT NULL REFERENCES indicators(id),
  scope TEXT NOT NULL,
  period TEXT NOT NULL,
  status TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  PRIMARY KEY (indicator_id, scope)
);
