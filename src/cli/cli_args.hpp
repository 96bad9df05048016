// Command-line arguments of one subcommand: options (--name value, --flag) and positionals.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace vangnet::cli {

// Exit codes (sysexits.h), so scripts can tell a refused file from a broken disk.
enum ExitCode : int {
  kExitOk = 0,
  kExitUsage = 64,      // wrong command line
  kExitDataError = 65,  // input refused (validation); nothing was written
  kExitNoInput = 66,    // input file missing or unreadable
  kExitSoftware = 70,   // internal error
  kExitIoError = 74,    // database or output file could not be written
  kExitTempFail = 75,   // database busy; try again
};

class Args {
 public:
  // `value_options` take a value ("--db PATH"); `flags` do not ("--reset").
  static std::optional<Args> Parse(const std::vector<std::string>& argv,
                                   const std::set<std::string>& value_options,
                                   const std::set<std::string>& flags, std::string& error);

  std::string Get(const std::string& option, const std::string& fallback = "") const;
  // Every value of an option given more than once ("--area A --area B"); Get gives the last.
  std::vector<std::string> GetAll(const std::string& option) const;
  bool Has(const std::string& option) const { return options_.count(option) > 0; }
  const std::vector<std::string>& positionals() const { return positionals_; }

 private:
  std::map<std::string, std::string> options_;
  std::map<std::string, std::vector<std::string>> all_values_;
  std::vector<std::string> positionals_;
};

}  // namespace vangnet::cli
