// Zip archives with libarchive (Debian libarchive-dev): the offline bundle is one .zip, which
// opens by double-click on any laptop without extra software. Written beside its final name and
// renamed, so a reader never sees half an archive.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace vangnet {

struct ArchiveEntry {
  std::string name;  // path inside the archive, "/"-separated
  std::string bytes;
};

// Writes `entries` as a zip to `path` (through `path` + ".tmp" and a rename).
Status WriteZip(const std::string& path, const std::vector<ArchiveEntry>& entries);
// Reads every file of a zip (for checks and tests).
Result<std::vector<ArchiveEntry>> ReadZip(const std::string& path);
// Reads every file of a zip held in memory (an uploaded workbook). Refuses an archive that
// unpacks to more than `max_bytes` in all, so a small upload cannot fill the memory.
Result<std::vector<ArchiveEntry>> ReadZipBytes(std::string_view bytes, const std::string& name,
                                               std::size_t max_bytes);

}  // namespace vangnet
