#pragma once
// Files kept by their SHA-256 under one directory (`<dir>/ab/abcd…`): evidence uploaded with reports and the
// documents the standing agency issued. The same bytes are kept once; a kept file is never rewritten.
#include <filesystem>
#include <optional>
#include <string>

namespace tiendo::api {

std::string sha256_hex_of(const std::string& data);

// Writes the file under its SHA-256, fsynced before it is named, so a crash never leaves half a file.
// `what` names the file in the error ("tệp minh chứng").
void store_content_addressed(const std::filesystem::path& dir, const std::string& sha, const std::string& data,
                             const std::string& what);

// The bytes kept under `sha`, or nothing when the file is missing.
std::optional<std::string> read_content_addressed(const std::filesystem::path& dir, const std::string& sha);

}  // namespace tiendo::api
