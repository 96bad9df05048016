// Whole-file reads and crash-safe writes: a file is either the old one or the complete new one.
#pragma once

#include <string>

#include "core/error.hpp"

namespace vangnet {

Result<std::string> ReadTextFile(const std::string& path);
// Writes to PATH.tmp, flushes it to disk, then renames it over PATH.
Status WriteFileAtomically(const std::string& path, const std::string& content);

}  // namespace vangnet
