// /fhir/r4: the registry as a read-only FHIR R4 directory (fhir_directory_service.hpp). Sessions
// as everywhere, or the session token as "Authorization: Bearer" for a directory client; errors
// as an OperationOutcome.
#include "http/problem.hpp"
#include "http/routes.hpp"
#include "services/registry/fhir_directory_service.hpp"

namespace vangnet {

namespace {

constexpr const char* kFhirJson = "application/fhir+json; charset=utf-8";

void ReplyFhir(httplib::Response& res, const Result<nlohmann::json>& result) {
  res.set_header("Cache-Control", "no-store");
  if (!result) {
    const Error& error = result.error();
    // A search parameter FHIR's way: 400, not the 422 of a form.
    res.status = error.kind == ErrorKind::kValidation ? 400 : HttpStatusFor(error);
    res.set_content(JsonText(OperationOutcomeJson(error)), kFhirJson);
    return;
  }
  res.status = 200;
  res.set_content(JsonText(result.value()), kFhirJson);
}

// The directory's own address, for fullUrl and paging links: the configured public address
// (--public-url), else the address this connection reached (never the client's Host header,
// which anyone can set and which would then stand in every link the answer gives).
std::string BaseUrl(const httplib::Request& req, bool behind_tls, const std::string& public_url) {
  if (!public_url.empty()) return public_url + "/fhir/r4";
  const bool v6 = req.local_addr.find(':') != std::string::npos;
  const std::string host =
      (v6 ? "[" + req.local_addr + "]" : req.local_addr) + ":" + std::to_string(req.local_port);
  return std::string(behind_tls ? "https://" : "http://") + host + "/fhir/r4";
}

FhirParams ParamsOf(const httplib::Request& req) {
  FhirParams params;
  for (const auto& [name, value] : req.params) params.emplace_back(name, value);
  return params;
}

}  // namespace

void RegisterFhirRoutes(Router& router, FhirDirectoryService& directory, bool behind_tls,
                        const std::string& public_url) {
  // What the directory offers: public, as FHIR clients ask for it before they log in.
  router.Get(
      "/fhir/r4/metadata",
      [&directory, behind_tls, public_url](const RequestContext&, const httplib::Request& req,
                               httplib::Response& res) {
        ReplyFhir(res, directory.Capabilities(BaseUrl(req, behind_tls, public_url)));
      },
      Router::Auth::kPublic);
  router.Get(R"(/fhir/r4/([A-Za-z]+)/_history)",
             [&directory, behind_tls, public_url](const RequestContext& ctx, const httplib::Request& req,
                                      httplib::Response& res) {
               ReplyFhir(res, directory.History(ctx.caller, req.matches[1].str(), ParamsOf(req),
                                                BaseUrl(req, behind_tls, public_url)));
             });
  router.Get(
      R"(/fhir/r4/([A-Za-z]+)/([A-Za-z0-9\-\.]{1,64}))",
      [&directory](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        ReplyFhir(res, directory.Read(ctx.caller, req.matches[1].str(), req.matches[2].str()));
      });
  router.Get(R"(/fhir/r4/([A-Za-z]+))",
             [&directory, behind_tls, public_url](const RequestContext& ctx, const httplib::Request& req,
                                      httplib::Response& res) {
               ReplyFhir(res, directory.Search(ctx.caller, req.matches[1].str(), ParamsOf(req),
                                               BaseUrl(req, behind_tls, public_url)));
             });
}

}  // namespace vangnet
