#pragma once
// Files compiled into the binary (the default rule pack) by cmake/EmbedFiles.cmake.
#include <string_view>
#include <vector>

namespace authshift::core {

struct EmbeddedFile {
  std::string_view name;  // base name, e.g. "zoho-authtoken-header.yaml"
  std::string_view data;  // the file's bytes; static storage
};

}  // namespace authshift::core
