-- Issue 15, moderation, history and retention. Staff write the public version of an item (title and text with names,
-- phone numbers and offensive words taken out) beside the received one, which stays as it came; the item may
-- be published without the sender's name. Every approved answer is a row of its own, so an answer published
-- again after a reopen keeps the earlier text; every choice of the lead unit is a row with the day it took
-- effect, so figures for a past date group items by the lead unit of that date (R15, R17).
ALTER TABLE feedback_items ADD COLUMN public_title TEXT;
ALTER TABLE feedback_items ADD COLUMN public_text TEXT;
ALTER TABLE feedback_items ADD COLUMN public_anonymous INTEGER NOT NULL DEFAULT 1;
ALTER TABLE feedback_items ADD COLUMN moderated_on TEXT;
-- The day the sender's name and contact were erased after the retention (Decree 13/2023/NĐ-CP); the sealed
-- contact is then empty and the name absent, the keyed hashes stay for duplicate detection.
ALTER TABLE feedback_items ADD COLUMN contact_erased_on TEXT;
ALTER TABLE feedback_items ADD COLUMN moderated_by INTEGER;

CREATE TABLE feedback_answers (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES feedback_items(id),
  text TEXT NOT NULL,
  published_on TEXT NOT NULL,
  published_at TEXT NOT NULL,
  approved_by INTEGER
);
CREATE INDEX feedback_answers_item ON feedback_answers(item_id, id);

CREATE TABLE feedback_leads (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES feedback_items(id),
  lead_unit_id INTEGER NOT NULL REFERENCES units(id),
  assigned_on TEXT NOT NULL,
  assigned_at TEXT NOT NULL,
  assigned_by INTEGER
);
CREATE INDEX feedback_leads_item ON feedback_leads(item_id, id);

-- Items from before this migration: their one lead unit since they were classified, their current answer
-- as it was first published.
INSERT INTO feedback_leads (item_id, lead_unit_id, assigned_on, assigned_at)
  SELECT id, lead_unit_id, COALESCE(classified_on, received_on), received_at FROM feedback_items
  WHERE lead_unit_id IS NOT NULL;
INSERT INTO feedback_answers (item_id, text, published_on, published_at)
  SELECT id, public_answer, first_published_on, COALESCE(published_at, received_at) FROM feedback_items
  WHERE public_answer IS NOT NULL AND first_published_on IS NOT NULL;
