#include "domain/ranges.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <utility>

#include "domain/text.h"

namespace tiendo::domain {

namespace {
std::string figure(double v) {
  if (v >= kLargestFigure) return "10^15";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

// Every field the API takes, by its JSON name: an error names the field by its label, never in English.
constexpr std::pair<std::string_view, std::string_view> kLabels[] = {
    // Review in batches, delegation, list filters (issue 14).
    {"action", "Thao tác"},
    {"comment", "Ý kiến"},
    {"deputy_id", "Người được ủy quyền"},
    {"report_id", "Báo cáo"},
    {"report_ids", "Các báo cáo"},
    {"answered", "Đã trả lời"},
    {"warning", "Cảnh báo"},
    {"subtree", "Gồm đơn vị trực thuộc"},
    {"due_from", "Hạn từ ngày"},
    {"due_to", "Hạn đến ngày"},
    {"task_id", "Nhiệm vụ"},
    {"deadline_kind", "Loại thời hạn"},
    // S&T tasks (issue 16).
    {"national_code", "Mã nhiệm vụ trên Nền tảng số quốc gia"},
    {"national_code_on", "Ngày ghi mã quốc gia"},
    {"registration_no", "Số đăng ký"},
    {"mode", "Hình thức hình thành"},
    {"problem", "Bài toán"},
    {"sector", "Lĩnh vực"},
    {"target", "Mục tiêu số bài toán được đặt hàng"},
    {"met", "Đạt mục tiêu"},
    {"problems_proposed", "Số bài toán đề xuất"},
    {"problems_ordered", "Số bài toán đã đặt hàng nhiệm vụ"},
    {"ordered_tasks", "Số nhiệm vụ đặt hàng"},
    {"sectors", "Các lĩnh vực"},
    {"problem_rows", "Các bài toán"},
    {"proposed_on", "Ngày đề xuất"},
    {"tasks", "Các nhiệm vụ"},
    {"stage_label", "Tên bước"},
    {"ordered_on", "Ngày đặt hàng"},
    {"host_unit_id", "Tổ chức chủ trì"},
    {"principal_investigator", "Chủ nhiệm nhiệm vụ"},
    {"managing_unit_id", "Đơn vị quản lý"},
    {"host_unit_code", "Mã tổ chức chủ trì"},
    {"managing_unit_code", "Mã đơn vị quản lý"},
    {"budget_nsnn", "Kinh phí ngân sách nhà nước (đồng)"},
    {"budget_other", "Kinh phí nguồn khác (đồng)"},
    {"start_date", "Ngày bắt đầu"},
    {"end_date", "Ngày kết thúc"},
    {"uptake_plan", "Phương án ứng dụng, thương mại hóa"},
    {"ip_plan", "Phương án sở hữu trí tuệ"},
    {"products", "Sản phẩm"},
    {"product_type", "Loại sản phẩm"},
    {"quantity", "Số lượng"},
    {"quality_spec", "Yêu cầu chất lượng"},
    {"years", "Kinh phí theo năm"},
    {"doc_number", "Số văn bản"},
    {"doc_date", "Ngày văn bản"},
    {"signer_position", "Chức vụ người ký"},
    {"file_ref", "Tệp văn bản"},
    {"votes_xuat_sac", "Số phiếu Xuất sắc"},
    {"votes_dat", "Số phiếu Đạt"},
    {"votes_khong_dat", "Số phiếu Không đạt"},
    {"amount", "Số tiền (đồng)"},
    {"new_end", "Ngày kết thúc mới"},
    {"requested_on", "Ngày đề nghị"},
    {"month", "Tháng"},
    {"products_delivered", "Sản phẩm đã giao"},
    {"spent_to_date", "Kinh phí đã chi lũy kế (đồng)"},
    {"problems", "Khó khăn, vướng mắc"},
    {"evidence", "Minh chứng"},
    {"effective_from", "Ngày có hiệu lực"},
    {"stage", "Bước"},
    {"to_stage", "Bước chuyển đến"},
    {"contract_within_days", "Số ngày ký hợp đồng sau phê duyệt"},
    {"first_advance_max_percent", "Tạm ứng lần đầu tối đa (% kinh phí NSNN)"},
    {"next_advance_settled_percent", "Tỷ lệ đã thanh toán để tạm ứng tiếp (%)"},
    {"dossier_due_days", "Số ngày nộp hồ sơ nghiệm thu sau khi kết thúc"},
    {"dossier_fail_months", "Số tháng chậm nộp hồ sơ thì Không đạt"},
    {"extension_notice_months", "Số tháng đề nghị gia hạn trước khi kết thúc"},
    {"extension_max_months_long", "Gia hạn tối đa cho nhiệm vụ dài (tháng)"},
    {"extension_max_months_short", "Gia hạn tối đa cho nhiệm vụ ngắn (tháng)"},
    {"long_task_months", "Thời gian của nhiệm vụ dài (tháng)"},
    {"excellent_num", "Tử số tỷ lệ phiếu Xuất sắc"},
    {"excellent_den", "Mẫu số tỷ lệ phiếu Xuất sắc"},
    {"fail_num", "Tử số tỷ lệ phiếu Không đạt"},
    {"fail_den", "Mẫu số tỷ lệ phiếu Không đạt"},
    {"record_within_working_days", "Số ngày làm việc cập nhật văn bản lên hệ thống"},
    {"inspection_every_months", "Chu kỳ kiểm tra (tháng)"},
    {"register_within_days", "Số ngày đăng ký kết quả sau công nhận"},
    {"settle_within_days", "Số ngày quyết toán sau đăng ký kết quả"},
    {"update_grace_days", "Số ngày cập nhật hằng tháng sau cuối tháng"},
    {"progress_percent", "Tiến độ (%)"},
    {"numerator", "Tử số"},
    {"denominator", "Mẫu số"},
    {"value", "Giá trị"},
    {"estimated_full_year", "Ước thực hiện cả năm"},
    {"baseline", "Giá trị năm gốc"},
    {"target_text", "Chỉ tiêu"},
    {"deadline_text", "Thời hạn"},
    {"upstream", "Hệ thống cấp trên"},
    {"upstream_system", "Hệ thống cấp trên"},
    {"upstream_task_ids", "Nhiệm vụ cấp trên được thực hiện"},
    {"upstream_task_id", "Nhiệm vụ cấp trên"},
    {"upstream_code", "Mã nhiệm vụ ở hệ thống cấp trên"},
    {"upstream_name", "Tên nhiệm vụ cấp trên"},
    {"upstream_number", "Số hiệu chương trình cấp trên"},
    {"codes", "Mã ở hệ thống ngoài"},
    {"linked_tasks", "Nhiệm vụ thành phố liên kết"},
    {"linked", "Số nhiệm vụ cấp trên có liên kết"},
    {"share_done", "Tỷ lệ lượt giao đã hoàn thành"},
    {"worst_status", "Trạng thái cần chú ý nhất"},
    {"worst_status_label", "Trạng thái cần chú ý nhất (nhãn)"},
    {"task_count", "Số nhiệm vụ"},
    {"columns", "Các cột của mẫu"},
    {"status_map", "Cách gọi trạng thái ở hệ thống cấp trên"},
    {"fields", "Các trường chọn được cho cột"},
    {"header", "Tiêu đề cột"},
    {"entered_on", "Ngày nhập lên hệ thống cấp trên"},
    {"reference", "Số tham chiếu ở hệ thống cấp trên"},
    {"outbox_system", "Hệ thống nhận hộp thư đi"},
    {"item_id", "Số mục hộp thư đi"},
    {"ref_id", "Mã số đối tượng gửi"},
    {"marked_at", "Thời điểm ghi nhận"},
    {"prepared_at", "Thời điểm chuẩn bị"},
    {"delivery_id", "Mã số lượt gửi"},
    {"attempts", "Số lần thử"},
    {"last_error", "Lỗi lần cuối"},
    {"assumed", "Mẫu giả định"},
    {"without_template", "Hệ thống chưa có mẫu cột"},
    {"queued", "Số mục đưa vào kênh gửi"},
    {"changed", "Số mục mới hoặc thay đổi"},
    {"payload", "Nội dung gửi"},
    {"deadline", "Thời hạn"},
    {"update_target", "Tỷ lệ cập nhật yêu cầu"},
    {"at_risk_tolerance", "Ngưỡng cảnh báo chậm"},
    {"timeliness", "Trọng số đúng hạn báo cáo"},
    {"updates", "Trọng số cập nhật"},
    {"completion", "Trọng số hoàn thành"},
    {"indicators", "Trọng số chỉ tiêu"},
    {"feedback", "Trọng số trả lời phản ánh đúng hạn"},
    {"feedback_min_items", "Số phản ánh tối thiểu để xếp hạng"},
    {"data_source", "Nguồn số liệu"},
    {"due_day", "Ngày hạn báo cáo"},
    {"due_soon_days", "Số ngày sắp đến hạn"},
    {"annual_due_month", "Tháng hạn báo cáo năm"},
    {"annual_due_day", "Ngày hạn báo cáo năm"},
    {"days_after", "Số ngày nhắc sau hạn"},
    {"version", "Phiên bản"},
    {"rate", "Tỷ lệ"},
    {"code", "Mã"},
    {"name", "Tên"},
    {"short_name", "Tên viết tắt"},
    {"kind", "Loại"},
    {"parent_id", "Đơn vị cấp trên"},
    {"peer_group", "Nhóm so sánh"},
    {"sort", "Thứ tự sắp xếp"},
    {"by", "Nhóm theo"},
    {"unit_ids", "Đơn vị được nhắc"},
    {"assignment_ids", "Nhiệm vụ được nhắc"},
    {"message", "Lời nhắn"},
    {"preview", "Xem trước"},
    {"active_from", "Hoạt động từ ngày"},
    {"active_to", "Hoạt động đến ngày"},
    {"member_ids", "Đơn vị thành viên"},
    {"member_kinds", "Loại đơn vị thành viên"},
    {"unit_id", "Đơn vị"},
    {"directive_id", "Kế hoạch"},
    {"number", "Số hiệu văn bản"},
    {"title", "Trích yếu"},
    {"issued_on", "Ngày ban hành"},
    {"issuer", "Cơ quan ban hành"},
    {"year", "Năm"},
    {"has_plan", "Có kế hoạch"},
    {"basis_ids", "Văn bản căn cứ"},
    {"period_type", "Kỳ báo cáo"},
    {"data_window", "Kỳ lấy số liệu"},
    {"shift_to_working_day", "Lùi hạn sang ngày làm việc"},
    {"weights", "Trọng số xếp hạng"},
    {"reminders", "Nhắc việc"},
    {"day", "Ngày"},
    {"aggregation", "Cách tổng hợp"},
    {"unit_of_measure", "Đơn vị tính"},
    {"monitoring_unit_id", "Đơn vị theo dõi"},
    {"reporting_group_id", "Nhóm đơn vị báo cáo"},
    {"indicator_id", "Chỉ tiêu"},
    {"field", "Lĩnh vực"},
    {"directing_leader", "Lãnh đạo chỉ đạo"},
    {"lead_text", "Đơn vị chủ trì (theo văn bản)"},
    {"lead_unit_ids", "Đơn vị chủ trì"},
    {"lead_group_ids", "Nhóm đơn vị chủ trì"},
    {"coordinating_text", "Đơn vị phối hợp (theo văn bản)"},
    {"coordinating_unit_ids", "Đơn vị phối hợp"},
    {"output", "Sản phẩm đầu ra"},
    {"assignment_id", "Nhiệm vụ"},
    {"decision", "Quyết định"},
    {"on", "Ngày áp dụng"},
    {"due", "Thời hạn mới"},
    {"done_on", "Ngày hoàn thành"},
    {"declared_done_on", "Ngày đơn vị báo hoàn thành"},
    {"requested_due", "Thời hạn đề nghị"},
    {"reason", "Lý do"},
    {"cause", "Nguyên nhân"},
    {"responsible_unit", "Đơn vị chịu trách nhiệm"},
    {"responsible_person", "Người chịu trách nhiệm"},
    {"remedy", "Giải pháp khắc phục"},
    {"new_due", "Thời hạn hoàn thành mới"},
    {"roadmap", "Lộ trình"},
    {"question", "Nội dung yêu cầu giải trình"},
    {"due_on", "Hạn trả lời"},
    {"answer", "Nội dung trả lời"},
    {"period", "Kỳ báo cáo"},
    {"items", "Các nhiệm vụ trong báo cáo"},
    {"indicator_values", "Số liệu chỉ tiêu"},
    {"work_done", "Kết quả thực hiện"},
    {"output_ref", "Văn bản, sản phẩm đầu ra"},
    {"difficulties", "Khó khăn, vướng mắc"},
    {"proposals", "Đề xuất, kiến nghị"},
    {"exceeds_authority", "Vượt thẩm quyền"},
    {"stalled_periods", "Số kỳ liền không đổi hoặc cùng một khó khăn thì coi là đứng yên"},
    {"unanswered_days", "Số ngày chờ trả lời kiến nghị vượt thẩm quyền"},
    {"first_period_lead_days", "Số ngày từ ngày ban hành đến hạn kỳ báo cáo đầu tiên"},
    {"notes", "Ghi chú"},
    {"summary", "Tóm tắt"},
    {"sections", "Các phần của báo cáo"},
    {"signer_name", "Người ký"},
    {"signer_title", "Chức vụ người ký"},
    {"recipients", "Nơi nhận"},
    {"format", "Định dạng tệp"},
    {"choices", "Lựa chọn đơn vị"},
    {"text", "Nội dung"},
    {"missing", "Phần còn thiếu"},
    {"filename", "Tên tệp"},
    {"body", "Nội dung gửi lên"},
    {"username", "Tên đăng nhập"},
    {"full_name", "Họ và tên"},
    {"role", "Vai trò"},
    {"password", "Mật khẩu"},
    {"current_password", "Mật khẩu hiện tại"},
    {"new_password", "Mật khẩu mới"},
    {"login", "Tên đăng nhập hoặc thư điện tử"},
    {"token", "Mã đặt lại mật khẩu"},
    {"email", "Thư điện tử"},
    {"digest_weekday", "Ngày nhận bản tổng hợp trong tuần"},
    {"as_of", "Ngày xem số liệu"},
    {"limit", "Số dòng mỗi trang"},
    {"offset", "Vị trí bắt đầu"},
    {"status", "Trạng thái"},
    {"state", "Trạng thái"},
    {"urgency", "Mức độ đến hạn"},
    {"adoption", "Áp dụng sáng kiến"},
    {"policy_change", "Thay đổi chính sách"},
    {"coordinating_unit_ids", "Đơn vị phối hợp"},
    {"id", "Mã số"},
    {"level_targets", "Chỉ tiêu theo cấp"},
    {"level", "Cấp"},
    {"closing_date", "Ngày sáp nhập, chia tách"},
    {"successors", "Đơn vị kế thừa"},
    {"sender_type", "Đối tượng gửi"},
    {"channel", "Kênh tiếp nhận"},
    {"external_ref", "Mã trên hệ thống gửi đến"},
    {"contact", "Số điện thoại hoặc thư điện tử liên hệ"},
    {"consent", "Đồng ý xử lý dữ liệu cá nhân"},
    {"anonymous", "Công khai không kèm tên"},
    {"rating", "Mức độ hài lòng"},
    {"late", "Trả lời quá hạn"},
    {"outcome", "Kết quả phân loại"},
    {"merged_into_code", "Mã phản ánh được gộp vào"},
    {"forwarded_to", "Cơ quan có thẩm quyền được chuyển đến"},
    {"lead_unit_id", "Đơn vị chủ trì"},
    {"internal_note", "Ghi chú nội bộ"},
    {"public_title", "Tiêu đề bản công khai"},
    {"public_text", "Nội dung bản công khai"},
    {"public_anonymous", "Công khai không kèm tên người gửi"},
    {"moderated_on", "Ngày biên tập bản công khai"},
    {"suggested_public_text", "Nội dung gợi ý đã che liên hệ"},
    {"sender_name", "Tên người gửi"},
    {"answers", "Các câu trả lời đã công khai"},
    {"published_on", "Ngày công khai"},
    {"leads", "Các lần giao đơn vị chủ trì"},
    {"lead_unit_name", "Đơn vị chủ trì"},
    {"assigned_on", "Ngày giao"},
    {"contact_erased_on", "Ngày xóa liên hệ người gửi"},
    {"emailed", "Đã gửi liên kết qua thư điện tử"},
    {"from", "Từ ngày"},
    {"to", "Đến ngày"},
    // Issue 18: exchange with other systems.
    {"entity", "Loại đối tượng"},
    {"entity_id", "Mã số đối tượng"},
    {"system", "Hệ thống ngoài"},
    {"note", "Ghi chú"},
    {"url", "Địa chỉ nhận"},
    // Issue 14: reopening an accepted report.
    {"reopen_request", "Đề nghị mở lại"},
    {"requested_by_name", "Người đề nghị"},
    {"requested_at", "Thời điểm đề nghị"},
    {"decision_note", "Ý kiến xử lý"},
    {"decided_by_name", "Người xử lý"},
    {"decided_at", "Thời điểm xử lý"},
    {"report_state", "Trạng thái báo cáo"},
    {"report_version", "Phiên bản báo cáo"},
    {"directive_title", "Tên kế hoạch"},
    {"event_types", "Loại sự kiện"},
    {"active", "Đang dùng"},
    {"subscription_id", "Đăng ký nhận sự kiện"},
};
}  // namespace

NumberRange range_of(NumberKind kind) {
  switch (kind) {
    case NumberKind::progress:
      return {kind, 0, 100, true};
    case NumberKind::share:
      return {kind, 0, 100, false};
    case NumberKind::count:
      return {kind, 0, kLargestFigure, true};
    case NumberKind::money:
      return {kind, 0, kLargestFigure, true};
    case NumberKind::amount:
      return {kind, 0, kLargestFigure, false};
    case NumberKind::fraction:
      return {kind, 0, 1, false};
    case NumberKind::measure:
      return {kind, -kLargestFigure, kLargestFigure, false};
  }
  return {kind, 0, 0, false};
}

std::optional<std::string> check_number(NumberKind kind, double value, std::string_view label) {
  const std::string l(label);
  if (!std::isfinite(value)) return l + " phải là một số hữu hạn.";
  const NumberRange r = range_of(kind);
  if (value < r.min || value > r.max) {
    if (r.min == 0 && value < 0) return l + " không được âm.";
    return l + " phải từ " + figure(r.min) + " đến " + figure(r.max) + ".";
  }
  if (r.whole && value != std::floor(value)) {
    return l + (kind == NumberKind::money ? " phải là số đồng nguyên." : " phải là số nguyên.");
  }
  return std::nullopt;
}

NumberKind indicator_value_kind(std::string_view unit_of_measure, std::string_view aggregation) {
  if (aggregation == "ratio_of_sums") return NumberKind::share;
  const std::string key = search_key(unit_of_measure);  // " ty dong ", " san pham "
  if (key.find(" dong ") != std::string::npos || key.find(" vnd ") != std::string::npos) {
    return key == " dong " || key == " vnd " ? NumberKind::money : NumberKind::amount;
  }
  if (unit_of_measure.find('%') != std::string_view::npos) return NumberKind::measure;
  if (key.find_first_not_of(' ') == std::string::npos) return NumberKind::measure;
  // Units of size, weight, time and energy may have decimals; everything else counts things.
  static constexpr std::array<std::string_view, 23> kMeasures{
      " km ",   " m ",     " m2 ",  " m3 ",   " ha ",  " tan ", " kg ",    " lit ", " mw ", " kw ",  " kwh ", " gio ",
      " ngay ", " thang ", " nam ", " diem ", " usd ", " ty ",  " trieu ", " do ",  " cm ", " km2 ", " ti "};
  for (auto m : kMeasures) {
    if (key.find(m) != std::string::npos) return NumberKind::measure;
  }
  return NumberKind::count;
}

std::string field_label(std::string_view field) {
  // "items[3].progress_percent" and "weights.updates" are labelled by their last part.
  const auto dot = field.find_last_of('.');
  const std::string_view last = dot == std::string_view::npos ? field : field.substr(dot + 1);
  for (const auto& [name, label] : kLabels) {
    if (name == last) return std::string(label);
  }
  return std::string(field);
}

std::string quoted_field(std::string_view field) { return "\"" + field_label(field) + "\""; }

}  // namespace tiendo::domain
