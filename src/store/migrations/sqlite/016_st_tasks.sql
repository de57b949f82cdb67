-- Issue 16: state-funded S&T and innovation tasks. A task's register entry (st_tasks) is edited in place
-- with its version; its life is appended, never overwritten: every stage move and execution event
-- (advance, settlement, inspection, extension, adjustment) is a row with its document and the day it was
-- recorded, every monthly update a row with its month and the day it came in, so a figure for a past date
-- reads only what was known by its end (R15). Host organisations are units of kind 'host_org' under a root of
-- kind 'host_root', outside the administrative tree. The rules (domain/st_task StRules) are versions, each
-- from the day it takes effect.
CREATE TABLE st_rules (
  id INTEGER PRIMARY KEY,
  effective_from TEXT NOT NULL UNIQUE,
  contract_within_days INTEGER NOT NULL,
  first_advance_max_percent INTEGER NOT NULL,
  next_advance_settled_percent INTEGER NOT NULL,
  dossier_due_days INTEGER NOT NULL,
  dossier_fail_months INTEGER NOT NULL,
  extension_notice_months INTEGER NOT NULL,
  extension_max_months_long INTEGER NOT NULL,
  extension_max_months_short INTEGER NOT NULL,
  long_task_months INTEGER NOT NULL,
  excellent_num INTEGER NOT NULL,
  excellent_den INTEGER NOT NULL,
  fail_num INTEGER NOT NULL,
  fail_den INTEGER NOT NULL,
  record_within_working_days INTEGER NOT NULL,
  inspection_every_months INTEGER NOT NULL,
  register_within_days INTEGER NOT NULL,
  settle_within_days INTEGER NOT NULL,
  update_grace_days INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  created_by INTEGER
);
-- The older circulars' defaults (TT 11/2014, TT 04/2015, TTLT 27/2015), in force from 2014.
INSERT INTO st_rules (effective_from, contract_within_days, first_advance_max_percent, next_advance_settled_percent,
  dossier_due_days, dossier_fail_months, extension_notice_months, extension_max_months_long,
  extension_max_months_short, long_task_months, excellent_num, excellent_den, fail_num, fail_den,
  record_within_working_days, inspection_every_months, register_within_days, settle_within_days, update_grace_days,
  created_at)
VALUES ('2014-01-01', 30, 50, 50, 30, 6, 1, 12, 6, 24, 3, 4, 1, 3, 5, 12, 30, 90, 5, '2026-12-01T00:00:00Z');

CREATE TABLE st_tasks (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  national_code TEXT,
  national_code_on TEXT,
  registration_no TEXT,
  title TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('quoc_gia', 'bo', 'tinh', 'co_so')),
  kind TEXT NOT NULL CHECK (kind IN ('de_tai', 'du_an_sxtn', 'de_an', 'du_an_khcn', 'nhiem_vu_dmst')),
  mode TEXT NOT NULL CHECK (mode IN ('dat_hang', 'xet_tai_tro', 'tuyen_chon', 'giao_truc_tiep')),
  problem TEXT NOT NULL DEFAULT '',
  sector TEXT NOT NULL DEFAULT '',
  host_unit_id INTEGER NOT NULL REFERENCES units(id),
  principal_investigator TEXT NOT NULL DEFAULT '',
  managing_unit_id INTEGER NOT NULL REFERENCES units(id),
  budget_nsnn INTEGER NOT NULL DEFAULT 0,
  budget_other INTEGER NOT NULL DEFAULT 0,
  start_date TEXT,
  end_date TEXT,
  uptake_plan TEXT NOT NULL DEFAULT '',
  ip_plan TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL DEFAULT '',
  stage TEXT NOT NULL DEFAULT 'de_xuat',
  created_at TEXT NOT NULL,
  created_by INTEGER,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX st_tasks_host ON st_tasks(host_unit_id);
CREATE INDEX st_tasks_managing ON st_tasks(managing_unit_id);

-- The state budget planned per year (the year's estimate the standing agency enters).
CREATE TABLE st_task_years (
  task_id INTEGER NOT NULL REFERENCES st_tasks(id),
  year INTEGER NOT NULL,
  budget_nsnn INTEGER NOT NULL,
  PRIMARY KEY (task_id, year)
);

CREATE TABLE st_task_products (
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES st_tasks(id),
  name TEXT NOT NULL,
  product_type TEXT NOT NULL,
  quantity INTEGER NOT NULL DEFAULT 1,
  quality_spec TEXT NOT NULL DEFAULT ''
);
CREATE INDEX st_task_products_task ON st_task_products(task_id);

CREATE TABLE st_task_events (
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES st_tasks(id),
  kind TEXT NOT NULL CHECK (kind IN ('stage', 'tam_ung', 'thanh_toan', 'kiem_tra', 'gia_han', 'dieu_chinh')),
  from_stage TEXT,
  to_stage TEXT,
  doc_number TEXT NOT NULL,
  doc_date TEXT NOT NULL,
  signer_name TEXT NOT NULL,
  signer_position TEXT NOT NULL,
  file_ref TEXT NOT NULL DEFAULT '',
  amount INTEGER NOT NULL DEFAULT 0,
  new_end TEXT,
  requested_on TEXT,
  rating TEXT CHECK (rating IN ('xuat_sac', 'dat', 'khong_dat')),
  votes_xuat_sac INTEGER,
  votes_dat INTEGER,
  votes_khong_dat INTEGER,
  note TEXT NOT NULL DEFAULT '',
  recorded_at TEXT NOT NULL,
  recorded_on TEXT NOT NULL,
  recorded_by INTEGER
);
CREATE INDEX st_task_events_task ON st_task_events(task_id, id);

CREATE TABLE st_task_updates (
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES st_tasks(id),
  year INTEGER NOT NULL,
  month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
  progress_percent REAL NOT NULL,
  products_delivered TEXT NOT NULL DEFAULT '',
  spent_to_date INTEGER NOT NULL DEFAULT 0,
  problems TEXT NOT NULL DEFAULT '',
  evidence TEXT NOT NULL DEFAULT '',
  recorded_at TEXT NOT NULL,
  recorded_on TEXT NOT NULL,
  recorded_by INTEGER
);
CREATE INDEX st_task_updates_task ON st_task_updates(task_id, year, month, id);
