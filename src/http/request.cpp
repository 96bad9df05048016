#include "http/request.hpp"
#include "io/json_input.hpp"

#include <limits>

#include "core/text.hpp"
#include "http/problem.hpp"
#include "io/csv.hpp"
#include "io/xlsx.hpp"

namespace vangnet {

std::string JsonText(const nlohmann::json& body) {
  // Whatever text a record holds, the answer is valid JSON: invalid UTF-8 (which the readers
  // refuse, but an old row may hold) shows as U+FFFD instead of failing the whole page.
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void ReplyJsonText(httplib::Response& res, int status, std::string text) {
  res.status = status;
  res.set_content(std::move(text), "application/json; charset=utf-8");
  // Answers may hold personal data; nothing of the API belongs in a browser or proxy cache.
  if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
}

void ReplyJson(httplib::Response& res, int status, const nlohmann::json& body) {
  ReplyJsonText(res, status, JsonText(body));
}

namespace {
// Every problem answer goes out here: as valid JSON whatever text it quotes.
void SendProblem(httplib::Response& res, int status, const nlohmann::json& problem) {
  res.status = status;
  res.set_content(problem.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/problem+json; charset=utf-8");
}

}  // namespace

void ReplyProblem(httplib::Response& res, int status, const Error& error,
                  const std::string& title) {
  SendProblem(res, status, ProblemJson(status, title, {error}));
}

void ReplyError(httplib::Response& res, const Error& error) {
  // The database is switching over or restarting: nothing was done; a few seconds will do.
  if (error.kind == ErrorKind::kUnavailable) res.set_header("Retry-After", "5");
  SendProblem(res, HttpStatusFor(error), ProblemJson(error));
}

namespace {

// The first text (key or value) in `value` with a control character, as a field path.
std::optional<std::string> FieldWithControlCharacter(const nlohmann::json& value,
                                                     const std::string& path) {
  if (value.is_string()) {
    if (HasControlCharacter(value.get_ref<const std::string&>())) return path;
  } else if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      const std::string here = path.empty() ? key : path + "." + key;
      if (HasControlCharacter(key)) return here;
      if (auto found = FieldWithControlCharacter(item, here)) return found;
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (auto found = FieldWithControlCharacter(value[i], path + "[" + std::to_string(i) + "]")) {
        return found;
      }
    }
  }
  return std::nullopt;
}

// The first text value in `value` longer than a note may be, as a field path. A whole file sent
// as one field (a patient list's "csv", an import file's "content_base64") is bounded by the
// request size instead.
std::optional<std::pair<std::string, std::string>> FieldTooLong(const nlohmann::json& value,
                                                                const std::string& path) {
  if (value.is_string()) {
    if (auto message = TooLong(value.get_ref<const std::string&>(), kMaxNoteCharacters)) {
      return std::pair{path, *message};
    }
  } else if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      if (key == "csv" || key == "content_base64") continue;
      if (auto found = FieldTooLong(item, path.empty() ? key : path + "." + key)) return found;
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (auto found = FieldTooLong(value[i], path + "[" + std::to_string(i) + "]")) return found;
    }
  }
  return std::nullopt;
}

[[noreturn]] void WrongType(const std::string& key, const char* expected) {
  throw BadRequest(Error::Validation(key, std::string("moet ") + expected + " zijn"));
}

}  // namespace

std::optional<Error> BadQuery(const httplib::Request& req) {
  for (const auto& [name, value] : req.params) {
    const std::string field = ToValidUtf8(name);
    if (!IsValidUtf8(name) || HasControlCharacter(name)) {
      return Error::Validation(field, "de naam van deze parameter is geen geldige tekst");
    }
    if (!IsValidUtf8(value) || HasControlCharacter(value) ||
        value.find_first_of("\r\n") != std::string::npos) {
      return Error::Validation(field, "geen geldige tekst (UTF-8, zonder stuurtekens)");
    }
  }
  return std::nullopt;
}

