// /api/v1/incidents/{id}/redistribution: patient redistribution within an incident. Thin: parse,
// call the service, map the result. Patient rows only reach the RHO and the receiving practice.
#include "http/json/redistribution_json.hpp"
#include "http/routes.hpp"
#include "io/plan_json.hpp"
#include "services/redistribute/redistribution_service.hpp"

namespace vangnet {

namespace {

const std::string kBase = R"(/api/v1/incidents/(\d+)/redistribution)";

std::int64_t IncidentId(const httplib::Request& req) {
  return PathId(req, 1);
}

void ReplyStatus(httplib::Response& res, const Status& status) {
  if (!status) return ReplyError(res, status.error());
  ReplyJson(res, 200, {{"ok", true}});
}

}  // namespace

void RegisterRedistributionRoutes(Router& router, RedistributionService& service) {
  router.Get(kBase, [&service](const RequestContext& ctx, const httplib::Request& req,
                               httplib::Response& res) {
    auto overview = service.Overview(ctx.caller, IncidentId(req));
    if (!overview) return ReplyError(res, overview.error());
    ReplyJson(res, 200, RedistributionOverviewJson(overview.value()));
  });
  // Body: {"practice_agb": "...", "csv": "..."} or {"practice_agb": "...", "demo": true}.
  router.Post(kBase + "/patients", [&service](const RequestContext& ctx,
                                              const httplib::Request& req, httplib::Response& res) {
    auto body = ParseJsonBody(req, res);
    if (!body) return;
    const std::string agb = body->value("practice_agb", "");
    auto count =
        body->value("demo", false)
            ? service.GenerateDemoPatients(ctx.caller, IncidentId(req), agb)
            : service.ImportPatients(ctx.caller, IncidentId(req), agb, body->value("csv", ""),
                                     body->value("file_name", "patienten.csv"));
    if (!count) return ReplyError(res, count.error());
    ReplyJson(res, 200, {{"patients", count.value()}});
  });
  // ?receiver=AGB: one receiving practice's patients (what a practice user may see).
  router.Get(kBase + "/patients", [&service](const RequestContext& ctx, const httplib::Request& req,
                                             httplib::Response& res) {
    auto patients = service.Patients(ctx.caller, IncidentId(req), req.get_param_value("receiver"));
    if (!patients) return ReplyError(res, patients.error());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& p : patients.value()) items.push_back(PatientJson(p));
    ReplyJson(res, 200, {{"items", items}});
  });
  router.Post(kBase + "/plan", [&service](const RequestContext& ctx, const httplib::Request& req,
                                          httplib::Response& res) {
    auto body = ParseJsonBody(req, res);
    if (!body) return;
    auto parameters = PlanParametersFromJson(body->json());
    if (!parameters) return ReplyError(res, parameters.error());
    auto overview = service.Plan(ctx.caller, IncidentId(req), parameters.value());
    if (!overview) return ReplyError(res, overview.error());
    ReplyJson(res, 200, RedistributionOverviewJson(overview.value()));
  });
  // The regional plan: every open incident's patients in one solve. Body: the plan parameters.
  router.Post("/api/v1/redistribution/plan", [&service](const RequestContext& ctx,
                                                        const httplib::Request& req,
                                                        httplib::Response& res) {
    auto body = ParseJsonBody(req, res);
    if (!body) return;
    auto parameters = PlanParametersFromJson(body->json());
    if (!parameters) return ReplyError(res, parameters.error());
    auto plan = service.PlanRegion(ctx.caller, parameters.value());
    if (!plan) return ReplyError(res, plan.error());
    ReplyJson(res, 200, RegionalPlanJson(plan.value()));
  });
  // Body: {"practice_agb": "...", "capacity": 120} (null capacity = back to computed headroom).
  router.Post(kBase + "/offers", [&service](const RequestContext& ctx, const httplib::Request& req,
                                            httplib::Response& res) {
    auto body = ParseJsonBody(req, res);
    if (!body) return;
    std::optional<long long> capacity = body->OptionalInteger("capacity");
    ReplyStatus(res, service.SetOffer(ctx.caller, IncidentId(req), body->value("practice_agb", ""),
                                      capacity));
  });
  router.Post(kBase + "/sites", [&service](const RequestContext& ctx, const httplib::Request& req,
                                           httplib::Response& res) {
    auto body = ParseJsonBody(req, res);
    if (!body) return;
    TemporarySite site;
    site.kind = body->value("kind", "");
    site.name = body->value("name", "");
    site.capacity = body->value("capacity", 0LL);
    site.latitude = body->value("latitude", 0.0);
    site.longitude = body->value("longitude", 0.0);
    site.practice_agb = body->value("practice_agb", "");
    auto stored = service.AddSite(ctx.caller, IncidentId(req), site);
    if (!stored) return ReplyError(res, stored.error());
    ReplyJson(res, 201, {{"id", stored.value().id}});
  });
  router.Delete(
      kBase + R"(/sites/(\d+))",
      [&service](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        ReplyStatus(res, service.RemoveSite(ctx.caller, IncidentId(req), PathId(req, 2)));
      });
  // Body: {"practice_agb": closed practice, "household_key": "...", "accept": true|false}.
  router.Post(
      kBase + "/decisions",
      [&service](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        auto body = ParseJsonBody(req, res);
        if (!body) return;
        ReplyStatus(
            res, service.Decide(ctx.caller, IncidentId(req),
                                {body->value("practice_agb", ""), body->value("household_key", ""),
                                 body->value("accept", false)}));
      });
  // Body: {"ids": [..], "stage": "informed"} or {"id": .., "consent": "given"}.
  router.Post(kBase + "/tracking", [&service](const RequestContext& ctx,
                                              const httplib::Request& req, httplib::Response& res) {
    auto body = ParseJsonBody(req, res);
    if (!body) return;
    if (body->contains("consent")) {
      auto consent = ParseEnum(DOSSIER_CONSENTS, body->value("consent", ""));
      if (!consent)
        return ReplyError(res, Error::Validation("consent", "Kies given, objected of pending."));
      return ReplyStatus(res, service.RecordConsent(ctx.caller, IncidentId(req),
                                                    body->value("id", 0LL), *consent));
    }
    auto stage = ParseEnum(PATIENT_STAGES, body->value("stage", ""));
    if (!stage) return ReplyError(res, Error::Validation("stage", "Onbekende stap."));
    std::vector<std::int64_t> ids;
    for (long long id : body->IntegerList("ids")) ids.push_back(id);
    ReplyStatus(res, service.Advance(ctx.caller, IncidentId(req), ids, *stage));
  });
  router.Get(kBase + "/letters", [&service](const RequestContext& ctx, const httplib::Request& req,
                                            httplib::Response& res) {
    const std::string receiver = req.get_param_value("receiver");
    ReplyTable(res, req, service.Letters(ctx.caller, IncidentId(req), receiver),
               "brieven-" + receiver);
  });
  router.Get(kBase + "/export", [&service](const RequestContext& ctx, const httplib::Request& req,
                                           httplib::Response& res) {
    ReplyTable(res, req, service.Export(ctx.caller, IncidentId(req)), "opvang-export");
  });
  router.Post(kBase + "/purge", [&service](const RequestContext& ctx, const httplib::Request& req,
                                           httplib::Response& res) {
    auto body = ParseJsonBody(req, res);
    if (!body) return;
    auto purged =
        service.Purge(ctx.caller, IncidentId(req), body->value("export_confirmed", false));
    if (!purged) return ReplyError(res, purged.error());
    ReplyJson(res, 200, {{"deleted", purged.value()}});
  });
}

}  // namespace vangnet
