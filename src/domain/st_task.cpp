#include "domain/st_task.h"

#include <algorithm>
#include <array>
#include <map>

#include "domain/feedback.h"
#include "domain/names.h"
#include "domain/text.h"

namespace tiendo::domain {

namespace {
constexpr std::array<std::string_view, kStStageCount> kStages{
    "de_xuat",    "xac_dinh",       "thong_bao",      "giao_truc_tiep", "xet_chon",  "phe_duyet",
    "hop_dong",   "thuc_hien",      "nop_nghiem_thu", "danh_gia",       "cong_nhan", "dang_ky_kq",
    "quyet_toan", "sau_nghiem_thu", "cham_dut",       "khong_dat",      "huy"};
constexpr std::array<std::string_view, kStStageCount> kStageLabels{"Đề xuất, bài toán",
                                                                   "Xác định, đặt hàng",
                                                                   "Thông báo tuyển chọn, xét tài trợ",
                                                                   "Giao trực tiếp",
                                                                   "Xét chọn, thẩm định",
                                                                   "Phê duyệt",
                                                                   "Ký hợp đồng",
                                                                   "Đang thực hiện",
                                                                   "Nộp hồ sơ nghiệm thu",
                                                                   "Hội đồng đánh giá, nghiệm thu",
                                                                   "Công nhận kết quả",
                                                                   "Đăng ký kết quả",
                                                                   "Quyết toán, thanh lý",
                                                                   "Sau nghiệm thu (ứng dụng kết quả)",
                                                                   "Chấm dứt",
                                                                   "Không đạt",
                                                                   "Hủy"};
constexpr std::array<std::string_view, 6> kKinds{"stage", "tam_ung", "thanh_toan", "kiem_tra", "gia_han", "dieu_chinh"};
constexpr std::array<std::string_view, 4> kModes{"dat_hang", "xet_tai_tro", "tuyen_chon", "giao_truc_tiep"};
constexpr std::array<std::string_view, 3> kRatings{"xuat_sac", "dat", "khong_dat"};
constexpr std::array<std::string_view, 3> kRatingLabels{"Xuất sắc", "Đạt", "Không đạt"};
// The words of the register's page (web/src/pages/st-tasks/StOverdue.tsx), as a sentence carries them.
constexpr std::array<std::string_view, 6> kOverdueWords{
    "quá hạn ký hợp đồng",        "quá hạn nộp hồ sơ nghiệm thu", "chậm nộp hồ sơ nghiệm thu quá 6 tháng",
    "quá 12 tháng chưa kiểm tra", "chưa đăng ký kết quả",         "chưa quyết toán"};
constexpr std::array<std::string_view, 6> kOverdue{"no_contract",   "no_dossier",     "dossier_failing",
                                                   "no_inspection", "not_registered", "not_settled"};

using S = StStage;
using P = StActor;
struct Move {
  S from, to;
  bool host;  // the host may take it too (the managing agency always may)
};
// Every move of the machine. The managing agency records every step; the host of the task files its own
// acceptance dossier, records its results' registration and reports uptake after settlement.
constexpr Move kMoves[] = {
    {S::de_xuat, S::xac_dinh, false},
    {S::de_xuat, S::huy, false},
    {S::xac_dinh, S::thong_bao, false},
    {S::xac_dinh, S::giao_truc_tiep, false},
    {S::xac_dinh, S::huy, false},
    {S::thong_bao, S::xet_chon, false},
    {S::thong_bao, S::huy, false},
    {S::giao_truc_tiep, S::xet_chon, false},
    {S::giao_truc_tiep, S::huy, false},
    {S::xet_chon, S::phe_duyet, false},
    {S::xet_chon, S::huy, false},
    {S::phe_duyet, S::hop_dong, false},
    {S::phe_duyet, S::huy, false},
    {S::hop_dong, S::thuc_hien, false},
    {S::hop_dong, S::cham_dut, false},
    {S::thuc_hien, S::nop_nghiem_thu, true},
    {S::thuc_hien, S::cham_dut, false},
    {S::nop_nghiem_thu, S::danh_gia, false},
    {S::nop_nghiem_thu, S::cham_dut, false},
    {S::danh_gia, S::cong_nhan, false},
    {S::danh_gia, S::khong_dat, false},
    {S::cong_nhan, S::dang_ky_kq, true},
    {S::dang_ky_kq, S::quyet_toan, false},
    {S::quyet_toan, S::sau_nghiem_thu, true},
};

const Move* find_move(S from, S to) {
  for (const auto& m : kMoves) {
    if (m.from == from && m.to == to) return &m;
  }
  return nullptr;
}
bool may(const Move& m, P actor) { return actor == P::managing_agency || (actor == P::host && m.host); }

StStepResult refuse(StRefusal r, std::string field = {}) { return {false, r, std::move(field)}; }

bool share_at_least(long long part, long long whole, int percent) {
  // part / whole ≥ percent / 100, in integers (đồng amounts stay far below 2^63 / 100).
  return part * 100 >= whole * percent;
}
}  // namespace

std::string_view to_string(StStage v) { return name_of(kStages, v); }
std::string_view to_string(StEventKind v) { return name_of(kKinds, v); }
std::string_view to_string(StMode v) { return name_of(kModes, v); }
std::string_view to_string(StRating v) { return name_of(kRatings, v); }
std::string_view to_string(StOverdueKind v) { return name_of(kOverdue, v); }
std::optional<StStage> st_stage_from(std::string_view s) { return from_name<StStage>(kStages, s); }
std::optional<StEventKind> st_event_kind_from(std::string_view s) { return from_name<StEventKind>(kKinds, s); }
std::optional<StMode> st_mode_from(std::string_view s) { return from_name<StMode>(kModes, s); }
std::optional<StRating> st_rating_from(std::string_view s) { return from_name<StRating>(kRatings, s); }
std::string_view st_stage_label(StStage s) { return kStageLabels[static_cast<size_t>(s)]; }
std::string_view st_rating_label(StRating r) { return kRatingLabels[static_cast<size_t>(r)]; }
std::string_view st_overdue_words(StOverdueKind k) { return kOverdueWords[static_cast<size_t>(k)]; }
bool is_host_unit_kind(std::string_view unit_kind) { return unit_kind == kHostRootKind || unit_kind == kHostOrgKind; }
bool unit_fits_parent(std::string_view kind, std::optional<std::string_view> parent_kind) {
  if (kind == kHostRootKind) return !parent_kind;
  if (kind == kHostOrgKind) return parent_kind && is_host_unit_kind(*parent_kind);
  return !parent_kind || !is_host_unit_kind(*parent_kind);
}
bool role_fits_unit(std::string_view role, std::string_view unit_kind) {
  // The root only gathers the organisations: no one works in it.
  if (unit_kind == kHostRootKind) return false;
  return (role == kHostRole) == (unit_kind == kHostOrgKind);
}
bool is_exit(StStage s) { return s == S::cham_dut || s == S::khong_dat || s == S::huy; }

const StRules& StRuleBook::at(Date d) const {
  static const StRules kDefaults{};
  const StRules* best = nullptr;
  for (const auto& r : versions) {
    if (r.effective_from <= d && (!best || r.effective_from > best->effective_from)) best = &r;
  }
  // Before the first version the oldest one applies: a task older than every rule is judged by the first.
  if (!best) {
    for (const auto& r : versions) {
      if (!best || r.effective_from < best->effective_from) best = &r;
    }
  }
  return best ? *best : kDefaults;
}

StRuleBook default_st_rule_book() { return StRuleBook{{StRules{}}}; }

std::vector<StActor> st_actors(StRole role, std::string_view unit_path, std::string_view managing_unit_path,
                               std::string_view host_unit_path) {
  std::vector<StActor> out;
  if (role == StRole::managing_agency) out.push_back(StActor::managing_agency);
  if (role == StRole::unit_officer && managing_unit_path.starts_with(unit_path))
    out.push_back(StActor::managing_agency);
  if (role == StRole::host && host_unit_path.starts_with(unit_path)) out.push_back(StActor::host);
  if (out.empty()) out.push_back(StActor::other);
  return out;
}

bool st_manages(const std::vector<StActor>& actors) {
  return std::find(actors.begin(), actors.end(), StActor::managing_agency) != actors.end();
}

bool st_register_choice(std::string_view field, std::string_view value) {
  static const std::map<std::string_view, std::vector<std::string_view>> choices{
      {"level", {"quoc_gia", "bo", "tinh", "co_so"}},
      {"kind", {"de_tai", "du_an_sxtn", "de_an", "du_an_khcn", "nhiem_vu_dmst"}},
      {"mode", {"dat_hang", "xet_tai_tro", "tuyen_chon", "giao_truc_tiep"}}};
  const auto it = choices.find(field);
  return it != choices.end() && std::find(it->second.begin(), it->second.end(), value) != it->second.end();
}

std::optional<std::string> st_rules_fraction_over(const StRules& r) {
  if (r.excellent_num > r.excellent_den) return "excellent_num";
  if (r.fail_num > r.fail_den) return "fail_num";
  return std::nullopt;
}

std::optional<std::string> missing_document_field(const StDocument& doc) {
  auto blank = [](const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; };
  if (blank(doc.number)) return "doc_number";
  if (!doc.date) return "doc_date";
  if (blank(doc.signer_name)) return "signer_name";
  if (blank(doc.signer_position)) return "signer_position";
  return std::nullopt;
}

namespace {
StStepResult check_document(const StDocument& doc, Date recorded_on, std::optional<Date> previous_doc_date) {
  if (auto f = missing_document_field(doc)) return refuse(StRefusal::missing_document, *f);
  if (*doc.date > recorded_on) return refuse(StRefusal::document_in_future, "doc_date");
  if (previous_doc_date && *doc.date < *previous_doc_date) return refuse(StRefusal::document_too_early, "doc_date");
  return {true};
}
}  // namespace

StStepResult st_stage_step(StStage from, StStage to, StActor actor, const StDocument& doc, Date recorded_on,
                           std::optional<Date> previous_doc_date, std::optional<StRating> rating) {
  const Move* m = find_move(from, to);
  if (!m) return refuse(StRefusal::wrong_stage);
  if (!may(*m, actor)) return refuse(StRefusal::wrong_actor);
  if (auto d = check_document(doc, recorded_on, previous_doc_date); !d.allowed) return d;
  if (to == S::danh_gia && !rating) return refuse(StRefusal::rating_required, "rating");
  if (from == S::danh_gia) {
    if (!rating) return refuse(StRefusal::rating_required, "rating");
    if ((to == S::khong_dat) != (*rating == StRating::khong_dat)) return refuse(StRefusal::rating_mismatch, "rating");
  }
  return {true};
}

std::vector<StStage> st_next_stages(StStage from, StActor actor) {
  std::vector<StStage> out;
  for (const auto& m : kMoves) {
    if (m.from == from && may(m, actor)) out.push_back(m.to);
  }
  return out;
}

bool st_event_allowed(StStage at, StEventKind kind, StActor actor) {
  if (actor != P::managing_agency) return false;
  switch (kind) {
    case StEventKind::stage:
      return false;
    case StEventKind::tam_ung:
    case StEventKind::kiem_tra:
      return at == S::hop_dong || at == S::thuc_hien;
    case StEventKind::gia_han:
    case StEventKind::dieu_chinh:
      return at == S::thuc_hien;
    case StEventKind::thanh_toan:
      // Settlements go on until the accounts are closed.
      return at >= S::hop_dong && at <= S::dang_ky_kq;
  }
  return false;
}

StStepResult st_advance_check(const StRules& r, long long budget_nsnn, const StMoney& before, long long amount) {
  if (amount <= 0) return refuse(StRefusal::amount_required, "amount");
  if (before.advanced == 0) {
    if (amount * 100 > budget_nsnn * r.first_advance_max_percent) {
      return refuse(StRefusal::first_advance_over, "amount");
    }
    return {true};
  }
  if (st_tranche_blocked(r, before)) return refuse(StRefusal::advances_not_settled, "amount");
  return {true};
}

bool st_tranche_blocked(const StRules& r, const StMoney& money) {
  return money.advanced > 0 && !share_at_least(money.settled, money.advanced, r.next_advance_settled_percent);
}

StStepResult st_settlement_check(const StMoney& before, long long amount) {
  if (amount <= 0) return refuse(StRefusal::amount_required, "amount");
  if (before.settled + amount > before.advanced) return refuse(StRefusal::settled_over_advanced, "amount");
  return {true};
}

std::optional<StRating> council_rating(const StRules& r, const StVotes& v) {
  const long long n = v.present();
  if (n <= 0 || v.xuat_sac < 0 || v.dat < 0 || v.khong_dat < 0) return std::nullopt;
  if (static_cast<long long>(v.khong_dat) * r.fail_den > n * r.fail_num) return StRating::khong_dat;
  if (v.khong_dat == 0 && static_cast<long long>(v.xuat_sac) * r.excellent_den >= n * r.excellent_num) {
    return StRating::xuat_sac;
  }
  return StRating::dat;
}

Date add_months_clamped(Date d, int months) {
  using namespace std::chrono;
  const year_month_day ymd{d};
  const year_month ym = year_month{ymd.year(), ymd.month()} + std::chrono::months{months};
  const Date last = last_day_of_month(static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()));
  const unsigned day = std::min(static_cast<unsigned>(ymd.day()), day_of(last));
  return make_date(static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()), day);
}

