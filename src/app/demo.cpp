#include "app/demo.h"

#include <spdlog/spdlog.h>

#include <algorithm>
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
#include "domain/st_task.h"
#include "security/feedback_seal.h"
#include "security/password.h"
#include "service/plan_import.h"
#include "store/demo_store.h"
#include "store/exchange_store.h"
#include "store/feedback_store.h"
#include "store/followup_store.h"
#include "store/plan_store.h"
#include "store/report_store.h"
#include "store/st_task_store.h"
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
      c, haian, "demo:before_due:2026-11",
      {"before_due", "Nhắc báo cáo tháng 11/2026 (27/QĐ-BCĐ): hạn 19/11/2026",
       "Còn 5 ngày đến hạn gửi báo cáo tiến độ tháng 11/2026.", "#/inbox",
       "Report reminder 11/2026 (27/QĐ-BCĐ): due 19/11/2026", "5 days left to send the progress report for 11/2026."},
      "2026-11-14T01:00:00Z");
}

// About 200 feedback items over 2026 (issue 15): every kind, channel and outcome, some answered late, some
// extended, some rated and some reopened, so that every state and figure of R17 shows. Contacts are made up
// and sealed like real ones; every fact is dated on or before the demo's today.
void add_feedback(Connection& c, const Loaded& L, const security::FeedbackSeal& seal) {
  std::mt19937 rng(15);
  // The adoption branch and the coordinating units draw from their own sequence, so the items above stay as
  // they were.
  std::mt19937 more(1534);
  auto maybe = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(more) < p; };
  // Two plan tasks that initiatives are adopted into: one on innovation, one on digital transformation.
  std::vector<Id> adopt_into;
  const auto tasks = store::list_tasks(c, {}, {100000, 0}, nullptr);
  for (const char* words : {"đổi mới sáng tạo", "chuyển đổi số"})
    for (const auto& t : tasks)
      if (t.name.find(words) != std::string::npos &&
          std::find(adopt_into.begin(), adopt_into.end(), t.id) == adopt_into.end()) {
        adopt_into.push_back(t.id);
        break;
      }
  for (size_t i = 0; adopt_into.size() < 2 && i < tasks.size(); ++i)
    if (std::find(adopt_into.begin(), adopt_into.end(), tasks[i].id) == adopt_into.end())
      adopt_into.push_back(tasks[i].id);
  size_t adopted = 0;
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
    f.owed_by = f.answer_due;
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
        // About one in ten first goes to another unit of the topic and is reassigned a few days later: the
        // figures of a date in between group it under the first.
        const std::string first_code = pick(tp.units);
        if (first_code != lead_code && chance(0.3) && done(add_days(classified, 4))) {
          store::insert_feedback_lead(c, {f.id,
                                          L.units.at(first_code),
                                          f.classified_on.value(),
                                          domain::iso(at_local(classified, 9)),
                                          std::nullopt,
                                          {},
                                          {}});
          store::insert_feedback_lead(c, {f.id,
                                          *f.lead_unit_id,
                                          domain::iso(add_days(classified, 4)),
                                          domain::iso(at_local(add_days(classified, 4), 9)),
                                          std::nullopt,
                                          {},
                                          {}});
        } else {
          store::insert_feedback_lead(c, {f.id,
                                          *f.lead_unit_id,
                                          f.classified_on.value(),
                                          domain::iso(at_local(classified, 9)),
                                          std::nullopt,
                                          {},
                                          {}});
        }
        // Moderated on classification: the public version hides the contacts the sender typed, and shows the
        // name only of those who did not ask to stay anonymous and are organisations.
        f.public_title = f.title;
        f.public_text = domain::redact_contacts(f.body);
        f.public_anonymous = f.anonymous || !business;
        f.moderated_on = f.classified_on;
        Date answer_due = due.answer;
        if (chance(0.08)) {
          const Date on = add_days(received, 10);
          if (done(on)) {
            f.extended_on = domain::iso(on);
            f.extension_reason = "Cần khảo sát thực tế và lấy ý kiến các sở liên quan";
            answer_due = domain::extended_due(deadlines, cal, due.answer);
            f.extended_due = domain::iso(answer_due);
            f.owed_by = *f.extended_due;
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
          store::insert_feedback_answer(c, {0, f.id, answer, *f.first_published_on, *f.published_at, std::nullopt});
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
              f.owed_by = domain::iso(domain::feedback_due(deadlines, cal, rated).answer);
              const Date again = add_days(rated, between(3, 8));
              if (done(again)) {
                f.state = "published";
                f.public_answer =
                    "Bổ sung: đơn vị đã làm việc trực tiếp với người gửi và thống nhất lịch xử lý cụ thể.";
                f.published_at = domain::iso(at_local(again, 15));
                store::insert_feedback_answer(
                    c, {0, f.id, *f.public_answer, domain::iso(again), *f.published_at, std::nullopt});
              }
            }
          }
        }
      }
      if (f.lead_unit_id) {
        // Initiatives, solutions and orders taken up: about half are proposed for adoption a week after their
        // classification and decided a fortnight later — the first two adopted into plan tasks, about a third of
        // the others not adopted, the rest still waiting for the decision.
        const bool initiative = f.kind == "sang_kien" || f.kind == "giai_phap" || f.kind == "dat_hang";
        const Date proposed = add_days(classified, 7), decided = add_days(classified, 21);
        if (initiative && maybe(0.5) && done(proposed)) {
          f.adoption = "proposed";
          f.proposed_on = domain::iso(proposed);
          f.adoption_reason = "Khả thi, chi phí phù hợp; đề nghị đưa vào kế hoạch của thành phố";
          if (done(decided) && adopted < adopt_into.size()) {
            f.adoption = "adopted";
            f.adoption_decided_on = domain::iso(decided);
            f.adopted_task_id = adopt_into[adopted++];
            f.adoption_reason = "Đưa vào nhiệm vụ của kế hoạch năm 2026";
            store::link_feedback_task(c, f.id, *f.adopted_task_id, std::nullopt, domain::iso(at_local(decided, 10)));
          } else if (done(decided) && maybe(0.35)) {
            f.adoption = "not_adopted";
            f.adoption_decided_on = domain::iso(decided);
            f.adoption_reason = "Trùng nội dung với nhiệm vụ đang thực hiện";
          }
        }
        // About one item in five has a coordinating unit: another unit of its topic.
        std::vector<Id> coordinating;
        for (const auto& code : tp.units)
          if (code != lead_code && L.units.count(code) && maybe(0.4)) coordinating.push_back(L.units.at(code));
        if (!coordinating.empty())
          store::set_feedback_coordinators(c, f.id, coordinating, std::nullopt, *f.classified_on);
      }
      store::update_feedback(c, f, version);
    }
    earlier.push_back(f.id);
  }
}

