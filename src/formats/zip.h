#pragma once
// Zip containers (.xlsx, .docx) in memory, through libzip. Reading is bounded so that a zip bomb or a
// file of thousands of parts is refused with a clear error instead of filling memory.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tiendo::formats {

struct ZipLimits {
  std::size_t max_entries = 2000;
  std::uint64_t max_entry_bytes = 64ull << 20;   // one part, uncompressed
  std::uint64_t max_total_bytes = 200ull << 20;  // all parts read, uncompressed
};

class ZipReader {
 public:
  // Throws FormatError when `bytes` is not a zip file.
  ZipReader(std::string_view bytes, ZipLimits limits = {});
  ~ZipReader();
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  bool has(const std::string& name) const;
  // The part's bytes; throws FormatError when missing or larger than the limits allow.
  std::string read(const std::string& name);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A zip file of the given parts (deflated), in memory.
std::string zip_write(const std::vector<std::pair<std::string, std::string>>& parts);

}  // namespace tiendo::formats