std::optional<StRating> acceptance_rating(const StRules& r, const StVotes& v, Date end, Date dossier_date) {
  auto council = council_rating(r, v);
  if (!council) return std::nullopt;
  if (dossier_date > add_months_clamped(end, r.dossier_fail_months)) return StRating::khong_dat;
  return council;
}

StStepResult st_extension_check(const StRules& r, Date start, Date end, bool already_extended, Date requested_on,
                                Date new_end) {
  if (already_extended) return refuse(StRefusal::already_extended);
  if (requested_on > add_months_clamped(end, -r.extension_notice_months)) {
    return refuse(StRefusal::extension_too_late, "requested_on");
  }
  if (new_end <= end) return refuse(StRefusal::extension_not_later, "new_end");
  const bool long_task = add_months_clamped(start, r.long_task_months) < end;
  const int max = long_task ? r.extension_max_months_long : r.extension_max_months_short;
  if (new_end > add_months_clamped(end, max)) return refuse(StRefusal::extension_too_long, "new_end");
  return {true};
}

StState st_state_as_of(const StTaskFacts& t, Date as_of) {
  StState s;
  s.end = t.end;
  for (const auto& e : t.events) {
    if (e.recorded_on > as_of) continue;
    switch (e.kind) {
      case StEventKind::stage:
        s.known = true;
        s.stage = e.to;
        s.since = e.doc_date;
        switch (e.to) {
          case S::phe_duyet:
            s.approved_on = e.doc_date;
            break;
          case S::hop_dong:
            s.contract_on = e.doc_date;
            break;
          case S::nop_nghiem_thu:
            s.dossier_on = e.doc_date;
            break;
          case S::danh_gia:
            s.rating = e.rating;
            break;
          case S::cong_nhan:
            s.recognised_on = e.doc_date;
            break;
          case S::dang_ky_kq:
            s.registered_on = e.doc_date;
            break;
          case S::quyet_toan:
            s.settled_on = e.doc_date;
            break;
          default:
            break;
        }
        break;
      case StEventKind::tam_ung:
        s.money.advanced += e.amount;
        break;
      case StEventKind::thanh_toan:
        s.money.settled += e.amount;
        break;
      case StEventKind::kiem_tra:
        s.last_inspection_on = e.doc_date;
        break;
      case StEventKind::gia_han:
        if (e.new_end) s.end = e.new_end;
        s.extended = true;
        break;
      case StEventKind::dieu_chinh:
        break;
    }
  }
  return s;
}

