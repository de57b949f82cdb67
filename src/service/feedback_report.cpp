#include "service/feedback_report.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "domain/decree30.h"
#include "domain/feedback.h"
#include "domain/reporting_rule.h"
#include "domain/text.h"
#include "domain/vocabulary.h"
#include "service/document_layout.h"
#include "service/errors.h"
#include "service/feedback_figures.h"
#include "store/feedback_store.h"
#include "store/plan_store.h"

namespace tiendo::service {

namespace json = boost::json;
using formats::Align;
using formats::TableBlock;
using formats::XlsxRow;
using formats::XlsxValue;
using layout::cell;
using layout::centered;
using layout::heading;
using layout::p;

FeedbackReportPeriod feedback_report_period(std::string_view key) {
  const auto period = domain::parse_period(key);
  if (!period || (period->type != domain::PeriodType::half_year && period->type != domain::PeriodType::annual))
    throw invalid("period", "Kỳ báo cáo phải là 6 tháng (ví dụ 2026-H1, 2026-H2) hoặc một năm (ví dụ 2026).");
  const int y = period->year;
  if (period->type == domain::PeriodType::annual)
    return {period->key(), domain::make_date(y, 1, 1), domain::make_date(y, 12, 31)};
  if (period->number == 1) return {period->key(), domain::make_date(y, 1, 1), domain::make_date(y, 6, 30)};
  return {period->key(), domain::make_date(y, 7, 1), domain::make_date(y, 12, 31)};
}

namespace {

constexpr const char* kNoLead = "Chưa giao đơn vị chủ trì";

std::string str(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : std::string(); }
long long num(const json::value& o, const char* key) { return o.at(key).as_int64(); }

std::string label(std::string_view vocabulary, std::string_view code) {
  return std::string(domain::vi_label(vocabulary, code));
}

json::value opt(const std::optional<double>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value opt(const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); }

// "12/15 (80 %)": the counts behind a rate as officials write them; "—" when nothing can be judged.
std::string ratio_text(long long n, long long d, const std::optional<double>& percent) {
  if (d <= 0 || !percent) return "—";
  return std::to_string(n) + "/" + std::to_string(d) + " (" + domain::vn_percent(*percent) + ")";
}

std::string days_text(const std::optional<double>& days) {
  if (!days) return "—";
  std::string s = domain::vn_percent(*days);
  return s.substr(0, s.size() - 2) + " ngày";  // the same number format, without the sign
}

// One group's figures: every count R17 names, the rates from domain::feedback_figures and their counts as text.
json::object group_json(json::value key, const std::string& label_vi, const domain::FeedbackFigures& g) {
  return json::object{
      {"key", std::move(key)},
      {"label", label_vi},
      {"received", g.received},
      {"within_competence", g.within_competence},
      {"left_competence", g.left_competence},
      {"answered", g.answered},
      {"answered_on_time", g.answered_on_time},
      {"overdue", g.overdue},
      {"pending", g.pending},
      {"complaints", g.complaints},
      {"ratings", g.ratings},
      {"rat_hai_long", g.rat_hai_long},
      {"hai_long", g.hai_long},
      {"chua_hai_long", g.chua_hai_long},
      {"initiatives", g.initiatives},
      {"proposed", g.proposed},
      {"adopted", g.adopted},
      {"not_adopted", g.not_adopted},
      {"r1_percent", opt(g.r1)},
      {"r2_percent", opt(g.r2)},
      {"rated_share_percent", opt(g.rated_share)},
      {"response_rate_percent", opt(g.response_rate)},
      {"median_days", opt(g.median_days)},
      {"r1_text", ratio_text(g.answered_on_time, g.answered + g.overdue, g.r1)},
      {"r2_text", ratio_text(g.within_competence - g.complaints, g.within_competence, g.r2)},
      {"rated_share_text", ratio_text(g.rat_hai_long + g.hai_long, g.ratings, g.rated_share)},
      {"response_rate_text", ratio_text(g.ratings, g.answered, g.response_rate)},
      {"median_days_text", days_text(g.median_days)},
  };
}

// The codes of a vocabulary in its order: every kind, channel and sender type has its row, even at zero.
std::vector<std::string> codes_of(std::string_view vocabulary) {
  std::vector<std::string> out;
  for (const auto& v : domain::vocabularies())
    if (v.name == vocabulary)
      for (const auto& w : v.words) out.emplace_back(w.code);
  return out;
}

// An item's own place in the figures as of the date, read off its one-item figures (so the rows add up to the
// groups' counts by construction): outside the city's competence, answered on time or late, overdue, or pending.
std::string_view outcome_of(const domain::FeedbackFigures& own) {
  if (own.left_competence) return "outside";
  if (own.answered_on_time) return "on_time";
  if (own.answered) return "late";
  if (own.overdue) return "overdue";
  return "pending";
}

std::optional<std::string> rating_of(const domain::FeedbackFigures& own) {
  if (own.rat_hai_long) return "rat_hai_long";
  if (own.hai_long) return "hai_long";
  if (own.chua_hai_long) return "chua_hai_long";
  return std::nullopt;
}

std::optional<std::string> adoption_of(const domain::FeedbackFigures& own) {
  if (own.adopted) return "adopted";
  if (own.not_adopted) return "not_adopted";
  if (own.proposed) return "proposed";
  return std::nullopt;
}

}  // namespace

json::object feedback_report_json(store::Connection& c, const FeedbackReportPeriod& period, domain::Date as_of,
                                  domain::Instant read_at) {
  // The lead unit each item had at the end of as_of (R17: a reassignment after it never moves that day's figures).
  std::map<store::Id, std::vector<domain::LeadChange>> changes;
  std::map<store::Id, std::string> unit_names;
  for (const auto& l : store::list_all_feedback_leads(c)) {
    changes[l.item_id].push_back({*domain::parse_iso_date(l.assigned_on), l.lead_unit_id});
    unit_names[l.lead_unit_id] = l.unit_name;
  }
  store::FeedbackFilter filter;
  filter.received_from = domain::iso(period.from);
  filter.received_to = domain::iso(std::min(period.to, as_of));
  auto items = store::list_feedback(c, filter, 0, 0, nullptr);
  std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
    return std::tie(a.received_on, a.code) < std::tie(b.received_on, b.code);
  });

  std::vector<domain::FeedbackFacts> all;
  std::map<std::string, std::vector<domain::FeedbackFacts>> by_kind, by_channel, by_sender, by_field;
  std::map<std::optional<store::Id>, std::vector<domain::FeedbackFacts>> by_unit;
  json::array rows, initiative_rows;
  for (const auto& f : items) {
    const auto x = feedback_facts(f);
    const auto lead = domain::lead_on(changes[f.id], as_of);
    all.push_back(x);
    by_kind[f.kind].push_back(x);
    by_channel[f.channel].push_back(x);
    by_sender[f.sender_type].push_back(x);
    by_field[f.field].push_back(x);
    by_unit[lead].push_back(x);

    const auto own = domain::feedback_figures({x}, as_of);
    const bool extended = x.extended_due && x.extended_on && *x.extended_on <= as_of;
    const domain::Date due = extended ? *x.extended_due : x.answer_due;
    const auto answered_on =
        x.first_published_on && *x.first_published_on <= as_of ? x.first_published_on : std::nullopt;
    const auto outcome = outcome_of(own);
    const auto rating = rating_of(own);
    const auto adoption = adoption_of(own);
    const bool decided = own.adopted || own.not_adopted;
    json::object row{
        {"code", f.code},
        {"received_on", f.received_on},
        {"kind", f.kind},
        {"kind_label", label("feedback_kind", f.kind)},
        {"field", f.field},
        {"channel", f.channel},
        {"channel_label", label("feedback_channel", f.channel)},
        {"sender_type", f.sender_type},
        {"sender_type_label", label("feedback_sender", f.sender_type)},
        {"lead_unit_id", lead ? json::value(*lead) : json::value(nullptr)},
        {"lead_unit_name", lead ? json::value(unit_names[*lead]) : json::value(nullptr)},
        {"due", domain::iso(due)},
        {"answered_on", answered_on ? json::value(domain::iso(*answered_on)) : json::value(nullptr)},
        {"outcome", outcome},
        {"outcome_label", label("feedback_outcome", outcome)},
        {"complaint", own.complaints > 0},
        {"rating", opt(rating)},
        {"rating_label", rating ? label("feedback_rating", *rating) : std::string()},
        {"initiative", own.initiatives > 0},
        {"adoption", opt(adoption)},
        {"adoption_label", adoption ? label("feedback_adoption", *adoption) : std::string()},
        {"proposed_on", own.proposed ? opt(f.proposed_on) : json::value(nullptr)},
        {"adoption_decided_on", decided ? opt(f.adoption_decided_on) : json::value(nullptr)},
        {"adopted_task_code", own.adopted ? opt(f.adopted_task_code) : json::value(nullptr)},
        {"adopted_task_name", own.adopted ? opt(f.adopted_task_name) : json::value(nullptr)},
        {"policy_change", own.adopted ? opt(f.policy_change) : json::value(nullptr)},
        {"adoption_reason", decided ? opt(f.adoption_reason) : json::value(nullptr)},
    };
    rows.push_back(std::move(row));
  }

  const auto groups = [&](std::string_view vocabulary, auto& by) {
    json::array out;
    for (const auto& code : codes_of(vocabulary))
      out.push_back(group_json(json::value(code), label(vocabulary, code), domain::feedback_figures(by[code], as_of)));
    return out;
  };
  json::array fields;
  for (const auto& [field, facts] : by_field)
    fields.push_back(group_json(json::value(field), field, domain::feedback_figures(facts, as_of)));
  json::array units;
  for (const auto& [unit, facts] : by_unit)
    units.push_back(group_json(unit ? json::value(std::to_string(*unit)) : json::value(nullptr),
                               unit ? unit_names[*unit] : kNoLead, domain::feedback_figures(facts, as_of)));
  // Units by name as officials list them, the items not yet assigned last.
  std::stable_sort(units.begin(), units.end(), [](const json::value& a, const json::value& b) {
    return std::make_tuple(a.at("key").is_null(), str(a.at("label"))) <
           std::make_tuple(b.at("key").is_null(), str(b.at("label")));
  });
  json::array initiative_kinds;
  for (const auto& kind : {"sang_kien", "giai_phap", "dat_hang"})
    initiative_kinds.push_back(
        group_json(json::value(kind), label("feedback_kind", kind), domain::feedback_figures(by_kind[kind], as_of)));

  std::string root_name = "Thành phố Hải Phòng";
  if (const auto root = store::root_unit(c)) root_name = root->name;
  // In a sentence the city is "thành phố Hải Phòng" (the unit's name starts with a capital).
  std::string in_sentence = root_name;
  if (in_sentence.starts_with("Thành phố ") || in_sentence.starts_with("Tỉnh ")) in_sentence[0] = 't';
  std::string place = root_name;
  for (const char* prefix : {"Thành phố ", "Tỉnh "})
    if (place.starts_with(prefix)) place = place.substr(std::string(prefix).size());
  const auto fmt = domain::DocumentFormat::state;
  const std::string words = domain::period_words(period.key);
  return json::object{
      {"period", period.key},
      {"period_words", words},
      {"from", domain::iso(period.from)},
      {"to", domain::iso(period.to)},
      {"as_of", domain::iso(as_of)},
      {"data_read_at", domain::iso(read_at)},
      {"data_read_line", domain::data_read_line(as_of, read_at)},
      {"rule", "R17"},
      {"meta",
       json::object{
           {"issuing_body", "ỦY BAN NHÂN DÂN\n" + domain::upper(root_name)},
           {"issuer_name", "Ủy ban nhân dân " + in_sentence},
           {"number_line", domain::number_line(fmt, std::nullopt, "BC", "UBND")},
           // A draft bears its as_of date, never the day it is printed: the same document however late.
           {"date_line", domain::place_date_line(place, as_of)},
           {"title",
            "Kết quả tiếp nhận, xử lý phản ánh, kiến nghị và mức độ hài lòng của người dân, doanh nghiệp "
            "về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số " +
                words},
           {"recipients",
            "- Văn phòng Chính phủ (để b/c);\n- Bộ Khoa học và Công nghệ (để b/c);\n"
            "- Thường trực Thành ủy, HĐND thành phố (để b/c);\n- Chủ tịch, các PCT UBND thành phố;\n"
            "- Các sở, ban, ngành; UBND các xã, phường, đặc khu;\n- Lưu: VT, SKHCN."},
           {"signer_captions",
            json::array{json::value(domain::on_behalf_of(fmt, "Ủy ban nhân dân")),
                        json::value(domain::deputy_for(fmt, "Chủ tịch")), json::value("PHÓ CHỦ TỊCH")}},
       }},
      {"total", group_json(nullptr, "Tổng cộng", domain::feedback_figures(all, as_of))},
      {"by_kind", groups("feedback_kind", by_kind)},
      {"by_field", std::move(fields)},
      {"by_channel", groups("feedback_channel", by_channel)},
      {"by_sender_type", groups("feedback_sender", by_sender)},
      {"by_unit", std::move(units)},
      {"initiatives", std::move(initiative_kinds)},
      {"items", std::move(rows)},
  };
}

