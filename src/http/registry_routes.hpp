// /api/v1/<resource>: list, read, create, update, delete for every registry record type.
#pragma once

#include "http/router.hpp"
#include "services/registry/registry_service.hpp"

namespace vangnet {

// Mounts the routes of every registry type, e.g. /api/v1/practices and /api/v1/practices/{id}.
void RegisterRegistryRoutes(Router& router, RegistryService& registry);

// "practices.csv" -> "practices", "crisis_roles.csv" -> "crisis-roles".
template <class T>
std::string ResourceName() {
  std::string_view file = EntityTraits<T>::kFileName;
  std::string name(file.substr(0, file.find('.')));
  for (char& c : name) {
    if (c == '_') c = '-';
  }
  return name;
}

}  // namespace vangnet
