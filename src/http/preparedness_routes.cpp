// /api/v1/preparedness: the preparedness calendar (items with their status), recording that an
// obligation was done, and the same items as an iCalendar file or a feed for people's agenda.
#include "http/json/preparedness_json.hpp"
#include "http/routes.hpp"

namespace vangnet {

namespace {

void ReplyCalendar(httplib::Response& res, const Result<std::string>& ics, bool as_attachment) {
  if (!ics) return ReplyError(res, ics.error());
  res.status = 200;
  if (as_attachment) {
    SetDownloadName(res, "vangnet-paraatheid.ics", false);
  } else {
    res.set_header("Cache-Control", "no-store");
  }
  res.set_content(ics.value(), "text/calendar; charset=utf-8");
}

}  // namespace

void RegisterPreparednessRoutes(Router& router, PreparednessService& service) {
  router.Get("/api/v1/preparedness", [&service](const RequestContext& ctx, const httplib::Request&,
                                                httplib::Response& res) {
    auto overview = service.Overview(ctx.caller);
    if (!overview) return ReplyError(res, overview.error());
    ReplyJson(res, 200, PreparednessOverviewJson(overview.value()));
  });
  // The whole list as a workbook (?format=xlsx) or CSV.
  router.Get(
      "/api/v1/preparedness/export",
      [&service](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        auto overview = service.Overview(ctx.caller);
        if (!overview) return ReplyError(res, overview.error());
        ReplyTable(res, req, PreparednessTable(overview.value()),
                   "paraatheid-" + overview.value().date);
      });
  router.Get(
      "/api/v1/preparedness.ics",
      [&service](const RequestContext& ctx, const httplib::Request&, httplib::Response& res) {
        ReplyCalendar(res, service.Calendar(ctx.caller), true);
      });
  // The subscribable feed: an agenda app fetches this secret address without a session; the
  // items are those its owner would see when logged in.
  router.Post(
      "/api/v1/preparedness/feed",
      [&service](const RequestContext& ctx, const httplib::Request&, httplib::Response& res) {
        auto path = service.SubscribeFeed(ctx.caller, ctx.session->user.id);
        if (!path) return ReplyError(res, path.error());
        ReplyJson(res, 201, {{"path", path.value()}});
      });
  router.Delete(
      "/api/v1/preparedness/feed",
      [&service](const RequestContext& ctx, const httplib::Request&, httplib::Response& res) {
        if (auto s = service.EndFeed(ctx.caller, ctx.session->user.id); !s) {
          return ReplyError(res, s.error());
        }
        res.status = 204;
      });
  router.Get(
      R"(/api/v1/preparedness/feed/([0-9a-f]{64})\.ics)",
      [&service](const RequestContext&, const httplib::Request& req, httplib::Response& res) {
        ReplyCalendar(res, service.FeedCalendar(req.matches[1]), false);
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
        auto done = service.RecordDone(ctx.caller, request);
        if (!done) return ReplyError(res, done.error());
        ReplyJson(res, 201, {{"id", done.value().id}, {"done_on", done.value().done_on}});
      });
}

}  // namespace vangnet