std::vector<StOverdue> st_overdue(const StRuleBook& book, const StTaskFacts& t, Date as_of) {
  std::vector<StOverdue> out;
  const StState s = st_state_as_of(t, as_of);
  if (!s.known) return out;
  auto late = [&](StOverdueKind kind, Date due) {
    if (as_of > due) out.push_back({t.id, kind, s.stage, due, static_cast<int>((as_of - due).count())});
  };
  switch (s.stage) {
    case S::phe_duyet:
      late(StOverdueKind::no_contract, s.since + std::chrono::days{book.at(s.since).contract_within_days});
      break;
    case S::hop_dong:
    case S::thuc_hien: {
      if (const auto from = s.last_inspection_on ? s.last_inspection_on : s.contract_on) {
        late(StOverdueKind::no_inspection, add_months_clamped(*from, book.at(*from).inspection_every_months));
      }
      if (s.end) {
        const StRules& r = book.at(*s.end);
        const Date fail = add_months_clamped(*s.end, r.dossier_fail_months);
        if (as_of > fail) {
          late(StOverdueKind::dossier_failing, fail);
        } else {
          late(StOverdueKind::no_dossier, *s.end + std::chrono::days{r.dossier_due_days});
        }
      }
      break;
    }
    case S::cong_nhan:
      late(StOverdueKind::not_registered, s.since + std::chrono::days{book.at(s.since).register_within_days});
      break;
    case S::dang_ky_kq:
      late(StOverdueKind::not_settled, s.since + std::chrono::days{book.at(s.since).settle_within_days});
      break;
    default:
      break;
  }
  return out;
}