// --- the document (Decree 30) ---

namespace {

// "Phản ánh: 40 (33,3 %)" for each group with items, a share of all received.
void share_lines(formats::DocxDocument& doc, const json::array& groups, long long received) {
  for (const auto& g : groups) {
    const auto n = num(g, "received");
    if (n == 0) continue;
    doc.body.push_back(p("- " + str(g.at("label")) + ": " + std::to_string(n) + " (" +
                         domain::vn_percent(100.0 * static_cast<double>(n) / static_cast<double>(received)) + ")."));
  }
}

TableBlock figures_table(const std::string& dimension, const json::array& groups, const json::object& total) {
  const int w = formats::kTextWidthTwips;
  // The rates with their counts ("52/68 (76,5 %)") on one line; the counts are short.
  TableBlock t{{500, w - 500 - 4 * 850 - 2 * 1650, 850, 850, 850, 850, 1650, 1650}, {}, 1, true};
  t.rows.push_back({cell("TT", true, Align::center), cell(dimension, true, Align::center),
                    cell("Tiếp nhận", true, Align::center), cell("Thuộc thẩm quyền", true, Align::center),
                    cell("Đã trả lời", true, Align::center), cell("Quá hạn chưa trả lời", true, Align::center),
                    cell("Trả lời đúng hạn", true, Align::center), cell("Mức độ hài lòng", true, Align::center)});
  const auto row = [&](const std::string& tt, const json::value& g, bool bold) {
    t.rows.push_back({cell(tt, bold, Align::center), cell(str(g.at("label")), bold),
                      cell(std::to_string(num(g, "received")), bold, Align::center),
                      cell(std::to_string(num(g, "within_competence")), bold, Align::center),
                      cell(std::to_string(num(g, "answered")), bold, Align::center),
                      cell(std::to_string(num(g, "overdue")), bold, Align::center),
                      cell(str(g.at("r1_text")), bold, Align::center),
                      cell(str(g.at("r2_text")), bold, Align::center)});
  };
  int n = 0;
  for (const auto& g : groups)
    if (num(g, "received") > 0) row(std::to_string(++n), g, false);
  row("", total, true);
  return t;
}

}  // namespace

