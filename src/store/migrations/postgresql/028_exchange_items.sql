-- Issue 18: feedback items and S&T tasks carry external codes too (pakn.nq57.vn for an initiative sent up,
-- another system's number for an S&T task; an S&T task's national platform code stays its own column,
-- national_code, looked up as system khcn.quocgia).
ALTER TABLE external_codes DROP CONSTRAINT external_codes_entity_check;
ALTER TABLE external_codes ADD CONSTRAINT external_codes_entity_check
  CHECK (entity IN ('unit', 'directive', 'task', 'indicator', 'assignment', 'feedback_item', 'st_task'));

CREATE INDEX st_tasks_national_code ON st_tasks(national_code);

-- The last status of each indicator that an "indicator status changed" event carried, per scope ('city'): the
-- daily scan sends an event only when the status it judges differs from this one, and records it in the same
-- transaction as the event, so restarts and a second instance never send a change twice.
CREATE TABLE indicator_status_sent (
  indicator_id BIGINT NOT NULL REFERENCES indicators(id),
  scope TEXT NOT NULL,
  period TEXT NOT NULL,
  status TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  PRIMARY KEY (indicator_id, scope)
);
