#include "services/app/backup.hpp"

#include <filesystem>

#include "io/run_program.hpp"
#include "store/store.hpp"

namespace vangnet {

Status BackupDatabase(const std::string& address, const std::string& out) {
  if (std::filesystem::exists(out)) {
    return Error::Validation("out", "het bestand " + out + " bestaat al; kies een nieuwe naam");
  }
  if (!IsPostgresAddress(address)) {
    if (!std::filesystem::exists(address)) return Error::Io(address, "de database bestaat niet");
    return BackupSqliteFile(address, out);
  }
  return RunProgram(
      {"pg_dump", "--format=custom", "--no-owner", "--file", out, "--dbname", address});
}

Status RestoreDatabase(const std::string& backup, const std::string& address,
                       const std::string& key_file, const Clock& clock) {
  if (!std::filesystem::exists(backup)) return Error::Io(backup, "de reservekopie bestaat niet");
  const bool postgres = IsPostgresAddress(address);
  if (!postgres && std::filesystem::exists(address)) {
    return Error::Validation("db", "de database " + address +
                                       " bestaat al; zet een reservekopie terug in een nieuw "
                                       "bestand");
  }
  if (auto s = SecretKeys::Share(key_file, SecretKeys::PathFor(LocalFileBase(address))); !s)
    return s;
  if (!postgres) {
    std::error_code ec;
    std::filesystem::copy_file(backup, address, ec);
    if (ec) return Error::Io(address, "kan niet worden geschreven: " + ec.message());
  } else if (auto s = RunProgram({"pg_restore", "--no-owner", "--exit-on-error",
                                  "--single-transaction", "--dbname", address, backup});
             !s) {
    return s;
  }
  auto store = OpenStore(address, clock);
  if (!store) return store.error();
  auto uow = store.value()->BeginRead(Actor{"", "", "cli", "reservekopie controleren"});
  if (!uow) return uow.error();
  if (auto broken = uow.value()->Audit().FirstBrokenLink()) {
    return Error::Validation("audit",
                             "de auditketen van de teruggezette database is gebroken bij "
                             "gebeurtenis " +
                                 std::to_string(*broken));
  }
  return Ok{};
}

}  // namespace vangnet
