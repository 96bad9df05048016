#include "http/json/region_json.hpp"

namespace vangnet {

using nlohmann::json;

json RegionSummaryJson(const RegionSummary& s) {
  return {{"practices", s.practices},
          {"practices_by_form", s.practices_by_form},
          {"practices_with_patient_stop", s.practices_with_patient_stop},
          {"registered_patients", s.registered_patients},
          {"gps", s.gps},
          {"gp_fte", s.gp_fte},
          {"holders", s.holders},
          {"holders_aged_60_plus", s.holders_aged_60_plus},
          {"holders_60_plus_without_known_successor", s.holders_60_plus_without_known_successor},
          {"team_members", s.team_members},
          {"gp_groups", s.gp_groups},
          {"districts", s.districts},
          {"contracts", s.contracts},
          {"contracts_not_reviewed_12_months", s.contracts_not_reviewed_12_months},
          {"contracts_outside_district", s.contracts_outside_district},
          {"crisis_roles", s.crisis_roles},
          {"crisis_roles_without_substitute", s.crisis_roles_without_substitute},
          {"calamity_cards", s.calamity_cards},
          {"calamity_cards_complete", s.calamity_cards_complete}};
}

json PostcodeAreaJson(const PostcodeArea& a) {
  return {{"postcode", a.postcode},
          {"place", a.place},
          {"latitude", a.latitude},
          {"longitude", a.longitude}};
}

}  // namespace vangnet
