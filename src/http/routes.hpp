// The route groups of the API besides the registry resources (registry_routes.hpp).
#pragma once

#include <string>

#include "http/event_hub.hpp"
#include "http/router.hpp"
#include "store/store.hpp"

namespace vangnet {

struct ServerOptions;
class IncidentService;
class PlaybookCatalog;
class MonitorService;
class RedistributionService;
class StressService;
class PaperPrintouts;
class PreparednessService;

void RegisterSessionRoutes(Router& router);
// Region summary, map background, client configuration, health.
void RegisterRegionRoutes(Router& router, Store& store, const ServerOptions& options);
// Audit log and user list, for admins.
void RegisterAdminRoutes(Router& router, Store& store);
// Incidents (start, tasks, logbook, stage, report) and the playbooks they start from.
void RegisterIncidentRoutes(Router& router, IncidentService& incidents,
                            const PlaybookCatalog& playbooks, Store& store);
// GET /api/v1/monitor: the continuity signals, areas, succession radar and history.
void RegisterMonitorRoutes(Router& router, MonitorService& monitor);
// /api/v1/incidents/{id}/redistribution: patient lists, plan, decisions, tracking, letters.
void RegisterRedistributionRoutes(Router& router, RedistributionService& service);
// GET /api/v1/stress: the resilience stress test (N-1, areas, a future year).
void RegisterStressRoutes(Router& router, StressService& stress);
// GET /api/v1/printouts/...: paper fallbacks as PDF (calamity card, contact list, playbooks,
// triage and prescription forms, the incident report and vulnerable-patient list). `playbooks`
// and `incidents` may be null (the playbooks did not load): no playbook or incident printouts.
void RegisterPrintoutRoutes(Router& router, PaperPrintouts& printouts,
                            const PlaybookCatalog* playbooks, IncidentService* incidents,
                            RedistributionService& redistribution);
// /api/v1/preparedness: the preparedness calendar, completions, the iCalendar file.
void RegisterPreparednessRoutes(Router& router, PreparednessService& service);
// GET /api/v1/events: the live update stream.
void RegisterEventRoutes(Router& router, EventHub& hub);

}  // namespace vangnet
