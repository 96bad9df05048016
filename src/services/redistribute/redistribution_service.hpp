// Patient redistribution (opvang) within an incident: the closed practices' patient lists, the
// capacity on offer, planning with the solver, and each patient's way to a new practice.
// Every read and write of patient data is audited; patient data is deleted when the coordinator
// confirms the export at the end (seed 000 Bijlage 1: minimal data, consent never presumed).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/redistribution.hpp"
#include "io/table.hpp"
#include "services/redistribute/redistribution_overview.hpp"
#include "services/registry/access_policy.hpp"
#include "solver/plan_input.hpp"
#include "store/store.hpp"

namespace vangnet {

struct RedistributionSettings {
  double norm_patients_per_fte = 2095;    // seed 004 §4.2.1: the norm practice, for headroom
  double signal_patients_per_fte = 4000;  // seed 004 §4.2.1: continuity at risk above this
};

// A household's decision by its receiving practice.
struct HouseholdDecision {
  std::string practice_agb;  // the closed practice
  std::string household_key;
  bool accept = false;
};

// One incident's share of a regional plan.
struct RegionalIncidentResult {
  std::int64_t incident_id = 0;
  std::string number, title;
  long long patients = 0, placed = 0;
  long long vulnerable = 0, vulnerable_placed = 0;
};

// The regional plan (issue 36): every open incident's patients planned together in one solve,
// in the planner's order (patients of vulnerable households, patients, households, cost).
struct RegionalPlan {
  std::vector<RegionalIncidentResult> incidents;
  std::vector<std::string> explanation;  // where capacity binds, for the region as a whole
  long long patients = 0, placed = 0;
};

class RedistributionService {
 public:
  explicit RedistributionService(Store& store, RedistributionSettings settings = {})
      : store_(store), settings_(settings) {}

  // Imports (replaces) the patient list of one closed practice of the incident; the whole file
  // or nothing. Refused once any of its patients was accepted by a receiver.
  Result<long long> ImportPatients(const Caller& caller, std::int64_t incident_id,
                                   const std::string& practice_agb, const std::string& csv_text,
                                   const std::string& file_name);
  // A synthetic list for a demo practice (its list size, households near it); never real people.
  Result<long long> GenerateDemoPatients(const Caller& caller, std::int64_t incident_id,
                                         const std::string& practice_agb);
  // What a practice offers to take (places); replaces its computed headroom in the plan.
  Status SetOffer(const Caller& caller, std::int64_t incident_id, const std::string& practice_agb,
                  std::optional<long long> capacity);
  Result<TemporarySite> AddSite(const Caller& caller, std::int64_t incident_id, TemporarySite site);
  Status RemoveSite(const Caller& caller, std::int64_t incident_id, std::int64_t site_id);
  // Plans every household not yet accepted; accepted ones stay. Returns the overview.
  Result<RedistributionOverview> Plan(const Caller& caller, std::int64_t incident_id,
                                      const solver::PlanParameters& parameters);
  // Plans the patients of every open incident (not exercises) together, one solve over the
  // region's one capacity; each incident keeps the result as its current plan. The RHO only.
  Result<RegionalPlan> PlanRegion(const Caller& caller, const solver::PlanParameters& parameters);
  // The map, the table per receiver, the unplaced with reasons, the funnel: no patient rows.
  Result<RedistributionOverview> Overview(const Caller& caller, std::int64_t incident_id);
  // Patient rows: all for the RHO, only its own for a receiving practice. Audited.
  Result<std::vector<RedistributionPatient>> Patients(const Caller& caller,
                                                      std::int64_t incident_id,
                                                      const std::string& receiver_id = {});
  // The vulnerable patients of one affected practice (frail elderly, device-dependent,
  // palliative), for the paper list during an incident: the RHO, or the practice itself for its
  // own patients. Audited as a read with the count.
  Result<std::vector<RedistributionPatient>> VulnerablePatients(const Caller& caller,
                                                                std::int64_t incident_id,
                                                                const std::string& practice_agb);
  Status Decide(const Caller& caller, std::int64_t incident_id, const HouseholdDecision& decision);
  // Moves patients one stage on (informed, registered, transferred) or records consent.
  Status Advance(const Caller& caller, std::int64_t incident_id,
                 const std::vector<std::int64_t>& ids, PatientStage to);
  Status RecordConsent(const Caller& caller, std::int64_t incident_id, std::int64_t patient_id,
                       DossierConsent consent);
  // Per receiver: the list and a letter draft per household, for the mail merge (CSV or Excel).
  Result<Table> Letters(const Caller& caller, std::int64_t incident_id,
                        const std::string& receiver_id);
  // The whole tracking state (the export that comes before the purge). Audited.
  Result<Table> Export(const Caller& caller, std::int64_t incident_id);
  // Deletes the incident's patient data and plan; the coordinator confirms the export first.
  Result<long long> Purge(const Caller& caller, std::int64_t incident_id, bool export_confirmed);

 private:
  Store& store_;
  RedistributionSettings settings_;
};

}  // namespace vangnet
