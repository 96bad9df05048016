#include "services/registry/registry_transfer.hpp"

#include "services/registry/import_slots.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/registry.hpp"
#include "io/csv.hpp"
#include "io/fhir_directory.hpp"
#include "io/registry_csv.hpp"
#include "io/xlsx.hpp"
#include "services/registry/record_rules.hpp"
#include "services/registry/registry_service.hpp"
#include "services/registry/registry_workbook.hpp"

namespace vangnet {

namespace {

namespace fs = std::filesystem;

// "practices.csv" -> "practices": the kind a file name stands for.
template <class T>
std::string KindOf() {
  std::string_view file = EntityTraits<T>::kFileName;
  return std::string(file.substr(0, file.find('.')));
}

// One table to import: a CSV file, or one sheet of a workbook.
struct ParsedFile {
  std::string name;  // "people.csv" or "regio.xlsx, blad people": every message starts with it
  std::string kind;
  CsvTable table;
  // A FHIR Bundle: the rows of one kind, named in the report as "regio.json, praktijken"; a
  // refusal names the element instead of line and column (line -> field -> element path).
  std::string label;
  std::map<std::size_t, std::map<std::string, std::string>> element_paths;
};

class ImportRun {
 public:
  ImportRun(UnitOfWork& uow, const ImportOptions& options) : uow_(uow), options_(options) {}

  template <class T>
  void ApplyFile(ParsedFile& parsed, ImportReport& report) {
    ImportFileCounts counts{
        parsed.label.empty() ? parsed.name : parsed.label, 0, 0, 0, parsed.kind, {}};
    if (!parsed.element_paths.empty()) element_paths_[parsed.name] = &parsed.element_paths;
    // A filled-in template keeps its explanation row; it is not data.
    std::erase_if(parsed.table.records, IsExplanationRow);
    auto rows = MapCsvColumns<T>(parsed.table, parsed.name);
    if (!rows) {
      Add(rows.error());
      return;
    }
    auto& seen = seen_lines_[std::string(EntityTraits<T>::kTable)];
    for (const auto& row : rows.value()) {
      if (Full()) break;
      ApplyRow<T>(parsed.name, row, seen, counts);
    }
    report.files.push_back(std::move(counts));
  }

  // Practices whose medically responsible GP must be checked after all rows are in.
  void CheckConsistency() {
    for (const auto& [agb, where] : practices_) {
      Practice probe;
      probe.agb = agb;
      auto practice = uow_.Table<Practice>().Find(probe);
      if (!practice) continue;
      for (auto error : CheckPracticeConsistency(uow_, *practice)) {
        error.file = where.first;
        error.row = where.second;
        Add(std::move(error));
      }
    }
  }

  Errors TakeErrors() { return std::move(errors_); }
  bool Full() const { return errors_.size() >= options_.max_errors; }

