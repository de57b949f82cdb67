#pragma once
// The reviewers' side of a report (issue 14): each approval, acceptance or return with its comment and, for a
// deputy's approval, whom it was signed for; and the unit heads' delegations of approval to a deputy.
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/model.h"

namespace tiendo::store {

struct ReportReview {
  Id id = 0;
  Id report_id = 0;
  std::string action;  // approve | accept | return
  std::string comment;
  Id by_user = 0;
  std::optional<Id> on_behalf_of;
  std::string at;
  std::string by_name, on_behalf_of_name;  // joined
};
void insert_review(Connection& c, const ReportReview& r);
std::vector<ReportReview> reviews_of(Connection& c, Id report_id);

struct Delegation {
  Id id = 0;
  Id unit_id = 0;
  Id delegator_id = 0;
  Id deputy_id = 0;
  std::string from_date, to_date, created_at;
  std::optional<std::string> revoked_at;
  std::string unit_name, unit_path, delegator_name, deputy_name;  // joined
};
Id insert_delegation(Connection& c, const Delegation& d);
std::optional<Delegation> find_delegation(Connection& c, Id id);
std::vector<Delegation> list_delegations(Connection& c, const std::optional<std::string>& scope_path);
// The delegation, not revoked, that lets `deputy_id` approve on `day` (an ISO date), if any.
std::optional<Delegation> active_delegation(Connection& c, Id deputy_id, const std::string& day);
bool revoke_delegation(Connection& c, Id id, const std::string& at);

}  // namespace tiendo::store
