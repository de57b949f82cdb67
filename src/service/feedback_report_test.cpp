#include "service/feedback_report.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <variant>

#include "service/errors.h"
#include "store/feedback_store.h"
#include "store/test_database.h"

namespace tiendo::service {
namespace {

namespace json = boost::json;
using domain::make_date;

TEST(FeedbackReportPeriod, HalfYearsAndYearsOnly) {
  const auto h1 = feedback_report_period("2026-H1");
  EXPECT_EQ(h1.key, "2026-H1");
  EXPECT_EQ(h1.from, make_date(2026, 1, 1));
  EXPECT_EQ(h1.to, make_date(2026, 6, 30));
  const auto h2 = feedback_report_period("2026-H2");
  EXPECT_EQ(h2.from, make_date(2026, 7, 1));
  EXPECT_EQ(h2.to, make_date(2026, 12, 31));
  const auto year = feedback_report_period("2026");
  EXPECT_EQ(year.from, make_date(2026, 1, 1));
  EXPECT_EQ(year.to, make_date(2026, 12, 31));
  for (const char* bad : {"2026-11", "2026-Q2", "2026-H3", "", "H1-2026"}) {
    try {
      feedback_report_period(bad);
      ADD_FAILURE() << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind, Error::Kind::invalid) << bad;
      EXPECT_EQ(e.field, "period") << bad;
    }
  }
}

class FeedbackReport : public store::StoreTest {
 protected:
  // An item received on `on` with its answer due 15 days later; the test then writes its workflow's facts.
  store::FeedbackItem item(const std::string& code, const std::string& kind, const std::string& on) {
    store::FeedbackItem f;
    f.code = unique(code);
    f.kind = kind;
    f.field = "Chuyển đổi số";
    f.channel = "letter";
    f.title = "Tiêu đề";
    f.body = "Nội dung " + f.code;
    f.sender_type = "nha_khoa_hoc";
    f.sender_name_sealed = "sealed-name";
    f.contact_sealed = "sealed-contact";
    f.contact_hash = "h-" + f.code;
    f.body_hash = "b-" + f.code;
    f.consent_at = on + "T01:00:00Z";
    f.rating_token_hash = "t-" + f.code;
    f.received_at = on + "T01:00:00Z";
    f.received_on = on;
    f.acknowledge_due = on;
    f.forward_due = on;
    f.answer_due = domain::iso(*domain::parse_iso_date(on) + std::chrono::days(15));
    db_->write([&](store::Connection& c) { f.id = store::insert_feedback(c, f); });
    return f;
  }
  void save(const store::FeedbackItem& f) {
    db_->write([&](store::Connection& c) { ASSERT_TRUE(store::update_feedback(c, f, 1)); });
  }
  json::object report(const std::string& period, domain::Date as_of) {
    return db_->read([&](store::Connection& c) {
      return feedback_report_json(c, feedback_report_period(period), as_of, domain::Instant{});
    });
  }
  static const json::object* row(const json::object& r, const std::string& code) {
    for (const auto& v : r.at("items").as_array())
      if (v.at("code").as_string() == code) return &v.as_object();
    return nullptr;
  }
};

TEST_F(FeedbackReport, PeriodByReceivedDayAndFactsAsOfTheDay) {
  // 30/06: answered 05/07, rated 10/07. 01/07: an initiative proposed 02/07 and adopted 20/07; another item
  // forwarded to the competent body on 02/07.
  auto answered = item("ans", "kien_nghi", "2026-06-30");
  answered.state = "published";
  answered.first_published_on = "2026-07-05";
  answered.published_at = "2026-07-05T02:00:00Z";
  answered.rating = "hai_long";
  answered.rated_on = "2026-07-10";
  save(answered);
  auto idea = item("idea", "sang_kien", "2026-07-01");
  idea.state = "accepted";
  idea.classified_on = "2026-07-01";
  idea.adoption = "adopted";
  idea.proposed_on = "2026-07-02";
  idea.adoption_decided_on = "2026-07-20";
  idea.policy_change = "Bổ sung vào danh mục đặt hàng năm 2027";
  save(idea);
  auto out = item("out", "phan_anh", "2026-07-01");
  out.state = "forwarded";
  out.classified_on = "2026-07-02";
  out.forwarded_to = "Bộ Công an";
  save(out);

  const auto h1 = report("2026-H1", make_date(2026, 12, 31));
  ASSERT_TRUE(row(h1, answered.code));
  EXPECT_FALSE(row(h1, idea.code));
  EXPECT_FALSE(row(h1, out.code));
  const auto& a = *row(h1, answered.code);
  EXPECT_EQ(a.at("outcome").as_string(), "on_time");
  EXPECT_EQ(a.at("outcome_label").as_string(), "Trả lời đúng hạn");
  EXPECT_EQ(a.at("rating").as_string(), "hai_long");
  EXPECT_TRUE(a.at("lead_unit_name").is_null());

  // As of 09/07 the rating was not given yet; as of 30/06 the answer was not published.
  EXPECT_TRUE(row(report("2026-H1", make_date(2026, 7, 9)), answered.code)->at("rating").is_null());
  EXPECT_EQ(row(report("2026-H1", make_date(2026, 6, 30)), answered.code)->at("outcome").as_string(), "pending");

  // The initiative as of 15/07 is proposed only; as of 20/07 adopted, with the policy it became.
  const auto mid = report("2026-H2", make_date(2026, 7, 15));
  EXPECT_EQ(row(mid, idea.code)->at("adoption").as_string(), "proposed");
  EXPECT_TRUE(row(mid, idea.code)->at("policy_change").is_null());
  EXPECT_EQ(row(mid, out.code)->at("outcome").as_string(), "outside");
  const auto late = report("2026-H2", make_date(2026, 7, 20));
  EXPECT_EQ(row(late, idea.code)->at("adoption").as_string(), "adopted");
  EXPECT_EQ(row(late, idea.code)->at("adoption_label").as_string(), "Đã được áp dụng");
  EXPECT_EQ(row(late, idea.code)->at("policy_change").as_string(), "Bổ sung vào danh mục đặt hàng năm 2027");
  // An item before the period's day is not there; the year holds both halves.
  EXPECT_FALSE(row(report("2026-H2", make_date(2026, 6, 30)), idea.code));
  const auto year = report("2026", make_date(2026, 12, 31));
  EXPECT_TRUE(row(year, answered.code) && row(year, idea.code) && row(year, out.code));

  // The appendix lists one row per item of the JSON, and the document never prints a vocabulary code.
  const auto sheets = feedback_report_sheets(year);
  ASSERT_EQ(sheets.size(), 7u);
  EXPECT_EQ(sheets.back().rows.size(), year.at("items").as_array().size());
  std::string text;
  for (const auto& block : feedback_report_document(year).body)
    if (const auto* p = std::get_if<formats::Paragraph>(&block))
      for (const auto& r : p->runs) text += r.text + "\n";
  EXPECT_NE(text.find("năm 2026"), std::string::npos);
  EXPECT_NE(text.find("Bổ sung vào danh mục đặt hàng năm 2027"), std::string::npos);
  for (const char* code : {"sang_kien", "kien_nghi", "hai_long", "nha_khoa_hoc", "adopted", "sealed"})
    EXPECT_EQ(text.find(code), std::string::npos) << code;
}

}  // namespace
}  // namespace tiendo::service
