#pragma once
#include <string>

#include "store/db.h"

namespace tiendo::app {
// Loads the Hải Phòng plan from the JSON files in `dir` and generates believable monthly reports for
// January to October 2026, deterministically, so every status and warning appears.
void load_demo(store::Database& db, const std::string& dir);
}  // namespace tiendo::app
