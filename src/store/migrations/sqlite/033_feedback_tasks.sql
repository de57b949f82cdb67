-- Issue 15: a feedback item linked to the plan's tasks it concerns, so the task's page shows what citizens and
-- businesses said of it. A link is appended with who made it and when; removing it dates its end instead of
-- deleting it, so what was linked on a past day stays readable.
CREATE TABLE feedback_task_links (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES feedback_items(id),
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  linked_at TEXT NOT NULL,
  linked_by INTEGER REFERENCES users(id),
  unlinked_at TEXT,
  unlinked_by INTEGER REFERENCES users(id)
);
CREATE UNIQUE INDEX feedback_task_links_current ON feedback_task_links (item_id, task_id) WHERE unlinked_at IS NULL;
CREATE INDEX feedback_task_links_task ON feedback_task_links (task_id);
