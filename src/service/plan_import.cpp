#include "service/plan_import.h"

#include <map>
#include <set>

#include "domain/deadline.h"
#include "domain/exchange.h"
#include "domain/indicator.h"
#include "domain/ranges.h"
#include "formats/csv.h"
#include "formats/docx_reader.h"
#include "formats/xlsx_reader.h"
#include "service/audit.h"
#include "service/errors.h"
#include "store/exchange_store.h"
#include "store/plan_store.h"

namespace tiendo::service {

namespace json = boost::json;

domain::ImportedPlan read_import_file(const std::string& filename, std::string_view bytes, std::string& source_kind) {
  std::string name = filename;
  for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  std::vector<domain::TextTable> tables;
  if (name.ends_with(".xlsx")) {
    if (!bytes.starts_with("PK")) throw unsupported_file("body", "Nội dung tệp không phải .xlsx.");
    source_kind = "xlsx";
    for (auto& s : formats::read_xlsx(bytes)) tables.push_back(std::move(s.rows));
  } else if (name.ends_with(".docx") || name.ends_with(".doc")) {
    source_kind = "docx";
    tables = formats::read_docx_tables(bytes);
  } else if (name.ends_with(".csv") || name.ends_with(".txt")) {
    source_kind = "csv";
    tables.push_back(formats::read_csv(bytes));
  } else {
    throw unsupported_file("filename", "Chỉ nhập được tệp Excel (.xlsx), CSV (.csv) hoặc Word (.docx).");
  }
  return domain::read_plan_tables(tables);
}

namespace {

json::object codes_json(const domain::ExternalCodes& codes) {
  json::object o;
  for (const auto& [system, code] : codes) o[system] = code;
  return o;
}

domain::ExternalCodes codes_from(const json::object& o) {
  domain::ExternalCodes out;
  if (auto it = o.find("codes"); it != o.end())
    for (const auto& [system, code] : it->value().as_object())
      out.emplace_back(std::string(system), std::string(code.as_string()));
  return out;
}

json::value issue_json(const domain::ImportIssue& i) {
  return json::object{{"row", i.row}, {"field", i.field}, {"message", i.message}};
}

domain::ImportedPlan plan_from_json(const json::value& v) {
  domain::ImportedPlan p;
  auto s = [](const json::object& o, const char* k) { return std::string(o.at(k).as_string()); };
  for (const auto& x : v.at("indicators").as_array()) {
    const auto& o = x.as_object();
    domain::ImportedIndicator i{static_cast<int>(o.at("row").as_int64()),
                                s(o, "code"),
                                s(o, "name"),
                                s(o, "target_text"),
                                s(o, "monitoring_text"),
                                s(o, "notes"),
                                s(o, "aggregation"),
                                s(o, "monitoring_code"),
                                s(o, "reporting_group_code"),
                                std::nullopt,
                                {},
                                codes_from(o)};
    if (!o.at("baseline").is_null()) i.baseline = o.at("baseline").to_number<double>();
    for (const auto& l : o.at("levels").as_array())
      i.levels.push_back(
          {s(l.as_object(), "level"), s(l.as_object(), "target_text"), s(l.as_object(), "monitoring_text")});
    p.indicators.push_back(std::move(i));
  }
  for (const auto& x : v.at("tasks").as_array()) {
    const auto& o = x.as_object();
    p.tasks.push_back({static_cast<int>(o.at("row").as_int64()), s(o, "code"), s(o, "name"), s(o, "lead_text"),
                       s(o, "coordinating_text"), s(o, "output"), s(o, "deadline_text"), s(o, "notes"), s(o, "field"),
                       s(o, "directing_leader"), s(o, "lead_codes"), s(o, "coordinating_codes"), codes_from(o)});
  }
  for (const auto& x : v.at("issues").as_array()) {
    const auto& o = x.as_object();
    p.issues.push_back({static_cast<int>(o.at("row").as_int64()), s(o, "field"), s(o, "message")});
  }
  return p;
}

// A person's answer for words no unit matched: the units and groups they mean (none: leave it out).
struct Choice {
  std::vector<store::Id> unit_ids, group_ids;
};

std::map<std::string, Choice> choices_from(const std::string& text) {
  std::map<std::string, Choice> out;
  const auto v = json::parse(text);
  for (const auto& [k, c] : v.as_object()) {
    Choice ch;
    for (const auto& id : c.at("unit_ids").as_array()) ch.unit_ids.push_back(id.as_int64());
    for (const auto& id : c.at("group_ids").as_array()) ch.group_ids.push_back(id.as_int64());
    out[domain::unit_key(k)] = ch;
  }
  return out;
}

// Everything the preview and the confirmation share: rows resolved against the units.
struct Resolved {
  struct Units {
    std::string text;
    std::vector<store::Id> unit_ids, group_ids;
    std::vector<std::string> unmatched, unresolved;  // unresolved: unmatched with no choice yet
  };
  struct Task {
    const domain::ImportedTask* row;
    domain::Deadline deadline;
    Units lead, coordinating;
    long long assignment_count = 0;
    domain::ExternalCodes codes;  // as they will be set (an upstream program's task: its number at least)
  };
  struct Indicator {
    const domain::ImportedIndicator* row;
    std::optional<domain::Target> target;
    Units monitoring;
    std::vector<Units> level_monitoring;
    domain::ExternalCodes codes;
  };
  domain::ImportedPlan plan;
  std::vector<Task> tasks;
  std::vector<Indicator> indicators;
  std::vector<std::pair<domain::ImportIssue, bool>> issues;  // issue, blocking
  std::map<std::string, std::string> unmatched;              // key -> words as written
  std::map<store::Id, std::string> unit_names, group_names;
  std::map<store::Id, long long> group_sizes;
};

class Resolver {
 public:
  Resolver(store::Connection& c, const store::PlanImport& imp)
      : catalogue_(store::unit_catalogue(c)), choices_(choices_from(imp.choices_json)), upstream_(imp.upstream_system) {
    for (const auto& s : store::list_external_systems(c)) systems_.insert(s.code);
    for (const auto& u : catalogue_) {
      (u.group ? groups_by_code_ : units_by_code_)[u.code] = u.id;
      (u.group ? out_.group_names : out_.unit_names)[u.id] = u.names.front();
    }
    out_.group_sizes = store::unit_group_sizes(c);
    out_.plan = plan_from_json(json::parse(imp.plan_json));
    const auto task_codes = store::task_codes(c, imp.directive_id);
    const auto indicator_codes = store::indicator_codes(c, imp.directive_id);
    const std::set<std::string> existing_tasks(task_codes.begin(), task_codes.end());
    const std::set<std::string> existing_indicators(indicator_codes.begin(), indicator_codes.end());
    for (const auto& i : out_.plan.issues) {
      const bool blocking = i.field == "name" || i.field == "code" || i.field == "file" || i.field == "baseline";
      out_.issues.push_back({i, blocking && i.message.find("bỏ qua") == std::string::npos});
    }
    // Deadlines already past on the day the file was uploaded are imported as they are (overdue from the
    // start), with a warning: a plan for a year under way may rightly hold them, a wrong year may not.
    const auto uploaded = domain::parse_iso_instant(imp.created_at);
    const std::optional<domain::Date> upload_day =
        uploaded ? std::optional(domain::vietnam_date(*uploaded)) : std::nullopt;
    for (const auto& row : out_.plan.indicators) {
      if (row.name == domain::kExampleIndicatorName) warn(row.row, "name", example_row("Chỉ tiêu " + row.code));
      Resolved::Indicator ind{&row, domain::parse_target(row.target_text), {}, {}};
      if (!ind.target && row.levels.empty())
        block(row.row, "target_text",
              "Không đọc được chỉ tiêu \"" + row.target_text + "\" của chỉ tiêu " + row.code + ".");
      if (ind.target) {
        const auto kind = domain::indicator_value_kind(
            ind.target->unit_of_measure, row.aggregation.empty()
                                             ? (ind.target->unit_of_measure == "%" ? "ratio_of_sums" : "cumulative")
                                             : row.aggregation);
        if (auto why = domain::check_number(kind, ind.target->value, "Chỉ tiêu " + row.code))
          block(row.row, "target_text", *why);
      }
      // An upstream program's items are monitored above: no city unit is matched or assigned.
      if (!upstream_)
        ind.monitoring = resolve(row.row, row.monitoring_text, row.monitoring_code, row.reporting_group_code);
      for (const auto& l : row.levels) {
        if (!domain::parse_target(l.target_text))
          block(row.row, "target_text", "Không đọc được chỉ tiêu cấp " + l.level + " của chỉ tiêu " + row.code + ".");
        ind.level_monitoring.push_back(upstream_ ? Resolved::Units{l.monitoring_text, {}, {}, {}, {}}
                                                 : resolve(row.row, l.monitoring_text, "", ""));
      }
      ind.codes = codes(row.row, row.code, row.codes);
      if (existing_indicators.count(row.code))
        block(row.row, "code", "Chỉ tiêu số " + row.code + " đã có trong kế hoạch này.");
      out_.indicators.push_back(std::move(ind));
    }
    for (const auto& row : out_.plan.tasks) {
      Resolved::Task t{&row, domain::parse_deadline(row.deadline_text), {}, {}, 0};
      if (row.name == domain::kExampleTaskName) warn(row.row, "name", example_row("Nhiệm vụ " + row.code));
      if (t.deadline.due && upload_day && *t.deadline.due < *upload_day)
        warn(row.row, "deadline_text",
             "Nhiệm vụ " + row.code + ": thời hạn " + domain::vn_date(*t.deadline.due) +
                 " đã qua so với ngày tải tệp lên (" + domain::vn_date(*upload_day) +
                 "); nhiệm vụ sẽ quá hạn ngay khi nhập.");
      // Words that are not a deadline mark the row as an error; they are never imported as "no deadline".
      if (!domain::read_deadline(row.deadline_text))
        block(row.row, "deadline_text",
              "Nhiệm vụ " + row.code + ": \"Thời hạn\" không đọc được “" + row.deadline_text +
                  "” (không phải ngày có thật hoặc không phải thời hạn).");
      t.codes = codes(row.row, row.code, row.codes);
      if (upstream_) {
        // The upstream program's own units (ministries, provinces) are words here; no city unit is assigned.
        t.lead = {row.lead_text, {}, {}, {}, {}};
        t.coordinating = {row.coordinating_text, {}, {}, {}, {}};
        if (existing_tasks.count(row.code))
          block(row.row, "code", "Nhiệm vụ số " + row.code + " đã có trong chương trình này.");
        out_.tasks.push_back(std::move(t));
        continue;
      }
      t.lead = resolve(row.row, row.lead_text, row.lead_codes, "");
      t.coordinating = resolve(row.row, row.coordinating_text, row.coordinating_codes, "");
      std::set<store::Id> units(t.lead.unit_ids.begin(), t.lead.unit_ids.end());
      for (auto g : t.lead.group_ids)
        if (const auto group = store::find_unit_group(c, g))
          units.insert(group->member_ids.begin(), group->member_ids.end());
      t.assignment_count = static_cast<long long>(units.size());
      if (units.empty() && t.lead.unresolved.empty() && !row.lead_text.empty())
        block(row.row, "lead", "Nhiệm vụ " + row.code + ": không xác định được đơn vị chủ trì.");
      if (existing_tasks.count(row.code))
        block(row.row, "code", "Nhiệm vụ số " + row.code + " đã có trong kế hoạch này.");
      out_.tasks.push_back(std::move(t));
    }
    for (const auto& [key, words] : out_.unmatched) {
      if (!choices_.count(key))
        block(0, "unmatched", "Chưa chọn đơn vị cho \"" + words + "\" (chọn đơn vị, nhóm, hoặc bỏ qua).");
    }
  }
  Resolved take() { return std::move(out_); }

