// GET /api/v1/printouts/...: the paper fallbacks as PDF, opened in the browser to print.
#include <algorithm>

#include "core/text.hpp"
#include "http/routes.hpp"

namespace vangnet {

namespace {

// A PDF opened in the browser to print; a personal one (names, patient data) is never cached.
// Text as HTML text.
std::string HtmlText(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// A printout opens in a new tab: when it cannot be made, a browser gets a page in Dutch that
// says why (a role that may not print it, an unknown practice), not raw problem JSON.
void ReplyPdf(const httplib::Request& req, httplib::Response& res, Result<Printout> printout) {
  if (!printout && req.get_header_value("Accept").find("text/html") != std::string::npos) {
    ReplyError(res, printout.error());  // the status and the message as the API gives them
    res.set_content(
        "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>"
        "Afdruk niet beschikbaar</title></head><body><h1>Deze afdruk kan niet "
        "worden gemaakt</h1><p>" +
            HtmlText(printout.error().message) +
            "</p><p><a href=\"/\">Terug naar vangnet</a></p></body></html>",
        "text/html; charset=utf-8");
    return;
  }
  if (!printout) return ReplyError(res, printout.error());
  res.status = 200;
  SetDownloadName(res, printout.value().file_name, true);
  if (printout.value().personal) res.set_header("Cache-Control", "no-store");
  res.set_content(std::move(printout.value().pdf), "application/pdf");
}

Result<Printout> Named(Result<std::string> pdf, std::string file_name, bool personal) {
  if (!pdf) return pdf.error();
  return Printout{std::move(pdf).value(), std::move(file_name), personal};
}

// ?copies=N (default 10); a non-number is refused by the printout with the field.
int Copies(const httplib::Request& req) {
  if (!req.has_param("copies")) return 10;
  auto n = ParseInteger(req.get_param_value("copies"));
  return n ? static_cast<int>(std::clamp<long long>(*n, -1, 1000)) : -1;
}

}  // namespace

void RegisterPrintoutRoutes(Router& router, PaperPrintouts& printouts) {
  router.Get("/api/v1/printouts/triage-form", [&printouts](const RequestContext& ctx,
                                                           const httplib::Request& req,
                                                           httplib::Response& res) {
    ReplyPdf(req, res,
             Named(printouts.TriageFormsPdf(ctx.caller, req.get_param_value("agb"), Copies(req)),
                   "triageformulieren.pdf", false));
  });
  router.Get("/api/v1/printouts/prescription-form", [&printouts](const RequestContext& ctx,
                                                                 const httplib::Request& req,
                                                                 httplib::Response& res) {
    ReplyPdf(
        req, res,
        Named(printouts.PrescriptionFormsPdf(ctx.caller, req.get_param_value("agb"), Copies(req)),
              "telefonische-recepten.pdf", false));
  });
  router.Get(
      R"(/api/v1/printouts/incident/(\d+))",
      [&printouts](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        ReplyPdf(req, res, printouts.IncidentReport(ctx.caller, PathId(req, 1)));
      });
  router.Get(
      R"(/api/v1/printouts/incident/(\d+)/vulnerable/(\d{8}))",
      [&printouts](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        ReplyPdf(req, res,
                 printouts.VulnerablePatients(ctx.caller, PathId(req, 1), req.matches[2]));
      });
  router.Get(
      R"(/api/v1/printouts/playbook/([a-z0-9-]+))",
      [&printouts](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        ReplyPdf(req, res, printouts.PlaybookChecklist(ctx.caller, req.matches[1]));
      });
  router.Get(
      R"(/api/v1/printouts/calamity-card/(\d{8}))",
      [&printouts](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        const std::string agb = req.matches[1];
        ReplyPdf(req, res,
                 Named(printouts.CalamityCardPdf(ctx.caller, agb),
                       "calamiteitenkaart-" + agb + ".pdf", true));
      });
  router.Get("/api/v1/printouts/contact-list", [&printouts](const RequestContext& ctx,
                                                            const httplib::Request& req,
                                                            httplib::Response& res) {
    ReplyPdf(req, res,
             Named(printouts.ContactListPdf(ctx.caller), "contactlijst-crisisrollen.pdf", true));
  });
}

}  // namespace vangnet
