-- Issue 14, item 1: an accepted report is never reopened by an edit. The focal point asks with a reason; the
-- standing agency grants (the report goes back to a draft, its history kept) or refuses (it stays accepted).
-- One pending request per report; decided requests stay as the record of who asked, why and what was decided.
CREATE TABLE report_reopen_requests (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES reports(id),
  reason TEXT NOT NULL,
  requested_by INTEGER NOT NULL REFERENCES users(id),
  requested_at TEXT NOT NULL,
  decision TEXT CHECK (decision IN ('granted', 'refused')),
  decision_note TEXT NOT NULL DEFAULT '',
  decided_by INTEGER REFERENCES users(id),
  decided_at TEXT
);
CREATE UNIQUE INDEX report_reopen_requests_pending ON report_reopen_requests(report_id) WHERE decision IS NULL;
CREATE INDEX report_reopen_requests_report ON report_reopen_requests(report_id, id);
