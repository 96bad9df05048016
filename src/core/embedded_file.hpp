// Files compiled into the binary (migrations, reference data); see cmake/EmbedFile.cmake.
#pragma once

#include <span>
#include <string_view>

namespace vangnet {

struct EmbeddedFile {
  std::string_view name;     // file name without directory, e.g. "0001_registry.sql"
  std::string_view content;  // the file's bytes
};

}  // namespace vangnet
