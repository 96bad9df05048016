// Whole-file reads and crash-safe writes: a file is either the old one or the complete new one.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/embedded_file.hpp"
#include "core/error.hpp"

namespace vangnet {

Result<std::string> ReadTextFile(const std::string& path);
// Writes to PATH.tmp, flushes it to disk, then renames it over PATH.
Status WriteFileAtomically(const std::string& path, const std::string& content);

// A data file shipped in the binary (norms/*.yaml: the first of `shipped`) or, when `path` is
// set, a region's own copy, given to `parse(content, file name for messages)`.
template <class Parse>
auto LoadShippedOrOwn(std::span<const EmbeddedFile> shipped, const std::string& path, Parse parse)
    -> decltype(parse(std::string_view{}, std::string{})) {
  if (path.empty()) {
    if (shipped.empty()) return Error::Internal("databestand niet meegebouwd");
    return parse(shipped.front().content, "norms/" + std::string(shipped.front().name));
  }
  auto text = ReadTextFile(path);
  if (!text) return text.error();
  return parse(text.value(), path);
}

}  // namespace vangnet
