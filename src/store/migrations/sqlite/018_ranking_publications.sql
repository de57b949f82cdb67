-- Issue 14, item 8: the standing agency publishes a month's ranking. A published ranking is the ranking as of the
-- month's last day (R15: a past date's figures never change), kept as it was read when published so that what
-- the units were told stays on record; one per plan (or all plans), peer group and month. Never changed.
CREATE TABLE ranking_publications (
  id INTEGER PRIMARY KEY,
  directive_id INTEGER REFERENCES directives(id),
  peer_group TEXT NOT NULL CHECK (peer_group IN ('department', 'commune', 'other')),
  month TEXT NOT NULL,
  as_of TEXT NOT NULL,
  ranking TEXT NOT NULL,
  published_by INTEGER NOT NULL REFERENCES users(id),
  published_at TEXT NOT NULL
);
CREATE UNIQUE INDEX ranking_publications_one ON ranking_publications (COALESCE(directive_id, 0), peer_group, month);
