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

-- Issue 14, item 11: each approval, acceptance or return with the reviewer's comment, and, for an approval
-- by a deputy, whom the deputy signed for ("KT."). Appended, never changed.
CREATE TABLE report_reviews (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES reports(id),
  action TEXT NOT NULL CHECK (action IN ('approve', 'accept', 'return')),
  comment TEXT NOT NULL DEFAULT '',
  by_user INTEGER NOT NULL REFERENCES users(id),
  on_behalf_of INTEGER REFERENCES users(id),
  at TEXT NOT NULL
);
CREATE INDEX report_reviews_report ON report_reviews(report_id, id);

-- A unit head hands the approval of the unit's reports to a deputy for a range of days (Vietnam dates,
-- both included). Revoked early, it keeps its row with the instant of revocation.
CREATE TABLE approval_delegations (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  delegator_id INTEGER NOT NULL REFERENCES users(id),
  deputy_id INTEGER NOT NULL REFERENCES users(id),
  from_date TEXT NOT NULL,
  to_date TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX approval_delegations_deputy ON approval_delegations(deputy_id, from_date);
CREATE INDEX approval_delegations_unit ON approval_delegations(unit_id, id);
