// Import and export of the whole registry as a folder of CSV files (README.md, "Data formats").
//
// An import is one user action: every file is checked, every row validated, and either all of
// it is written in one transaction or none of it. An export is a consistent snapshot.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/store.hpp"

namespace vangnet {

struct ImportFile {
  std::string name;     // file name as the user gave it; used in every message
  std::string kind;     // "practices", "people", ...; empty = derived from the file name
  std::string content;  // the file's bytes
};

struct ImportFileCounts {
  std::string name;
  std::size_t created = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;
};

struct ImportReport {
  std::vector<ImportFileCounts> files;  // in the order they were applied
  Errors errors;                        // empty when the import was committed
  bool committed = false;
};

// The kinds of file an import understands: "practices", "people", ... in reference order.
std::vector<std::string> ImportKinds();

// Reads files from disk; a directory stands for the known files in it.
Result<std::vector<ImportFile>> ReadImportFiles(const std::vector<std::string>& paths,
                                                const std::string& kind = "");

// Imports all files in one transaction; at most `max_errors` errors are reported.
ImportReport ImportRegistry(Store& store, const Actor& actor, std::vector<ImportFile> files,
                            std::size_t max_errors = 100);

struct ExportReport {
  std::vector<ImportFileCounts> files;  // name and rows (in `created`) per file written
};

// Writes one CSV per record type into `directory` (created when missing). Files are written
// beside their final names and renamed, so a failed export never leaves a half-written file.
Result<ExportReport> ExportRegistry(Store& store, const Actor& actor, const std::string& directory);

}  // namespace vangnet
