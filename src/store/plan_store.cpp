#include "store/plan_store.h"

#include <set>
#include <unordered_map>

#include "domain/text.h"
#include "store/sql_builder.h"

namespace tiendo::store {

namespace {

constexpr const char* kUnitColumns =
    "id, parent_id, code, name, short_name, kind, peer_group, active_from, active_to, path";

Unit unit_from(const Row& r) {
  return Unit{r.i64(0),  r.opt_i64(1), r.text(2),     r.text(3),     r.text(4),
              r.text(5), r.text(6),    r.opt_text(7), r.opt_text(8), r.text(9)};
}

long long count(Connection& c, const std::string& from_where, const Params& params) {
  return c.query("SELECT COUNT(*) " + from_where, params).at(0).i64(0);
}

Params without_page(Params p) {
  p.resize(p.size() - 2);
  return p;
}

std::vector<Id> ids(const Rows& rows) {
  std::vector<Id> out;
  for (const auto& r : rows) out.push_back(r.i64(0));
  return out;
}

}  // namespace

std::vector<Unit> list_units(Connection& c, const UnitFilter& f, Page page, long long* total) {
  Where w;
  if (f.q) add_text_search(w, "search_text", *f.q);
  if (f.kind) w.add("kind = ?", *f.kind);
  if (f.peer_group) w.add("peer_group = ?", *f.peer_group);
  if (f.parent_id) w.add("parent_id = ?", *f.parent_id);
  if (f.scope_path) w.add_subtree("path", *f.scope_path);
  const std::string from = " FROM units" + w.sql();
  const std::string paging = w.page(page.limit, page.offset);
  std::vector<Unit> out;
  for (const auto& r : c.query(std::string("SELECT ") + kUnitColumns + from + " ORDER BY path" + paging, w.params()))
    out.push_back(unit_from(r));
  if (total) *total = count(c, from, without_page(w.params()));
  return out;
}

std::optional<Unit> find_unit(Connection& c, Id id) {
  auto rows = c.query(std::string("SELECT ") + kUnitColumns + " FROM units WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return unit_from(rows[0]);
}

std::optional<Unit> find_unit_by_code(Connection& c, const std::string& code) {
  auto rows = c.query(std::string("SELECT ") + kUnitColumns + " FROM units WHERE code = $1", {code});
  if (rows.empty()) return std::nullopt;
  return unit_from(rows[0]);
}

std::optional<Unit> root_unit(Connection& c) {
  auto rows =
      c.query(std::string("SELECT ") + kUnitColumns + " FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1");
  if (rows.empty()) return std::nullopt;
  return unit_from(rows[0]);
}

namespace {
// Issue 12: a unit's days and group as they became true at `at`, appended beside the change.
void record_unit_history(Connection& c, Id id, const std::string& at) {
  c.query(
      "INSERT INTO unit_history (unit_id, valid_from, active_from, active_to, peer_group) SELECT id, $1, active_from, "
      "active_to, peer_group FROM units WHERE id = $2",
      {at, id});
}
// Issue 12: one fact of an assignment (due | trigger | decision | done) as it became true at `at`.
void record_assignment_fact(Connection& c, Id id, const char* fact, const std::string& at) {
  c.query(
      "INSERT INTO assignment_history (assignment_id, fact, valid_from, effective_due, triggered_on, decision, "
      "decision_on, confirmed_done_on, confirmed_by) SELECT id, $1, $2, effective_due, triggered_on, decision, "
      "decision_on, confirmed_done_on, confirmed_by FROM assignments WHERE id = $3",
      {std::string(fact), at, id});
}
}  // namespace

Id insert_unit(Connection& c, const Unit& u, const std::string& at) {
  std::string parent_path = "/";
  if (u.parent_id) {
    auto p = find_unit(c, *u.parent_id);
    if (!p) throw DbError(DbError::Kind::constraint, "parent unit not found");
    parent_path = p->path;
  }
  const Id id = c.query(
                     "INSERT INTO units (parent_id, code, name, short_name, kind, peer_group, active_from, "
                     "active_to, search_text) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                     {opt(u.parent_id), u.code, u.name, u.short_name, u.kind, u.peer_group, opt(u.active_from),
                      opt(u.active_to), domain::search_key(u.code + " " + u.name + " " + u.short_name)})
                    .at(0)
                    .i64(0);
  c.query("UPDATE units SET path = $1 WHERE id = $2", {parent_path + std::to_string(id) + "/", id});
  record_unit_history(c, id, at);
  return id;
}

void update_unit(Connection& c, const Unit& u, const std::string& at) {
  c.query(
      "UPDATE units SET name = $1, short_name = $2, kind = $3, peer_group = $4, active_from = $5, active_to = $6, "
      "search_text = $7 WHERE id = $8",
      {u.name, u.short_name, u.kind, u.peer_group, opt(u.active_from), opt(u.active_to),
       domain::search_key(u.code + " " + u.name + " " + u.short_name), u.id});
  record_unit_history(c, u.id, at);
}

void each_unit_known_before(Connection& c, const std::string& before,
                            const std::function<void(Id, const std::optional<std::string>&,
                                                     const std::optional<std::string>&, const std::string&)>& fn) {
  c.each(
      "SELECT unit_id, active_from, active_to, peer_group FROM (SELECT h.unit_id, h.active_from, h.active_to, "
      "h.peer_group, ROW_NUMBER() OVER (PARTITION BY h.unit_id ORDER BY h.valid_from DESC, h.id DESC) AS rn FROM "
      "unit_history h WHERE h.valid_from < $1) x WHERE rn = 1",
      {before}, [&](const RowView& r) {
        const auto text = [&](size_t i) {
          return r.null(i) ? std::nullopt : std::optional<std::string>(std::string(r.view(i)));
        };
        fn(r.i64(0), text(1), text(2), std::string(r.view(3)));
      });
}

std::vector<UnitGroup> list_unit_groups(Connection& c, const std::optional<std::string>& q, Page page,
                                        long long* total) {
  Where w;
  if (q) add_text_search(w, "search_text", *q);
  const std::string from = " FROM unit_groups" + w.sql();
  const std::string paging = w.page(page.limit, page.offset);
  std::vector<UnitGroup> out;
  for (const auto& r : c.query("SELECT id, code, name" + from + " ORDER BY id" + paging, w.params())) {
    UnitGroup g{r.i64(0), r.text(1), r.text(2), {}};
    g.member_ids = ids(c.query("SELECT unit_id FROM unit_group_members WHERE group_id = $1 ORDER BY unit_id", {g.id}));
    out.push_back(std::move(g));
  }
  if (total) *total = count(c, from, without_page(w.params()));
  return out;
}

std::optional<UnitGroup> find_unit_group(Connection& c, Id id) {
  auto rows = c.query("SELECT id, code, name FROM unit_groups WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  UnitGroup g{rows[0].i64(0), rows[0].text(1), rows[0].text(2), {}};
  g.member_ids = ids(c.query("SELECT unit_id FROM unit_group_members WHERE group_id = $1 ORDER BY unit_id", {id}));
  return g;
}

std::optional<UnitGroup> find_unit_group_by_code(Connection& c, const std::string& code) {
  auto rows = c.query("SELECT id FROM unit_groups WHERE code = $1", {code});
  if (rows.empty()) return std::nullopt;
  return find_unit_group(c, rows[0].i64(0));
}

namespace {
// Issue 12: a unit joining (member) or leaving a group at `at`, appended beside the change.
void record_membership(Connection& c, Id group_id, Id unit_id, bool member, const std::string& at) {
  c.query("INSERT INTO unit_group_member_history (group_id, unit_id, valid_from, member) VALUES ($1, $2, $3, $4)",
          {group_id, unit_id, at, static_cast<long long>(member ? 1 : 0)});
}
}  // namespace

Id insert_unit_group(Connection& c, const UnitGroup& g, const std::string& at) {
  const Id id = c.query("INSERT INTO unit_groups (code, name, search_text) VALUES ($1, $2, $3) RETURNING id",
                        {g.code, g.name, domain::search_key(g.code + " " + g.name)})
                    .at(0)
                    .i64(0);
  for (Id m : g.member_ids) {
    c.query("INSERT INTO unit_group_members (group_id, unit_id) VALUES ($1, $2)", {id, m});
    record_membership(c, id, m, true, at);
  }
  return id;
}

std::pair<std::vector<Id>, std::vector<Id>> set_group_members(Connection& c, Id group_id,
                                                              const std::vector<Id>& member_ids,
                                                              const std::string& at) {
  const auto now = ids(c.query("SELECT unit_id FROM unit_group_members WHERE group_id = $1", {group_id}));
  const std::set<Id> before(now.begin(), now.end()), after(member_ids.begin(), member_ids.end());
  std::pair<std::vector<Id>, std::vector<Id>> out;
  for (Id m : after) {
    if (before.contains(m)) continue;
    c.query("INSERT INTO unit_group_members (group_id, unit_id) VALUES ($1, $2)", {group_id, m});
    record_membership(c, group_id, m, true, at);
    out.first.push_back(m);
  }
  for (Id m : before) {
    if (after.contains(m)) continue;
    c.query("DELETE FROM unit_group_members WHERE group_id = $1 AND unit_id = $2", {group_id, m});
    record_membership(c, group_id, m, false, at);
    out.second.push_back(m);
  }
  return out;
}

namespace {
std::vector<std::string> split_kinds(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    if (const auto k = text.substr(0, comma); !k.empty()) out.emplace_back(k);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
  }
  return out;
}
}  // namespace

std::vector<std::string> group_member_kinds(Connection& c, Id group_id) {
  const auto rows = c.query("SELECT member_kinds FROM unit_groups WHERE id = $1", {group_id});
  if (rows.empty() || !rows[0].opt_text(0)) return {};
  return split_kinds(*rows[0].opt_text(0));
}

void set_group_member_kinds(Connection& c, Id group_id, const std::vector<std::string>& kinds) {
  std::string text;
  for (const auto& k : kinds) text += (text.empty() ? "" : ",") + k;
  c.query("UPDATE unit_groups SET member_kinds = $1 WHERE id = $2",
          {text.empty() ? Param{nullptr} : Param{text}, group_id});
}

std::map<Id, std::vector<std::string>> rule_groups(Connection& c) {
  std::map<Id, std::vector<std::string>> out;
  for (const auto& r : c.query("SELECT id, member_kinds FROM unit_groups WHERE member_kinds IS NOT NULL ORDER BY id"))
    out[r.i64(0)] = split_kinds(r.text(1));
  return out;
}

std::vector<Id> units_of_kinds(Connection& c, const std::vector<std::string>& kinds, const std::string& today) {
  const std::set<std::string> wanted(kinds.begin(), kinds.end());
  std::vector<Id> out;
  for (const auto& r : c.query("SELECT id, kind, active_to FROM units ORDER BY id")) {
    const auto to = r.opt_text(2);
    if (wanted.contains(r.text(1)) && (!to || *to >= today)) out.push_back(r.i64(0));
  }
  return out;
}

std::map<Id, long long> unit_group_sizes(Connection& c) {
  std::map<Id, long long> sizes;
  for (const auto& r : c.query("SELECT group_id, COUNT(*) FROM unit_group_members GROUP BY group_id"))
    sizes[r.i64(0)] = r.i64(1);
  return sizes;
}

std::vector<Id> groups_of_unit(Connection& c, Id unit_id) {
  return ids(c.query("SELECT group_id FROM unit_group_members WHERE unit_id = $1 ORDER BY group_id", {unit_id}));
}

std::map<Id, std::vector<Id>> group_members_known_before(Connection& c, const std::string& before) {
  std::map<Id, std::vector<Id>> out;
  c.each(
      "SELECT group_id, unit_id FROM (SELECT group_id, unit_id, member, ROW_NUMBER() OVER (PARTITION BY group_id, "
      "unit_id ORDER BY valid_from DESC, id DESC) AS rn FROM unit_group_member_history WHERE valid_from < $1) x "
      "WHERE rn = 1 AND member = 1 ORDER BY group_id, unit_id",
      {before}, [&](const RowView& r) { out[r.i64(0)].push_back(r.i64(1)); });
  return out;
}

namespace {
constexpr const char* kDirectiveColumns = "id, number, kind, issuer, issued_on, title, year, has_plan";
Directive directive_from(Connection& c, const Row& r) {
  Directive d{r.i64(0),
              r.text(1),
              r.text(2),
              r.text(3),
              r.opt_text(4),
              r.text(5),
              r.opt_i64(6) ? std::optional<int>(static_cast<int>(*r.opt_i64(6))) : std::nullopt,
              r.i64(7) != 0,
              {}};
  d.basis_ids = ids(c.query("SELECT basis_id FROM directive_basis WHERE directive_id = $1 ORDER BY basis_id", {d.id}));
  return d;
}
}  // namespace

std::vector<Directive> list_directives(Connection& c, const DirectiveFilter& f, Page page, long long* total) {
  Where w;
  if (f.q) add_text_search(w, "search_text", *f.q);
  if (f.kind) w.add("kind = ?", *f.kind);
  if (f.year) w.add("year = ?", static_cast<long long>(*f.year));
  if (f.has_plan) w.add("has_plan = ?", static_cast<long long>(*f.has_plan ? 1 : 0));
  const std::string from = " FROM directives" + w.sql();
  const std::string paging = w.page(page.limit, page.offset);
  std::vector<Directive> out;
  for (const auto& r :
       c.query(std::string("SELECT ") + kDirectiveColumns + from + " ORDER BY issued_on, id" + paging, w.params()))
    out.push_back(directive_from(c, r));
  if (total) *total = count(c, from, without_page(w.params()));
  return out;
}

std::optional<Directive> find_directive(Connection& c, Id id) {
  auto rows = c.query(std::string("SELECT ") + kDirectiveColumns + " FROM directives WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return directive_from(c, rows[0]);
}

std::optional<Directive> find_directive_by_number(Connection& c, const std::string& number) {
  auto rows = c.query(std::string("SELECT ") + kDirectiveColumns + " FROM directives WHERE number = $1", {number});
  if (rows.empty()) return std::nullopt;
  return directive_from(c, rows[0]);
}

std::vector<DirectiveRef> directives_based_on(Connection& c, Id basis_id) {
  std::vector<DirectiveRef> out;
  for (const auto& r :
       c.query("SELECT d.id, d.number, d.title, d.issued_on FROM directive_basis b JOIN directives d ON d.id = "
               "b.directive_id WHERE b.basis_id = $1 ORDER BY d.id",
               {basis_id}))
    out.push_back(DirectiveRef{r.i64(0), r.text(1), r.text(2), r.opt_text(3)});
  return out;
}

std::optional<DirectiveRef> find_directive_ref(Connection& c, Id id) {
  auto rows = c.query("SELECT id, number, title, issued_on FROM directives WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return DirectiveRef{rows[0].i64(0), rows[0].text(1), rows[0].text(2), rows[0].opt_text(3)};
}

PlanContents plan_contents(Connection& c, Id directive_id) {
  return PlanContents{c.query("SELECT COUNT(*) FROM indicators WHERE directive_id = $1", {directive_id}).at(0).i64(0),
                      c.query("SELECT COUNT(*) FROM tasks WHERE directive_id = $1", {directive_id}).at(0).i64(0)};
}

std::vector<std::string> task_codes(Connection& c, Id directive_id) {
  std::vector<std::string> out;
  for (const auto& r : c.query("SELECT code FROM tasks WHERE directive_id = $1", {directive_id}))
    out.push_back(r.text(0));
  return out;
}

std::vector<std::string> indicator_codes(Connection& c, Id directive_id) {
  std::vector<std::string> out;
  for (const auto& r : c.query("SELECT code FROM indicators WHERE directive_id = $1", {directive_id}))
    out.push_back(r.text(0));
  return out;
}

Id insert_directive(Connection& c, const Directive& d) {
  const Id id =
      c.query(
           "INSERT INTO directives (number, kind, issuer, issued_on, title, year, has_plan, search_text) "
           "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
           {d.number, d.kind, d.issuer, opt(d.issued_on), d.title, opt(d.year), static_cast<long long>(d.has_plan),
            domain::search_key(d.number + " " + d.title + " " + d.issuer)})
          .at(0)
          .i64(0);
  for (Id b : d.basis_ids) c.query("INSERT INTO directive_basis (directive_id, basis_id) VALUES ($1, $2)", {id, b});
  return id;
}

namespace {
constexpr const char* kRuleColumns =
    "period_type, data_window, due_day, annual_due_month, annual_due_day, shift_to_working_day, due_soon_days, "
    "update_target, at_risk_tolerance, weight_timeliness, weight_updates, weight_completion, weight_indicators, "
    "stalled_periods, unanswered_days, first_period_lead_days, weight_feedback, feedback_min_items";

// The judging part of a rule, from a row that starts with kRuleColumns.
void read_rule(const Row& x, ReportingRuleRow& r) {
  r.period_type = x.text(0);
  r.data_window = x.text(1);
  r.due_day = static_cast<int>(x.i64(2));
  r.annual_due_month = static_cast<int>(x.i64(3));
  r.annual_due_day = static_cast<int>(x.i64(4));
  r.shift_to_working_day = x.i64(5) != 0;
  r.due_soon_days = static_cast<int>(x.i64(6));
  r.update_target = x.f64(7);
  r.at_risk_tolerance = x.f64(8);
  r.weight_timeliness = x.f64(9);
  r.weight_updates = x.f64(10);
  r.weight_completion = x.f64(11);
  r.weight_indicators = x.f64(12);
  r.stalled_periods = static_cast<int>(x.i64(13));
  r.unanswered_days = static_cast<int>(x.i64(14));
  r.first_period_lead_days = static_cast<int>(x.i64(15));
  r.weight_feedback = x.f64(16);
  r.feedback_min_items = static_cast<int>(x.i64(17));
}
}  // namespace

ReportingRuleRow reporting_rule_known_before(Connection& c, Id directive_id, const std::string& before) {
  // The reminders' settings are not history: a past date is judged, not reminded.
  ReportingRuleRow r = reporting_rule(c, directive_id);
  const ReportingRuleRow defaults{.directive_id = directive_id};
  auto rows = c.query(std::string("SELECT ") + kRuleColumns +
                          " FROM reporting_rule_history WHERE directive_id = $1 AND valid_from < $2 ORDER BY "
                          "valid_from DESC, id DESC LIMIT 1",
                      {directive_id, before});
  if (rows.empty()) {
    ReportingRuleRow d = defaults;
    d.remind_days_before = r.remind_days_before;
    d.remind_days_after = r.remind_days_after;
    d.digest_weekday = r.digest_weekday;
    d.annual_remind_days_before = r.annual_remind_days_before;
    return d;
  }
  read_rule(rows[0], r);
  return r;
}

ReportingRuleRow reporting_rule(Connection& c, Id directive_id) {
  auto rows = c.query(std::string("SELECT ") + kRuleColumns +
                          ", remind_days_before, remind_days_after, digest_weekday, annual_remind_days_before FROM "
                          "reporting_rules WHERE directive_id = $1",
                      {directive_id});
  ReportingRuleRow r;
  r.directive_id = directive_id;
  if (rows.empty()) return r;
  const Row& x = rows[0];
  read_rule(x, r);
  r.remind_days_before = x.text(18);
  r.remind_days_after = static_cast<int>(x.i64(19));
  r.digest_weekday = static_cast<int>(x.i64(20));
  r.annual_remind_days_before = x.text(21);
  return r;
}

void save_reporting_rule(Connection& c, const ReportingRuleRow& r, const std::string& at) {
  // The judging part in kRuleColumns' order, written to the rule and, dated, to its history (issue 12).
  const Params judging{r.period_type,
                       r.data_window,
                       static_cast<long long>(r.due_day),
                       static_cast<long long>(r.annual_due_month),
                       static_cast<long long>(r.annual_due_day),
                       static_cast<long long>(r.shift_to_working_day),
                       static_cast<long long>(r.due_soon_days),
                       r.update_target,
                       r.at_risk_tolerance,
                       r.weight_timeliness,
                       r.weight_updates,
                       r.weight_completion,
                       r.weight_indicators,
                       static_cast<long long>(r.stalled_periods),
                       static_cast<long long>(r.unanswered_days),
                       static_cast<long long>(r.first_period_lead_days),
                       r.weight_feedback,
                       static_cast<long long>(r.feedback_min_items)};
  const auto placeholders = [](size_t n) {
    std::string out;
    for (size_t i = 1; i <= n; ++i) out += (i > 1 ? ", $" : "$") + std::to_string(i);
    return out;
  };
  // The reminders' settings follow the judging part; they are not history (a past date is judged, not reminded).
  constexpr const char* kReminderColumns =
      "remind_days_before, remind_days_after, digest_weekday, annual_remind_days_before";
  Params rule{r.directive_id};
  rule.insert(rule.end(), judging.begin(), judging.end());
  rule.insert(rule.end(), {r.remind_days_before, static_cast<long long>(r.remind_days_after),
                           static_cast<long long>(r.digest_weekday), r.annual_remind_days_before});
  std::string update;
  for (std::string_view columns : {std::string_view(kRuleColumns), std::string_view(kReminderColumns)}) {
    while (!columns.empty()) {
      const auto comma = columns.find(',');
      const auto name = columns.substr(0, comma);
      update += (update.empty() ? "" : ", ") + std::string(name) + " = excluded." + std::string(name);
      columns = comma == std::string_view::npos ? std::string_view() : columns.substr(comma + 2);
    }
  }
  c.query(std::string("INSERT INTO reporting_rules (directive_id, ") + kRuleColumns + ", " + kReminderColumns +
              ") VALUES (" + placeholders(rule.size()) + ") ON CONFLICT (directive_id) DO UPDATE SET " + update,
          rule);
  Params dated{r.directive_id, at};
  dated.insert(dated.end(), judging.begin(), judging.end());
  c.query(std::string("INSERT INTO reporting_rule_history (directive_id, valid_from, ") + kRuleColumns + ") VALUES (" +
              placeholders(dated.size()) + ")",
          dated);
}

std::vector<std::pair<std::string, std::string>> list_holidays(Connection& c) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : c.query("SELECT day, name FROM holidays ORDER BY day")) out.emplace_back(r.text(0), r.text(1));
  return out;
}

std::vector<std::string> holidays_known_before(Connection& c, const std::string& before) {
  std::vector<std::string> out;
  for (const auto& r :
       c.query("SELECT day FROM (SELECT h.day, h.removed, ROW_NUMBER() OVER (PARTITION BY h.day ORDER BY h.valid_from "
               "DESC, h.id DESC) AS rn FROM holiday_history h WHERE h.valid_from < $1) x WHERE rn = 1 AND removed = 0 "
               "ORDER BY day",
               {before}))
    out.push_back(r.text(0));
  return out;
}

void save_holiday(Connection& c, const std::string& day, const std::string& name, const std::string& at) {
  c.query("INSERT INTO holidays (day, name) VALUES ($1, $2) ON CONFLICT (day) DO UPDATE SET name = excluded.name",
          {day, name});
  c.query("INSERT INTO holiday_history (day, name, valid_from) VALUES ($1, $2, $3)", {day, name, at});
}

void delete_holiday(Connection& c, const std::string& day, const std::string& at) {
  c.query("DELETE FROM holidays WHERE day = $1", {day});
  c.query("INSERT INTO holiday_history (day, name, removed, valid_from) VALUES ($1, '', 1, $2)", {day, at});
}

namespace {
constexpr const char* kIndicatorColumns =
    "id, directive_id, code, name, target_text, comparator, target_value, unit_of_measure, aggregation, baseline, "
    "monitoring_unit_id, reporting_group_id, notes, data_source";
Indicator indicator_from(Connection& c, const Row& r) {
  Indicator i{r.i64(0),  r.i64(1), r.text(2),     r.text(3),     r.text(4),  r.text(5), r.f64(6),  r.text(7),
              r.text(8), r.f64(9), r.opt_i64(10), r.opt_i64(11), r.text(12), {},        r.text(13)};
  for (const auto& t : c.query("SELECT level, target_text, target_value, monitoring_unit_id FROM "
                               "indicator_level_targets WHERE indicator_id = $1 ORDER BY level",
                               {i.id}))
    i.level_targets.push_back({t.text(0), t.text(1), t.f64(2), t.opt_i64(3)});
  return i;
}
}  // namespace

std::vector<Indicator> list_indicators(Connection& c, const IndicatorFilter& f, Page page, long long* total) {
  Where w;
  if (f.q) add_text_search(w, "search_text", *f.q);
  if (f.directive_id) w.add("directive_id = ?", *f.directive_id);
  if (f.monitoring_unit_id) w.add("monitoring_unit_id = ?", *f.monitoring_unit_id);
  if (f.known_before) w.add("created_at < ?", *f.known_before);
  const std::string from = " FROM indicators" + w.sql();
  const std::string paging = w.page(page.limit, page.offset);
  std::vector<Indicator> out;
  for (const auto& r :
       c.query(std::string("SELECT ") + kIndicatorColumns + from + " ORDER BY directive_id, id" + paging, w.params()))
    out.push_back(indicator_from(c, r));
  if (total) *total = count(c, from, without_page(w.params()));
  return out;
}

std::optional<Indicator> find_indicator(Connection& c, Id id) {
  auto rows = c.query(std::string("SELECT ") + kIndicatorColumns + " FROM indicators WHERE id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return indicator_from(c, rows[0]);
}

namespace {
// Issue 12: a target (level '' for the indicator itself) as it became true at `at`.
void record_target(Connection& c, Id id, const std::string& level, const std::string& text,
                   const std::string& comparator, double value, const std::string& at) {
  c.query(
      "INSERT INTO indicator_target_history (indicator_id, level, valid_from, target_text, comparator, target_value) "
      "VALUES ($1, $2, $3, $4, $5, $6)",
      {id, level, at, text, comparator, value});
}
void record_source(Connection& c, Id id, const std::string& source, const std::string& at) {
  c.query("INSERT INTO indicator_source_history (indicator_id, valid_from, data_source) VALUES ($1, $2, $3)",
          {id, at, source});
}
}  // namespace

Id insert_indicator(Connection& c, const Indicator& i, const std::string& at) {
  const Id id = c.query(
                     "INSERT INTO indicators (directive_id, code, name, target_text, comparator, target_value, "
                     "unit_of_measure, aggregation, baseline, monitoring_unit_id, reporting_group_id, notes, "
                     "search_text, created_at, data_source) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
                     "$13, $14, $15) RETURNING id",
                     {i.directive_id, i.code, i.name, i.target_text, i.comparator, i.target_value, i.unit_of_measure,
                      i.aggregation, i.baseline, opt(i.monitoring_unit_id), opt(i.reporting_group_id), i.notes,
                      domain::search_key(i.code + " " + i.name), at, i.data_source})
                    .at(0)
                    .i64(0);
  record_target(c, id, "", i.target_text, i.comparator, i.target_value, at);
  // R19: no row means "reported" (every indicator before migration 036 was); any other source is history.
  if (i.data_source != "reported") record_source(c, id, i.data_source, at);
  for (const auto& t : i.level_targets) {
    c.query(
        "INSERT INTO indicator_level_targets (indicator_id, level, target_text, target_value, "
        "monitoring_unit_id) VALUES ($1, $2, $3, $4, $5)",
        {id, t.level, t.target_text, t.target_value, opt(t.monitoring_unit_id)});
    record_target(c, id, t.level, t.target_text, i.comparator, t.target_value, at);
  }
  return id;
}

void update_indicator_target(Connection& c, const Indicator& i, const std::string& at) {
  c.query("UPDATE indicators SET target_text = $1, comparator = $2, target_value = $3 WHERE id = $4",
          {i.target_text, i.comparator, i.target_value, i.id});
  record_target(c, i.id, "", i.target_text, i.comparator, i.target_value, at);
  for (const auto& t : i.level_targets) {
    c.query(
        "UPDATE indicator_level_targets SET target_text = $1, target_value = $2 WHERE indicator_id = $3 AND level = $4",
        {t.target_text, t.target_value, i.id, t.level});
    record_target(c, i.id, t.level, t.target_text, i.comparator, t.target_value, at);
  }
}

void update_indicator_source(Connection& c, Id indicator_id, const std::string& source, const std::string& at) {
  c.query("UPDATE indicators SET data_source = $1 WHERE id = $2", {source, indicator_id});
  record_source(c, indicator_id, source, at);
}

std::map<Id, std::string> indicator_sources_before(Connection& c, const std::string& before) {
  std::map<Id, std::string> out;
  for (const auto& r : c.query("SELECT indicator_id, data_source FROM (SELECT indicator_id, data_source, ROW_NUMBER() "
                               "OVER (PARTITION BY indicator_id ORDER BY valid_from DESC, id DESC) AS rn FROM "
                               "indicator_source_history WHERE valid_from < $1) x WHERE rn = 1",
                               {before}))
    out.emplace(r.i64(0), r.text(1));
  return out;
}

std::vector<IndicatorTargetKnown> indicator_targets_before(Connection& c, const std::string& before) {
  std::vector<IndicatorTargetKnown> out;
  for (const auto& r :
       c.query("SELECT indicator_id, level, target_text, comparator, target_value FROM (SELECT indicator_id, level, "
               "target_text, comparator, target_value, ROW_NUMBER() OVER (PARTITION BY indicator_id, level ORDER BY "
               "valid_from DESC, id DESC) AS rn FROM indicator_target_history WHERE valid_from < $1) x WHERE rn = 1",
               {before}))
    out.push_back({r.i64(0), r.text(1), r.text(2), r.text(3), r.f64(4)});
  return out;
}

namespace {
constexpr const char* kTaskColumns =
    "t.id, t.directive_id, t.code, t.name, t.lead_text, t.coordinating_text, t.directing_leader, t.output, "
    "t.deadline_text, t.deadline_kind, t.deadline_due, t.field, t.indicator_id, t.notes";
Task task_from(Connection& c, const Row& r) {
  Task t{r.i64(0),  r.i64(1),  r.text(2),      r.text(3),  r.text(4),     r.text(5),  r.text(6), r.text(7),
         r.text(8), r.text(9), r.opt_text(10), r.text(11), r.opt_i64(12), r.text(13), {}};
  t.coordinator_ids = ids(c.query("SELECT unit_id FROM task_coordinators WHERE task_id = $1 ORDER BY unit_id", {t.id}));
  return t;
}
}  // namespace

std::vector<Task> list_tasks(Connection& c, const TaskFilter& f, Page page, long long* total) {
  Where w;
  if (f.q) add_text_search(w, "t.search_text", *f.q);
  if (f.directive_id) w.add("t.directive_id = ?", *f.directive_id);
  if (f.deadline_kind) w.add("t.deadline_kind = ?", *f.deadline_kind);
  if (f.field) w.add("t.field = ?", *f.field);
  if (f.directing_leader) add_text_search(w, "t.search_text", *f.directing_leader);
  if (f.unit_id) w.add("EXISTS (SELECT 1 FROM assignments a WHERE a.task_id = t.id AND a.unit_id = ?)", *f.unit_id);
  if (f.known_before) {
    w.add("t.created_at < ?", *f.known_before);
    w.add("(t.removed_at IS NULL OR t.removed_at >= ?)", *f.known_before);
  } else {
    w.add_raw("t.removed_at IS NULL");
  }
  const std::string from = " FROM tasks t" + w.sql();
  const std::string paging = w.page(page.limit, page.offset);
  std::vector<Task> out;
  for (const auto& r :
       c.query(std::string("SELECT ") + kTaskColumns + from + " ORDER BY t.directive_id, t.id" + paging, w.params()))
    out.push_back(task_from(c, r));
  if (total) *total = count(c, from, without_page(w.params()));
  return out;
}

std::optional<Task> find_task(Connection& c, Id id) {
  auto rows = c.query(std::string("SELECT ") + kTaskColumns + " FROM tasks t WHERE t.id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return task_from(c, rows[0]);
}

namespace {
// Issue 12: a task's deadline as it became true at `at`.
void record_task_deadline(Connection& c, Id id, const std::string& at) {
  c.query(
      "INSERT INTO task_history (task_id, valid_from, deadline_text, deadline_kind, deadline_due) SELECT id, $1, "
      "deadline_text, deadline_kind, deadline_due FROM tasks WHERE id = $2",
      {at, id});
}
}  // namespace

Id insert_task(Connection& c, const Task& t, const std::string& at) {
  const Id id =
      c.query(
           "INSERT INTO tasks (directive_id, code, name, lead_text, coordinating_text, directing_leader, output, "
           "deadline_text, deadline_kind, deadline_due, field, indicator_id, notes, search_text, created_at) VALUES "
           "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
           {t.directive_id, t.code, t.name, t.lead_text, t.coordinating_text, t.directing_leader, t.output,
            t.deadline_text, t.deadline_kind, opt(t.deadline_due), t.field, opt(t.indicator_id), t.notes,
            domain::search_key(t.code + " " + t.name + " " + t.lead_text + " " + t.directing_leader + " " + t.output),
            at})
          .at(0)
          .i64(0);
  for (Id u : t.coordinator_ids) c.query("INSERT INTO task_coordinators (task_id, unit_id) VALUES ($1, $2)", {id, u});
  record_task_deadline(c, id, at);
  return id;
}

void update_task_deadline(Connection& c, const Task& t, const std::string& at) {
  c.query("UPDATE tasks SET deadline_text = $1, deadline_kind = $2, deadline_due = $3 WHERE id = $4",
          {t.deadline_text, t.deadline_kind, opt(t.deadline_due), t.id});
  c.query("UPDATE assignments SET deadline_kind = $1, original_due = $2 WHERE task_id = $3",
          {t.deadline_kind, opt(t.deadline_due), t.id});
  record_task_deadline(c, t.id, at);
}

void remove_task(Connection& c, Id task_id, const std::string& at) {
  c.query("UPDATE tasks SET removed_at = $1 WHERE id = $2 AND removed_at IS NULL", {at, task_id});
  c.query("UPDATE assignments SET removed_at = $1 WHERE task_id = $2 AND removed_at IS NULL", {at, task_id});
}

void remove_group_assignments(Connection& c, Id group_id, Id unit_id, const std::string& at) {
  c.query("UPDATE assignments SET removed_at = $1 WHERE via_group_id = $2 AND unit_id = $3 AND removed_at IS NULL",
          {at, group_id, unit_id});
}

std::vector<Task> group_tasks(Connection& c, Id group_id) {
  std::vector<Task> out;
  for (const auto& r : c.query(std::string("SELECT ") + kTaskColumns +
                                   " FROM tasks t WHERE t.removed_at IS NULL AND EXISTS (SELECT 1 FROM assignments a "
                                   "WHERE a.task_id = t.id AND a.via_group_id = $1) ORDER BY t.id",
                               {group_id}))
    out.push_back(task_from(c, r));
  return out;
}

void each_task_deadline_before(Connection& c, const std::string& before,
                               const std::function<void(const RowView&)>& fn) {
  c.each(
      "SELECT task_id, deadline_text, deadline_kind, deadline_due FROM (SELECT task_id, deadline_text, "
      "deadline_kind, deadline_due, ROW_NUMBER() OVER (PARTITION BY task_id ORDER BY valid_from DESC, id DESC) AS "
      "rn FROM task_history WHERE valid_from < $1) x WHERE rn = 1",
      {before}, fn);
}

std::vector<Id> create_task(Connection& c, Task& t, const std::vector<Id>& lead_units,
                            const std::vector<UnitGroup>& lead_groups, const std::string& at) {
  if (t.lead_text.empty()) {
    for (const auto& g : lead_groups) t.lead_text += (t.lead_text.empty() ? "" : ", ") + g.name;
    for (auto id : lead_units)
      if (auto u = find_unit(c, id)) t.lead_text += (t.lead_text.empty() ? "" : ", ") + u->name;
  }
  t.id = insert_task(c, t, at);
  std::vector<Id> created = assign_task(c, t, lead_units, std::nullopt, at);
  for (const auto& g : lead_groups) {
    auto more = assign_task(c, t, g.member_ids, g.id, at);
    created.insert(created.end(), more.begin(), more.end());
  }
  return created;
}

std::vector<Id> assign_task(Connection& c, const Task& t, const std::vector<Id>& unit_ids, std::optional<Id> via_group,
                            const std::string& at) {
  std::vector<Id> created;
  for (Id u : unit_ids) {
    auto rows = c.query(
        "INSERT INTO assignments (task_id, unit_id, via_group_id, deadline_kind, original_due, created_at) VALUES "
        "($1, $2, $3, $4, $5, $6) ON CONFLICT (task_id, unit_id) DO NOTHING RETURNING id",
        {t.id, u, opt(via_group), t.deadline_kind, opt(t.deadline_due), at});
    if (!rows.empty()) created.push_back(rows[0].i64(0));
  }
  return created;
}

namespace {
constexpr const char* kAssignmentSelect =
    "SELECT a.id, a.task_id, a.unit_id, a.via_group_id, a.deadline_kind, a.original_due, a.effective_due, "
    "a.triggered_on, a.decision, a.decision_on, a.progress_percent, a.last_update_period, a.last_update_at, "
    "a.declared_done_on, a.confirmed_done_on, a.confirmed_by, t.directive_id, t.code, t.name, u.name, u.path, "
    "u.peer_group, t.directing_leader, t.field, u.active_from, u.active_to, a.created_at, a.removed_at FROM "
    "assignments a JOIN tasks t ON "
    "t.id = a.task_id JOIN units u ON u.id = a.unit_id";
// Task and unit columns are read once per task and unit; every assignment shares them.
struct HeaderCache {
  std::unordered_map<Id, std::shared_ptr<const TaskHeader>> tasks;
  std::unordered_map<Id, std::shared_ptr<const UnitHeader>> units;
};

Assignment assignment_from(const RowView& r, HeaderCache& cache) {
  Assignment a;
  a.id = r.i64(0);
  a.task_id = r.i64(1);
  a.unit_id = r.i64(2);
  a.via_group_id = r.opt_i64(3);
  a.deadline_kind = r.text(4);
  a.original_due = r.opt_text(5);
  a.effective_due = r.opt_text(6);
  a.triggered_on = r.opt_text(7);
  a.decision = r.text(8);
  a.decision_on = r.opt_text(9);
  a.progress_percent = static_cast<int>(r.i64(10));
  a.last_update_period = r.opt_text(11);
  a.last_update_at = r.opt_text(12);
  a.declared_done_on = r.opt_text(13);
  a.confirmed_done_on = r.opt_text(14);
  a.confirmed_by = r.opt_i64(15);
  a.directive_id = r.i64(16);
  a.created_at = r.text(26);
  a.removed_at = r.opt_text(27);
  auto& task = cache.tasks[a.task_id];
  if (!task) task = std::make_shared<TaskHeader>(TaskHeader{r.text(17), r.text(18), r.text(22), r.text(23)});
  a.task = task;
  auto& unit = cache.units[a.unit_id];
  if (!unit)
    unit = std::make_shared<UnitHeader>(UnitHeader{r.text(19), r.text(20), r.text(21), r.opt_text(24), r.opt_text(25)});
  a.unit = unit;
  return a;
}
}  // namespace

bool tasks_outside_plans(Connection& c) {
  return !c.query(
               "SELECT 1 FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN directives d ON d.id = "
               "t.directive_id WHERE d.has_plan = 0 AND a.removed_at IS NULL LIMIT 1")
              .empty();
}

std::vector<Assignment> list_assignments(Connection& c, const AssignmentFilter& f) {
  Where w;
  if (f.directive_id) w.add("t.directive_id = ?", *f.directive_id);
  if (f.unit_id) w.add("a.unit_id = ?", *f.unit_id);
  if (f.task_id) w.add("a.task_id = ?", *f.task_id);
  if (f.scope_path) w.add_subtree("u.path", *f.scope_path);
  if (f.q) add_text_search(w, "t.search_text", *f.q);
  if (f.directing_leader) add_text_search(w, "t.search_text", *f.directing_leader);
  if (f.field) w.add("t.field = ?", *f.field);
  if (f.peer_group) w.add("u.peer_group = ?", *f.peer_group);
  if (f.known_before) w.add("a.created_at < ?", *f.known_before);
  std::optional<std::string> kept = f.known_before;
  if (f.kept_from && (!kept || *f.kept_from < *kept)) kept = f.kept_from;
  if (kept) {
    w.add("(a.removed_at IS NULL OR a.removed_at >= ?)", *kept);
  } else {
    w.add_raw("a.removed_at IS NULL");
  }
  std::vector<Assignment> out;
  HeaderCache cache;
  c.each(std::string(kAssignmentSelect) + w.sql() + " ORDER BY t.directive_id, t.id, u.path", w.params(),
         [&](const RowView& r) { out.push_back(assignment_from(r, cache)); });
  return out;
}

std::optional<Assignment> find_assignment(Connection& c, Id id) {
  std::optional<Assignment> found;
  HeaderCache cache;
  c.each(std::string(kAssignmentSelect) + " WHERE a.id = $1", {id},
         [&](const RowView& r) { found = assignment_from(r, cache); });
  return found;
}

void confirm_assignment(Connection& c, Id id, const std::optional<std::string>& done_on, std::optional<Id> by,
                        const std::string& at) {
  c.query("UPDATE assignments SET confirmed_done_on = $1, confirmed_by = $2 WHERE id = $3",
          {opt(done_on), opt(by), id});
  record_assignment_fact(c, id, "done", at);
}

void set_assignment_decision(Connection& c, Id id, const std::string& decision, const std::optional<std::string>& on,
                             const std::string& at) {
  c.query("UPDATE assignments SET decision = $1, decision_on = $2 WHERE id = $3", {decision, opt(on), id});
  record_assignment_fact(c, id, "decision", at);
}

void set_effective_due(Connection& c, Id id, const std::optional<std::string>& due, const std::string& at) {
  c.query("UPDATE assignments SET effective_due = $1 WHERE id = $2", {opt(due), id});
  record_assignment_fact(c, id, "due", at);
}

void trigger_assignment(Connection& c, Id id, const std::string& on, const std::optional<std::string>& due,
                        const std::string& at) {
  c.query("UPDATE assignments SET triggered_on = $1, effective_due = $2 WHERE id = $3", {on, opt(due), id});
  record_assignment_fact(c, id, "trigger", at);
  record_assignment_fact(c, id, "due", at);
}

void record_progress(Connection& c, Id id, int percent, const std::string& period, const std::string& at,
                     const std::optional<std::string>& declared_done_on) {
  // The current progress is the latest period's: re-submitting an old report neither rewinds it nor makes
  // fresh work look stale (every expression reads the row as it was before this update).
  c.query(
      "UPDATE assignments SET progress_percent = CASE WHEN last_update_period IS NULL OR last_update_period <= $4 "
      "THEN $1 ELSE progress_percent END, last_update_at = CASE WHEN last_update_period IS NULL OR "
      "last_update_period <= $4 THEN $2 ELSE last_update_at END, declared_done_on = COALESCE($3, declared_done_on), "
      "last_update_period = CASE WHEN last_update_period IS NULL OR last_update_period < $4 THEN $4 ELSE "
      "last_update_period END WHERE id = $5",
      {static_cast<long long>(percent), at, opt(declared_done_on), period, id});
}

namespace {
// The joins and the condition that keep the history rows of `scope`'s assignments (`a`, its unit `u`), with
// placeholders numbered from $`first`.
struct ScopeSql {
  std::string joins, where;
  Params params;
};
ScopeSql history_scope(const HistoryScope& scope, int first) {
  const auto at = [&](int k) { return "$" + std::to_string(first + k); };
  if (scope.unit_id) return {"", " AND a.unit_id = " + at(0), {*scope.unit_id}};
  if (!scope.path) return {};
  std::string end = *scope.path;
  end.back() = static_cast<char>('/' + 1);  // every path under "/1/5/" sorts before "/1/50" (as Where::add_subtree)
  return {
      " JOIN units u ON u.id = a.unit_id", " AND u.path >= " + at(0) + " AND u.path < " + at(1), {*scope.path, end}};
}

Params with(Params head, const Params& tail) {
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}
}  // namespace

void each_assignment_fact_before(Connection& c, const std::string& before, const HistoryScope& scope,
                                 const std::function<void(const RowView&)>& fact_fn) {
  const ScopeSql s = history_scope(scope, 2);
  c.each(
      "SELECT assignment_id, fact, effective_due, triggered_on, decision, decision_on, confirmed_done_on, "
      "confirmed_by FROM (SELECT h.assignment_id, h.fact, h.effective_due, h.triggered_on, h.decision, "
      "h.decision_on, h.confirmed_done_on, h.confirmed_by, ROW_NUMBER() OVER (PARTITION BY h.assignment_id, h.fact "
      "ORDER BY h.valid_from DESC, h.id DESC) AS rn FROM assignment_history h JOIN assignments a ON a.id = "
      "h.assignment_id" +
          s.joins + " WHERE h.valid_from < $1" + s.where + ") x WHERE rn = 1",
      with({before}, s.params), fact_fn);
}

void each_progress_before(Connection& c, const std::string& before, const HistoryScope& scope,
                          const std::function<void(const RowView&)>& progress_fn) {
  // As record_progress keeps it: the latest period's latest submission (an older period's never rewinds it).
  // One index search per assignment, not a window over every line submitted: at national size (1.27 M lines)
  // the window sorted them all and fetched each by its row, 1.8 s of CPU per date, seven dates per dashboard.
  const ScopeSql s = history_scope(scope, 2);
  c.each("SELECT i.assignment_id, i.period, i.progress_percent, i.submitted_at FROM assignments a" + s.joins +
             " JOIN submitted_report_items i ON i.id = (SELECT j.id FROM submitted_report_items j WHERE "
             "j.assignment_id = a.id AND j.submitted_at < $1 ORDER BY j.period DESC, j.submitted_at DESC, j.id DESC "
             "LIMIT 1) WHERE 1 = 1" +
             s.where,
         with({before}, s.params), progress_fn);
}

void each_declared_before(Connection& c, const std::string& before, const HistoryScope& scope,
                          const std::function<void(const RowView&)>& declared_fn) {
  // As record_progress keeps it: the latest declared day submitted (a line without one leaves it).
  const ScopeSql s = history_scope(scope, 2);
  c.each(
      "SELECT assignment_id, declared_done_on FROM (SELECT i.assignment_id, i.declared_done_on, ROW_NUMBER() OVER "
      "(PARTITION BY i.assignment_id ORDER BY i.submitted_at DESC, i.id DESC) AS rn FROM submitted_report_items i "
      "JOIN assignments a ON a.id = i.assignment_id" +
          s.joins + " WHERE i.submitted_at < $1 AND i.declared_done_on IS NOT NULL" + s.where + ") x WHERE rn = 1",
      with({before}, s.params), declared_fn);
}

std::vector<std::pair<Id, std::string>> submitted_items(Connection& c, Id directive_id, const std::string& period,
                                                        std::optional<Id> unit_id) {
  std::vector<std::pair<Id, std::string>> out;
  const auto add = [&](const RowView& r) { out.emplace_back(r.i64(0), std::string(r.view(1))); };
  const std::string sql =
      "SELECT i.assignment_id, r.first_submitted_at FROM report_items i JOIN reports r ON r.id = i.report_id "
      "WHERE r.directive_id = $1 AND r.period = $2 AND r.first_submitted_at IS NOT NULL";
  if (unit_id) {
    c.each(sql + " AND r.unit_id = $3", {directive_id, period, *unit_id}, add);
  } else {
    c.each(sql, {directive_id, period}, add);
  }
  return out;
}

}  // namespace tiendo::store
