-- Core schema. Dates are TEXT 'YYYY-MM-DD', instants TEXT 'YYYY-MM-DDTHH:MM:SSZ' (UTC), flags INTEGER 0/1,
-- so that the same SQL runs on SQLite and PostgreSQL.

CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  parent_id INTEGER REFERENCES units(id),
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  short_name TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,
  peer_group TEXT NOT NULL DEFAULT 'other',
  active_from TEXT,
  active_to TEXT,
  path TEXT NOT NULL DEFAULT '',
  search_text TEXT NOT NULL DEFAULT ''
);
CREATE INDEX units_parent ON units(parent_id);
CREATE INDEX units_path ON units(path);

CREATE TABLE unit_groups (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  search_text TEXT NOT NULL DEFAULT ''
);
CREATE TABLE unit_group_members (
  group_id INTEGER NOT NULL REFERENCES unit_groups(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  PRIMARY KEY (group_id, unit_id)
);

CREATE TABLE directives (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  issuer TEXT NOT NULL DEFAULT '',
  issued_on TEXT,
  title TEXT NOT NULL,
  year INTEGER,
  has_plan INTEGER NOT NULL DEFAULT 0,
  search_text TEXT NOT NULL DEFAULT ''
);
CREATE TABLE directive_basis (
  directive_id INTEGER NOT NULL REFERENCES directives(id),
  basis_id INTEGER NOT NULL REFERENCES directives(id),
  PRIMARY KEY (directive_id, basis_id)
);

CREATE TABLE reporting_rules (
  directive_id INTEGER PRIMARY KEY REFERENCES directives(id),
  period_type TEXT NOT NULL DEFAULT 'monthly',
  data_window TEXT NOT NULL DEFAULT 'decree09',
  due_day INTEGER NOT NULL DEFAULT 20,
  annual_due_month INTEGER NOT NULL DEFAULT 11,
  annual_due_day INTEGER NOT NULL DEFAULT 30,
  shift_to_working_day INTEGER NOT NULL DEFAULT 0,
  due_soon_days INTEGER NOT NULL DEFAULT 7,
  update_target REAL NOT NULL DEFAULT 0.9,
  at_risk_tolerance REAL NOT NULL DEFAULT 0.1,
  weight_timeliness REAL NOT NULL DEFAULT 0.25,
  weight_updates REAL NOT NULL DEFAULT 0.25,
  weight_completion REAL NOT NULL DEFAULT 0.3,
  weight_indicators REAL NOT NULL DEFAULT 0.2
);

CREATE TABLE holidays (
  day TEXT PRIMARY KEY,
  name TEXT NOT NULL
);

CREATE TABLE indicators (
  id INTEGER PRIMARY KEY,
  directive_id INTEGER NOT NULL REFERENCES directives(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  target_text TEXT NOT NULL,
  comparator TEXT NOT NULL,
  target_value REAL NOT NULL,
  unit_of_measure TEXT NOT NULL DEFAULT '',
  aggregation TEXT NOT NULL,
  baseline REAL NOT NULL DEFAULT 0,
  monitoring_unit_id INTEGER REFERENCES units(id),
  reporting_group_id INTEGER REFERENCES unit_groups(id),
  notes TEXT NOT NULL DEFAULT '',
  search_text TEXT NOT NULL DEFAULT '',
  UNIQUE (directive_id, code)
);
CREATE TABLE indicator_level_targets (
  indicator_id INTEGER NOT NULL REFERENCES indicators(id),
  level TEXT NOT NULL,
  target_text TEXT NOT NULL,
  target_value REAL NOT NULL,
  monitoring_unit_id INTEGER REFERENCES units(id),
  PRIMARY KEY (indicator_id, level)
);

CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  directive_id INTEGER NOT NULL REFERENCES directives(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  lead_text TEXT NOT NULL DEFAULT '',
  coordinating_text TEXT NOT NULL DEFAULT '',
  directing_leader TEXT NOT NULL DEFAULT '',
  output TEXT NOT NULL DEFAULT '',
  deadline_text TEXT NOT NULL DEFAULT '',
  deadline_kind TEXT NOT NULL,
  deadline_due TEXT,
  field TEXT NOT NULL DEFAULT '',
  indicator_id INTEGER REFERENCES indicators(id),
  notes TEXT NOT NULL DEFAULT '',
  search_text TEXT NOT NULL DEFAULT '',
  UNIQUE (directive_id, code)
);
CREATE TABLE task_coordinators (
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  PRIMARY KEY (task_id, unit_id)
);

CREATE TABLE assignments (
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  via_group_id INTEGER REFERENCES unit_groups(id),
  deadline_kind TEXT NOT NULL,
  original_due TEXT,
  effective_due TEXT,
  triggered_on TEXT,
  decision TEXT NOT NULL DEFAULT 'active',
  decision_on TEXT,
  progress_percent INTEGER NOT NULL DEFAULT 0,
  last_update_period TEXT,
  last_update_at TEXT,
  declared_done_on TEXT,
  confirmed_done_on TEXT,
  confirmed_by INTEGER,
  UNIQUE (task_id, unit_id)
);
CREATE INDEX assignments_unit ON assignments(unit_id);

CREATE TABLE extensions (
  id INTEGER PRIMARY KEY,
  assignment_id INTEGER NOT NULL REFERENCES assignments(id),
  previous_due TEXT,
  requested_due TEXT NOT NULL,
  reason TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending',
  requested_by INTEGER,
  requested_at TEXT NOT NULL,
  decided_by INTEGER,
  decided_at TEXT
);

CREATE TABLE reports (
  id INTEGER PRIMARY KEY,
  directive_id INTEGER NOT NULL REFERENCES directives(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  period TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'draft',
  version INTEGER NOT NULL DEFAULT 1,
  summary TEXT NOT NULL DEFAULT '',
  difficulties TEXT NOT NULL DEFAULT '',
  proposals TEXT NOT NULL DEFAULT '',
  first_submitted_at TEXT,
  submitted_at TEXT,
  submitted_by INTEGER,
  approved_at TEXT,
  approved_by INTEGER,
  accepted_at TEXT,
  accepted_by INTEGER,
  returned_at TEXT,
  returned_by INTEGER,
  return_reason TEXT NOT NULL DEFAULT '',
  reopened_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (directive_id, unit_id, period)
);
CREATE INDEX reports_period ON reports(directive_id, period);

CREATE TABLE report_items (
  report_id INTEGER NOT NULL REFERENCES reports(id),
  assignment_id INTEGER NOT NULL REFERENCES assignments(id),
  progress_percent INTEGER NOT NULL DEFAULT 0,
  work_done TEXT NOT NULL DEFAULT '',
  output_ref TEXT NOT NULL DEFAULT '',
  difficulties TEXT NOT NULL DEFAULT '',
  proposals TEXT NOT NULL DEFAULT '',
  exceeds_authority INTEGER NOT NULL DEFAULT 0,
  declared_done_on TEXT,
  PRIMARY KEY (report_id, assignment_id)
);

CREATE TABLE indicator_values (
  indicator_id INTEGER NOT NULL REFERENCES indicators(id),
  unit_id INTEGER NOT NULL REFERENCES units(id),
  period TEXT NOT NULL,
  numerator REAL,
  denominator REAL,
  value REAL,
  estimated_full_year REAL,
  report_id INTEGER REFERENCES reports(id),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (indicator_id, unit_id, period)
);

CREATE TABLE evidence (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES reports(id),
  assignment_id INTEGER REFERENCES assignments(id),
  sha256 TEXT NOT NULL,
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  uploaded_by INTEGER,
  uploaded_at TEXT NOT NULL
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  full_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  email TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user_id INTEGER,
  username TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  action TEXT NOT NULL,
  before_json TEXT NOT NULL DEFAULT '',
  after_json TEXT NOT NULL DEFAULT '',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
