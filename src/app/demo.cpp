#include "app/demo.h"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "domain/assignment_status.h"
#include "domain/deadline.h"
#include "domain/feedback.h"
#include "domain/indicator.h"
#include "domain/reporting_rule.h"
#include "security/feedback_seal.h"
#include "security/password.h"
#include "store/demo_store.h"
#include "store/exchange_store.h"
#include "store/feedback_store.h"
#include "store/followup_store.h"
#include "store/plan_store.h"
#include "store/report_store.h"
#include "store/user_store.h"

namespace tiendo::app {

namespace json = boost::json;
using domain::Date;
using store::Connection;
using store::Id;

namespace {

// The demo is told as of this day; reports and confirmations never lie after it.
const Date kToday = domain::make_date(2026, 11, 24);
// The plan, its units and groups are known from before any date the demo is read at (issue 12).
const std::string kPlanKnown = "2025-01-01T00:00:00Z";
// Passes the password policy for every demo user (checked as they are created).
constexpr const char* kPassword = "HaiPhong#Ke-hoach-57";

json::value read_json(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("không đọc được " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return json::parse(ss.str());
}

std::string str(const json::object& o, const char* k) {
  auto it = o.find(k);
  return it == o.end() || it->value().is_null() ? "" : std::string(it->value().as_string());
}

std::optional<std::string> opt_str(const json::object& o, const char* k) {
  auto s = str(o, k);
  return s.empty() ? std::nullopt : std::optional(s);
}

std::vector<std::string> strs(const json::object& o, const char* k) {
  std::vector<std::string> out;
  if (auto it = o.find(k); it != o.end())
    for (const auto& v : it->value().as_array()) out.emplace_back(v.as_string());
  return out;
}

// A stable per-unit temperament: some units are diligent, some lag, the same on every run.
double diligence(const std::string& code) {
  const auto h = std::hash<std::string>{}(code + "tiendo");
  double d = static_cast<double>(h % 1000) / 1000.0;
  if (code == "P-HAIAN") d = 0.8;
  if (code == "P-LECHAN") d = 0.35;
  return d;
}

Date add_days(Date d, int n) { return d + std::chrono::days{n}; }

domain::Instant at_local(Date d, int hour) {
  return domain::Instant{d} + std::chrono::hours{hour} - domain::kVietnamOffset;
}

struct Loaded {
  std::map<std::string, Id> units, groups, directives;
  std::map<Id, std::string> unit_code;
  std::map<Id, std::string> unit_peer;
  std::map<Id, std::string> agency_code;  // invented QĐ 20/2020 codes, by unit
  std::map<Id, int> children;             // units placed under each so far
};

void load_units(Connection& c, const json::object& root, Loaded& L) {
  for (const auto& v : root.at("units").as_array()) {
    const auto& o = v.as_object();
    store::Unit u;
    u.code = str(o, "code");
    u.name = str(o, "name");
    u.short_name = str(o, "short_name");
    u.kind = str(o, "kind");
    u.peer_group = str(o, "peer_group");
    u.active_from = opt_str(o, "active_from");
    u.active_to = opt_str(o, "active_to");
    if (auto p = opt_str(o, "parent")) u.parent_id = L.units.at(*p);
    const Id id = store::insert_unit(c, u, kPlanKnown);  // known before any plan
    L.units[u.code] = id;
    L.unit_code[id] = u.code;
    L.unit_peer[id] = u.peer_group;
    // Issue 18: every unit carries a QĐ 20/2020 agency code. The real codes of Hải Phòng's bodies are not at
    // hand: these are invented in the right format (level-1 group Y99, one two-digit group per level below)
    // and say so, so no one copies them into an upstream system.
    std::string agency = "Y99";
    if (u.parent_id) {
      const int n = ++L.children[*u.parent_id];
      agency = L.agency_code.at(*u.parent_id) + (n < 10 ? ".0" : ".") + std::to_string(n);
    }
    L.agency_code[id] = agency;
    store::set_external_code(c, "unit", id, "qd20", agency, "Mã giả định cho dữ liệu minh họa, không phải mã thật",
                             kPlanKnown, std::nullopt);
  }
  for (const auto& v : root.at("groups").as_array()) {
    const auto& o = v.as_object();
    store::UnitGroup g;
    g.code = str(o, "code");
    g.name = str(o, "name");
    for (const auto& m : strs(o, "members")) g.member_ids.push_back(L.units.at(m));
    L.groups[g.code] = store::insert_unit_group(c, g, kPlanKnown);
  }
}

void load_plan(Connection& c, const json::object& root, Loaded& L) {
  for (const auto& v : root.at("directives").as_array()) {
    const auto& o = v.as_object();
    store::Directive d;
    d.number = str(o, "number");
    d.kind = str(o, "kind");
    d.issuer = str(o, "issuer");
    d.issued_on = opt_str(o, "issued_on");
    d.year = d.issued_on ? std::optional(std::stoi(d.issued_on->substr(0, 4))) : std::nullopt;
    d.title = str(o, "title");
    d.has_plan = o.at("has_plan").as_bool();
    for (const auto& b : strs(o, "basis")) d.basis_ids.push_back(L.directives.at(b));
    const Id id = store::insert_directive(c, d);
    L.directives[d.number] = id;
    if (d.has_plan) store::save_reporting_rule(c, store::ReportingRuleRow{.directive_id = id}, kPlanKnown);
  }
  for (const auto& v : root.at("holidays").as_array())
    store::save_holiday(c, str(v.as_object(), "day"), str(v.as_object(), "name"), kPlanKnown);
  std::map<std::pair<Id, std::string>, Id> indicator_ids;
  for (const auto& v : root.at("indicators").as_array()) {
    const auto& o = v.as_object();
    store::Indicator i;
    i.directive_id = L.directives.at(str(o, "directive"));
    i.code = str(o, "code");
    i.name = str(o, "name");
    i.target_text = str(o, "target_text");
    const auto t = domain::parse_target(i.target_text);
    if (!t) throw std::runtime_error("chỉ tiêu không đọc được: " + i.target_text);
    i.comparator = std::string(domain::to_string(t->comparator));
    i.target_value = t->value;
    i.unit_of_measure = t->unit_of_measure;
    i.aggregation = str(o, "aggregation");
    i.baseline = o.at("baseline").to_number<double>();
    i.notes = str(o, "notes");
    if (auto m = opt_str(o, "monitoring_unit")) i.monitoring_unit_id = L.units.at(*m);
    if (auto g = opt_str(o, "reporting_group")) i.reporting_group_id = L.groups.at(*g);
    if (auto it = o.find("level_targets"); it != o.end()) {
      for (const auto& lv : it->value().as_array()) {
        const auto& lo = lv.as_object();
        store::LevelTarget lt{
            str(lo, "level"), str(lo, "target_text"), domain::parse_target(str(lo, "target_text"))->value, {}};
        if (auto m = opt_str(lo, "monitoring_unit")) lt.monitoring_unit_id = L.units.at(*m);
        i.level_targets.push_back(lt);
      }
    }
    indicator_ids[{i.directive_id, i.code}] = store::insert_indicator(c, i, kPlanKnown);
  }
  for (const auto& v : root.at("tasks").as_array()) {
    const auto& o = v.as_object();
    store::Task t;
    t.directive_id = L.directives.at(str(o, "directive"));
    t.code = str(o, "code");
    t.name = str(o, "name");
    t.lead_text = str(o, "lead_text");
    t.coordinating_text = str(o, "coordinating_text");
    t.directing_leader = str(o, "directing_leader");
    t.output = str(o, "output");
    t.deadline_text = str(o, "deadline_text");
    t.field = str(o, "field");
    t.notes = str(o, "notes");
    const auto dl = domain::parse_deadline(t.deadline_text);
    t.deadline_kind = std::string(domain::to_string(dl.kind));
    if (dl.due) t.deadline_due = domain::iso(*dl.due);
    for (const auto& u : strs(o, "coordinating_units")) t.coordinator_ids.push_back(L.units.at(u));
    t.id = store::insert_task(c, t, kPlanKnown);
    std::vector<Id> direct;
    for (const auto& u : strs(o, "lead_units")) direct.push_back(L.units.at(u));
    store::assign_task(c, t, direct, std::nullopt, kPlanKnown);
    for (const auto& g : strs(o, "lead_groups")) {
      const Id gid = L.groups.at(g);
      store::assign_task(c, t, store::find_unit_group(c, gid)->member_ids, gid, kPlanKnown);
    }
  }
}

void load_users(Connection& c, const json::object& root, const Loaded& L) {
  const std::string hash = security::hash_password(kPassword);  // one hash: Argon2id is deliberately slow
  for (const auto& v : root.at("users").as_array()) {
    const auto& o = v.as_object();
    store::User u;
    u.username = str(o, "username");
    u.full_name = str(o, "full_name");
    u.role = str(o, "role");
    u.unit_id = L.units.at(str(o, "unit"));
    u.email = str(o, "email");
    u.password_hash = hash;
    const auto unit = store::find_unit(c, u.unit_id);
    if (auto problem = security::password_problem(kPassword, {u.username, u.full_name, unit ? unit->name : ""}))
      throw std::runtime_error("mật khẩu mẫu không hợp lệ cho " + u.username + ": " + *problem);
    store::insert_user(c, u, domain::iso(at_local(kToday, 0) - std::chrono::days{330}));
  }
}

// Where an assignment stands at the demo's today: its confirmation, and progress along the way.
struct Outcome {
  std::optional<Date> declared, confirmed;
  Date start;
  int final_progress = 0;  // at today, when not done
};

Outcome decide(const store::Assignment& a, Date plan_start, double d, std::mt19937& rng) {
  std::uniform_real_distribution<double> u(0, 1);
  Outcome o;
  o.start = plan_start;
  const auto due = a.original_due ? domain::parse_iso_date(*a.original_due) : std::nullopt;
  if (!due || a.deadline_kind == "recurring") {
    o.final_progress = std::min(95, static_cast<int>(30 + 60 * d));
    return o;
  }
  if (*due <= kToday) {
    const double r = u(rng);
    if (r < 0.55 + 0.4 * d) {
      const int early = static_cast<int>(u(rng) * 20);
      o.confirmed = std::max(add_days(*due, -early), add_days(plan_start, 10));
      if (*o.confirmed > *due) o.confirmed = *due;
    } else if (r < 0.85 + 0.1 * d) {
      o.confirmed = std::min(add_days(*due, 5 + static_cast<int>(u(rng) * 60)), add_days(kToday, -4));
    }
    if (o.confirmed) {
      o.declared = std::max(add_days(*o.confirmed, -1 - static_cast<int>(u(rng) * 6)), plan_start);
      return o;
    }
    o.final_progress = static_cast<int>(40 + 50 * u(rng));
    return o;
  }
  const double elapsed =
      static_cast<double>((kToday - plan_start).count()) / std::max(1L, static_cast<long>((*due - plan_start).count()));
  o.final_progress = std::clamp(static_cast<int>(100 * elapsed * (0.6 + 0.5 * d)), 5, 95);
  return o;
}

int progress_at(const Outcome& o, Date when) {
  const Date end = o.declared ? *o.declared : kToday;
  const int target = o.declared ? 100 : o.final_progress;
  if (when >= end) return target;
  if (when <= o.start) return 0;
  return static_cast<int>(target * static_cast<double>((when - o.start).count()) /
                          std::max(1L, static_cast<long>((end - o.start).count())));
}

void generate_reports(Connection& c, Loaded& L, const std::string& number, int first_month, int last_month,
                      std::mt19937& rng) {
  const Id directive = L.directives.at(number);
  const auto d = *store::find_directive(c, directive);
  const Date plan_start = *domain::parse_iso_date(*d.issued_on);
  domain::ReportingRule rule;
  domain::HolidayCalendar cal;
  std::uniform_real_distribution<double> u(0, 1);
  const std::vector<std::string> reasons{
      "Đề nghị bổ sung số liệu tử số, mẫu số của chỉ tiêu và minh chứng văn bản đã ban hành.",
      "Tiến độ nhiệm vụ chưa khớp với kết quả kỳ trước; đề nghị giải trình.", "Thiếu số, ngày văn bản kết quả đầu ra."};
  const std::vector<std::string> done_texts{
      "Đã ban hành văn bản triển khai và tổ chức quán triệt đến các đơn vị.",
      "Đã rà soát hiện trạng, xây dựng phương án và triển khai theo kế hoạch.",
      "Đang phối hợp với các đơn vị liên quan hoàn thiện hồ sơ, dự kiến hoàn thành đúng hạn.",
      "Tiếp tục triển khai thường xuyên, cập nhật số liệu hằng tháng."};

  store::AssignmentFilter f;
  f.directive_id = directive;
  std::map<Id, std::vector<store::Assignment>> by_unit;
  for (auto& a : store::list_assignments(c, f)) by_unit[a.unit_id].push_back(a);

  // Outcomes first, then the monthly story that leads to them.
  std::map<Id, Outcome> outcome;
  for (auto& [unit, list] : by_unit) {
    const double dil = diligence(L.unit_code[unit]);
    for (auto& a : list) {
      Outcome o = decide(a, plan_start, dil, rng);
      outcome[a.id] = o;
      if (o.confirmed)
        store::confirm_assignment(c, a.id, domain::iso(*o.confirmed), std::nullopt,
                                  domain::iso(at_local(*o.confirmed, 10)));
    }
  }
  auto indicators = store::list_indicators(c, store::IndicatorFilter{.directive_id = directive}, {1000, 0}, nullptr);
  std::map<Id, std::set<Id>> group_members;
  for (const auto& ind : indicators)
    if (ind.reporting_group_id) {
      auto g = store::find_unit_group(c, *ind.reporting_group_id);
      group_members[ind.id] = {g->member_ids.begin(), g->member_ids.end()};
    }
  const int demo_year = domain::year_of(plan_start) == 2025 ? 2025 : 2026;
  for (auto& [unit, list] : by_unit) {
    const std::string code = L.unit_code[unit];
    const double dil = diligence(code);
    const auto unit_row = *store::find_unit(c, unit);
    // Denominators stay put for a unit; numerators climb towards the target.
    std::mt19937 unit_rng(static_cast<unsigned>(std::hash<std::string>{}(code)));
    const double size = 40 + static_cast<int>(unit_rng() % 160);
    for (int month = first_month; month <= last_month; ++month) {
      // Months past 12 run on into the next year: a 2025 letter keeps being reported in 2026.
      const int m = (month - 1) % 12 + 1;
      const int year = demo_year + (month - 1) / 12;
      const domain::Period p{domain::PeriodType::monthly, year, m};
      const Date due = domain::report_due_date(rule, cal, p);
      if (unit_row.active_from && *unit_row.active_from > domain::iso(due)) continue;
      const bool november = year == 2026 && m == 11;
      // Who skips a month: the lagging units now and then, and this month those who have not yet sent.
      const bool skip = november ? (code == "P-HAIAN" || code == "P-LECHAN" || u(rng) > 0.55 + 0.5 * dil)
                                 : u(rng) < (dil < 0.15 ? 0.5 : 0.04 * (1 - dil));
      if (skip) continue;
      const bool late = u(rng) > 0.6 + 0.4 * dil;
      const Date day =
          late ? add_days(due, 1 + static_cast<int>(u(rng) * 7)) : add_days(due, -static_cast<int>(u(rng) * 12));
      if (day > add_days(kToday, -1)) continue;
      const domain::Instant submitted = at_local(day, 9 + static_cast<int>(u(rng) * 8));
      const domain::Window w = domain::data_window(rule, p);

      store::Report r;
      r.directive_id = directive;
      r.unit_id = unit;
      r.period = p.key();
      r.state = "draft";
      r.created_at = domain::iso(submitted - std::chrono::hours{30});
      r.id = store::insert_report(c, r);
      bool any = false;
      for (const auto& a : list) {
        const auto& o = outcome[a.id];
        if (o.confirmed && *o.confirmed < w.first) continue;
        store::ReportItem item;
        item.assignment_id = a.id;
        item.progress_percent = progress_at(o, w.last);
        item.work_done = done_texts[static_cast<size_t>(a.id + m) % done_texts.size()];
        if (o.declared && *o.declared <= w.last) item.declared_done_on = domain::iso(*o.declared);
        if (item.progress_percent < 60 && u(rng) < 0.15) {
          item.difficulties = "Thiếu kinh phí và nhân lực chuyên trách về chuyển đổi số.";
          item.proposals = "Đề nghị Sở Tài chính bố trí kinh phí bổ sung trong năm 2026.";
          item.exceeds_authority = u(rng) < 0.3;
        }
        store::save_report_item(c, r.id, item);
        any = true;
      }
      for (const auto& ind : indicators) {
        const bool reports =
            (ind.reporting_group_id && group_members[ind.id].contains(unit)) ||
            (ind.monitoring_unit_id && store::find_unit(c, *ind.monitoring_unit_id)->path.starts_with(unit_row.path));
        if (!reports) continue;
        store::IndicatorValue v;
        v.indicator_id = ind.id;
        v.unit_id = unit;
        v.period = p.key();
        v.report_id = r.id;
        v.updated_at = domain::iso(submitted);
        const double share = std::min(1.0, static_cast<double>(month) / 12.0);
        if (ind.aggregation == "ratio_of_sums") {
          const double rate =
              std::min(100.0, ind.baseline + (ind.target_value - ind.baseline) * share * (0.75 + 0.4 * dil));
          v.denominator = size;
          v.numerator = std::floor(size * rate / 100.0);
          v.value = 100.0 * *v.numerator / size;
          if (m >= 10) v.estimated_full_year = std::min(100.0, rate + 5 * dil);
        } else {
          v.value = u(rng) < 0.25 + 0.2 * dil ? 1 : 0;  // a product or a large problem, now and then
          if (m >= 10) v.estimated_full_year = std::round(ind.target_value * (0.6 + 0.5 * dil));
        }
        store::save_report_indicator_value(c, v);
      }
      if (!any) {
        store::discard_draft_report(c, r.id);
        continue;
      }
      r = *store::find_report(c, r.id);
      const int version = r.version;
      r.summary = "Báo cáo kết quả thực hiện tháng " + std::to_string(m) + "/" + std::to_string(year) + ".";
      r.first_submitted_at = domain::iso(submitted);
      r.submitted_at = r.first_submitted_at;
      r.state = "submitted";
      // The last months are still moving through review; older ones are settled.
      const double stage = u(rng);
      const bool recent = year == 2026 && m >= 10;
      const bool draft_only = recent && m == 10 && stage < 0.04;
      if (draft_only) {
        r.state = "draft";
        r.first_submitted_at.reset();
        r.submitted_at.reset();
      } else if (!recent || stage > 0.35) {
        r.approved_at = domain::iso(submitted + std::chrono::hours{20});
        r.state = "approved";
        if (!recent || stage > 0.55) {
          r.accepted_at = domain::iso(submitted + std::chrono::hours{70});
          r.state = "accepted";
        } else if (stage > 0.47) {
          r.returned_at = domain::iso(submitted + std::chrono::hours{50});
          r.return_reason = reasons[static_cast<size_t>(r.id) % reasons.size()];
          r.state = "returned";
        }
      }
      // Its steps one by one, so that the state history holds each state from its own moment (issue 12).
      int at_version = version;
      if (!draft_only) {
        store::Report step = r;
        step.approved_at.reset();
        step.accepted_at.reset();
        step.returned_at.reset();
        step.return_reason.clear();
        for (const auto& [state, at] : {std::pair{"submitted", r.submitted_at}, std::pair{"approved", r.approved_at}}) {
          if (!at || r.state == state) continue;
          step.state = state;
          if (step.state == "approved") step.approved_at = at;
          step.updated_at = *at;
          store::update_report(c, step, at_version++);
        }
      }
      r.updated_at = r.accepted_at    ? *r.accepted_at
                     : r.returned_at  ? *r.returned_at
                     : r.approved_at  ? *r.approved_at
                     : r.submitted_at ? *r.submitted_at
                                      : domain::iso(submitted + std::chrono::hours{70});
      store::update_report(c, r, at_version);
      // Only what was submitted counts: a draft's lines stay in the report.
      if (!draft_only) store::submit_report(c, r, domain::iso(submitted));
    }
  }
}

// October 2026 cases a new user sees at once: a pending extension request, an open overdue review, an
// unanswered explanation request, and a reminder already in the inbox. (A missing report is already there:
// Hải An and Lê Chân have not sent November's.)
void add_follow_up_cases(Connection& c, const Loaded& L) {
  const Id lanhdao = store::find_user_by_name(c, "lanhdao").value().id;
  const Id haian = store::find_user_by_name(c, "haian").value().id;
  const Id lechan = store::find_user_by_name(c, "lechan").value().id;
  if (auto a = store::first_open_assignment_due_after(c, L.units.at("P-HAIAN"), "2026-11-24")) {
    store::insert_extension(c, a->id, a->original_due, "2027-03-31",
                            "Chờ Sở Tài chính bố trí kinh phí mua sắm thiết bị (đề nghị ngày 28/10/2026)", haian,
                            "2026-10-28T02:00:00Z");
  }
  if (auto a = store::first_unextended_assignment_due_before(c, L.units.at("P-LECHAN"), "2026-11-24")) {
    store::insert_overdue_review(c, a->id, "Chưa bố trí được cán bộ chuyên trách chuyển đổi số", "Phường Lê Chân",
                                 "Phó Chủ tịch UBND phường phụ trách",
                                 "Điều động 01 công chức, ký hợp đồng hỗ trợ kỹ thuật", "2026-12-31",
                                 "Tháng 11: điều động cán bộ; tháng 12: hoàn thành", lechan, "2026-10-22T03:00:00Z");
    store::insert_explanation(
        c, L.units.at("P-LECHAN"), a->id, std::nullopt,
        "Đề nghị UBND phường Lê Chân giải trình nguyên nhân chậm tiến độ và cam kết thời hạn hoàn thành.", "2026-11-10",
        lanhdao, "2026-10-27T02:00:00Z");
  }
  store::insert_notification(
      c, haian, "demo:before_due:2026-11", "before_due", "Nhắc báo cáo tháng 11/2026 (27/QĐ-BCĐ): hạn 19/11/2026",
      "Còn 5 ngày đến hạn gửi báo cáo tiến độ tháng 11/2026.", "#/inbox", "2026-11-14T01:00:00Z");
}

// About 200 feedback items over 2026 (issue 15): every kind, channel and outcome, some answered late, some
// extended, some rated and some reopened, so that every state and figure of R17 shows. Contacts are made up
// and sealed like real ones; every fact is dated on or before the demo's today.
void add_feedback(Connection& c, const Loaded& L, const security::FeedbackSeal& seal) {
  std::mt19937 rng(15);
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  auto pick = [&](const auto& v) -> const auto& {
    return v[std::uniform_int_distribution<size_t>(0, v.size() - 1)(rng)];
  };
  auto between = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  struct Topic {
    const char* kind;
    const char* field;
    const char* title;
    const char* text;
    std::vector<std::string> units;  // who leads the answer
  };
  const std::vector<Topic> topics{
      {"phan_anh",
       "Dịch vụ công trực tuyến",
       "Nộp hồ sơ trực tuyến báo lỗi khi ký số",
       "Khi nộp hồ sơ đăng ký kinh doanh trên Cổng dịch vụ công, bước ký số báo lỗi kết nối nhiều lần",
       {"VPUBND", "SKHCN"}},
      {"phan_anh",
       "Dịch vụ công trực tuyến",
       "Hồ sơ quá hạn chưa có kết quả",
       "Hồ sơ cấp đổi giấy chứng nhận nộp trực tuyến đã quá hạn hẹn trả nhưng chưa có thông báo",
       {"P-LECHAN", "P-NGOQUYEN", "P-HAIAN"}},
      {"phan_anh",
       "Chuyển đổi số",
       "Điểm Wi-Fi công cộng không truy cập được",
       "Điểm Wi-Fi miễn phí tại nhà văn hóa khu dân cư không truy cập được đã hơn hai tuần",
       {"P-HAIAN", "P-HONGBANG", "P-GIAVIEN"}},
      {"phan_anh",
       "Đề án 06",
       "Chưa kích hoạt được tài khoản định danh mức 2",
       "Đã làm thủ tục tại công an phường nhưng tài khoản VNeID mức 2 vẫn chưa được kích hoạt",
       {"CATP", "P-LECHAN", "P-THUYNGUYEN"}},
      {"phan_anh",
       "Chuyển đổi số",
       "Ứng dụng công dân số thành phố chậm",
       "Ứng dụng công dân số của thành phố tải rất chậm vào giờ cao điểm, tra cứu hồ sơ thường bị lỗi",
       {"SKHCN"}},
      {"kien_nghi",
       "Dịch vụ công trực tuyến",
       "Đề nghị bỏ yêu cầu nộp bản giấy",
       "Đề nghị không yêu cầu nộp thêm bản giấy khi hồ sơ đã nộp trực tuyến có ký số",
       {"VPUBND", "STP"}},
      {"kien_nghi",
       "Chuyển đổi số",
       "Đề nghị hướng dẫn thanh toán không dùng tiền mặt ở chợ",
       "Đề nghị tổ chức hướng dẫn tiểu thương thanh toán không dùng tiền mặt tại chợ dân sinh",
       {"SCT", "P-HAIAN", "P-LECHAN"}},
      {"kien_nghi",
       "Khoa học, công nghệ",
       "Đề nghị công khai danh mục nhiệm vụ khoa học năm 2027",
       "Đề nghị công khai sớm danh mục đề xuất nhiệm vụ khoa học và công nghệ cấp thành phố năm 2027",
       {"SKHCN"}},
      {"kien_nghi",
       "Đổi mới sáng tạo",
       "Đề nghị hỗ trợ không gian làm việc chung cho khởi nghiệp",
       "Đề nghị thành phố bố trí không gian làm việc chung miễn phí cho nhóm khởi nghiệp sinh viên",
       {"SKHCN", "BQLKKT"}},
      {"kien_nghi",
       "Chuyển đổi số",
       "Đề nghị số hóa sổ hộ tịch cũ",
       "Đề nghị đẩy nhanh số hóa sổ hộ tịch cũ để người dân không phải xin trích lục bản giấy",
       {"STP", "P-NGOQUYEN"}},
      {"kien_nghi",
       "Đề án 06",
       "Đề nghị tích hợp bằng lái xe trên VNeID",
       "Đề nghị hướng dẫn tích hợp giấy phép lái xe trên VNeID cho người lớn tuổi",
       {"CATP"}},
      {"kien_nghi",
       "Khoa học, công nghệ",
       "Đề nghị đơn giản hóa hồ sơ thanh toán đề tài",
       "Đề nghị đơn giản hóa chứng từ thanh toán kinh phí đề tài khoa học theo cơ chế khoán",
       {"SKHCN", "STC"}},
      {"sang_kien",
       "Chuyển đổi số",
       "Sáng kiến bản đồ số điểm ngập úng",
       "Đề xuất xây dựng bản đồ số cập nhật điểm ngập úng theo thời gian thực từ phản ánh của người dân",
       {"SXD", "SKHCN"}},
      {"sang_kien",
       "Đổi mới sáng tạo",
       "Sáng kiến ngày hội sáng tạo học sinh",
       "Đề xuất tổ chức ngày hội sáng tạo học sinh trung học hằng năm gắn với doanh nghiệp",
       {"SGDDT", "SKHCN"}},
      {"sang_kien",
       "Dịch vụ công trực tuyến",
       "Sáng kiến nhắc hẹn trả kết quả qua Zalo",
       "Đề xuất gửi tin nhắn nhắc lịch hẹn trả kết quả hồ sơ qua Zalo thay cho tin nhắn SMS",
       {"VPUBND"}},
      {"giai_phap",
       "Chuyển đổi số",
       "Giải pháp cảm biến chất lượng không khí giá rẻ",
       "Nhóm nghiên cứu đề xuất mạng cảm biến chất lượng không khí giá rẻ cho các khu công nghiệp",
       {"SNNMT", "SKHCN"}},
      {"giai_phap",
       "Khoa học, công nghệ",
       "Giải pháp truy xuất nguồn gốc hải sản",
       "Doanh nghiệp đề xuất giải pháp truy xuất nguồn gốc hải sản bằng mã QR cho ngư dân",
       {"SNNMT", "SCT"}},
      {"giai_phap",
       "Đổi mới sáng tạo",
       "Giải pháp đào tạo kỹ năng số cho cán bộ cấp xã",
       "Trường đề xuất chương trình đào tạo kỹ năng số trực tuyến cho cán bộ cấp xã",
       {"SNV", "SGDDT"}},
      {"dat_hang",
       "Khoa học, công nghệ",
       "Đặt hàng nghiên cứu vật liệu chống ăn mòn cho cảng",
       "Doanh nghiệp cảng đề nghị đặt hàng nghiên cứu vật liệu chống ăn mòn cho kết cấu bến",
       {"SKHCN", "BQLKKT"}},
      {"dat_hang",
       "Chuyển đổi số",
       "Đặt hàng phần mềm quản lý hồ sơ bệnh án điện tử",
       "Bệnh viện đề nghị đặt hàng phát triển phần mềm bệnh án điện tử kết nối liên thông",
       {"SYT", "SKHCN"}},
      {"dat_hang",
       "Đổi mới sáng tạo",
       "Đặt hàng giải pháp logistics thông minh",
       "Hiệp hội doanh nghiệp đề xuất đặt hàng giải pháp điều phối xe container thông minh",
       {"BQLKKT", "SCT"}},
  };
  const std::vector<std::string> places{"tổ dân phố số 3",
                                        "khu dân cư Cát Bi",
                                        "thôn Đông",
                                        "khu phố Lạch Tray",
                                        "khu tái định cư Đằng Hải",
                                        "tổ dân phố số 12",
                                        "khu dân cư Vĩnh Niệm",
                                        "chợ Hàng",
                                        "khu công nghiệp Nam Đình Vũ",
                                        "thôn Tân Lập"};
  const std::vector<std::string> family{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô"};
  const std::vector<std::string> middle{"Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Ngọc", "Hải"};
  const std::vector<std::string> given{"An",  "Bình", "Cường", "Dung", "Hà",   "Hùng",
                                       "Lan", "Long", "Mai",   "Nam",  "Phúc", "Thảo"};
  const std::vector<std::string> companies{"Công ty CP Cảng Hải Phòng",    "Công ty TNHH Thủy sản Cát Hải",
                                           "Viện Nghiên cứu Hải sản",      "Trường Đại học Hàng hải Việt Nam",
                                           "Bệnh viện Hữu nghị Việt Tiệp", "Hiệp hội Doanh nghiệp thành phố"};
  const std::vector<std::string> forwards{"Bộ Khoa học và Công nghệ", "Bộ Công an",
                                          "Văn phòng Chính phủ (Cổng DVC quốc gia)", "Tổng công ty Điện lực miền Bắc"};
  const std::vector<std::string> unhappy{"Trả lời chưa nêu thời gian cụ thể", "Chưa giải quyết được việc tôi nêu",
                                         "Trả lời chung chung"};
  auto cal = domain::HolidayCalendar{};
  for (const auto& [day, name] : store::list_holidays(c)) cal.holidays.insert(*domain::parse_iso_date(day));
  const domain::FeedbackDeadlines deadlines;
  const Date first = domain::make_date(2026, 1, 5);
  const int span = static_cast<int>((kToday - first).count());
  std::vector<Id> earlier;
  for (int i = 0; i < 200; ++i) {
    const Topic& tp = pick(topics);
    const Date received = add_days(first, i * span / 200 + between(0, span / 200));
    if (received >= kToday) continue;
    const std::string lead_code = pick(tp.units);
    store::FeedbackItem f;
    f.kind = tp.kind;
    f.field = tp.field;
    const double ch = std::uniform_real_distribution<double>(0, 1)(rng);
    f.channel = ch < 0.55   ? "web"
                : ch < 0.7  ? "pakn"
                : ch < 0.8  ? "letter"
                : ch < 0.9  ? "phone"
                : ch < 0.96 ? "one_stop"
                            : "meeting";
    if (f.channel == "pakn") f.external_ref = "PAKN-HP-2026-" + std::to_string(10000 + i * 37);
    if (f.channel != "web" && f.channel != "pakn") f.received_unit_id = L.units.at(lead_code);
    const std::string place = pick(places);
    f.title = tp.title;
    f.body = std::string(tp.text) + " (" + place + ").";
    const bool business = f.kind == "giai_phap" || f.kind == "dat_hang";
    f.sender_type = business ? pick(std::vector<std::string>{"doanh_nghiep", "vien", "truong", "nha_khoa_hoc"})
                    : f.kind == "sang_kien"
                        ? pick(std::vector<std::string>{"nha_sang_tao", "nguoi_dan", "nha_khoa_hoc"})
                        : pick(std::vector<std::string>{"nguoi_dan", "nguoi_dan", "doanh_nghiep"});
    const std::string name = business ? pick(companies) : pick(family) + " " + pick(middle) + " " + pick(given);
    const std::string phone = "09" + std::to_string(12000000 + i * 4231);
    f.sender_name_sealed = seal.seal(name);
    f.contact_sealed = seal.seal(phone);
    f.contact_hash = seal.keyed_hash("contact", domain::normalize_contact(phone)->value);
    f.body_hash = seal.keyed_hash("text", f.title + "\n" + f.body);
    f.anonymous = chance(0.2);
    const auto at = at_local(received, between(7, 21));
    f.consent_at = f.received_at = domain::iso(at);
    f.received_on = domain::iso(received);
    f.rating_token_hash = store::sha256_hex(security::random_token());
    const auto due = domain::feedback_due(deadlines, cal, received);
    f.acknowledge_due = domain::iso(due.acknowledge);
    f.forward_due = domain::iso(due.forward);
    f.answer_due = domain::iso(due.answer);
    f.code = "PA-" + security::random_code(8);
    f.id = store::insert_feedback(c, f);
    const long long version = f.version;
    // Classified within 0–2 days (unless that is after today); outside competence for about one in six.
    const Date classified = add_days(received, between(0, 2));
    auto done = [&](Date d) { return d < kToday; };
    if (done(classified)) {
      f.classified_on = domain::iso(classified);
      const double o = std::uniform_real_distribution<double>(0, 1)(rng);
      if (o < 0.08) {
        f.state = "forwarded";
        f.forwarded_to = pick(forwards);
        f.outcome_reason = "Ngoài thẩm quyền của thành phố";
      } else if (o < 0.13) {
        f.state = "not_accepted";
        f.outcome_reason = "Nội dung không rõ, không có thông tin để xác minh";
      } else if (o < 0.16 && !earlier.empty()) {
        f.state = "merged";
        f.merged_into = pick(earlier);
      } else {
        f.state = "assigned";
        f.lead_unit_id = L.units.at(lead_code);
        Date answer_due = due.answer;
        if (chance(0.08)) {
          const Date on = add_days(received, 10);
          if (done(on)) {
            f.extended_on = domain::iso(on);
            f.extension_reason = "Cần khảo sát thực tế và lấy ý kiến các sở liên quan";
            answer_due = domain::extended_due(deadlines, cal, due.answer);
            f.extended_due = domain::iso(answer_due);
          }
        }
        // Most answers come in time; about one in seven comes late.
        const int days = chance(0.15) ? between(16, 30) : between(3, 15);
        const Date drafted = add_days(received, days - 1);
        const Date published = add_days(received, f.extended_on ? days + 8 : days);
        const std::string answer =
            std::string("Cảm ơn ông/bà đã góp ý. ") +
            (f.kind == std::string("dat_hang") || f.kind == std::string("giai_phap")
                 ? "Đề xuất đã được đưa vào danh mục xem xét đặt hàng năm 2027; đơn vị sẽ liên hệ để trao đổi chi tiết."
                 : "Đơn vị đã kiểm tra, chỉ đạo khắc phục và sẽ hoàn thành trong tháng tới.");
        if (done(drafted)) {
          f.state = "drafted";
          f.draft_answer = answer;
        }
        if (done(published) && f.draft_answer) {
          f.state = "published";
          f.public_answer = f.draft_answer;
          f.first_published_on = domain::iso(published);
          f.published_at = domain::iso(at_local(published, 15));
          const Date rated = add_days(published, between(1, 10));
          if (chance(0.5) && done(rated)) {
            const double r = std::uniform_real_distribution<double>(0, 1)(rng);
            f.rating = r < 0.5 ? "rat_hai_long" : r < 0.84 ? "hai_long" : "chua_hai_long";
            f.rated_on = domain::iso(rated);
            if (*f.rating == "chua_hai_long" && chance(0.7)) {
              f.rating_reason = pick(unhappy);
              f.state = "assigned";
              f.reopen_reason = f.rating_reason;
              f.reopened_on = f.rated_on;
              f.reopen_late = published > answer_due;
              const Date again = add_days(rated, between(3, 8));
              if (done(again)) {
                f.state = "published";
                f.public_answer =
                    "Bổ sung: đơn vị đã làm việc trực tiếp với người gửi và thống nhất lịch xử lý cụ thể.";
                f.published_at = domain::iso(at_local(again, 15));
              }
            }
          }
        }
      }
      store::update_feedback(c, f, version);
    }
    earlier.push_back(f.id);
  }
}

}  // namespace

void load_demo(store::Database& db, const std::string& dir, const security::FeedbackSeal& seal) {
  const auto units = read_json(dir + "/units.json").as_object();
  const auto plan = read_json(dir + "/plan.json").as_object();
  db.write([&](Connection& c) {
    if (store::root_unit(c))
      throw std::runtime_error("cơ sở dữ liệu đã có dữ liệu; dữ liệu mẫu chỉ nạp vào cơ sở dữ liệu trống");
    Loaded L;
    load_units(c, units, L);
    load_plan(c, plan, L);
    load_users(c, plan, L);
    std::mt19937 rng(20261124);
    generate_reports(c, L, "01-CTr/BCĐ", 2, 11, rng);
    generate_reports(c, L, "27/QĐ-BCĐ", 4, 11, rng);
    generate_reports(c, L, "2477/UBND-VHXXH", 6, 11, rng);
    generate_reports(c, L, "…/VP-VX (10/2025)", 11, 23, rng);
    // A milestone set for a roadmap task; so that every status appears on 24/11/2026: an extension that
    // brings a deadline within the week, work paused and cancelled by decision, and a task added in November
    // that no one has started.
    for (const Id a : store::unit_assignments_of_kind(c, L.units.at("CATP"), "roadmap"))
      store::set_effective_due(c, a, std::string("2026-12-31"), "2026-11-02T02:00:00Z");
    // Another unit's overdue work, so that Lê Chân keeps its own for the overdue review below.
    if (auto a = store::first_open_assignment_elsewhere_due_before(c, L.units.at("P-LECHAN"), "2026-11-01")) {
      store::set_effective_due(c, *a, std::string("2026-11-30"), "2026-10-25T02:00:00Z");
      store::insert_approved_extension(c, *a, "2026-11-30", "Chờ kinh phí bổ sung được phê duyệt",
                                       "2026-10-20T02:00:00Z", "2026-10-25T02:00:00Z");
    }
    {
      const auto open = store::open_unextended_assignments_due_before(c, "2026-11-01", 2);
      if (open.size() == 2) {
        store::set_assignment_decision(c, open[0], "paused", std::string("2026-09-15"), "2026-09-15T02:00:00Z");
        store::set_assignment_decision(c, open[1], "cancelled", std::string("2026-09-15"), "2026-09-15T02:00:00Z");
      }
    }
    {
      store::Task t;
      t.directive_id = L.directives.at("27/QĐ-BCĐ");
      t.code = "17";
      t.name = "Rà soát, cập nhật dữ liệu dân cư phục vụ cấp chữ ký số miễn phí cho người dân trên ứng dụng VNeID";
      t.lead_text = "UBND cấp xã";
      t.coordinating_text = "Công an thành phố";
      t.output = "Báo cáo kết quả";
      t.deadline_text = "Quý I/2027";
      const auto dl = domain::parse_deadline(t.deadline_text);
      t.deadline_kind = std::string(domain::to_string(dl.kind));
      t.deadline_due = domain::iso(*dl.due);
      t.field = "Đề án 06";
      t.notes = "Bổ sung theo chỉ đạo tháng 11/2026";
      t.coordinator_ids = {L.units.at("CATP")};
      t.id = store::insert_task(c, t, kPlanKnown);
      const Id group = L.groups.at("UBND_CAP_XA");
      store::assign_task(c, t, store::find_unit_group(c, group)->member_ids, group, kPlanKnown);
    }
    add_follow_up_cases(c, L);
    add_feedback(c, L, seal);
    store::append_audit(c, db.kind() == "postgresql",
                        store::AuditEntry{0, domain::iso(at_local(kToday, 0)), std::nullopt, "demo", "cli", "database",
                                          "demo", "load", "", "{\"source\":\"data/demo\"}", "", ""});
  });
  db.analyze();
  spdlog::info("demo data loaded");
}

}  // namespace tiendo::app
