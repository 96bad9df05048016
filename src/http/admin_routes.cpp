// /api/v1/audit, /api/v1/users and /api/v1/admin/offline-bundle: for admins (the services
// refuse everyone else). Reading the audit log or the user list is itself audited.
#include "http/json/account_json.hpp"
#include "http/json/audit_json.hpp"
#include "http/json/preparedness_json.hpp"
#include "http/routes.hpp"

namespace vangnet {

void RegisterAdminRoutes(Router& router, AuditService& audit, AccountService& accounts,
                         OfflineBundles& bundles) {
  router.Get("/api/v1/audit", [&audit](const RequestContext& ctx, const httplib::Request& req,
                                       httplib::Response& res) {
    AuditFilter filter;
    filter.object_type = req.get_param_value("type");
    filter.object_key = req.get_param_value("key");
    filter.actor_user = req.get_param_value("user");
    filter.after_id = ParseInteger(req.get_param_value("after_id")).value_or(0);
    filter.newest_first = req.get_param_value("order") == "newest";
    filter.limit = static_cast<int>(
        std::clamp<long long>(ParseInteger(req.get_param_value("limit")).value_or(100), 1, 1000));
    auto events = audit.List(ctx.caller, filter);
    if (!events) return ReplyError(res, events.error());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& e : events.value()) items.push_back(AuditEventJson(e));
    ReplyJson(res, 200, {{"items", items}});
  });

  router.Get("/api/v1/users", [&accounts](const RequestContext& ctx, const httplib::Request&,
                                          httplib::Response& res) {
    auto list = accounts.Accounts(ctx.caller);
    if (!list) return ReplyError(res, list.error());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& a : list.value()) items.push_back(AccountOverviewJson(a));
    ReplyJson(res, 200, {{"items", items}});
  });

  // Body: {"username", "display_name", "role", "practice_agbs": [...], "password"}.
  router.Post("/api/v1/users", [&accounts](const RequestContext& ctx, const httplib::Request& req,
                                           httplib::Response& res) {
    auto body = ParseJsonBody(req, res);
    if (!body) return;
    UserAccount user;
    user.username = body->value("username", "");
    user.display_name = body->value("display_name", "");
    const auto role = ParseEnum(USER_ROLES, body->value("role", ""));
    if (!role) {
      return ReplyError(res,
                        Error::Validation("role", "kies een rol: " + EnumCodeList(USER_ROLES)));
    }
    user.role = *role;
    user.practice_agbs = body->TextList("practice_agbs");
    if (user.role == UserRole::kAdmin && ctx.caller.RequireAdmin("")) {
      if (auto s = accounts.ConfirmStepUp(ctx.caller, body->value("step_up_code", "")); !s) {
        return ReplyError(res, s.error());
      }
    }
    auto added = accounts.AddUser(ctx.caller, user, body->value("password", ""));
    if (!added) return ReplyError(res, added.error());
    ReplyJson(res, 201, UserJson(added.value()));
  });

  // Block or unblock an account; a blocked account's sessions end at its next request.
  router.Post(
      R"(/api/v1/users/([A-Za-z0-9._-]{1,64})/(disable|enable))",
      [&accounts](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        auto done = accounts.SetDisabled(ctx.caller, req.matches[1], req.matches[2] == "disable");
        if (!done) return ReplyError(res, done.error());
        res.status = 204;
      });

  // A new (temporary) password set by the admin; body {"password"}.
  router.Post(
      R"(/api/v1/users/([A-Za-z0-9._-]{1,64})/password)",
      [&accounts](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        auto body = ParseJsonBody(req, res);
        if (!body) return;
        if (auto s = ctx.caller.RequireAdmin("alleen een beheerder zet wachtwoorden"); !s) {
          return ReplyError(res, s.error());
        }
        if (auto s = accounts.ConfirmStepUp(ctx.caller, body->value("step_up_code", "")); !s) {
          return ReplyError(res, s.error());
        }
        auto done = accounts.SetPassword(ctx.caller, req.matches[1], body->value("password", ""));
        if (!done) return ReplyError(res, done.error());
        res.status = 204;
      });

  // A user lost their phone: the admin resets the second factor; the next login enrols anew.
  router.Post(
      R"(/api/v1/users/([A-Za-z0-9._-]{1,64})/second-factor/reset)",
      [&accounts](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        auto body = ParseJsonBody(req, res);
        if (!body) return;
        // The role first: someone who may not reset at all is told so, not asked for a code.
        if (auto s = ctx.caller.RequireAdmin("alleen een beheerder kan een tweede factor herstellen");
            !s) {
          return ReplyError(res, s.error());
        }
        if (auto s = accounts.ConfirmStepUp(ctx.caller, body->value("step_up_code", "")); !s) {
          return ReplyError(res, s.error());
        }
        auto done = accounts.ResetSecondFactor(ctx.caller, req.matches[1]);
        if (!done) return ReplyError(res, done.error());
        res.status = 204;
      });

  // Where and when the bundle is written, the last outcome, and "make one now".
  router.Get(
      "/api/v1/admin/offline-bundle",
      [&bundles](const RequestContext& ctx, const httplib::Request&, httplib::Response& res) {
        auto status = bundles.State(ctx.caller);
        if (!status) return ReplyError(res, status.error());
        ReplyJson(res, 200, BundleStatusJson(status.value()));
      });
  router.Post(
      "/api/v1/admin/offline-bundle",
      [&bundles](const RequestContext& ctx, const httplib::Request&, httplib::Response& res) {
        auto status = bundles.MakeNow(ctx.caller);
        if (!status) return ReplyError(res, status.error());
        ReplyJson(res, 201, BundleStatusJson(status.value()));
      });
}

}  // namespace vangnet
