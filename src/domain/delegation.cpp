#include "domain/delegation.h"

namespace tiendo::domain {

std::optional<DelegationRefusal> check_delegation(Date from, Date to, Date today) {
  if (to < from) return DelegationRefusal::ends_before_start;
  if (to < today) return DelegationRefusal::ends_in_past;
  if ((to - from).count() + 1 > kMaxDelegationDays) return DelegationRefusal::too_long;
  return std::nullopt;
}

std::string vn_message(DelegationRefusal r) {
  switch (r) {
    case DelegationRefusal::ends_before_start:
      return "Ngày kết thúc ủy quyền phải từ ngày bắt đầu trở đi.";
    case DelegationRefusal::ends_in_past:
      return "Thời gian ủy quyền đã qua.";
    case DelegationRefusal::too_long:
      return "Mỗi lần ủy quyền tối đa " + std::to_string(kMaxDelegationDays) + " ngày.";
  }
  return "";
}

}  // namespace tiendo::domain
