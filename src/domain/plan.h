#pragma once
// The plan's rules on the values a person types (issues 12, 14, R11, R19): which directive kinds exist, how a new
// indicator is summed by default, which data source an indicator may take, whether an annual due day exists,
// whether weights leave a score to rank by, and why deadline words or a target are refused. Pure: the use cases
// (service/plan) apply them to what the store holds.
#include <optional>
#include <string>
#include <string_view>

namespace tiendo::domain {

// resolution, decision, plan, program, letter, notice, conclusion, other.
bool is_directive_kind(std::string_view kind);

// Why the words typed as a deadline are refused, with the forms that are read.
std::string deadline_refusal(std::string_view text);

// Why a target's text is refused, with the forms that are read.
std::string target_refusal();

// As the plan import does: a rate is a ratio of sums, a count or an amount adds up over the year.
std::string default_aggregation(std::string_view unit_of_measure);

// R19: why `source` is refused for an indicator counted in `unit_of_measure` — an unknown source, or one the system
// computes (a share) for an indicator that is not counted in %; nothing when it is accepted.
std::optional<std::string> indicator_source_refusal(std::string_view source, std::string_view unit_of_measure);

// The annual report's due day exists in every year (29/2 does not).
bool annual_due_day_exists(int month, int day);

// R11 divides by the weights of the components with data: all at zero leave no score to rank by.
bool weights_rank(double timeliness, double updates, double completion, double indicators, double feedback);

}  // namespace tiendo::domain
