-- Issue 17: each plan's early-warning thresholds, edited with its reporting rule and kept in its history (R15): work
-- whose progress is unchanged for `stalled_periods` reports is stalled, and a difficulty flagged "vượt thẩm quyền"
-- unanswered for `unanswered_days` days puts its work at risk. Existing plans keep the defaults they were judged by.
ALTER TABLE reporting_rules ADD COLUMN stalled_periods INTEGER NOT NULL DEFAULT 3;
ALTER TABLE reporting_rules ADD COLUMN unanswered_days INTEGER NOT NULL DEFAULT 30;
ALTER TABLE reporting_rule_history ADD COLUMN stalled_periods INTEGER NOT NULL DEFAULT 3;
ALTER TABLE reporting_rule_history ADD COLUMN unanswered_days INTEGER NOT NULL DEFAULT 30;
