#include "http/routes.hpp"

#include "http/http_server.hpp"

namespace vangnet {

// The one table of every route group; authentication and CSRF checks are applied by the
// Router to each route it mounts.
void RegisterRoutes(Router& router, AppServices& services, EventHub& hub,
                    const ServerOptions& options) {
  RegisterSessionRoutes(router, services.accounts, services.sso.get());
  RegisterRegistryRoutes(router, services.registry);
  RegisterRegistryTransferRoutes(router, services.transfer);
  RegisterFhirRoutes(router, services.directory, options.behind_tls,
                     services.settings().alarms.public_url);
  RegisterRegionRoutes(router, services.region, options);
  RegisterAdminRoutes(router, services.audit, services.accounts, services.bundles);
  RegisterEventRoutes(router, hub);
  RegisterIncidentRoutes(router, services.incidents, services.playbooks());
  RegisterMonitorRoutes(router, services.monitor);
  RegisterRedistributionRoutes(router, services.redistribution);
  RegisterStressRoutes(router, services.stress);
  RegisterPrintoutRoutes(router, services.printouts);
  RegisterPreparednessRoutes(router, services.preparedness);
  RegisterProgrammeRoutes(router, services.programmes);
}

}  // namespace vangnet