std::string st_late_text(const std::vector<StOverdue>& late) {
  std::string out;
  for (const auto& o : late) {
    out += (out.empty() ? "" : "; ") + std::string(st_overdue_words(o.kind)) + " (hạn " + vn_date(o.due) + ", chậm " +
           std::to_string(o.days_late) + " ngày)";
  }
  return out;
}

namespace {
bool active(const StState& s) {
  return s.known && s.approved_on && s.stage != S::quyet_toan && s.stage != S::sau_nghiem_thu && !is_exit(s.stage);
}

// Each month a task owes an update for, in order, as its state `s` knows it: from the contract's start month (the
// contracted start when later than the signing), each month whose due day passed while the task was still in
// execution — before the day of its acceptance dossier's document. Once the dossier is filed no update is taken, so
// a month whose due day had not passed by then (the dossier's own month always, the month before when the dossier
// came before its due day) is owed by no one: the dossier reports the work instead. `visit(month)` returns false to
// stop; the indicator and the reminders share it so that a reminder asks for exactly the months the indicator counts.
template <class Visit>
void for_each_owed_month(const StRuleBook& book, const StTaskFacts& t, const StState& s, Visit visit) {
  if (!s.contract_on) return;
  const Date start = t.start ? std::max(*t.start, *s.contract_on) : *s.contract_on;
  for (Period m{PeriodType::monthly, year_of(start), static_cast<int>(month_of(start))};; m = next(m)) {
    if (s.dossier_on && st_update_due(book, m) >= *s.dossier_on) return;
    if (!visit(m)) return;
  }
}

bool updated_by(const StTaskFacts& t, Period month, Date by) {
  return std::any_of(t.updates.begin(), t.updates.end(), [&](const StMonthlyFact& u) {
    return u.year == month.year && static_cast<int>(u.month) == month.number && u.recorded_on <= by;
  });
}
}  // namespace

