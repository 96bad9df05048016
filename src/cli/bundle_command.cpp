// vangnet bundle --out MAP: the offline bundle (every regional paper fallback and the registry as
// CSV in one zip) into a folder, e.g. nightly from cron or the Windows task scheduler. The server
// can do the same itself (vangnet serve --bundle-dir MAP).
#include <iostream>

#include "cli/cli_args.hpp"
#include "cli/commands.hpp"
#include "services/playbook/playbook_catalog.hpp"
#include "services/preparedness/offline_bundle.hpp"

namespace vangnet::cli {

int RunBundle(const std::vector<std::string>& argv) {
  std::string error;
  auto args = Args::Parse(argv, {"db", "out", "playbooks", "keep"}, {}, error);
  if (!args) {
    std::cerr << "vangnet: " << error << " (zie --help)\n";
    return kExitUsage;
  }
  if (!args->Has("out")) {
    std::cerr << "vangnet: geef de map met --out MAP\n";
    return kExitUsage;
  }
  auto keep = ParseInteger(args->Get("keep", "7"));
  if (!keep || *keep < 1 || *keep > 365) {
    std::cerr << "vangnet: --keep verwacht een aantal van 1 tot 365\n";
    return kExitUsage;
  }
  auto playbooks = PlaybookCatalog::Load(args->Get("playbooks"));
  if (!playbooks) return Fail(playbooks.error());
  auto store = OpenStore(args->Get("db", kDefaultDb));
  if (!store) return Fail(store.error());
  auto bundle = WriteOfflineBundle(*store.value(), playbooks.value(),
                                   Caller::System(CommandLineActor("offline-bundel")),
                                   args->Get("out"), static_cast<int>(*keep));
  if (!bundle) return Fail(bundle.error());
  std::cout << bundle.value().path << ": " << bundle.value().files.size() << " bestanden, "
            << bundle.value().bytes / 1024 << " KB\n";
  return kExitOk;
}

}  // namespace vangnet::cli
