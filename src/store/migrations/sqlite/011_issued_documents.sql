-- Issue 12: the register of issued documents. Once the standing agency issues a synthesis report or an
-- appendix under its number and date, the exact file it issued is kept (content-addressed by SHA-256 in the
-- evidence store) and listed here; nothing here is ever updated or deleted: a new version is a new issue
-- with its own number.
CREATE TABLE issued_documents (
  id INTEGER PRIMARY KEY,
  -- "123/BC-SKHCN" as written on the document; unique within the calendar year of issued_on (numbering
  -- restarts each year in the agency's book of outgoing documents).
  number TEXT NOT NULL,
  year INTEGER NOT NULL,
  issued_on TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('synthesis', 'appendices')),
  format TEXT NOT NULL CHECK (format IN ('docx', 'pdf', 'xlsx')),
  directive_id INTEGER NOT NULL REFERENCES directives(id),
  period TEXT NOT NULL,
  as_of TEXT NOT NULL,
  data_read_at TEXT NOT NULL,
  issued_by INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  UNIQUE (year, number)
);
CREATE INDEX issued_documents_plan ON issued_documents(directive_id, period);
