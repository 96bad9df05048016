// What every incident verb shares: who may read and change an incident, loading it for a verb,
// and finishing a verb (the audit event, the commit, telling listeners). The parts of the
// incident domain (lifecycle, tasks, logbook, alarms, evaluation, reports) each hold one.
#pragma once

#include <functional>
#include <string>

#include "core/incident.hpp"
#include "services/incident/alarming.hpp"
#include "services/playbook/playbook_catalog.hpp"
#include "services/registry/access_policy.hpp"
#include "store/store.hpp"

namespace vangnet {

class IncidentAccess {
 public:
  using Listener = std::function<void(std::int64_t incident_id)>;

  IncidentAccess(Store& store_, const PlaybookCatalog& playbooks_, Listener listener_,
                 AlarmSettings settings_)
      : store(store_),
        playbooks(playbooks_),
        listener(std::move(listener_)),
        settings(std::move(settings_)) {}

  // Incidents hold no patient data: every role reads them, a practice user only those of
  // their own practices. The RHO's roles change any; a practice user those they may read.
  static bool MayRead(const Caller& caller, const Incident& incident);
  static bool MayWrite(const Caller& caller, const Incident& incident);

  // The incident for a verb, with its evaluation form; refused when the caller may not read
  // it (or change it, `write`), and for a change when it is closed.
  Result<Incident> Load(UnitOfWork& uow, const Caller& caller, std::int64_t id, bool write);
  // The incident for a read verb (`view`: "detail", "report", ...): as Load, less what this
  // caller may not see (Redact), and the read audited in `uow`, which the verb then commits: the
  // incident names the people alarmed and tasked.
  Result<Incident> LoadToRead(UnitOfWork& uow, const Caller& caller, std::int64_t id,
                              std::string_view view);
  // The insurer sees how an incident goes, never who: person codes, names and user names of
  // task owners and alarmed people are removed, and so is all free text (the logbook, the
  // shared picture, task notes), which names people.
  static void Redact(const Caller& caller, Incident& incident);
  // For a change of the incident's own stage or status: as Load(write), and refused as stale
  // when its version is not the one the user saw.
  Result<Incident> LoadVersion(UnitOfWork& uow, const Caller& caller, std::int64_t id,
                               std::int64_t expected_version);
  // Appends the verb's audit event, commits, tells the listener; returns the incident as now.
  Result<Incident> Finish(UnitOfWork& uow, std::int64_t id, const std::string& action,
                          const std::string& details);
  // The evaluation form: every point of the playbook, with what was recorded for it.
  void FillEvaluationForm(Incident& incident) const;

  Store& store;
  const PlaybookCatalog& playbooks;
  Listener listener;
  AlarmSettings settings;
};

}  // namespace vangnet