bool st_monthly_update_open(StStage s) { return s == S::hop_dong || s == S::thuc_hien; }

std::string st_monthly_update_refusal(StStage s) {
  if (st_monthly_update_open(s)) return {};
  const std::string now = " (bước hiện tại: «" + std::string(st_stage_label(s)) + "»)";
  if (is_exit(s)) return "nhiệm vụ đã dừng" + now + ", không còn cập nhật hằng tháng";
  if (s < S::hop_dong) return "nhiệm vụ chưa ký hợp đồng" + now + ", chưa cập nhật hằng tháng";
  return "nhiệm vụ đã nộp hồ sơ nghiệm thu, không còn ở giai đoạn thực hiện" + now +
         "; từ đó kết quả được báo cáo qua hồ sơ nghiệm thu, không cập nhật hằng tháng nữa";
}

Date st_update_due(const StRuleBook& book, Period month) {
  const auto m = static_cast<unsigned>(month.number);
  return last_day_of_month(month.year, m) + std::chrono::days{book.at(make_date(month.year, m, 1)).update_grace_days};
}

std::vector<StUpdateReminder> st_update_reminders(const StRuleBook& book, const StTaskFacts& t, Date today) {
  std::vector<StUpdateReminder> out;
  const StState s = st_state_as_of(t, today);
  if (!active(s) || !st_monthly_update_open(s.stage)) return out;
  for_each_owed_month(book, t, s, [&](Period m) {
    if (make_date(m.year, static_cast<unsigned>(m.number), 1) > today) return false;
    if (updated_by(t, m, today)) return true;
    const Date due = st_update_due(book, m);
    if (today >= due - std::chrono::days{kStUpdateDueSoonDays} && today <= due) {
      out.push_back({StUpdateUrgency::due_soon, m, due});
    } else if (today > due && today <= st_update_due(book, next(m))) {
      out.push_back({StUpdateUrgency::overdue, m, due});
    }
    return true;
  });
  return out;
}

