// The store over SQL, for both databases: units of work, connection reuse and migrations, with
// every repository of sql/. What differs per database is a Backend: how to connect, how a
// write and a read transaction begin, and the migrations in its dialect.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <list>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "core/embedded_file.hpp"
#include "store/audit_anchors.hpp"
#include "store/secret_keys.hpp"
#include "store/sql/connection.hpp"
#include "store/store.hpp"

namespace vangnet::sql {

class Backend {
 public:
  virtual ~Backend() = default;
  virtual Result<std::unique_ptr<Connection>> Connect() = 0;
  // Starts a write transaction so that writers queue and never fail half-way (one writer at a
  // time: the audit chain is appended in order), and a read transaction on a consistent snapshot.
  virtual std::string_view BeginWrite() const = 0;
  virtual std::string_view BeginRead() const = 0;
  // Numbered migrations (0001_name.sql, ...) in this database's dialect.
  virtual std::span<const EmbeddedFile> Migrations() const = 0;
  // A query that answers 1 when this connection took (or holds) the lease on the background
  // work, for a database that several servers share; empty: every server leads (SQLite).
  virtual std::string_view TakeLease() const { return {}; }
  // Telling the other servers of a change, and hearing them; by default (SQLite) there are none.
  virtual void Announce(Connection&, const std::string&) {}
  virtual std::unique_ptr<ChangeSubscription> Subscribe(std::function<void(const std::string&)>) {
    return nullptr;
  }
  // A database server that can hang (PostgreSQL), watched by SqlStore::WatchDatabase; a file
  // (SQLite) cannot.
  virtual bool HasServer() const { return false; }
  // Whether the server answers a trivial query within a fraction of a second now.
  virtual bool Probe() { return true; }
  // Every statement in flight, and every connection opened so far, gives up at once.
  virtual void AbandonStatements() {}
};

class SqlStore final : public Store {
 public:
  SqlStore(std::unique_ptr<Backend> backend, const Clock& clock, SecretKeys keys,
           const std::string& anchors_path)
      : backend_(std::move(backend)),
        clock_(clock),
        keys_(std::move(keys)),
        anchors_(anchors_path, keys_.audit()) {}
  // Checkpoints the audit trail when this process committed anything: the command line's
  // imports and user changes are anchored at once, not at the server's next tick.
  ~SqlStore() override;
  const Clock& clock() const override { return clock_; }
  const SecretKeys& keys() const override { return keys_; }
  const AuditAnchors& anchors() const { return anchors_; }
  Result<int> Migrate() override;
  Result<std::unique_ptr<UnitOfWork>> Begin(const Actor& actor) override;
  Result<std::unique_ptr<UnitOfWork>> BeginRead(const Actor& actor) override;
  bool LeadsBackgroundWork() override;
  void Announce(const std::string& message) override;
  std::unique_ptr<ChangeSubscription> Subscribe(
      std::function<void(const std::string&)> on_message) override {
    return backend_->Subscribe(std::move(on_message));
  }

  // A connection of its own, outside any unit of work: for tools that work on whole tables
  // (copy_database.hpp), never for a user's action.
  Result<std::unique_ptr<Connection>> Connect() { return backend_->Connect(); }
  std::string_view BeginWriteSql() const { return backend_->BeginWrite(); }
  std::string_view BeginReadSql() const { return backend_->BeginRead(); }

  // Connections are reused: opening one costs more than most requests' own work. A unit of
  // work hands its connection back when it ends.
  void Release(std::unique_ptr<Connection> connection);
  // Gives back the slot a unit of work took (see kMaxConnections), whether its connection was
  // released or dropped.
  void LeaveSlot();
  // A unit of work committed (and so may have added audit events).
  void NoteCommit() { committed_any_ = true; }

  // For the server (never the command line): a thread probes the database every
  // kProbeInterval. When it stops answering (a primary that hangs instead of dying), every
  // request in flight gives up and new ones are answered 503 at once, instead of each waiting
  // for its own deadline with the database slots held; when it answers again (after a
  // failover, on the new primary), units of work open on fresh connections. Nothing for SQLite.
  void WatchDatabase();
  static constexpr std::chrono::milliseconds kProbeInterval{100};

 private:
  Result<std::unique_ptr<UnitOfWork>> Open(const Actor& actor, bool write);
  Result<std::unique_ptr<Connection>> Acquire();

  // At most this many units of work hold a connection at once; more wait for a free one. On
  // two cores more would only share the same CPU, each opening a connection of its own (and
  // PostgreSQL's max_connections is shared by every server); fewer would leave a core idle while
  // one waits for the disk. A unit of work opened while its thread already holds one (nested)
  // takes no slot, so it never waits for itself.
  static constexpr std::ptrdiff_t kMaxConnections = 16;
  static constexpr std::size_t kMaxIdleConnections = kMaxConnections;
  static constexpr std::chrono::seconds kSlotWait{10};
  bool EnterSlot();
  // Waiting units of work get a slot in the order they came (std::counting_semaphore is not
  // fair: under load some requests waited seconds while later ones went first).
  struct SlotWaiter {
    std::condition_variable woken;
    bool granted = false;
  };
  std::mutex slots_mutex_;
  std::ptrdiff_t free_slots_ = kMaxConnections;
  std::list<SlotWaiter*> slot_queue_;
  std::unique_ptr<Backend> backend_;
  const Clock& clock_;
  SecretKeys keys_;
  AuditAnchors anchors_;
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::mutex lease_mutex_;
  std::unique_ptr<Connection> lease_;  // the connection that holds the lease, while it does
  std::atomic<bool> committed_any_{false};
  std::atomic<bool> unreachable_{false};  // the watch found the database not answering
  std::jthread watch_;                    // last: stopped and joined before the rest goes
};

}  // namespace vangnet::sql
