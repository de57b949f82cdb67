#include "domain/exchange.h"

#include <gtest/gtest.h>

#include "domain/labels.h"

namespace tiendo::domain {

TEST(Exchange, AgencyCodeFormatOfQd20) {
  EXPECT_FALSE(external_code_problem("qd20", "H31"));
  EXPECT_FALSE(external_code_problem("qd20", "H31.12"));
  EXPECT_FALSE(external_code_problem("qd20", "H31.12.05.001"));
  EXPECT_FALSE(external_code_problem("qd20", "Z01MST0201234567"));
  EXPECT_TRUE(external_code_problem("qd20", "h31"));      // lower case
  EXPECT_TRUE(external_code_problem("qd20", "Z31"));      // level 1 letter A–Y only; Z needs an in-scheme code
  EXPECT_TRUE(external_code_problem("qd20", "HA1"));      // X1X2 are digits
  EXPECT_TRUE(external_code_problem("qd20", "H31..12"));  // an empty level
  EXPECT_TRUE(external_code_problem("qd20", "H31.12."));  // ends with a dot
  EXPECT_TRUE(external_code_problem("qd20", "H31-12"));   // a character outside A–Z, 0–9, '.'
  EXPECT_TRUE(external_code_problem("qd20", "H31." + std::string(32, '1')));   // 36 characters
  EXPECT_FALSE(external_code_problem("qd20", "H31." + std::string(31, '1')));  // 35
}

TEST(Exchange, OtherSystemsTakeAnyPrintableCode) {
  EXPECT_FALSE(external_code_problem("nq57", "NV-57/2026-014"));
  EXPECT_FALSE(external_code_problem("theodoi.dcs.vn", "Nhiệm vụ 3.2"));
  EXPECT_TRUE(external_code_problem("nq57", ""));
  EXPECT_TRUE(external_code_problem("nq57", " X"));
  EXPECT_TRUE(external_code_problem("nq57", "a\nb"));
  EXPECT_TRUE(external_code_problem("nq57", std::string(101, 'x')));
  EXPECT_TRUE(valid_system_code("theodoi.dcs.vn"));
  EXPECT_TRUE(valid_system_code("dean06"));
  EXPECT_FALSE(valid_system_code("Nq57"));
  EXPECT_FALSE(valid_system_code("-x"));
  EXPECT_FALSE(valid_system_code("x"));
}

// RFC 4231 test case 2, and the signed message "<timestamp>.<body>".
TEST(Exchange, SignatureIsHmacSha256OfTimestampAndBody) {
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(event_signature("Jefe", 1764547200, "{}"), "sha256=" + hmac_sha256_hex("Jefe", "1764547200.{}"));
  EXPECT_NE(event_signature("Jefe", 1764547200, "{}"), event_signature("Jefe", 1764547201, "{}"));
}

TEST(Exchange, RetryDelayDoublesUpToSixHours) {
  EXPECT_EQ(event_retry_delay(1).count(), 30);
  EXPECT_EQ(event_retry_delay(2).count(), 60);
  EXPECT_EQ(event_retry_delay(3).count(), 120);
  EXPECT_EQ(event_retry_delay(10).count(), 30 * 512);
  EXPECT_EQ(event_retry_delay(11).count(), 6 * 3600);
  EXPECT_EQ(event_retry_delay(50).count(), 6 * 3600);
}

TEST(Exchange, OnlyAllowedHttpsDestinations) {
  auto u = parse_https_url("https://Hooks.Example.VN:8443/tiendo?x=1");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->host, "hooks.example.vn");
  EXPECT_EQ(u->port, 8443);
  EXPECT_EQ(u->target, "/tiendo?x=1");
  EXPECT_TRUE(destination_allowed(*u, {"hooks.example.vn:8443"}));
  EXPECT_FALSE(destination_allowed(*u, {"hooks.example.vn"}));  // port 443 only
  auto plain = parse_https_url("https://lgsp.haiphong.gov.vn");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->target, "/");
  EXPECT_TRUE(destination_allowed(*plain, {"LGSP.haiphong.gov.vn"}));
  EXPECT_FALSE(destination_allowed(*plain, {}));
  EXPECT_FALSE(parse_https_url("http://lgsp.haiphong.gov.vn/"));
  EXPECT_FALSE(parse_https_url("https://user@lgsp.haiphong.gov.vn/"));
  EXPECT_FALSE(parse_https_url("https://lgsp.haiphong.gov.vn:0/"));
  EXPECT_FALSE(parse_https_url("https://[::1]/"));
  EXPECT_FALSE(parse_https_url("https://a b/"));
}

