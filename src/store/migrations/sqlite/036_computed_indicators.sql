-- Issues 15 and 16 (RULES R19): an indicator's data source. 'reported' (the units' submitted values, as before),
-- 'national_portal' (typed by hand from the national public-service portal, labelled so), or computed by the
-- system as of each date: 'feedback_r1', 'feedback_r2', 'feedback_rated_share' (R17), 'st_tracking' (R18).
-- The column is the source now; every change is appended to indicator_source_history with the instant it became
-- true, so a past date reads the source of that date (R15). No row before a date: the indicator was reported.
ALTER TABLE indicators ADD COLUMN data_source TEXT NOT NULL DEFAULT 'reported';
CREATE TABLE indicator_source_history (
  id INTEGER PRIMARY KEY,
  indicator_id INTEGER NOT NULL REFERENCES indicators(id),
  valid_from TEXT NOT NULL,
  data_source TEXT NOT NULL
);
CREATE INDEX indicator_source_history_key ON indicator_source_history(indicator_id, valid_from);
-- R11: the ranking's fifth component, feedback answered on time (R17's R1) of the items a unit led, with its
-- weight (0: existing rankings do not change) and the fewest judged items before it counts for a unit. Kept in the
-- rule's history like the other weights.
ALTER TABLE reporting_rules ADD COLUMN weight_feedback REAL NOT NULL DEFAULT 0;
ALTER TABLE reporting_rules ADD COLUMN feedback_min_items INTEGER NOT NULL DEFAULT 5;
ALTER TABLE reporting_rule_history ADD COLUMN weight_feedback REAL NOT NULL DEFAULT 0;
ALTER TABLE reporting_rule_history ADD COLUMN feedback_min_items INTEGER NOT NULL DEFAULT 5;
