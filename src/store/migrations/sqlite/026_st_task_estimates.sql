-- Issue 16: the state budget estimate of each task for a year ("dự toán NSNN giao"), entered by the standing
-- agency. Appended, never overwritten: a new entry for the same year supersedes the earlier one from the day
-- it was entered, so the disbursement rate of a past date reads the estimate known then (R15).
CREATE TABLE st_task_estimates (
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES st_tasks(id),
  year INTEGER NOT NULL,
  amount INTEGER NOT NULL CHECK (amount >= 0),
  entered_at TEXT NOT NULL,
  entered_on TEXT NOT NULL,
  entered_by INTEGER REFERENCES users(id)
);
CREATE INDEX st_task_estimates_task ON st_task_estimates(task_id, year, id);
