// GET /api/v1/stress: the resilience stress test as the caller may run it. Query: year (a future
// year), area (repeatable; municipality:, zone:, postcodes:, practices:), capacity_per_fte,
// max_km, format=csv or xlsx for a download. Thin: parse, call the service, map the result.
#include "core/text.hpp"
#include "http/json/stress_json.hpp"
#include "http/routes.hpp"
#include "services/stress/stress_service.hpp"

namespace vangnet {

namespace {

// A number from the query, or an error naming the parameter.
Result<std::optional<double>> Number(const httplib::Request& req, const char* name, bool integer) {
  if (!req.has_param(name) || req.get_param_value(name).empty()) return std::optional<double>{};
  const std::string text = req.get_param_value(name);
  if (integer) {
    if (auto value = ParseInteger(text)) return std::optional<double>(static_cast<double>(*value));
  } else if (auto value = ParseDecimal(text)) {
    return std::optional<double>(*value);
  }
  return Error::Validation(name, "'" + text + "' is geen getal.");
}

}  // namespace

void RegisterStressRoutes(Router& router, StressService& stress) {
  router.Get("/api/v1/stress", [&stress](const RequestContext& ctx, const httplib::Request& req,
                                         httplib::Response& res) {
    StressRequest request;
    auto year = Number(req, "year", true);
    if (!year) return ReplyError(res, year.error());
    if (year.value()) request.year = static_cast<int>(*year.value());
    auto per_fte = Number(req, "capacity_per_fte", false);
    if (!per_fte) return ReplyError(res, per_fte.error());
    request.capacity_patients_per_fte = per_fte.value();
    auto max_km = Number(req, "max_km", false);
    if (!max_km) return ReplyError(res, max_km.error());
    if (max_km.value()) request.parameters.max_distance_km = *max_km.value();
    for (std::size_t i = 0; i < req.get_param_value_count("area"); ++i) {
      request.areas.push_back(req.get_param_value("area", i));
    }
    auto report = stress.Run(ctx.caller, request);
    if (!report) return ReplyError(res, report.error());
    if (const auto format = req.get_param_value("format"); format == "csv" || format == "xlsx") {
      return ReplyTable(
          res, req, StressReportTable(report.value()),
          "stresstest-" + (request.year ? std::to_string(*request.year) : report.value().date));
    }
    ReplyJson(res, 200, StressReportJson(report.value(), &stress.areas()));
  });
}

}  // namespace vangnet