 private:
  // The row's codes from its "Mã <system>" columns, checked; an upstream program's row without a code in its
  // system is known there by its number.
  domain::ExternalCodes codes(int row, const std::string& number, const domain::ExternalCodes& given) {
    domain::ExternalCodes out;
    for (const auto& [system, code] : given) {
      if (!systems_.count(system)) {
        block(row, "codes", "Cột “Mã " + system + "”: không có hệ thống ngoài mã “" + system + "”.");
        continue;
      }
      if (auto why = domain::external_code_problem(system, code)) block(row, "codes", *why);
      if (system == domain::kAgencyCodeSystem)
        block(row, "codes", "Mã định danh theo QĐ 20/2020/QĐ-TTg chỉ gán cho đơn vị.");
      out.emplace_back(system, code);
    }
    if (upstream_ && std::none_of(out.begin(), out.end(), [&](const auto& p) { return p.first == *upstream_; }))
      out.emplace_back(*upstream_, number);
    return out;
  }

  void block(int row, const std::string& field, const std::string& message) {
    out_.issues.push_back({{row, field, message}, true});
  }
  void warn(int row, const std::string& field, const std::string& message) {
    out_.issues.push_back({{row, field, message}, false});
  }
  static std::string example_row(const std::string& what) {
    return what + " là dòng ví dụ của tệp mẫu: xóa dòng này nếu đó không phải nội dung thật của kế hoạch.";
  }

