#include "domain/feedback_retention.h"

namespace tiendo::domain {

std::optional<Date> feedback_closed_on(std::string_view state, std::optional<Date> classified_on,
                                       std::optional<Date> last_published_on) {
  if (state == "published") return last_published_on;
  if (state == "not_accepted" || state == "merged" || state == "forwarded") return classified_on;
  return std::nullopt;
}

bool contact_erasure_due(std::optional<Date> closed_on, Date today, int retention_days) {
  if (!closed_on || retention_days < 0) return false;
  return today > *closed_on + std::chrono::days{retention_days};
}

}  // namespace tiendo::domain