 private:
  template <class T>
  void ApplyRow(const std::string& file_name, const RegistryCsvRow& row,
                std::map<std::string, std::size_t>& seen, ImportFileCounts& counts) {
    const auto& fields = EntityTraits<T>::Fields();
    // First the key: parse into a fresh record, only to find out which record this row is.
    T probe;
    Errors ignored = ParseFields(fields, row.texts, probe);
    (void)Normalise(probe);
    const std::string key = KeyOf(probe);
    if (auto [it, inserted] = seen.emplace(key, row.line); !inserted) {
      Add(Error{ErrorKind::kConflict,
                std::string(EntityTraits<T>::kLabelNl) + " " + key + " staat ook al op regel " +
                    std::to_string(it->second),
                file_name, row.line, std::string(EntityTraits<T>::kKeyFields[0])});
      return;
    }
    // Then the row onto the stored record, so columns absent from the file keep their values.
    auto existing = uow_.Table<T>().Find(probe);
    T record = existing.value_or(T{});
    Errors errors;
    if (!existing) {
      for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].required && !row.texts[i]) {
          errors.push_back(Error::Validation(
              std::string(fields[i].name),
              "kolom ontbreekt in het bestand; die is verplicht voor een nieuwe " +
                  std::string(EntityTraits<T>::kLabelNl)));
        }
      }
    }
    for (auto& e : ParseFields(fields, row.texts, record)) errors.push_back(std::move(e));
    if (errors.empty()) {
      auto outcome = SaveRecord(uow_, existing, record, errors);
      if (outcome) {
        if (outcome.value() == SaveOutcome::kCreated) ++counts.created;
        if (outcome.value() == SaveOutcome::kUpdated) ++counts.updated;
        if (outcome.value() == SaveOutcome::kUnchanged) ++counts.unchanged;
        if (outcome.value() != SaveOutcome::kUnchanged &&
            counts.changes.size() < options_.max_listed_changes) {
          counts.changes.push_back(Describe(row.line, existing, record));
          if (element_paths_.contains(file_name)) {
            counts.changes.back().entry = "entry[" + std::to_string(row.line - 1) + "]";
          }
        }
        // A practice's medically responsible GP can be broken by a change to either side.
        if constexpr (std::is_same_v<T, Practice>) practices_[record.agb] = {file_name, row.line};
        if constexpr (std::is_same_v<T, Affiliation>) {
          practices_.try_emplace(record.practice_agb, file_name, row.line);
        }
      } else if (errors.empty()) {
        errors.push_back(outcome.error());
      }
    }
    for (auto& e : errors) {
      e.file = file_name;
      e.row = row.line;
      Add(std::move(e));
    }
  }

  // What a row does to its record, field by field, in the canonical form the store keeps.
  template <class T>
  static RowChange Describe(std::size_t line, const std::optional<T>& existing, T record) {
    (void)Normalise(record);
    RowChange change{line, KeyOf(record), "", !existing, {}};
    for (const auto& f : EntityTraits<T>::Fields()) {
      if (f.name == "name") change.name = f.get(record).value_or("");
    }
    if (!existing) return change;
    for (const auto& f : EntityTraits<T>::Fields()) {
      auto before = f.get(*existing).value_or("");
      auto after = f.get(record).value_or("");
      if (before != after) change.fields.push_back({std::string(f.name), before, after});
    }
    return change;
  }

  void Add(Error error) {
    // From a FHIR Bundle: line N is entry N-1; the field becomes the element it came from.
    if (auto file = element_paths_.find(error.file);
        file != element_paths_.end() && error.row > 0) {
      const auto& fields = file->second->at(error.row);
      auto path = fields.find(error.field);
      error.field = path != fields.end() ? path->second
                                         : "entry[" + std::to_string(error.row - 1) + "].resource";
      error.row = 0;
    }
    if (!Full()) errors_.push_back(std::move(error));
  }

  UnitOfWork& uow_;
  const ImportOptions& options_;
  Errors errors_;
  std::map<std::string, std::map<std::string, std::size_t>> seen_lines_;  // table -> key -> line
  std::map<std::string, std::pair<std::string, std::size_t>> practices_;  // agb -> file, line
  std::map<std::string, const std::map<std::size_t, std::map<std::string, std::string>>*>
      element_paths_;  // file name -> its FHIR element paths
};

}  // namespace

std::vector<std::string> ImportKinds() {
  std::vector<std::string> kinds;
  ForEachRegistryType([&]<class T>() { kinds.push_back(KindOf<T>()); });
  return kinds;
}

Result<std::vector<ImportFile>> ReadImportFiles(const std::vector<std::string>& paths,
                                                const std::string& kind) {
  std::vector<ImportFile> files;
  auto read = [&](const fs::path& path, const std::string& file_kind) -> Status {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error::Io(path.string(), "bestand kan niet worden gelezen");
    std::ostringstream content;
    content << in.rdbuf();
    files.push_back(ImportFile{path.string(), file_kind, content.str()});
    return Ok{};
  };
  for (const auto& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::size_t before = files.size();
      for (const auto& k : ImportKinds()) {
        fs::path candidate = fs::path(path) / (k + ".csv");
        if (fs::exists(candidate)) {
          if (auto s = read(candidate, k); !s) return s.error();
        }
      }
      if (files.size() == before) {
        return Error::Io(path, "map bevat geen bekende bestanden (zoals practices.csv)");
      }
    } else if (auto s = read(path, kind); !s) {
      return s.error();
    }
  }
  return files;
}

