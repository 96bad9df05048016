// vangnet backup / vangnet restore: a whole database, SQLite or PostgreSQL, while the server
// runs (services/app/backup.hpp).
#include <iostream>

#include "cli/cli_args.hpp"
#include "cli/commands.hpp"
#include "services/app/backup.hpp"
#include "store/secret_keys.hpp"
#include "store/store.hpp"

namespace vangnet::cli {

int RunBackup(const std::vector<std::string>& argv) {
  int code = kExitOk;
  auto args = ParseOrFail(argv, {"db", "out"}, {}, code);
  if (!args) return code;
  const std::string db = args->Get("db", kDefaultDb), out = args->Get("out");
  if (out.empty()) {
    std::cerr << "vangnet: geef --out BESTAND (zie --help)\n";
    return kExitUsage;
  }
  if (auto s = BackupDatabase(db, out); !s) return Fail(s.error());
  std::cout << "Reservekopie geschreven naar " << out << ".\n"
            << "Bewaar apart ook het sleutelbestand " << SecretKeys::PathFor(LocalFileBase(db))
            << ": zonder dat zijn de tweede factoren en de auditketen van de kopie niet te "
               "gebruiken.\n";
  return kExitOk;
}

int RunRestore(const std::vector<std::string>& argv) {
  int code = kExitOk;
  auto args = ParseOrFail(argv, {"db", "from", "key"}, {}, code);
  if (!args) return code;
  const std::string db = args->Get("db"), from = args->Get("from"), key = args->Get("key");
  if (db.empty() || from.empty() || key.empty()) {
    std::cerr << "vangnet: geef --from KOPIE, --key SLEUTELBESTAND en --db NIEUWE_DATABASE\n";
    return kExitUsage;
  }
  if (auto s = RestoreDatabase(from, db, key); !s) return Fail(s.error());
  std::cout << "Teruggezet in " << db << "; de auditketen klopt.\n";
  return kExitOk;
}

}  // namespace vangnet::cli
