-- Issue 15: feedback items from the public page and from the units' desks (letters, calls, meetings, the
-- one-stop desk, pakn.nq57.vn). Contacts and names are sealed with the feedback key kept outside the
-- database (security/feedback_key); duplicates and per-contact limits use a keyed hash of the normalised
-- contact, per-address limits a keyed hash of the address. Each dated fact (classified, extended, first
-- published, reopened, rated) is set once with its day, so figures for a past date read only what was known
-- by its end (R17); every change is also in the audit log.
CREATE TABLE feedback_items (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('phan_anh', 'kien_nghi', 'sang_kien', 'giai_phap', 'dat_hang')),
  field TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('web', 'letter', 'phone', 'meeting', 'one_stop', 'pakn')),
  external_ref TEXT,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  sender_type TEXT NOT NULL,
  sender_name_sealed TEXT,
  contact_sealed TEXT NOT NULL,
  contact_hash TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  address_hash TEXT,
  anonymous INTEGER NOT NULL DEFAULT 0,
  consent_at TEXT NOT NULL,
  rating_token_hash TEXT NOT NULL,
  received_at TEXT NOT NULL,
  received_on TEXT NOT NULL,
  received_unit_id INTEGER REFERENCES units(id),
  entered_by INTEGER,
  state TEXT NOT NULL CHECK (state IN ('received', 'accepted', 'not_accepted', 'merged', 'forwarded', 'assigned',
                                       'drafted', 'published')),
  outcome_reason TEXT,
  merged_into INTEGER REFERENCES feedback_items(id),
  forwarded_to TEXT,
  classified_on TEXT,
  lead_unit_id INTEGER REFERENCES units(id),
  acknowledge_due TEXT NOT NULL,
  forward_due TEXT NOT NULL,
  answer_due TEXT NOT NULL,
  extended_due TEXT,
  extension_reason TEXT,
  extended_on TEXT,
  draft_answer TEXT,
  internal_note TEXT,
  public_answer TEXT,
  first_published_on TEXT,
  published_at TEXT,
  reopen_reason TEXT,
  reopened_on TEXT,
  reopen_late INTEGER NOT NULL DEFAULT 0,
  rating TEXT CHECK (rating IN ('rat_hai_long', 'hai_long', 'chua_hai_long')),
  rating_reason TEXT,
  rated_on TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  -- The same text from the same contact is one item (duplicate detection).
  UNIQUE (contact_hash, body_hash)
);
CREATE INDEX feedback_items_contact ON feedback_items(contact_hash, received_at);
CREATE INDEX feedback_items_address ON feedback_items(address_hash, received_at);
CREATE INDEX feedback_items_lead ON feedback_items(lead_unit_id);
CREATE INDEX feedback_items_received ON feedback_items(received_on);