// Issue 16: about forty S&T tasks of the city at every stage of their life, hosted by institutes,
// universities and companies under their own root. Some wait for a contract too long, some are past their
// end with no acceptance dossier, one was extended, one failed its council, some have their next advance
// blocked because the earlier one is not half settled, and the hosts' officers (vmu, dhhp, hpmu, vtnmtb, of
// the host role) see their own tasks only.
using domain::StStage;
const char* const kInvestigators[] = {"Nguyễn Văn Thành", "Trần Thị Mai",   "Lê Quốc Huy",   "Phạm Đức Long",
                                      "Vũ Thị Hương",     "Đặng Minh Khoa", "Bùi Thanh Sơn", "Hoàng Thị Yến"};

struct StDemoTask {
  const char* title;
  const char* host;
  const char* sector;
  StStage stage;
  const char* twist;  // "" | late_record | no_update | late_contract | past_end | blocked | extended | failed |
                      // not_registered | no_inspection
};

void add_st_tasks(Connection& c, Loaded& L) {
  struct HostUnit {
    const char* code;
    const char* name;
    const char* parent;
  };
  const HostUnit hosts[] = {
      {"TCCT", "Tổ chức chủ trì nhiệm vụ KH&CN", nullptr},
      {"VMU", "Trường Đại học Hàng hải Việt Nam", "TCCT"},
      {"VMU-VKHHH", "Viện Khoa học và Công nghệ hàng hải (Trường Đại học Hàng hải Việt Nam)", "VMU"},
      {"DH-HP", "Trường Đại học Hải Phòng", "TCCT"},
      {"HPMU", "Trường Đại học Y Dược Hải Phòng", "TCCT"},
      {"VTNMTB", "Viện Tài nguyên và Môi trường biển", "TCCT"},
      {"VNCHS", "Viện Nghiên cứu Hải sản", "TCCT"},
      {"BVVT", "Bệnh viện Hữu nghị Việt Tiệp", "TCCT"},
      {"TTUDKHCN", "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ Hải Phòng", "TCCT"},
      {"NTTP", "Công ty Cổ phần Nhựa Thiếu niên Tiền Phong", "TCCT"},
  };
  for (const auto& h : hosts) {
    store::Unit u;
    u.code = h.code;
    u.name = h.name;
    u.short_name = h.code;
    u.kind = std::string(h.parent ? domain::kHostOrgKind : domain::kHostRootKind);
    u.peer_group = "other";
    if (h.parent) u.parent_id = L.units.at(h.parent);
    L.units[u.code] = store::insert_unit(c, u, kPlanKnown);
  }
  // One officer of the host role for a few hosts: each sees and updates only its organisation's tasks (the
  // university's officer those of its institute too).
  const struct {
    const char* username;
    const char* full_name;
    const char* unit;
  } host_users[] = {
      {"vmu", "Trần Văn Hải (Trường Đại học Hàng hải Việt Nam)", "VMU"},
      {"dhhp", "Nguyễn Thị Thu (Trường Đại học Hải Phòng)", "DH-HP"},
      {"hpmu", "Phạm Minh Đức (Trường Đại học Y Dược Hải Phòng)", "HPMU"},
      {"vtnmtb", "Lê Thị Ngọc (Viện Tài nguyên và Môi trường biển)", "VTNMTB"},
  };
  const std::string hash = security::hash_password(kPassword);  // one hash: Argon2id is deliberately slow
  for (const auto& h : host_users) {
    store::User u;
    u.username = h.username;
    u.full_name = h.full_name;
    u.role = std::string(domain::kHostRole);
    u.unit_id = L.units.at(h.unit);
    u.email = std::string(h.username) + "@demo.tiendo.vn";
    u.password_hash = hash;
    store::insert_user(c, u, domain::iso(at_local(kToday, 0) - std::chrono::days{200}));
  }
  using S = StStage;
  const StDemoTask tasks[] = {
      {"Nghiên cứu ứng dụng trí tuệ nhân tạo dự báo ùn tắc giao thông khu vực cảng Lạch Huyện", "VMU", "Giao thông",
       S::thuc_hien, "extended"},
      {"Xây dựng hệ thống giám sát tàu thuyền ra vào luồng Hải Phòng bằng dữ liệu AIS", "VMU-VKHHH", "Hàng hải",
       S::thuc_hien, "blocked"},
      {"Nghiên cứu giải pháp chống xâm nhập mặn cho vùng lúa Tiên Lãng, Vĩnh Bảo", "DH-HP", "Nông nghiệp", S::thuc_hien,
       "past_end"},
      {"Đánh giá sức tải môi trường vịnh Lan Hạ phục vụ phát triển du lịch bền vững", "VTNMTB", "Môi trường",
       S::thuc_hien, ""},
      {"Xây dựng mô hình nuôi hàu Thái Bình Dương trên bè tại Cát Bà", "VNCHS", "Thủy sản", S::thuc_hien, "no_update"},
      {"Ứng dụng kỹ thuật can thiệp nội mạch điều trị đột quỵ não cấp tại Hải Phòng", "BVVT", "Y tế", S::thuc_hien,
       "blocked"},
      {"Nghiên cứu tỷ lệ kháng kháng sinh của vi khuẩn gây viêm phổi bệnh viện", "HPMU", "Y tế", S::thuc_hien,
       "late_record"},
      {"Chế tạo ống nhựa HDPE gân xoắn đường kính lớn thay thế hàng nhập khẩu", "NTTP", "Công nghiệp", S::thuc_hien,
       "past_end"},
      {"Số hóa và xây dựng bản đồ số di tích lịch sử - văn hóa thành phố Hải Phòng", "DH-HP", "Văn hóa", S::thuc_hien,
       "no_inspection"},
      {"Phát triển chế phẩm vi sinh xử lý phụ phẩm nông nghiệp làm phân bón hữu cơ", "TTUDKHCN", "Nông nghiệp",
       S::thuc_hien, ""},
      {"Nghiên cứu thiết kế tàu cá vỏ composite cho ngư dân Hải Phòng", "VMU", "Hàng hải", S::thuc_hien, "blocked"},
      {"Đánh giá rủi ro sạt lở bờ biển Đồ Sơn và đề xuất giải pháp công trình mềm", "VTNMTB", "Môi trường", S::hop_dong,
       ""},
      {"Xây dựng cơ sở dữ liệu giống cây trồng bản địa huyện Thủy Nguyên", "TTUDKHCN", "Nông nghiệp", S::hop_dong, ""},
      {"Nghiên cứu mô hình chính quyền số cấp xã sau sắp xếp đơn vị hành chính", "DH-HP", "Chuyển đổi số", S::phe_duyet,
       "late_contract"},
      {"Ứng dụng IoT giám sát chất lượng nước nuôi trồng thủy sản tại Kiến Thụy", "VNCHS", "Thủy sản", S::phe_duyet,
       ""},
      {"Nghiên cứu sàng lọc ung thư đại trực tràng bằng xét nghiệm miễn dịch phân", "HPMU", "Y tế", S::phe_duyet, ""},
      {"Phát triển vật liệu cách nhiệt từ tro xỉ nhiệt điện Hải Phòng", "NTTP", "Vật liệu", S::xet_chon, ""},
      {"Nghiên cứu giải pháp điều phối xe container tại cụm cảng Đình Vũ", "VMU", "Logistics", S::xet_chon, ""},
      {"Đánh giá hiệu quả mô hình hợp tác xã nông nghiệp công nghệ cao", "DH-HP", "Nông nghiệp", S::xet_chon, ""},
      {"Nghiên cứu phục hồi rạn san hô khu vực Long Châu", "VTNMTB", "Môi trường", S::thong_bao, ""},
      {"Phát triển nền tảng học liệu số cho giáo dục nghề nghiệp thành phố", "DH-HP", "Giáo dục", S::thong_bao, ""},
      {"Ứng dụng robot phẫu thuật trong điều trị ung thư tiền liệt tuyến", "BVVT", "Y tế", S::giao_truc_tiep, ""},
      {"Giải pháp giảm phát thải khí nhà kính cho khu công nghiệp Nam Đình Vũ", "VMU-VKHHH", "Năng lượng", S::xac_dinh,
       ""},
      {"Nghiên cứu thương hiệu nước mắm truyền thống Cát Hải", "TTUDKHCN", "Thương mại", S::xac_dinh, ""},
      {"Bài toán: dự báo ngập úng đô thị nội thành khi triều cường kết hợp mưa lớn", "VTNMTB", "Đô thị", S::de_xuat,
       ""},
      {"Bài toán: truy xuất nguồn gốc nông sản chủ lực trên nền tảng số", "TTUDKHCN", "Nông nghiệp", S::de_xuat, ""},
      {"Xây dựng quy trình nhân giống hoa lan Hồ điệp bằng nuôi cấy mô", "TTUDKHCN", "Nông nghiệp", S::nop_nghiem_thu,
       ""},
      {"Nghiên cứu đặc điểm dịch tễ sốt xuất huyết tại Hải Phòng giai đoạn 2020-2024", "HPMU", "Y tế",
       S::nop_nghiem_thu, ""},
      {"Thiết kế hệ thống quan trắc khí thải tàu biển tại cảng Hải Phòng", "VMU", "Môi trường", S::danh_gia, ""},
      {"Ứng dụng công nghệ in 3D trong chế tạo khuôn mẫu nhựa kỹ thuật", "NTTP", "Công nghiệp", S::danh_gia, ""},
      {"Nghiên cứu nuôi thương phẩm cá song chấm nâu trong lồng HDPE", "VNCHS", "Thủy sản", S::cong_nhan,
       "not_registered"},
      {"Xây dựng bộ chỉ số đánh giá chuyển đổi số cấp xã của thành phố", "DH-HP", "Chuyển đổi số", S::cong_nhan, ""},
      {"Ứng dụng kỹ thuật ghép thận từ người cho sống tại Bệnh viện Việt Tiệp", "BVVT", "Y tế", S::dang_ky_kq, ""},
      {"Nghiên cứu giải pháp tiết kiệm năng lượng cho tòa nhà công sở", "VMU-VKHHH", "Năng lượng", S::dang_ky_kq, ""},
      {"Chọn tạo giống lúa chất lượng cao chịu mặn cho vùng ven biển", "TTUDKHCN", "Nông nghiệp", S::quyet_toan, ""},
      {"Mô hình quản lý rác thải nhựa đại dương tại đảo Cát Bà", "VTNMTB", "Môi trường", S::quyet_toan, ""},
      {"Phát triển phần mềm quản lý hồ sơ bệnh án điện tử dùng chung", "HPMU", "Y tế", S::sau_nghiem_thu, ""},
      {"Nghiên cứu chế tạo thiết bị phao cứu sinh thông minh định vị vệ tinh", "VMU", "Hàng hải", S::khong_dat,
       "failed"},
      {"Xây dựng mô hình du lịch cộng đồng tại xã Việt Hải", "DH-HP", "Du lịch", S::cham_dut, ""},
      {"Khảo sát tiềm năng điện gió ngoài khơi vùng biển Bạch Long Vĩ", "VTNMTB", "Năng lượng", S::huy, ""},
  };
  // Days from one stage's document to the next one's, in the order of the machine.
  const std::map<S, int> gap{
      {S::xac_dinh, 40},   {S::thong_bao, 30},  {S::giao_truc_tiep, 30}, {S::xet_chon, 45}, {S::phe_duyet, 40},
      {S::hop_dong, 20},   {S::thuc_hien, 10},  {S::nop_nghiem_thu, 20}, {S::danh_gia, 35}, {S::cong_nhan, 15},
      {S::dang_ky_kq, 20}, {S::quyet_toan, 40}, {S::sau_nghiem_thu, 150}};
  std::mt19937 rng(20261601);
  auto between = [&](int a, int b) { return std::uniform_int_distribution<int>(a, b)(rng); };
  const char* signers[][2] = {{"Nguyễn Văn Hùng", "Giám đốc Sở Khoa học và Công nghệ"},
                              {"Phạm Thị Lan", "Phó Giám đốc Sở Khoa học và Công nghệ"},
                              {"Lê Minh Tuấn", "Chủ tịch Hội đồng tư vấn"},
                              {"Đỗ Quang Vinh", "Phó Chủ tịch UBND thành phố"}};
  const Id managing = L.units.at("SKHCN");
  int n = 0;
  for (const auto& d : tasks) {
    ++n;
    const std::string twist = d.twist;
    const bool direct = d.stage == S::giao_truc_tiep || (n % 5 == 0 && d.stage != S::thong_bao);
    std::vector<S> path{S::de_xuat,       S::xac_dinh,       direct ? S::giao_truc_tiep : S::thong_bao,
                        S::xet_chon,      S::phe_duyet,      S::hop_dong,
                        S::thuc_hien,     S::nop_nghiem_thu, S::danh_gia,
                        S::cong_nhan,     S::dang_ky_kq,     S::quyet_toan,
                        S::sau_nghiem_thu};
    // An exit leaves the path where it happened: cancelled before approval, terminated in execution, failed at
    // the council.
    std::optional<S> exit_from;
    if (d.stage == S::huy) exit_from = S::xet_chon;
    if (d.stage == S::cham_dut) exit_from = S::thuc_hien;
    if (d.stage == S::khong_dat) exit_from = S::danh_gia;
    const S last = exit_from.value_or(d.stage);
    path.resize(static_cast<size_t>(std::find(path.begin(), path.end(), last) - path.begin()) + 1);
    if (exit_from) path.push_back(d.stage);
    // Execution lasts 12–24 months; the dates are laid back from the demo's today so the last step is recent
    // (or, for the late cases, old enough to be late).
    const int months = 12 + 6 * between(0, 2);
    std::vector<int> offsets{0};
    for (size_t i = 1; i < path.size(); ++i) {
      int g = gap.count(path[i]) ? gap.at(path[i]) : 30;
      if (path[i] == S::nop_nghiem_thu) g += months * 30;
      if (path[i] == S::cham_dut) g = 200;
      if (path[i] == S::khong_dat) g = 10;
      if (path[i] == S::huy) g = 25;
      offsets.push_back(offsets.back() + g + between(-5, 5));
    }
    int tail = between(5, 40);
    if (d.stage == S::thuc_hien)
      tail = twist == "past_end" ? months * 30 + 80 : between(twist == "blocked" ? 200 : 60, months * 30 - 60);
    if (twist == "extended") tail = months * 30 - 20;
    if (twist == "late_contract") tail = 70;
    if (twist == "not_registered") tail = 60;
    if (twist == "no_inspection") tail = 400;
    const Date first = kToday - std::chrono::days{offsets.back() + tail};
    store::StTask t;
    char code[32];
    std::snprintf(code, sizeof code, "ĐTHP.%02d/%02d", n, domain::year_of(first) % 100);
    t.code = code;
    t.title = d.title;
    t.level = "tinh";
    t.kind = std::string(d.title).starts_with("Xây dựng mô hình") ? "du_an_sxtn" : "de_tai";
    t.mode = direct ? "giao_truc_tiep" : (n % 3 == 0 ? "xet_tai_tro" : "dat_hang");
    // The ordered tasks (and every fourth other) answer their sector's big problem, so that the problem pipeline
    // shows problems with ordered tasks and some proposed without.
    t.problem = t.mode == "dat_hang" || n % 4 == 0 ? "Bài toán lớn của thành phố về " + std::string(d.sector) : "";
    t.sector = d.sector;
    t.host_unit_id = L.units.at(d.host);
    t.principal_investigator = std::string(n % 2 ? "PGS.TS. " : "TS. ") + kInvestigators[n % 8];
    t.managing_unit_id = managing;
    t.budget_nsnn = 300'000'000LL + 50'000'000LL * between(0, 30);
    t.budget_other = n % 3 == 0 ? 100'000'000LL * between(1, 5) : 0;
    t.uptake_plan = "Chuyển giao kết quả cho " + std::string(n % 2 ? "các sở, ngành và UBND cấp xã" : "doanh nghiệp") +
                    " ứng dụng; theo dõi hiệu quả 3 năm sau nghiệm thu.";
    t.ip_plan = n % 3 == 0 ? "Đăng ký giải pháp hữu ích tại Cục Sở hữu trí tuệ" : "";
    t.summary = "Nhiệm vụ cấp thành phố thuộc lĩnh vực " + std::string(d.sector) + ".";
    t.products = {{"Báo cáo tổng hợp kết quả nghiên cứu", "Báo cáo", 1, "Được hội đồng đánh giá đạt trở lên"},
                  {n % 2 ? "Quy trình công nghệ" : "Phần mềm, cơ sở dữ liệu", n % 2 ? "Quy trình" : "Phần mềm", 1,
                   "Được cơ quan tiếp nhận áp dụng thử"},
                  {"Bài báo khoa học", "Bài báo", 2, "Đăng trên tạp chí trong nước có chỉ số"}};
    const auto idx = [&](S s) {
      const auto it = std::find(path.begin(), path.end(), s);
      return it == path.end() ? -1 : static_cast<int>(it - path.begin());
    };
    const Date contract = idx(S::hop_dong) >= 0 ? first + std::chrono::days{offsets[idx(S::hop_dong)]} : first;
    if (idx(S::hop_dong) >= 0) {
      const Date start = contract + std::chrono::days{10};
      t.start_date = domain::iso(start);
      t.end_date = domain::iso(domain::add_months_clamped(start, months) - std::chrono::days{1});
      for (int y = domain::year_of(start); y <= domain::year_of(*domain::parse_iso_date(*t.end_date)); ++y)
        t.years.push_back({y, t.budget_nsnn / (months / 12 + 1)});
    }
    if (idx(S::phe_duyet) >= 0 && n % 6 != 1) {
      t.national_code = "KHCN.HP." + std::to_string(2000 + n);
      t.national_code_on = domain::iso(first + std::chrono::days{offsets[idx(S::phe_duyet)] + 3});
    }
    t.stage = std::string(domain::to_string(d.stage));
    t.created_at = domain::iso(at_local(first, 9));
    t.id = store::insert_st_task(c, t);
    const std::string number_suffix = "/QĐ-SKHCN";
    auto event = [&](const std::string& kind, Date doc, int record_after) {
      store::StEvent e;
      e.task_id = t.id;
      e.kind = kind;
      e.doc_number = std::to_string(between(100, 2900)) + number_suffix;
      e.doc_date = domain::iso(doc);
      const auto& s = signers[between(0, 3)];
      e.signer_name = s[0];
      e.signer_position = s[1];
      const Date rec = std::min(doc + std::chrono::days{record_after}, kToday);
      e.recorded_at = domain::iso(at_local(rec, 10));
      e.recorded_on = domain::iso(rec);
      return e;
    };
    std::optional<std::string> previous;
    for (size_t i = 0; i < path.size(); ++i) {
      const Date doc = first + std::chrono::days{offsets[i]};
      // One task's contract was keyed in two weeks after it was signed (late for "theo dõi toàn trình").
      auto e = event("stage", doc, twist == "late_record" && path[i] == S::hop_dong ? 14 : between(0, 3));
      e.from_stage = previous;
      e.to_stage = std::string(domain::to_string(path[i]));
      if (path[i] == S::danh_gia) {
        const bool fail = twist == "failed";
        e.votes_xuat_sac = fail ? 0 : between(2, 7);
        e.votes_dat = fail ? 3 : 7 - *e.votes_xuat_sac;
        e.votes_khong_dat = fail ? 4 : 0;
        const domain::StVotes v{static_cast<int>(*e.votes_xuat_sac), static_cast<int>(*e.votes_dat),
                                static_cast<int>(*e.votes_khong_dat)};
        e.rating = std::string(domain::to_string(*domain::council_rating(domain::StRules{}, v)));
      }
      if (path[i] == S::nop_nghiem_thu) e.signer_position = "Thủ trưởng tổ chức chủ trì";
      store::insert_st_event(c, e);
      previous = e.to_stage;
      // Execution: the first advance after the contract, settlements and a next advance where the rule lets
      // it, a yearly inspection, the extension.
      if (path[i] == S::thuc_hien) {
        const Date next_stage = i + 1 < path.size() ? first + std::chrono::days{offsets[i + 1]} : kToday;
        auto adv = event("tam_ung", doc + std::chrono::days{5}, 2);
        adv.amount = t.budget_nsnn * 4 / 10;
        store::insert_st_event(c, adv);
        const Date mid = doc + (next_stage - doc) / 2;
        if (mid > doc + std::chrono::days{60}) {
          auto pay = event("thanh_toan", mid, 3);
          pay.amount = twist == "blocked" ? adv.amount / 4 : adv.amount * 7 / 10;
          store::insert_st_event(c, pay);
          if (twist != "blocked") {
            auto adv2 = event("tam_ung", mid + std::chrono::days{10}, 2);
            adv2.amount = t.budget_nsnn * 3 / 10;
            store::insert_st_event(c, adv2);
          }
        }
        if (twist != "no_inspection" && next_stage - doc > std::chrono::days{200}) {
          auto insp = event("kiem_tra", doc + std::chrono::days{180}, 2);
          insp.note = "Kiểm tra định kỳ: đúng tiến độ đăng ký";
          store::insert_st_event(c, insp);
        }
        if (twist == "extended") {
          auto ext = event("gia_han", *domain::parse_iso_date(*t.end_date) - std::chrono::days{50}, 2);
          ext.requested_on = domain::iso(*domain::parse_iso_date(*t.end_date) - std::chrono::days{70});
          ext.new_end = domain::iso(domain::add_months_clamped(*domain::parse_iso_date(*t.end_date), 6));
          ext.note = "Gia hạn do thiết bị nhập khẩu về chậm";
          store::insert_st_event(c, ext);
        }
      }
    }
    // The standing agency's estimate for 2026 of each task contracted for that year, entered in January (or at
    // the contract); every fourth one cut by a third in July when the city adjusted its estimates.
    for (const auto& y : t.years) {
      if (y.year != 2026) continue;
      const Date entered = std::max(domain::make_date(2026, 1, 15), contract);
      if (entered > kToday) continue;
      store::StEstimate e;
      e.task_id = t.id;
      e.year = 2026;
      e.amount = y.budget_nsnn;
      e.entered_on = domain::iso(entered);
      e.entered_at = domain::iso(at_local(entered, 9));
      store::insert_st_estimate(c, e);
      if (n % 4 == 0 && entered < domain::make_date(2026, 7, 10)) {
        e.amount = y.budget_nsnn * 2 / 3;
        e.entered_on = "2026-07-10";
        e.entered_at = domain::iso(at_local(domain::make_date(2026, 7, 10), 9));
        store::insert_st_estimate(c, e);
      }
    }
    // Monthly updates from the contract's start until the dossier (or today), in time but for the task that
    // stopped reporting three months ago.
    if (idx(S::hop_dong) >= 0) {
      const Date start = *domain::parse_iso_date(*t.start_date);
      const Date stop = idx(S::nop_nghiem_thu) >= 0 ? first + std::chrono::days{offsets[idx(S::nop_nghiem_thu)]}
                        : d.stage == S::cham_dut    ? first + std::chrono::days{offsets.back()}
                                                    : kToday;
      int y = domain::year_of(start);
      unsigned m = domain::month_of(start);
      int k = 0;
      for (;;) {
        const Date due = domain::last_day_of_month(y, m) + std::chrono::days{5};
        if (due >= stop || due >= kToday) break;
        ++k;
        if (!(twist == "no_update" && due > kToday - std::chrono::days{100})) {
          store::StUpdate u;
          u.task_id = t.id;
          u.year = y;
          u.month = static_cast<int>(m);
          u.progress_percent = std::min(100.0, 100.0 * k / months);
          u.spent_to_date = t.budget_nsnn * std::min(k, months) / months * 8 / 10;
          u.products_delivered = k > months / 2 ? "Báo cáo chuyên đề 1-3; dữ liệu khảo sát" : "Báo cáo chuyên đề 1";
          u.problems = twist == "blocked" && k > 3 ? "Chờ tạm ứng đợt 2; hồ sơ thanh toán đang hoàn thiện" : "";
          const Date rec = domain::last_day_of_month(y, m) + std::chrono::days{between(1, 5)};
          u.recorded_at = domain::iso(at_local(rec, 15));
          u.recorded_on = domain::iso(rec);
          store::insert_st_update(c, u);
        }
        if (++m > 12) {
          m = 1;
          ++y;
        }
      }
    }
  }
}

