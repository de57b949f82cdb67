-- Issue 14, item 6: a plan's first reporting period is the first whose last on-time day falls at least this many
-- days after the plan's issue date (a unit cannot report on a plan it has not had time to read). Kept in the
-- rule's history like every other judging setting (R15); existing plans get the default.
ALTER TABLE reporting_rules ADD COLUMN first_period_lead_days INTEGER NOT NULL DEFAULT 10;
ALTER TABLE reporting_rule_history ADD COLUMN first_period_lead_days INTEGER NOT NULL DEFAULT 10;
