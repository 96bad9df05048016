// vangnet stress [--year Y] [--area SPEC ...] [--format table|csv|json]: which failures the
// region can absorb - every practice on its own, every municipality and the shipped areas, or the
// areas asked for - today or in a future year.
#include <cstdio>
#include <iostream>

#include "cli/cli_args.hpp"
#include "cli/commands.hpp"
#include "core/date.hpp"
#include "core/text.hpp"
#include "http/json/stress_json.hpp"
#include "io/csv.hpp"
#include "io/norms_yaml.hpp"
#include "services/stress/stress_service.hpp"

namespace vangnet::cli {

namespace {

std::string Percent(double share) {
  return FormatDutchNumber(share * 100, 1) + "%";
}

void PrintScenarios(const StressReport& report, const std::vector<int>& ranked, bool names) {
  std::printf("  %4s  %-44s %9s %9s %9s  %s\n", "rang", names ? "praktijk" : "gebied", "patiënten",
              "op te v.", "zonder", "uitkomst");
  int rank = 0;
  for (int s : ranked) {
    const auto& o = report.run.outcomes[s];
    std::string name = report.scenarios[s].name;
    if (!names) name += " (" + std::to_string(report.scenarios[s].closed.size()) + " pr.)";
    std::printf("  %4d  %-44s %9lld %9s %9lld  %s\n", ++rank, name.c_str(), o.patients,
                Percent(o.share_placed()).c_str(), o.unplaced(), StressVerdict(report, s).c_str());
  }
}

void PrintTable(const StressReport& report) {
  std::cout << "Stresstest " << report.date << ": "
            << (report.year ? "de regio in " + std::to_string(*report.year) +
                                  " (praktijken zonder opvolger gesloten)"
                            : std::string("de regio vandaag"))
            << ", maximaal " << FormatDutchNumber(report.options.parameters.max_distance_km)
            << " km (kwetsbaar "
            << FormatDutchNumber(report.options.parameters.max_distance_vulnerable_km.value_or(
                   report.options.parameters.max_distance_km))
            << " km), ruimte tot " << FormatDutchNumber(report.options.capacity_patients_per_fte)
            << " patiënten per fte.\n\nZwakke plekken:\n";
  for (const auto& line : report.weak_points) std::cout << "  - " << line << "\n";
  if (!report.single_ranked.empty()) {
    std::cout << "\nUitval van één praktijk, minst op te vangen eerst:\n";
    PrintScenarios(report, report.single_ranked, true);
  }
  if (!report.areas_ranked.empty()) {
    std::cout << "\nUitval van een gebied:\n";
    PrintScenarios(report, report.areas_ranked, false);
  }
  std::printf("\n%zu scenario's doorgerekend in %.2f s op %d threads.\n", report.scenarios.size(),
              report.run.seconds, report.run.threads_used);
  if (report.practices_left_out > 0) {
    std::cout << report.practices_left_out
              << " praktijken niet meegenomen (gesloten of zonder coördinaten).\n";
  }
}

}  // namespace

int RunStress(const std::vector<std::string>& argv) {
  int code = kExitOk;
  auto args = ParseOrFail(
      argv,
      {"db", "format", "norms", "areas", "year", "area", "max-km", "capacity-per-fte", "threads"},
      {}, code);
  if (!args) return code;
  const auto chosen = ReportFormat(*args, code);
  if (!chosen) return code;
  const std::string& format = *chosen;
  StressRequest request;
  if (args->Has("year")) {
    auto year = ParseInteger(args->Get("year"));
    if (!year) {
      std::cerr << "vangnet: --year verwacht een jaartal, bijv. 2031\n";
      return kExitUsage;
    }
    request.year = static_cast<int>(*year);
  }
  if (args->Has("max-km")) {
    auto km = ParseDecimal(args->Get("max-km"));
    if (!km) {
      std::cerr << "vangnet: --max-km verwacht een getal, bijv. 15\n";
      return kExitUsage;
    }
    request.parameters.max_distance_km = *km;
  }
  if (args->Has("capacity-per-fte")) {
    auto per_fte = ParseDecimal(args->Get("capacity-per-fte"));
    if (!per_fte) {
      std::cerr << "vangnet: --capacity-per-fte verwacht een getal, bijv. 2500\n";
      return kExitUsage;
    }
    request.capacity_patients_per_fte = *per_fte;
  }
  if (args->Has("threads")) {
    auto threads = ParseInteger(args->Get("threads"));
    if (!threads || *threads < 0 || *threads > 256) {
      std::cerr << "vangnet: --threads verwacht een aantal (0 = één per kern)\n";
      return kExitUsage;
    }
    request.threads = static_cast<int>(*threads);
  }
  request.areas = args->GetAll("area");
  auto norms = LoadNorms(args->Get("norms"));
  if (!norms) return Fail(norms.error());
  auto areas = LoadStressAreas(args->Get("areas"));
  if (!areas) return Fail(areas.error());
  auto store = OpenStore(args->Get("db", kDefaultDb));
  if (!store) return Fail(store.error());
  StressService stress(*store.value(), norms.value(), areas.value());
  auto report = stress.Run(Caller::System(CommandLineActor("stresstest")), request);
  if (!report) return Fail(report.error());
  if (format == "json") {
    std::cout << StressReportJson(report.value()).dump(2) << "\n";
  } else if (format == "csv") {
    std::cout << WriteCsv(StressReportTable(report.value()));
  } else {
    PrintTable(report.value());
  }
  return kExitOk;
}

}  // namespace vangnet::cli
