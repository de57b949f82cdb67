-- Issue 18: exchange without re-keying. External codes: what each plan item is called in the national and
-- Party systems that units also report to, so an export or an event names it as upstream does. Signed
-- events: the city's platforms subscribe to what happens here and receive it over HTTPS, each event once
-- recorded as delivered per subscriber.

-- The named external systems; the first ones are seeded, an admin adds more.
CREATE TABLE external_systems (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
INSERT INTO external_systems (code, name, note, created_at) VALUES
  ('nq57', 'Hệ thống 57 (nq57.vn)', 'Hệ thống theo dõi, đánh giá thực hiện Nghị quyết 57-NQ/TW', '2026-01-01T00:00:00Z'),
  ('theodoi.dcs.vn', 'Hệ thống theo dõi thực hiện nghị quyết của Đảng (theodoi.dcs.vn)', '', '2026-01-01T00:00:00Z'),
  ('dean06', 'Phần mềm theo dõi, giám sát Đề án 06', '', '2026-01-01T00:00:00Z'),
  ('khcn.quocgia', 'Nền tảng số quản lý KH,CN và ĐMST quốc gia', '', '2026-01-01T00:00:00Z'),
  ('pakn.nq57.vn', 'Nền tảng tiếp nhận phản ánh, kiến nghị pakn.nq57.vn', '', '2026-01-01T00:00:00Z'),
  ('qd20', 'Mã định danh điện tử cơ quan, tổ chức (QĐ 20/2020/QĐ-TTg)', 'Chỉ dùng cho đơn vị; kiểm tra định dạng', '2026-01-01T00:00:00Z');

-- One item's code in one system. Replacing or removing a code closes its row (valid_to) and keeps it: an
-- export for a past date names the code then. Many items may carry the same upstream code (several city
-- tasks implement one upstream task).
CREATE TABLE external_codes (
  id INTEGER PRIMARY KEY,
  entity TEXT NOT NULL CHECK (entity IN ('unit', 'directive', 'task', 'indicator', 'assignment')),
  entity_id INTEGER NOT NULL,
  system TEXT NOT NULL REFERENCES external_systems(code),
  code TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  set_by INTEGER
);
CREATE UNIQUE INDEX external_codes_current ON external_codes(entity, entity_id, system) WHERE valid_to IS NULL;
CREATE INDEX external_codes_lookup ON external_codes(system, code);

-- An admin's subscription: events of these types go to this HTTPS address, signed with this secret.
CREATE TABLE event_subscriptions (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  event_types TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  created_by INTEGER
);

-- What happened, once per key (a report's submission number, an assignment's deadline passing), with the
-- exact body every subscriber receives and the id receivers use to see it once.
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,
  event_key TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  payload TEXT NOT NULL
);

-- One event for one subscriber: leased by the sender that takes it (the e-mail deliveries' pattern), so two
-- instances never send it at once and a sender killed mid-way leaves it to be taken again when its lease
-- ends. Only the holder of the current lease (lease_token) can mark it sent.
CREATE TABLE event_deliveries (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES events(id),
  subscription_id INTEGER NOT NULL REFERENCES event_subscriptions(id),
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  lease_until TEXT,
  lease_token TEXT,
  last_error TEXT NOT NULL DEFAULT '',
  sent_at TEXT,
  UNIQUE (event_id, subscription_id)
);
CREATE INDEX event_deliveries_due ON event_deliveries(state, next_attempt_at);

-- The delivery log: every attempt with its answer. At most one success per delivery, whatever restarts.
CREATE TABLE event_attempts (
  id INTEGER PRIMARY KEY,
  delivery_id INTEGER NOT NULL REFERENCES event_deliveries(id),
  attempt INTEGER NOT NULL,
  started_at TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('sent', 'failed', 'superseded')),
  http_status INTEGER,
  error TEXT NOT NULL DEFAULT '',
  duration_ms INTEGER NOT NULL
);
CREATE UNIQUE INDEX event_attempts_one_success ON event_attempts(delivery_id) WHERE outcome = 'sent';
CREATE INDEX event_attempts_delivery ON event_attempts(delivery_id, id);

-- The days the scheduler looked for events that time causes (an assignment becoming overdue).
CREATE TABLE event_scan_days (
  day TEXT PRIMARY KEY,
  ran_at TEXT NOT NULL
);
