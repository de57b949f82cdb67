-- Documents in and out.

-- Words a person once chose a unit or group for, so the next import matches them unaided.
CREATE TABLE unit_aliases (
  alias_key TEXT PRIMARY KEY,
  alias TEXT NOT NULL,
  unit_id INTEGER REFERENCES units(id),
  group_id INTEGER REFERENCES unit_groups(id),
  created_by INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  CHECK ((unit_id IS NULL) <> (group_id IS NULL))
);

-- A plan import between upload and confirmation: what was read, and the person's choices for the words
-- no unit matched. Nothing of the plan exists until the import is confirmed.
CREATE TABLE plan_imports (
  id INTEGER PRIMARY KEY,
  directive_id INTEGER NOT NULL REFERENCES directives(id),
  filename TEXT NOT NULL,
  source_kind TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'preview',
  plan_json TEXT NOT NULL,
  choices_json TEXT NOT NULL DEFAULT '{}',
  created_by INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  confirmed_at TEXT
);

-- The narrative a person writes around a synthesis report's figures, and how it is issued.
CREATE TABLE synthesis_reports (
  id INTEGER PRIMARY KEY,
  directive_id INTEGER NOT NULL REFERENCES directives(id),
  period TEXT NOT NULL,
  format TEXT NOT NULL DEFAULT 'state',
  number INTEGER,
  issued_on TEXT,
  sections_json TEXT NOT NULL DEFAULT '{}',
  signer_name TEXT NOT NULL DEFAULT '',
  signer_title TEXT NOT NULL DEFAULT '',
  recipients TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  updated_by INTEGER,
  updated_at TEXT NOT NULL,
  UNIQUE (directive_id, period)
);
