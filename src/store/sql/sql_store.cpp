#include "store/sql/sql_store.hpp"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <iostream>
#include <optional>
#include <tuple>
#include <utility>

#include "core/date.hpp"
#include "core/embedded_file.hpp"
#include "core/registry.hpp"
#include "store/database_watch.hpp"
#include "store/sql/rows.hpp"
#include "store/sql/sql_account_repository.hpp"
#include "store/sql/sql_audit_log.hpp"
#include "store/sql/sql_incident_repository.hpp"
#include "store/sql/sql_monitor_history_repository.hpp"
#include "store/sql/sql_outbox_repository.hpp"
#include "store/sql/sql_preparedness_repository.hpp"
#include "store/sql/sql_redistribution_repository.hpp"
#include "store/sql/sql_repository.hpp"

namespace vangnet::sql {

namespace {

thread_local bool connection_lost = false;
// How many units of work this thread holds open now (see SqlStore::kMaxConnections).
thread_local int slots_held = 0;

template <class Tuple>
struct RepositoriesOf;
template <class... T>
struct RepositoriesOf<std::tuple<T...>> {
  using type = std::tuple<SqlRepository<T>...>;
};

class SqlUnitOfWork final : public UnitOfWork {
 public:
  SqlUnitOfWork(SqlStore& store, std::unique_ptr<Connection> connection, const Actor& actor)
      : store_(store), connection_(std::move(connection)), actor_(actor) {
    parts_.emplace(*connection_, *this, store_.clock(), store_);
  }

  ~SqlUnitOfWork() override {
    // Statements first: the connection may go to another thread as soon as it is released.
    parts_.reset();
    if (connection_->Lost()) connection_lost = true;
    // A broken connection is dropped instead of handed back.
    if (committed_ || connection_->Exec("ROLLBACK")) store_.Release(std::move(connection_));
    store_.LeaveSlot();
  }