TEST(Exchange, UpstreamRollupSharesDoneAndTakesTheWorstStatus) {
  UpstreamRollup none;
  EXPECT_FALSE(none.worst);
  EXPECT_FALSE(none.share_done());
  UpstreamRollup r;
  add(r, AssignmentStatus::done_on_time);
  add(r, AssignmentStatus::done_late);
  add(r, AssignmentStatus::in_progress);
  EXPECT_EQ(r.worst, AssignmentStatus::in_progress);
  add(r, AssignmentStatus::cancelled);  // not owed: out of the denominator, and never worse than open work
  EXPECT_EQ(r.worst, AssignmentStatus::in_progress);
  EXPECT_EQ(r.assignments, 3);
  EXPECT_DOUBLE_EQ(*r.share_done(), 2.0 / 3.0);
  add(r, AssignmentStatus::overdue);
  add(r, AssignmentStatus::due_soon);
  EXPECT_EQ(r.worst, AssignmentStatus::overdue);
  EXPECT_DOUBLE_EQ(*r.share_done(), 2.0 / 5.0);
  UpstreamRollup only_cancelled;
  add(only_cancelled, AssignmentStatus::cancelled);
  EXPECT_EQ(only_cancelled.worst, AssignmentStatus::cancelled);
  EXPECT_FALSE(only_cancelled.share_done());
}

TEST(Exchange, OutboxTemplateIsCheckedAndLaysOutInItsOrder) {
  OutboxTemplate t{{{"upstream_code", "Mã nhiệm vụ"}, {"status", "Tình trạng"}, {"progress_percent", "Tiến độ (%)"}},
                   {{"overdue", "Chậm tiến độ"}}};
  EXPECT_FALSE(template_problem(t));
  const auto row = lay_out(t, {{"progress_percent", "40"}, {"status", "overdue"}, {"upstream_code", "NQ57-1"}});
  ASSERT_EQ(row.size(), 3u);
  EXPECT_EQ(row[0].value, "NQ57-1");
  EXPECT_EQ(row[1].value, "Chậm tiến độ");
  EXPECT_EQ(row[2].header, "Tiến độ (%)");
  EXPECT_EQ(row[2].value, "40");
  // An unmapped status is the city's label; a missing field is empty.
  EXPECT_EQ(lay_out(t, {{"status", "done_late"}})[1].value, std::string(vn_label(AssignmentStatus::done_late)));
  EXPECT_EQ(lay_out(t, {})[0].value, "");
  auto bad = t;
  bad.columns.push_back({"status", "Lần hai"});
  EXPECT_EQ(template_problem(bad)->field, "columns[3].field");
  bad = t;
  bad.columns[0].field = "khong_co";
  EXPECT_TRUE(template_problem(bad));
  bad = t;
  bad.columns[0].header = "";
  EXPECT_EQ(template_problem(bad)->field, "columns[0].header");
  bad = t;
  bad.status_map = {{"late", "Trễ"}};
  EXPECT_EQ(template_problem(bad)->field, "status_map");
  EXPECT_EQ(template_problem(OutboxTemplate{})->field, "columns");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// Which system an item's code may be set in through the codes' route: agency codes on units only, an S&T task's
// national code in its register.
TEST(Exchange, CodeSystemsOfEachKindOfItem) {
  struct Case {
    const char* entity;
    const char* system;
    bool refused;
  };
  for (const auto& c : std::vector<Case>{{"unit", "qd20", false},
                                         {"task", "qd20", true},
                                         {"assignment", "qd20", true},
                                         {"st_task", "qd20", true},
                                         {"st_task", "khcn.quocgia", true},
                                         {"task", "khcn.quocgia", false},
                                         {"st_task", "nq57", false},
                                         {"feedback_item", "pakn.nq57.vn", false}})
    EXPECT_EQ(code_system_problem(c.entity, c.system).has_value(), c.refused) << c.entity << " " << c.system;
  for (const auto& [entity, label] :
       std::vector<std::pair<std::string, std::string>>{{"unit", "đơn vị"},
                                                        {"directive", "văn bản chỉ đạo"},
                                                        {"task", "nhiệm vụ"},
                                                        {"indicator", "chỉ tiêu"},
                                                        {"assignment", "phân công"},
                                                        {"feedback_item", "phản ánh, kiến nghị"},
                                                        {"st_task", "nhiệm vụ khoa học và công nghệ"}})
    EXPECT_EQ(external_entity_label(entity), label) << entity;
}

TEST(Exchange, EventTypesKeptCommaSeparated) {
  using V = std::vector<std::string>;
  for (const auto& [kept, types] : std::vector<std::pair<std::string, V>>{
           {"", V{}},
           {"report_submitted", V{"report_submitted"}},
           {"report_submitted,report_returned", V{"report_submitted", "report_returned"}},
           {",outbox_item,", V{"outbox_item"}}})
    EXPECT_EQ(split_event_types(kept), types) << kept;
}

TEST(Exchange, OutboxStates) {
  for (const auto* s : {"prepared", "sent", "acknowledged", "failed"}) EXPECT_TRUE(known_outbox_state(s)) << s;
  for (const auto* s : {"", "entered", "pending", "Prepared"}) EXPECT_FALSE(known_outbox_state(s)) << s;
}

}  // namespace tiendo::domain
