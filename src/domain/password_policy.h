#pragma once
// What a password must be before it is accepted: long enough to resist guessing at the login limits, not
// one of the passwords every guessing run tries first (a list shipped by a Debian package, read by the
// caller), and not guessable from the account itself (the product, the user, the unit, "mật khẩu").
// Everything is compared case-folded and without diacritics: "TiếnĐộ" is "tiendo".
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

namespace tiendo::domain {

inline constexpr size_t kMinPasswordLength = 10;

// The common passwords, from the text of a list with one password a line ("#!comment" lines skipped).
class CommonPasswords {
 public:
  explicit CommonPasswords(std::string_view list_text);
  bool contains(const std::string& folded) const { return words_.count(folded) != 0; }
  size_t size() const { return words_.size(); }

 private:
  std::unordered_set<std::string> words_;
};

// What the password must not be made of, besides the common list.
struct PasswordContext {
  std::string username;
  std::string full_name;
  std::string unit_name;
};

// Nothing when the password is acceptable; otherwise why not, in Vietnamese.
std::optional<std::string> password_problem(const std::string& password, const PasswordContext& context,
                                            const CommonPasswords& common);

}  // namespace tiendo::domain
