#pragma once
// The built web client (web/dist), and nothing else: the files are listed once at start-up — index.html,
// the other top-level files and assets/* — each a regular file whose resolved path lies inside the
// resolved web root (a symlink pointing out is left out). A request is answered only with an exact match
// of that list, compared after the target's percent-decoding, so no spelling of "..", "//", "%2f", "\",
// NUL or a symlink reaches any other file.
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
  // The answer to GET `path` (already percent-decoded).
  Response serve(const std::string& method, const std::string& path) const;
  size_t size() const { return files_.size(); }

 private:
  struct File {
    std::string body;
    std::string content_type;
  };
  std::map<std::string, File> files_;  // "/index.html", "/assets/app-abc123.js" → contents
};

}  // namespace tiendo::api
