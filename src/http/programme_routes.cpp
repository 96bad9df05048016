// /api/v1/programmes: the region's long programmes as overviews and downloads. The records are
// kept through the registry routes, like every other registry record.
#include "http/json/programme_json.hpp"
#include "http/routes.hpp"

namespace vangnet {

void RegisterProgrammeRoutes(Router& router, ProgrammeService& programmes) {
  router.Get(
      "/api/v1/programmes/succession",
      [&programmes](const RequestContext& ctx, const httplib::Request&, httplib::Response& res) {
        auto overview = programmes.Succession(ctx.caller);
        if (!overview) return ReplyError(res, overview.error());
        ReplyJson(res, 200, SuccessionOverviewJson(overview.value()));
      });
  router.Get("/api/v1/programmes/succession/export", [&programmes](const RequestContext& ctx,
                                                                   const httplib::Request& req,
                                                                   httplib::Response& res) {
    auto overview = programmes.Succession(ctx.caller);
    if (!overview) return ReplyError(res, overview.error());
    ReplyTable(res, req, SuccessionTable(overview.value()), "opvolging-" + overview.value().date);
  });
  router.Get(
      "/api/v1/programmes/collaboration",
      [&programmes](const RequestContext& ctx, const httplib::Request&, httplib::Response& res) {
        auto overview = programmes.Collaboration(ctx.caller);
        if (!overview) return ReplyError(res, overview.error());
        ReplyJson(res, 200, CollaborationOverviewJson(overview.value()));
      });
  router.Get("/api/v1/programmes/collaboration/export",
             [&programmes](const RequestContext& ctx, const httplib::Request& req,
                           httplib::Response& res) {
               auto overview = programmes.Collaboration(ctx.caller);
               if (!overview) return ReplyError(res, overview.error());
               ReplyTables(res, req, CollaborationTables(overview.value()),
                           "samenwerking-" + overview.value().date);
             });
}

}  // namespace vangnet
