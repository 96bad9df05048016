// Runs the vangnet binary as a user would, or a tool, capturing its output and exit code.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <string>

#include "core/time.hpp"

namespace vangnet {

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs a shell command (a poppler tool, oathtool) and returns its standard output.
inline std::string RunTool(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return out;
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  pclose(pipe);
  return out;
}

// A TOTP code for `secret` at `at`, computed by oathtool (Debian's OATH Toolkit), not by
// vangnet's own code: the two must agree on RFC 6238.
inline std::string OathtoolCode(const std::string& secret, TimePoint at) {
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count();
  std::string code = RunTool("oathtool --totp -b " + secret + " -N @" + std::to_string(seconds));
  while (!code.empty() && (code.back() == '\n' || code.back() == '\r')) code.pop_back();
  return code;
}

#ifdef VANGNET_BINARY
// `arguments` is passed to the shell; quote paths with spaces.
inline CommandResult RunVangnet(const std::string& arguments) {
  std::string command = std::string(VANGNET_BINARY) + " " + arguments + " 2>&1";
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return result;
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) result.output.append(buffer, n);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}
#endif

}  // namespace vangnet
