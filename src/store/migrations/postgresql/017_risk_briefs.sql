-- Issue 17: the weekly brief of new risks to each leader. An ISO week ("2026-W48") is recorded with the
-- brief's notifications in one transaction, and each notification is unique per user and event key, so a
-- week's brief is sent once whatever the restarts or the instances (as reminder_runs does for reminders).
CREATE TABLE risk_brief_runs (
  week TEXT PRIMARY KEY,
  ran_at TEXT NOT NULL
);