const nlohmann::json* JsonBody::Field(const std::string& key) const {
  auto it = json_.find(key);
  if (it == json_.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string JsonBody::value(const std::string& key, const char* fallback) const {
  return value(key, std::string(fallback));
}
std::string JsonBody::value(const std::string& key, const std::string& fallback) const {
  const auto* field = Field(key);
  if (!field) return fallback;
  if (!field->is_string()) WrongType(key, "tekst");
  return field->get<std::string>();
}
bool JsonBody::value(const std::string& key, bool fallback) const {
  const auto* field = Field(key);
  if (!field) return fallback;
  if (!field->is_boolean()) WrongType(key, "true of false");
  return field->get<bool>();
}
long long JsonBody::value(const std::string& key, long long fallback) const {
  const auto* field = Field(key);
  if (!field) return fallback;
  if (!field->is_number_integer()) WrongType(key, "een geheel getal");
  return field->get<long long>();
}
int JsonBody::value(const std::string& key, int fallback) const {
  long long v = value(key, static_cast<long long>(fallback));
  if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) {
    WrongType(key, "een kleiner getal");
  }
  return static_cast<int>(v);
}
double JsonBody::value(const std::string& key, double fallback) const {
  const auto* field = Field(key);
  if (!field) return fallback;
  if (!field->is_number()) WrongType(key, "een getal");
  return field->get<double>();
}
std::optional<std::string> JsonBody::OptionalText(const std::string& key) const {
  if (!Field(key)) return std::nullopt;
  return value(key, "");
}
std::optional<long long> JsonBody::OptionalInteger(const std::string& key) const {
  if (!Field(key)) return std::nullopt;
  return value(key, 0LL);
}
std::vector<std::string> JsonBody::TextList(const std::string& key) const {
  std::vector<std::string> out;
  const auto* field = Field(key);
  if (!field) return out;
  if (!field->is_array()) WrongType(key, "een lijst");
  for (const auto& item : *field) {
    if (!item.is_string()) WrongType(key, "een lijst van teksten");
    out.push_back(item.get<std::string>());
  }
  return out;
}
std::vector<long long> JsonBody::IntegerList(const std::string& key) const {
  std::vector<long long> out;
  const auto* field = Field(key);
  if (!field) return out;
  if (!field->is_array()) WrongType(key, "een lijst");
  for (const auto& item : *field) {
    if (!item.is_number_integer()) WrongType(key, "een lijst van gehele getallen");
    out.push_back(item.get<long long>());
  }
  return out;
}

std::int64_t PathId(const httplib::Request& req, std::size_t group) {
  auto id = group < req.matches.size() ? ParseInteger(req.matches[group].str()) : std::nullopt;
  if (!id) throw BadRequest(Error(ErrorKind::kNotFound, "dit nummer bestaat niet"));
  return *id;
}

std::optional<JsonBody> ParseJsonBody(const httplib::Request& req, httplib::Response& res) {
  if (req.get_header_value("Content-Type").find("application/json") == std::string::npos) {
    ReplyProblem(res, 415, Error::Validation({}, "stuur de gegevens als application/json"),
                 "Verkeerd formaat");
    return std::nullopt;
  }
  // Measured before parsing: the checks below recurse over the tree (kMaxJsonDepth).
  if (JsonNestingDepth(req.body) > kMaxJsonDepth) {
    ReplyProblem(res, 400, Error::Validation({}, "de gegevens zijn " + JsonTooDeepMessage()));
    return std::nullopt;
  }
  auto body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded()) {
    ReplyProblem(res, 400, Error::Validation({}, "de gegevens zijn geen geldige JSON"));
    return std::nullopt;
  }
  if (!body.is_object()) {
    ReplyProblem(res, 422, Error::Validation("", "stuur de gegevens als JSON-object"));
    return std::nullopt;
  }
  if (auto field = FieldWithControlCharacter(body, "")) {
    ReplyProblem(res, 422, Error::Validation(*field, "bevat een stuurteken; dat kan niet"));
    return std::nullopt;
  }
  if (auto found = FieldTooLong(body, "")) {
    ReplyProblem(res, 422, Error::Validation(found->first, found->second));
    return std::nullopt;
  }
  return JsonBody(std::move(body));
}

// "3", "\"3\"" or W/"3" -> 3: the record version an ETag carries.
std::optional<std::int64_t> IfMatchVersion(const httplib::Request& req) {
  std::string value = req.get_header_value("If-Match");
  if (value.starts_with("W/")) value = value.substr(2);
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    value = value.substr(1, value.size() - 2);
  }
  auto version = ParseInteger(value);
  if (!version) return std::nullopt;
  return *version;
}

// 428: a change without If-Match could silently overwrite someone else's.
void ReplyVersionRequired(httplib::Response& res) {
  ReplyProblem(res, 428,
               Error::Validation("version",
                                 "stuur de versie mee in If-Match, zodat niemands wijziging "
                                 "verloren gaat"));
}

std::string PathForLog(std::string_view request_path) {
  std::string_view prefix = "/api/v1/";
  if (request_path.starts_with("/fhir/r4/")) prefix = "/fhir/r4/";
  if (!request_path.starts_with(prefix)) return "(static)";
  // Every segment after the version with a digit in it is an id, a number or a code: "{id}".
  std::string path(prefix);
  std::string_view rest = std::string_view(request_path).substr(prefix.size());
  while (!rest.empty()) {
    auto slash = rest.find('/');
    std::string_view segment = rest.substr(0, slash);
    const bool id = segment.find_first_of("0123456789") != std::string_view::npos;
    path += id ? std::string_view("{id}") : segment;
    if (slash == std::string_view::npos) break;
    path += '/';
    rest.remove_prefix(slash + 1);
  }
  return path;
}

void ReplyTables(httplib::Response& res, const httplib::Request& req,
                 const Result<std::vector<Table>>& tables, const std::string& file_stem) {
  if (!tables) return ReplyError(res, tables.error());
  res.set_header("Cache-Control", "no-store");
  if (req.get_param_value("format") == "xlsx") {
    auto workbook = WriteXlsx(tables.value());
    if (!workbook) return ReplyError(res, workbook.error());
    SetDownloadName(res, file_stem + ".xlsx", false);
    res.set_content(workbook.value(),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    return;
  }
  // CSV holds one table: the first (the main list; the others are in the workbook).
  SetDownloadName(res, file_stem + ".csv", false);
  res.set_content(tables.value().empty() ? "" : WriteCsv(tables.value().front()),
                  "text/csv; charset=utf-8");
}

void ReplyTable(httplib::Response& res, const httplib::Request& req, const Result<Table>& table,
                const std::string& file_stem) {
  if (!table) return ReplyError(res, table.error());
  ReplyTables(res, req, std::vector<Table>{table.value()}, file_stem);
}

void SetDownloadName(httplib::Response& res, const std::string& file_name, bool inline_view) {
  std::string safe;
  for (char c : file_name) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '.' || c == '-' || c == '_';
    safe += plain ? c : '-';
  }
  if (safe.empty() || safe.front() == '.') safe = "vangnet" + safe;
  res.set_header("Content-Disposition", std::string(inline_view ? "inline" : "attachment") +
                                            "; filename=\"" + safe + "\"");
}

std::string ETag(std::int64_t version) {
  return "\"" + std::to_string(version) + "\"";
}

}  // namespace vangnet
