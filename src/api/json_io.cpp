#include "api/json_io.h"

#include <charconv>
#include <cmath>

#include "api/gzip.h"
#include "api/static_files.h"
#include "domain/ranges.h"

namespace tiendo::api {

namespace json = boost::json;

namespace {
// The path of the first number the JSON text could not hold: boost::json reads "1e400" as infinity
// without an error, so every body is checked before a handler sees it.
std::optional<std::string> non_finite_path(const json::value& v, const std::string& at) {
  if (v.is_double()) return std::isfinite(v.as_double()) ? std::nullopt : std::optional(at);
  if (v.is_array()) {
    size_t k = 0;
    for (const auto& e : v.as_array()) {
      if (auto p = non_finite_path(e, at + "[" + std::to_string(k++) + "]")) return p;
    }
  } else if (v.is_object()) {
    for (const auto& [key, e] : v.as_object()) {
      if (auto p = non_finite_path(e, at.empty() ? std::string(key) : at + "." + std::string(key))) return p;
    }
  }
  return std::nullopt;
}

}  // namespace

std::string label(const std::string& field) { return "\"" + domain::field_label(field) + "\""; }

boost::json::object parse_body(const Request& req) {
  if (req.body.empty()) throw bad_request("body", "Thiếu nội dung yêu cầu (JSON).");
  boost::system::error_code ec;
  json::value v = json::parse(req.body, ec);
  if (ec) throw bad_request("body", "Nội dung yêu cầu không phải JSON hợp lệ.");
  if (!v.is_object()) throw bad_request("body", "Nội dung yêu cầu phải là một đối tượng JSON.");
  if (auto at = non_finite_path(v, ""))
    throw bad_request(*at, "Trường " + label(*at) + " có số quá lớn, không phải số hữu hạn.");
  return std::move(v.as_object());
}

std::optional<std::string> optional_string(const json::object& o, const std::string& field, size_t max_len) {
  auto it = o.find(field);
  if (it == o.end() || it->value().is_null()) return std::nullopt;
  if (!it->value().is_string()) throw bad_request(field, "Trường " + label(field) + " phải là chuỗi ký tự.");
  std::string s(it->value().as_string());
  if (s.size() > max_len) throw bad_request(field, "Trường " + label(field) + " quá dài.");
  return s;
}

std::string required_string(const json::object& o, const std::string& field, size_t max_len) {
  auto s = optional_string(o, field, max_len);
  if (!s || s->find_first_not_of(" \t\r\n") == std::string::npos)
    throw bad_request(field, "Trường " + label(field) + " là bắt buộc.");
  return *s;
}

std::optional<long long> optional_int(const json::object& o, const std::string& field, long long min, long long max) {
  auto it = o.find(field);
  if (it == o.end() || it->value().is_null()) return std::nullopt;
  const auto& v = it->value();
  long long n = 0;
  if (v.is_int64()) {
    n = v.as_int64();
  } else if (v.is_uint64() && v.as_uint64() <= static_cast<uint64_t>(INT64_MAX)) {
    n = static_cast<long long>(v.as_uint64());
  } else if (const double d = v.is_double() ? v.as_double() : 0.5;
             // A whole double inside long long's range (converting 1e300 would be undefined behaviour).
             v.is_double() && std::isfinite(d) && d >= -9.2e18 && d <= 9.2e18 && d == std::trunc(d)) {
    n = static_cast<long long>(d);
  } else {
    throw bad_request(field, "Trường " + label(field) + " phải là số nguyên.");
  }
  if (n < min || n > max)
    throw bad_request(field, "Trường " + label(field) + " phải trong khoảng " + std::to_string(min) + " đến " +
                                 std::to_string(max) + ".");
  return n;
}

std::optional<double> optional_number(const json::object& o, const std::string& field) {
  auto it = o.find(field);
  if (it == o.end() || it->value().is_null()) return std::nullopt;
  const auto& v = it->value();
  double n = 0;
  if (v.is_double()) {
    n = v.as_double();
  } else if (v.is_int64()) {
    n = static_cast<double>(v.as_int64());
  } else if (v.is_uint64()) {
    n = static_cast<double>(v.as_uint64());
  } else {
    throw bad_request(field, "Trường " + label(field) + " phải là số.");
  }
  if (!std::isfinite(n)) throw bad_request(field, "Trường " + label(field) + " phải là một số hữu hạn.");
  return n;
}

std::optional<double> optional_number(const json::object& o, const std::string& field, domain::NumberKind kind) {
  auto n = optional_number(o, field);
  if (n) check_number(field, *n, kind);
  return n;
}

void check_number(const std::string& field, double value, domain::NumberKind kind) {
  if (auto why = domain::check_number(kind, value, label(field))) throw bad_request(field, "Trường " + *why);
}

std::optional<bool> optional_bool(const json::object& o, const std::string& field) {
  auto it = o.find(field);
  if (it == o.end() || it->value().is_null()) return std::nullopt;
  if (!it->value().is_bool()) throw bad_request(field, "Trường " + label(field) + " phải là true hoặc false.");
  return it->value().as_bool();
}

std::optional<domain::Date> optional_date(const json::object& o, const std::string& field) {
  auto s = optional_string(o, field, 10);
  if (!s) return std::nullopt;
  auto d = domain::parse_iso_date(*s);
  if (!d) throw bad_request(field, "Trường " + label(field) + " phải là ngày dạng YYYY-MM-DD.");
  return d;
}

namespace {
std::optional<long long> parse_ll(const std::string& s) {
  long long v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}
}  // namespace

store::Page query_page(const Request& req) {
  store::Page page;
  if (auto it = req.query.find("limit"); it != req.query.end()) {
    auto v = parse_ll(it->second);
    if (!v || *v < 1 || *v > 1000) throw bad_request("limit", "Tham số " + label("limit") + " phải từ 1 đến 1000.");
    page.limit = *v;
  }
  if (auto it = req.query.find("offset"); it != req.query.end()) {
    auto v = parse_ll(it->second);
    if (!v || *v < 0) throw bad_request("offset", "Tham số " + label("offset") + " phải là số không âm.");
    page.offset = *v;
  }
  return page;
}

std::optional<std::string> query_string(const Request& req, const std::string& name) {
  auto it = req.query.find(name);
  if (it == req.query.end() || it->second.empty()) return std::nullopt;
  if (it->second.size() > 500) throw bad_request(name, "Tham số " + label(name) + " quá dài.");
  return it->second;
}

std::optional<store::Id> query_id(const Request& req, const std::string& name) {
  auto s = query_string(req, name);
  if (!s) return std::nullopt;
  auto v = parse_ll(*s);
  if (!v || *v <= 0) throw bad_request(name, "Tham số " + label(name) + " phải là mã số hợp lệ.");
  return v;
}

Response json_response(int status, const json::value& v) {
  Response r;
  r.status = status;
  r.body = serialize_finite(v);
  return r;
}

Response kept_json(const Request& req, const KeptText& kept, const std::function<std::string()>& make) {
  Response r;
  if (StaticFiles::accepts_gzip(req.header("accept-encoding").value_or(""))) {
    r.body = *kept(".gz", [&] { return gzip(*kept("", make)); });
    r.headers.emplace_back("Content-Encoding", "gzip");
  } else {
    r.body = *kept("", make);
  }
  return r;
}

Response list_response(json::array items, long long total) {
  return json_response(200, json::object{{"items", std::move(items)}, {"total", total}});
}

Response error_response(const ApiError& e) {
  json::object err{{"code", e.code}, {"message", e.what()}};
  err["field"] = e.field.empty() ? json::value(nullptr) : json::value(e.field);
  Response r = json_response(e.status, json::object{{"error", std::move(err)}});
  return r;
}

}  // namespace tiendo::api
