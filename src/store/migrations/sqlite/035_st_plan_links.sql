-- Issue 16: an S&T task that is also one of the plan's tasks. The standing agency links the task to one
-- assignment (a task of the city plan as assigned to a unit); while the link holds, that assignment's monthly
-- progress comes from the task's monthly update of the same month, so it is never keyed twice. A link is kept,
-- never rewritten: it holds from valid_from (a Vietnam day, included) until valid_to (the first day it no longer
-- holds; NULL: still holding), set once when the standing agency ends it. The progress a report carried is in
-- its submitted record (submitted_report_items), so a past date's figure never changes (R15).
CREATE TABLE st_task_plan_links (
  id INTEGER PRIMARY KEY,
  st_task_id INTEGER NOT NULL REFERENCES st_tasks(id),
  assignment_id INTEGER NOT NULL REFERENCES assignments(id),
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  ended_at TEXT,
  ended_by INTEGER REFERENCES users(id),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX st_task_plan_links_task ON st_task_plan_links(st_task_id, id);
CREATE INDEX st_task_plan_links_assignment ON st_task_plan_links(assignment_id, id);
