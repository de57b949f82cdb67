// Generates a national-size data set: 34 provinces, ~4,000 reporting units, 100 tasks per province
// (40 cascaded to every commune), 10 months of reports, ~20,000 users. Deterministic for a given seed.
//
//   build/bench_gen --db bench/out/national.db [--provinces 34] [--months 10]
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <random>

#include "domain/deadline.h"
#include "domain/reporting_rule.h"
#include "security/password.h"
#include "store/plan_store.h"
#include "store/report_store.h"
#include "store/user_store.h"

using namespace tiendo;
using store::Connection;
using store::Id;

namespace {

struct Sizes {
  int provinces = 34;
  int departments = 20;
  int communes = 97;
  int tasks = 100;
  int cascaded = 40;
  int months = 10;
  int users_per_unit = 5;
};

const char* kDeadlines[] = {"Quý I/2026",   "Quý II/2026",   "30/6/2026",
                            "Tháng 9/2026", "Quý IV/2026",   "12/2026",
                            "Thường xuyên", "Theo lộ trình", "Khi có hướng dẫn của Bộ",
                            "Quý III/2026"};

// Units are known from before the plan (their history starts here).
const std::string kKnown = "2026-01-01T00:00:00Z";

void province(Connection& c, Id nation, Id plan, int p, const Sizes& s, const std::string& hash, std::mt19937& rng) {
  std::uniform_real_distribution<double> u(0, 1);
  const std::string pc = "T" + std::to_string(p);
  store::Unit root{0, nation, pc, "Tỉnh/Thành phố " + std::to_string(p), "", "city", "other", {}, {}, ""};
  const Id root_id = store::insert_unit(c, root, kKnown);
  std::vector<Id> depts, communes;
  for (int i = 0; i < s.departments; ++i)
    depts.push_back(store::insert_unit(c,
                                       {0,
                                        root_id,
                                        pc + "-S" + std::to_string(i),
                                        "Sở " + std::to_string(i) + " tỉnh " + std::to_string(p),
                                        "",
                                        "department",
                                        "department",
                                        {},
                                        {},
                                        ""},
                                       kKnown));
  for (int i = 0; i < s.communes; ++i)
    communes.push_back(store::insert_unit(c,
                                          {0,
                                           root_id,
                                           pc + "-X" + std::to_string(i),
                                           "Xã " + std::to_string(i) + " tỉnh " + std::to_string(p),
                                           "",
                                           i % 3 ? "commune" : "ward",
                                           "commune",
                                           {},
                                           {},
                                           ""},
                                          kKnown));
  const Id group =
      store::insert_unit_group(c, {0, pc + "-CAPXA", "UBND cấp xã tỉnh " + std::to_string(p), communes}, kKnown);
  for (int t = 0; t < s.tasks; ++t) {
    store::Task task;
    task.directive_id = plan;
    task.code = pc + "." + std::to_string(t + 1);
    task.name =
        "Nhiệm vụ " + std::to_string(t + 1) + " về chuyển đổi số và đổi mới sáng tạo của tỉnh " + std::to_string(p);
    task.deadline_text = kDeadlines[t % 10];
    const auto dl = domain::parse_deadline(task.deadline_text);
    task.deadline_kind = std::string(domain::to_string(dl.kind));
    if (dl.due) task.deadline_due = domain::iso(*dl.due);
    task.id = store::insert_task(c, task, kKnown);
    if (t < s.cascaded) {
      store::assign_task(c, task, communes, group, kKnown);
    } else {
      store::assign_task(c, task, {depts[static_cast<size_t>(t) % depts.size()]}, std::nullopt, kKnown);
    }
  }
  for (Id unit : depts) communes.push_back(unit);  // every unit reports from here on
  for (Id unit : communes) {
    for (int k = 0; k < s.users_per_unit; ++k) {
      store::User usr{0,
                      "u" + std::to_string(unit) + "_" + std::to_string(k),
                      "Cán bộ " + std::to_string(k),
                      hash,
                      k == 0 ? "unit_head" : "focal_point",
                      unit,
                      "",
                      true,
                      "",
                      ""};
      store::insert_user(c, usr, "2026-01-01T00:00:00Z");
    }
    store::AssignmentFilter f;
    f.unit_id = unit;
    const auto assignments = store::list_assignments(c, f);
    for (int m = 1; m <= s.months; ++m) {
      const domain::Period period{domain::PeriodType::monthly, 2026, m};
      if (u(rng) < 0.05) continue;
      const int day = u(rng) < 0.85 ? 5 + static_cast<int>(u(rng) * 14) : 20 + static_cast<int>(u(rng) * 6);
      const std::string at =
          domain::iso(domain::Instant{domain::make_date(2026, static_cast<unsigned>(m), static_cast<unsigned>(day))} +
                      std::chrono::hours{3});
      store::Report r;
      r.directive_id = plan;
      r.unit_id = unit;
      r.period = period.key();
      r.state = "draft";
      r.created_at = at;
      r.id = store::insert_report(c, r);
      for (const auto& a : assignments) {
        store::ReportItem item;
        item.assignment_id = a.id;
        item.progress_percent = std::min(100, m * 10 + static_cast<int>(u(rng) * 10));
        item.work_done = "Đã triển khai theo kế hoạch";
        store::save_report_item(c, r.id, item);
        if (item.progress_percent == 100 && a.original_due && !a.confirmed_done_on && u(rng) < 0.8)
          store::confirm_assignment(c, a.id, at.substr(0, 10), std::nullopt, at);
      }
      r = *store::find_report(c, r.id);
      // As the server submits: the append-only submitted records (what past dates read) and the progress.
      store::submit_report(c, r, at);
      r.state = m == s.months ? "submitted" : "accepted";
      r.first_submitted_at = at;
      r.submitted_at = at;
      r.accepted_at = m == s.months ? std::nullopt : std::optional<std::string>(at);
      r.updated_at = at;
      store::update_report(c, r, r.version);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (sodium_init() < 0) return 1;
  CLI::App app{"National data set generator"};
  std::string db_url;
  Sizes s;
  app.add_option("--db", db_url)->required();
  app.add_option("--provinces", s.provinces)->capture_default_str();
  app.add_option("--months", s.months)->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  const auto started = std::chrono::steady_clock::now();
  auto db = store::Database::open(db_url, 1);
  db->migrate();
  const std::string hash = security::hash_password("HaiPhong#Ke-hoach-57");
  Id plan = 0, nation = 0;
  db->write([&](Connection& c) {
    nation = store::insert_unit(c, {0, std::nullopt, "VN", "Việt Nam", "", "city", "other", {}, {}, ""}, kKnown);
    plan = store::insert_directive(
        c, {0, "BENCH/2026", "plan", "Ban Chỉ đạo", "2026-01-05", "Kế hoạch quốc gia 2026", 2026, true, {}});
    store::save_reporting_rule(c, store::ReportingRuleRow{.directive_id = plan}, "2026-01-01T00:00:00Z");
    // The load script drafts reports for many units and reads the whole nation: an admin account.
    store::insert_user(c, {0, "bench", "Quản trị đo tải", hash, "admin", nation, "", true, "", ""},
                       "2026-01-01T00:00:00Z");
  });
  std::mt19937 rng(57);
  for (int p = 1; p <= s.provinces; ++p) {
    db->write([&](Connection& c) { province(c, nation, plan, p, s, hash, rng); });
    spdlog::info("province {}/{} done", p, s.provinces);
  }
  db->analyze();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("generated %d provinces in %.1f s\n", s.provinces, secs);
  return 0;
}
