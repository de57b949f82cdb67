#pragma once
#include <string>

namespace tiendo::app {
// SQLite: the online backup API, consistent while the server writes. PostgreSQL: pg_dump in custom format.
void backup(const std::string& db_url, const std::string& destination);
// Into a new database: a SQLite file that does not exist yet, or an empty PostgreSQL database.
void restore(const std::string& from, const std::string& db_url);
}  // namespace tiendo::app
