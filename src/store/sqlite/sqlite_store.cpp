#include "store/sqlite/sqlite_store.hpp"

#include <sodium.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <tuple>

#include "core/date.hpp"
#include "core/embedded_file.hpp"
#include "core/registry.hpp"
#include "store/sqlite/sqlite_account_repository.hpp"
#include "store/sqlite/sqlite_audit_log.hpp"
#include "store/sqlite/sqlite_incident_repository.hpp"
#include "store/sqlite/sqlite_monitor_history_repository.hpp"
#include "store/sqlite/sqlite_outbox_repository.hpp"
#include "store/sqlite/sqlite_preparedness_repository.hpp"
#include "store/sqlite/sqlite_redistribution_repository.hpp"
#include "store/sqlite/sqlite_repository.hpp"
#include "store/sqlite/sqlite_rows.hpp"

namespace vangnet {
std::span<const EmbeddedFile> SqliteMigrations();  // generated, see src/store/CMakeLists.txt
}

namespace vangnet::sqlite {

namespace {

template <class Tuple>
struct RepositoriesOf;
template <class... T>
struct RepositoriesOf<std::tuple<T...>> {
  using type = std::tuple<SqliteRepository<T>...>;
};

class SqliteUnitOfWork final : public UnitOfWork {
 public:
  SqliteUnitOfWork(SqliteStore& store, Connection connection, const Actor& actor)
      : store_(store), connection_(std::move(connection)), actor_(actor) {
    parts_.emplace(connection_.handle(), *this, store_.clock(), store_);
  }

  ~SqliteUnitOfWork() override {
    // Statements first: the connection may go to another thread as soon as it is released.
    parts_.reset();
    if (!committed_ && !connection_.Exec("ROLLBACK")) return;  // a broken connection is dropped
    store_.Release(std::move(connection_));
  }

  bool ReferenceExists(std::string_view reference, std::string_view value) override {
    auto dot = reference.find('.');
    // References come from the static field tables, never from input: a malformed one is a bug.
    if (dot == std::string_view::npos)
      throw std::logic_error("bad reference " + std::string(reference));
    Statement stmt(connection_.handle(), "SELECT 1 FROM " + std::string(reference.substr(0, dot)) +
                                             " WHERE " + std::string(reference.substr(dot + 1)) +
                                             " = ?");
    Bind(stmt, value);
    return stmt.Step() == SQLITE_ROW;
  }

  AuditLog& Audit() override { return parts_->audit; }
  AccountRepository& Accounts() override { return parts_->accounts; }
  IncidentRepository& Incidents() override { return parts_->incidents; }
  OutboxRepository& Outbox() override { return parts_->outbox; }
  MonitorHistoryRepository& MonitorHistory() override { return parts_->history; }
  RedistributionRepository& Redistribution() override { return parts_->redistribution; }
  PreparednessRepository& Preparedness() override { return parts_->preparedness; }
  const Actor& actor() const override { return actor_; }
  const Clock& clock() const override { return store_.clock(); }

  Status Commit() override {
    if (auto status = connection_.Exec("COMMIT"); !status) return status;
    committed_ = true;
    return Ok{};
  }

 protected:
  RepositoryBase& RepositoryFor(std::string_view table) override {
    RepositoryBase* found = nullptr;
    std::apply(
        [&](auto&... repository) {
          ((found = (!found && TableOf(repository) == table) ? &repository : found), ...);
        },
        parts_->repositories);
    if (!found) throw std::logic_error("no repository for table " + std::string(table));
    return *found;
  }

 private:
  template <class T>
  static std::string_view TableOf(const SqliteRepository<T>&) {
    return EntityTraits<T>::kTable;
  }

