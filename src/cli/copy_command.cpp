// vangnet copy: a whole database into a new one, between SQLite and PostgreSQL, then checked:
// the registry exported from both must be the same files, and the copied audit chain intact.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/cli_args.hpp"
#include "cli/commands.hpp"
#include "services/registry/registry_transfer.hpp"
#include "store/audit_anchors.hpp"
#include "store/secret_keys.hpp"
#include "store/sql/copy_database.hpp"

namespace vangnet::cli {

namespace {

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The audit chain's hashes are keyed with the source's key, and its checkpoints belong to that
// chain: the target gets the same key file and checkpoint file.
Status ShareKeyFiles(const std::string& from, const std::string& to) {
  if (auto s = SecretKeys::Share(SecretKeys::PathFor(LocalFileBase(from)),
                                 SecretKeys::PathFor(LocalFileBase(to)));
      !s)
    return s;
  const std::string from_anchors = AuditAnchors::PathFor(LocalFileBase(from));
  const std::string to_anchors = AuditAnchors::PathFor(LocalFileBase(to));
  std::error_code ec;
  if (from_anchors != to_anchors && std::filesystem::exists(from_anchors)) {
    std::filesystem::copy_file(from_anchors, to_anchors,
                               std::filesystem::copy_options::skip_existing, ec);
  }
  return Ok{};
}

// Export-compare: the registry of both, written as CSV, must be byte for byte the same.
Status SameRegistry(Store& from, Store& to) {
  namespace fs = std::filesystem;
  const fs::path work = fs::temp_directory_path() / ("vangnet-copy-" + std::to_string(getpid()));
  const Actor actor = CommandLineActor("kopie controleren");
  auto a = ExportRegistry(from, actor, (work / "bron").string());
  if (!a) return a.error();
  auto b = ExportRegistry(to, actor, (work / "doel").string());
  if (!b) return b.error();
  Status result = Ok{};
  for (const auto& entry : fs::directory_iterator(work / "bron")) {
    if (ReadAll(entry.path()) != ReadAll(work / "doel" / entry.path().filename())) {
      result = Error::Internal("de kopie wijkt af in " + entry.path().filename().string());
      break;
    }
  }
  std::error_code ec;
  fs::remove_all(work, ec);
  return result;
}

}  // namespace

int RunCopy(const std::vector<std::string>& argv) {
  int code = kExitOk;
  auto args = ParseOrFail(argv, {"from", "to"}, {}, code);
  if (!args) return code;
  const std::string from = args->Get("from"), to = args->Get("to");
  if (from.empty() || to.empty()) {
    std::cerr << "vangnet: geef --from en --to (zie --help)\n";
    return kExitUsage;
  }
  if (!IsPostgresAddress(from) && !std::filesystem::exists(from)) {
    std::cerr << "vangnet: de bron " << from << " bestaat niet\n";
    return kExitNoInput;
  }
  if (auto s = ShareKeyFiles(from, to); !s) return Fail(s.error());
  auto source = OpenStore(from);
  if (!source) return Fail(source.error());
  auto target = OpenStore(to);
  if (!target) return Fail(target.error());
  auto copied = sql::CopyDatabase(*source.value(), *target.value());
  if (!copied) return Fail(copied.error());
  for (const auto& [table, rows] : copied.value().rows) {
    if (rows > 0) std::printf("  %-26s %8lld rijen\n", table.c_str(), static_cast<long long>(rows));
  }
  if (auto s = SameRegistry(*source.value(), *target.value()); !s) return Fail(s.error());
  auto uow = target.value()->BeginRead(CommandLineActor("kopie controleren"));
  if (!uow) return Fail(uow.error());
  if (auto broken = uow.value()->Audit().FirstBrokenLink()) {
    std::cerr << "vangnet: de gekopieerde auditketen is gebroken bij gebeurtenis " << *broken
              << "\n";
    return kExitDataError;
  }
  std::printf("Gekopieerd: %lld rijen. Het register is in beide gelijk en de auditketen klopt.\n",
              static_cast<long long>(copied.value().total));
  return kExitOk;
}

}  // namespace vangnet::cli
