#pragma once
// How long a feedback sender's name and contact are kept (Decree 13/2023/NĐ-CP: personal data only as long as
// the purpose needs it). The purpose is handling and answering the item: the name and contact are kept while
// it is open and for a configurable number of days after it closed, then erased; the item, its public version,
// its answers and its figures stay.
#include <optional>
#include <string_view>

#include "domain/date.h"

namespace tiendo::domain {

// The day an item closed: its last published answer, or its classification outside the city's remit (not
// accepted, merged, forwarded). Nothing while it is open (received, accepted, assigned, drafted), including
// an answered item reopened and not yet answered again.
std::optional<Date> feedback_closed_on(std::string_view state, std::optional<Date> classified_on,
                                       std::optional<Date> last_published_on);

// Whether the name and contact of an item closed on `closed_on` are erased on `today`: more than
// `retention_days` full days after it closed (0 erases them the day after). A negative retention keeps them.
bool contact_erasure_due(std::optional<Date> closed_on, Date today, int retention_days);

}  // namespace tiendo::domain
