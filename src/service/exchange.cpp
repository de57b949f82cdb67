#include "service/exchange.h"

#include <map>

#include "domain/exchange.h"
#include "domain/labels.h"
#include "domain/ranges.h"
#include "service/audit.h"
#include "service/evaluation.h"
#include "service/feedback.h"
#include "service/json_out.h"
#include "service/st_task.h"
#include "store/exchange_store.h"
#include "store/plan_store.h"

namespace tiendo::service {

namespace json = boost::json;

namespace {

// A host organisation's officer sees nothing of the city's plan, reports or figures (api/principal).
bool reads_city_data(const Actor& who) { return who.st_role != domain::StRole::host; }

json::object to_json(const store::ExternalSystem& s) {
  return json::object{{"code", s.code}, {"name", s.name}, {"note", s.note}, {"created_at", s.created_at}};
}

json::object to_json(const store::ExternalCode& e) {
  return json::object{{"entity", e.entity},           {"entity_id", e.entity_id}, {"system", e.system},
                      {"system_name", e.system_name}, {"code", e.code},           {"note", e.note},
                      {"valid_from", e.valid_from}};
}

// An S&T task's national code read as its code on the national platform.
store::ExternalCode national_code_entry(store::Connection& c, const store::StTask& t) {
  const std::string platform(domain::kStPlatformSystem);
  const auto system = store::find_external_system(c, platform);
  return {0,
          "st_task",
          t.id,
          platform,
          system ? system->name : platform,
          *t.national_code,
          "Mã trên nền tảng quốc gia của nhiệm vụ",
          t.national_code_on.value_or(t.created_at)};
}

json::array codes_json(store::Connection& c, const std::string& entity, store::Id id) {
  json::array items;
  for (const auto& e : store::external_codes_of(c, entity, id)) items.push_back(to_json(e));
  return items;
}

json::object to_json(const store::UpstreamProgram& p) {
  return json::object{
      {"directive_id", p.directive_id}, {"system", p.system},        {"number", p.number}, {"title", p.title},
      {"task_count", p.task_count},     {"created_at", p.created_at}};
}

json::object to_json(const store::TaskLink& l) {
  return json::object{{"task_id", l.task_id},
                      {"task_code", l.task_code},
                      {"task_name", l.task_name},
                      {"directive_number", l.directive_number},
                      {"upstream_task_id", l.upstream_task_id},
                      {"upstream_code", l.upstream_code},
                      {"upstream_name", l.upstream_name},
                      {"upstream_number", l.upstream_number},
                      {"upstream_system", l.upstream_system},
                      {"valid_from", l.valid_from}};
}

json::array links_json(store::Connection& c, store::Id task_id) {
  json::array items;
  for (const auto& l : store::upstream_links_of(c, task_id)) items.push_back(to_json(l));
  return items;
}

}  // namespace

void check_external_entity(const std::string& entity) {
  if (!domain::known_external_entity(entity))
    throw invalid("entity", "Trường " + domain::quoted_field("entity") +
                                " phải là đơn vị, văn bản chỉ đạo, nhiệm vụ, chỉ tiêu, phân công, phản ánh kiến "
                                "nghị hoặc nhiệm vụ khoa học và công nghệ.");
}

json::array external_systems(store::Connection& c) {
  json::array items;
  for (const auto& s : store::list_external_systems(c)) items.push_back(to_json(s));
  return items;
}

json::object create_external_system(const Call& call, const NewExternalSystem& in) {
  if (!domain::valid_system_code(in.code))
    throw invalid("code", "Trường " + domain::quoted_field("code") +
                              " gồm 2–40 ký tự a–z, 0–9, dấu chấm, gạch dưới, gạch nối; bắt đầu bằng chữ hoặc số.");
  store::ExternalSystem s;
  s.code = in.code;
  s.name = in.name;
  s.note = in.note;
  s.created_at = domain::iso(call.now);
  if (store::find_external_system(call.c, s.code)) throw conflict("Hệ thống ngoài với mã này đã có.", "code");
  store::insert_external_system(call.c, s);
  audit(call.c, call.postgres, &call.who, call.now, "external_system", 0, "create", nullptr,
        json::object{{"code", s.code}, {"name", s.name}});
  return to_json(s);
}

bool external_item_visible(store::Connection& c, const Actor& who, const std::string& entity, store::Id id) {
  if (entity == "st_task") {
    const auto t = store::find_st_task(c, id);
    return t && st_task_in_scope(who, *t);
  }
  if (!reads_city_data(who)) return false;
  if (entity == "feedback_item") {
    const auto f = store::find_feedback(c, id);
    return f && feedback_in_scope(who, *f, store::list_feedback_coordinators(c, {f->id}));
  }
  if (entity == "unit") return store::find_unit(c, id).has_value();
  if (entity == "directive") return store::find_directive(c, id).has_value();
  if (entity == "task") return store::find_task(c, id).has_value();
  if (entity == "indicator") return store::find_indicator(c, id).has_value();
  const auto a = store::find_assignment(c, id);
  return a && a->unit && who.in_scope(a->unit->path);
}

json::array items_with_code(const Call& call, const std::string& system, const std::string& code) {
  json::array items;
  for (const auto& e : store::find_by_external_code(call.c, system, code))
    if (external_item_visible(call.c, call.who, e.entity, e.entity_id)) items.push_back(to_json(e));
  if (system == domain::kStPlatformSystem) {
    store::StTaskFilter f;
    f.national_code = code;
    for (const auto& t : store::list_st_tasks(call.c, f))
      if (st_task_in_scope(call.who, t)) items.push_back(to_json(national_code_entry(call.c, t)));
  }
  return items;
}

json::array codes_of_item(const Call& call, const std::string& entity, store::Id id) {
  check_external_entity(entity);
  if (!external_item_visible(call.c, call.who, entity, id))
    throw not_found(std::string(domain::external_entity_label(entity)));
  auto items = codes_json(call.c, entity, id);
  if (entity == "st_task")
    if (const auto t = store::find_st_task(call.c, id); t && t->national_code)
      items.push_back(to_json(national_code_entry(call.c, *t)));
  return items;
}

json::array set_item_code(const Call& call, const CodeChange& in) {
  check_external_entity(in.entity);
  if (in.code)
    if (auto problem = domain::external_code_problem(in.system, *in.code)) throw invalid("code", *problem);
  if (auto problem = domain::code_system_problem(in.entity, in.system)) throw invalid("system", *problem);
  if (!store::find_external_system(call.c, in.system)) throw invalid("system", "Không có hệ thống ngoài này.");
  if (!external_item_visible(call.c, call.who, in.entity, in.entity_id))
    throw not_found(std::string(domain::external_entity_label(in.entity)));
  const auto before = store::set_external_code(call.c, in.entity, in.entity_id, in.system, in.code, in.note,
                                               domain::iso(call.now), call.who.user_id);
  const auto code_json = [](const std::optional<std::string>& code) {
    return code ? json::value(*code) : json::value(nullptr);
  };
  audit(call.c, call.postgres, &call.who, call.now, in.entity, in.entity_id, "external_code",
        json::object{{"system", in.system}, {"code", code_json(before)}},
        json::object{{"system", in.system}, {"code", code_json(in.code)}});
  return codes_json(call.c, in.entity, in.entity_id);
}

json::array upstream_programs(store::Connection& c) {
  json::array items;
  for (const auto& p : store::list_upstream_programs(c)) items.push_back(to_json(p));
  return items;
}

json::array upstream_links(store::Connection& c, store::Id task_id) {
  if (!store::find_task(c, task_id)) throw not_found("nhiệm vụ");
  return links_json(c, task_id);
}

json::array set_upstream_links(const Call& call, store::Id task_id, const std::vector<store::Id>& wanted) {
  if (wanted.size() > 100) throw invalid("upstream_task_ids", "Một nhiệm vụ liên kết tối đa 100 nhiệm vụ cấp trên.");
  const auto task = store::find_task(call.c, task_id);
  if (!task) throw not_found("nhiệm vụ");
  if (store::find_upstream_program(call.c, task->directive_id))
    throw invalid("id", "Nhiệm vụ của chương trình cấp trên không liên kết tới nhiệm vụ cấp trên khác.");
  for (auto id : wanted) {
    const auto up = store::find_task(call.c, id);
    if (!up || !store::find_upstream_program(call.c, up->directive_id))
      throw invalid("upstream_task_ids",
                    "Mã số " + std::to_string(id) + " không phải nhiệm vụ của một chương trình cấp trên.");
  }
  const auto before = store::upstream_links_of(call.c, task->id);
  const auto [opened, closed] =
      store::set_upstream_links(call.c, task->id, wanted, domain::iso(call.now), call.who.user_id);
  if (opened + closed > 0) {
    json::array was, now;
    for (const auto& l : before) was.push_back(l.upstream_task_id);
    for (const auto& l : store::upstream_links_of(call.c, task->id)) now.push_back(l.upstream_task_id);
    audit(call.c, call.postgres, &call.who, call.now, "task", task->id, "upstream_links",
          json::object{{"upstream_task_ids", was}}, json::object{{"upstream_task_ids", now}});
  }
  return links_json(call.c, task->id);
}

json::object program_rollup(store::Connection& c, store::Id program_id, domain::Date as_of, domain::Instant now) {
  const auto program = store::find_upstream_program(c, program_id);
  if (!program) throw not_found("chương trình cấp trên");
  Evaluator ev(c, as_of, now);
  const auto links = store::program_links_known(c, program->directive_id, ev.known_before());
  const auto codes = store::external_codes_known(c, "task", ev.known_before());
  std::map<store::Id, std::vector<store::Id>> by_city_task;  // city task -> upstream tasks
  for (const auto& [up, ls] : links)
    for (const auto& l : ls) by_city_task[l.task_id].push_back(up);
  std::map<store::Id, domain::UpstreamRollup> rollups;
  for (const auto& [task_id, ups] : by_city_task) {
    store::AssignmentFilter f;
    f.task_id = task_id;
    for (const auto& x : ev.assignments(f)) {
      if (!x.counted) continue;  // R1: a unit not active at as_of has no status that day
      for (auto up : ups) domain::add(rollups[up], x.e.status);
    }
  }
  json::array items;
  long long linked = 0;
  for (const auto& pt : store::program_tasks(c, program->directive_id, ev.known_before())) {
    const auto id = pt.id;
    const auto& roll = rollups[id];
    json::array tasks;
    if (auto it = links.find(id); it != links.end())
      for (const auto& l : it->second)
        tasks.push_back(json::object{{"task_id", l.task_id},
                                     {"task_code", l.task_code},
                                     {"task_name", l.task_name},
                                     {"directive_number", l.directive_number}});
    linked += tasks.empty() ? 0 : 1;
    std::string upstream_code = pt.code;
    if (auto tc = codes.find(id); tc != codes.end())
      if (auto sc = tc->second.find(program->system); sc != tc->second.end()) upstream_code = sc->second;
    const auto share = roll.share_done();
    items.push_back(json::object{
        {"task_id", id},
        {"code", pt.code},
        {"upstream_code", upstream_code},
        {"name", pt.name},
        {"deadline_text", pt.deadline_text},
        {"linked_tasks", std::move(tasks)},
        {"assignments", roll.assignments},
        {"done", roll.done},
        {"cancelled", roll.cancelled},
        {"share_done", share ? json::value(*share) : json::value(nullptr)},
        {"worst_status", roll.worst ? json::value(domain::to_string(*roll.worst)) : json::value(nullptr)},
        {"worst_status_label", roll.worst ? json::value(domain::vn_label(*roll.worst)) : json::value(nullptr)}});
  }
  const auto total = static_cast<long long>(items.size());
  return json::object{{"directive_id", program->directive_id},
                      {"number", program->number},
                      {"title", program->title},
                      {"system", program->system},
                      {"as_of", domain::iso(as_of)},
                      {"tasks", total},
                      {"linked", linked},
                      {"items", std::move(items)}};
}

}  // namespace tiendo::service
