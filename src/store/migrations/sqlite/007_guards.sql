-- Issue 11 (8): decisions apply once. At most one pending extension request per assignment, enforced by
-- the database, so two requests sent at the same moment cannot both wait for a decision. Requests that
-- already doubled up before this migration keep the oldest pending one; the others are withdrawn.
UPDATE extensions SET state = 'withdrawn'
WHERE state = 'pending'
  AND id <> (SELECT MIN(e2.id) FROM extensions e2 WHERE e2.assignment_id = extensions.assignment_id AND e2.state = 'pending');
CREATE UNIQUE INDEX extensions_one_pending ON extensions(assignment_id) WHERE state = 'pending';
