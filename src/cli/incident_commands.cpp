// vangnet incident start | list | show | export
#include <fstream>
#include <iostream>

#include "cli/cli_args.hpp"
#include "cli/commands.hpp"
#include "services/incident/incident_service.hpp"

namespace vangnet::cli {

namespace {

// An incident by its number ("2026-001") or id.
Result<Incident> FindIncident(IncidentService& incidents, const Caller& caller,
                              const std::string& which) {
  auto list = incidents.List(caller);
  if (!list) return list.error();
  for (const auto& i : list.value()) {
    if (i.number == which || std::to_string(i.id) == which) return incidents.Get(caller, i.id);
  }
  return Error(ErrorKind::kNotFound, "geen incident '" + which + "' (zie vangnet incident list)");
}

}  // namespace

int RunIncident(const std::vector<std::string>& argv) {
  std::string error;
  auto args =
      Args::Parse(argv, {"db", "playbook", "practice", "out", "playbooks"}, {"exercise"}, error);
  if (!args || args->positionals().empty()) {
    std::cerr << "vangnet: gebruik vangnet incident start|list|show|export (zie --help)\n";
    return kExitUsage;
  }
  auto store = OpenStore(args->Get("db", kDefaultDb));
  if (!store) return Fail(store.error());
  auto catalog = PlaybookCatalog::Load(args->Get("playbooks"));
  if (!catalog) return Fail(catalog.error());
  IncidentService incidents(*store.value(), catalog.value());
  const Caller caller = Caller::System(CommandLineActor("crisisbeheer"));
  const auto& words = args->positionals();

  if (words[0] == "start") {
    StartIncident request;
    request.playbook_id = args->Get("playbook");
    request.exercise = args->Has("exercise");
    std::string list = args->Get("practice");
    for (std::size_t start = 0; start < list.size();) {
      auto comma = list.find(',', start);
      if (comma == std::string::npos) comma = list.size();
      request.practice_agbs.push_back(list.substr(start, comma - start));
      start = comma + 1;
    }
    auto incident = incidents.Start(caller, request);
    if (!incident) return Fail(incident.error());
    std::cout << "Incident " << incident.value().number << " gestart: " << incident.value().title
              << " (" << incident.value().tasks.size() << " taken).\n";
    return kExitOk;
  }
  if (words[0] == "list") {
    auto list = incidents.List(caller);
    if (!list) return Fail(list.error());
    const TimePoint now = incidents.Now();
    for (const auto& i : list.value()) {
      std::size_t open = 0, overdue = 0;
      for (const auto& t : i.tasks) {
        open += t.status == TaskStatus::kOpen;
        overdue += t.IsOverdue(now);
      }
      std::printf("%-9s %-10s stadium %d  %3zu open, %3zu te laat  %s%s\n", i.number.c_str(),
                  std::string(EnumLabel(INCIDENT_STATUSES, i.status)).c_str(), i.stage, open,
                  overdue, i.title.c_str(), i.exercise ? " (oefening)" : "");
    }
    return kExitOk;
  }
  if ((words[0] == "show" || words[0] == "export") && words.size() == 2) {
    auto incident = FindIncident(incidents, caller, words[1]);
    if (!incident) return Fail(incident.error());
    auto written = incidents.reports.Report(caller, incident.value().id);
    if (!written) return Fail(written.error());
    const std::string& report = written.value();
    if (words[0] == "show" || !args->Has("out")) {
      std::cout << report;
      return kExitOk;
    }
    std::ofstream out(args->Get("out"), std::ios::trunc);
    out << report;
    if (!out) return Fail(Error::Io(args->Get("out"), "bestand kan niet worden geschreven"));
    std::cout << "Verslag geschreven naar " << args->Get("out") << "\n";
    return kExitOk;
  }
  std::cerr << "vangnet: gebruik vangnet incident start|list|show NUMMER|export NUMMER\n";
  return kExitUsage;
}

}  // namespace vangnet::cli