  bool ReferenceExists(std::string_view reference, std::string_view value) override {
    auto dot = reference.find('.');
    // References come from the static field tables, never from input: a malformed one is a bug.
    if (dot == std::string_view::npos)
      throw std::logic_error("bad reference " + std::string(reference));
    Statement stmt(*connection_, "SELECT 1 FROM " + std::string(reference.substr(0, dot)) +
                                     " WHERE " + std::string(reference.substr(dot + 1)) + " = ?");
    Bind(stmt, value);
    return stmt.Step() == kRow;
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
    if (auto status = connection_->Exec("COMMIT"); !status) {
      // The server may have committed before the connection went: the outcome is unknown.
      if (connection_->Lost()) {
        return Error{ErrorKind::kUnavailable,
                     "de verbinding met de database viel weg terwijl de wijziging werd "
                     "opgeslagen; herlaad en kijk of ze er staat voordat u ze herhaalt"};
      }
      return status;
    }
    committed_ = true;
    store_.NoteCommit();
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
  static std::string_view TableOf(const SqlRepository<T>&) {
    return EntityTraits<T>::kTable;
  }

  // Everything that holds prepared statements on the connection, so it can be finalised
  // before the connection is handed back.
  struct Parts {
    Parts(Connection& db, UnitOfWork& uow, const Clock& clock, const SqlStore& store)
        : audit(db, clock, store.keys().audit(), store.anchors()),
          accounts(db),
          incidents(db),
          outbox(db),
          history(db),
          redistribution(db, clock),
          preparedness(db),
          repositories(
              Make(db, uow, std::make_index_sequence<std::tuple_size_v<RegistryTypes>>{})) {}
    SqlAuditLog audit;
    SqlAccountRepository accounts;
    SqlIncidentRepository incidents;
    SqlOutboxRepository outbox;
    SqlMonitorHistoryRepository history;
    SqlRedistributionRepository redistribution;
    SqlPreparednessRepository preparedness;
    typename RepositoriesOf<RegistryTypes>::type repositories;

   private:
    template <std::size_t... I>
    typename RepositoriesOf<RegistryTypes>::type Make(Connection& db, UnitOfWork& uow,
                                                      std::index_sequence<I...>) {
      return {SqlRepository<std::tuple_element_t<I, RegistryTypes>>(db, uow)...};
    }
  };

  SqlStore& store_;
  std::unique_ptr<Connection> connection_;
  Actor actor_;
  std::optional<Parts> parts_;
  bool committed_ = false;
};

}  // namespace

}  // namespace vangnet::sql

namespace vangnet {

bool TakeConnectionLost() {
  return std::exchange(sql::connection_lost, false);
}

void WatchDatabase(Store& store) {
  if (auto* sql = dynamic_cast<sql::SqlStore*>(&store)) sql->WatchDatabase();
}

}  // namespace vangnet

namespace vangnet::sql {

SqlStore::~SqlStore() {
  if (!committed_any_) return;
  auto uow = Open(Actor{"vangnet", "system", "store", "controlepunt auditlog"}, true);
  if (!uow) return;  // nothing more to do at exit; the server's next tick anchors it
  if (uow.value()->Audit().WriteCheckpoint()) (void)uow.value()->Commit();
}

Result<int> SqlStore::Migrate() {
  auto connection = backend_->Connect();
  if (!connection) return connection.error();
  Connection& db = *connection.value();
  // Each step in a write transaction, so servers starting together on one database migrate in
  // turn and a failed migration leaves nothing behind.
  const auto in_transaction = [&](const std::function<Status()>& work) -> Status {
    if (auto s = db.Exec(backend_->BeginWrite()); !s) return s;
    if (auto s = work(); !s) {
      (void)db.Exec("ROLLBACK");
      return s;
    }
    return db.Exec("COMMIT");
  };
  if (auto s = in_transaction([&] {
        return db.Exec(
            "CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, "
            "name TEXT NOT NULL, applied_at TEXT NOT NULL)");
      });
      !s) {
    return s.error();
  }
  std::vector<EmbeddedFile> files(backend_->Migrations().begin(), backend_->Migrations().end());
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  int applied = 0;
  for (const auto& file : files) {
    // File names start with their number: 0001_registry.sql.
    const int version = std::stoi(std::string(file.name.substr(0, 4)));
    bool done = false;
    auto status = in_transaction([&]() -> Status {
      Statement check(db, "SELECT 1 FROM schema_migration WHERE version = ?");
      Bind(check, version);
      done = check.Step() == kRow;
      check.Reset();
      if (done) return Ok{};
      if (auto s = db.Exec(file.content); !s) {
        return Error::Internal("migratie " + std::string(file.name) +
                               " mislukt: " + s.error().message);
      }
      Statement record(db,
                       "INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)");
      Bind(record, version, file.name, clock_.NowIso());
      if (record.Step() != kDone) return StoreError(db);
      return Ok{};
    });
    if (!status) return status.error();
    if (!done) ++applied;
  }
  // A key file made just now for a database whose trail was already keyed (or checkpointed)
  // means the real key is missing: going on would make the chain unverifiable and look like a
  // fresh start. The new key goes again and the start is refused.
  if (keys_.created()) {
    Statement keyed(db,
                    "SELECT 1 FROM audit_event WHERE hash LIKE 'k1:%' UNION ALL "
                    "SELECT 1 FROM audit_checkpoint WHERE checkpoints > 0");
    const bool trail_keyed = keyed.Step() == kRow;
    keyed.Reset();
    if (trail_keyed) {
      std::error_code ignored;
      std::filesystem::remove(keys_.path(), ignored);
      return Error::Io(keys_.path(),
                       "het sleutelbestand ontbreekt, terwijl deze database er al mee is "
                       "beveiligd; zet het terug uit de back-up (of wijs het aan met "
                       "VANGNET_KEY_FILE). Met een nieuwe sleutel is het auditlog niet meer te "
                       "controleren, dus vangnet maakt er geen");
    }
  }
  return applied;
}

Result<std::unique_ptr<Connection>> SqlStore::Acquire() {
  {
    std::lock_guard lock(pool_mutex_);
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return connection;
    }
  }
  return backend_->Connect();
}

void SqlStore::Release(std::unique_ptr<Connection> connection) {
  std::lock_guard lock(pool_mutex_);
  if (idle_.size() < kMaxIdleConnections) idle_.push_back(std::move(connection));
}

// Units of work are opened and ended on the thread of their request, so a per-thread count
// tells a nested unit of work from a new one.
bool SqlStore::EnterSlot() {
  if (slots_held++ > 0) return true;
  std::unique_lock lock(slots_mutex_);
  if (free_slots_ > 0 && slot_queue_.empty()) {
    --free_slots_;
    return true;
  }
  SlotWaiter waiter;
  auto place = slot_queue_.insert(slot_queue_.end(), &waiter);
  if (waiter.woken.wait_for(lock, kSlotWait, [&] { return waiter.granted; })) return true;
  slot_queue_.erase(place);
  --slots_held;
  return false;
}

// A slot given back goes straight to the longest waiter, if any.
void SqlStore::LeaveSlot() {
  if (--slots_held > 0) return;
  std::lock_guard lock(slots_mutex_);
  if (slot_queue_.empty()) {
    ++free_slots_;
    return;
  }
  SlotWaiter* next = slot_queue_.front();
  slot_queue_.pop_front();
  next->granted = true;
  next->woken.notify_one();
}

void SqlStore::WatchDatabase() {
  if (!backend_->HasServer() || watch_.joinable()) return;
  watch_ = std::jthread([this](std::stop_token stop) {
    std::mutex mutex;
    std::condition_variable_any stopped;
    while (!stop.stop_requested()) {
      const bool answers = backend_->Probe();
      if (!answers && !unreachable_.exchange(true)) {
        backend_->AbandonStatements();
        std::lock_guard lock(pool_mutex_);
        idle_.clear();
        std::cerr << "vangnet: de database antwoordt niet; verzoeken krijgen 503 tot ze weer "
                     "antwoordt\n";
      } else if (answers && unreachable_.exchange(false)) {
        std::cerr << "vangnet: de database antwoordt weer\n";
      }
      std::unique_lock lock(mutex);
      stopped.wait_for(lock, stop, kProbeInterval, [] { return false; });
    }
  });
}

namespace {
Error Unreachable() {
  connection_lost = true;
  return Error{ErrorKind::kUnavailable,
               "de database antwoordt nu niet; er is niets gewijzigd, probeer het over een paar "
               "seconden opnieuw"};
}
}  // namespace

Result<std::unique_ptr<UnitOfWork>> SqlStore::Open(const Actor& actor, bool write) {
  // A pooled connection may have been lost since its last use (a restarted or promoted
  // database server): it is dropped and the next one tried, up to a new connection. Nothing
  // has been done yet, so trying again is safe.
  if (unreachable_ && slots_held == 0) return Unreachable();
  if (!EnterSlot()) {
    return Error{ErrorKind::kUnavailable,
                 "vangnet is nu te druk; er is niets gewijzigd, probeer het over een paar "
                 "seconden opnieuw"};
  }
  // The database may have stopped answering while this unit of work waited for its slot.
  if (unreachable_) {
    LeaveSlot();
    return Unreachable();
  }
  for (std::size_t attempt = 0; attempt <= kMaxIdleConnections + 1; ++attempt) {
    // Given up by the watch meanwhile: no new connection (it would wait for a hanging host).
    if (attempt > 0 && unreachable_) {
      LeaveSlot();
      return Unreachable();
    }
    auto connection = Acquire();
    if (!connection) {
      connection_lost = true;
      LeaveSlot();
      return Error{ErrorKind::kUnavailable,
                   "de database is nu niet bereikbaar; er is niets gewijzigd, probeer het over "
                   "een paar seconden opnieuw"};
    }
    auto begun = connection.value()->Exec(write ? backend_->BeginWrite() : backend_->BeginRead());
    if (begun) {
      return std::unique_ptr<UnitOfWork>(
          std::make_unique<SqlUnitOfWork>(*this, std::move(connection.value()), actor));
    }
    if (!connection.value()->Lost()) {
      LeaveSlot();
      return Error::Conflict(
          {}, "de database is bezet; probeer het zo nog eens (" + begun.error().message + ")");
    }
  }
  connection_lost = true;
  LeaveSlot();
  return Error{ErrorKind::kUnavailable,
               "de database is nu niet bereikbaar; er is niets gewijzigd, probeer het over een "
               "paar seconden opnieuw"};
}

bool SqlStore::LeadsBackgroundWork() {
  if (backend_->TakeLease().empty()) return true;
  std::lock_guard lock(lease_mutex_);
  if (!lease_) {
    auto connection = backend_->Connect();
    if (!connection) return false;
    lease_ = std::move(connection.value());
  }
  // Asked again on the same connection: still 1 while it holds the lock; a lost connection
  // fails, and is replaced at the next call.
  Statement take(*lease_, backend_->TakeLease());
  const bool leads = take.Step() == kRow && take.Int(0) == 1;
  if (!leads && lease_->LastFailure() != Failure::kNone) lease_.reset();
  return leads;
}

void SqlStore::Announce(const std::string& message) {
  auto connection = Acquire();
  if (!connection) return;  // a lost announcement costs a browser a reload, never data
  backend_->Announce(*connection.value(), message);
  if (!connection.value()->Lost()) Release(std::move(connection.value()));
}

Result<std::unique_ptr<UnitOfWork>> SqlStore::Begin(const Actor& actor) {
  return Open(actor, true);
}
Result<std::unique_ptr<UnitOfWork>> SqlStore::BeginRead(const Actor& actor) {
  return Open(actor, false);
}

}  // namespace vangnet::sql
