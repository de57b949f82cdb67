#include "domain/units.h"

#include <gtest/gtest.h>

#include <vector>

namespace tiendo::domain {

TEST(Units, ChoicesTable) {
  struct Case {
    const char* field;
    const char* value;
    bool accepted;
  };
  const std::vector<Case> cases{
      {"kind", "commune", true},
      {"kind", "special_zone", true},
      {"kind", "host_org", true},
      {"kind", "province", false},
      {"kind", "", false},
      {"peer_group", "department", true},
      {"peer_group", "commune", true},
      {"peer_group", "other", true},
      {"peer_group", "ward", false},
      {"peer_group", "Commune", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(!unit_choice_refusal(c.field, c.value), c.accepted) << c.field << " = " << c.value;
    EXPECT_EQ(std::string_view(c.field) == "kind" ? is_unit_kind(c.value) : is_peer_group(c.value), c.accepted);
  }
  EXPECT_EQ(*unit_choice_refusal("peer_group", "ward"),
            "Trường \"Nhóm so sánh\" không hợp lệ; chọn một trong: \"Sở, ban, ngành\"; \"Xã, phường, đặc khu\"; "
            "\"Khác\".");
  for (const char* field : {"kind", "peer_group"})
    EXPECT_EQ(unit_choice_refusal(field, "x")->find("_"), std::string::npos) << "no code on screen: " << field;
}

TEST(Units, MemberKindsTable) {
  struct Case {
    const char* kind;
    bool accepted;
  };
  for (const auto& c : std::vector<Case>{{"commune", true},
                                         {"ward", true},
                                         {"department", true},
                                         {"host_org", false},  // a host organisation owes no plan work
                                         {"host_root", false},
                                         {"province", false}})
    EXPECT_EQ(!member_kind_refusal(c.kind, "\"Loại đơn vị\""), c.accepted) << c.kind;
  EXPECT_NE(member_kind_refusal("host_org", "\"Loại đơn vị\"")->find("bỏ loại này khỏi \"Loại đơn vị\""),
            std::string::npos);
}

}  // namespace tiendo::domain
