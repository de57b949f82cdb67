#pragma once
#include <string>

#include "store/audit_anchor.h"

namespace tiendo::app {
// SQLite: the online backup API, consistent while the server writes. PostgreSQL: pg_dump in custom format.
// With the audit key, the checkpoint of exactly what was copied is signed into `<destination>.audit-anchor`.
void backup(const std::string& db_url, const std::string& destination, const store::AuditAnchor* anchor);
// Into a new database: a SQLite file that does not exist yet, or an empty PostgreSQL database. The backup's
// `.audit-anchor` becomes the new database's anchor (its signature checked when the key is at hand).
void restore(const std::string& from, const std::string& db_url, const store::AuditAnchor* anchor,
             const std::string& anchor_path);
}  // namespace tiendo::app