  // Everything that holds prepared statements on the connection, so it can be finalised
  // before the connection is handed back.
  struct Parts {
    Parts(sqlite3* db, UnitOfWork& uow, const Clock& clock, const SqliteStore& store)
        : audit(db, clock, store.keys().audit(), store.anchors()),
          accounts(db),
          incidents(db),
          outbox(db),
          history(db),
          redistribution(db, clock),
          preparedness(db),
          repositories(
              Make(db, uow, std::make_index_sequence<std::tuple_size_v<RegistryTypes>>{})) {}
    SqliteAuditLog audit;
    SqliteAccountRepository accounts;
    SqliteIncidentRepository incidents;
    SqliteOutboxRepository outbox;
    SqliteMonitorHistoryRepository history;
    SqliteRedistributionRepository redistribution;
    SqlitePreparednessRepository preparedness;
    typename RepositoriesOf<RegistryTypes>::type repositories;

   private:
    template <std::size_t... I>
    typename RepositoriesOf<RegistryTypes>::type Make(sqlite3* db, UnitOfWork& uow,
                                                      std::index_sequence<I...>) {
      return {SqliteRepository<std::tuple_element_t<I, RegistryTypes>>(db, uow)...};
    }
  };

  SqliteStore& store_;
  Connection connection_;
  Actor actor_;
  std::optional<Parts> parts_;
  bool committed_ = false;
};

}  // namespace

Result<int> SqliteStore::Migrate() {
  auto connection = Connection::Open(path_);
  if (!connection) return connection.error();
  Connection& db = connection.value();
  if (auto s = db.Exec("CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, "
                       "name TEXT NOT NULL, applied_at TEXT NOT NULL)");
      !s) {
    return s.error();
  }
  std::vector<EmbeddedFile> files(SqliteMigrations().begin(), SqliteMigrations().end());
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  int applied = 0;
  for (const auto& file : files) {
    // File names start with their number: 0001_registry.sql.
    int version = std::stoi(std::string(file.name.substr(0, 4)));
    if (auto s = db.Exec("BEGIN IMMEDIATE"); !s) return s.error();
    Statement check(db.handle(), "SELECT 1 FROM schema_migration WHERE version = ?");
    Bind(check, version);
    bool done = check.Step() == SQLITE_ROW;
    check.Reset();
    if (done) {
      (void)db.Exec("ROLLBACK");
      continue;
    }
    if (auto s = db.Exec(file.content); !s) {
      (void)db.Exec("ROLLBACK");
      return Error::Internal("migratie " + std::string(file.name) +
                             " mislukt: " + s.error().message);
    }
    Statement record(db.handle(),
                     "INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)");
    Bind(record, version, file.name, clock_.NowIso());
    record.Step();
    record.Reset();
    if (auto s = db.Exec("COMMIT"); !s) return s.error();
    ++applied;
  }
  return applied;
}

Result<Connection> SqliteStore::Acquire() {
  {
    std::lock_guard lock(pool_mutex_);
    if (!idle_.empty()) {
      Connection connection = std::move(idle_.back());
      idle_.pop_back();
      return connection;
    }
  }
  return Connection::Open(path_);
}

void SqliteStore::Release(Connection connection) {
  std::lock_guard lock(pool_mutex_);
  if (idle_.size() < kMaxIdleConnections) idle_.push_back(std::move(connection));
}

Result<std::unique_ptr<UnitOfWork>> SqliteStore::Open(const Actor& actor, bool write) {
  auto connection = Acquire();
  if (!connection) return connection.error();
  // IMMEDIATE takes the write lock at the start, so two writers queue on the busy timeout
  // instead of one failing half-way when it upgrades a read lock.
  if (auto s = connection.value().Exec(write ? "BEGIN IMMEDIATE" : "BEGIN"); !s) {
    return Error::Conflict(
        {}, "de database is bezet; probeer het zo nog eens (" + s.error().message + ")");
  }
  return std::unique_ptr<UnitOfWork>(
      std::make_unique<SqliteUnitOfWork>(*this, std::move(connection.value()), actor));
}

Result<std::unique_ptr<UnitOfWork>> SqliteStore::Begin(const Actor& actor) {
  return Open(actor, true);
}
Result<std::unique_ptr<UnitOfWork>> SqliteStore::BeginRead(const Actor& actor) {
  return Open(actor, false);
}

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
  auto store = std::make_unique<sqlite::SqliteStore>(path, clock, std::move(keys).value());
  auto migrated = store->Migrate();
  if (!migrated) return migrated.error();
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace vangnet
