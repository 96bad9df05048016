#include "services/audit/audit_service.hpp"

#include <nlohmann/json.hpp>

namespace vangnet {

namespace {

constexpr const char* kAdminsOnly = "alleen beheerders zien het auditlog";

}  // namespace

Result<std::vector<AuditEvent>> AuditService::List(const Caller& caller,
                                                   const AuditFilter& filter) {
  if (auto s = caller.RequireAdmin(kAdminsOnly); !s) return s.error();
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto events = uow.value()->Audit().List(filter);
  if (auto s = RecordAudit(*uow.value(), "read", "audit_event", "list", "",
                           nlohmann::json{{"records", events.size()}}.dump());
      !s) {
    return s.error();
  }
  if (auto s = uow.value()->Commit(); !s) return s.error();
  return events;
}

Result<std::optional<std::int64_t>> AuditService::FirstBrokenLink(const Caller& caller) {
  if (auto s = caller.RequireAdmin(kAdminsOnly); !s) return s.error();
  auto uow = store_.BeginRead(caller.actor);
  if (!uow) return uow.error();
  if (auto problem = uow.value()->Audit().CheckpointFileProblem()) {
    return Error(ErrorKind::kValidation, "auditlog niet te vertrouwen: " + *problem);
  }
  return uow.value()->Audit().FirstBrokenLink();
}

Status AuditService::Checkpoint() {
  // A write transaction: the checkpoint is counted in the database as it goes into the file.
  auto uow = store_.Begin(Actor{"vangnet", "system", "scheduler", "controlepunt auditlog"});
  if (!uow) return uow.error();
  auto line = uow.value()->Audit().WriteCheckpoint();
  if (!line) return line.error();
  return uow.value()->Commit();
}

}  // namespace vangnet
