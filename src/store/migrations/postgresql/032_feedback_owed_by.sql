-- Issue 15: the day the answer now owed is due — the answer's due day, moved by the extension, and set anew when
-- the item is reopened (its reopening day + the answer's days). The warnings and reminders read it; R1 keeps
-- judging the first answer by answer_due and extended_due. Items reopened before this migration get 15
-- calendar days from their reopening (the default), as the rule then had no second deadline.
ALTER TABLE feedback_items ADD COLUMN owed_by TEXT NOT NULL DEFAULT '';
UPDATE feedback_items SET owed_by = CASE
  WHEN reopened_on IS NOT NULL THEN to_char(reopened_on::date + 15, 'YYYY-MM-DD')
  ELSE COALESCE(extended_due, answer_due) END;
CREATE INDEX feedback_items_owed_by ON feedback_items (owed_by);
