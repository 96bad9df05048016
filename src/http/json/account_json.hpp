// Accounts, audit events, the offline bundle's status and the region summary as JSON: the
// mappings of the admin, session and region routes.
#pragma once

#include <nlohmann/json.hpp>

#include "core/audit_event.hpp"
#include "core/user_account.hpp"
#include "services/preparedness/offline_bundle.hpp"
#include "services/registry/region_summary.hpp"

namespace vangnet {

// A user as the session and the admin's user list show them (never the password hash).
nlohmann::json UserJson(const UserAccount& user);
nlohmann::json AuditEventJson(const AuditEvent& event);
nlohmann::json BundleStatusJson(const BundleStatus& status);
nlohmann::json RegionSummaryJson(const RegionSummary& summary);

}  // namespace vangnet
