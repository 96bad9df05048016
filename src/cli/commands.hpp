// The subcommands of `vangnet`, each with its own help text.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cli/cli_args.hpp"
#include "core/audit_event.hpp"
#include "core/error.hpp"

namespace vangnet::cli {

struct Command {
  const char* name;
  const char* summary;  // one line for `vangnet --help`
  const char* help;     // full text for `vangnet NAME --help`
  int (*run)(const std::vector<std::string>& args);
};

const std::vector<Command>& Commands();

int RunMigrate(const std::vector<std::string>& args);
int RunDemo(const std::vector<std::string>& args);
int RunImport(const std::vector<std::string>& args);
int RunExport(const std::vector<std::string>& args);
int RunCopy(const std::vector<std::string>& args);
int RunBackup(const std::vector<std::string>& args);
int RunRestore(const std::vector<std::string>& args);
int RunSummary(const std::vector<std::string>& args);
int RunAudit(const std::vector<std::string>& args);
int RunIncident(const std::vector<std::string>& args);
int RunMonitor(const std::vector<std::string>& args);
int RunProgramme(const std::vector<std::string>& args);
int RunPlan(const std::vector<std::string>& args);
int RunStress(const std::vector<std::string>& args);
int RunBundle(const std::vector<std::string>& args);
int RunPlaybook(const std::vector<std::string>& args);
int RunServe(const std::vector<std::string>& args);
int RunUser(const std::vector<std::string>& args);
int RunVersion(const std::vector<std::string>& args);

// Shared by the commands.
inline constexpr const char* kDefaultDb = "vangnet.db";
// The person at the terminal, for the audit trail.
Actor CommandLineActor(const std::string& purpose);
// Where `demo` keeps the demo accounts' passwords, so `serve` can print them.
std::string DemoLoginsPath(const std::string& db_path);
// Prints an error in Dutch to stderr and returns the exit code that fits its kind.
int Fail(const Error& error);
// Parses the command line; on a mistake prints it and sets `exit_code` to kExitUsage.
std::optional<Args> ParseOrFail(const std::vector<std::string>& argv,
                                const std::set<std::string>& value_options,
                                const std::set<std::string>& flags, int& exit_code);
// --format table|csv|json (default table) of the report commands; on anything else prints the
// choices and sets `exit_code` to kExitUsage.
std::optional<std::string> ReportFormat(const Args& args, int& exit_code);

}  // namespace vangnet::cli
