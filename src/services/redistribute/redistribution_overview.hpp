// What the opvang page shows of a redistribution: the closed practices, the receivers with their
// load, the households per postcode, the funnel of patient stages, the offers and sites, and the
// last plan. No patient rows: counts and postcodes only.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/incident.hpp"
#include "solver/plan_input.hpp"
#include "store/redistribution_repository.hpp"

namespace vangnet {

struct ClosedPracticeView {
  std::string agb;
  long long patients_listed = 0;
  std::optional<std::string> name;  // empty when the registry no longer has the practice
  long long registered_patients = 0;
  std::optional<double> latitude, longitude;
};

struct ReceiverView {
  solver::Receiver receiver;
  long long placed_patients = 0;  // accepted and proposed, as they are now
  std::size_t placed_households = 0;
  long long vulnerable_patients = 0;
  // seed 004 §4.2.1: the load after absorbing, against the 4,000 signal; empty without FTE.
  std::optional<double> patients_per_fte_after;
  bool above_signal = false;
};

// Households and patients of one postcode going to one receiver (empty: not placed).
struct PostcodeCell {
  std::string postcode;
  std::string receiver;
  double latitude = 0, longitude = 0;
  std::size_t households = 0;
  long long patients = 0;
};

struct RedistributionOverview {
  Incident incident;
  solver::PlanParameters parameters;
  std::vector<ClosedPracticeView> closed_practices;
  std::map<std::string, long long> funnel;   // every patient stage, zero included
  std::map<std::string, long long> consent;  // every dossier answer, zero included
  std::size_t patients_total = 0;
  std::optional<StoredPlan> plan;  // the last plan (its summary as io/plan_json wrote it)
  // Unplaced households carry pseudonymous keys: only the RHO sees them.
  bool show_unplaced = false;
  std::vector<ReceiverView> receivers;
  std::vector<PostcodeCell> postcodes;
  std::vector<CapacityOffer> offers;
  std::vector<TemporarySite> sites;
  // Why this incident's plan no longer fits the region (issue 36): a receiver another open
  // incident closed, or places another incident's plan has taken meanwhile. Empty: it fits.
  // Making the plan again (one action) solves it.
  std::vector<std::string> plan_out_of_date;
};

}  // namespace vangnet
