#include "service/synthesis.h"

#include <algorithm>
#include <map>
#include <set>

#include "domain/labels.h"
#include "domain/text.h"
#include "service/audit.h"
#include "service/dashboard_model.h"
#include "service/document_layout.h"
#include "service/errors.h"
#include "service/json_out.h"
#include "service/risks.h"
#include "service/st_figures.h"
#include "store/followup_store.h"
#include "store/plan_store.h"
#include "store/report_store.h"

namespace tiendo::service {

namespace json = boost::json;
using formats::Align;
using formats::Cell;
using formats::Paragraph;
using formats::Run;
using formats::TableBlock;

namespace {

json::object ratio(long long num, long long den) {
  json::object o{{"numerator", num}, {"denominator", den}, {"share", nullptr}, {"text", "—"}};
  if (den > 0) {
    o["share"] = 100.0 * static_cast<double>(num) / static_cast<double>(den);
    o["text"] = std::to_string(num) + "/" + std::to_string(den) + " (" +
                domain::vn_percent(100.0 * static_cast<double>(num) / static_cast<double>(den)) + ")";
  }
  return o;
}

std::string str(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : std::string(); }

// "27/QĐ-BCĐ" -> "BCĐ"; "01-CTr/BCĐ" -> "BCĐ": the issuing body's code in a document number.
std::string issuer_code(const std::string& number) {
  const auto slash = number.rfind('/');
  const auto dash = number.rfind('-');
  if (dash != std::string::npos && (slash == std::string::npos || dash > slash)) return number.substr(dash + 1);
  return slash == std::string::npos ? "BCĐ" : number.substr(slash + 1);
}

std::string text_of(double v, const std::string& unit) {
  if (unit == "%") return domain::vn_percent(v);
  std::string s = domain::vn_percent(v);
  s = s.substr(0, s.size() - 2);  // the same number format, without the sign
  return unit.empty() ? s : s + " " + unit;
}

// Issue 16: the city's state-funded S&T tasks in the report (R18), as of its day: the tracking indicator with its three
// sub-rates, the tasks late at each stage, the year's disbursement against its estimate, the acceptance outcomes, and
// one row per task any of them counts, so that each number is a count of the rows below it.
json::object st_tasks_json(const StTaskFigures& all) {
  const auto& f = all.figures;
  const auto& tr = f.tracking;
  json::array by_stage;
  for (const auto& l : f.late_at_stage)
    by_stage.push_back(json::object{
        {"stage", domain::to_string(l.stage)}, {"stage_label", domain::st_stage_label(l.stage)}, {"count", l.tasks}});
  json::array rows;
  for (const auto& r : f.rows) {
    const auto& t = all.tasks.at(r.task_id);
    json::array late;
    for (const auto& o : r.late) {
      late.push_back(
          json::object{{"kind", domain::to_string(o.kind)}, {"due", domain::iso(o.due)}, {"days_late", o.days_late}});
    }
    rows.push_back(
        json::object{{"task_id", r.task_id},
                     {"code", r.code},
                     {"title", t.title},
                     {"host_unit_name", t.host_unit_name},
                     {"stage", domain::to_string(r.stage)},
                     {"stage_label", domain::st_stage_label(r.stage)},
                     {"active", r.active},
                     {"registered", r.registered},
                     {"documented", r.documented},
                     {"updated", r.updated},
                     {"tracked", r.tracked},
                     {"late", std::move(late)},
                     {"late_text", domain::st_late_text(r.late)},
                     {"rating", r.rating ? json::value(domain::to_string(*r.rating)) : json::value(nullptr)},
                     {"rating_text", r.rating ? std::string(domain::st_rating_label(*r.rating)) : std::string()},
                     {"estimate", r.estimate ? json::value(*r.estimate) : json::value(nullptr)},
                     {"disbursed", r.disbursed}});
  }
  const auto& y = f.year;
  return json::object{
      {"as_of", domain::iso(f.as_of)},
      {"rule", "R18"},
      {"active", tr.active},
      {"tracked", ratio(tr.tracked, tr.active)},
      {"registered", ratio(tr.registered, tr.active)},
      {"documented", ratio(tr.documented, tr.active)},
      {"updated", ratio(tr.updated, tr.active)},
      {"late_tasks", f.late_tasks},
      {"late_at_stage", std::move(by_stage)},
      {"disbursement", json::object{{"year", y.year},
                                    {"estimate", y.estimate},
                                    {"disbursed", y.disbursed},
                                    {"rate_percent", y.rate ? json::value(*y.rate) : json::value(nullptr)},
                                    {"estimate_text", domain::vn_million_dong(y.estimate)},
                                    {"disbursed_text", domain::vn_million_dong(y.disbursed)},
                                    {"rate_text", y.rate ? domain::vn_percent(*y.rate) : "—"}}},
      {"outcomes", json::object{{"xuat_sac", f.xuat_sac}, {"dat", f.dat}, {"khong_dat", f.khong_dat}}},
      {"rows", std::move(rows)}};
}

}  // namespace

json::object synthesis_json(store::Connection& c, Evaluator& ev, const store::Directive& d, domain::Period period,
                            domain::Instant now, const std::optional<store::SynthesisReport>& saved) {
  const auto& cal = ev.calendar(d.id);
  const bool annual = period.type == domain::PeriodType::annual;
  // The annual report covers the year so far; its reporting figures are those of the last judged period.
  const domain::Period judged = annual ? ev.judged(d.id) : period;
  store::AssignmentFilter f;
  f.directive_id = d.id;
  f.known_before = ev.known_before();  // the plan as it was (issue 12)
  auto raw = store::list_assignments(c, f);
  for (auto& a : raw) ev.patch(a);  // a past date's document shows what was known then (issue 12)
  std::vector<EvaluatedAssignment> all;
  for (const auto& a : raw) all.push_back(ev.evaluate(a));
  const Rollup r = roll_up(all);

  // Reporting: received and on time, of those expected. Received is what the review page and the dashboard
  // count (R4): sent at least once, on time or late — a report withdrawn, returned or reopened to a draft was
  // still received, so the three agree for the same moment.
  const auto obligations = report_obligations(c, ev, d.id, judged, now, raw, std::nullopt);
  long long received = 0, on_time = 0;
  for (const auto& o : obligations) {
    if (o.timeliness == domain::Timeliness::on_time || o.timeliness == domain::Timeliness::late) ++received;
    if (o.timeliness == domain::Timeliness::on_time) ++on_time;
  }
  const auto expected = static_cast<long long>(obligations.size());
  json::object headline{{"completeness", ratio(received, expected)},
                        {"timeliness", ratio(on_time, expected)},
                        {"update_compliance", ratio(r.open_updated, r.open)},
                        {"on_time_completion", ratio(r.done_on_time, r.done_on_time + r.done_late + r.overdue)},
                        {"assignments", to_json(r)}};

  json::array indicators;
  for (auto& ind :
       store::list_indicators(c, {.directive_id = d.id, .known_before = ev.known_before()}, {100000, 0}, nullptr)) {
    ev.patch(ind);
    const auto e = evaluate_indicator(c, ev, ind, std::nullopt);
    indicators.push_back(json::object{
        {"code", ind.code},
        {"name", ind.name},
        {"target_text", ind.target_text},
        {"actual", e.aggregate.value ? json::value(*e.aggregate.value) : json::value(nullptr)},
        {"actual_text", e.aggregate.value ? domain::figure_text(e.target, *e.aggregate.value) : "—"},  // R13
        {"estimated_text",
         e.aggregate.estimated_full_year ? text_of(*e.aggregate.estimated_full_year, ind.unit_of_measure) : "—"},
        {"status", domain::to_string(e.status)},
        {"status_text", domain::vn_label(e.status)},
        {"units_reporting", e.aggregate.units_reporting},
        {"units_expected", e.aggregate.units_expected},
        {"coverage_text", domain::coverage_text(e.aggregate.units_reporting, e.aggregate.units_expected)},
        {"rule", e.cumulative ? "R10" : "R9"}});
  }

  // Overdue work, longest overdue first, with the cause and remedy of an overdue review where one exists
  // and the unit's own words from its latest report.
  std::map<store::Id, std::pair<std::string, std::string>> reviews;  // assignment -> cause, remedy
  // Only the reviews written by the end of as_of: a past date's document shows what was known then.
  const auto& cut = ev.known_before();
  for (const auto& r : store::list_overdue_reviews(c, std::nullopt, std::nullopt))
    if (!cut || r.created_at < *cut) reviews[r.assignment_id] = {r.cause, r.remedy};
  std::vector<const EvaluatedAssignment*> overdue;
  for (const auto& x : all)
    if (x.counted && x.e.status == domain::AssignmentStatus::overdue) overdue.push_back(&x);  // R1
  std::stable_sort(overdue.begin(), overdue.end(),
                   [](const auto* a, const auto* b) { return a->e.overdue_days > b->e.overdue_days; });
  json::array overdue_items;
  for (const auto* x : overdue) {
    json::object o{{"assignment_id", x->a->id},
                   {"task_code", x->a->task->code},
                   {"task_name", x->a->task->name},
                   {"unit_name", x->a->unit->name},
                   {"overdue_days", x->e.overdue_days},
                   {"due", x->e.due ? domain::vn_date(*x->e.due) : ""},
                   {"cause", ""},
                   {"proposal", ""}};
    if (auto it = reviews.find(x->a->id); it != reviews.end()) {
      o["cause"] = it->second.first;
      o["proposal"] = it->second.second;
    }
    overdue_items.push_back(std::move(o));
  }

  // Issue 17: open work not yet due that is at risk of finishing late (forecast from its monthly progress, or
  // stalled), as known at as_of: shown beside the rule-based figures, never counted in them.
  json::array risk_items;
  for (const auto& rk : find_risks(c, ev, d.id, std::nullopt).items)
    risk_items.push_back(json::object{{"assignment_id", rk.a->id},
                                      {"task_code", rk.a->task->code},
                                      {"task_name", rk.a->task->name},
                                      {"unit_name", rk.a->unit->name},
                                      {"due", domain::vn_date(rk.due)},
                                      {"reason", rk.f.reason}});

  // What changed since the previous report: the same figures at the previous period's due date.
  const domain::Period prev = domain::previous(judged);
  Evaluator past(c, std::min(domain::report_due_date(cal.rule, cal.holidays, prev), ev.as_of()), now);
  std::vector<EvaluatedAssignment> before;
  for (const auto& a : raw) before.push_back(past.evaluate(a));
  const Rollup rb = roll_up(before);
  json::array newly_done;
  for (size_t i = 0; i < all.size(); ++i) {
    using S = domain::AssignmentStatus;
    const bool done_now = all[i].e.status == S::done_on_time || all[i].e.status == S::done_late;
    const bool done_then = before[i].e.status == S::done_on_time || before[i].e.status == S::done_late;
    if (done_now && !done_then && newly_done.size() < 50)
      newly_done.push_back(json::object{{"task_code", all[i].a->task->code},
                                        {"task_name", all[i].a->task->name},
                                        {"unit_name", all[i].a->unit->name}});
  }
  json::object changes{{"since", domain::vn_date(past.as_of())},
                       {"done", r.done_on_time + r.done_late},
                       {"done_before", rb.done_on_time + rb.done_late},
                       {"overdue", r.overdue},
                       {"overdue_before", rb.overdue},
                       {"update_compliance", ratio(r.open_updated, r.open)},
                       {"update_compliance_before", ratio(rb.open_updated, rb.open)},
                       {"newly_done", std::move(newly_done)}};

  // Difficulties and proposals the units wrote in this period's reports, grouped by field.
  std::map<std::string, json::array> by_field;
  std::map<store::Id, std::string> field_of;
  for (const auto& a : raw) field_of[a.id] = a.task->field.empty() ? "Chung" : a.task->field;
  for (const auto& rep : store::list_reports(c, {.directive_id = d.id, .period = judged.key()}, {100000, 0}, nullptr)) {
    if (!rep.first_submitted_at || (cut && *rep.first_submitted_at >= *cut)) continue;
    // What the report said when last submitted (by the end of as_of): a returned or reopened report's
    // corrections count once it is submitted again.
    if (const auto said = store::last_submitted_text(c, rep.id, cut);
        said && (!said->difficulties.empty() || !said->proposals.empty()))
      by_field["Chung"].push_back(json::object{
          {"unit_name", rep.unit_name}, {"difficulties", said->difficulties}, {"proposals", said->proposals}});
    for (const auto& item : store::last_submitted_items(c, rep.id, cut)) {
      if (item.difficulties.empty() && item.proposals.empty()) continue;
      by_field[field_of.count(item.assignment_id) ? field_of[item.assignment_id] : "Chung"].push_back(
          json::object{{"unit_name", rep.unit_name},
                       {"task_code", item.task_code},
                       {"difficulties", item.difficulties},
                       {"proposals", item.proposals},
                       {"exceeds_authority", item.exceeds_authority}});
    }
  }
  json::array difficulties;
  for (auto& [field, items] : by_field)
    difficulties.push_back(json::object{{"field", field}, {"items", std::move(items)}});

  // Ranking: the first and last five of each peer group.
  const RankingData rd = ranking_data(c, ev, now, std::nullopt, {d}, raw);
  json::object ranking;
  for (const char* group : {"department", "commune"}) {
    std::vector<domain::RankingInput> inputs;
    for (const auto& [id, u] : rd.units)
      if (u.peer_group == group) inputs.push_back(u.input);
    json::array items;
    const auto ranked = domain::rank_units(inputs, rd.weights);
    for (size_t i = 0; i < ranked.size(); ++i) {
      if (ranked.size() > 10 && i >= 5 && i + 5 < ranked.size()) continue;
      items.push_back(json::object{{"rank", ranked[i].rank},
                                   {"unit_name", rd.units.at(ranked[i].input.unit_id).name},
                                   {"score", ranked[i].score ? json::value(*ranked[i].score) : json::value(nullptr)}});
    }
    ranking[group] = json::object{{"count", static_cast<long long>(ranked.size())}, {"items", std::move(items)}};
  }
  std::set<std::string> counted;  // R11: the indicators the indicator component counted
  for (const auto& [id, u] : rd.units) counted.insert(u.indicators.begin(), u.indicators.end());
  ranking["formula"] = domain::ranking_formula(rd.weights, {counted.begin(), counted.end()});
  ranking["rule"] = "R11";

  // The city's S&T tasks as of the same day, whoever reads the report: none known by then leaves the section out.
  const auto st = st_task_figures(c, std::nullopt, ev.as_of());

  // Meta and narrative: what was saved, or what the document starts from.
  const bool party = d.number.find('-') < d.number.find('/');
  store::SynthesisReport meta = saved.value_or(store::SynthesisReport{});
  if (!saved) {
    meta.format = party ? "party" : "state";
    meta.signer_title = "Phó Trưởng ban";
    meta.recipients = party ? "- Thường trực Thành ủy;\n- Các đồng chí Ủy viên Ban Chỉ đạo;\n- Lưu Văn phòng Thành ủy."
                            : "- Ban Chỉ đạo Chính phủ (để b/c);\n- Thường trực Thành ủy, HĐND thành phố (để b/c);\n"
                              "- Chủ tịch, các PCT UBND thành phố;\n- Thành viên Ban Chỉ đạo;\n- Lưu: VT, SKHCN.";
  }
  const auto sections_saved = json::parse(meta.sections_json.empty() ? "{}" : meta.sections_json).as_object();
  const std::string words = domain::period_words(period.key());
  json::object defaults{
      {"summary", "Thực hiện " + d.number + " về " + d.title + ", " + std::to_string(received) + "/" +
                      std::to_string(expected) + " đơn vị đã gửi báo cáo " + domain::period_words(judged.key()) +
                      "; tỉ lệ cập nhật tiến độ đạt " +
                      (r.open > 0 ? domain::vn_percent(100.0 * r.open_updated / r.open) : std::string("—")) + "; có " +
                      std::to_string(r.overdue) + " lượt nhiệm vụ quá hạn."},
      {"results", "Các cơ quan, đơn vị đã hoàn thành " + std::to_string(r.done_on_time + r.done_late) + "/" +
                      std::to_string(r.total) + " lượt nhiệm vụ được giao, trong đó " + std::to_string(r.done_on_time) +
                      " lượt đúng hạn."},
      {"next_tasks",
       "Tập trung hoàn thành các nhiệm vụ quá hạn và sắp đến hạn; cập nhật tiến độ đầy đủ, đúng hạn "
       "trước ngày 20 hằng tháng."},
      {"proposals",
       "Đề nghị Ban Chỉ đạo chỉ đạo các đơn vị có nhiệm vụ quá hạn báo cáo giải trình, đề xuất giải "
       "pháp khắc phục."}};
  json::object narrative;
  for (const char* k : kNarrativeSections) {
    const auto it = sections_saved.find(k);
    narrative[k] = it != sections_saved.end() && it->value().is_string() && !it->value().as_string().empty()
                       ? it->value()
                       : defaults[k];
  }

  std::string root_name = "Thành phố Hải Phòng";
  if (const auto root = store::root_unit(c)) root_name = root->name;
  std::string place = root_name;
  for (const char* prefix : {"Thành phố ", "Tỉnh "})
    if (place.starts_with(prefix)) place = place.substr(std::string(prefix).size());
  const auto fmt = domain::document_format_from(meta.format).value_or(domain::DocumentFormat::state);
  // Undated, a draft bears its as_of date, never the day it is printed: the same document however late.
  const domain::Date issued = meta.issued_on ? *domain::parse_iso_date(*meta.issued_on) : ev.as_of();
  return json::object{
      {"directive", json::object{{"id", d.id}, {"number", d.number}, {"title", d.title}, {"issuer", d.issuer}}},
      {"period", period.key()},
      {"kind", annual ? "annual" : "periodic"},
      {"period_words", words},
      {"as_of", domain::iso(ev.as_of())},
      {"data_read_at", domain::iso(now)},
      {"data_read_line", domain::data_read_line(ev.as_of(), now)},
      {"judged_period", judged.key()},
      {"meta",
       json::object{
           {"format", meta.format},
           {"number", meta.number ? json::value(*meta.number) : json::value(nullptr)},
           {"issued_on", meta.issued_on ? json::value(*meta.issued_on) : json::value(nullptr)},
           {"signer_name", meta.signer_name},
           {"signer_title", meta.signer_title},
           {"recipients", meta.recipients},
           {"version", meta.version},
           // Never saved: null, as every other instant not yet reached (not an empty string).
           {"updated_at", meta.updated_at.empty() ? json::value(nullptr) : json::value(meta.updated_at)},
           {"parent_body", domain::upper(fmt == domain::DocumentFormat::party ? "Đảng bộ " + root_name
                                                                              : "Ủy ban nhân dân " + root_name)},
           {"issuing_body", domain::upper(d.issuer.empty() ? "Ban Chỉ đạo" : d.issuer)},
           {"number_line", domain::number_line(fmt, meta.number, "BC", issuer_code(d.number))},
           {"place", place},
           {"date_line", domain::place_date_line(place, issued)},
       }},
      {"headline", std::move(headline)},
      {"indicators", std::move(indicators)},
      {"overdue",
       json::object{{"total", static_cast<long long>(overdue_items.size())}, {"items", std::move(overdue_items)}}},
      {"risks", json::object{{"total", static_cast<long long>(risk_items.size())}, {"items", std::move(risk_items)}}},
      {"changes", std::move(changes)},
      {"difficulties", std::move(difficulties)},
      {"ranking", std::move(ranking)},
      {"st_tasks", st.any() ? json::value(st_tasks_json(st)) : json::value(nullptr)},
      {"narrative", std::move(narrative)}};
}

void mark_issued(json::object& s, const std::string& number, domain::Date issued_on) {
  auto& meta = s.at("meta").as_object();
  const bool party = str(meta.at("format")) == "party";
  meta["number_line"] = (party ? "Số " : "Số: ") + number;
  meta["date_line"] = domain::place_date_line(str(meta.at("place")), issued_on);
}

namespace {

using layout::cell;
using layout::centered;
using layout::heading;
using layout::p;
using layout::rule;

// Issue 16: the S&T tasks in the results, as the standing agency writes them: the tracking indicator and its three
// conditions, the year's disbursement, the acceptance outcomes and how many tasks are late at which stage.
void st_tasks_paragraphs(formats::DocxDocument& doc, const json::object& st) {
  const std::string lead = "Về quản lý nhiệm vụ khoa học và công nghệ sử dụng ngân sách nhà nước: đến hết ngày " +
                           domain::vn_date(*domain::parse_iso_date(str(st.at("as_of")))) + ", ";
  const auto active = st.at("active").as_int64();
  if (active == 0) {
    doc.body.push_back(p(lead + "không có nhiệm vụ đang thực hiện."));
  } else {
    const auto& tracked = st.at("tracked").as_object();
    doc.body.push_back(p(lead + "có " + std::to_string(active) + " nhiệm vụ đang thực hiện, trong đó " +
                         std::to_string(tracked.at("numerator").as_int64()) +
                         " nhiệm vụ được theo dõi toàn trình (đạt " +
                         domain::vn_percent(tracked.at("share").to_number<double>()) + "), cụ thể:"));
    doc.body.push_back(p("- Đã có mã trên Nền tảng số quốc gia về khoa học, công nghệ và đổi mới sáng tạo: " +
                         str(st.at("registered").at("text")) + "."));
    doc.body.push_back(p("- Các bước thực hiện có đủ văn bản và được cập nhật lên hệ thống đúng hạn: " +
                         str(st.at("documented").at("text")) + "."));
    doc.body.push_back(p("- Cập nhật tiến độ hằng tháng đầy đủ, đúng hạn: " + str(st.at("updated").at("text")) + "."));
  }
  const auto& money = st.at("disbursement").as_object();
  const std::string year = std::to_string(money.at("year").as_int64());
  if (money.at("rate_percent").is_null())
    doc.body.push_back(p("- Giải ngân năm " + year + ": " + str(money.at("disbursed_text")) +
                         " (chưa có dự toán được giao trong năm)."));
  else
    doc.body.push_back(p("- Giải ngân năm " + year + ": " + str(money.at("disbursed_text")) + "/" +
                         str(money.at("estimate_text")) + " dự toán được giao (đạt " + str(money.at("rate_text")) +
                         ")."));
  const auto& outcomes = st.at("outcomes").as_object();
  std::string rated;
  for (const auto& [key, words] : {std::pair{"xuat_sac", "xếp loại Xuất sắc"}, std::pair{"dat", "xếp loại Đạt"},
                                   std::pair{"khong_dat", "không đạt"}}) {
    if (const auto n = outcomes.at(key).as_int64(); n > 0)
      rated += (rated.empty() ? "" : ", ") + std::to_string(n) + " nhiệm vụ " + words;
  }
  doc.body.push_back(p(rated.empty() ? "- Chưa có nhiệm vụ được hội đồng đánh giá, nghiệm thu."
                                     : "- Kết quả đánh giá, nghiệm thu: " + rated + "."));
  const auto late = st.at("late_tasks").as_int64();
  if (late == 0) {
    doc.body.push_back(p("- Không có nhiệm vụ chậm so với thời hạn quy định."));
  } else {
    std::string at;
    for (const auto& v : st.at("late_at_stage").as_array())
      at += (at.empty() ? "" : "; ") + std::string("bước ") + str(v.at("stage_label")) + ": " +
            std::to_string(v.at("count").as_int64());
    doc.body.push_back(p("- Nhiệm vụ chậm so với thời hạn quy định: " + std::to_string(late) + " nhiệm vụ (" + at +
                         "), chi tiết tại Mục II và Phụ lục III."));
  }
}

// The S&T tasks late at their stage, one line each, after the plan's own late work.
void st_late_paragraphs(formats::DocxDocument& doc, const json::object& st) {
  const auto late = st.at("late_tasks").as_int64();
  if (late == 0) return;
  doc.body.push_back(p("Đối với nhiệm vụ khoa học và công nghệ sử dụng ngân sách nhà nước, có " + std::to_string(late) +
                       " nhiệm vụ chậm so với thời hạn quy định, cụ thể:"));
  long long n = 0;
  for (const auto& v : st.at("rows").as_array()) {
    if (v.at("late").as_array().empty()) continue;
    if (++n > 50) {
      doc.body.push_back(p("- Và " + std::to_string(late - 50) + " nhiệm vụ khác (chi tiết tại Phụ lục III)."));
      break;
    }
    doc.body.push_back(p("- Nhiệm vụ " + str(v.at("code")) + " (" + str(v.at("title")) + ") — " +
                         str(v.at("host_unit_name")) + ", bước " + str(v.at("stage_label")) + ": " +
                         str(v.at("late_text")) + "."));
  }
  doc.body.push_back(
      p("Đề nghị các tổ chức chủ trì, cơ quan quản lý nhiệm vụ có tên trên khẩn trương hoàn thành các bước còn chậm "
        "theo quy định."));
}

}  // namespace

formats::DocxDocument synthesis_document(const json::object& s) {
  const auto& meta = s.at("meta").as_object();
  const auto& narrative = s.at("narrative").as_object();
  const bool party = str(meta.at("format")) == "party";
  const auto fmt = party ? domain::DocumentFormat::party : domain::DocumentFormat::state;
  formats::DocxDocument doc;
  const std::string period_words = str(s.at("period_words"));
  doc.title = "Báo cáo " + period_words;

  doc.body.push_back(layout::header_block({fmt, str(meta.at("parent_body")), str(meta.at("issuing_body")),
                                           str(meta.at("number_line")), str(meta.at("date_line"))}));

  Paragraph title = centered("BÁO CÁO", true, 28);
  title.space_before = 360;
  doc.body.push_back(title);
  const bool annual = str(s.at("kind")) == "annual";
  const auto& dir = s.at("directive").as_object();
  doc.body.push_back(centered((annual ? "Kết quả thực hiện " : "Tình hình thực hiện ") + str(dir.at("title")) + " (" +
                                  str(dir.at("number")) + ") " + period_words,
                              true, 28));
  doc.body.push_back(rule(3500));
  Paragraph gap = p("");
  gap.space_after = 120;
  doc.body.push_back(gap);
  Paragraph read = p(str(s.at("data_read_line")) + ".", Align::center, false, true);
  read.first_line_indent = 0;
  doc.body.push_back(read);
  doc.body.push_back(p(str(narrative.at("summary"))));

  const auto& h = s.at("headline").as_object();
  doc.body.push_back(heading("I. KẾT QUẢ THỰC HIỆN"));
  doc.body.push_back(heading("1. Tình hình báo cáo và cập nhật tiến độ", 2));
  doc.body.push_back(p("- Số đơn vị đã gửi báo cáo: " + str(h.at("completeness").at("text")) + "."));
  doc.body.push_back(p("- Báo cáo đúng hạn: " + str(h.at("timeliness").at("text")) + "."));
  doc.body.push_back(
      p("- Nhiệm vụ được cập nhật tiến độ trong kỳ: " + str(h.at("update_compliance").at("text")) + "."));
  doc.body.push_back(p("- Nhiệm vụ đến hạn hoàn thành đúng hạn: " + str(h.at("on_time_completion").at("text")) + "."));

  doc.body.push_back(heading("2. Kết quả thực hiện các chỉ tiêu", 2));
  const int w = formats::kTextWidthTwips;
  TableBlock ind{{600, w - 600 - 1300 - 1300 - 1300 - 1700, 1300, 1300, 1300, 1700}, {}, 1, true};
  ind.rows.push_back({cell("TT", true, Align::center), cell("Chỉ tiêu", true, Align::center),
                      cell("Chỉ tiêu năm", true, Align::center), cell("Thực hiện", true, Align::center),
                      cell("Ước cả năm", true, Align::center), cell("Đánh giá", true, Align::center)});
  for (const auto& v : s.at("indicators").as_array()) {
    const auto& o = v.as_object();
    ind.rows.push_back({cell(str(o.at("code")), false, Align::center), cell(str(o.at("name"))),
                        cell(str(o.at("target_text")), false, Align::center),
                        cell(str(o.at("actual_text")), false, Align::center),
                        cell(str(o.at("estimated_text")), false, Align::center), cell(str(o.at("status_text")))});
  }
  if (ind.rows.size() > 1)
    doc.body.push_back(ind);
  else
    doc.body.push_back(p("Kế hoạch không có chỉ tiêu."));

  doc.body.push_back(heading("3. Kết quả thực hiện nhiệm vụ", 2));
  doc.body.push_back(p(str(narrative.at("results"))));
  const auto& st = s.at("st_tasks");
  if (st.is_object()) st_tasks_paragraphs(doc, st.as_object());
  const auto& ch = s.at("changes").as_object();
  doc.body.push_back(heading("4. Thay đổi so với kỳ báo cáo trước", 2));
  doc.body.push_back(p("So với ngày " + str(ch.at("since")) + ": số lượt nhiệm vụ hoàn thành từ " +
                       std::to_string(ch.at("done_before").as_int64()) + " lên " +
                       std::to_string(ch.at("done").as_int64()) + "; số lượt quá hạn từ " +
                       std::to_string(ch.at("overdue_before").as_int64()) + " thành " +
                       std::to_string(ch.at("overdue").as_int64()) + "; tỉ lệ cập nhật từ " +
                       str(ch.at("update_compliance_before").at("text")) + " thành " +
                       str(ch.at("update_compliance").at("text")) + "."));
  for (const auto& v : ch.at("newly_done").as_array())
    doc.body.push_back(p("- Hoàn thành mới: nhiệm vụ " + str(v.at("task_code")) + " (" + str(v.at("task_name")) +
                         ") — " + str(v.at("unit_name")) + "."));

  doc.body.push_back(heading("II. NHIỆM VỤ CHẬM TIẾN ĐỘ, NGUYÊN NHÂN VÀ ĐỀ XUẤT"));
  const auto& overdue = s.at("overdue").at("items").as_array();
  if (overdue.empty()) {
    doc.body.push_back(p("Không có nhiệm vụ quá hạn."));
  } else {
    TableBlock t{{600, w - 600 - 2400 - 1100 - 2600, 2400, 1100, 2600}, {}, 1, true};
    t.rows.push_back({cell("TT", true, Align::center), cell("Nhiệm vụ", true, Align::center),
                      cell("Đơn vị", true, Align::center), cell("Quá hạn (ngày)", true, Align::center),
                      cell("Nguyên nhân, đề xuất", true, Align::center)});
    int n = 0;
    for (const auto& v : overdue) {
      if (++n > 200) break;  // the full list is in the appendix
      std::string why = str(v.at("cause"));
      if (!str(v.at("proposal")).empty()) why += (why.empty() ? "" : "; ") + str(v.at("proposal"));
      t.rows.push_back({cell(std::to_string(n), false, Align::center),
                        cell(str(v.at("task_code")) + ". " + str(v.at("task_name"))), cell(str(v.at("unit_name"))),
                        cell(std::to_string(v.at("overdue_days").as_int64()), false, Align::center),
                        cell(why.empty() ? "Chưa giải trình" : why)});
    }
    doc.body.push_back(t);
  }
  // The work at risk before it is overdue, as a civil servant writes it: a sentence, then one line each.
  const auto& risks = s.at("risks").at("items").as_array();
  if (risks.empty()) {
    doc.body.push_back(
        p("Qua theo dõi tiến độ cập nhật hằng tháng, chưa phát hiện nhiệm vụ chưa đến hạn có nguy cơ "
          "không hoàn thành đúng hạn."));
  } else {
    doc.body.push_back(p("Qua theo dõi tiến độ cập nhật hằng tháng, có " + std::to_string(risks.size()) +
                         " lượt nhiệm vụ chưa đến hạn nhưng có nguy cơ không hoàn thành đúng hạn (dự báo từ tiến độ "
                         "đã báo cáo, không tính vào kết quả đánh giá, xếp hạng), cụ thể:"));
    size_t n = 0;
    for (const auto& v : risks) {
      if (++n > 50) {
        doc.body.push_back(p("- Và " + std::to_string(risks.size() - 50) +
                             " lượt nhiệm vụ khác (chi tiết tại mục Nguy cơ trên Bảng điều hành)."));
        break;
      }
      doc.body.push_back(p("- Nhiệm vụ " + str(v.at("task_code")) + " (" + str(v.at("task_name")) + ") — " +
                           str(v.at("unit_name")) + ", hạn " + str(v.at("due")) + ": " + str(v.at("reason")) + "."));
    }
    doc.body.push_back(
        p("Đề nghị các cơ quan, đơn vị có tên trên rà soát, có giải pháp đẩy nhanh tiến độ, bảo đảm "
          "hoàn thành đúng thời hạn được giao."));
  }

  if (st.is_object()) st_late_paragraphs(doc, st.as_object());

  doc.body.push_back(heading("III. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ"));
  int group_no = 0;
  for (const auto& g : s.at("difficulties").as_array()) {
    doc.body.push_back(heading(std::to_string(++group_no) + ". Lĩnh vực " + str(g.at("field")), 2));
    for (const auto& v : g.at("items").as_array()) {
      std::string line = "- " + str(v.at("unit_name")) + ": ";
      if (!str(v.at("difficulties")).empty()) line += str(v.at("difficulties"));
      if (!str(v.at("proposals")).empty())
        line += (str(v.at("difficulties")).empty() ? "" : " Đề xuất: ") + str(v.at("proposals"));
      doc.body.push_back(p(line));
    }
  }
  doc.body.push_back(p(str(narrative.at("proposals"))));

  doc.body.push_back(heading("IV. XẾP HẠNG CÁC CƠ QUAN, ĐƠN VỊ"));
  doc.body.push_back(p("Cách tính: " + str(s.at("ranking").at("formula")) + "."));
  for (const auto& [group, label] :
       {std::pair{"department", "Các sở, ban, ngành"}, std::pair{"commune", "Các xã, phường, đặc khu"}}) {
    const auto& items = s.at("ranking").at(group).at("items").as_array();
    if (items.empty()) continue;
    doc.body.push_back(p(std::string(label) + " (" + std::to_string(s.at("ranking").at(group).at("count").as_int64()) +
                         " đơn vị; 5 đơn vị đầu và 5 đơn vị cuối):"));
    TableBlock t{{900, w - 900 - 1500, 1500}, {}, 1, true};
    t.rows.push_back(
        {cell("Hạng", true, Align::center), cell("Đơn vị", true, Align::center), cell("Điểm", true, Align::center)});
    for (const auto& v : items) {
      const auto& score = v.at("score");
      t.rows.push_back({cell(std::to_string(v.at("rank").as_int64()), false, Align::center),
                        cell(str(v.at("unit_name"))),
                        cell(score.is_null() ? "—" : text_of(score.to_number<double>(), ""), false, Align::center)});
    }
    doc.body.push_back(t);
  }

  doc.body.push_back(heading("V. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI"));
  doc.body.push_back(p(str(narrative.at("next_tasks"))));

  Paragraph before_sign = p("");
  before_sign.space_after = 120;
  doc.body.push_back(before_sign);
  doc.body.push_back(
      layout::signature_block({str(meta.at("recipients")),
                               {domain::on_behalf_of(fmt, "Ban Chỉ đạo"), domain::deputy_for(fmt, "Trưởng ban"),
                                domain::upper(str(meta.at("signer_title")))},
                               str(meta.at("signer_name"))}));
  return doc;
}

store::Directive reporting_plan(store::Connection& c, store::Id id) {
  auto d = store::find_directive(c, id);
  if (!d) throw not_found("văn bản");
  if (!d->has_plan) throw invalid("id", "Văn bản này không có kế hoạch để báo cáo.");
  return *d;
}

domain::Period report_period(Evaluator& ev, const store::Directive& d, const std::optional<std::string>& key) {
  if (!key) return ev.judged(d.id);
  auto p = domain::parse_period(*key);
  if (!p) throw invalid("period", "Kỳ báo cáo phải có dạng 2026-11, 2026-Q4, 2026-H2 hoặc 2026.");
  const auto type = ev.calendar(d.id).rule.period_type;
  if (p->type != type && p->type != domain::PeriodType::annual)
    throw invalid("period", "Kỳ báo cáo không khớp với kỳ báo cáo của kế hoạch.");
  return *p;
}

json::object synthesis_of(store::Connection& c, store::Id directive_id, const std::optional<std::string>& period,
                          domain::Date as_of, domain::Instant now) {
  const auto d = reporting_plan(c, directive_id);
  Evaluator ev(c, as_of, now);
  const auto p = report_period(ev, d, period);
  return synthesis_json(c, ev, d, p, now, store::find_synthesis(c, d.id, p.key()));
}

json::object save_synthesis(const Call& call, store::Id directive_id, const std::optional<std::string>& period,
                            domain::Date as_of, const SynthesisEdit& edit) {
  auto& c = call.c;
  const auto d = reporting_plan(c, directive_id);
  Evaluator ev(c, as_of, call.now);
  const auto p = report_period(ev, d, period);
  const auto before = store::find_synthesis(c, d.id, p.key());
  store::SynthesisReport r = before.value_or(store::SynthesisReport{});
  r.directive_id = d.id;
  r.period = p.key();
  if (edit.format) {
    if (!domain::document_format_from(*edit.format))
      throw invalid("format", "Thể thức phải là state (Nghị định 30) hoặc party (Đảng).");
    r.format = *edit.format;
  } else if (!before) {
    // A Party committee's number reads "12-KH/TU": its dash comes before the slash.
    r.format = d.number.find('-') < d.number.find('/') ? "party" : "state";
  }
  if (edit.number) r.number = *edit.number;
  if (edit.issued_on) r.issued_on = *edit.issued_on ? std::optional(domain::iso(**edit.issued_on)) : std::nullopt;
  if (edit.signer_name) r.signer_name = *edit.signer_name;
  if (edit.signer_title) r.signer_title = *edit.signer_title;
  if (edit.recipients) r.recipients = *edit.recipients;
  if (edit.sections) {
    json::object sections = json::parse(r.sections_json.empty() ? "{}" : r.sections_json).as_object();
    for (const auto& [k, v] : *edit.sections) {
      const std::string_view key = k;  // a structured binding cannot be captured by clang 14
      if (std::find_if(std::begin(kNarrativeSections), std::end(kNarrativeSections),
                       [&](const char* s) { return key == s; }) == std::end(kNarrativeSections))
        throw invalid("sections." + std::string(k), "Báo cáo không có mục “" + std::string(k) + "”.");
      if (!v.is_string() || v.as_string().size() > 20000)
        throw invalid("sections." + std::string(k), "Nội dung mục phải là văn bản, tối đa 20.000 ký tự.");
      sections[k] = v;
    }
    r.sections_json = json::serialize(sections);
  }
  r.updated_by = call.who.user_id;
  r.updated_at = domain::iso(call.now);
  if (!store::save_synthesis(c, r, static_cast<int>(edit.version)))
    throw conflict("Báo cáo vừa được người khác sửa; hãy tải lại trước khi lưu.", "version");
  audit(c, call.postgres, &call.who, call.now, "synthesis_report", r.id, before ? "update" : "create",
        before
            ? json::value(json::object{{"version", before->version}, {"sections", json::parse(before->sections_json)}})
            : json::value(nullptr),
        json::object{{"version", r.version}, {"period", r.period}, {"sections", json::parse(r.sections_json)}});
  return synthesis_json(c, ev, d, p, call.now, r);
}

}  // namespace tiendo::service
