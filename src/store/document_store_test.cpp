// Documents in and out as stored: the unit catalogue with its learned aliases, a plan import until confirmed, a
// synthesis narrative saved only at its version, and the register of issued documents (a number once a year).
// On SQLite, or on PostgreSQL when TIENDO_STORE_TEST_DB names one (rows of other tests beside these).
#include "store/document_store.h"

#include <algorithm>
#include <vector>

#include "store/test_database.h"

namespace tiendo::store {
namespace {

using DocumentStore = StoreTest;

const domain::NamedUnit* named(const std::vector<domain::NamedUnit>& catalogue, Id id, bool group) {
  const auto it = std::find_if(catalogue.begin(), catalogue.end(),
                               [&](const domain::NamedUnit& u) { return u.id == id && u.group == group; });
  return it == catalogue.end() ? nullptr : &*it;
}

TEST_F(DocumentStore, CatalogueNamesUnitsGroupsAndAliases) {
  db_->write([&](Connection& c) {
    const Id city = unit(c, "CITY", std::nullopt);
    Unit ward;
    ward.code = unique("PHUONG");
    ward.name = "Phường Ba Đình";
    ward.short_name = "P. Ba Đình";
    ward.kind = "ward";
    ward.peer_group = "commune";
    ward.parent_id = city;
    ward.id = insert_unit(c, ward, kAt);
    const Id office = unit(c, "TO", ward.id);
    Unit ended = *find_unit(c, unit(c, "CU", city));
    ended.active_to = "2026-06-30";
    update_unit(c, ended, kAt);
    const Id group = insert_unit_group(c, {0, unique("NHOM"), "Các phường", {ward.id}}, kAt);
    const Id by = user(c, "admin", "admin", city).id;
    const std::string alias = "Phường BĐ " + unique("a"), group_alias = "Khối phường " + unique("g");
    save_unit_alias(c, alias, city, std::nullopt, by, kAt);
    save_unit_alias(c, alias, ward.id, std::nullopt, by, kAt);  // taught again: the alias moves to the ward
    save_unit_alias(c, group_alias, std::nullopt, group, by, kAt);

    const auto catalogue = unit_catalogue(c);
    const auto* w = named(catalogue, ward.id, false);
    ASSERT_NE(w, nullptr);
    EXPECT_EQ(w->code, ward.code);
    EXPECT_TRUE(w->top_level);  // a direct child of the city
    EXPECT_EQ(w->names, (std::vector<std::string>{"Phường Ba Đình", "P. Ba Đình", alias}));
    const auto* top = named(catalogue, city, false);
    ASSERT_NE(top, nullptr);
    EXPECT_FALSE(top->top_level);
    EXPECT_EQ(top->names, std::vector<std::string>{"Đơn vị CITY"});
    ASSERT_NE(named(catalogue, office, false), nullptr);
    EXPECT_FALSE(named(catalogue, office, false)->top_level);
    EXPECT_EQ(named(catalogue, ended.id, false), nullptr);
    const auto* g = named(catalogue, group, true);
    ASSERT_NE(g, nullptr);
    EXPECT_EQ(g->code, unique("NHOM"));
    EXPECT_EQ(g->names, (std::vector<std::string>{"Các phường", group_alias}));
  });
}

TEST_F(DocumentStore, PlanImportReadsBackUntilConfirmed) {
  db_->write([&](Connection& c) {
    const Id city = unit(c, "CITY", std::nullopt);
    PlanImport p;
    p.directive_id = plan(c, "KH");
    p.filename = "ke-hoach.docx";
    p.source_kind = "docx";
    p.plan_json = R"({"tasks":[]})";
    p.choices_json = "{}";
    p.created_by = user(c, "admin", "admin", city).id;
    p.created_at = kAt;
    const Id id = insert_plan_import(c, p);
    auto back = find_plan_import(c, id);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->id, id);
    EXPECT_EQ(back->directive_id, p.directive_id);
    EXPECT_EQ(back->filename, "ke-hoach.docx");
    EXPECT_EQ(back->source_kind, "docx");
    EXPECT_EQ(back->state, "preview");
    EXPECT_EQ(back->plan_json, R"({"tasks":[]})");
    EXPECT_EQ(back->choices_json, "{}");
    EXPECT_EQ(back->created_by, p.created_by);
    EXPECT_EQ(back->created_at, kAt);
    EXPECT_FALSE(back->confirmed_at.has_value());
    EXPECT_FALSE(back->upstream_system.has_value());

    save_import_choices(c, id, R"({"Phòng KT":7})");
    mark_import_confirmed(c, id, "2026-11-02T00:00:00Z");
    back = find_plan_import(c, id);
    EXPECT_EQ(back->choices_json, R"({"Phòng KT":7})");
    EXPECT_EQ(back->state, "confirmed");
    EXPECT_EQ(back->confirmed_at, "2026-11-02T00:00:00Z");

    p.upstream_system = "nq57";  // seeded by the migrations
    EXPECT_EQ(find_plan_import(c, insert_plan_import(c, p))->upstream_system, "nq57");
    EXPECT_FALSE(find_plan_import(c, 0).has_value());
  });
}

TEST_F(DocumentStore, SynthesisSavedOnlyAtItsVersion) {
  db_->write([&](Connection& c) {
    const Id kh = plan(c, "KH");
    const Id by = user(c, "vanphong", "standing_agency", unit(c, "CITY", std::nullopt)).id;
    EXPECT_FALSE(find_synthesis(c, kh, "2026-11").has_value());
    SynthesisReport s;
    s.directive_id = kh;
    s.period = "2026-11";
    s.sections_json = R"({"ket_qua":"Hoàn thành 38/120 nhiệm vụ"})";
    s.signer_name = "Trần Thị Bình";
    s.signer_title = "Giám đốc";
    s.recipients = "UBND thành phố";
    s.updated_by = by;
    s.updated_at = kAt;
    ASSERT_TRUE(save_synthesis(c, s, 0));
    EXPECT_GT(s.id, 0);
    EXPECT_EQ(s.version, 1);
    SynthesisReport twice = s;
    EXPECT_FALSE(save_synthesis(c, twice, 0));  // already saved by someone else

    s.format = "party";
    s.number = 123;
    s.issued_on = "2026-11-25";
    s.updated_at = "2026-11-02T00:00:00Z";
    ASSERT_TRUE(save_synthesis(c, s, 1));
    EXPECT_EQ(s.version, 2);
    SynthesisReport stale = s;
    stale.signer_name = "Người khác";
    EXPECT_FALSE(save_synthesis(c, stale, 1));

    const auto back = find_synthesis(c, kh, "2026-11");
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->id, s.id);
    EXPECT_EQ(back->directive_id, kh);
    EXPECT_EQ(back->period, "2026-11");
    EXPECT_EQ(back->format, "party");
    EXPECT_EQ(back->number, 123);
    EXPECT_EQ(back->issued_on, "2026-11-25");
    EXPECT_EQ(back->sections_json, R"({"ket_qua":"Hoàn thành 38/120 nhiệm vụ"})");
    EXPECT_EQ(back->signer_name, "Trần Thị Bình");
    EXPECT_EQ(back->signer_title, "Giám đốc");
    EXPECT_EQ(back->recipients, "UBND thành phố");
    EXPECT_EQ(back->version, 2);
    EXPECT_EQ(back->updated_by, by);
    EXPECT_EQ(back->updated_at, "2026-11-02T00:00:00Z");
    EXPECT_FALSE(find_synthesis(c, kh, "2026-10").has_value());
  });
}

