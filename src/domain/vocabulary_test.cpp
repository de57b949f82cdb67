#include "domain/vocabulary.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "domain/assignment_status.h"
#include "domain/deadline.h"
#include "domain/feedback.h"
#include "domain/indicator.h"
#include "domain/report_workflow.h"
#include "domain/reporting_rule.h"
#include "domain/st_task.h"

namespace tiendo::domain {
namespace {

// Every value of an enum (0..last) has a word in its vocabulary: a new status cannot reach the page or a document
// without its label.
template <class E>
void expect_every_value(std::string_view vocabulary, E last) {
  for (int i = 0; i <= static_cast<int>(last); ++i) {
    const auto code = to_string(static_cast<E>(i));
    EXPECT_FALSE(vi_label(vocabulary, code).empty()) << vocabulary << "/" << code;
    EXPECT_FALSE(en_label(vocabulary, code).empty()) << vocabulary << "/" << code;
  }
}

TEST(Vocabulary, EveryEnumValueHasBothLabels) {
  expect_every_value("assignment_status", AssignmentStatus::cancelled);
  expect_every_value("indicator_status", IndicatorStatus::no_data);
  expect_every_value("report_state", ReportState::returned);
  expect_every_value("report_action", ReportAction::reopen);
  expect_every_value("timeliness", Timeliness::missing);
  expect_every_value("deadline_kind", DeadlineKind::unspecified);
  expect_every_value("period_type", PeriodType::annual);
  expect_every_value("aggregation", Aggregation::average);
  expect_every_value("comparator", Comparator::equal);
  expect_every_value("indicator_source", IndicatorSource::st_tracking);
  expect_every_value("feedback_kind", FeedbackKind::dat_hang);
  expect_every_value("feedback_sender", SenderType::co_quan);
  expect_every_value("feedback_channel", FeedbackChannel::pakn);
  expect_every_value("feedback_state", FeedbackState::published);
  expect_every_value("feedback_rating", FeedbackRating::chua_hai_long);
  expect_every_value("feedback_public_status", PublicStatus::merged);
  expect_every_value("st_mode", StMode::giao_truc_tiep);
}

TEST(Vocabulary, CodesAreUniqueAndLabelsNeverEnglishInVietnamese) {
  std::set<std::string_view> names;
  for (const auto& v : vocabularies()) {
    EXPECT_TRUE(names.insert(v.name).second) << v.name;
    std::set<std::string_view> codes, vis;
    for (const auto& w : v.words) {
      EXPECT_TRUE(codes.insert(w.code).second) << v.name << "/" << w.code;
      // Two codes of one vocabulary never read the same: a reader could not tell them apart.
      EXPECT_TRUE(vis.insert(w.vi).second) << v.name << "/" << w.vi;
      EXPECT_FALSE(w.vi.empty());
      EXPECT_FALSE(w.en.empty());
      // The code itself never stands in for the words ("standing_agency", "ratio_of_sums").
      EXPECT_EQ(std::string(w.vi).find('_'), std::string::npos) << w.vi;
    }
  }
}

TEST(Vocabulary, TheWordingChosenOnce) {
  EXPECT_EQ(vi_label("assignment_status", "in_progress"), "Đang thực hiện trong hạn");
  EXPECT_EQ(vi_label("indicator_status", "at_risk"), "Có nguy cơ không đạt");
  EXPECT_EQ(vi_label("role", "standing_agency"), "Cơ quan thường trực");
  EXPECT_EQ(vi_label("role", "nobody"), "");
  EXPECT_EQ(vi_label("nothing", "in_progress"), "");
}

TEST(Vocabulary, CodeOfWhatWasTypedOrPrinted) {
  EXPECT_EQ(code_of("aggregation", "ratio_of_sums"), "ratio_of_sums");
  EXPECT_EQ(code_of("aggregation", "Tỷ lệ (tổng tử số / tổng mẫu số)"), "ratio_of_sums");
  EXPECT_EQ(code_of("aggregation", "luy ke tu dau nam"), "cumulative");
  EXPECT_EQ(code_of("aggregation", "Cumulative from the start of the year"), "cumulative");
  EXPECT_EQ(code_of("aggregation", "Tổng cộng"), "");
  EXPECT_EQ(code_of("aggregation", ""), "");
  // Every label reads back to its own code.
  for (const auto& v : vocabularies())
    for (const auto& w : v.words) EXPECT_EQ(code_of(v.name, w.vi), w.code) << v.name << "/" << w.vi;
}

}  // namespace
}  // namespace tiendo::domain
