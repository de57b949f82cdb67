#pragma once
// The built web client (web/dist), and nothing else: the files are listed once at start-up — index.html,
// the other top-level files and assets/* — each a regular file whose resolved path lies inside the
// resolved web root (a symlink pointing out is left out). A request is answered only with an exact match
// of that list, compared after the target's percent-decoding, so no spelling of "..", "//", "%2f", "\",
// NUL or a symlink reaches any other file.
// A file with a gzip twin beside it (`app-abc123.js.gz`, written by the web build) is sent compressed to a
// client that accepts gzip; the twin itself is not a file of its own. Hashed asset names
// ("/assets/<name>-<8-character hash>.<ext>", the web build's naming) are cached for a year; everything else,
// index.html included, is revalidated.
#include <map>
#include <string>

#include "api/http.h"

namespace tiendo::api {

class StaticFiles {
 public:
  StaticFiles() = default;
  // Reads the files under `web_root` (empty: no web client).
  explicit StaticFiles(const std::string& web_root);

  enum class Kind { file, page, not_found };
  // What a decoded request path gets: a listed file, the page (a client route: "/" or letters, digits, "-"
  // and "_" between single slashes, outside /assets/ and /api/), or 404.
  Kind classify(const std::string& path) const;
  // The answer to GET `path` (already percent-decoded); `accept_encoding` is the request's Accept-Encoding.
  Response serve(const std::string& method, const std::string& path, const std::string& accept_encoding) const;
  size_t size() const { return files_.size(); }

  // Whether an Accept-Encoding header lets gzip through (RFC 9110 §12.5.3: "gzip", "x-gzip" or "*", not q=0).
  static bool accepts_gzip(const std::string& accept_encoding);
  // "/assets/index-B8kh_N9e.js": under /assets/, its name ending in "-" and 8 characters of [A-Za-z0-9_-] before
  // the extension.
  static bool hashed(const std::string& path);

 private:
  struct File {
    std::string body;
    std::string gzip;  // the body gzip-compressed, or empty
    std::string content_type;
  };
  std::map<std::string, File> files_;  // "/index.html", "/assets/app-abc123.js" → contents
};

}  // namespace tiendo::api