formats::DocxDocument feedback_report_document(const json::object& r) {
  const auto& meta = r.at("meta").as_object();
  const auto& total = r.at("total").as_object();
  const std::string words = str(r.at("period_words"));
  formats::DocxDocument doc;
  doc.title = "Báo cáo phản ánh, kiến nghị " + words;
  doc.body.push_back(layout::header_block({domain::DocumentFormat::state, "", str(meta.at("issuing_body")),
                                           str(meta.at("number_line")), str(meta.at("date_line"))}));

  formats::Paragraph title = centered("BÁO CÁO", true, 28);
  title.space_before = 360;
  doc.body.push_back(title);
  doc.body.push_back(centered(str(meta.at("title")), true, 28));
  doc.body.push_back(layout::rule(3500));
  formats::Paragraph gap = p("");
  gap.space_after = 120;
  doc.body.push_back(gap);
  formats::Paragraph read = p(str(r.at("data_read_line")) + ".", Align::center, false, true);
  read.first_line_indent = 0;
  doc.body.push_back(read);
  const auto vn = [&](const char* key) { return domain::vn_date(*domain::parse_iso_date(str(r.at(key)))); };
  doc.body.push_back(p(str(meta.at("issuer_name")) +
                       " báo cáo kết quả tiếp nhận, xử lý phản ánh, kiến nghị, sáng kiến, giải pháp và đặt hàng sản "
                       "phẩm của người dân, doanh nghiệp, viện, trường, nhà khoa học về khoa học, công nghệ, đổi mới "
                       "sáng tạo và chuyển đổi số " +
                       words + " (các phản ánh, kiến nghị tiếp nhận từ ngày " + vn("from") + " đến ngày " + vn("to") +
                       ") như sau:"));

  const auto received = num(total, "received");
  doc.body.push_back(heading("I. KẾT QUẢ TIẾP NHẬN"));
  if (received == 0) {
    doc.body.push_back(p("Trong kỳ, các cơ quan, đơn vị của thành phố chưa tiếp nhận phản ánh, kiến nghị nào."));
  } else {
    doc.body.push_back(p("Trong kỳ, các cơ quan, đơn vị của thành phố đã tiếp nhận " + std::to_string(received) +
                         " phản ánh, kiến nghị, sáng kiến, giải pháp và đặt hàng sản phẩm, cụ thể:"));
    const std::pair<const char*, const char*> parts[] = {{"1. Theo loại", "by_kind"},
                                                         {"2. Theo kênh tiếp nhận", "by_channel"},
                                                         {"3. Theo đối tượng gửi", "by_sender_type"},
                                                         {"4. Theo lĩnh vực", "by_field"}};
    for (const auto& [head, key] : parts) {
      doc.body.push_back(heading(head, 2));
      share_lines(doc, r.at(key).as_array(), received);
    }
  }

  doc.body.push_back(heading("II. KẾT QUẢ XỬ LÝ, TRẢ LỜI"));
  doc.body.push_back(p(
      "- Thuộc thẩm quyền giải quyết của thành phố: " + std::to_string(num(total, "within_competence")) +
      "; không thụ lý, gộp hoặc chuyển cơ quan có thẩm quyền: " + std::to_string(num(total, "left_competence")) + "."));
  doc.body.push_back(p("- Đã trả lời: " + std::to_string(num(total, "answered")) + ", trong đó đúng hạn " +
                       std::to_string(num(total, "answered_on_time")) +
                       "; quá hạn chưa trả lời: " + std::to_string(num(total, "overdue")) +
                       "; chưa đến hạn trả lời: " + std::to_string(num(total, "pending")) + "."));
  doc.body.push_back(
      p("- Tỷ lệ trả lời đúng hạn (số trả lời đúng hạn trên số đã trả lời và số quá hạn chưa trả lời): " +
        str(total.at("r1_text")) + "."));
  doc.body.push_back(
      p("- Thời gian từ khi tiếp nhận đến khi trả lời (trung vị): " + str(total.at("median_days_text")) + "."));
  if (received > 0) {
    doc.body.push_back(p("Kết quả của từng đơn vị chủ trì trả lời như sau:"));
    doc.body.push_back(figures_table("Đơn vị chủ trì", r.at("by_unit").as_array(), total));
  }

  doc.body.push_back(heading("III. MỨC ĐỘ HÀI LÒNG"));
  doc.body.push_back(
      p("- Mức độ hài lòng theo Quyết định số 766/QĐ-TTg (số phản ánh thuộc thẩm quyền, trừ số bị đánh giá "
        "“Chưa hài lòng” hoặc bị mở lại vì trả lời quá hạn, trên số phản ánh thuộc thẩm quyền): " +
        str(total.at("r2_text")) + "; có " + std::to_string(num(total, "complaints")) + " phản ánh chưa hài lòng."));
  doc.body.push_back(p("- Lượt đánh giá câu trả lời: " + std::to_string(num(total, "ratings")) + " (tỷ lệ phản hồi " +
                       str(total.at("response_rate_text")) + "), trong đó Rất hài lòng " +
                       std::to_string(num(total, "rat_hai_long")) + ", Hài lòng " +
                       std::to_string(num(total, "hai_long")) + ", Chưa hài lòng " +
                       std::to_string(num(total, "chua_hai_long")) +
                       "; tỷ lệ đánh giá hài lòng: " + str(total.at("rated_share_text")) + "."));
  if (received > 0) {
    doc.body.push_back(p("Kết quả theo loại phản ánh, kiến nghị:"));
    doc.body.push_back(figures_table("Loại", r.at("by_kind").as_array(), total));
  }

  doc.body.push_back(heading("IV. SÁNG KIẾN, GIẢI PHÁP, ĐẶT HÀNG SẢN PHẨM"));
  const auto initiatives = num(total, "initiatives");
  if (initiatives == 0) {
    doc.body.push_back(p("Trong kỳ chưa tiếp nhận sáng kiến, giải pháp hoặc đặt hàng sản phẩm."));
  } else {
    const auto proposed = num(total, "proposed"), adopted = num(total, "adopted"),
               not_adopted = num(total, "not_adopted");
    const std::string received_words =
        "Tiếp nhận " + std::to_string(initiatives) + " sáng kiến, giải pháp, đặt hàng sản phẩm; ";
    doc.body.push_back(p(
        proposed == 0 ? received_words + "chưa có sáng kiến, giải pháp, đặt hàng nào được đề xuất áp dụng."
                      : received_words + "đã đề xuất áp dụng " + std::to_string(proposed) + ", trong đó được áp dụng " +
                            std::to_string(adopted) + ", không áp dụng " + std::to_string(not_adopted) +
                            ", đang xem xét " + std::to_string(proposed - adopted - not_adopted) + "."));
    for (const auto& v : r.at("items").as_array()) {
      const auto adoption = str(v.at("adoption"));
      if (adoption != "adopted" && adoption != "not_adopted") continue;
      std::string line =
          "- " + str(v.at("kind_label")) + " " + str(v.at("code")) + " (lĩnh vực " + str(v.at("field")) + "): ";
      if (adoption == "adopted") {
        std::string into;
        if (!str(v.at("adopted_task_code")).empty())
          into = "thành nhiệm vụ " + str(v.at("adopted_task_code")) + " “" + str(v.at("adopted_task_name")) + "”";
        if (!str(v.at("policy_change")).empty())
          into += (into.empty() ? "" : "; ") + std::string("điều chỉnh chính sách: ") + str(v.at("policy_change"));
        line += "được áp dụng" + (into.empty() ? std::string() : " (" + into + ")");
      } else {
        line += "không áp dụng" + (str(v.at("adoption_reason")).empty()
                                       ? std::string()
                                       : std::string(" (lý do: ") + str(v.at("adoption_reason")) + ")");
      }
      doc.body.push_back(p(line + "."));
    }
  }

  doc.body.push_back(heading("V. ĐÁNH GIÁ CHUNG VÀ KIẾN NGHỊ"));
  const auto overdue = num(total, "overdue");
  if (overdue == 0) {
    doc.body.push_back(p("Các phản ánh, kiến nghị thuộc thẩm quyền đến hạn đều đã được trả lời."));
  } else {
    std::string late;
    for (const auto& g : r.at("by_unit").as_array())
      if (const auto n = num(g, "overdue"); n > 0)
        late += (late.empty() ? "" : "; ") + str(g.at("label")) + ": " + std::to_string(n);
    doc.body.push_back(p("Còn " + std::to_string(overdue) + " phản ánh, kiến nghị quá hạn chưa trả lời (" + late +
                         "). Đề nghị các cơ quan, đơn vị có tên trên khẩn trương trả lời, công khai kết quả theo quy "
                         "định."));
  }
  doc.body.push_back(p("Chi tiết từng phản ánh, kiến nghị được tính trong báo cáo tại Phụ lục kèm theo."));

  formats::Paragraph before_sign = p("");
  before_sign.space_after = 120;
  doc.body.push_back(before_sign);
  std::vector<std::string> captions;
  for (const auto& v : meta.at("signer_captions").as_array()) captions.push_back(str(v));
  doc.body.push_back(layout::signature_block({str(meta.at("recipients")), captions, ""}));
  return doc;
}

