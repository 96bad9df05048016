// vangnet programme succession|collaboration [--format table|csv|json]: the region's long
// programmes - the succession trajectories next to the holders of 60+ (seed 003), and the
// programme from solo practices to working together (seed 000 §2).
#include <cstdio>
#include <iostream>

#include "cli/cli_args.hpp"
#include "cli/commands.hpp"
#include "http/json/programme_json.hpp"
#include "io/csv.hpp"
#include "io/norms_yaml.hpp"

namespace vangnet::cli {

namespace {

void PrintSuccession(const SuccessionOverview& o) {
  std::cout << "Opvolging " << o.date << ": " << o.running << " lopende trajecten (" << o.overdue
            << " te laat), " << o.successor_signed << " met getekende opvolger, " << o.done
            << " afgerond; " << o.without_trajectory
            << " praktijken met een houder van 60+ zonder traject.\n\n";
  for (const auto& r : o.rows) {
    std::printf("%-40s %s  ", r.practice_name.c_str(), r.practice_agb.c_str());
    if (!r.trajectory) {
      std::cout << "geen traject";
      if (r.first_stop_year) {
        std::cout << " (stopt " << *r.first_stop_year << (r.stop_year_assumed ? ", aangenomen" : "")
                  << ")";
      }
      std::cout << "\n";
      continue;
    }
    const auto& t = *r.trajectory;
    std::cout << EnumLabel(TRAJECTORY_STAGES, t.stage) << ", " << t.owner;
    if (IsRunning(t)) {
      std::cout << "; volgende stap: " << t.next_step << " vóór " << t.next_due
                << (r.overdue ? " (TE LAAT)" : "");
    }
    if (t.successor_signed) std::cout << "; opvolger getekend";
    for (const auto& [id, number] : r.takeovers) std::cout << "; tijdelijke overname " << number;
    std::cout << "\n";
  }
}

void PrintCollaboration(const CollaborationOverview& o) {
  std::cout << "Van solo naar samen " << o.date << " (" << kProgrammeSource << ")\n\n";
  std::cout << "Solopraktijken met waarneming bij uitval: " << o.now.solo_with_backup << " van "
            << o.now.solo << "\n";
  for (const auto& f : o.per_year) {
    std::cout << "  " << f.period << ": " << f.solo_with_backup << " van " << f.solo << "\n";
  }
  std::cout << "Onderlinge waarneming afgesproken: " << o.mutual_backup
            << ", HIS-toegang gedeeld: " << o.his_access_shared
            << ", dagwaarneming geregeld: " << o.daytime_out_of_hours
            << ", in een wijkteam: " << o.neighbourhood_team << "\n\n";
  for (const auto& phase : o.phases) {
    std::cout << PROGRAMME_PHASES[phase.phase - 1] << ": "
              << EnumLabel(ACTIVITY_STATUSES, phase.status) << "\n";
    for (const auto& a : o.activities) {
      if (a.plan.phase != phase.phase) continue;
      std::cout << "  - " << EnumLabel(PROGRAMME_ACTIVITIES, a.plan.id) << " ("
                << (a.plan.year.empty() ? "-" : std::string(a.plan.year))
                << "): " << EnumLabel(ACTIVITY_STATUSES, a.status);
      if (a.record && !a.record->owner.empty()) std::cout << ", " << a.record->owner;
      std::cout << "\n";
    }
  }
  std::cout << "\nSolopraktijken zonder waarneming bij uitval:\n";
  for (const auto& r : o.rows) {
    if (r.form != PracticeForm::kSolo || r.backup) continue;
    std::printf("  %-40s %s\n", r.practice_name.c_str(), r.practice_agb.c_str());
  }
}

}  // namespace

int RunProgramme(const std::vector<std::string>& argv) {
  int code = kExitOk;
  auto args = ParseOrFail(argv, {"db", "format", "norms"}, {}, code);
  if (!args) return code;
  const auto format = ReportFormat(*args, code);
  if (!format) return code;
  const std::string which = args->positionals().empty() ? "" : args->positionals()[0];
  if (which != "succession" && which != "collaboration") {
    std::cerr << "vangnet: kies succession (opvolging) of collaboration (van solo naar samen)\n";
    return kExitUsage;
  }
  auto norms = LoadNorms(args->Get("norms"));
  if (!norms) return Fail(norms.error());
  auto store = OpenStore(args->Get("db", kDefaultDb));
  if (!store) return Fail(store.error());
  ProgrammeService programmes(*store.value(), norms.value().settings);
  const Caller caller = Caller::System(CommandLineActor("programma's"));
  if (which == "succession") {
    auto overview = programmes.Succession(caller);
    if (!overview) return Fail(overview.error());
    if (*format == "json") {
      std::cout << SuccessionOverviewJson(overview.value()).dump(2) << "\n";
    } else if (*format == "csv") {
      std::cout << WriteCsv(SuccessionTable(overview.value()));
    } else {
      PrintSuccession(overview.value());
    }
    return kExitOk;
  }
  auto overview = programmes.Collaboration(caller);
  if (!overview) return Fail(overview.error());
  if (*format == "json") {
    std::cout << CollaborationOverviewJson(overview.value()).dump(2) << "\n";
  } else if (*format == "csv") {
    std::cout << WriteCsv(CollaborationTables(overview.value())[0]);
  } else {
    PrintCollaboration(overview.value());
  }
  return kExitOk;
}

}  // namespace vangnet::cli
