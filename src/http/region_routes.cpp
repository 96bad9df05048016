// /api/v1/region/summary, /api/v1/postcodes, /api/v1/config, /api/v1/health
#include "http/http_server.hpp"
#include "http/json/region_json.hpp"
#include "http/routes.hpp"

namespace vangnet {

void RegisterRegionRoutes(Router& router, RegionService& region, const ServerOptions& options) {
  router.Get(
      "/api/v1/health",
      [](const RequestContext&, const httplib::Request&, httplib::Response& res) {
        ReplyJson(res, 200, {{"status", "ok"}});
      },
      Router::Auth::kPublic);

  router.Get("/api/v1/config", [&options](const RequestContext&, const httplib::Request&,
                                          httplib::Response& res) {
    ReplyJson(res, 200,
              {{"version", VANGNET_VERSION_STRING},
               {"tile_url", options.tile_url.empty() ? nlohmann::json(nullptr)
                                                     : nlohmann::json(options.tile_url)}});
  });

  // Aggregates only: every role may see them, the insurer included.
  router.Get("/api/v1/region/summary",
             [&region](const RequestContext& ctx, const httplib::Request&, httplib::Response& res) {
               auto summary = region.Summary(ctx.caller);
               if (!summary) return ReplyError(res, summary.error());
               ReplyJson(res, 200, RegionSummaryJson(summary.value()));
             });

  // The map's offline background: the address postcodes around the region's practices.
  router.Get("/api/v1/postcodes",
             [&region](const RequestContext& ctx, const httplib::Request&, httplib::Response& res) {
               auto areas = region.PostcodeAreas(ctx.caller);
               if (!areas) return ReplyError(res, areas.error());
               nlohmann::json items = nlohmann::json::array();
               for (const auto& a : areas.value()) {
                 items.push_back({{"postcode", a.postcode},
                                  {"place", a.place},
                                  {"latitude", a.latitude},
                                  {"longitude", a.longitude}});
               }
               ReplyJson(res, 200, {{"items", items}});
             });
}

}  // namespace vangnet