namespace {

// The kind a name stands for: the kind itself ("people") or its Dutch plural ("personen").
std::string KindNamed(std::string_view name) {
  std::string found;
  const std::string lower = ToLowerAscii(std::string(Trim(name)));
  ForEachRegistryType([&]<class T>() {
    if (lower == KindOf<T>() || lower == EntityTraits<T>::kPluralNl) found = KindOf<T>();
  });
  return found;
}

std::string KnownKindList() {
  std::string list;
  for (const auto& k : ImportKinds()) list += (list.empty() ? "" : ", ") + k;
  return list;
}

// A file as the tables to import: a CSV file is one; a workbook has one per sheet with content,
// each sheet named after its kind (or the file's kind when it has a single sheet).
Status ParseImportFile(ImportFile& file, std::vector<ParsedFile>& parsed) {
  std::string file_kind =
      file.kind.empty() ? KindNamed(fs::path(file.name).stem().string()) : KindNamed(file.kind);
  if (!file.kind.empty() && file_kind.empty()) {
    return Error::Io(file.name, "onbekende soort '" + file.kind + "'; kies uit " + KnownKindList());
  }
  if (fhir::LooksLikeFhir(file.content)) {
    auto bundle = fhir::ReadDirectoryBundle(file.content, file.name);
    if (!bundle) return bundle.error();
    for (auto& [table, rows] : bundle.value().by_table) {
      ParsedFile p{file.name, "", {}, "", {}};
      ForEachRegistryType([&]<class T>() {
        if (EntityTraits<T>::kTable == table) {
          p.kind = KindOf<T>();
          p.label = file.name + ", " + std::string(EntityTraits<T>::kPluralNl);
        }
      });
      for (const auto& [field, text] : rows.front().texts) p.table.header.push_back(field);
      for (auto& row : rows) {
        CsvRecord record{row.entry + 1, {}};
        for (const auto& field : p.table.header) record.cells.push_back(row.texts[field]);
        p.element_paths[record.line] = std::move(row.paths);
        p.table.records.push_back(std::move(record));
      }
      parsed.push_back(std::move(p));
    }
    return Ok{};
  }
  if (LooksLikeXlsx(file.content)) {
    auto sheets = ReadXlsx(file.content, file.name);
    if (!sheets) return sheets.error();
    std::vector<XlsxSheet*> filled;
    for (auto& sheet : sheets.value()) {
      if (!sheet.table.header.empty()) filled.push_back(&sheet);
    }
    if (filled.empty()) {
      return Error::Io(file.name,
                       "de werkmap is leeg; de eerste regel van een blad moet de "
                       "kolomnamen bevatten");
    }
    for (XlsxSheet* sheet : filled) {
      std::string kind = KindNamed(sheet->name);
      if (kind.empty() && filled.size() == 1) kind = file_kind;
      if (kind.empty()) {
        return Error::Io(file.name + ", blad " + sheet->name,
                         "onbekende soort; noem het blad naar wat erin staat: " + KnownKindList());
      }
      parsed.push_back({file.name + ", blad " + sheet->name, kind, std::move(sheet->table)});
    }
    return Ok{};
  }
  if (file_kind.empty()) {
    std::string list;
    for (const auto& k : ImportKinds()) list += (list.empty() ? "" : ", ") + k + ".csv";
    return Error::Io(file.name, "onbekend soort bestand; noem het " + list +
                                    ", geef de soort op (--kind, of de keuzelijst op de "
                                    "importpagina) of lever een Excel-werkmap");
  }
  auto table = ReadCsv(file.content, file.name);
  if (!table) return table.error();
  parsed.push_back({file.name, file_kind, std::move(table.value())});
  return Ok{};
}

// The preview shows stored values (old -> new), also of people: a read of personal data, audited
// like any other, in its own small transaction since the preview's own is rolled back.
Status AuditPreview(Store& store, const Caller& caller, const ImportReport& report) {
  auto uow = store.Begin(caller.actor);
  if (!uow) return uow.error();
  nlohmann::json details = nlohmann::json::array();
  std::vector<std::string> keys;
  for (const auto& c : report.files) {
    details.push_back({{"file", c.name}, {"created", c.created}, {"updated", c.updated}});
    for (const auto& change : c.changes) {
      if (!change.added) keys.push_back(c.kind + ":" + change.key);
    }
  }
  if (auto s = RecordAudit(*uow.value(), "read", "registry", "import-preview", "",
                           nlohmann::json{{"files", details}, {"shown", keys}}.dump());
      !s)
    return s.error();
  return uow.value()->Commit();
}

}  // namespace