// --- the appendix (.xlsx) ---

namespace {

std::vector<formats::XlsxColumn> figure_columns(const std::string& dimension) {
  return {{"TT", 6},
          {dimension, 34},
          {"Tiếp nhận", 11},
          {"Không thụ lý, gộp, chuyển cơ quan khác", 14},
          {"Thuộc thẩm quyền", 12},
          {"Đã trả lời", 11},
          {"Trả lời đúng hạn", 11},
          {"Quá hạn chưa trả lời", 12},
          {"Chưa đến hạn", 11},
          {"Tỷ lệ trả lời đúng hạn", 12},
          {"Chưa hài lòng hoặc mở lại vì quá hạn", 14},
          {"Mức độ hài lòng (QĐ 766)", 12},
          {"Lượt đánh giá", 11},
          {"Rất hài lòng", 11},
          {"Hài lòng", 11},
          {"Chưa hài lòng", 11},
          {"Tỷ lệ đánh giá hài lòng", 12},
          {"Tỷ lệ phản hồi", 11},
          {"Số ngày trả lời (trung vị)", 12},
          {"Sáng kiến, giải pháp, đặt hàng", 12},
          {"Đề xuất áp dụng", 11},
          {"Được áp dụng", 11},
          {"Không áp dụng", 11}};
}

XlsxRow figure_row(const std::string& tt, const json::value& g, XlsxRow::Kind kind = XlsxRow::Kind::item) {
  const auto count = [&](const char* key) { return XlsxValue{static_cast<double>(num(g, key))}; };
  const auto percent = [&](const char* key) {
    const auto& v = g.at(key);
    return v.is_null() ? XlsxValue{} : XlsxValue{formats::Percent{v.to_number<double>() / 100.0}};
  };
  const auto& median = g.at("median_days");
  return {kind,
          {tt,
           str(g.at("label")),
           count("received"),
           count("left_competence"),
           count("within_competence"),
           count("answered"),
           count("answered_on_time"),
           count("overdue"),
           count("pending"),
           percent("r1_percent"),
           count("complaints"),
           percent("r2_percent"),
           count("ratings"),
           count("rat_hai_long"),
           count("hai_long"),
           count("chua_hai_long"),
           percent("rated_share_percent"),
           percent("response_rate_percent"),
           median.is_null() ? XlsxValue{} : XlsxValue{median.to_number<double>()},
           count("initiatives"),
           count("proposed"),
           count("adopted"),
           count("not_adopted")}};
}

XlsxValue day(const json::value& v) { return v.is_string() ? XlsxValue{*domain::parse_iso_date(str(v))} : XlsxValue{}; }

}  // namespace

