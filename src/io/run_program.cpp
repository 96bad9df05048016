#include "io/run_program.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

extern char** environ;

namespace vangnet {

Status RunProgram(const std::vector<std::string>& argv) {
  if (argv.empty()) return Error::Internal("geen programma opgegeven");
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return Error::Io(argv[0], std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, argv[0].c_str(), &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  std::string errors;
  if (spawned == 0) {
    char buffer[4096];
    ssize_t n;
    while ((n = read(pipe_fds[0], buffer, sizeof buffer)) > 0) {
      errors.append(buffer, static_cast<std::size_t>(n));
      if (errors.size() > 64 * 1024) errors.erase(0, errors.size() - 64 * 1024);
    }
  }
  close(pipe_fds[0]);
  if (spawned != 0) {
    return Error::Io(argv[0], std::string("kan niet worden gestart: ") + std::strerror(spawned));
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return Ok{};
  while (!errors.empty() && (errors.back() == '\n' || errors.back() == ' ')) errors.pop_back();
  if (errors.size() > 600) errors = "..." + errors.substr(errors.size() - 600);
  return Error::Io(argv[0], "mislukt: " + errors);
}

}  // namespace vangnet
