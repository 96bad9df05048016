#include "services/registry/registry_transfer.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/registry.hpp"
#include "io/csv.hpp"
#include "io/registry_csv.hpp"
#include "services/registry/record_rules.hpp"

namespace vangnet {

namespace {

namespace fs = std::filesystem;

// "practices.csv" -> "practices": the kind a file name stands for.
template <class T>
std::string KindOf() {
  std::string_view file = EntityTraits<T>::kFileName;
  return std::string(file.substr(0, file.find('.')));
}

struct ParsedFile {
  ImportFile* file;
  CsvTable table;
};

class ImportRun {
 public:
  ImportRun(UnitOfWork& uow, std::size_t max_errors) : uow_(uow), max_errors_(max_errors) {}

  template <class T>
  void ApplyFile(ParsedFile& parsed, ImportReport& report) {
    ImportFileCounts counts{parsed.file->name, 0, 0, 0};
    auto rows = MapCsvColumns<T>(parsed.table, parsed.file->name);
    if (!rows) {
      Add(rows.error());
      return;
    }
    auto& seen = seen_lines_[std::string(EntityTraits<T>::kTable)];
    for (const auto& row : rows.value()) {
      if (Full()) break;
      ApplyRow<T>(parsed.file->name, row, seen, counts);
    }
    report.files.push_back(counts);
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
  bool Full() const { return errors_.size() >= max_errors_; }

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

  void Add(Error error) {
    if (!Full()) errors_.push_back(std::move(error));
  }

  UnitOfWork& uow_;
  std::size_t max_errors_;
  Errors errors_;
  std::map<std::string, std::map<std::string, std::size_t>> seen_lines_;  // table -> key -> line
  std::map<std::string, std::pair<std::string, std::size_t>> practices_;  // agb -> file, line
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

ImportReport ImportRegistry(Store& store, const Actor& actor, std::vector<ImportFile> files,
                            std::size_t max_errors) {
  ImportReport report;
  const auto kinds = ImportKinds();
  std::vector<ParsedFile> parsed;
  for (auto& file : files) {
    if (file.kind.empty()) {
      std::string stem = fs::path(file.name).stem().string();
      for (const auto& k : kinds) {
        if (stem == k) file.kind = k;
      }
    }
    bool known = false;
    for (const auto& k : kinds) known = known || file.kind == k;
    if (!known) {
      std::string list;
      for (const auto& k : kinds) list += (list.empty() ? "" : ", ") + k + ".csv";
      report.errors.push_back(
          Error::Io(file.name, "onbekend soort bestand; noem het " + list + " of geef --kind op"));
      continue;
    }
    auto table = ReadCsv(file.content, file.name);
    if (!table) {
      report.errors.push_back(table.error());
      continue;
    }
    parsed.push_back(ParsedFile{&file, std::move(table.value())});
  }
  if (!report.errors.empty()) return report;

  auto uow = store.Begin(actor);
  if (!uow) {
    report.errors.push_back(uow.error());
    return report;
  }
  ImportRun run(*uow.value(), max_errors);
  // Reference order: a row may refer to records from an earlier file of the same import.
  ForEachRegistryType([&]<class T>() {
    for (auto& p : parsed) {
      if (p.file->kind == KindOf<T>() && !run.Full()) run.ApplyFile<T>(p, report);
    }
  });
  run.CheckConsistency();
  report.errors = run.TakeErrors();
  if (!report.errors.empty()) return report;  // the unit of work rolls back

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

}  // namespace vangnet