std::optional<long long> st_estimate_as_of(const StTaskFacts& t, int year, Date as_of) {
  // The latest entry by then; of two entered the same day, the later in the list (the order they were entered).
  const StEstimateFact* found = nullptr;
  for (const auto& e : t.estimates) {
    if (e.year == year && e.entered_on <= as_of && (!found || e.entered_on >= found->entered_on)) found = &e;
  }
  return found ? std::optional(found->amount) : std::nullopt;
}

namespace {
StTaskRefs refs(const std::vector<StTaskFacts>& tasks) {
  StTaskRefs out;
  out.reserve(tasks.size());
  for (const auto& t : tasks) out.push_back(&t);
  return out;
}
}  // namespace

StYearDisbursement st_year_disbursement(const std::vector<StTaskFacts>& tasks, int year, Date as_of) {
  return st_year_disbursement(refs(tasks), year, as_of);
}

StYearDisbursement st_year_disbursement(const StTaskRefs& tasks, int year, Date as_of) {
  StYearDisbursement out;
  out.year = year;
  for (const StTaskFacts* p : tasks) {
    const StTaskFacts& t = *p;
    StYearDisbursementRow row;
    row.task_id = t.id;
    row.code = t.code;
    row.estimate = st_estimate_as_of(t, year, as_of);
    for (const auto& e : t.events) {
      if (e.kind == StEventKind::tam_ung && year_of(e.doc_date) == year && e.doc_date <= as_of &&
          e.recorded_on <= as_of)
        row.disbursed += e.amount;
    }
    if (!row.estimate && row.disbursed == 0) continue;
    if (row.estimate && *row.estimate > 0) row.rate = 100.0 * static_cast<double>(row.disbursed) / *row.estimate;
    out.estimate += row.estimate.value_or(0);
    out.disbursed += row.disbursed;
    out.rows.push_back(std::move(row));
  }
  if (out.estimate > 0) out.rate = 100.0 * static_cast<double>(out.disbursed) / static_cast<double>(out.estimate);
  return out;
}

