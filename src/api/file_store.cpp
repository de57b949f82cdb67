#include "api/file_store.h"

#include <sodium.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>

#include "api/error.h"

namespace tiendo::api {

std::string sha256_hex_of(const std::string& data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

void store_content_addressed(const std::filesystem::path& dir, const std::string& sha, const std::string& data,
                             const std::string& what) {
  const auto sub = dir / sha.substr(0, 2);
  const auto final_path = sub / sha;
  std::error_code ec;
  if (std::filesystem::exists(final_path, ec)) return;
  std::filesystem::create_directories(sub, ec);
  const auto tmp = sub / (sha + ".tmp");
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) throw ApiError(507, "storage", "Không ghi được " + what + " (ổ đĩa không sẵn sàng).");
  const bool ok =
      std::fwrite(data.data(), 1, data.size(), f) == data.size() && std::fflush(f) == 0 && ::fsync(fileno(f)) == 0;
  std::fclose(f);
  if (!ok) {
    std::filesystem::remove(tmp, ec);
    throw ApiError(507, "storage", "Không đủ dung lượng lưu " + what + "; dữ liệu không bị thay đổi.");
  }
  std::filesystem::rename(tmp, final_path, ec);
  if (ec) throw ApiError(507, "storage", "Không ghi được " + what + ".");
}

std::optional<std::string> read_content_addressed(const std::filesystem::path& dir, const std::string& sha) {
  std::ifstream in(dir / sha.substr(0, 2) / sha, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace tiendo::api
