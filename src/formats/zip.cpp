#include "formats/zip.h"

#include <zip.h>

#include "formats/format_error.h"

namespace tiendo::formats {

struct ZipReader::Impl {
  zip_t* archive = nullptr;
  ZipLimits limits;
  std::uint64_t total_read = 0;
};

ZipReader::ZipReader(std::string_view bytes, ZipLimits limits) : impl_(std::make_unique<Impl>()) {
  impl_->limits = limits;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (src) impl_->archive = zip_open_from_source(src, ZIP_RDONLY, &error);
  if (!impl_->archive) {
    if (src) zip_source_free(src);
    zip_error_fini(&error);
    throw FormatError("Tệp không đúng định dạng Office Open XML (không phải tệp nén .xlsx/.docx hợp lệ).");
  }
  zip_error_fini(&error);
  if (static_cast<std::size_t>(zip_get_num_entries(impl_->archive, 0)) > limits.max_entries)
    throw FormatError("Tệp chứa quá nhiều thành phần; có thể là tệp độc hại.");
}

ZipReader::~ZipReader() {
  if (impl_->archive) zip_discard(impl_->archive);
}

bool ZipReader::has(const std::string& name) const { return zip_name_locate(impl_->archive, name.c_str(), 0) >= 0; }

std::string ZipReader::read(const std::string& name) {
  zip_file_t* f = zip_fopen(impl_->archive, name.c_str(), 0);
  if (!f) throw FormatError("Tệp thiếu thành phần " + name + ".");
  // The declared size may lie: count what is actually inflated and stop at the limit.
  std::string out;
  char buf[65536];
  for (;;) {
    const zip_int64_t n = zip_fread(f, buf, sizeof buf);
    if (n < 0) {
      zip_fclose(f);
      throw FormatError("Tệp bị hỏng: không giải nén được " + name + ".");
    }
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
    impl_->total_read += static_cast<std::uint64_t>(n);
    if (out.size() > impl_->limits.max_entry_bytes || impl_->total_read > impl_->limits.max_total_bytes) {
      zip_fclose(f);
      throw FormatError("Tệp giải nén ra quá lớn (có thể là \"bom nén\"); không xử lý.");
    }
  }
  zip_fclose(f);
  return out;
}

std::string zip_write(const std::vector<std::pair<std::string, std::string>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* za = buffer ? zip_open_from_source(buffer, ZIP_TRUNCATE, &error) : nullptr;
  zip_error_fini(&error);
  if (!za) {
    if (buffer) zip_source_free(buffer);
    throw std::runtime_error("zip: cannot create an archive in memory");
  }
  zip_source_keep(buffer);
  for (const auto& [name, content] : parts) {
    zip_source_t* s = zip_source_buffer(za, content.data(), content.size(), 0);
    if (!s || zip_file_add(za, name.c_str(), s, ZIP_FL_ENC_UTF_8) < 0) {
      if (s) zip_source_free(s);
      zip_discard(za);
      zip_source_free(buffer);
      throw std::runtime_error("zip: cannot add " + name);
    }
  }
  if (zip_close(za) < 0) {
    zip_discard(za);
    zip_source_free(buffer);
    throw std::runtime_error("zip: cannot write the archive");
  }
  std::string out;
  if (zip_source_open(buffer) == 0) {
    zip_source_seek(buffer, 0, SEEK_END);
    out.resize(static_cast<std::size_t>(zip_source_tell(buffer)));
    zip_source_seek(buffer, 0, SEEK_SET);
    zip_source_read(buffer, out.data(), out.size());
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  return out;
}

}  // namespace tiendo::formats
