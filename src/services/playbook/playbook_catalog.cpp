#include "services/playbook/playbook_catalog.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/embedded_file.hpp"
#include "io/playbook_yaml.hpp"

namespace vangnet {
std::span<const EmbeddedFile> DefaultPlaybooks();  // generated, see CMakeLists.txt

Result<PlaybookCatalog> PlaybookCatalog::Load(const std::string& region_directory) {
  PlaybookCatalog catalog;
  Errors errors;
  auto add = [&](std::string_view content, const std::string& name) {
    auto playbook = ParsePlaybookYaml(content, name);
    if (!playbook) {
      Error first = playbook.error();
      errors.insert(errors.end(), first.more.begin(), first.more.end());
      first.more.clear();
      errors.insert(errors.end() - static_cast<long>(playbook.error().more.size()), first);
      return;
    }
    auto& list = catalog.playbooks_;
    auto same = std::find_if(list.begin(), list.end(),
                             [&](const Playbook& p) { return p.id == playbook.value().id; });
    if (same != list.end()) {
      *same = std::move(playbook.value());  // the region's version replaces the shipped one
    } else {
      list.push_back(std::move(playbook.value()));
    }
  };
  for (const auto& file : DefaultPlaybooks())
    add(file.content, "playbooks/" + std::string(file.name));
  if (!region_directory.empty()) {
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(region_directory, ec)) {
      if (entry.path().extension() == ".yaml") files.push_back(entry.path());
    }
    if (ec) return Error::Io(region_directory, "map met playbooks kan niet worden gelezen");
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
      std::ifstream in(path, std::ios::binary);
      std::ostringstream content;
      content << in.rdbuf();
      add(content.str(), path.string());
    }
  }
  if (!errors.empty()) return Error::Combined(std::move(errors));
  std::sort(catalog.playbooks_.begin(), catalog.playbooks_.end(),
            [](const Playbook& a, const Playbook& b) { return a.id < b.id; });
  return catalog;
}

const Playbook* PlaybookCatalog::Find(std::string_view id) const {
  for (const auto& p : playbooks_) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

}  // namespace vangnet
