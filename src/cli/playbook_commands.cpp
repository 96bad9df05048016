// vangnet playbook list | show ID | validate FILE...
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/cli_args.hpp"
#include "cli/commands.hpp"
#include "io/playbook_yaml.hpp"
#include "services/playbook/playbook_catalog.hpp"

namespace vangnet::cli {

namespace {

void PrintErrors(const Error& error) {
  std::cerr << "  " << error.ToString() << "\n";
  for (const auto& more : error.more) std::cerr << "  " << more.ToString() << "\n";
}

void PrintPlaybook(const Playbook& p) {
  std::cout << p.title << " (" << p.id << ", versie " << p.version << ")\n"
            << "Bron: " << p.source << (p.derived ? " (afgeleid)" : "") << "\n\n";
  if (!p.conditions.empty()) {
    std::cout << "Voorwaarden vooraf:\n";
    for (const auto& c : p.conditions) std::cout << "  - " << c.text << "\n";
    std::cout << "\n";
  }
  for (const auto& phase : p.phases) {
    std::cout << phase.title << " (" << FormatDuration(phase.starts) << " - "
              << (phase.ends ? FormatDuration(*phase.ends) : std::string("...")) << ")\n";
    for (const auto& step : phase.steps) {
      std::string owner = step.owner;
      for (const auto& role : p.roles) {
        if (role.id == step.owner) owner = role.label;
      }
      std::cout << "  [+" << FormatDuration(step.deadline) << (step.legal ? ", wettelijk" : "")
                << (step.repeat ? ", elke " + FormatDuration(*step.repeat) : std::string()) << "] "
                << step.text << "\n        wie: " << owner << "\n"
                << (step.derived.empty() ? "" : "        afgeleid: " + step.derived + "\n");
    }
    std::cout << "\n";
  }
}

}  // namespace

int RunPlaybook(const std::vector<std::string>& argv) {
  std::string error;
  auto args = Args::Parse(argv, {"dir"}, {}, error);
  if (!args || args->positionals().empty()) {
    std::cerr
        << "vangnet: gebruik vangnet playbook list|show ID|validate BESTAND... (zie --help)\n";
    return kExitUsage;
  }
  const auto& words = args->positionals();
  if (words[0] == "validate") {
    int bad = 0;
    for (std::size_t i = 1; i < words.size(); ++i) {
      std::ifstream in(words[i], std::ios::binary);
      if (!in) {
        std::cerr << words[i] << ": bestand kan niet worden gelezen\n";
        return kExitNoInput;
      }
      std::ostringstream content;
      content << in.rdbuf();
      auto playbook = ParsePlaybookYaml(content.str(), words[i]);
      if (playbook) {
        std::cout << words[i] << ": in orde (" << playbook.value().StepCount() << " stappen)\n";
      } else {
        std::cerr << words[i] << ": geweigerd\n";
        PrintErrors(playbook.error());
        ++bad;
      }
    }
    return bad ? kExitDataError : kExitOk;
  }
  auto catalog = PlaybookCatalog::Load(args->Get("dir"));
  if (!catalog) {
    std::cerr << "vangnet: de playbooks zijn niet in orde:\n";
    PrintErrors(catalog.error());
    return kExitDataError;
  }
  if (words[0] == "list") {
    for (const auto& p : catalog.value().All()) {
      // How much of it the sources say, and how much is composed (issue 22).
      const std::size_t derived = p.DerivedStepCount();
      std::printf("%-22s v%-3d %3zu stappen (%3zu uit de bron, %3zu afgeleid)  %s\n", p.id.c_str(),
                  p.version, p.StepCount(), p.StepCount() - derived, derived, p.title.c_str());
    }
    return kExitOk;
  }
  if (words[0] == "show" && words.size() == 2) {
    const Playbook* p = catalog.value().Find(words[1]);
    if (!p) {
      std::cerr << "vangnet: geen playbook '" << words[1] << "' (zie vangnet playbook list)\n";
      return kExitDataError;
    }
    PrintPlaybook(*p);
    return kExitOk;
  }
  std::cerr << "vangnet: gebruik vangnet playbook list|show ID|validate BESTAND...\n";
  return kExitUsage;
}

}  // namespace vangnet::cli
