// RFC 9457 problem details: the one shape of every error the API returns.
#pragma once

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace vangnet {

// The HTTP status for an error kind. A version conflict (field "version") is 412: the client's
// copy is stale; other conflicts are 409.
int HttpStatusFor(const Error& error);

// {"type", "title", "status", "detail", "errors": [{"field", "message", "file", "row", "text"}]},
// "text" being the whole sentence with its place, as the command line prints it.
// `errors` lists every problem, so a form can show each next to its field.
nlohmann::json ProblemJson(int status, const std::string& title, const Errors& errors);
nlohmann::json ProblemJson(const Error& error);
nlohmann::json ProblemJson(const Errors& errors);

// The same error as FHIR says it (the /fhir/r4 directory): an OperationOutcome with one issue per
// problem, "diagnostics" the whole sentence and "expression" the field or element path.
nlohmann::json OperationOutcomeJson(const Error& error);

}  // namespace vangnet
