// The route groups of the API, one per domain, and the one table that mounts them all. A route
// parses the request, calls exactly one service verb and maps the result with its domain's
// JSON mapping (http/json/); it never opens a transaction, writes audit or checks a role.
#pragma once

#include "http/event_hub.hpp"
#include "http/router.hpp"
#include "services/app/app_services.hpp"

namespace vangnet {

struct ServerOptions;

// Mounts every group below.
void RegisterRoutes(Router& router, AppServices& services, EventHub& hub,
                    const ServerOptions& options);

// /api/v1/session: log in, who am I, log out.
void RegisterSessionRoutes(Router& router, AccountService& accounts, SingleSignOn* sso);
// /api/v1/<resource>: list, read, create, update, delete for every registry record type.
void RegisterRegistryRoutes(Router& router, RegistryService& registry);
// The import page and the registry's Excel downloads:
//   POST /api/v1/registry/import   {"files": [{"name", "content_base64"}], "apply": false|true}
//        200 {"applied", "files": [...]} (the preview, or what was imported); 422 with every
//        problem ("file" names the file and sheet, "row" and "field" the cell); nothing written
//   GET  /api/v1/registry/export.xlsx    the registry as the caller may see it, one sheet a kind
//   GET  /api/v1/registry/template.xlsx  the import template
void RegisterRegistryTransferRoutes(Router& router, RegistryTransferService& transfer);
// /fhir/r4: the registry as a read-only FHIR directory: metadata (public), then per resource
// type search (GET /fhir/r4/Organization?name=...), read (/fhir/r4/Organization/practice-3) and
// changes (/fhir/r4/Organization/_history?_since=...).
void RegisterFhirRoutes(Router& router, FhirDirectoryService& directory, bool behind_tls,
                        const std::string& public_url);
// Region summary, map background, client configuration, health.
void RegisterRegionRoutes(Router& router, RegionService& region, const ServerOptions& options);
// Audit log, user list and the offline bundle, for admins.
void RegisterAdminRoutes(Router& router, AuditService& audit, AccountService& accounts,
                         OfflineBundles& bundles);
// Incidents (start, tasks, logbook, stage, report) and the playbooks they start from.
void RegisterIncidentRoutes(Router& router, IncidentService& incidents,
                            const PlaybookCatalog& playbooks);
// GET /api/v1/monitor: the continuity signals, areas, succession radar and history.
void RegisterMonitorRoutes(Router& router, MonitorService& monitor);
// /api/v1/incidents/{id}/redistribution: patient lists, plan, decisions, tracking, letters.
void RegisterRedistributionRoutes(Router& router, RedistributionService& service);
// GET /api/v1/stress: the resilience stress test (N-1, areas, a future year).
void RegisterStressRoutes(Router& router, StressService& stress);
// GET /api/v1/printouts/...: paper fallbacks as PDF (calamity card, contact list, playbooks,
// triage and prescription forms, the incident report and vulnerable-patient list).
void RegisterPrintoutRoutes(Router& router, PaperPrintouts& printouts);
// /api/v1/preparedness: the preparedness calendar, completions, the iCalendar file and feed.
void RegisterPreparednessRoutes(Router& router, PreparednessService& service);
// GET /api/v1/programmes/succession and /collaboration: the long programmes' overviews, and
// their downloads (/export, ?format=xlsx or CSV). Their records are kept through the registry
// routes (/api/v1/succession-trajectories, /collaborations, /programme-activities).
void RegisterProgrammeRoutes(Router& router, ProgrammeService& programmes);
// GET /api/v1/events: the live update stream.
void RegisterEventRoutes(Router& router, EventHub& hub);

}  // namespace vangnet