std::vector<formats::XlsxSheet> feedback_report_sheets(const json::object& r) {
  const auto& meta = r.at("meta").as_object();
  const std::vector<std::string> head{"PHỤ LỤC", domain::upper(str(meta.at("title"))),
                                      "(Kèm theo Báo cáo số " +
                                          str(meta.at("number_line")).substr(std::string("Số: ").size()) + " của " +
                                          str(meta.at("issuer_name")) + "; " + str(r.at("data_read_line")) + ")"};
  std::vector<formats::XlsxSheet> sheets;
  const std::tuple<const char*, const char*, const char*, const char*> breakdowns[] = {
      {"Theo loại", "by_kind", "Loại", "Theo loại phản ánh, kiến nghị"},
      {"Theo lĩnh vực", "by_field", "Lĩnh vực", "Theo lĩnh vực"},
      {"Theo kênh tiếp nhận", "by_channel", "Kênh tiếp nhận", "Theo kênh tiếp nhận"},
      {"Theo đối tượng gửi", "by_sender_type", "Đối tượng gửi", "Theo đối tượng gửi"},
      {"Theo đơn vị chủ trì", "by_unit", "Đơn vị chủ trì", "Theo đơn vị chủ trì trả lời (tại ngày số liệu)"},
      {"Sáng kiến, đặt hàng", "initiatives", "Loại", "Sáng kiến, giải pháp, đặt hàng sản phẩm"}};
  for (const auto& [name, key, dimension, subtitle] : breakdowns) {
    formats::XlsxSheet sheet{name, head, figure_columns(dimension), {}};
    sheet.title_lines.push_back(subtitle);
    int n = 0;
    for (const auto& g : r.at(key).as_array()) sheet.rows.push_back(figure_row(std::to_string(++n), g));
    // Every sheet closes on the city's total, except the initiatives' own (three kinds only).
    if (std::string_view(key) != "initiatives") sheet.rows.push_back(figure_row("", r.at("total"), XlsxRow::Kind::sub));
    sheets.push_back(std::move(sheet));
  }

  formats::XlsxSheet list{"Danh sách phản ánh",
                          head,
                          {{"TT", 6},
                           {"Mã phản ánh", 14},
                           {"Ngày tiếp nhận", 12},
                           {"Loại", 14},
                           {"Lĩnh vực", 20},
                           {"Kênh tiếp nhận", 16},
                           {"Đối tượng gửi", 16},
                           {"Đơn vị chủ trì", 28},
                           {"Hạn trả lời", 12},
                           {"Ngày trả lời", 12},
                           {"Kết quả trả lời", 16},
                           {"Chưa hài lòng hoặc mở lại vì quá hạn", 13},
                           {"Đánh giá", 13},
                           {"Áp dụng (sáng kiến, giải pháp, đặt hàng)", 16},
                           {"Nhiệm vụ, chính sách áp dụng", 34}},
                          {}};
  list.title_lines.push_back("Danh sách phản ánh, kiến nghị được tính trong báo cáo");
  int n = 0;
  for (const auto& v : r.at("items").as_array()) {
    std::string into;
    if (!str(v.at("adopted_task_code")).empty())
      into = "Nhiệm vụ " + str(v.at("adopted_task_code")) + " " + str(v.at("adopted_task_name"));
    if (!str(v.at("policy_change")).empty()) into += (into.empty() ? "" : "; ") + str(v.at("policy_change"));
    if (!str(v.at("adoption_reason")).empty() && str(v.at("adoption")) == "not_adopted")
      into = "Lý do: " + str(v.at("adoption_reason"));
    list.rows.push_back(
        {XlsxRow::Kind::item,
         {std::to_string(++n), str(v.at("code")), day(v.at("received_on")), str(v.at("kind_label")), str(v.at("field")),
          str(v.at("channel_label")), str(v.at("sender_type_label")),
          v.at("lead_unit_name").is_string() ? str(v.at("lead_unit_name")) : std::string(kNoLead), day(v.at("due")),
          day(v.at("answered_on")), str(v.at("outcome_label")), std::string(v.at("complaint").as_bool() ? "Có" : ""),
          str(v.at("rating_label")), str(v.at("adoption_label")), into}});
  }
  sheets.push_back(std::move(list));
  return sheets;
}

}  // namespace tiendo::service