  Resolved::Units resolve(int row, const std::string& text, const std::string& unit_codes,
                          const std::string& group_codes) {
    Resolved::Units u{text, {}, {}, {}, {}};
    auto add = [](std::vector<store::Id>& v, store::Id id) {
      if (std::find(v.begin(), v.end(), id) == v.end()) v.push_back(id);
    };
    if (!unit_codes.empty() || !group_codes.empty()) {
      // Code columns (as the export writes them) say exactly who is meant: the words are kept as text.
      for (const auto& list : {unit_codes, group_codes}) {
        std::string code;
        for (char ch : list + ",") {
          if (ch != ',' && ch != ';' && ch != ' ') {
            code += ch;
            continue;
          }
          if (code.empty()) continue;
          if (auto it = units_by_code_.find(code); it != units_by_code_.end())
            add(u.unit_ids, it->second);
          else if (auto g = groups_by_code_.find(code); g != groups_by_code_.end())
            add(u.group_ids, g->second);
          else
            block(row, "code", "Không có đơn vị hoặc nhóm mã \"" + code + "\".");
          code.clear();
        }
      }
      return u;
    }
    const auto m = domain::match_units(text, catalogue_);
    u.unit_ids = m.unit_ids;
    u.group_ids = m.group_ids;
    for (const auto& words : m.unmatched) {
      u.unmatched.push_back(words);
      const auto key = domain::unit_key(words);
      out_.unmatched.emplace(key, words);
      auto it = choices_.find(key);
      if (it == choices_.end()) {
        u.unresolved.push_back(words);
        continue;
      }
      for (auto id : it->second.unit_ids) add(u.unit_ids, id);
      for (auto id : it->second.group_ids) add(u.group_ids, id);
    }
    return u;
  }

