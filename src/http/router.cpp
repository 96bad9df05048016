#include "http/router.hpp"

#include <sodium.h>

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

// A problem with a status of its own (not the one HttpStatusFor gives the error's kind).
void ReplyProblem(httplib::Response& res, int status, const Error& error,
                  const std::string& title = "") {
  SendProblem(res, status, ProblemJson(status, title, {error}));
}
}  // namespace

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

// Query parameters are text from anywhere: each name and value must be UTF-8 without control
// characters, or the request is refused naming it (it would otherwise reach a file name, a
// filter or an audit row).
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
}  // namespace

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
  const std::string_view prefix = "/api/v1/";
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

std::string Router::CookieName() const {
  return behind_tls_ ? "__Host-vangnet_session" : "vangnet_session";
}

std::string Router::SessionCookie(const std::string& token) const {
  return CookieName() + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
         (behind_tls_ ? "; Secure" : "");
}

std::string Router::ExpiredSessionCookie() const {
  return CookieName() + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" +
         (behind_tls_ ? "; Secure" : "");
}

namespace {
constexpr const char* kSignInCookie = "vangnet_sso";
constexpr const char* kSignInPath = "/api/v1/session/sso";

// The value of the cookie `name` in the request, or empty.
std::string CookieOf(const httplib::Request& req, const std::string& name) {
  const std::string cookies = req.get_header_value("Cookie");
  const std::string wanted = name + "=";
  std::size_t pos = 0;
  while (pos < cookies.size()) {
    while (pos < cookies.size() && (cookies[pos] == ' ' || cookies[pos] == ';')) ++pos;
    auto end = cookies.find(';', pos);
    if (end == std::string::npos) end = cookies.size();
    if (cookies.compare(pos, wanted.size(), wanted) == 0) {
      return cookies.substr(pos + wanted.size(), end - pos - wanted.size());
    }
    pos = end;
  }
  return {};
}
}  // namespace

std::string Router::SessionTokenOf(const httplib::Request& req) const {
  return CookieOf(req, CookieName());
}

std::string Router::SignInCookie(const std::string& browser_key) const {
  return std::string(kSignInCookie) + "=" + browser_key + "; Path=" + kSignInPath +
         "; HttpOnly; SameSite=Lax; Max-Age=600" + (behind_tls_ ? "; Secure" : "");
}

std::string Router::ExpiredSignInCookie() const {
  return std::string(kSignInCookie) + "=; Path=" + kSignInPath +
         "; HttpOnly; SameSite=Lax; Max-Age=0" + (behind_tls_ ? "; Secure" : "");
}

std::string Router::SignInKeyOf(const httplib::Request& req) const {
  return CookieOf(req, kSignInCookie);
}

httplib::Server::Handler Router::Wrap(RouteHandler handler, Auth auth, bool is_write) {
  return [this, handler = std::move(handler), auth, is_write](const httplib::Request& req,
                                                              httplib::Response& res) {
    (void)TakeConnectionLost();  // a lost connection of an earlier request on this thread
    Handle(handler, auth, is_write, req, res);
    // The database connection went during the request (a database server restarting or a
    // standby taking over): whatever the action made of that (a session not found, an empty
    // list, a failed commit) is not the answer. A read is to be tried again; a write may or
    // may not have been saved, which the user checks before repeating it.
    if (TakeConnectionLost() && res.status != 503) {
      res = httplib::Response{};
      ReplyError(res, Error{ErrorKind::kUnavailable,
                            is_write ? "de verbinding met de database viel weg tijdens deze "
                                       "actie; herlaad en kijk of uw wijziging er staat voordat "
                                       "u ze herhaalt"
                                     : "de database is even niet bereikbaar; probeer het over "
                                       "een paar seconden opnieuw"});
    }
  };
}

void Router::Handle(const RouteHandler& handler, Auth auth, bool is_write,
                    const httplib::Request& req, httplib::Response& res) {
  // Browsers say where a request comes from; a write from another site is refused even
  // before the CSRF token is looked at (and login, which has no token yet, relies on it).
  const std::string site = req.get_header_value("Sec-Fetch-Site");
  if (is_write && !site.empty() && site != "same-origin" && site != "none") {
    return ReplyError(res, Error(ErrorKind::kForbidden, "verzoek van een andere website"));
  }
  if (auto bad = BadQuery(req)) return ReplyProblem(res, 400, *bad);
  RequestContext context;
  if (auth == Auth::kSession) {
    context.session = accounts_.Authenticate(SessionTokenOf(req));
    if (!context.session) {
      return ReplyError(res, Error(ErrorKind::kUnauthenticated,
                                   "u bent niet (meer) aangemeld; meld u opnieuw aan"));
    }
    if (is_write) {
      const std::string sent = req.get_header_value("X-CSRF-Token");
      const std::string& expected = context.session->csrf_token;
      if (sent.size() != expected.size() ||
          sodium_memcmp(sent.data(), expected.data(), expected.size()) != 0) {
        return ReplyError(res, Error(ErrorKind::kForbidden,
                                     "beveiligingstoken ontbreekt of klopt niet; herlaad de "
                                     "pagina"));
      }
    }
    const UserAccount& user = context.session->user;
    std::string purpose = req.get_header_value("X-Purpose");
    if (!IsValidUtf8(purpose) || HasControlCharacter(purpose)) {
      return ReplyProblem(res, 400,
                          Error::Validation("X-Purpose", "het doel is geen geldige tekst"));
    }
    if (purpose.empty()) purpose = "registerbeheer";
    purpose = CutUtf8(purpose, 200);  // a reason, not a document
    context.caller = Caller::Of(user, "http", purpose);
  }
  try {
    handler(context, req, res);
  } catch (const BadRequest& bad) {
    res.headers.erase("Content-Disposition");
    ReplyError(res, bad.error);
  } catch (const nlohmann::json::exception&) {
    // A body read without JsonBody's typed readers: still the client's fault, not ours.
    ReplyProblem(res, 422, Error::Validation("", "een veld heeft het verkeerde type"));
  }
}

void Router::Get(const std::string& pattern, RouteHandler handler, Auth auth) {
  server_.Get(pattern, Wrap(std::move(handler), auth, false));
}
void Router::Post(const std::string& pattern, RouteHandler handler, Auth auth) {
  server_.Post(pattern, Wrap(std::move(handler), auth, true));
}
void Router::Put(const std::string& pattern, RouteHandler handler, Auth auth) {
  server_.Put(pattern, Wrap(std::move(handler), auth, true));
}
void Router::Delete(const std::string& pattern, RouteHandler handler, Auth auth) {
  server_.Delete(pattern, Wrap(std::move(handler), auth, true));
}

}  // namespace vangnet
