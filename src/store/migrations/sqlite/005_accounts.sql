-- Issue 11: accounts. Failed logins become a delay per (user name, address) instead of a lockout; password
-- reset links; sessions found by expiry (purged) and by user (ended by an admin).
DROP TABLE login_failures;

-- One row per (user name as typed, client address) with failures: the attempt is reserved here, in the
-- same transaction that reads it, before the password is checked; after 5 failures the next attempt
-- waits until next_at (2^k seconds, at most 15 minutes). A right password deletes the row.
CREATE TABLE login_throttle (
  username TEXT NOT NULL,
  address TEXT NOT NULL,
  failures INTEGER NOT NULL,
  next_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (username, address)
);
CREATE INDEX login_throttle_updated ON login_throttle(updated_at);

-- "Quên mật khẩu": the link's token is kept only as its SHA-256; used once, before expires_at.
CREATE TABLE password_resets (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX password_resets_user ON password_resets(user_id, created_at);

CREATE INDEX sessions_expires ON sessions(expires_at);
CREATE INDEX sessions_user ON sessions(user_id);
