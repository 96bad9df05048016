// GET /api/v1/printouts/...: the paper fallbacks as PDF, opened in the browser to print.
#include <algorithm>

#include "core/text.hpp"
#include "http/routes.hpp"
#include "services/incident/incident_service.hpp"
#include "services/playbook/playbook_catalog.hpp"
#include "services/preparedness/paper_printouts.hpp"
#include "services/redistribute/redistribution_service.hpp"

namespace vangnet {

namespace {

TimePoint PrintTime() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

// A PDF opened in the browser to print; `personal`: holds names or patient data, so no copies
// in caches.
void ReplyPdf(httplib::Response& res, Result<std::string> pdf, const std::string& file_name,
              bool personal) {
  if (!pdf) return ReplyError(res, pdf.error());
  res.status = 200;
  res.set_header("Content-Disposition", "inline; filename=\"" + file_name + "\"");
  if (personal) res.set_header("Cache-Control", "no-store");
  res.set_content(std::move(pdf).value(), "application/pdf");
}

// ?copies=N (default 10); a non-number is refused by the printout with the field.
int Copies(const httplib::Request& req) {
  if (!req.has_param("copies")) return 10;
  auto n = ParseInteger(req.get_param_value("copies"));
  return n ? static_cast<int>(std::clamp<long long>(*n, -1, 1000)) : -1;
}

}  // namespace

void RegisterPrintoutRoutes(Router& router, PaperPrintouts& printouts,
                            const PlaybookCatalog* playbooks, IncidentService* incidents,
                            RedistributionService& redistribution) {
  router.Get(
      "/api/v1/printouts/triage-form",
      [&printouts](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        ReplyPdf(res,
                 printouts.TriageFormsPdf(ctx.caller, req.get_param_value("agb"), Copies(req),
                                          PrintTime()),
                 "triageformulieren.pdf", false);
      });
  router.Get(
      "/api/v1/printouts/prescription-form",
      [&printouts](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        ReplyPdf(res,
                 printouts.PrescriptionFormsPdf(ctx.caller, req.get_param_value("agb"), Copies(req),
                                                PrintTime()),
                 "telefonische-recepten.pdf", false);
      });
  if (incidents) {
    router.Get(R"(/api/v1/printouts/incident/(\d+))",
               [&printouts, incidents](const RequestContext& ctx, const httplib::Request& req,
                                       httplib::Response& res) {
                 auto incident = incidents->Get(ctx.caller, std::stoll(req.matches[1]));
                 if (!incident) return ReplyError(res, incident.error());
                 ReplyPdf(res,
                          printouts.IncidentReportPdf(ctx.caller, incident.value(), PrintTime()),
                          "incidentrapport-" + incident.value().number + ".pdf", true);
               });
    router.Get(R"(/api/v1/printouts/incident/(\d+)/vulnerable/(\d{8}))",
               [&printouts, &redistribution, incidents](
                   const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
                 const std::int64_t id = std::stoll(req.matches[1]);
                 const std::string agb = req.matches[2];
                 auto incident = incidents->Get(ctx.caller, id);
                 if (!incident) return ReplyError(res, incident.error());
                 auto patients = redistribution.VulnerablePatients(ctx.caller, id, agb);
                 if (!patients) return ReplyError(res, patients.error());
                 ReplyPdf(res,
                          printouts.VulnerablePatientsPdf(ctx.caller, incident.value(), agb,
                                                          patients.value(), PrintTime()),
                          "kwetsbare-patienten-" + agb + ".pdf", true);
               });
  }
  if (playbooks) {
    router.Get(R"(/api/v1/printouts/playbook/([a-z0-9-]+))",
               [playbooks](const RequestContext& ctx, const httplib::Request& req,
                           httplib::Response& res) {
                 const Playbook* playbook = playbooks->Find(req.matches[1].str());
                 if (!playbook) {
                   return ReplyError(res, Error::NotFound("", "Dit draaiboek bestaat niet."));
                 }
                 auto now =
                     std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
                 auto pdf = PlaybookChecklistPdf(*playbook, ctx.caller.actor.user, now);
                 if (!pdf) return ReplyError(res, pdf.error());
                 res.status = 200;
                 res.set_header("Content-Disposition",
                                "inline; filename=\"draaiboek-" + playbook->id + ".pdf\"");
                 res.set_content(std::move(pdf).value(), "application/pdf");
               });
  }
  router.Get(R"(/api/v1/printouts/calamity-card/(\d{8}))", [&printouts](const RequestContext& ctx,
                                                                        const httplib::Request& req,
                                                                        httplib::Response& res) {
    const std::string agb = req.matches[1];
    auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    auto pdf = printouts.CalamityCardPdf(ctx.caller, agb, now);
    if (!pdf) return ReplyError(res, pdf.error());
    res.status = 200;
    res.set_header("Content-Disposition", "inline; filename=\"calamiteitenkaart-" + agb + ".pdf\"");
    // It holds names and phone numbers: no copies in caches.
    res.set_header("Cache-Control", "no-store");
    res.set_content(std::move(pdf).value(), "application/pdf");
  });
  router.Get(
      "/api/v1/printouts/contact-list",
      [&printouts](const RequestContext& ctx, const httplib::Request&, httplib::Response& res) {
        auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
        auto pdf = printouts.ContactListPdf(ctx.caller, now);
        if (!pdf) return ReplyError(res, pdf.error());
        res.status = 200;
        res.set_header("Content-Disposition", "inline; filename=\"contactlijst-crisisrollen.pdf\"");
        res.set_header("Cache-Control", "no-store");
        res.set_content(std::move(pdf).value(), "application/pdf");
      });
}

}  // namespace vangnet
