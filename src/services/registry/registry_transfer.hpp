// Import and export of the whole registry as CSV files or Excel workbooks (README.md, "Data
// formats").
//
// An import is one user action: every file is checked, every row validated, and either all of
// it is written in one transaction or none of it. The same run without writing is the preview
// the import page shows: what would be added, changed (old -> new) and left alone. The command
// line and the web page go through this one function. An export is a consistent snapshot.
#pragma once

#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/registry.hpp"
#include "services/registry/access_policy.hpp"
#include "services/registry/registry_service.hpp"
#include "store/store.hpp"

namespace vangnet {

struct ImportFile {
  std::string name;     // file name as the user gave it; used in every message
  std::string kind;     // "practices", "people", ...; empty = from the file or sheet name
  std::string content;  // the file's bytes: CSV, or an Excel workbook (.xlsx)
};

struct FieldChange {
  std::string field, before, after;
};

// One row that adds or changes a record, for the preview.
struct RowChange {
  std::size_t line = 0;
  std::string key;
  std::string name;  // the record's name, where it has one, to recognise it by
  bool added = false;
  std::vector<FieldChange> fields;  // for a change: the fields that differ
  std::string entry;  // from a FHIR Bundle: "entry[2]" (line is then the entry's index + 1)
};

// One CSV file or one sheet of a workbook ("regio.xlsx, blad people").
struct ImportFileCounts {
  std::string name;
  std::size_t created = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;
  std::string kind;
  std::vector<RowChange> changes;  // the first ImportOptions::max_listed_changes of them
};

struct ImportOptions {
  bool apply = true;  // false: check everything and report, write nothing (the preview)
  std::size_t max_errors = 100;
  std::size_t max_listed_changes = 0;  // rows listed per file in `changes`
};

struct ImportReport {
  std::vector<ImportFileCounts> files;  // in the order they were applied
  Errors errors;                        // empty when the import was (or would be) committed
  bool committed = false;
};

// The kinds of file an import understands: "practices", "people", ... in reference order.
std::vector<std::string> ImportKinds();

// Reads files from disk; a directory stands for the known files in it.
Result<std::vector<ImportFile>> ReadImportFiles(const std::vector<std::string>& paths,
                                                const std::string& kind = "");

// Imports all files in one transaction, or with `apply` false only checks them. The caller
// needs the right to change every kind it imports for the whole region (the command line has
// it; a practice user keeps their records through the forms instead).
ImportReport ImportRegistry(Store& store, const Caller& caller, std::vector<ImportFile> files,
                            const ImportOptions& options = {});

struct ExportReport {
  std::vector<ImportFileCounts> files;  // name and rows (in `created`) per file written
};

// Writes one CSV per record type into `directory` (created when missing). Files are written
// beside their final names and renamed, so a failed export never leaves a half-written file.
Result<ExportReport> ExportRegistry(Store& store, const Actor& actor, const std::string& directory);

// The registry as one Excel workbook, one sheet per kind: for `caller`, the kinds they may see
// of the whole region, without the fields hidden from them. The export is audited.
Result<std::string> ExportRegistryWorkbook(Store& store, const Caller& caller);

// The same import and export for the web UI's import page and downloads: a logged-in caller,
// and committed imports announced like any other change, so open pages refresh.
class RegistryTransferService {
 public:
  using Listener = std::function<void(const ChangeEvent&)>;
  // `examples`: the records the template shows as example rows (the demo region's).
  RegistryTransferService(Store& store, Listener listener,
                          std::function<RegistryRecords()> examples)
      : store_(store), listener_(std::move(listener)), examples_(std::move(examples)) {}

  // Checks (apply false: the preview, with up to 200 listed changes per file) or imports.
  ImportReport Import(const Caller& caller, std::vector<ImportFile> files, bool apply);
  Result<std::string> Workbook(const Caller& caller) {
    return ExportRegistryWorkbook(store_, caller);
  }
  // "Download sjabloon": the same for everyone, made once.
  Result<std::string> Template();

 private:
  Store& store_;
  Listener listener_;
  std::function<RegistryRecords()> examples_;
  std::mutex template_mutex_;
  std::string template_;
};

}  // namespace vangnet
