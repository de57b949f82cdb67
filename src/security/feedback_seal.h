#pragma once
// The feedback key: seals senders' contacts and names at rest (XSalsa20-Poly1305, libsodium secretbox) and
// makes the keyed hashes (BLAKE2b) that find duplicates and count per contact and per address without
// keeping a readable contact or address. The key file lives outside the database, beside the audit key
// (32 random bytes as hex, mode 0600, created on first start): a stolen database alone reveals no contact.
#include <optional>
#include <string>
#include <string_view>

namespace tiendo::security {

class FeedbackSeal {
 public:
  // Reads the key file; creates it (0600) when it does not exist yet.
  static FeedbackSeal from_file(const std::string& path);
  explicit FeedbackSeal(std::string raw_key);  // 32 bytes

  std::string seal(std::string_view plain) const;                  // hex of nonce ‖ ciphertext
  std::optional<std::string> open(std::string_view sealed) const;  // nothing when forged or another key's
  std::string keyed_hash(std::string_view purpose, std::string_view text) const;  // hex, 32 bytes

 private:
  std::string seal_key_, hash_key_;  // two subkeys derived from the file's key
};

// A random code of `n` characters without look-alikes (0/O, 1/I/L, U): what a person reads out on the phone.
std::string random_code(size_t n);
// 32 random bytes as hex: the secret of a rating link.
std::string random_token();

}  // namespace tiendo::security
