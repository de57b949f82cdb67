-- Issue 6: answers kept for retried writes, and failed logins for lockout and rate limiting.

-- A write sent with an Idempotency-Key header is stored with its answer in the write's own transaction:
-- a retry after a lost answer gets the same answer, and the write happens once.
CREATE TABLE idempotency_keys (
  user_id BIGINT NOT NULL REFERENCES users(id),
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,  -- method, path and body hash: the same key with another request is refused
  status INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);

-- Failed logins, shared by every server instance: lockout per user name, limit per client address.
CREATE TABLE login_failures (
  id BIGSERIAL PRIMARY KEY,
  username TEXT NOT NULL,
  address TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX login_failures_username ON login_failures(username, at);
CREATE INDEX login_failures_address ON login_failures(address, at);
