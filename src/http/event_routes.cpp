// GET /api/v1/events: server-sent events with the registry's committed changes.
#include "http/routes.hpp"

namespace vangnet {

void RegisterEventRoutes(Router& router, EventHub& hub) {
  router.Get("/api/v1/events", [&hub](const RequestContext& ctx, const httplib::Request& req,
                                      httplib::Response& res) {
    const std::string account = ctx.caller.actor.user;
    const UserRole role = ctx.caller.role;
    if (!hub.Join(account)) {
      res.set_header("Retry-After", "30");
      return ReplyError(res, Error(ErrorKind::kRateLimited,
                                   "te veel live verbindingen; de pagina ververst elke minuut"));
    }
    std::int64_t last_id = ParseInteger(req.get_header_value("Last-Event-ID")).value_or(-1);
    if (last_id < 0) last_id = hub.LastId();  // a new client starts from now
    res.set_header("Cache-Control", "no-store");
    res.set_chunked_content_provider(
        "text/event-stream",
        [&hub, last_id, role](std::size_t, httplib::DataSink& sink) mutable {
          bool stopped = false;
          auto event = hub.NextAfter(last_id, std::chrono::seconds(15), stopped);
          if (stopped) {
            sink.done();
            return false;
          }
          std::string chunk;
          if (event && !MayHearOf(role, event->topic)) {
            last_id = event->id;  // not for this role: skip it silently
            chunk = ": \n\n";
          } else if (event) {
            last_id = event->id;
            chunk = "id: " + std::to_string(event->id) + "\nevent: " + event->type +
                    "\ndata: " + event->json + "\n\n";
          } else {
            chunk = ": heartbeat\n\n";  // keeps proxies from closing an idle stream
          }
          return sink.write(chunk.data(), chunk.size());
        },
        [&hub, account](bool) { hub.Leave(account); });
  });
}

}  // namespace vangnet
