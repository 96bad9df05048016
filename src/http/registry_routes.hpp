// /api/v1/<resource>: list, read, create, update, delete for every registry record type.
#pragma once

#include "http/router.hpp"
#include "services/registry/registry_service.hpp"

namespace vangnet {

// Mounts the routes of every registry type, e.g. /api/v1/practices and /api/v1/practices/{id}.
void RegisterRegistryRoutes(Router& router, RegistryService& registry);

}  // namespace vangnet
