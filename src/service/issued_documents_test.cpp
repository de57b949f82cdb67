// The register of issued documents as the API runs it: the file made from one read, kept before its row is
// written, audited, and a number used once a year. On SQLite, or on PostgreSQL when TIENDO_STORE_TEST_DB names one.
#include "service/issued_documents.h"

#include <gtest/gtest.h>

#include "service/use_case_test.h"

namespace tiendo::service {
namespace {

namespace json = boost::json;

class IssuedDocuments : public UseCaseTest {
 protected:
  void SetUp() override {
    UseCaseTest::SetUp();
    db_->write([&](store::Connection& c) { plan_ = plan(c, "KH-BH"); });
  }

  IssueRequest appendices(const std::string& number) {
    IssueRequest in;
    in.directive_id = plan_;
    in.kind = "appendices";
    in.format = "xlsx";
    in.number = unique(number);
    in.issued_on = *domain::parse_iso_date("2026-11-20");
    in.as_of = *domain::parse_iso_date("2026-11-19");
    return in;
  }

  store::Id plan_ = 0;
};

TEST_F(IssuedDocuments, MadeOnceKeptBeforeItsRowAndAudited) {
  const auto in = appendices("12/BC-SKHCN");
  const auto made = db_->read([&](store::Connection& c) { return make_issued_document(c, in, now_); });
  EXPECT_FALSE(made.bytes.empty());
  EXPECT_EQ(made.bytes.substr(0, 2), "PK");  // an .xlsx is a zip
  EXPECT_EQ(made.filename, "phu-luc-" + made.period + ".xlsx");

  int kept = 0;
  const auto out = as([&](const Call& call) {
    return register_issued_document(call, in, made.period, "12-" + made.filename, made.bytes, "ab12", [&] { ++kept; });
  });
  EXPECT_EQ(kept, 1);
  EXPECT_EQ(out.at("number").as_string(), in.number);
  EXPECT_EQ(out.at("as_of"), "2026-11-19");
  EXPECT_EQ(out.at("issued_by"), admin_.user_id);
  EXPECT_EQ(out.at("size_bytes"), static_cast<long long>(made.bytes.size()));
  const auto entries = log("issued_document", out.at("id").as_int64());
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "issue");

  // The same number in the same year: refused before anything is made, and at the register if it came meanwhile.
  const auto taken =
      refusal([&] { db_->read([&](store::Connection& c) { return make_issued_document(c, in, now_); }); });
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->kind, Error::Kind::number_taken);
  EXPECT_EQ(taken->field, "number");
  const auto raced = refused([&](const Call& call) {
    return register_issued_document(call, in, made.period, "x.xlsx", made.bytes, "ab13", [] {});
  });
  ASSERT_TRUE(raced);
  EXPECT_EQ(raced->kind, Error::Kind::number_taken);

  const auto missing = refusal([&] { db_->read([&](store::Connection& c) { return issued_document(c, 100000000); }); });
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->kind, Error::Kind::not_found);

  // The register of the plan lists it; of another period, not.
  const auto listed = db_->read([&](store::Connection& c) {
    return issued_documents(c, plan_, std::nullopt, store::Page{50, 0});
  });
  EXPECT_EQ(listed.total, 1);
  ASSERT_EQ(listed.items.size(), 1u);
  EXPECT_EQ(listed.items[0].at("id"), out.at("id"));
  EXPECT_EQ(db_->read([&](store::Connection& c) {
                 return issued_documents(c, plan_, "2020-01", store::Page{50, 0});
               })
                .total,
            0);
}

TEST_F(IssuedDocuments, RefusesAPeriodOutsideThePlansType) {
  auto in = appendices("13/BC-SKHCN");
  in.period = "2026-Q9";
  const auto bad = refusal([&] { db_->read([&](store::Connection& c) { return make_issued_document(c, in, now_); }); });
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->field, "period");
}

}  // namespace
}  // namespace tiendo::service
