#include "domain/labels.h"

namespace tiendo::domain {

std::string_view vn_label(AssignmentStatus s) {
  using S = AssignmentStatus;
  switch (s) {
    case S::not_started:
      return "Chưa triển khai";
    case S::in_progress:
      return "Đang thực hiện";
    case S::due_soon:
      return "Sắp đến hạn";
    case S::overdue:
      return "Quá hạn";
    case S::done_on_time:
      return "Hoàn thành đúng hạn";
    case S::done_late:
      return "Hoàn thành quá hạn";
    case S::recurring_updated:
      return "Thường xuyên, đã cập nhật";
    case S::recurring_not_updated:
      return "Thường xuyên, chưa cập nhật";
    case S::waiting:
      return "Chờ hướng dẫn";
    case S::no_deadline:
      return "Chưa có thời hạn";
    case S::paused:
      return "Tạm dừng";
    case S::cancelled:
      return "Hủy bỏ";
  }
  return "";
}

std::string_view vn_label(IndicatorStatus s) {
  switch (s) {
    case IndicatorStatus::met:
      return "Đạt";
    case IndicatorStatus::on_track:
      return "Đúng tiến độ";
    case IndicatorStatus::at_risk:
      return "Có nguy cơ không đạt";
    case IndicatorStatus::no_data:
      return "Chưa có số liệu";
  }
  return "";
}

std::string_view vn_label(ReportState s) {
  switch (s) {
    case ReportState::draft:
      return "Đang soạn";
    case ReportState::submitted:
      return "Đã gửi";
    case ReportState::approved:
      return "Lãnh đạo đơn vị đã duyệt";
    case ReportState::accepted:
      return "Đã tiếp nhận";
    case ReportState::returned:
      return "Bị trả lại";
  }
  return "";
}

std::string_view vn_verb(ReportAction a) {
  switch (a) {
    case ReportAction::edit:
      return "sửa";
    case ReportAction::submit:
      return "gửi";
    case ReportAction::approve:
      return "phê duyệt";
    case ReportAction::accept:
      return "tiếp nhận";
    case ReportAction::send_back:
      return "trả lại";
    case ReportAction::withdraw:
      return "rút lại";
    case ReportAction::reopen:
      return "mở lại";
  }
  return "";
}

std::string_view vn_label(DeadlineKind k) {
  using K = DeadlineKind;
  switch (k) {
    case K::exact:
      return "Ngày cụ thể";
    case K::month:
      return "Trong tháng";
    case K::quarter:
      return "Trong quý";
    case K::year:
      return "Trong năm";
    case K::recurring:
      return "Thường xuyên";
    case K::roadmap:
      return "Theo lộ trình";
    case K::conditional:
      return "Khi có hướng dẫn, điều kiện";
    case K::unspecified:
      return "Chưa xác định";
  }
  return "";
}

}  // namespace tiendo::domain
