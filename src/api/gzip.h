// gzip of the API's JSON answers (issue 14's quality bar: a commune's slow line). The web files have their .gz
// twins made by the build (static_files); an answer is made per request, so it is compressed here.
#pragma once

#include <string>
#include <string_view>

namespace tiendo::api {

// The gzip stream (RFC 1952) of `data`, at a level that costs little time on the worker thread.
std::string gzip(std::string_view data);

}  // namespace tiendo::api
