#pragma once
// The unit tree's choices (issues 12, 14, R12): the kinds of unit, the peer groups units are ranked in, and which
// unit kinds a group defined by rule may name. Pure: the use cases (service/units) apply them to what the store
// holds; where a host organisation of S&T tasks may sit is domain/st_task.
#include <optional>
#include <string>
#include <string_view>

namespace tiendo::domain {

// city, department, commune, ward, special_zone, office, police, party, other, and host_root / host_org: the S&T
// tasks' host organisations (institutes, universities, companies), under their own root outside the
// administrative tree.
bool is_unit_kind(std::string_view kind);
// department, commune, other (R12).
bool is_peer_group(std::string_view group);

// Why `value` is not one of the choices of `field` (kind or peer_group), listing them; nothing when it is one.
std::optional<std::string> unit_choice_refusal(std::string_view field, std::string_view value);

// Issue 14: why a group's rule may not name `kind` — not a unit kind, or a host organisation's, which never owes plan
// work; nothing when it may. `label` is the field as the message names it.
std::optional<std::string> member_kind_refusal(std::string_view kind, std::string_view label);

}  // namespace tiendo::domain
