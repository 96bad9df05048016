// The playbooks vangnet knows: those shipped in playbooks/*.yaml (compiled in) and, where a
// region keeps its own in a folder, those, which replace a shipped one with the same id.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/playbook.hpp"

namespace vangnet {

class PlaybookCatalog {
 public:
  // Loads and validates every playbook; one broken file refuses the whole catalogue, with
  // every problem named (file, line, field), so a region never runs on half its playbooks.
  static Result<PlaybookCatalog> Load(const std::string& region_directory = "");

  const std::vector<Playbook>& All() const { return playbooks_; }
  const Playbook* Find(std::string_view id) const;

 private:
  std::vector<Playbook> playbooks_;  // by id
};

}  // namespace vangnet