TEST_F(DocumentStore, IssuedNumberOnceAYearAndListedNewestFirst) {
  db_->write([&](Connection& c) {
    const Id kh = plan(c, "KH"), other = plan(c, "KH2");
    const Id by = user(c, "Lê Văn Cường", "standing_agency", unit(c, "CITY", std::nullopt)).id;
    IssuedDocument d;
    d.number = unique("123/BC");
    d.year = 2026;
    d.issued_on = "2026-11-20";
    d.kind = "synthesis";
    d.format = "docx";
    d.directive_id = kh;
    d.period = "2026-11";
    d.as_of = "2026-11-19";
    d.data_read_at = "2026-11-20T01:02:03Z";
    d.issued_by = by;
    d.sha256 = std::string(64, 'a');
    d.size_bytes = 5'000'000'123;  // beyond 32 bits
    d.filename = "bao-cao.docx";
    d.content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    const auto first = insert_issued_document(c, d);
    ASSERT_TRUE(first.has_value());
    EXPECT_FALSE(insert_issued_document(c, d).has_value());
    EXPECT_TRUE(issued_number_taken(c, 2026, d.number));
    EXPECT_FALSE(issued_number_taken(c, 2027, d.number));

    const auto back = find_issued_document(c, *first);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->id, *first);
    EXPECT_EQ(back->number, d.number);
    EXPECT_EQ(back->year, 2026);
    EXPECT_EQ(back->issued_on, "2026-11-20");
    EXPECT_EQ(back->kind, "synthesis");
    EXPECT_EQ(back->format, "docx");
    EXPECT_EQ(back->directive_id, kh);
    EXPECT_EQ(back->directive_number, unique("KH"));
    EXPECT_EQ(back->period, "2026-11");
    EXPECT_EQ(back->as_of, "2026-11-19");
    EXPECT_EQ(back->data_read_at, "2026-11-20T01:02:03Z");
    EXPECT_EQ(back->issued_by, by);
    EXPECT_EQ(back->issued_by_name, "Lê Văn Cường");
    EXPECT_EQ(back->sha256, d.sha256);
    EXPECT_EQ(back->size_bytes, 5'000'000'123);
    EXPECT_EQ(back->filename, "bao-cao.docx");
    EXPECT_EQ(back->content_type, d.content_type);
    EXPECT_FALSE(find_issued_document(c, 0).has_value());

    // The same number the next year; an appendix of October; another plan's document.
    d.year = 2027;
    d.issued_on = "2027-01-05";
    const Id next_year = *insert_issued_document(c, d);
    d.number = unique("124/BC");
    d.year = 2026;
    d.issued_on = "2026-10-20";
    d.period = "2026-10";
    d.kind = "appendices";
    d.format = "xlsx";
    const Id october = *insert_issued_document(c, d);
    d.number = unique("125/BC");
    d.directive_id = other;
    insert_issued_document(c, d);

    const auto ids = [](const std::vector<IssuedDocument>& list) {
      std::vector<Id> out;
      for (const auto& i : list) out.push_back(i.id);
      return out;
    };
    long long total = 0;
    EXPECT_EQ(ids(list_issued_documents(c, kh, std::nullopt, {10, 0}, &total)),
              (std::vector<Id>{next_year, *first, october}));
    EXPECT_EQ(total, 3);
    EXPECT_EQ(ids(list_issued_documents(c, kh, std::nullopt, {1, 1}, &total)), std::vector<Id>{*first});
    EXPECT_EQ(total, 3);
    EXPECT_EQ(ids(list_issued_documents(c, kh, std::string("2026-10"), {10, 0}, &total)), std::vector<Id>{october});
    EXPECT_EQ(total, 1);
    EXPECT_TRUE(list_issued_documents(c, kh, std::string("2026-09"), {10, 0}, nullptr).empty());
  });
}

}  // namespace
}  // namespace tiendo::store
