// vangnet: one binary, one subcommand per job (DESIGN.md, "Architecture").
#include <sys/stat.h>

#include <cstring>
#include <exception>
#include <iostream>

#include "cli/cli_args.hpp"
#include "cli/commands.hpp"

namespace {

void PrintUsage() {
  std::cout << "vangnet - continuïteit van huisartsenzorg in de regio\n\n"
               "Gebruik: vangnet OPDRACHT [opties]\n\nOpdrachten:\n";
  for (const auto& c : vangnet::cli::Commands()) {
    std::printf("  %-9s %s\n", c.name, c.summary);
  }
  std::cout << "\nHulp per opdracht: vangnet OPDRACHT --help\n";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace vangnet::cli;
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") ||
      !std::strcmp(argv[1], "help")) {
    PrintUsage();
    return argc < 2 ? kExitUsage : kExitOk;
  }
  // Everything vangnet writes may hold personal data (the database and its journal, backups,
  // bundles, exports, the key, the demo logins): owner-only, whatever the caller's umask.
  ::umask(077);
  std::vector<std::string> args(argv + 2, argv + argc);
  for (const auto& c : Commands()) {
    if (std::strcmp(argv[1], c.name) != 0) continue;
    for (const auto& a : args) {
      if (a == "--help" || a == "-h") {
        std::cout << c.help;
        return kExitOk;
      }
    }
    // Errors are values everywhere below; an exception here is a bug. Report it plainly
    // instead of aborting, and say that nothing half-done was kept (transactions roll back).
    try {
      return c.run(args);
    } catch (const std::exception& e) {
      std::cerr << "vangnet: interne fout: " << e.what()
                << "\nEr is niets half opgeslagen. Meld deze fout aan de beheerder.\n";
      return kExitSoftware;
    }
  }
  std::cerr << "vangnet: onbekende opdracht '" << argv[1] << "'\n\n";
  PrintUsage();
  return kExitUsage;
}
