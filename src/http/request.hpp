// Reading a request and writing its answer, the same for every route: typed JSON bodies, path
// ids, versions (If-Match), problem+json errors and downloads. Kept apart from the Router (which
// adds sessions and CSRF on top) so the request-body fuzz target links only this.
#pragma once

#include <httplib.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "io/table.hpp"

namespace vangnet {

// Response helpers: JSON bodies, problem+json errors.
void ReplyJson(httplib::Response& res, int status, const nlohmann::json& body);
// The text ReplyJson sends, and sending such a text (an answer kept ready, e.g. the monitor).
std::string JsonText(const nlohmann::json& body);
void ReplyJsonText(httplib::Response& res, int status, std::string text);
void ReplyError(httplib::Response& res, const Error& error);
// A problem with a status of its own (not the one HttpStatusFor gives the error's kind).
void ReplyProblem(httplib::Response& res, int status, const Error& error,
                  const std::string& title = "");
// Query parameters are text from anywhere: each name and value must be UTF-8 without control
// characters, or the request is refused naming it (it would otherwise reach a file name, a
// filter or an audit row).
std::optional<Error> BadQuery(const httplib::Request& req);
// The one concurrency convention for every mutable resource: a GET answers with the record's
// version as ETag, a change sends it back in If-Match; a stale version is refused with 412
// (Error::Conflict on field "version"), a missing one with 428.
std::optional<std::int64_t> IfMatchVersion(const httplib::Request& req);
void ReplyVersionRequired(httplib::Response& res);
std::string ETag(std::int64_t version);
// A request path as the server log may show it: API and FHIR paths with every id, number or code
// replaced by {id} (they may point at a person), any other path as "(static)".
std::string PathForLog(std::string_view request_path);
// A download's Content-Disposition header. The file name may carry text from a request or a
// record (a receiver id, a practice number): only letters, digits, '.', '-' and '_' are kept, so
// nothing can end the quoted name or add a parameter.
void SetDownloadName(httplib::Response& res, const std::string& file_name, bool inline_view);
// A list as a download: an Excel workbook with ?format=xlsx, else CSV; `file_stem` without
// extension. The one way every list (practices, monitor, stress test, preparedness, opvang)
// downloads, so each gets both formats with the same columns.
void ReplyTable(httplib::Response& res, const httplib::Request& req, const Result<Table>& table,
                const std::string& file_stem);
void ReplyTables(httplib::Response& res, const httplib::Request& req,
                 const Result<std::vector<Table>>& tables, const std::string& file_stem);

// A request the route cannot read as it expects: a body field of the wrong type, a path id out
// of range. Thrown by the readers below and answered by the router as a 4xx problem that names
// the field, so no route can turn bad input into a 500 or quietly into a default.
struct BadRequest : std::runtime_error {
  explicit BadRequest(Error e) : std::runtime_error(e.message), error(std::move(e)) {}
  Error error;
};

// A JSON request body, read field by field with the type each field must have.
class JsonBody {
 public:
  explicit JsonBody(nlohmann::json json) : json_(std::move(json)) {}
  // The field, or `fallback` when it is absent or null; another type is a BadRequest naming it.
  std::string value(const std::string& key, const char* fallback) const;
  std::string value(const std::string& key, const std::string& fallback) const;
  bool value(const std::string& key, bool fallback) const;
  int value(const std::string& key, int fallback) const;
  long long value(const std::string& key, long long fallback) const;
  double value(const std::string& key, double fallback) const;
  // The field when present and not null, else nullopt; another type is a BadRequest.
  std::optional<std::string> OptionalText(const std::string& key) const;
  std::optional<long long> OptionalInteger(const std::string& key) const;
  // A list of texts or of whole numbers; absent or null is empty.
  std::vector<std::string> TextList(const std::string& key) const;
  std::vector<long long> IntegerList(const std::string& key) const;
  bool contains(const std::string& key) const { return json_.contains(key); }
  const nlohmann::json& json() const { return json_; }

 private:
  const nlohmann::json* Field(const std::string& key) const;
  nlohmann::json json_;
};

// Parses the request body as a JSON object. Refused with the problem already sent (nullopt):
// not JSON (400/415), not an object, or text holding a control character (422, naming the
// field). The body is then read through JsonBody's typed readers.
std::optional<JsonBody> ParseJsonBody(const httplib::Request& req, httplib::Response& res);
// The number in path group `group` of the route pattern: an id. Beyond int64 it cannot exist:
// BadRequest (404).
std::int64_t PathId(const httplib::Request& req, std::size_t group = 1);

}  // namespace vangnet
