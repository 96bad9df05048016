#include "http/json/audit_json.hpp"

namespace vangnet {

using nlohmann::json;

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

}  // namespace vangnet
