#include "domain/units.h"

#include <algorithm>
#include <array>
#include <span>

#include "domain/ranges.h"
#include "domain/st_task.h"
#include "domain/vocabulary.h"

namespace tiendo::domain {

namespace {

constexpr std::array<std::string_view, 11> kUnitKinds{"city",         "department", "commune", "ward",
                                                      "special_zone", "office",     "police",  "party",
                                                      "other",        "host_root",  "host_org"};
constexpr std::array<std::string_view, 3> kPeerGroups{"department", "commune", "other"};

bool one_of(std::span<const std::string_view> allowed, std::string_view v) {
  return std::find(allowed.begin(), allowed.end(), v) != allowed.end();
}

}  // namespace

bool is_unit_kind(std::string_view kind) { return one_of(kUnitKinds, kind); }
bool is_peer_group(std::string_view group) { return one_of(kPeerGroups, group); }

std::optional<std::string> unit_choice_refusal(std::string_view field, std::string_view value) {
  const bool peer = field == "peer_group";
  const std::span<const std::string_view> allowed = peer ? std::span<const std::string_view>(kPeerGroups) : kUnitKinds;
  if (one_of(allowed, value)) return std::nullopt;
  // The choices by their Vietnamese labels, never the codes: the person picks from what the page shows them.
  // Labels hold commas ("Sở, ban, ngành"), so the choices are set apart with semicolons.
  const std::string_view vocabulary = peer ? "peer_group" : "unit_kind";
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "\"" : "\"; \"") + std::string(vi_label(vocabulary, a));
  return "Trường \"" + field_label(field) + "\" không hợp lệ; chọn một trong: " + list + "\".";
}

std::optional<std::string> member_kind_refusal(std::string_view kind, std::string_view label) {
  if (!is_unit_kind(kind)) return "Trường " + std::string(label) + " có một loại đơn vị không hợp lệ.";
  if (is_host_unit_kind(kind))
    return "Tổ chức chủ trì nhiệm vụ KH&CN không là thành viên nhóm đơn vị thực hiện kế hoạch: bỏ loại này khỏi " +
           std::string(label) + ".";
  return std::nullopt;
}

}  // namespace tiendo::domain