// Issue 18: a program from above with its upstream codes, and the city tasks that implement its tasks, so the
// roll-up page shows figures. The Government steering committee's 2026 plan (11/QĐ-BCĐCP) is what the city's
// 27/QĐ-BCĐ implements (its tasks say so); its appendix here is invented, and so are the tracking system and its
// codes: the file, each task's note and the system's note say so. Imported through the plan import, as a clerk
// would, on the day after the city's plan was issued; linked a week later.
void add_upstream_program(Connection& c, const Loaded& L, const std::string& dir) {
  const std::string system = "nhiemvu.bcdcp";
  store::insert_external_system(
      c, {system, "Hệ thống theo dõi nhiệm vụ của Ban Chỉ đạo Chính phủ (giả định)",
          "Dữ liệu minh hoạ: hệ thống và mã nhiệm vụ là giả định, chưa đối chiếu với hệ thống thật", kPlanKnown});
  const std::string file = "upstream-11-QD-BCDCP.csv";
  std::ifstream in(dir + "/" + file, std::ios::binary);
  if (!in) throw std::runtime_error("không đọc được " + dir + "/" + file);
  const std::string bytes((std::istreambuf_iterator<char>(in)), {});
  std::string kind;
  const auto plan = service::read_import_file(file, bytes, kind);
  const std::string imported = domain::iso(at_local(domain::make_date(2026, 3, 16), 9));
  store::PlanImport imp{0,         L.directives.at("11/QĐ-BCĐCP"),
                        file,      kind,
                        "preview", json::serialize(service::plan_to_json(plan)),
                        "{}",      0,
                        imported,  std::nullopt,
                        system};
  imp.id = store::insert_plan_import(c, imp);
  service::confirm_import(c, imp, 0, imported);
  std::map<std::string, Id> upstream;
  for (const auto& t : store::list_tasks(c, {.directive_id = imp.directive_id}, {1000, 0}, nullptr))
    upstream.emplace(t.code, t.id);
  std::map<std::string, Id> city;
  for (const auto& t : store::list_tasks(c, {.directive_id = L.directives.at("27/QĐ-BCĐ")}, {1000, 0}, nullptr))
    city.emplace(t.code, t.id);
  // City task -> the upstream tasks it implements (by their numbers in the appendix); 12 has none yet.
  const std::vector<std::pair<std::string, std::vector<std::string>>> links{
      {"1", {"1"}}, {"2", {"2"}}, {"3", {"3"}}, {"4", {"4"}},   {"5", {"5"}},   {"6", {"6"}},
      {"7", {"7"}}, {"8", {"8"}}, {"9", {"9"}}, {"10", {"11"}}, {"12", {"10"}}, {"13", {"7", "10"}}};
  const std::string linked = domain::iso(at_local(domain::make_date(2026, 3, 23), 9));
  for (const auto& [task, ups] : links) {
    std::vector<Id> ids;
    for (const auto& u : ups) ids.push_back(upstream.at(u));
    store::set_upstream_links(c, city.at(task), ids, linked, std::nullopt);
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
    add_st_tasks(c, L);
    add_upstream_program(c, L, dir);
    store::append_audit(c, db.kind() == "postgresql",
                        store::AuditEntry{0, domain::iso(at_local(kToday, 0)), std::nullopt, "demo", "cli", "database",
                                          "demo", "load", "", "{\"source\":\"data/demo\"}", "", ""});
  });
  db.analyze();
  spdlog::info("demo data loaded");
}

}  // namespace tiendo::app
