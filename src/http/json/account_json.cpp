#include "http/json/account_json.hpp"

namespace vangnet {

using nlohmann::json;

json UserJson(const UserAccount& user) {
  return {{"username", user.username},
          {"display_name", user.display_name},
          {"role", EnumCode(USER_ROLES, user.role)},
          {"role_label", EnumLabel(USER_ROLES, user.role)},
          {"practice_agbs", user.practice_agbs},
          {"disabled", user.disabled}};
}

json AuditEventJson(const AuditEvent& e) {
  return {{"id", e.id},
          {"occurred_at", e.occurred_at},
          {"actor_user", e.actor_user},
          {"actor_role", e.actor_role},
          {"source", e.source},
          {"action", e.action},
          {"object_type", e.object_type},
          {"object_key", e.object_key},
          {"subject_key", e.subject_key},
          {"purpose", e.purpose},
          {"outcome", e.outcome},
          {"details", json::parse(e.details, nullptr, false)}};
}

json BundleStatusJson(const BundleStatus& b) {
  json last = nullptr;
  if (!b.at.empty()) {
    last = {{"at", b.at},
            {"path", b.path},
            {"files", b.files},
            {"bytes", b.bytes},
            {"error", b.error.empty() ? json(nullptr) : json(b.error)}};
  }
  return {{"folder", b.folder.empty() ? json(nullptr) : json(b.folder)},
          {"hour", b.hour},
          {"last", last}};
}

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

}  // namespace vangnet
