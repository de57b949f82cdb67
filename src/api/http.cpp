#include "api/http.h"

#include <boost/url/parse.hpp>

#include "domain/text.h"

namespace tiendo::api {

std::string attachment_disposition(const std::string& file_name) {
  std::string name = domain::clean_file_name(file_name);
  if (name.empty()) name = "tep";
  std::string ascii, encoded;
  static const char* hex = "0123456789ABCDEF";
  for (const char ch : name) {
    const auto b = static_cast<unsigned char>(ch);
    ascii.push_back(b < 0x80 && ch != '"' && ch != '\\' ? ch : '_');
    const bool attr_char = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') ||
                           std::string_view("!#$&+-.^_`|~").find(ch) != std::string_view::npos;
    if (attr_char) {
      encoded.push_back(ch);
    } else {
      encoded.push_back('%');
      encoded.push_back(hex[b >> 4]);
      encoded.push_back(hex[b & 15]);
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

bool parse_target(Request& r) {
  auto parsed = boost::urls::parse_origin_form(r.target);
  if (!parsed) return false;
  r.path = std::string(parsed->path());  // percent-decoded
  r.query.clear();
  for (auto param : parsed->params()) r.query[std::string(param.key)] = std::string(param.value);
  return true;
}

}  // namespace tiendo::api
