#pragma once
#include <string>

#include "store/audit_anchor.h"

namespace tiendo::app {
// SQLite: the online backup API, consistent while the server writes. PostgreSQL: pg_dump in custom format.
// With the audit key, the checkpoint of exactly what was copied is signed into `<destination>.audit-anchor`.
// The feedback key (issue 15) is copied beside it as `<destination>.feedback-key` (0600): without it the
// sealed contacts of a restored database could never be read again. Keep it apart from the backup file.
void backup(const std::string& db_url, const std::string& destination, const store::AuditAnchor* anchor,
            const std::string& feedback_key);
// Into a new database: a SQLite file that does not exist yet, or an empty PostgreSQL database. The backup's
// `.audit-anchor` becomes the new database's anchor (its signature checked when the key is at hand).
// The backup's `.feedback-key` becomes the new database's feedback key; a different key already there stops
// the restore before it starts.
void restore(const std::string& from, const std::string& db_url, const store::AuditAnchor* anchor,
             const std::string& anchor_path, const std::string& feedback_key);
}  // namespace tiendo::app
