// Audit events as JSON, for the admin's audit page.
#pragma once

#include <nlohmann/json.hpp>

#include "core/audit_event.hpp"

namespace vangnet {

nlohmann::json AuditEventJson(const AuditEvent& event);

}  // namespace vangnet
