-- Issue 14: a notification is written in both languages when it is made, from the same facts, so a user in English
-- mode reads it in English. Notifications made before this migration have no English and are shown as written.
ALTER TABLE notifications ADD COLUMN title_en TEXT NOT NULL DEFAULT '';
ALTER TABLE notifications ADD COLUMN body_en TEXT NOT NULL DEFAULT '';
