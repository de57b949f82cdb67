#include "security/feedback_seal.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace tiendo::security {

namespace {
std::string hex(const unsigned char* p, size_t n) {
  std::string out(2 * n + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), p, n);
  out.pop_back();
  return out;
}

std::string subkey(const std::string& key, uint64_t id) {
  unsigned char out[32];
  crypto_kdf_derive_from_key(out, sizeof out, id, "tdFeedbk", reinterpret_cast<const unsigned char*>(key.data()));
  return std::string(reinterpret_cast<const char*>(out), sizeof out);
}
}  // namespace

FeedbackSeal FeedbackSeal::from_file(const std::string& path) {
  namespace fs = std::filesystem;
  if (!fs::exists(path)) {
    const auto parent = fs::path(path).parent_path();
    if (!parent.empty()) fs::create_directories(parent);
    unsigned char raw[crypto_kdf_KEYBYTES];
    randombytes_buf(raw, sizeof raw);
    const std::string text = hex(raw, sizeof raw) + "\n";
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
      const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
      ::close(fd);
      if (!ok) throw std::runtime_error("không ghi được tệp khóa góp ý " + path);
    } else if (errno != EEXIST) {  // another instance created it first: read theirs
      throw std::runtime_error("không tạo được tệp khóa góp ý " + path);
    }
  }
  std::ifstream in(path);
  std::string text;
  in >> text;
  unsigned char raw[crypto_kdf_KEYBYTES];
  size_t len = 0;
  if (text.size() != 2 * sizeof raw ||
      sodium_hex2bin(raw, sizeof raw, text.data(), text.size(), nullptr, &len, nullptr) != 0 || len != sizeof raw)
    throw std::runtime_error("tệp khóa góp ý " + path + " không hợp lệ (cần 64 chữ số hex)");
  return FeedbackSeal(std::string(reinterpret_cast<const char*>(raw), sizeof raw));
}

FeedbackSeal::FeedbackSeal(std::string raw_key) {
  if (raw_key.size() != crypto_kdf_KEYBYTES) throw std::invalid_argument("feedback key must be 32 bytes");
  seal_key_ = subkey(raw_key, 1);
  hash_key_ = subkey(raw_key, 2);
}

std::string FeedbackSeal::seal(std::string_view plain) const {
  std::string out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), '\0');
  auto* p = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(p, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(p + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(plain.data()),
                        plain.size(), p, reinterpret_cast<const unsigned char*>(seal_key_.data()));
  return hex(p, out.size());
}

std::optional<std::string> FeedbackSeal::open(std::string_view sealed) const {
  std::string raw(sealed.size() / 2, '\0');
  size_t len = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), sealed.data(), sealed.size(), nullptr,
                     &len, nullptr) != 0 ||
      len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
    return std::nullopt;
  const auto* p = reinterpret_cast<const unsigned char*>(raw.data());
  std::string plain(len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), p + crypto_secretbox_NONCEBYTES,
                                 len - crypto_secretbox_NONCEBYTES, p,
                                 reinterpret_cast<const unsigned char*>(seal_key_.data())) != 0)
    return std::nullopt;
  return plain;
}

std::string FeedbackSeal::keyed_hash(std::string_view purpose, std::string_view text) const {
  // The purpose keeps a contact's hash apart from an address's that happens to be the same text.
  const std::string msg = std::string(purpose) + '\0' + std::string(text);
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(msg.data()), msg.size(),
                     reinterpret_cast<const unsigned char*>(hash_key_.data()), hash_key_.size());
  return hex(out, sizeof out);
}

std::string random_code(size_t n) {
  static constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";  // 30 symbols
  std::string out;
  for (size_t i = 0; i < n; ++i) out += kAlphabet[randombytes_uniform(kAlphabet.size())];
  return out;
}

std::string random_token() {
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  return hex(raw, sizeof raw);
}

}  // namespace tiendo::security
