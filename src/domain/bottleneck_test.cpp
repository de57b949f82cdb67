#include "domain/bottleneck.h"

#include <gtest/gtest.h>

#include <map>

namespace tiendo::domain {

TEST(Bottleneck, ContentWordsFoldAndDropFunctionWords) {
  EXPECT_EQ(content_words("Thiếu KINH PHÍ và nhân lực."),
            (std::set<std::string>{"thieu", "kinh", "phi", "nhan", "luc"}));
  EXPECT_TRUE(content_words("và của các").empty());
  EXPECT_DOUBLE_EQ(jaccard({"a", "b"}, {"b", "c"}), 1.0 / 3);
}

// The labelled set: difficulties as units write them, each with the obstacle a reader would say it names.
// Near wordings of one obstacle (diacritics, case, order, a few more words) must group; obstacles that only
// share some words ("thiếu nhân lực" of another kind, "thiếu kinh phí" for equipment) must not.
TEST(Bottleneck, LabelledDifficultiesGroupAsTheirLabels) {
  const std::vector<std::pair<std::string, std::string>> labelled{
      {"Thiếu kinh phí và nhân lực chuyên trách về chuyển đổi số.", "funding"},
      {"Thiếu kinh phí, nhân lực chuyên trách chuyển đổi số", "funding"},
      {"thieu kinh phi va nhan luc chuyen trach ve chuyen doi so", "funding"},
      {"THIẾU KINH PHÍ VÀ NHÂN LỰC CHUYÊN TRÁCH VỀ CHUYỂN ĐỔI SỐ.", "funding"},
      {"Thiếu kinh phí, nhân lực chuyên trách cho chuyển đổi số còn hạn chế", "funding"},
      {"Hạ tầng mạng, đường truyền chưa đáp ứng yêu cầu.", "network"},
      {"Hạ tầng mạng và đường truyền internet chưa đáp ứng yêu cầu", "network"},
      {"Đường truyền, hạ tầng mạng chưa đáp ứng", "network"},
      {"Chưa có hướng dẫn của bộ, ngành trung ương.", "guidance"},
      {"Chưa có văn bản hướng dẫn của Bộ, ngành Trung ương", "guidance"},
      {"Đang chờ hướng dẫn của bộ ngành trung ương", "guidance"},
      {"Vướng mắc trong công tác giải phóng mặt bằng.", "land"},
      {"Vướng mắc giải phóng mặt bằng", "land"},
      {"Dữ liệu dân cư chưa được đồng bộ với hệ thống của thành phố.", "data"},
      {"Dữ liệu dân cư chưa đồng bộ với hệ thống thành phố", "data"},
      {"Thiếu nhân lực có trình độ về an toàn thông tin.", "security staff"},
      {"Thiếu kinh phí mua sắm thiết bị.", "equipment"},
      {"Hệ thống phần mềm thường xuyên bị lỗi.", "software"},
      {"", "none"},
  };
  std::vector<std::string> texts;
  for (const auto& [text, label] : labelled) texts.push_back(text);
  const auto groups = group_texts(texts);
  // Every group holds one label, and every label is one group: the partition is the labelled one.
  std::map<std::string, int> groups_of_label;
  size_t grouped = 0;
  for (const auto& g : groups) {
    std::set<std::string> labels;
    for (size_t i : g.members) labels.insert(labelled[i].second);
    EXPECT_EQ(labels.size(), 1u) << g.text;
    ++groups_of_label[*labels.begin()];
    grouped += g.members.size();
  }
  EXPECT_EQ(grouped, texts.size() - 1);  // the empty text is left out
  EXPECT_EQ(groups_of_label.size(), 8u);
  for (const auto& [label, n] : groups_of_label) EXPECT_EQ(n, 1) << label;
  ASSERT_FALSE(groups.empty());
  EXPECT_EQ(groups[0].members.size(), 5u);  // largest first
  EXPECT_EQ(groups[0].text, texts[0]);      // equal counts: the first wording
  // The threshold matters: far lower merges the different obstacles that share "thiếu kinh phí".
  EXPECT_LT(group_texts(texts, 0.2).size(), groups.size());
}

TEST(Bottleneck, MostFrequentWordingNamesTheGroup) {
  const auto g = group_texts({"Thiếu kinh phí.", "thiếu kinh phí", "thiếu kinh phí", "Vướng mặt bằng"});
  ASSERT_EQ(g.size(), 2u);
  EXPECT_EQ(g[0].text, "thiếu kinh phí");
  EXPECT_EQ(g[0].members, (std::vector<size_t>{0, 1, 2}));
}

}  // namespace tiendo::domain