ImportReport ImportRegistry(Store& store, const Caller& caller, std::vector<ImportFile> files,
                            const ImportOptions& options) {
  ImportReport report;
  std::vector<ParsedFile> parsed;
  for (auto& file : files) {
    if (auto s = ParseImportFile(file, parsed); !s) {
      // A Bundle's refusals come as one combined error: each is listed on its own.
      Error first = s.error();
      auto more = std::move(first.more);
      first.more.clear();
      report.errors.push_back(std::move(first));
      for (auto& e : more) report.errors.push_back(std::move(e));
    }
  }
  if (!report.errors.empty()) return report;
  // An import writes past the per-practice checks of the forms: it is for those who may change
  // every record of a kind in the whole region.
  ForEachRegistryType([&]<class T>() {
    for (const auto& p : parsed) {
      if (p.kind == KindOf<T>() &&
          WriteAccess(caller.role, EntityTraits<T>::kTable) != Access::kAll) {
        report.errors.push_back(Error{ErrorKind::kForbidden,
                                      "uw rol mag " + std::string(EntityTraits<T>::kPluralNl) +
                                          " niet voor de hele regio inlezen; gebruik de "
                                          "formulieren van uw eigen praktijk",
                                      p.name,
                                      0,
                                      {}});
        return;
      }
    }
  });
  if (!report.errors.empty()) return report;

  auto uow = store.Begin(caller.actor);
  if (!uow) {
    report.errors.push_back(uow.error());
    return report;
  }
  ImportRun run(*uow.value(), options);
  // Reference order: a row may refer to records from an earlier file of the same import.
  ForEachRegistryType([&]<class T>() {
    for (auto& p : parsed) {
      if (p.kind == KindOf<T>() && !run.Full()) run.ApplyFile<T>(p, report);
    }
  });
  run.CheckConsistency();
  report.errors = run.TakeErrors();
  if (!report.errors.empty()) return report;  // the unit of work rolls back
  if (!options.apply) {
    uow.value().reset();  // roll back before the preview's own audit event
    if (auto s = AuditPreview(store, caller, report); !s) report.errors.push_back(s.error());
    return report;
  }

  nlohmann::json details = nlohmann::json::array();
  std::string names;
  for (const auto& c : report.files) {
    details.push_back({{"file", c.name},
                       {"created", c.created},
                       {"updated", c.updated},
                       {"unchanged", c.unchanged}});
    names += (names.empty() ? "" : ", ") + fs::path(c.name).filename().string();
  }
  if (auto s = RecordAudit(*uow.value(), "import", "registry", names, "", details.dump()); !s) {
    report.errors.push_back(s.error());
    return report;
  }
  if (auto s = uow.value()->Commit(); !s) {
    report.errors.push_back(s.error());
    return report;
  }
  report.committed = true;
  return report;
}

