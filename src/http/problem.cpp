#include "http/problem.hpp"

namespace vangnet {

int HttpStatusFor(const Error& error) {
  switch (error.kind) {
    case ErrorKind::kValidation:
      return 422;
    case ErrorKind::kNotFound:
      return error.field.empty() ? 404 : 422;
    case ErrorKind::kConflict:
      return error.field == "version" ? 412 : 409;
    case ErrorKind::kUnauthenticated:
      return 401;
    case ErrorKind::kForbidden:
      return 403;
    case ErrorKind::kRateLimited:
      return 429;
    case ErrorKind::kUnavailable:
      return 503;
    case ErrorKind::kIo:
    case ErrorKind::kInternal:
      return 500;
  }
  return 500;
}

namespace {
const char* TitleFor(int status) {
  switch (status) {
    case 401:
      return "Niet aangemeld";
    case 403:
      return "Geen toegang";
    case 404:
      return "Niet gevonden";
    case 409:
      return "Conflict";
    case 412:
      return "Intussen gewijzigd";
    case 413:
      return "Te groot";
    case 422:
      return "Ongeldige invoer";
    case 428:
      return "Versie ontbreekt";
    case 429:
      return "Te veel pogingen";
    case 503:
      return "Tijdelijk niet beschikbaar";
    default:
      return status >= 500 ? "Interne fout" : "Ongeldig verzoek";
  }
}
}  // namespace

nlohmann::json ProblemJson(int status, const std::string& title, const Errors& errors) {
  nlohmann::json list = nlohmann::json::array();
  std::string detail;
  for (const auto& e : errors) {
    nlohmann::json item{{"message", e.message}};
    if (!e.field.empty()) item["field"] = e.field;
    if (!e.file.empty()) item["file"] = e.file;
    if (e.row > 0) item["row"] = e.row;
    item["text"] = e.ToString();  // "regio.xlsx, blad people, regel 5, kolom code: ..."
    list.push_back(item);
    if (detail.empty()) detail = e.ToString();
  }
  return {{"type", "about:blank"},
          {"title", title.empty() ? TitleFor(status) : title},
          {"status", status},
          {"detail", detail},
          {"errors", list}};
}

nlohmann::json ProblemJson(const Error& error) {
  // A busy or unreachable database (503) is said as it is: the message is ours and tells
  // whether anything was saved, which the user needs before repeating an action.
  if (HttpStatusFor(error) == 503) {
    return ProblemJson(503, "", {Error{ErrorKind::kUnavailable, error.message}});
  }
  // Internal errors keep their details for the server's own eyes; the client gets a sentence.
  if (HttpStatusFor(error) >= 500) {
    return ProblemJson(500, "",
                       {Error::Internal("er ging iets mis op de server; probeer het "
                                        "opnieuw of meld het aan de beheerder")});
  }
  Errors all{error};
  all.front().more.clear();
  all.insert(all.end(), error.more.begin(), error.more.end());
  return ProblemJson(HttpStatusFor(error), "", all);
}

nlohmann::json ProblemJson(const Errors& errors) {
  return ProblemJson(errors.empty() ? 422 : HttpStatusFor(errors.front()), "", errors);
}

nlohmann::json OperationOutcomeJson(const Error& error) {
  const int status = HttpStatusFor(error);
  const char* code = "processing";
  if (status == 401) code = "login";
  if (status == 403) code = "forbidden";
  if (status == 404) code = "not-found";
  if (status == 422 || status == 400) code = "invalid";
  if (status >= 500) code = "exception";
  nlohmann::json issues = nlohmann::json::array();
  Errors all{error};
  all.front().more.clear();
  all.insert(all.end(), error.more.begin(), error.more.end());
  for (const auto& e : all) {
    nlohmann::json issue = {{"severity", "error"}, {"code", code}};
    // A server fault says no more than the problem+json answer would.
    issue["diagnostics"] = status >= 500 ? "er ging iets mis op de server" : e.ToString();
    if (status < 500 && !e.field.empty()) issue["expression"] = {e.field};
    issues.push_back(std::move(issue));
  }
  return {{"resourceType", "OperationOutcome"}, {"issue", issues}};
}

}  // namespace vangnet
