-- Follow-up of overdue work: reminders and notifications, explanation requests, overdue reviews,
-- answers to what exceeds a unit's authority. (Extension requests use the extensions table of 001.)

CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  event_key TEXT NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  read_at TEXT,
  UNIQUE (user_id, event_key)
);

CREATE TABLE deliveries (
  id INTEGER PRIMARY KEY,
  notification_id INTEGER NOT NULL REFERENCES notifications(id),
  channel TEXT NOT NULL,
  address TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  next_attempt_at TEXT NOT NULL,
  lease_until TEXT,
  sent_at TEXT,
  UNIQUE (notification_id, channel)
);
CREATE INDEX deliveries_due ON deliveries(state, next_attempt_at);

CREATE TABLE reminder_runs (
  directive_id INTEGER NOT NULL REFERENCES directives(id),
  day TEXT NOT NULL,
  ran_at TEXT NOT NULL,
  PRIMARY KEY (directive_id, day)
);

CREATE TABLE explanation_requests (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  assignment_id INTEGER REFERENCES assignments(id),
  indicator_id INTEGER REFERENCES indicators(id),
  question TEXT NOT NULL,
  due_on TEXT NOT NULL,
  requested_by INTEGER NOT NULL,
  requested_at TEXT NOT NULL,
  answer TEXT NOT NULL DEFAULT '',
  answered_by INTEGER,
  answered_at TEXT
);

CREATE TABLE overdue_reviews (
  id INTEGER PRIMARY KEY,
  assignment_id INTEGER NOT NULL REFERENCES assignments(id),
  cause TEXT NOT NULL,
  responsible_unit TEXT NOT NULL,
  responsible_person TEXT NOT NULL DEFAULT '',
  remedy TEXT NOT NULL,
  new_due TEXT NOT NULL,
  roadmap TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT 'open',
  created_by INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  closed_at TEXT
);

CREATE TABLE escalation_answers (
  report_id INTEGER NOT NULL REFERENCES reports(id),
  assignment_id INTEGER NOT NULL REFERENCES assignments(id),
  answer TEXT NOT NULL,
  answered_by INTEGER NOT NULL,
  answered_at TEXT NOT NULL,
  PRIMARY KEY (report_id, assignment_id)
);

ALTER TABLE users ADD COLUMN notify_email INTEGER NOT NULL DEFAULT 1;

-- The per-plan reminder schedule lives with the reporting rule it follows.
ALTER TABLE reporting_rules ADD COLUMN remind_days_before TEXT NOT NULL DEFAULT '5,1';
ALTER TABLE reporting_rules ADD COLUMN remind_days_after INTEGER NOT NULL DEFAULT 1;
ALTER TABLE reporting_rules ADD COLUMN digest_weekday INTEGER NOT NULL DEFAULT 1;
ALTER TABLE reporting_rules ADD COLUMN annual_remind_days_before TEXT NOT NULL DEFAULT '10,3,1';
