-- Issue 18, item 2: programs from above. A Central or Government program imported from its appendix is a
-- directive of one upstream system whose tasks keep their upstream codes (external_codes); the city's tasks
-- link to the upstream tasks they implement, and the roll-up per upstream task reads those links.

-- An import may be of an upstream program: its tasks are that system's, with no city unit to assign.
ALTER TABLE plan_imports ADD COLUMN upstream_system TEXT REFERENCES external_systems(code);

-- The directives that are upstream programs, with the system whose codes their tasks carry.
CREATE TABLE upstream_programs (
  directive_id INTEGER PRIMARY KEY REFERENCES directives(id),
  system TEXT NOT NULL REFERENCES external_systems(code),
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by INTEGER
);

-- A city task implements an upstream task. Removing a link closes it (valid_to), never deletes it: the
-- roll-up for a past date reads the links known at its end.
CREATE TABLE task_links (
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  upstream_task_id INTEGER NOT NULL REFERENCES tasks(id),
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  set_by INTEGER
);
CREATE UNIQUE INDEX task_links_current ON task_links(task_id, upstream_task_id) WHERE valid_to IS NULL;
CREATE INDEX task_links_upstream ON task_links(upstream_task_id, valid_from);

-- Issue 18, item 3: the outbox to upstream systems. One item per kind of thing, reference, period and system
-- (an assignment's monthly update for Hệ thống 57; a feedback initiative for pakn.nq57.vn), with the payload as
-- the system's column template lays it out. A clerk marks it entered upstream (day, reference), or the
-- system's HTTP connector sends it: the connector is an event subscription bound to the system, so the
-- sending reuses the events' allowlist, signature, lease, retries and once-only success.
CREATE TABLE outbox_templates (
  system TEXT PRIMARY KEY REFERENCES external_systems(code),
  columns_json TEXT NOT NULL,
  status_map_json TEXT NOT NULL DEFAULT '{}',
  note TEXT NOT NULL DEFAULT '',
  assumed INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  updated_by INTEGER
);
-- Shipped templates are assumptions: the real entry screens of these systems are not published.
INSERT INTO outbox_templates (system, columns_json, status_map_json, note, assumed, updated_at) VALUES
  ('nq57',
   '[{"field":"upstream_code","header":"Mã nhiệm vụ"},{"field":"unit_code","header":"Mã định danh đơn vị"},{"field":"unit_name","header":"Đơn vị thực hiện"},{"field":"period","header":"Kỳ cập nhật"},{"field":"status","header":"Tình trạng"},{"field":"progress_percent","header":"Tiến độ (%)"},{"field":"work_done","header":"Kết quả thực hiện"},{"field":"outputs","header":"Sản phẩm, văn bản"},{"field":"evidence","header":"Tài liệu kiểm chứng"}]',
   '{"not_started":"Chưa triển khai","in_progress":"Đang triển khai","due_soon":"Đang triển khai","overdue":"Chậm tiến độ","done_on_time":"Hoàn thành đúng hạn","done_late":"Hoàn thành quá hạn","recurring_updated":"Thường xuyên","recurring_not_updated":"Thường xuyên","waiting":"Chưa triển khai","no_deadline":"Đang triển khai","paused":"Tạm dừng","cancelled":"Dừng thực hiện"}',
   'Giả định: màn hình nhập của Hệ thống 57 chưa được công bố; cột và từ vựng trạng thái cần đối chiếu khi có.', 1,
   '2026-01-01T00:00:00Z'),
  ('pakn.nq57.vn',
   '[{"field":"code","header":"Mã sáng kiến, đặt hàng"},{"field":"kind","header":"Loại"},{"field":"title","header":"Tên"},{"field":"body","header":"Nội dung"},{"field":"field","header":"Lĩnh vực"},{"field":"received_on","header":"Ngày tiếp nhận"}]',
   '{}',
   'Giả định: biểu mẫu gửi lên pakn.nq57.vn chưa được công bố; cột cần đối chiếu khi có.', 1, '2026-01-01T00:00:00Z');

CREATE TABLE outbox_items (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('assignment_update', 'feedback_item')),
  ref_id INTEGER NOT NULL,
  period TEXT NOT NULL DEFAULT '',
  system TEXT NOT NULL REFERENCES external_systems(code),
  upstream_code TEXT NOT NULL DEFAULT '',
  payload TEXT NOT NULL,
  payload_hash TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  -- prepared: waiting for the clerk or the connector; sent: entered upstream by a clerk or accepted by the
  -- connector's receiver; acknowledged: upstream confirmed it; failed: the connector gave up (see its
  -- delivery for the reason and attempts).
  state TEXT NOT NULL DEFAULT 'prepared' CHECK (state IN ('prepared', 'sent', 'acknowledged', 'failed')),
  channel TEXT CHECK (channel IN ('manual', 'http')),
  delivery_id INTEGER REFERENCES event_deliveries(id),
  entered_on TEXT,
  external_ref TEXT NOT NULL DEFAULT '',
  marked_by INTEGER,
  marked_at TEXT,
  prepared_at TEXT NOT NULL,
  UNIQUE (kind, ref_id, period, system, upstream_code)
);
CREATE INDEX outbox_items_system ON outbox_items(system, state, period);
CREATE INDEX outbox_items_delivery ON outbox_items(delivery_id);

-- A subscription bound to a system is that system's HTTP connector: it gets that system's outbox items only.
ALTER TABLE event_subscriptions ADD COLUMN outbox_system TEXT REFERENCES external_systems(code);