Result<ExportReport> ExportRegistry(Store& store, const Actor& actor,
                                    const std::string& directory) {
  std::error_code ec;
  fs::create_directories(directory, ec);
  if (ec) return Error::Io(directory, "map kan niet worden gemaakt: " + ec.message());
  // A write transaction, only so that the export's audit event lands with the snapshot.
  auto uow = store.Begin(actor);
  if (!uow) return uow.error();
  ExportReport report;
  std::vector<std::pair<fs::path, fs::path>> renames;
  Status status = Ok{};
  ForEachRegistryType([&]<class T>() {
    if (!status) return;
    auto records = uow.value()->Table<T>().List();
    fs::path target = fs::path(directory) / std::string(EntityTraits<T>::kFileName);
    fs::path temporary = target;
    temporary += ".partial";
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << WriteRegistryCsv(records);
    out.close();
    if (!out) {
      status = Error::Io(temporary.string(), "bestand kan niet worden geschreven");
      return;
    }
    renames.emplace_back(temporary, target);
    report.files.push_back(ImportFileCounts{target.string(), records.size(), 0, 0});
  });
  if (status) {
    for (const auto& [from, to] : renames) {
      fs::rename(from, to, ec);
      if (ec)
        status = Error::Io(to.string(), "bestand kan niet worden geschreven: " + ec.message());
    }
  }
  if (!status) {
    for (const auto& [from, to] : renames) fs::remove(from, ec);
    return status.error();
  }
  nlohmann::json details = nlohmann::json::array();
  for (const auto& f : report.files) details.push_back({{"file", f.name}, {"rows", f.created}});
  if (auto s = RecordAudit(*uow.value(), "export", "registry", directory, "", details.dump()); !s)
    return s.error();
  if (auto s = uow.value()->Commit(); !s) return s.error();
  return report;
}

Result<std::string> ExportRegistryWorkbook(Store& store, const Caller& caller) {
  // A write transaction, so the export's audit event lands with the snapshot it describes.
  auto uow = store.Begin(caller.actor);
  if (!uow) return uow.error();
  std::vector<Table> sheets;
  nlohmann::json details = nlohmann::json::array();
  ForEachRegistryType([&]<class T>() {
    // Only kinds the caller may see region-wide, without what is hidden from them; a practice
    // user's own records come through the pages, not as a regional export.
    if (ReadAccess(caller.role, EntityTraits<T>::kTable) != Access::kAll) return;
    auto list = uow.value()->Table<T>().List();
    for (auto& record : list) Redact(caller, record);
    details.push_back({{"sheet", KindOf<T>()}, {"rows", list.size()}});
    sheets.push_back(RegistrySheet(list));
  });
  auto bytes = WriteXlsx(sheets);
  if (!bytes) return bytes.error();
  if (auto s = RecordAudit(*uow.value(), "export", "registry", "registry.xlsx", "", details.dump());
      !s)
    return s.error();
  if (auto s = uow.value()->Commit(); !s) return s.error();
  return bytes;
}

ImportReport RegistryTransferService::Import(const Caller& caller, std::vector<ImportFile> files,
                                             bool apply) {
  auto slot = ImportSlot::Take();
  if (!slot) {
    ImportReport refused;
    refused.errors.push_back(slot.error());
    return refused;
  }
  ImportOptions options;
  options.apply = apply;
  options.max_listed_changes = 200;
  ImportReport report = ImportRegistry(store_, caller, std::move(files), options);
  if (report.committed && listener_) {
    std::set<std::string> kinds;
    for (const auto& f : report.files) {
      if (f.created + f.updated > 0) kinds.insert(f.kind);
    }
    ForEachRegistryType([&]<class T>() {
      if (kinds.contains(KindOf<T>())) {
        listener_(ChangeEvent{std::string(EntityTraits<T>::kTable), "import", 0, ""});
      }
    });
  }
  return report;
}

Result<std::string> RegistryTransferService::Template() {
  std::lock_guard lock(template_mutex_);
  if (template_.empty()) {
    auto made = RegistryTemplate(examples_());
    if (!made) return made.error();
    template_ = std::move(made.value());
  }
  return template_;
}

}  // namespace vangnet
