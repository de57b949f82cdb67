#pragma once
#include <string>

namespace tiendo::app {
// SQLite: the online backup API, consistent while the server writes. PostgreSQL: pg_dump in custom format.
void backup(const std::string& db_url, const std::string& destination);
}  // namespace tiendo::app
