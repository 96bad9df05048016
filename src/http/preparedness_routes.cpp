// /api/v1/preparedness: the preparedness calendar (items with their status), recording that an
// obligation was done, and the same items as an iCalendar file for people's own agenda.
#include "core/date.hpp"
#include "http/routes.hpp"
#include "services/preparedness/preparedness_service.hpp"

namespace vangnet {

namespace {

nlohmann::json ItemJson(const PreparednessItem& item) {
  auto optional = [](const std::optional<std::string>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  return {{"rule_id", item.rule->id},
          {"label", item.rule->label},
          {"explanation", item.rule->explanation},
          {"scope", std::string(EnumCode(PREPAREDNESS_SCOPES, item.rule->scope))},
          {"every_months", item.rule->every_months},
          {"owner", item.rule->owner},
          {"source", item.rule->source},
          {"practice_agb", item.practice_agb},
          {"practice_name", item.practice_name},
          {"subject", item.subject},
          {"last_done", optional(item.last_done)},
          {"last_done_by", item.last_done_by},
          {"evidence", item.evidence},
          {"due", optional(item.due)},
          {"status", std::string(EnumCode(ITEM_STATUSES, item.status))},
          {"kept_in_registry", item.kept_in_registry},
          {"exercise_playbook", item.rule->exercise_playbook.empty()
                                    ? nlohmann::json(nullptr)
                                    : nlohmann::json(item.rule->exercise_playbook)},
          {"exercise_incident_id", item.exercise_incident_id
                                       ? nlohmann::json(*item.exercise_incident_id)
                                       : nlohmann::json(nullptr)}};
}

}  // namespace

void RegisterPreparednessRoutes(Router& router, PreparednessService& service) {
  router.Get("/api/v1/preparedness", [&service](const RequestContext& ctx, const httplib::Request&,
                                                httplib::Response& res) {
    auto overview = service.Overview(ctx.caller, TodayUtc());
    if (!overview) return ReplyError(res, overview.error());
    const auto& o = overview.value();
    nlohmann::json items = nlohmann::json::array();
    for (const auto& item : o.items) items.push_back(ItemJson(item));
    ReplyJson(res, 200,
              {{"date", o.date},
               {"overdue", o.overdue},
               {"due_this_month", o.due_this_month},
               {"upcoming", o.upcoming},
               {"items", std::move(items)}});
  });
  router.Get(
      "/api/v1/preparedness.ics",
      [&service](const RequestContext& ctx, const httplib::Request&, httplib::Response& res) {
        auto overview = service.Overview(ctx.caller, TodayUtc());
        if (!overview) return ReplyError(res, overview.error());
        res.status = 200;
        res.set_header("Content-Disposition", "attachment; filename=\"vangnet-paraatheid.ics\"");
        res.set_content(PreparednessIcal(overview.value(), NowUtcIso()),
                        "text/calendar; charset=utf-8");
      });
  // The subscribable feed: an agenda app fetches this secret address without a session; the
  // items are those its owner would see when logged in.
  router.Post(
      "/api/v1/preparedness/feed",
      [&router](const RequestContext& ctx, const httplib::Request&, httplib::Response& res) {
        if (ctx.caller.role == UserRole::kInsurerLiaison) {
          return ReplyError(res, Error(ErrorKind::kForbidden,
                                       "uw rol geeft geen toegang tot de paraatheidskalender"));
        }
        auto token = router.accounts().NewCalendarFeedToken(ctx.caller.actor, ctx.session->user.id);
        if (!token) return ReplyError(res, token.error());
        ReplyJson(res, 201, {{"path", "/api/v1/preparedness/feed/" + token.value() + ".ics"}});
      });
  router.Delete(
      "/api/v1/preparedness/feed",
      [&router](const RequestContext& ctx, const httplib::Request&, httplib::Response& res) {
        if (auto s = router.accounts().EndCalendarFeed(ctx.caller.actor, ctx.session->user.id); !s)
          return ReplyError(res, s.error());
        res.status = 204;
      });
  router.Get(R"(/api/v1/preparedness/feed/([0-9a-f]{64})\.ics)",
             [&router, &service](const RequestContext&, const httplib::Request& req,
                                 httplib::Response& res) {
               auto user = router.accounts().UserForCalendarFeed(req.matches[1]);
               if (!user) {
                 return ReplyError(res, Error::NotFound("",
                                                        "dit agenda-adres bestaat niet (meer); "
                                                        "maak in vangnet een nieuw aan"));
               }
               auto overview =
                   service.Overview(Caller::Of(*user, "agenda", "paraatheidskalender"), TodayUtc());
               if (!overview) return ReplyError(res, overview.error());
               res.status = 200;
               res.set_header("Cache-Control", "no-store");
               res.set_content(PreparednessIcal(overview.value(), NowUtcIso()),
                               "text/calendar; charset=utf-8");
             },
             Router::Auth::kPublic);
  router.Post(
      "/api/v1/preparedness/completions",
      [&service](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        auto body = ParseJsonBody(req, res);
        if (!body) return;
        CompletionRequest request{body->value("rule_id", ""), body->value("practice_agb", ""),
                                  body->value("done_on", ""), body->value("done_by", ""),
                                  body->value("evidence", "")};
        auto done = service.RecordDone(ctx.caller, request, TodayUtc());
        if (!done) return ReplyError(res, done.error());
        ReplyJson(res, 201, {{"id", done.value().id}, {"done_on", done.value().done_on}});
      });
}

}  // namespace vangnet
