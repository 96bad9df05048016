// The store: opens units of work. One user action = one unit of work = one transaction, and
// every write in it appends its audit event in that same transaction.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/audit_event.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "store/account_repository.hpp"
#include "store/audit_log.hpp"
#include "store/incident_repository.hpp"
#include "store/monitor_history_repository.hpp"
#include "store/outbox_repository.hpp"
#include "store/preparedness_repository.hpp"
#include "store/redistribution_repository.hpp"
#include "store/repository.hpp"
#include "store/secret_keys.hpp"

namespace vangnet {

class UnitOfWork {
 public:
  // Rolls back unless Commit() succeeded: an action that fails half-way leaves nothing behind.
  virtual ~UnitOfWork() = default;

  // The repository for record type T; every write through it is audited automatically.
  template <class T>
  Repository<T>& Table() {
    return static_cast<Repository<T>&>(RepositoryFor(EntityTraits<T>::kTable));
  }
  // Whether `value` exists in `reference` ("table.column", as in FieldSpec::references).
  virtual bool ReferenceExists(std::string_view reference, std::string_view value) = 0;
  virtual AuditLog& Audit() = 0;
  virtual AccountRepository& Accounts() = 0;
  virtual IncidentRepository& Incidents() = 0;
  virtual OutboxRepository& Outbox() = 0;
  virtual MonitorHistoryRepository& MonitorHistory() = 0;
  virtual RedistributionRepository& Redistribution() = 0;
  virtual PreparednessRepository& Preparedness() = 0;
  virtual const Actor& actor() const = 0;
  // The store's clock: what "now" and "today" are for this action (an audit timestamp, a
  // review date that may not lie ahead).
  virtual const Clock& clock() const = 0;
  virtual Status Commit() = 0;

 protected:
  virtual RepositoryBase& RepositoryFor(std::string_view table) = 0;
};

// The one way an audit event is written: as the unit of work's actor, in its transaction, so the
// event commits or rolls back with the action it records. `details` is JSON and never holds
// values of personal data; `subject_key` names whose data it is.
inline Status RecordAudit(UnitOfWork& uow, std::string action, std::string object_type,
                          std::string object_key, std::string subject_key = {},
                          std::string details = {}, std::string outcome = "success") {
  return uow.Audit().Append(AuditEvent::Of(uow.actor(), std::move(action), std::move(object_type),
                                           std::move(object_key), std::move(subject_key),
                                           std::move(details), std::move(outcome)));
}

// A subscription to what other servers on the same database announce; ends when destroyed.
class ChangeSubscription {
 public:
  virtual ~ChangeSubscription() = default;
};

class Store {
 public:
  virtual ~Store() = default;
  // The one clock of this process (the wall clock, or a test's ManualClock): the store stamps
  // its audit events with it and the services above read "now" from it.
  virtual const Clock& clock() const = 0;
  // The secrets kept outside the database (secret_keys.hpp): the audit chain's key, the key
  // that encrypts second-factor secrets.
  virtual const SecretKeys& keys() const = 0;
  // Applies pending migrations; returns how many were applied.
  virtual Result<int> Migrate() = 0;
  // Opens a write transaction for one user action (waits for other writers up to the busy
  // timeout).
  virtual Result<std::unique_ptr<UnitOfWork>> Begin(const Actor& actor) = 0;
  // Opens a read-only transaction: a consistent snapshot for exports and reports.
  virtual Result<std::unique_ptr<UnitOfWork>> BeginRead(const Actor& actor) = 0;
  // Whether this process runs the background jobs (alarms, outbox, reminders, bundle) now.
  // SQLite: always (one server per file). PostgreSQL: the one server of several that holds a
  // session lock on the database; when its connection ends (the server died), the next one
  // to ask takes over.
  virtual bool LeadsBackgroundWork() = 0;
  // Several servers on one database (PostgreSQL): a committed change told to the others
  // (NOTIFY, after the commit), and what the others tell, handed to `on_message` on a thread of
  // the subscription's own (LISTEN; it reconnects when the connection drops). SQLite has no
  // other servers: Announce does nothing and Subscribe answers nullptr.
  virtual void Announce(const std::string& message) = 0;
  virtual std::unique_ptr<ChangeSubscription> Subscribe(
      std::function<void(const std::string&)> on_message) = 0;
};

// Whether a database connection was lost on this thread since the last call, which resets it.
// A lost connection can surface in a service as "not found" or an empty list (a read that got
// no rows); the HTTP layer asks this after every request and answers 503 instead, so a user
// is never told a wrong thing, nor logged out, while the database fails over.
bool TakeConnectionLost();

// The embedded default: a SQLite file in WAL mode. Creates the file when missing, and the key
// file (SecretKeys::PathFor) beside it when that is missing.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                               const Clock& clock = WallClock());
// PostgreSQL at a postgresql:// address (libpq's syntax, several hosts allowed). The database
// must exist; its tables are made by the migrations.
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url,
                                                 const Clock& clock = WallClock());
bool IsPostgresAddress(std::string_view address);
// Where files that belong with a database go (its key file, audit checkpoints, demo logins):
// beside a SQLite file, or in the working directory named after a PostgreSQL database.
std::string LocalFileBase(const std::string& address);
// A consistent copy of a SQLite database file into `out` while a server may be writing to it
// (SQLite's online backup API). PostgreSQL is backed up with pg_dump (services/app/backup.hpp).
Status BackupSqliteFile(const std::string& path, const std::string& out);
// The store a --db address names: postgresql://... or a SQLite file path.
Result<std::unique_ptr<Store>> OpenStore(const std::string& address,
                                         const Clock& clock = WallClock());

}  // namespace vangnet
