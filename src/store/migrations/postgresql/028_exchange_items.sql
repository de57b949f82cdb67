-- Issue 18: feedback items and S&T tasks carry external codes too (pakn.nq57.vn for an initiative sent up,
-- another system's number for an S&T task; an S&T task's national platform code stays its own column,
-- national_code, looked up as system khcn.quocgia).
ALTER TABLE external_codes DROP CONSTRAINT external_codes_entity_check;
ALTER TABLE external_codes ADD CONSTRAINT external_codes_entity_check
  CHECK (entity IN ('unit', 'directive', 'task', 'indicator', 'assignment', 'feedback_item', 'st_task'));

CREATE INDEX st_tasks_national_code ON st_tasks(national_code);
