// What the redistribution verbs share: the incident they work in, their audit event, and the
// planner's input built from the registry, the offers, the sites and the patient list.
// Internal to services/redistribute.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/incident.hpp"
#include "core/redistribution.hpp"
#include "core/registry.hpp"
#include "services/redistribute/redistribution_service.hpp"
#include "solver/plan.hpp"
#include "solver/plan_input.hpp"
#include "store/store.hpp"

namespace vangnet::redistribution {

Error Forbidden(const char* what);

// How a verb opens its unit of work: a plain read, a read of patient rows (a write transaction,
// because the read is audited in it), or a change (refused once the incident is closed).
enum class Work { kRead, kAuditedRead, kChange };

// The start of every redistribution verb: one unit of work for the caller and the incident the
// redistribution belongs to.
struct IncidentWork {
  std::unique_ptr<UnitOfWork> uow;
  Incident incident;
};
Result<IncidentWork> OpenIncidentWork(Store& store, const Caller& caller, std::int64_t incident_id,
                                      Work work);

// The audit event of a redistribution action (details: counts and codes, never patient data).
Status Audit(UnitOfWork& uow, const char* action, std::int64_t incident_id, std::string subject,
             const nlohmann::json& details);

// "practice AGB/household key": a household across the closed practices.
std::string HouseholdId(const RedistributionPatient& p);

// A receiving practice with what the overview shows about it.
struct ReceiverInfo {
  std::string agb;  // empty for a temporary site
  long long registered = 0;
  double gp_fte = 0;
};

// The region's one capacity (issue 36): what the other open incidents already hold of it. A
// practice that any of them closes receives nobody, and the places their current plans
// promised (patients proposed, accepted or further at a practice) are taken. An exercise never
// takes capacity from a real incident; it does see what real incidents hold.
struct RegionalLedger {
  std::set<std::string> closed;                // AGB -> closed by another open incident
  std::map<std::string, long long> promised;   // receiver AGB -> patients placed there by others
  std::map<std::string, std::set<std::string>> promised_by;  // receiver AGB -> incident numbers
  std::map<std::string, std::string> closed_by;              // AGB -> incident number
};
RegionalLedger ReadRegionalLedger(UnitOfWork& uow, const Incident& incident);

struct PlanningData {
  solver::PlanInput input;
  std::vector<ReceiverInfo> info;         // per receiver
  std::vector<std::vector<int>> members;  // per household: patient indexes
};

std::optional<Practice> FindPractice(UnitOfWork& uow, const std::string& agb);

// The patient `id` of the incident, if the caller may update it: the RHO, or the receiving
// practice of that patient.
Result<RedistributionPatient*> FindPatientToUpdate(const Caller& caller,
                                                   std::vector<RedistributionPatient>& patients,
                                                   std::int64_t id);

// Whether `agb` is one of the incident's closed (affected) practices.
bool Closed(const Incident& incident, const std::string& agb);

// The planner's input from the registry, the offers, the sites and the patient list of one
// incident, with what the other open incidents hold (ReadRegionalLedger).
PlanningData BuildPlanning(UnitOfWork& uow, const Incident& incident,
                           const std::vector<RedistributionPatient>& patients,
                           const solver::PlanParameters& parameters,
                           const RedistributionSettings& settings);
// The same for several incidents planned together (the regional plan): every practice any of
// them closes receives nobody, offers count at their largest, every incident's sites take part,
// and `ledger` holds what incidents outside the solve hold.
PlanningData BuildPlanning(UnitOfWork& uow, const std::vector<const Incident*>& incidents,
                           const std::vector<RedistributionPatient>& patients,
                           const solver::PlanParameters& parameters,
                           const RedistributionSettings& settings, const RegionalLedger& ledger);
// Writes a plan's receivers into `patients` (households already accepted keep theirs) and
// stores each changed patient; the number of patients proposed.
Result<long long> ApplyPlan(UnitOfWork& uow, std::vector<RedistributionPatient>& patients,
                            const PlanningData& data, const solver::Plan& plan,
                            const std::string& now);

}  // namespace vangnet::redistribution