StTracking st_tracking(const StRuleBook& book, const HolidayCalendar& cal, const std::vector<StTaskFacts>& tasks,
                       Date as_of) {
  return st_tracking(book, cal, refs(tasks), as_of);
}

StTracking st_tracking(const StRuleBook& book, const HolidayCalendar& cal, const StTaskRefs& tasks, Date as_of) {
  StTracking out;
  for (const StTaskFacts* p : tasks) {
    const StTaskFacts& t = *p;
    const StState s = st_state_as_of(t, as_of);
    if (!active(s)) continue;
    StTrackingRow row;
    row.task_id = t.id;
    row.code = t.code;
    row.registered = t.national_code_on && *t.national_code_on <= as_of;
    for (const auto& e : t.events) {
      if (e.kind != StEventKind::stage || e.recorded_on > as_of) continue;
      const int wd = book.at(e.doc_date).record_within_working_days;
      if (!e.documented || e.recorded_on > add_working_days(cal, e.doc_date, wd)) row.late_events.push_back(e.doc_date);
    }
    row.documented = row.late_events.empty();
    // Each month owed whose update was due by now, updated in time or not.
    for_each_owed_month(book, t, s, [&](Period m) {
      const Date due = st_update_due(book, m);
      if (due >= as_of) return false;  // not yet judged: the due day has not passed by the end of as_of
      ++row.months_due;
      if (updated_by(t, m, due)) ++row.months_updated;
      return true;
    });
    row.updated = row.months_updated == row.months_due;
    ++out.active;
    out.registered += row.registered;
    out.documented += row.documented;
    out.updated += row.updated;
    out.tracked += row.tracked();
    out.rows.push_back(std::move(row));
  }
  if (out.active > 0) {
    auto pct = [&](long long n) { return 100.0 * static_cast<double>(n) / static_cast<double>(out.active); };
    out.rate = pct(out.tracked);
    out.registered_rate = pct(out.registered);
    out.documented_rate = pct(out.documented);
    out.updated_rate = pct(out.updated);
  }
  return out;
}

StFigures st_figures(const StRuleBook& book, const HolidayCalendar& cal, const std::vector<StTaskFacts>& tasks,
                     Date as_of) {
  return st_figures(book, cal, refs(tasks), as_of);
}

StFigures st_figures(const StRuleBook& book, const HolidayCalendar& cal, const StTaskRefs& tasks, Date as_of) {
  StFigures out;
  out.as_of = as_of;
  out.tracking = st_tracking(book, cal, tasks, as_of);
  out.year = st_year_disbursement(tasks, year_of(as_of), as_of);
  std::map<long long, const StTrackingRow*> tracked;
  for (const auto& r : out.tracking.rows) tracked[r.task_id] = &r;
  std::map<long long, const StYearDisbursementRow*> paid;
  for (const auto& r : out.year.rows) paid[r.task_id] = &r;
  std::map<StStage, std::vector<long long>> at_stage;
  std::map<StStage, long long> late_at;
  for (const StTaskFacts* p : tasks) {
    const StTaskFacts& t = *p;
    const StState s = st_state_as_of(t, as_of);
    StFigureRow row;
    row.task_id = t.id;
    row.code = t.code;
    row.stage = s.stage;
    // A task not known by then counts nowhere but, with an estimate already entered, in the year's disbursement.
    if (s.known) {
      at_stage[s.stage].push_back(t.id);
      out.money.advanced += s.money.advanced;
      out.money.settled += s.money.settled;
      if (st_tranche_blocked(book.at(as_of), s.money) && !is_exit(s.stage) && s.stage <= StStage::thuc_hien)
        out.blocked.push_back({t.id, s.money});
      row.rating = s.rating;
      if (s.rating) {
        out.outcomes.push_back({t.id, *s.rating});
        ++(*s.rating == StRating::xuat_sac ? out.xuat_sac : *s.rating == StRating::dat ? out.dat : out.khong_dat);
      }
      row.late = st_overdue(book, t, as_of);
      out.overdue.insert(out.overdue.end(), row.late.begin(), row.late.end());
      if (!row.late.empty()) {
        ++late_at[s.stage];
        ++out.late_tasks;
      }
    }
    if (const auto it = tracked.find(t.id); it != tracked.end()) {
      row.active = true;
      row.registered = it->second->registered;
      row.documented = it->second->documented;
      row.updated = it->second->updated;
      row.tracked = it->second->tracked();
    }
    const auto in_year = paid.find(t.id);
    if (in_year != paid.end()) {
      row.estimate = in_year->second->estimate;
      row.disbursed = in_year->second->disbursed;
    }
    if (row.active || !row.late.empty() || row.rating || in_year != paid.end()) out.rows.push_back(std::move(row));
  }
  for (auto& [stage, ids] : at_stage) out.stages.push_back({stage, std::move(ids)});
  for (const auto& [stage, n] : late_at) out.late_at_stage.push_back({stage, n});
  return out;
}

