-- Issue 16: the S&T task register imported from a workbook, between upload and confirmation: what was read
-- (the register's rows and the problems of each, by sheet, row and column). Nothing of the register changes
-- until the import is confirmed; the confirmation checks the rows again against the register as it is then.
CREATE TABLE st_task_imports (
  id INTEGER PRIMARY KEY,
  filename TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'preview' CHECK (state IN ('preview', 'confirmed')),
  sheet_json TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  confirmed_at TEXT
);
