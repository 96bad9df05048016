// /api/v1/monitor: the continuity monitor as the caller may see it (the insurer liaison gets the
// regional and practice figures, never a holder's name or age).
#include "http/json/monitor_json.hpp"
#include "http/routes.hpp"

namespace vangnet {

void RegisterMonitorRoutes(Router& router, MonitorService& monitor) {
  router.Get("/api/v1/monitor", [&monitor](const RequestContext& ctx, const httplib::Request& req,
                                           httplib::Response& res) {
    // ?practice=AGB: one practice's signal card, without the conversation list.
    auto report = monitor.Report(ctx.caller, req.get_param_value("practice"));
    if (!report) return ReplyError(res, report.error());
    ReplyJson(res, 200, MonitorReportJson(report.value(), monitor.norms()));
  });
}

}  // namespace vangnet
