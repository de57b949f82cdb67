#include "store/document_store.h"

#include <map>

#include "store/sql_builder.h"

namespace tiendo::store {

// The units a plan's text may name: the administrative tree (a host organisation of S&T tasks owes no plan work).
std::vector<domain::NamedUnit> unit_catalogue(Connection& c) {
  std::vector<domain::NamedUnit> out;
  std::map<Id, size_t> unit_at, group_at;
  for (const auto& r : c.query("SELECT u.id, u.code, u.name, u.short_name, CASE WHEN p.parent_id IS NULL AND "
                               "u.parent_id IS NOT NULL THEN 1 ELSE 0 END "
                               "FROM units u "
                               "LEFT JOIN units p ON p.id = u.parent_id "
                               "WHERE u.active_to IS NULL AND u.kind NOT IN ('host_root', 'host_org') ORDER BY u.id")) {
    domain::NamedUnit u{r.i64(0), false, r.i64(4) != 0, r.text(1), {r.text(2)}};
    if (!r.text(3).empty()) u.names.push_back(r.text(3));
    unit_at[u.id] = out.size();
    out.push_back(std::move(u));
  }
  for (const auto& r : c.query("SELECT id, code, name FROM unit_groups ORDER BY id")) {
    group_at[r.i64(0)] = out.size();
    out.push_back({r.i64(0), true, false, r.text(1), {r.text(2)}});
  }
  for (const auto& r : c.query("SELECT alias, unit_id, group_id FROM unit_aliases")) {
    const auto& index = r.null(1) ? group_at : unit_at;
    if (auto it = index.find(r.null(1) ? r.i64(2) : r.i64(1)); it != index.end())
      out[it->second].names.push_back(r.text(0));
  }
  return out;
}

void save_unit_alias(Connection& c, const std::string& alias, std::optional<Id> unit_id, std::optional<Id> group_id,
                     Id by, const std::string& at) {
  c.query(
      "INSERT INTO unit_aliases (alias_key, alias, unit_id, group_id, created_by, created_at) VALUES ($1, $2, $3, $4, "
      "$5, $6) ON CONFLICT (alias_key) DO UPDATE SET alias = excluded.alias, unit_id = excluded.unit_id, group_id = "
      "excluded.group_id, created_by = excluded.created_by, created_at = excluded.created_at",
      {domain::unit_key(alias), alias, opt(unit_id), opt(group_id), by, at});
}

Id insert_plan_import(Connection& c, const PlanImport& p) {
  return c
      .query(
          "INSERT INTO plan_imports (directive_id, filename, source_kind, state, plan_json, choices_json, created_by, "
          "created_at, upstream_system) VALUES ($1, $2, $3, 'preview', $4, $5, $6, $7, $8) RETURNING id",
          {p.directive_id, p.filename, p.source_kind, p.plan_json, p.choices_json, p.created_by, p.created_at,
           opt(p.upstream_system)})
      .at(0)
      .i64(0);
}

std::optional<PlanImport> find_plan_import(Connection& c, Id id) {
  auto rows = c.query(
      "SELECT id, directive_id, filename, source_kind, state, plan_json, choices_json, created_by, created_at, "
      "confirmed_at, upstream_system FROM plan_imports WHERE id = $1",
      {id});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return PlanImport{r.i64(0),  r.i64(1), r.text(2), r.text(3),     r.text(4),     r.text(5),
                    r.text(6), r.i64(7), r.text(8), r.opt_text(9), r.opt_text(10)};
}

void save_import_choices(Connection& c, Id id, const std::string& choices_json) {
  c.query("UPDATE plan_imports SET choices_json = $1 WHERE id = $2", {choices_json, id});
}

void mark_import_confirmed(Connection& c, Id id, const std::string& at) {
  c.query("UPDATE plan_imports SET state = 'confirmed', confirmed_at = $1 WHERE id = $2", {at, id});
}

std::optional<SynthesisReport> find_synthesis(Connection& c, Id directive_id, const std::string& period) {
  auto rows = c.query(
      "SELECT id, directive_id, period, format, number, issued_on, sections_json, signer_name, signer_title, "
      "recipients, version, updated_by, updated_at FROM synthesis_reports WHERE directive_id = $1 AND period = $2",
      {directive_id, period});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  SynthesisReport s{r.i64(0),
                    r.i64(1),
                    r.text(2),
                    r.text(3),
                    std::nullopt,
                    r.opt_text(5),
                    r.text(6),
                    r.text(7),
                    r.text(8),
                    r.text(9),
                    static_cast<int>(r.i64(10)),
                    r.opt_i64(11),
                    r.text(12)};
  if (!r.null(4)) s.number = static_cast<int>(r.i64(4));
  return s;
}

bool save_synthesis(Connection& c, SynthesisReport& r, int expected_version) {
  if (expected_version == 0) {
    auto rows = c.query(
        "INSERT INTO synthesis_reports (directive_id, period, format, number, issued_on, sections_json, signer_name, "
        "signer_title, recipients, version, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, "
        "$10, $11) ON CONFLICT (directive_id, period) DO NOTHING RETURNING id",
        {r.directive_id, r.period, r.format, opt(r.number), opt(r.issued_on), r.sections_json, r.signer_name,
         r.signer_title, r.recipients, opt(r.updated_by), r.updated_at});
    if (rows.empty()) return false;
    r.id = rows[0].i64(0);
    r.version = 1;
    return true;
  }
  auto rows = c.query(
      "UPDATE synthesis_reports SET format = $1, number = $2, issued_on = $3, sections_json = $4, signer_name = $5, "
      "signer_title = $6, recipients = $7, version = version + 1, updated_by = $8, updated_at = $9 WHERE "
      "directive_id = $10 AND period = $11 AND version = $12 RETURNING id, version",
      {r.format, opt(r.number), opt(r.issued_on), r.sections_json, r.signer_name, r.signer_title, r.recipients,
       opt(r.updated_by), r.updated_at, r.directive_id, r.period, static_cast<long long>(expected_version)});
  if (rows.empty()) return false;
  r.id = rows[0].i64(0);
  r.version = static_cast<int>(rows[0].i64(1));
  return true;
}

namespace {
constexpr const char* kIssuedColumns =
    "SELECT i.id, i.number, i.year, i.issued_on, i.kind, i.format, i.directive_id, d.number, i.period, i.as_of, "
    "i.data_read_at, i.issued_by, COALESCE(u.full_name, ''), i.sha256, i.size_bytes, i.filename, i.content_type "
    "FROM issued_documents i JOIN directives d ON d.id = i.directive_id LEFT JOIN users u ON u.id = i.issued_by";

IssuedDocument issued_from(const Row& r) {
  return IssuedDocument{r.i64(0),   r.text(1),  static_cast<int>(r.i64(2)),
                        r.text(3),  r.text(4),  r.text(5),
                        r.i64(6),   r.text(7),  r.text(8),
                        r.text(9),  r.text(10), r.i64(11),
                        r.text(12), r.text(13), r.i64(14),
                        r.text(15), r.text(16)};
}
}  // namespace

std::optional<Id> insert_issued_document(Connection& c, const IssuedDocument& d) {
  auto rows = c.query(
      "INSERT INTO issued_documents (number, year, issued_on, kind, format, directive_id, period, as_of, "
      "data_read_at, issued_by, sha256, size_bytes, filename, content_type) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
      "$9, $10, $11, $12, $13, $14) ON CONFLICT (year, number) DO NOTHING RETURNING id",
      {d.number, static_cast<long long>(d.year), d.issued_on, d.kind, d.format, d.directive_id, d.period, d.as_of,
       d.data_read_at, d.issued_by, d.sha256, d.size_bytes, d.filename, d.content_type});
  if (rows.empty()) return std::nullopt;
  return rows[0].i64(0);
}

bool issued_number_taken(Connection& c, int year, const std::string& number) {
  return !c.query("SELECT 1 FROM issued_documents WHERE year = $1 AND number = $2",
                  {static_cast<long long>(year), number})
              .empty();
}

std::optional<IssuedDocument> find_issued_document(Connection& c, Id id) {
  auto rows = c.query(std::string(kIssuedColumns) + " WHERE i.id = $1", {id});
  if (rows.empty()) return std::nullopt;
  return issued_from(rows[0]);
}

std::vector<IssuedDocument> list_issued_documents(Connection& c, std::optional<Id> directive_id,
                                                  const std::optional<std::string>& period, Page page,
                                                  long long* total) {
  Where w;
  if (directive_id) w.add("i.directive_id = ?", *directive_id);
  if (period) w.add("i.period = ?", *period);
  if (total) {
    *total = c.query("SELECT COUNT(*) FROM issued_documents i" + w.sql(), w.params()).at(0).i64(0);
  }
  std::vector<IssuedDocument> out;
  const auto where = w.sql();
  const auto limit = w.page(page.limit, page.offset);
  for (const auto& r :
       c.query(std::string(kIssuedColumns) + where + " ORDER BY i.issued_on DESC, i.id DESC" + limit, w.params()))
    out.push_back(issued_from(r));
  return out;
}

}  // namespace tiendo::store
