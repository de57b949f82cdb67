-- Issue 15: initiatives, solutions and product orders have a branch of their own beside the answer: the lead unit
-- (or the standing agency) proposes the item for adoption, the standing agency decides — adopted, into a plan
-- task or a change of policy, or not adopted, with its reason. Each step is set once with its day, so the
-- figures for a past date read only what was decided by its end (R17).
ALTER TABLE feedback_items ADD COLUMN adoption TEXT CHECK (adoption IN ('proposed', 'adopted', 'not_adopted'));
ALTER TABLE feedback_items ADD COLUMN proposed_on TEXT;
ALTER TABLE feedback_items ADD COLUMN proposed_by INTEGER REFERENCES users(id);
ALTER TABLE feedback_items ADD COLUMN adoption_decided_on TEXT;
ALTER TABLE feedback_items ADD COLUMN adoption_decided_by INTEGER REFERENCES users(id);
ALTER TABLE feedback_items ADD COLUMN adoption_reason TEXT;
ALTER TABLE feedback_items ADD COLUMN adopted_task_id INTEGER REFERENCES tasks(id);
ALTER TABLE feedback_items ADD COLUMN policy_change TEXT;

-- The coordinating units the standing agency (or the receiving desk) names beside the lead unit: they see the
-- item and what the lead unit answers. Each is a row with the day it was named and, once taken off, the day it
-- was; what a past day's list held stays readable.
CREATE TABLE feedback_coordinators (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES feedback_items(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  added_on TEXT NOT NULL,
  added_by INTEGER REFERENCES users(id),
  removed_on TEXT,
  removed_by INTEGER REFERENCES users(id)
);
CREATE UNIQUE INDEX feedback_coordinators_current ON feedback_coordinators (item_id, unit_id) WHERE removed_on IS NULL;
CREATE INDEX feedback_coordinators_unit ON feedback_coordinators (unit_id);
