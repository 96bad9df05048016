// vangnet monitor [--format table|csv|json] [--norms FILE] [--record]: the continuity signals of
// every practice, ranked, with the areas and the succession radar.
#include <cstdio>
#include <iostream>

#include "cli/cli_args.hpp"
#include "cli/commands.hpp"
#include "core/date.hpp"
#include "http/json/monitor_json.hpp"
#include "io/csv.hpp"
#include "io/norms_yaml.hpp"

namespace vangnet::cli {

namespace {

std::string Fixed(double value, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string SignalIds(const PracticeRisk& p) {
  std::string ids;
  for (const auto& h : p.hits) ids += (ids.empty() ? "" : ";") + h.id;
  return ids;
}

void PrintTable(const MonitorReport& report, const SignalNorms& norms) {
  int with_signals = 0;
  for (const auto& p : report.practices) with_signals += !p.hits.empty();
  std::cout << "Continuïteitsmonitor " << report.date << ": " << with_signals << " van "
            << report.practices.size() << " praktijken met signalen.\n\n";
  std::cout << "Signalen (aantal praktijken):\n";
  for (const auto& rule : norms.rules) {
    auto count = report.signal_counts.find(rule.id);
    std::printf("  %4d  %s\n", count == report.signal_counts.end() ? 0 : count->second,
                rule.label.c_str());
  }
  std::cout << "\nPraktijken, hoogste risico eerst (score: hoog 3, middel 2, laag 1):\n";
  int rank = 0;
  for (const auto& p : report.practices) {
    if (p.hits.empty()) break;
    std::printf("%3d. %-40s %s  score %2d  %6d pat.\n", ++rank, p.name.c_str(), p.agb.c_str(),
                p.score, p.patients);
    for (const auto& h : p.hits) {
      std::cout << "       - " << h.label << ": " << h.detail << "\n";
    }
  }
  std::cout << "\nPer wijk en hagro:\n";
  for (const auto& a : report.areas) {
    std::printf(
        "  %-5s %-10s %-28s %3d praktijken, %3d met signalen, ruimte %6lld, solo %2d, "
        "houders 60+ %2d\n",
        a.kind == "district" ? "wijk" : "hagro", a.code.c_str(), a.name.c_str(), a.practices,
        a.practices_with_signals, a.headroom, a.solo, a.holders_60_plus);
  }
  std::cout << "\nOpvolgingsradar (cumulatief):\n";
  for (const auto& y : report.succession) {
    std::printf("  %d: %3d houders gestopt, %3d praktijken zonder opvolger, %7lld patiënten\n",
                y.year, y.holders_stopped, y.practices_without_successor, y.patients_affected);
  }
  if (!report.conversations.empty()) {
    std::cout << "\nDit jaar in gesprek (houders van " << norms.settings.conversation_age
              << "+, eerst wie het eerst stopt):\n";
    for (const auto& c : report.conversations) {
      auto name = report.person_names.find(c.person_code);
      std::cout << "  " << (name == report.person_names.end() ? c.person_code : name->second)
                << " (" << c.practice_agb << "), " << c.age << " jaar, stopt "
                << c.expected_stop_year << (c.stop_year_assumed ? " (aangenomen)" : "")
                << ", opvolger: " << EnumLabel(SUCCESSOR_STATUSES, c.successor)
                << (c.trajectory && *c.trajectory != TrajectoryStage::kDone &&
                            *c.trajectory != TrajectoryStage::kStopped
                        ? ", traject loopt (" +
                              std::string(EnumLabel(TRAJECTORY_STAGES, *c.trajectory)) + ")"
                        : "")
                << "\n";
    }
  }
}

}  // namespace

int RunMonitor(const std::vector<std::string>& argv) {
  int code = kExitOk;
  auto args = ParseOrFail(argv, {"db", "format", "norms"}, {"record"}, code);
  if (!args) return code;
  const auto chosen = ReportFormat(*args, code);
  if (!chosen) return code;
  const std::string& format = *chosen;
  auto norms = LoadNorms(args->Get("norms"));
  if (!norms) return Fail(norms.error());
  auto store = OpenStore(args->Get("db", kDefaultDb));
  if (!store) return Fail(store.error());
  MonitorService monitor(*store.value(), norms.value());
  if (args->Has("record")) {
    auto recorded = monitor.RecordMonth();
    if (!recorded) return Fail(recorded.error());
    std::cerr << (recorded.value() ? "Maandoverzicht vastgelegd.\n"
                                   : "Deze maand was al vastgelegd.\n");
  }
  auto report = monitor.Report(Caller::System(CommandLineActor("continuïteitsmonitor")));
  if (!report) return Fail(report.error());
  if (format == "json") {
    std::cout << MonitorReportJson(*report.value(), norms.value()).dump(2) << "\n";
  } else if (format == "csv") {
    std::vector<std::vector<std::string>> rows;
    for (const auto& p : report.value()->practices) {
      rows.push_back({p.agb, p.name, p.district_code, p.gp_group_code, std::to_string(p.patients),
                      Fixed(p.gp_fte, 2), p.patients_per_fte ? Fixed(*p.patients_per_fte, 0) : "",
                      std::to_string(p.headroom), std::to_string(p.score), SignalIds(p)});
    }
    std::cout << WriteCsv({"agb", "name", "district_code", "gp_group_code", "patients", "gp_fte",
                           "patients_per_fte", "headroom", "score", "signals"},
                          rows);
  } else {
    PrintTable(*report.value(), norms.value());
  }
  return kExitOk;
}

}  // namespace vangnet::cli
