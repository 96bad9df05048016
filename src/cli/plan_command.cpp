// vangnet plan --instance FILE.json [--out PLAN.json]: the redistribution planner on a standalone
// instance, without a database (formats in README, "Plan instance" and "Plan").
#include <iostream>

#include "cli/cli_args.hpp"
#include "cli/commands.hpp"
#include "io/plan_json.hpp"
#include "io/text_file.hpp"
#include "solver/planner.hpp"

namespace vangnet::cli {

int RunPlan(const std::vector<std::string>& argv) {
  std::string error;
  auto args = Args::Parse(argv, {"instance", "out"}, {}, error);
  if (!args || !args->Has("instance")) {
    std::cerr << "vangnet: " << (args ? "--instance BESTAND ontbreekt" : error)
              << " (zie --help)\n";
    return kExitUsage;
  }
  const std::string path = args->Get("instance");
  auto text = ReadTextFile(path);
  if (!text) {
    Fail(text.error());
    return kExitNoInput;
  }
  auto input = ParsePlanInstance(text.value(), path);
  if (!input) return Fail(input.error());
  auto plan = solver::PlanRedistribution(input.value());
  std::string json = PlanToJson(input.value(), plan).dump(2) + "\n";
  if (args->Has("out")) {
    auto written = WriteFileAtomically(args->Get("out"), json);
    if (!written) return Fail(written.error());
  } else {
    std::cout << json;
  }
  for (const auto& line : plan.explanation) std::cerr << line << "\n";
  return kExitOk;
}

}  // namespace vangnet::cli