StPipeline st_problem_pipeline(const std::vector<StTaskFacts>& tasks, Date as_of) {
  return st_problem_pipeline(refs(tasks), as_of);
}

StPipeline st_problem_pipeline(const StTaskRefs& tasks, Date as_of) {
  struct Key {
    std::string sector, problem;
    auto operator<=>(const Key&) const = default;
  };
  std::map<std::string, StPipelineSector> sectors;  // by folded sector
  std::map<Key, StPipelineProblem> problems;        // by folded sector and problem
  for (const StTaskFacts* task : tasks) {
    const StTaskFacts& t = *task;
    const std::string problem_key = search_phrase(t.problem);
    if (problem_key.empty()) continue;
    const StState s = st_state_as_of(t, as_of);
    if (!s.known) continue;
    StPipelineTask row{t.id, t.code, s.stage, std::nullopt};
    std::optional<Date> first;
    for (const auto& e : t.events) {
      if (e.recorded_on > as_of || e.kind != StEventKind::stage) continue;
      if (!first || e.doc_date < *first) first = e.doc_date;
      if (!row.ordered_on && e.to != StStage::de_xuat && e.to != StStage::huy) row.ordered_on = e.doc_date;
    }
    if (s.stage == StStage::huy) row.ordered_on.reset();
    const Key key{search_phrase(t.sector), problem_key};
    auto [it, fresh] = problems.try_emplace(key);
    StPipelineProblem& p = it->second;
    if (fresh || *first < p.proposed_on) {
      p.proposed_on = *first;
      p.problem = t.problem;
    }
    if (row.ordered_on) ++p.ordered_tasks;
    p.tasks.push_back(std::move(row));
    if (sectors.find(key.sector) == sectors.end()) sectors[key.sector].sector = t.sector;
  }
  StPipeline out;
  for (auto& [key, p] : problems) {
    std::sort(p.tasks.begin(), p.tasks.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
    StPipelineSector& sec = sectors[key.sector];
    ++sec.problems_proposed;
    sec.ordered_tasks += p.ordered_tasks;
    if (p.ordered_tasks > 0) ++sec.problems_ordered;
    sec.problems.push_back(std::move(p));
  }
  for (auto& [key, sec] : sectors) {
    std::stable_sort(sec.problems.begin(), sec.problems.end(),
                     [](const auto& a, const auto& b) { return a.proposed_on < b.proposed_on; });
    out.problems_proposed += sec.problems_proposed;
    out.problems_ordered += sec.problems_ordered;
    out.ordered_tasks += sec.ordered_tasks;
    out.sectors.push_back(std::move(sec));
  }
  out.met = out.problems_ordered >= out.target;
  return out;
}

}  // namespace tiendo::domain
