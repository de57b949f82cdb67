#include "domain/vocabulary.h"

#include <array>
#include <string>

#include "domain/text.h"

namespace tiendo::domain {
namespace {

// The wording chosen once, as officials write it (issue 13: "Đang thực hiện trong hạn", "Có nguy cơ không đạt").
constexpr Word kAssignmentStatus[]{
    {"not_started", "Chưa triển khai", "Not started"},
    {"in_progress", "Đang thực hiện trong hạn", "In progress, on time"},
    {"due_soon", "Sắp đến hạn", "Due soon"},
    {"overdue", "Quá hạn", "Overdue"},
    {"done_on_time", "Hoàn thành đúng hạn", "Done on time"},
    {"done_late", "Hoàn thành quá hạn", "Done late"},
    {"recurring_updated", "Thường xuyên, đã cập nhật", "Recurring, updated"},
    {"recurring_not_updated", "Thường xuyên, chưa cập nhật", "Recurring, not updated"},
    {"waiting", "Chờ hướng dẫn", "Waiting for guidance"},
    {"no_deadline", "Chưa có thời hạn", "No deadline yet"},
    {"paused", "Tạm dừng", "Paused"},
    {"cancelled", "Hủy bỏ", "Cancelled"},
};
// A task's roll-up over its assignments, as the appendix's status column prints it.
constexpr Word kTaskStatus[]{
    {"not_assigned", "Chưa giao", "Not assigned"},
    {"overdue", "Quá hạn", "Overdue"},
    {"done", "Hoàn thành", "Done"},
    {"due_soon", "Sắp đến hạn", "Due soon"},
    {"in_progress", "Đang thực hiện trong hạn", "In progress, on time"},
};
constexpr Word kIndicatorStatus[]{
    {"met", "Đạt", "Met"},
    {"on_track", "Đúng tiến độ", "On track"},
    {"at_risk", "Có nguy cơ không đạt", "At risk of not being met"},
    {"no_data", "Chưa có số liệu", "No data yet"},
};
constexpr Word kReportState[]{
    {"draft", "Đang soạn", "Draft"},
    {"submitted", "Đã gửi", "Submitted"},
    {"approved", "Lãnh đạo đơn vị đã duyệt", "Approved by the unit head"},
    {"accepted", "Đã tiếp nhận", "Accepted"},
    {"returned", "Bị trả lại", "Returned"},
};
// A report step as a sentence names it ("đã phê duyệt").
constexpr Word kReportAction[]{
    {"edit", "sửa", "edit"},           {"submit", "gửi", "submit"},     {"approve", "phê duyệt", "approve"},
    {"accept", "tiếp nhận", "accept"}, {"return", "trả lại", "return"}, {"withdraw", "rút lại", "withdraw"},
    {"reopen", "mở lại", "reopen"},
};
constexpr Word kTimeliness[]{
    {"pending", "Chưa đến hạn", "Not yet due"},
    {"on_time", "Đúng hạn", "On time"},
    {"late", "Muộn", "Late"},
    {"missing", "Không báo cáo", "Not reported"},
};
constexpr Word kDeadlineKind[]{
    {"exact", "Ngày cụ thể", "A set date"},
    {"month", "Trong tháng", "Within the month"},
    {"quarter", "Trong quý", "Within the quarter"},
    {"year", "Trong năm", "Within the year"},
    {"recurring", "Thường xuyên", "Recurring"},
    {"roadmap", "Theo lộ trình", "By roadmap"},
    {"conditional", "Khi có hướng dẫn, điều kiện", "When guidance or conditions allow"},
    {"unspecified", "Chưa xác định", "Not set"},
};
constexpr Word kPeriodType[]{
    {"monthly", "Hằng tháng", "Monthly"},
    {"quarterly", "Hằng quý", "Quarterly"},
    {"half_year", "6 tháng", "Half-yearly"},
    {"annual", "Hằng năm", "Yearly"},
};
constexpr Word kAggregation[]{
    {"ratio_of_sums", "Tỷ lệ (tổng tử số / tổng mẫu số)", "Ratio (sum of numerators / sum of denominators)"},
    {"sum", "Tổng", "Sum"},
    {"cumulative", "Lũy kế từ đầu năm", "Cumulative from the start of the year"},
    {"latest", "Số mới nhất", "Latest value"},
    {"average", "Trung bình", "Average"},
};
constexpr Word kComparator[]{
    {"at_least", "Không thấp hơn", "At least"},
    {"at_most", "Không vượt quá", "At most"},
    {"equal", "Bằng", "Equal to"},
};
constexpr Word kRole[]{
    {"admin", "Quản trị hệ thống", "System administrator"},
    {"standing_agency", "Cơ quan thường trực", "Standing agency"},
    {"leader", "Lãnh đạo", "Leader"},
    {"directing_leader", "Lãnh đạo chủ trì", "Directing leader"},
    {"unit_head", "Lãnh đạo đơn vị", "Unit head"},
    {"focal_point", "Đầu mối báo cáo", "Reporting focal point"},
    {"viewer", "Chỉ xem", "Viewer"},
    {"host", "Tổ chức chủ trì nhiệm vụ KH&CN", "S&T task host organisation"},
};
constexpr Word kUnitKind[]{
    {"city", "Thành phố", "City"},
    {"department", "Sở, ban, ngành", "Department"},
    {"commune", "Xã", "Commune"},
    {"ward", "Phường", "Ward"},
    {"special_zone", "Đặc khu", "Special zone"},
    {"office", "Cơ quan, văn phòng", "Office"},
    {"police", "Công an", "Police"},
    {"party", "Cơ quan Đảng", "Party body"},
    {"other", "Khác", "Other"},
    {"host_root", "Các tổ chức chủ trì nhiệm vụ KH&CN", "S&T task host organisations"},
    {"host_org", "Tổ chức chủ trì nhiệm vụ KH&CN", "S&T task host organisation"},
};
constexpr Word kPeerGroup[]{
    {"department", "Sở, ban, ngành", "Departments"},
    {"commune", "Xã, phường, đặc khu", "Communes, wards and special zones"},
    {"other", "Khác", "Other"},
};
constexpr Word kDirectiveKind[]{
    {"decision", "Quyết định", "Decision"},   {"plan", "Kế hoạch", "Plan"},
    {"program", "Chương trình", "Programme"}, {"letter", "Công văn", "Official letter"},
    {"notice", "Thông báo", "Notice"},        {"resolution", "Nghị quyết", "Resolution"},
    {"conclusion", "Kết luận", "Conclusion"}, {"other", "Khác", "Other"},
};
// R11: the ranking's components.
constexpr Word kRankingComponent[]{
    {"timeliness", "đúng hạn báo cáo", "reports on time"},
    {"updates", "cập nhật", "updates"},
    {"completion", "hoàn thành đúng hạn", "done on time"},
    {"indicators", "đạt chỉ tiêu", "indicators met"},
    {"feedback", "trả lời phản ánh đúng hạn", "feedback answered on time"},
};
constexpr Word kIndicatorSource[]{
    {"reported", "Đơn vị báo cáo", "Reported by the units"},
    {"national_portal", "Nguồn: Cổng dịch vụ công quốc gia (nhập tay)",
     "Source: national public-service portal (entered by hand)"},
    {"feedback_r1", "Tự tính: phản ánh trả lời đúng hạn (R1)", "Computed: feedback answered on time (R1)"},
    {"feedback_r2", "Tự tính: mức độ hài lòng theo QĐ 766 (R2)", "Computed: satisfaction per Decision 766 (R2)"},
    {"feedback_rated_share", "Tự tính: tỷ lệ đánh giá hài lòng", "Computed: share of ratings satisfied"},
    {"st_tracking", "Tự tính: nhiệm vụ KH&CN theo dõi toàn trình (R18)",
     "Computed: S&T tasks tracked through their whole life (R18)"},
};
constexpr Word kFeedbackKind[]{
    {"phan_anh", "Phản ánh", "Report"},
    {"kien_nghi", "Kiến nghị", "Recommendation"},
    {"sang_kien", "Sáng kiến", "Initiative"},
    {"giai_phap", "Giải pháp", "Solution"},
    {"dat_hang", "Đặt hàng sản phẩm", "Product order"},
};
constexpr Word kFeedbackSender[]{
    {"nguoi_dan", "Người dân", "Citizen"},
    {"doanh_nghiep", "Doanh nghiệp", "Business"},
    {"vien", "Viện nghiên cứu", "Research institute"},
    {"truong", "Trường đại học, cao đẳng", "University or college"},
    {"nha_khoa_hoc", "Nhà khoa học", "Scientist"},
    {"nha_sang_tao", "Nhà sáng tạo", "Innovator"},
    {"co_quan", "Cơ quan, tổ chức", "Agency or organisation"},
};
constexpr Word kFeedbackChannel[]{
    {"web", "Trang góp ý trực tuyến", "Online feedback page"},
    {"letter", "Thư, văn bản", "Letter"},
    {"phone", "Điện thoại", "Phone"},
    {"meeting", "Cuộc họp, tiếp xúc", "Meeting"},
    {"one_stop", "Bộ phận một cửa", "One-stop desk"},
    {"pakn", "pakn.nq57.vn", "pakn.nq57.vn"},
};
constexpr Word kFeedbackState[]{
    {"received", "Mới tiếp nhận", "New"},
    {"accepted", "Đã thụ lý, chờ giao", "Accepted, to assign"},
    {"not_accepted", "Không thụ lý", "Not accepted"},
    {"merged", "Đã gộp", "Merged"},
    {"forwarded", "Đã chuyển cơ quan khác", "Forwarded elsewhere"},
    {"assigned", "Đang xử lý", "In progress"},
    {"drafted", "Chờ thủ trưởng duyệt", "Awaiting approval by the head"},
    {"published", "Đã trả lời", "Answered"},
};
constexpr Word kFeedbackPublicStatus[]{
    {"received", "Đã tiếp nhận", "Received"},
    {"in_progress", "Đang xử lý", "In progress"},
    {"answered", "Đã trả lời", "Answered"},
    {"forwarded", "Đã chuyển cơ quan có thẩm quyền", "Forwarded to the competent body"},
    {"not_accepted", "Không thụ lý", "Not accepted"},
    {"merged", "Đã gộp với phản ánh khác", "Merged with another item"},
};
constexpr Word kFeedbackRating[]{
    {"rat_hai_long", "Rất hài lòng", "Very satisfied"},
    {"hai_long", "Hài lòng", "Satisfied"},
    {"chua_hai_long", "Chưa hài lòng", "Not satisfied"},
};
// Issue 15: an initiative's, a solution's or a product order's way to adoption.
constexpr Word kFeedbackAdoption[]{
    {"proposed", "Đề xuất áp dụng", "Proposed for adoption"},
    {"adopted", "Đã được áp dụng", "Adopted"},
    {"not_adopted", "Không áp dụng", "Not adopted"},
};
// Issue 16: the S&T task register's level, kind and how the task was formed.
constexpr Word kStLevel[]{
    {"quoc_gia", "Cấp quốc gia", "National"},
    {"bo", "Cấp bộ", "Ministry"},
    {"tinh", "Cấp tỉnh", "Provincial"},
    {"co_so", "Cấp cơ sở", "Grassroots"},
};
constexpr Word kStKind[]{
    {"de_tai", "Đề tài", "Research project"},
    {"du_an_sxtn", "Dự án sản xuất thử nghiệm", "Pilot production project"},
    {"de_an", "Đề án khoa học", "Science scheme"},
    {"du_an_khcn", "Dự án khoa học và công nghệ", "S&T project"},
    {"nhiem_vu_dmst", "Nhiệm vụ đổi mới sáng tạo", "Innovation task"},
};
constexpr Word kStMode[]{
    {"dat_hang", "Đặt hàng", "Ordered"},
    {"xet_tai_tro", "Xét tài trợ", "Funding call"},
    {"tuyen_chon", "Tuyển chọn", "Selection"},
    {"giao_truc_tiep", "Giao trực tiếp", "Direct assignment"},
};
// Issue 15: where a feedback item stands in the feedback report as of its day (R17), its own share of the figures.
constexpr Word kFeedbackOutcome[]{
    {"on_time", "Trả lời đúng hạn", "Answered on time"},
    {"late", "Trả lời quá hạn", "Answered late"},
    {"overdue", "Quá hạn chưa trả lời", "Overdue, not answered"},
    {"pending", "Chưa đến hạn trả lời", "Not yet due"},
    {"outside", "Ngoài thẩm quyền (không thụ lý, gộp, chuyển)", "Outside competence (not accepted, merged, forwarded)"},
};

constexpr std::array kVocabularies{
    Vocabulary{"assignment_status", kAssignmentStatus},
    Vocabulary{"task_status", kTaskStatus},
    Vocabulary{"indicator_status", kIndicatorStatus},
    Vocabulary{"report_state", kReportState},
    Vocabulary{"report_action", kReportAction},
    Vocabulary{"timeliness", kTimeliness},
    Vocabulary{"deadline_kind", kDeadlineKind},
    Vocabulary{"period_type", kPeriodType},
    Vocabulary{"aggregation", kAggregation},
    Vocabulary{"comparator", kComparator},
    Vocabulary{"indicator_source", kIndicatorSource},
    Vocabulary{"role", kRole},
    Vocabulary{"unit_kind", kUnitKind},
    Vocabulary{"peer_group", kPeerGroup},
    Vocabulary{"directive_kind", kDirectiveKind},
    Vocabulary{"ranking_component", kRankingComponent},
    Vocabulary{"feedback_kind", kFeedbackKind},
    Vocabulary{"feedback_sender", kFeedbackSender},
    Vocabulary{"feedback_channel", kFeedbackChannel},
    Vocabulary{"feedback_state", kFeedbackState},
    Vocabulary{"feedback_public_status", kFeedbackPublicStatus},
    Vocabulary{"feedback_rating", kFeedbackRating},
    Vocabulary{"feedback_adoption", kFeedbackAdoption},
    Vocabulary{"st_level", kStLevel},
    Vocabulary{"st_kind", kStKind},
    Vocabulary{"st_mode", kStMode},
    Vocabulary{"feedback_outcome", kFeedbackOutcome},
};

const Word* find(std::string_view vocabulary, std::string_view code) {
  for (const auto& v : kVocabularies) {
    if (v.name != vocabulary) continue;
    for (const auto& w : v.words)
      if (w.code == code) return &w;
  }
  return nullptr;
}

}  // namespace

std::span<const Vocabulary> vocabularies() { return kVocabularies; }

std::string_view vi_label(std::string_view vocabulary, std::string_view code) {
  const Word* w = find(vocabulary, code);
  return w ? w->vi : std::string_view{};
}

std::string_view code_of(std::string_view vocabulary, std::string_view text) {
  const std::string key = search_key(text);
  if (key.empty()) return {};
  for (const auto& v : kVocabularies) {
    if (v.name != vocabulary) continue;
    for (const auto& w : v.words)
      if (text == w.code || key == search_key(w.vi) || key == search_key(w.en)) return w.code;
  }
  return {};
}

std::string_view en_label(std::string_view vocabulary, std::string_view code) {
  const Word* w = find(vocabulary, code);
  return w ? w->en : std::string_view{};
}

}  // namespace tiendo::domain
