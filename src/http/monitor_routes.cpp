// /api/v1/monitor: the continuity monitor as the caller may see it (the insurer liaison gets the
// regional and practice figures, never a holder's name or age).
#include <map>
#include <memory>
#include <mutex>

#include "http/json/monitor_json.hpp"
#include "http/routes.hpp"

namespace vangnet {

namespace {

// The whole region's monitor as JSON, kept while its basis holds: for a national registry the
// JSON (about 2.5 MB) costs far more to make than the report. Per kind of view: with or
// without the conversation list. One practice's card and a practice user's view are small and
// made each time.
class KeptMonitorJson {
 public:
  std::string Get(const MonitorReport& report, const SignalNorms& norms) {
    const std::string key = report.basis + "|" + (report.conversations.empty() ? "0" : "1");
    {
      std::lock_guard lock(mutex_);
      if (auto it = kept_.find(key); it != kept_.end()) return it->second;
    }
    // One request makes it; those asking at the same time wait for that one instead of each
    // making the same 2.5 MB (under 50 clients that herd took seconds).
    std::lock_guard making(making_mutex_);
    {
      std::lock_guard lock(mutex_);
      if (auto it = kept_.find(key); it != kept_.end()) return it->second;
    }
    std::string body = JsonText(MonitorReportJson(report, norms));
    std::lock_guard lock(mutex_);
    if (kept_.size() >= 4) kept_.clear();  // an old basis is never asked for again
    kept_[key] = body;
    return body;
  }

 private:
  std::mutex making_mutex_;
  std::mutex mutex_;
  std::map<std::string, std::string> kept_;
};

}  // namespace

void RegisterMonitorRoutes(Router& router, MonitorService& monitor) {
  auto kept = std::make_shared<KeptMonitorJson>();
  router.Get("/api/v1/monitor",
             [&monitor, kept](const RequestContext& ctx, const httplib::Request& req,
                              httplib::Response& res) {
               // ?practice=AGB: one practice's signal card, without the conversation list.
               const std::string practice = req.get_param_value("practice");
               auto report = monitor.Report(ctx.caller, practice);
               if (!report) return ReplyError(res, report.error());
               if (!practice.empty() || ctx.caller.role == UserRole::kPracticeUser) {
                 return ReplyJson(res, 200, MonitorReportJson(*report.value(), monitor.norms()));
               }
               ReplyJsonText(res, 200, kept->Get(*report.value(), monitor.norms()));
             });
  // The ranked list and the wijk and hagro figures as a workbook (?format=xlsx) or CSV.
  router.Get(
      "/api/v1/monitor/export",
      [&monitor](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        auto report = monitor.Report(ctx.caller);
        if (!report) return ReplyError(res, report.error());
        ReplyTables(res, req, MonitorTables(*report.value()), "monitor-" + report.value()->date);
      });
}

}  // namespace vangnet
