#include "api/json_io.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace tiendo::api {

namespace json = boost::json;

namespace {
Request with_body(std::string body) {
  Request r;
  r.method = "POST";
  r.body = std::move(body);
  return r;
}

std::string field_of_refusal(const std::string& body) {
  try {
    parse_body(with_body(body));
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status, 400);
    return e.field;
  }
  return "<accepted>";
}
}  // namespace

// boost::json reads "1e400" as infinity without an error; the body is refused at the root, naming the
// path of the number.
TEST(ParseBody, RefusesNumbersJsonTextCannotHold) {
  EXPECT_EQ(field_of_refusal(R"({"value":1e400})"), "value");
  EXPECT_EQ(field_of_refusal(R"({"value":-1e400})"), "value");
  EXPECT_EQ(field_of_refusal(R"({"items":[{"progress_percent":1}, {"progress_percent":1E999}]})"),
            "items[1].progress_percent");
  EXPECT_EQ(field_of_refusal(R"({"weights":{"updates":1e309}})"), "weights.updates");
  EXPECT_EQ(field_of_refusal(R"({"value":NaN})"), "body");
  EXPECT_EQ(field_of_refusal(R"({"value":Infinity})"), "body");
  EXPECT_EQ(field_of_refusal(R"({"value":1e308, "tiny": 1e-400, "big": 123456789012345678901234567890})"),
            "<accepted>");
}

TEST(SerializeFinite, WritesNonFiniteNumbersAsNull) {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // What boost::json would write without the guard: not JSON.
  EXPECT_EQ(json::serialize(json::array{inf}), "[Infinity]");
  const json::value v = json::object{{"a", inf}, {"b", json::array{1.5, -inf, nan}}, {"c", json::object{{"d", nan}}}};
  const std::string text = serialize_finite(v);
  EXPECT_EQ(text, R"({"a":null,"b":[1.5E0,null,null],"c":{"d":null}})");
  EXPECT_NO_THROW(json::parse(text));
  EXPECT_EQ(json_response(200, v).body, text);
  EXPECT_EQ(serialize_finite(json::object{{"x", 2.5}}), R"({"x":2.5E0})");
}

TEST(OptionalNumber, RefusesOutOfRangeWithTheVietnameseLabel) {
  const json::object o{{"progress_percent", 101}, {"numerator", -1.0}, {"value", 2.5}, {"ok", 40}};
  try {
    optional_number(o, "progress_percent", domain::NumberKind::progress);
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.field, "progress_percent");
    EXPECT_NE(std::string(e.what()).find("Tiến độ (%)"), std::string::npos) << e.what();
  }
  EXPECT_THROW(optional_number(o, "numerator", domain::NumberKind::amount), ApiError);
  EXPECT_THROW(optional_number(o, "value", domain::NumberKind::count), ApiError);
  EXPECT_EQ(*optional_number(o, "ok", domain::NumberKind::share), 40);
  EXPECT_FALSE(optional_number(o, "missing", domain::NumberKind::share));
}

TEST(OptionalInt, RefusesDoublesOutsideItsRangeWithoutOverflow) {
  const json::object o{{"a", 1e300}, {"b", -1e300}, {"c", 2.5}, {"d", 7.0}, {"e", 1e19}};
  for (const char* f : {"a", "b", "c", "e"}) EXPECT_THROW(optional_int(o, f, 0, INT64_MAX), ApiError) << f;
  EXPECT_EQ(*optional_int(o, "d", 0, 10), 7);
}

}  // namespace tiendo::api
