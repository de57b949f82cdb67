#pragma once
// What only the demo loader (app/demo.cpp) asks of the database: the assignments it picks for its example
// follow-up cases, the draft it drops when a month has nothing to report, and a decided extension written
// in one step.
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/model.h"

namespace tiendo::store {

// An open, live assignment with a dated deadline (not recurring), and that deadline as first set.
struct DatedAssignment {
  Id id = 0;
  std::string original_due;
};
// A unit's first such assignment due after `day`.
std::optional<DatedAssignment> first_open_assignment_due_after(Connection& c, Id unit_id, const std::string& day);
// A unit's first such assignment due before `day` and never extended.
std::optional<DatedAssignment> first_unextended_assignment_due_before(Connection& c, Id unit_id,
                                                                      const std::string& day);
// The first open assignment outside `except_unit_id` with a dated deadline before `day`.
std::optional<Id> first_open_assignment_elsewhere_due_before(Connection& c, Id except_unit_id, const std::string& day);
// Up to `limit` open assignments with a dated deadline before `day` and never extended, oldest first.
std::vector<Id> open_unextended_assignments_due_before(Connection& c, const std::string& day, int limit);
// A unit's assignments of one deadline kind (roadmap, date, …).
std::vector<Id> unit_assignments_of_kind(Connection& c, Id unit_id, const std::string& deadline_kind);

// An extension requested and approved, from the assignment's original deadline to `requested_due`.
void insert_approved_extension(Connection& c, Id assignment_id, const std::string& requested_due,
                               const std::string& reason, const std::string& requested_at,
                               const std::string& decided_at);
// A draft that never was: its values, its state history and the report itself.
void discard_draft_report(Connection& c, Id report_id);

}  // namespace tiendo::store
