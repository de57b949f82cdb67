-- Issue 12, item 5: units merge and split. A closing unit names its successor(s); from the closing day its open
-- work passes to them while everything before stays its own (R16). Rows are appended, never updated.

-- One row per successor of a closed unit; position 0 is the default successor (takes what is not named).
CREATE TABLE unit_successions (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  successor_id INTEGER NOT NULL REFERENCES units(id),
  position INTEGER NOT NULL,
  closing_date TEXT NOT NULL,  -- the successor's first day; the closed unit's last active day is the day before
  reason TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by INTEGER,
  UNIQUE (unit_id, successor_id)
);
CREATE INDEX unit_successions_successor ON unit_successions(successor_id);
-- A unit closes once: of two closings racing, the second one's default successor collides here.
CREATE UNIQUE INDEX unit_successions_once ON unit_successions(unit_id, position);

-- An open assignment of the closed unit and the successor's assignment that carries it on from held_from.
-- joined = 1 when the successor already held the task (its own assignment goes on, unchanged); else the
-- successor's assignment was created by the succession and starts with the progress last submitted for the
-- closed unit's (progress_percent, last_update_period, last_update_at as they were at recorded_at).
CREATE TABLE assignment_successions (
  from_assignment_id INTEGER PRIMARY KEY REFERENCES assignments(id),
  to_assignment_id INTEGER NOT NULL REFERENCES assignments(id),
  succession_id INTEGER NOT NULL REFERENCES unit_successions(id),
  held_from TEXT NOT NULL,
  joined INTEGER NOT NULL,
  progress_percent INTEGER NOT NULL,
  last_update_period TEXT,
  last_update_at TEXT,
  recorded_at TEXT NOT NULL
);
CREATE INDEX assignment_successions_to ON assignment_successions(to_assignment_id);

-- An unanswered escalation of a closed unit's report, followed up by the successor from then on.
CREATE TABLE escalation_holders (
  report_id INTEGER NOT NULL REFERENCES reports(id),
  assignment_id INTEGER NOT NULL REFERENCES assignments(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  succession_id INTEGER NOT NULL REFERENCES unit_successions(id),
  PRIMARY KEY (report_id, assignment_id, succession_id)
);
