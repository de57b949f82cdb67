#include "service/risk_brief_job.h"

#include <set>

#include "domain/text.h"
#include "service/reminder_job.h"
#include "service/risks.h"
#include "store/followup_store.h"
#include "store/user_store.h"

namespace tiendo::service {

namespace {

// One new risk, copied out of the read that found it.
struct Item {
  store::Id assignment_id = 0;
  std::string leader_key;  // the task's directing leader, folded for matching
  std::string line;        // "1.2 Tên nhiệm vụ — Đơn vị, hạn 30/06/2026: lý do. #/assignment/12"
  std::string line_en;     // "1.2 Tên nhiệm vụ — Đơn vị, due 30/06/2026: reason. #/assignment/12"
};

constexpr size_t kListed = 30;  // a brief lists this many; the dashboard's section has the rest

std::string brief_body(const store::User& u, domain::Date today, const std::vector<const Item*>& items,
                       const std::string& whose) {
  std::string body = "Kính gửi đồng chí " + u.full_name + ".\nTừ " + domain::vn_date(today - std::chrono::days{7}) +
                     " đến " + domain::vn_date(today) + " có " + std::to_string(items.size()) +
                     " nhiệm vụ mới có nguy cơ trễ hạn " + whose + ":";
  for (size_t i = 0; i < items.size() && i < kListed; ++i) body += "\n" + std::to_string(i + 1) + ". " + items[i]->line;
  if (items.size() > kListed)
    body +=
        "\n… và " + std::to_string(items.size() - kListed) + " nhiệm vụ khác, xem mục Nguy cơ trên trang Tổng quan.";
  return body;
}

std::string brief_body_en(const store::User& u, domain::Date today, const std::vector<const Item*>& items,
                          const std::string& whose) {
  std::string body = "Dear " + u.full_name + ",\nFrom " + domain::vn_date(today - std::chrono::days{7}) + " to " +
                     domain::vn_date(today) + ", " +
                     domain::en_count(static_cast<long long>(items.size()), "task", "tasks") + " " + whose +
                     " came at risk of missing the deadline:";
  for (size_t i = 0; i < items.size() && i < kListed; ++i)
    body += "\n" + std::to_string(i + 1) + ". " + items[i]->line_en;
  if (items.size() > kListed)
    body += "\n… and " + domain::en_count(static_cast<long long>(items.size() - kListed), "more task", "more tasks") +
            ": see the Risks section of the Overview page.";
  return body;
}

}  // namespace

int run_risk_briefs(store::Database& db, domain::Instant now) {
  const domain::Date today = domain::vietnam_date(now);
  const std::string week = domain::iso_week(today);
  if (db.read([&](store::Connection& c) { return store::risk_brief_sent(c, week); })) return 0;
  // Found in a read, apart from the write below: on a national plan the two forecasts take seconds.
  std::vector<Item> fresh;
  std::vector<store::User> leaders;
  db.read([&](store::Connection& c) {
    // New: at risk today and not at the end of the same day a week before, as known then (R15).
    Evaluator before(c, today - std::chrono::days{7}, now);
    std::set<store::Id> known;
    for (const auto& r : find_risks(c, before, std::nullopt, std::nullopt).items) known.insert(r.a->id);
    Evaluator ev(c, today, now);
    for (const auto& r : find_risks(c, ev, std::nullopt, std::nullopt).items) {
      if (known.contains(r.a->id)) continue;
      const auto& a = *r.a;
      const std::string what = a.task->code + " " + a.task->name + " — " + a.unit->name;
      const std::string link = ". #/assignment/" + std::to_string(a.id);
      fresh.push_back({a.id, domain::search_key(a.task->directing_leader),
                       what + ", hạn " + domain::vn_date(r.due) + ": " + r.f.reason + link,
                       what + ", due " + domain::vn_date(r.due) + ": " + r.f.reason_en + link});
    }
    leaders = store::users_with_role(c, "leader");
    for (auto& u : store::users_with_role(c, "directing_leader")) leaders.push_back(std::move(u));
  });
  const std::string at = domain::iso(now);
  const std::string week_words = std::to_string(std::stoi(week.substr(6))) + "/" + week.substr(0, 4);  // "48/2026"
  return db.write([&](store::Connection& c) {
    // Another instance may have sent this week's brief meanwhile: the week's record decides.
    if (store::risk_brief_sent(c, week)) return 0;
    int created = 0;
    for (const auto& u : leaders) {
      std::vector<const Item*> mine;
      const std::string name = domain::search_phrase(u.full_name);
      const bool directing = u.role == "directing_leader";
      if (directing && name.empty()) continue;
      for (const auto& item : fresh)
        if (!directing || item.leader_key.find(" " + name + " ") != std::string::npos) mine.push_back(&item);
      if (mine.empty()) continue;
      const auto n = static_cast<long long>(mine.size());
      const Notice notice{
          "risk_brief",
          "Bản tin nguy cơ tuần " + week_words + ": " + std::to_string(n) + " nhiệm vụ mới có nguy cơ trễ hạn",
          brief_body(u, today, mine, directing ? "do đồng chí chỉ đạo" : "trên địa bàn thành phố"),
          "#/",
          "Weekly risk brief " + week_words + ": " + domain::en_count(n, "task", "tasks") + " newly at risk of delay",
          brief_body_en(u, today, mine, directing ? "under your direction" : "in the city")};
      created += notify_user(c, u, "risk_brief:" + week, notice, at);
    }
    store::record_risk_brief(c, week, at);
    return created;
  });
}

}  // namespace tiendo::service