  std::vector<domain::NamedUnit> catalogue_;
  std::map<std::string, Choice> choices_;
  std::map<std::string, store::Id> units_by_code_, groups_by_code_;
  std::optional<std::string> upstream_;
  std::set<std::string> systems_;
  Resolved out_;
};

json::object units_json(const Resolved& r, const Resolved::Units& u) {
  json::array units, groups;
  for (auto id : u.unit_ids) units.push_back(json::object{{"id", id}, {"name", r.unit_names.at(id)}});
  for (auto id : u.group_ids)
    groups.push_back(json::object{{"id", id},
                                  {"name", r.group_names.at(id)},
                                  {"member_count", r.group_sizes.count(id) ? r.group_sizes.at(id) : 0}});
  json::array unmatched, unresolved;
  for (const auto& s : u.unmatched) unmatched.push_back(json::string(s));
  for (const auto& s : u.unresolved) unresolved.push_back(json::string(s));
  return json::object{{"text", u.text},
                      {"units", std::move(units)},
                      {"groups", std::move(groups)},
                      {"unmatched", unmatched},
                      {"unresolved", std::move(unresolved)}};
}

}  // namespace

json::value plan_to_json(const domain::ImportedPlan& p) {
  json::array inds, tasks, issues;
  for (const auto& i : p.indicators) {
    json::array levels;
    for (const auto& l : i.levels)
      levels.push_back(
          json::object{{"level", l.level}, {"target_text", l.target_text}, {"monitoring_text", l.monitoring_text}});
    inds.push_back(json::object{{"row", i.row},
                                {"code", i.code},
                                {"name", i.name},
                                {"target_text", i.target_text},
                                {"monitoring_text", i.monitoring_text},
                                {"notes", i.notes},
                                {"aggregation", i.aggregation},
                                {"monitoring_code", i.monitoring_code},
                                {"reporting_group_code", i.reporting_group_code},
                                {"baseline", i.baseline ? json::value(*i.baseline) : json::value(nullptr)},
                                {"levels", std::move(levels)},
                                {"codes", codes_json(i.codes)}});
  }
  for (const auto& t : p.tasks)
    tasks.push_back(json::object{{"row", t.row},
                                 {"code", t.code},
                                 {"name", t.name},
                                 {"lead_text", t.lead_text},
                                 {"coordinating_text", t.coordinating_text},
                                 {"output", t.output},
                                 {"deadline_text", t.deadline_text},
                                 {"notes", t.notes},
                                 {"field", t.field},
                                 {"directing_leader", t.directing_leader},
                                 {"lead_codes", t.lead_codes},
                                 {"coordinating_codes", t.coordinating_codes},
                                 {"codes", codes_json(t.codes)}});
  for (const auto& i : p.issues) issues.push_back(issue_json(i));
  return json::object{{"indicators", std::move(inds)}, {"tasks", std::move(tasks)}, {"issues", std::move(issues)}};
}

json::object import_preview(store::Connection& c, const store::PlanImport& imp) {
  const Resolved r = Resolver(c, imp).take();
  json::array tasks, indicators, issues, unmatched;
  long long assignments = 0;
  int blocking = 0;
  for (const auto& t : r.tasks) {
    assignments += t.assignment_count;
    tasks.push_back(json::object{
        {"row", t.row->row},
        {"code", t.row->code},
        {"name", t.row->name},
        {"lead", units_json(r, t.lead)},
        {"coordinating", units_json(r, t.coordinating)},
        {"output", t.row->output},
        {"deadline_text", t.row->deadline_text},
        {"deadline",
         json::object{{"kind", domain::to_string(t.deadline.kind)},
                      {"due", t.deadline.due ? json::value(domain::iso(*t.deadline.due)) : json::value(nullptr)}}},
        {"notes", t.row->notes},
        {"field", t.row->field},
        {"directing_leader", t.row->directing_leader},
        {"assignment_count", t.assignment_count},
        {"codes", codes_json(t.codes)}});
  }
  for (const auto& i : r.indicators) {
    json::array levels;
    for (size_t k = 0; k < i.row->levels.size(); ++k)
      levels.push_back(json::object{{"level", i.row->levels[k].level},
                                    {"target_text", i.row->levels[k].target_text},
                                    {"monitoring", units_json(r, i.level_monitoring[k])}});
    indicators.push_back(json::object{
        {"row", i.row->row},
        {"code", i.row->code},
        {"name", i.row->name},
        {"target_text", i.row->target_text},
        {"target", i.target ? json::value(json::object{{"comparator", domain::to_string(i.target->comparator)},
                                                       {"value", i.target->value},
                                                       {"unit_of_measure", i.target->unit_of_measure}})
                            : json::value(nullptr)},
        {"monitoring", units_json(r, i.monitoring)},
        {"notes", i.row->notes},
        {"levels", std::move(levels)},
        {"codes", codes_json(i.codes)}});
  }
  for (const auto& [issue, block] : r.issues) {
    json::object o = issue_json(issue).as_object();
    o["blocking"] = block;
    blocking += block ? 1 : 0;
    issues.push_back(std::move(o));
  }
  const auto choices = choices_from(imp.choices_json);
  for (const auto& [key, words] : r.unmatched) {
    json::object o{{"text", words}, {"choice", nullptr}};
    if (auto it = choices.find(key); it != choices.end())
      o["choice"] = json::object{{"unit_ids", json::value_from(it->second.unit_ids)},
                                 {"group_ids", json::value_from(it->second.group_ids)}};
    unmatched.push_back(std::move(o));
  }
  return json::object{
      {"id", imp.id},
      {"directive_id", imp.directive_id},
      {"filename", imp.filename},
      {"source_kind", imp.source_kind},
      {"upstream_system", imp.upstream_system ? json::value(*imp.upstream_system) : json::value(nullptr)},
      {"state", imp.state},
      {"created_at", imp.created_at},
      {"summary", json::object{{"indicators", static_cast<long long>(r.indicators.size())},
                               {"tasks", static_cast<long long>(r.tasks.size())},
                               {"assignments", assignments},
                               {"unmatched", static_cast<long long>(r.unmatched.size())},
                               {"blocking", blocking}}},
      {"issues", std::move(issues)},
      {"unmatched", std::move(unmatched)},
      {"indicators", std::move(indicators)},
      {"tasks", std::move(tasks)}};
}

ImportResult confirm_import(store::Connection& c, const store::PlanImport& imp, store::Id user_id,
                            const std::string& now, const std::function<void(size_t, size_t)>& progress) {
  if (imp.state != "preview") throw conflict("Lần nhập này đã được xác nhận.", "state");
  const Resolved r = Resolver(c, imp).take();
  for (const auto& [issue, blocking] : r.issues)
    if (blocking)
      throw conflict((issue.row > 0 ? "Dòng " + std::to_string(issue.row) + ": " : std::string()) + issue.message,
                     issue.field);
  ImportResult result;
  const size_t total = r.indicators.size() + r.tasks.size();
  size_t done = 0;
  for (const auto& i : r.indicators) {
    store::Indicator ind;
    ind.directive_id = imp.directive_id;
    ind.code = i.row->code;
    ind.name = i.row->name;
    ind.notes = i.row->notes;
    // An indicator with only level targets takes the city level's as its own.
    ind.target_text =
        i.row->target_text.empty() && !i.row->levels.empty() ? i.row->levels.front().target_text : i.row->target_text;
    const auto target = domain::parse_target(ind.target_text);
    ind.comparator = std::string(domain::to_string(target ? target->comparator : domain::Comparator::at_least));
    ind.target_value = target ? target->value : 0;
    ind.unit_of_measure = target ? target->unit_of_measure : "";
    ind.aggregation =
        i.row->aggregation.empty() ? (ind.unit_of_measure == "%" ? "ratio_of_sums" : "cumulative") : i.row->aggregation;
    if (!domain::aggregation_from(ind.aggregation))
      throw conflict("Chỉ tiêu " + ind.code + ": cách tổng hợp \"" + ind.aggregation + "\" không hợp lệ.",
                     "aggregation");
    ind.baseline = i.row->baseline.value_or(0);
    if (!i.monitoring.unit_ids.empty()) ind.monitoring_unit_id = i.monitoring.unit_ids.front();
    if (!i.monitoring.group_ids.empty()) ind.reporting_group_id = i.monitoring.group_ids.front();
    for (size_t k = 0; k < i.row->levels.size(); ++k) {
      const auto& l = i.row->levels[k];
      const auto lt = domain::parse_target(l.target_text);
      store::LevelTarget level{l.level, l.target_text, lt ? lt->value : 0, std::nullopt};
      if (!i.level_monitoring[k].unit_ids.empty()) level.monitoring_unit_id = i.level_monitoring[k].unit_ids.front();
      if (l.level == "commune" && !i.level_monitoring[k].group_ids.empty() && !ind.reporting_group_id)
        ind.reporting_group_id = i.level_monitoring[k].group_ids.front();
      ind.level_targets.push_back(level);
    }
    const auto indicator_id = store::insert_indicator(c, ind, now);
    for (const auto& [system, code] : i.codes)
      store::set_external_code(c, "indicator", indicator_id, system, code, "", now, user_id);
    ++result.indicators;
    if (progress) progress(++done, total);
  }
  for (const auto& t : r.tasks) {
    store::Task task;
    task.directive_id = imp.directive_id;
    task.code = t.row->code;
    task.name = t.row->name;
    task.lead_text = t.row->lead_text;
    task.coordinating_text = t.row->coordinating_text;
    task.directing_leader = t.row->directing_leader;
    task.output = t.row->output;
    task.deadline_text = t.row->deadline_text;
    task.deadline_kind = std::string(domain::to_string(t.deadline.kind));
    if (t.deadline.due) task.deadline_due = domain::iso(*t.deadline.due);
    task.field = t.row->field;
    task.notes = t.row->notes;
    // Coordinating groups stay words: a coordinator is a unit the lead asks, not every member of a group.
    task.coordinator_ids = t.coordinating.unit_ids;
    std::vector<store::UnitGroup> groups;
    for (auto g : t.lead.group_ids) groups.push_back(*store::find_unit_group(c, g));
    result.assignments += static_cast<int>(store::create_task(c, task, t.lead.unit_ids, groups, now).size());
    for (const auto& [system, code] : t.codes)
      store::set_external_code(c, "task", task.id, system, code, "", now, user_id);
    ++result.tasks;
    if (progress) progress(++done, total);
  }
  // Remember each choice that names one unit or one group, so the next import matches those words.
  for (const auto& [key, choice] : choices_from(imp.choices_json)) {
    if (!r.unmatched.count(key) || choice.unit_ids.size() + choice.group_ids.size() != 1) continue;
    store::save_unit_alias(
        c, r.unmatched.at(key), choice.unit_ids.empty() ? std::nullopt : std::optional(choice.unit_ids.front()),
        choice.group_ids.empty() ? std::nullopt : std::optional(choice.group_ids.front()), user_id, now);
  }
  if (imp.upstream_system && !store::find_upstream_program(c, imp.directive_id))
    store::insert_upstream_program(c, imp.directive_id, *imp.upstream_system, "", now, user_id);
  store::mark_import_confirmed(c, imp.id, now);
  return result;
}

json::object upload_plan_import(const Call& call, store::Id directive_id, const std::string& filename,
                                const std::string& source_kind, const domain::ImportedPlan& plan,
                                std::optional<std::string> upstream) {
  auto& c = call.c;
  // Once a directive is one system's program, every later import into it is too. A program is not a city plan: the
  // directive (as the demo's 02-CTr/BCĐTW, a basis of the city's plans) needs no reporting plan of its own.
  const auto program = store::find_upstream_program(c, directive_id);
  const auto directive = store::find_directive(c, directive_id);
  if (!directive) throw not_found("văn bản");
  if (!program && !upstream && !directive->has_plan) throw invalid("id", "Văn bản này không có kế hoạch để báo cáo.");
  if (upstream && !store::find_external_system(c, *upstream))
    throw invalid("upstream", "Không có hệ thống ngoài mã “" + *upstream + "”.");
  if (upstream && *upstream == domain::kAgencyCodeSystem)
    throw invalid("upstream", "Hệ thống mã định danh QĐ 20/2020 không có chương trình, kế hoạch.");
  if (program && upstream && *upstream != program->system)
    throw conflict("Văn bản này là chương trình của hệ thống " + program->system + ".", "upstream");
  if (program) upstream = program->system;
  if (!program && upstream && store::directive_has_tasks(c, directive_id))
    throw conflict("Kế hoạch này đã có nhiệm vụ của thành phố; hãy nhập chương trình cấp trên vào một văn bản mới.",
                   "upstream");
  store::PlanImport imp{0,
                        directive_id,
                        filename,
                        source_kind,
                        "preview",
                        json::serialize(plan_to_json(plan)),
                        "{}",
                        call.who.user_id,
                        domain::iso(call.now),
                        std::nullopt,
                        upstream};
  imp.id = store::insert_plan_import(c, imp);
  audit(c, call.postgres, &call.who, call.now, "plan_import", imp.id, "upload", nullptr,
        json::object{{"filename", imp.filename},
                     {"upstream_system", upstream ? json::value(*upstream) : json::value(nullptr)},
                     {"tasks", static_cast<long long>(plan.tasks.size())},
                     {"indicators", static_cast<long long>(plan.indicators.size())}});
  return import_preview(c, imp);
}

store::PlanImport plan_import(store::Connection& c, store::Id id) {
  auto imp = store::find_plan_import(c, id);
  if (!imp) throw not_found("lần nhập kế hoạch");
  return *imp;
}

json::object choose_import_units(const Call& call, store::Id import_id, const std::vector<ImportChoice>& choices) {
  auto& c = call.c;
  auto imp = plan_import(c, import_id);
  if (imp.state != "preview") throw conflict("Lần nhập này đã được xác nhận.", "state");
  json::object chosen = json::parse(imp.choices_json).as_object();
  for (const auto& choice : choices) {
    json::array units, groups;
    for (const auto id : choice.unit_ids) {
      if (!store::find_unit(c, id))
        throw invalid(choice.field + ".unit_ids", "Không tìm thấy đơn vị hoặc nhóm đã chọn.");
      units.push_back(id);
    }
    for (const auto id : choice.group_ids) {
      if (!store::find_unit_group(c, id))
        throw invalid(choice.field + ".group_ids", "Không tìm thấy đơn vị hoặc nhóm đã chọn.");
      groups.push_back(id);
    }
    chosen[choice.text] = json::object{{"unit_ids", std::move(units)}, {"group_ids", std::move(groups)}};
  }
  imp.choices_json = json::serialize(chosen);
  store::save_import_choices(c, imp.id, imp.choices_json);
  return import_preview(c, imp);
}

json::object confirm_plan_import(const Call& call, store::Id import_id,
                                 const std::function<void(size_t, size_t)>& progress) {
  const auto imp = plan_import(call.c, import_id);
  const auto result = confirm_import(call.c, imp, call.who.user_id, domain::iso(call.now), progress);
  json::object out{
      {"id", imp.id},
      {"state", "confirmed"},
      {"created",
       json::object{{"indicators", result.indicators}, {"tasks", result.tasks}, {"assignments", result.assignments}}}};
  audit(call.c, call.postgres, &call.who, call.now, "plan_import", imp.id, "confirm", nullptr, out);
  return out;
}

}  // namespace tiendo::service
