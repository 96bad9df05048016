// /api/v1/audit and /api/v1/users: for admins only. Reading the audit log is itself audited.
#include "http/routes.hpp"

namespace vangnet {

namespace {
bool IsAdmin(const RequestContext& ctx) {
  return ctx.caller.role == UserRole::kAdmin;
}
}  // namespace

void RegisterAdminRoutes(Router& router, Store& store) {
  router.Get("/api/v1/audit", [&store](const RequestContext& ctx, const httplib::Request& req,
                                       httplib::Response& res) {
    if (!IsAdmin(ctx)) {
      return ReplyError(res, Error(ErrorKind::kForbidden, "alleen beheerders zien het auditlog"));
    }
    AuditFilter filter;
    filter.object_type = req.get_param_value("type");
    filter.object_key = req.get_param_value("key");
    filter.actor_user = req.get_param_value("user");
    filter.after_id = ParseInteger(req.get_param_value("after_id")).value_or(0);
    filter.newest_first = req.get_param_value("order") == "newest";
    filter.limit = static_cast<int>(
        std::clamp<long long>(ParseInteger(req.get_param_value("limit")).value_or(100), 1, 1000));
    auto uow = store.Begin(ctx.caller.actor);
    if (!uow) return ReplyError(res, uow.error());
    auto events = uow.value()->Audit().List(filter);
    AuditEvent read = AuditEvent::Of(ctx.caller.actor, "read", "audit_event", "list", "",
                                     nlohmann::json{{"records", events.size()}}.dump());
    if (auto s = uow.value()->Audit().Append(read); !s) return ReplyError(res, s.error());
    if (auto s = uow.value()->Commit(); !s) return ReplyError(res, s.error());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& e : events) {
      items.push_back({{"id", e.id},
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
                       {"details", nlohmann::json::parse(e.details, nullptr, false)}});
    }
    ReplyJson(res, 200, {{"items", items}});
  });

  router.Get("/api/v1/users", [&router](const RequestContext& ctx, const httplib::Request&,
                                        httplib::Response& res) {
    if (!IsAdmin(ctx)) {
      return ReplyError(res, Error(ErrorKind::kForbidden, "alleen beheerders zien gebruikers"));
    }
    nlohmann::json items = nlohmann::json::array();
    for (const auto& u : router.accounts().ListUsers(ctx.caller.actor)) {
      items.push_back({{"username", u.username},
                       {"display_name", u.display_name},
                       {"role", EnumCode(USER_ROLES, u.role)},
                       {"practice_agbs", u.practice_agbs},
                       {"disabled", u.disabled}});
    }
    ReplyJson(res, 200, {{"items", items}});
  });
}

}  // namespace vangnet
