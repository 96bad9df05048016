// /api/v1/region/summary, /api/v1/postcodes, /api/v1/config, /api/v1/health
#include "core/registry.hpp"
#include "http/http_server.hpp"
#include "http/routes.hpp"
#include "io/postcode_table.hpp"
#include "services/registry/region_summary.hpp"

namespace vangnet {

void RegisterRegionRoutes(Router& router, Store& store, const ServerOptions& options) {
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
  router.Get("/api/v1/region/summary", [&store](const RequestContext& ctx, const httplib::Request&,
                                                httplib::Response& res) {
    auto uow = store.BeginRead(ctx.caller.actor);
    if (!uow) return ReplyError(res, uow.error());
    RegionSummary s = SummariseRegion(*uow.value(), TodayUtc());
    ReplyJson(
        res, 200,
        {{"practices", s.practices},
         {"practices_by_form", s.practices_by_form},
         {"practices_with_patient_stop", s.practices_with_patient_stop},
         {"registered_patients", s.registered_patients},
         {"gps", s.gps},
         {"gp_fte", s.gp_fte},
         {"holders", s.holders},
         {"holders_aged_60_plus", s.holders_aged_60_plus},
         {"holders_60_plus_without_known_successor", s.holders_60_plus_without_known_successor},
         {"team_members", s.team_members},
         {"gp_groups", s.gp_groups},
         {"districts", s.districts},
         {"contracts", s.contracts},
         {"contracts_not_reviewed_12_months", s.contracts_not_reviewed_12_months},
         {"contracts_outside_district", s.contracts_outside_district},
         {"crisis_roles", s.crisis_roles},
         {"crisis_roles_without_substitute", s.crisis_roles_without_substitute},
         {"calamity_cards", s.calamity_cards},
         {"calamity_cards_complete", s.calamity_cards_complete}});
  });

  // The map's offline background: the address postcodes around the region's practices.
  router.Get("/api/v1/postcodes", [&store](const RequestContext& ctx, const httplib::Request&,
                                           httplib::Response& res) {
    auto uow = store.BeginRead(ctx.caller.actor);
    if (!uow) return ReplyError(res, uow.error());
    double min_lat = 90, max_lat = -90, min_lon = 180, max_lon = -180;
    for (const auto& p : uow.value()->Table<Practice>().List()) {
      if (!p.latitude) continue;
      min_lat = std::min(min_lat, *p.latitude);
      max_lat = std::max(max_lat, *p.latitude);
      min_lon = std::min(min_lon, *p.longitude);
      max_lon = std::max(max_lon, *p.longitude);
    }
    constexpr double kMargin = 0.05;  // about 5 km around the outermost practices
    nlohmann::json areas = nlohmann::json::array();
    const auto& table = PostcodeTable::Embedded();
    for (std::size_t i = 0; i < table.size(); ++i) {
      const PostcodeArea& a = table.At(i);
      if (!a.is_address_area || a.latitude < min_lat - kMargin || a.latitude > max_lat + kMargin ||
          a.longitude < min_lon - kMargin || a.longitude > max_lon + kMargin) {
        continue;
      }
      areas.push_back({{"postcode", a.postcode},
                       {"place", a.place},
                       {"latitude", a.latitude},
                       {"longitude", a.longitude}});
    }
    ReplyJson(res, 200, {{"items", areas}});
  });
}

}  // namespace vangnet
