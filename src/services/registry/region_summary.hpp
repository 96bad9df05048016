// The region at a glance: what `vangnet demo` prints and the overview page will show.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "store/store.hpp"

namespace vangnet {

struct RegionSummary {
  std::size_t practices = 0;
  std::map<std::string, std::size_t> practices_by_form;  // form code -> count
  std::size_t practices_with_patient_stop = 0;
  long long registered_patients = 0;
  std::size_t people = 0;
  std::size_t gps = 0;                   // distinct people with a GP role somewhere
  std::size_t holders = 0;               // distinct practice holders
  std::size_t holders_aged_60_plus = 0;  // seed 003: talk to every holder from 60
  std::size_t holders_60_plus_without_known_successor = 0;
  std::size_t team_members = 0;  // affiliations in a non-GP role
  double gp_fte = 0;
  std::size_t gp_groups = 0;
  std::size_t districts = 0;
  std::size_t contracts = 0;
  std::size_t contracts_not_reviewed_12_months = 0;
  std::size_t contracts_outside_district = 0;
  std::size_t organisations = 0;
  std::size_t contacts = 0;
  std::size_t crisis_roles = 0;
  std::size_t crisis_roles_without_substitute = 0;
  std::size_t calamity_cards = 0;
  std::size_t calamity_cards_complete = 0;
};

// Computed from one consistent read of the store; `today` decides ages and review windows.
RegionSummary SummariseRegion(UnitOfWork& uow, std::chrono::year_month_day today);

// The summary as Dutch text for the terminal.
std::string FormatRegionSummary(const RegionSummary& summary);

}  // namespace vangnet
