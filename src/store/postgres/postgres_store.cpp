// The SQL store on PostgreSQL: for a region that wants several servers on one database and a
// standby, or a national registry.
#include <sodium.h>

#include "store/postgres/postgres_connection.hpp"
#include "store/sql/sql_store.hpp"

namespace vangnet {
std::span<const EmbeddedFile> PostgresMigrations();  // generated, see src/store/CMakeLists.txt
}

namespace vangnet::postgres {

namespace {

// A fixed key for the one advisory lock every write transaction takes (pg_advisory_xact_lock):
// writers queue as they do on SQLite, so the audit chain is appended in order by every server
// on the database, and a read-check-write in a service never races another writer.
constexpr const char* kBeginWrite =
    "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(7361626)";

class PostgresBackend final : public sql::Backend {
 public:
  explicit PostgresBackend(std::string url) : url_(std::move(url)) {}
  Result<std::unique_ptr<sql::Connection>> Connect() override {
    auto connection = PostgresConnection::Open(url_);
    if (!connection) return connection.error();
    return std::unique_ptr<sql::Connection>(std::move(connection.value()));
  }
  std::string_view BeginWrite() const override { return kBeginWrite; }
  // A snapshot of the whole database for reports and exports.
  std::string_view BeginRead() const override {
    return "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
  }
  std::span<const EmbeddedFile> Migrations() const override { return PostgresMigrations(); }
  // A session lock (not a transaction's): held until this connection ends; asked again, the
  // holder sees it has it.
  std::string_view TakeLease() const override {
    return "SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND "
           "objid = 7361627 AND pid = pg_backend_pid()) OR pg_try_advisory_lock(7361627) "
           "THEN 1 ELSE 0 END";
  }

 private:
  std::string url_;
};

// The database name in a postgresql:// address, for the default key and anchor file names.
std::string DatabaseName(const std::string& url) {
  auto start = url.find("://");
  start = start == std::string::npos ? 0 : url.find('/', start + 3);
  if (start == std::string::npos) return "vangnet";
  std::string name = url.substr(start + 1, url.find('?', start) - start - 1);
  std::string safe;
  for (char c : name) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_')
      safe += c;
  }
  return safe.empty() ? "vangnet" : safe;
}

}  // namespace

}  // namespace vangnet::postgres

namespace vangnet {

bool IsPostgresAddress(std::string_view address) {
  return address.starts_with("postgresql://") || address.starts_with("postgres://");
}

std::string LocalFileBase(const std::string& address) {
  return IsPostgresAddress(address) ? postgres::DatabaseName(address) : address;
}

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url, const Clock& clock) {
  if (sodium_init() < 0) return Error::Internal("libsodium kon niet starten");
  // The key file and the audit checkpoints live outside the database: by default in the
  // working directory, named after the database (VANGNET_KEY_FILE and
  // VANGNET_AUDIT_ANCHOR_FILE choose others; every server on the database needs the same key).
  const std::string local = LocalFileBase(url);
  auto keys = SecretKeys::LoadOrCreate(SecretKeys::PathFor(local));
  if (!keys) return keys.error();
  auto store =
      std::make_unique<sql::SqlStore>(std::make_unique<postgres::PostgresBackend>(url), clock,
                                      std::move(keys).value(), AuditAnchors::PathFor(local));
  auto migrated = store->Migrate();
  if (!migrated) return migrated.error();
  return std::unique_ptr<Store>(std::move(store));
}

Result<std::unique_ptr<Store>> OpenStore(const std::string& address, const Clock& clock) {
  return IsPostgresAddress(address) ? OpenPostgresStore(address, clock)
                                    : OpenSqliteStore(address, clock);
}

}  // namespace vangnet
