// GET /api/v1/events: server-sent events with the registry's committed changes.
#include "http/routes.hpp"

namespace vangnet {

namespace {
constexpr std::chrono::seconds kSessionRecheck{5};
constexpr std::chrono::seconds kHeartbeat{5};
}  // namespace

void RegisterEventRoutes(Router& router, EventHub& hub) {
  router.Get("/api/v1/events", [&hub, &router](const RequestContext& ctx,
                                               const httplib::Request& req,
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
    // The stream lives as long as its session: a logout, a blocked account or a changed
    // password ends it within kSessionRecheck, like any other request would be refused.
    const std::string token = router.SessionTokenOf(req);
    auto checked = std::chrono::steady_clock::now();
    auto heartbeat = checked;
    res.set_chunked_content_provider(
        "text/event-stream",
        [&hub, &router, token, last_id, role, checked, heartbeat](
            std::size_t, httplib::DataSink& sink) mutable {
          bool stopped = false;
          auto event = hub.NextAfter(last_id, kSessionRecheck, stopped);
          const auto now = std::chrono::steady_clock::now();
          if (!stopped && now - checked >= kSessionRecheck) {
            stopped = !router.accounts().Authenticate(token, /*keep_alive=*/false);
            checked = now;
          }
          if (stopped) {
            sink.done();
            return false;
          }
          if (event && !MayHearOf(role, event->topic)) {
            // Not for this role: skipped without a trace, not even an empty line, whose timing
            // would tell that something hidden changed.
            last_id = event->id;
            return true;
          }
          std::string chunk;
          if (event) {
            last_id = event->id;
            // A role that sees only its own practices' part of a table hears only that the
            // table changed: a row id could point at someone else's record.
            const bool scoped = HoldsPersonalData(event->topic) &&
                                ReadAccess(role, event->topic) == Access::kScoped;
            chunk = "id: " + std::to_string(event->id) + "\nevent: " + event->type + "\ndata: " +
                    (scoped ? nlohmann::json{{"table", event->topic}}.dump() : event->json) +
                    "\n\n";
          } else if (now - heartbeat >= kHeartbeat) {
            chunk = ": heartbeat\n\n";  // keeps proxies from closing an idle stream
            heartbeat = now;
          } else {
            return true;
          }
          return sink.write(chunk.data(), chunk.size());
        },
        [&hub, account](bool) { hub.Leave(account); });
  });
}

}  // namespace vangnet
