-- Issue 11 item 2: only submitted data counts.
--
-- What a unit types into its report lives only in the report's own rows (report_items and
-- report_indicator_values). Submitting the report copies them into the counted facts
-- (assignments.progress_percent and indicator_values, which the dashboard, the ranking, the indicator
-- figures and the documents read) and appends them, with the submission instant, to the records below.
-- The records are append-only: each submission adds rows, nothing is updated or deleted, so a figure can
-- later be answered "as of" a past date.

-- The indicator values typed into a report (a draft, or a returned or reopened report being corrected).
CREATE TABLE report_indicator_values (
  report_id INTEGER NOT NULL REFERENCES reports(id),
  indicator_id INTEGER NOT NULL REFERENCES indicators(id),
  numerator REAL,
  denominator REAL,
  value REAL,
  estimated_full_year REAL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (report_id, indicator_id)
);

-- Every submitted indicator value, with the instant its report was submitted.
CREATE TABLE submitted_indicator_values (
  id INTEGER PRIMARY KEY,
  indicator_id INTEGER NOT NULL REFERENCES indicators(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  period TEXT NOT NULL,
  numerator REAL,
  denominator REAL,
  value REAL,
  estimated_full_year REAL,
  report_id INTEGER REFERENCES reports(id),
  submission INTEGER NOT NULL DEFAULT 1,  -- 1 for the report's first submission, 2 for the next...
  submitted_at TEXT NOT NULL
);
CREATE INDEX submitted_indicator_values_key ON submitted_indicator_values(indicator_id, unit_id, period, submitted_at);
CREATE INDEX submitted_indicator_values_at ON submitted_indicator_values(submitted_at);

-- Every submitted report line (progress and what the unit wrote), with the instant it was submitted.
CREATE TABLE submitted_report_items (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES reports(id),
  assignment_id INTEGER NOT NULL REFERENCES assignments(id),
  period TEXT NOT NULL,
  progress_percent INTEGER NOT NULL,
  work_done TEXT NOT NULL DEFAULT '',
  output_ref TEXT NOT NULL DEFAULT '',
  difficulties TEXT NOT NULL DEFAULT '',
  proposals TEXT NOT NULL DEFAULT '',
  exceeds_authority INTEGER NOT NULL DEFAULT 0,
  declared_done_on TEXT,
  submission INTEGER NOT NULL DEFAULT 1,
  submitted_at TEXT NOT NULL
);
CREATE INDEX submitted_report_items_assignment ON submitted_report_items(assignment_id, submitted_at);
CREATE INDEX submitted_report_items_report ON submitted_report_items(report_id, submission);

-- Every submission of a report, with what the report as a whole said (its summary, difficulties, proposals).
CREATE TABLE submitted_reports (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES reports(id),
  submission INTEGER NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  difficulties TEXT NOT NULL DEFAULT '',
  proposals TEXT NOT NULL DEFAULT '',
  submitted_by INTEGER,
  submitted_at TEXT NOT NULL,
  UNIQUE (report_id, submission)
);

-- Existing data: every value typed into a report becomes that report's own row; what reports in a
-- submitted state hold is recorded as submitted at their last submission; what a never-submitted draft
-- wrote into the counted values leaves them.
INSERT INTO report_indicator_values (report_id, indicator_id, numerator, denominator, value, estimated_full_year,
                                     updated_at)
SELECT v.report_id, v.indicator_id, v.numerator, v.denominator, v.value, v.estimated_full_year, v.updated_at
FROM indicator_values v JOIN reports r ON r.id = v.report_id;

INSERT INTO submitted_indicator_values (indicator_id, unit_id, period, numerator, denominator, value,
                                        estimated_full_year, report_id, submitted_at)
SELECT v.indicator_id, v.unit_id, v.period, v.numerator, v.denominator, v.value, v.estimated_full_year, v.report_id,
       COALESCE(r.submitted_at, v.updated_at)
FROM indicator_values v LEFT JOIN reports r ON r.id = v.report_id
WHERE v.report_id IS NULL OR r.first_submitted_at IS NOT NULL;

INSERT INTO submitted_report_items (report_id, assignment_id, period, progress_percent, work_done, output_ref,
                                    difficulties, proposals, exceeds_authority, declared_done_on, submitted_at)
SELECT i.report_id, i.assignment_id, r.period, i.progress_percent, i.work_done, i.output_ref, i.difficulties,
       i.proposals, i.exceeds_authority, i.declared_done_on, r.submitted_at
FROM report_items i JOIN reports r ON r.id = i.report_id
WHERE r.state IN ('submitted', 'approved', 'accepted') AND r.submitted_at IS NOT NULL;

INSERT INTO submitted_reports (report_id, submission, summary, difficulties, proposals, submitted_by, submitted_at)
SELECT r.id, 1, r.summary, r.difficulties, r.proposals, r.submitted_by, r.submitted_at
FROM reports r
WHERE r.state IN ('submitted', 'approved', 'accepted') AND r.submitted_at IS NOT NULL;

DELETE FROM indicator_values
WHERE report_id IN (SELECT id FROM reports WHERE first_submitted_at IS NULL);
