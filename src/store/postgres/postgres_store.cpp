// The SQL store on PostgreSQL: for a region that wants several servers on one database and a
// standby, or a national registry.
#include <poll.h>
#include <sodium.h>

#include <atomic>
#include <chrono>
#include <thread>

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

constexpr const char* kChannel = "vangnet_change";

// LISTEN on a connection of its own, on a thread of its own: every notification's text goes to
// `on_message`. A dropped connection (a restarted or promoted server) is made again every
// second; what was announced meanwhile is lost, which costs a browser a reload, never data.
class PostgresSubscription final : public ChangeSubscription {
 public:
  PostgresSubscription(std::string url, std::function<void(const std::string&)> on_message)
      : url_(std::move(url)), on_message_(std::move(on_message)), thread_([this] { Run(); }) {}
  ~PostgresSubscription() override {
    stop_ = true;
    thread_.join();
    if (conn_) PQfinish(conn_);
  }

 private:
  void Run() {
    while (!stop_) {
      if (!conn_ && !Connect()) {
        for (int i = 0; i < 10 && !stop_; ++i) std::this_thread::sleep_for(kPoll);
        continue;
      }
      pollfd fd{PQsocket(conn_), POLLIN, 0};
      if (poll(&fd, 1, static_cast<int>(kPoll.count())) < 0) continue;
      if (!PQconsumeInput(conn_)) {
        PQfinish(conn_);
        conn_ = nullptr;
        continue;
      }
      while (PGnotify* notify = PQnotifies(conn_)) {
        on_message_(notify->extra);
        PQfreemem(notify);
      }
    }
  }
  bool Connect() {
    conn_ = PQconnectdb(url_.c_str());
    if (PQstatus(conn_) == CONNECTION_OK) {
      PQsetNoticeProcessor(
          conn_, [](void*, const char*) {}, nullptr);
      PGresult* listen = PQexec(conn_, (std::string("LISTEN ") + kChannel).c_str());
      const bool ok = PQresultStatus(listen) == PGRES_COMMAND_OK;
      PQclear(listen);
      if (ok) return true;
    }
    PQfinish(conn_);
    conn_ = nullptr;
    return false;
  }

  static constexpr std::chrono::milliseconds kPoll{100};
  std::string url_;
  std::function<void(const std::string&)> on_message_;
  std::atomic<bool> stop_{false};
  PGconn* conn_ = nullptr;
  std::thread thread_;  // last: starts when everything above is ready
};

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
  void Announce(sql::Connection& db, const std::string& message) override {
    sql::Statement notify(db, std::string("SELECT pg_notify('") + kChannel + "', ?)");
    notify.BindText(1, message);
    notify.Step();
  }
  std::unique_ptr<ChangeSubscription> Subscribe(
      std::function<void(const std::string&)> on_message) override {
    return std::make_unique<PostgresSubscription>(url_, std::move(on_message));
  }
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
