#include "api/static_files.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>

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
  auto add = [&](const fs::path& entry, const std::string& key) {
    if (entry.filename().string().starts_with(".")) return;  // no hidden files (.env, .git…)
    std::error_code e;
    const fs::path real = fs::weakly_canonical(entry, e);
    if (e || !inside(root, real) || !fs::is_regular_file(real, e)) return;
    const auto size = fs::file_size(real, e);
    if (e || size > kMaxFileBytes) return;
    std::ifstream in(real, std::ios::binary);
    if (!in) return;
    File f;
    f.body.assign(std::istreambuf_iterator<char>(in), {});
    f.content_type = content_type_of(real);
    files_.emplace(key, std::move(f));
  };
  for (const auto& e : fs::directory_iterator(root, ec)) add(e.path(), "/" + e.path().filename().string());
  const fs::path assets = root / "assets";
  if (fs::is_directory(assets, ec) && inside(root, fs::weakly_canonical(assets, ec))) {
    for (auto it = fs::recursive_directory_iterator(assets, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      add(it->path(), "/" + it->path().lexically_relative(root).generic_string());
    }
  }
  if (!files_.contains("/index.html")) spdlog::warn("web root {} has no index.html", web_root);
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

Response StaticFiles::serve(const std::string& method, const std::string& path) const {
  if (method != "GET" && method != "HEAD") return not_found_json();
  const Kind kind = classify(path);
  if (kind == Kind::not_found) return not_found_json();
  const File& f = files_.at(kind == Kind::file ? path : "/index.html");
  Response res;
  res.content_type = f.content_type;
  res.body = f.body;
  // Built assets carry a content hash in their names: cache them; never cache the page itself.
  if (kind == Kind::file && path.starts_with("/assets/"))
    res.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
  return res;
}

}  // namespace tiendo::api
