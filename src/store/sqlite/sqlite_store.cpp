// The embedded default: the SQL store on one SQLite file in WAL mode.
#include <sodium.h>

#include <filesystem>

#include "store/sql/sql_store.hpp"
#include "store/sqlite/sqlite_connection.hpp"

namespace vangnet {
std::span<const EmbeddedFile> SqliteMigrations();  // generated, see src/store/CMakeLists.txt
}

namespace vangnet::sqlite {

namespace {

class SqliteBackend final : public sql::Backend {
 public:
  explicit SqliteBackend(std::string path) : path_(std::move(path)) {}
  Result<std::unique_ptr<sql::Connection>> Connect() override {
    auto connection = SqliteConnection::Open(path_);
    if (!connection) return connection.error();
    return std::unique_ptr<sql::Connection>(std::move(connection.value()));
  }
  // IMMEDIATE takes the write lock at the start, so two writers queue on the busy timeout
  // instead of one failing half-way when it upgrades a read lock.
  std::string_view BeginWrite() const override { return "BEGIN IMMEDIATE"; }
  std::string_view BeginRead() const override { return "BEGIN"; }
  std::span<const EmbeddedFile> Migrations() const override { return SqliteMigrations(); }

 private:
  std::string path_;
};

}  // namespace

}  // namespace vangnet::sqlite

namespace vangnet {

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, const Clock& clock) {
  if (sodium_init() < 0) return Error::Internal("libsodium kon niet starten");
  // A new database may go in a folder that does not exist yet (e.g. var/ on a fresh clone).
  auto folder = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!folder.empty()) std::filesystem::create_directories(folder, ec);
  if (ec) return Error::Io(path, "map voor de database kan niet worden gemaakt: " + ec.message());
  auto keys = SecretKeys::LoadOrCreate(SecretKeys::PathFor(path));
  if (!keys) return keys.error();
  auto store =
      std::make_unique<sql::SqlStore>(std::make_unique<sqlite::SqliteBackend>(path), clock,
                                      std::move(keys).value(), AuditAnchors::PathFor(path));
  auto migrated = store->Migrate();
  if (!migrated) return migrated.error();
  // A database made before vangnet set its files owner-only is made so now, with its journal.
  for (const std::string& file : {path, path + "-wal", path + "-shm"}) {
    std::filesystem::permissions(file,
                                 std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                 ec);
  }
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace vangnet
