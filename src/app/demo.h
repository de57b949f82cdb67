#pragma once
#include <string>

#include "security/feedback_seal.h"
#include "store/db.h"

namespace tiendo::app {
// Loads the Hải Phòng plan from the JSON files in `dir` and generates believable monthly reports for
// January to October 2026, deterministically, so every status and warning appears; and about 200 feedback
// items over 2026, their contacts sealed with `seal`.
void load_demo(store::Database& db, const std::string& dir, const security::FeedbackSeal& seal);
}  // namespace tiendo::app
