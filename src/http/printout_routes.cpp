// GET /api/v1/printouts/...: the paper fallbacks as PDF, opened in the browser to print.
#include "http/routes.hpp"
#include "services/playbook/playbook_catalog.hpp"
#include "services/preparedness/paper_printouts.hpp"

namespace vangnet {

void RegisterPrintoutRoutes(Router& router, PaperPrintouts& printouts,
                            const PlaybookCatalog* playbooks) {
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
