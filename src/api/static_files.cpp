#include "api/static_files.h"

#include <spdlog/spdlog.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string_view>

namespace tiendo::api {

namespace fs = std::filesystem;

namespace {

constexpr std::uintmax_t kMaxFileBytes = 64ULL * 1024 * 1024;

const char* content_type_of(const fs::path& p) {
  const auto ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".json") return "application/json; charset=utf-8";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

bool inside(const fs::path& root, const fs::path& p) {
  const auto rel = p.lexically_relative(root);
  return !rel.empty() && *rel.begin() != ".." && rel.is_relative();
}

Response not_found_json() {
  Response r;
  r.status = 404;
  r.body = R"({"error":{"code":"not_found","message":"Không tìm thấy địa chỉ yêu cầu.","field":null}})";
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

// The weight of one Accept-Encoding element's parameters ("q=0.5"): 1 when absent, 0 when unreadable (a
// client that wrote it wrong is sent the plain file, which every client reads).
double weight(std::string_view params) {
  double q = 1;
  while (!params.empty()) {
    const auto semi = params.find(';');
    const auto param = trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view{} : params.substr(semi + 1);
    if (param.size() < 2 || !iequals(param.substr(0, 2), "q=")) continue;
    const std::string value(param.substr(2));
    char* end = nullptr;
    q = std::strtod(value.c_str(), &end);
    if (value.empty() || end != value.c_str() + value.size()) q = 0;
  }
  return q;
}

bool route_char(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
}

}  // namespace

StaticFiles::StaticFiles(const std::string& web_root) {
  if (web_root.empty()) return;
  std::error_code ec;
  const fs::path root = fs::canonical(web_root, ec);
  if (ec || !fs::is_directory(root, ec)) {
    spdlog::warn("web root {} is not a folder: the web client is not served", web_root);
    return;
  }
  std::map<std::string, std::string> twins;  // "/assets/app-abc123.js" → the contents of app-abc123.js.gz
  auto add = [&](const fs::path& entry, const std::string& key) {
    if (entry.filename().string().starts_with(".")) return;  // no hidden files (.env, .git…)
    std::error_code e;
    const fs::path real = fs::weakly_canonical(entry, e);
    if (e || !inside(root, real) || !fs::is_regular_file(real, e)) return;
    const auto size = fs::file_size(real, e);
    if (e || size > kMaxFileBytes) return;
    std::ifstream in(real, std::ios::binary);
    if (!in) return;
    std::string body(std::istreambuf_iterator<char>(in), {});
    if (key.ends_with(".gz")) {
      twins.emplace(key.substr(0, key.size() - 3), std::move(body));
      return;
    }
    files_.emplace(key, File{std::move(body), {}, content_type_of(real)});
  };
  for (const auto& e : fs::directory_iterator(root, ec)) add(e.path(), "/" + e.path().filename().string());
  const fs::path assets = root / "assets";
  if (fs::is_directory(assets, ec) && inside(root, fs::weakly_canonical(assets, ec))) {
    for (auto it = fs::recursive_directory_iterator(assets, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      add(it->path(), "/" + it->path().lexically_relative(root).generic_string());
    }
  }
  // A twin is served only in place of its file: a .gz without its file is not served at all.
  for (auto& [key, gzip] : twins) {
    if (auto it = files_.find(key); it != files_.end()) it->second.gzip = std::move(gzip);
  }
  if (!files_.contains("/index.html")) spdlog::warn("web root {} has no index.html", web_root);
}

bool StaticFiles::accepts_gzip(const std::string& accept_encoding) {
  std::optional<bool> gzip;
  bool any = false;
  std::string_view rest = accept_encoding;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const auto element = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    const auto semi = element.find(';');
    const auto coding = trim(element.substr(0, semi));
    const double q = semi == std::string_view::npos ? 1 : weight(element.substr(semi + 1));
    if (iequals(coding, "gzip") || iequals(coding, "x-gzip"))
      gzip = q > 0;
    else if (coding == "*")
      any = q > 0;
  }
  return gzip.value_or(any);
}

bool StaticFiles::hashed(const std::string& path) {
  if (!path.starts_with("/assets/")) return false;
  const std::string_view name = std::string_view(path).substr(path.rfind('/') + 1);
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos) return false;
  const auto stem = name.substr(0, dot);
  if (stem.size() < 10 || stem[stem.size() - 9] != '-') return false;
  for (char ch : stem.substr(stem.size() - 8))
    if (!route_char(ch)) return false;  // the hash's alphabet: letters, digits, "-" and "_"
  return true;
}

StaticFiles::Kind StaticFiles::classify(const std::string& path) const {
  if (files_.contains(path)) return Kind::file;
  if (!files_.contains("/index.html")) return Kind::not_found;
  if (path == "/") return Kind::page;
  if (path.starts_with("/assets/") || path.starts_with("/api/") || path == "/assets" || path == "/api")
    return Kind::not_found;
  // A client route: single slashes between words of route characters (no dot, so no file extension).
  if (path.empty() || path[0] != '/') return Kind::not_found;
  bool segment_empty = true;
  for (size_t i = 1; i < path.size(); ++i) {
    const char ch = path[i];
    if (ch == '/') {
      if (segment_empty) return Kind::not_found;
      segment_empty = true;
    } else if (route_char(ch)) {
      segment_empty = false;
    } else {
      return Kind::not_found;
    }
  }
  return segment_empty ? Kind::not_found : Kind::page;
}

Response StaticFiles::serve(const std::string& method, const std::string& path,
                            const std::string& accept_encoding) const {
  if (method != "GET" && method != "HEAD") return not_found_json();
  const Kind kind = classify(path);
  if (kind == Kind::not_found) return not_found_json();
  const File& f = files_.at(kind == Kind::file ? path : "/index.html");
  Response res;
  res.content_type = f.content_type;
  const bool gzip = !f.gzip.empty() && accepts_gzip(accept_encoding);
  res.body = gzip ? f.gzip : f.body;
  if (gzip) res.headers.emplace_back("Content-Encoding", "gzip");
  if (!f.gzip.empty()) res.headers.emplace_back("Vary", "Accept-Encoding");  // caches keep both answers apart
  // A hashed name changes with its contents: cache it for good. Anything else (the page, which names the
  // assets of the current build) is asked for again each time.
  res.headers.emplace_back("Cache-Control",
                           kind == Kind::file && hashed(path) ? "public, max-age=31536000, immutable" : "no-cache");
  return res;
}

}  // namespace tiendo::api
