#include "http/router.hpp"

#include <sodium.h>

#include "http/problem.hpp"

namespace vangnet {

void ReplyJson(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json; charset=utf-8");
}

void ReplyError(httplib::Response& res, const Error& error) {
  res.status = HttpStatusFor(error);
  res.set_content(ProblemJson(error).dump(), "application/problem+json; charset=utf-8");
}

std::optional<nlohmann::json> ParseJsonBody(const httplib::Request& req, httplib::Response& res) {
  if (req.get_header_value("Content-Type").find("application/json") == std::string::npos) {
    res.status = 415;
    res.set_content(ProblemJson(415, "Verkeerd formaat",
                                {Error::Validation({}, "stuur de gegevens als application/json")})
                        .dump(),
                    "application/problem+json; charset=utf-8");
    return std::nullopt;
  }
  auto body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded()) {
    res.status = 400;
    res.set_content(
        ProblemJson(400, "", {Error::Validation({}, "de gegevens zijn geen geldige JSON")}).dump(),
        "application/problem+json; charset=utf-8");
    return std::nullopt;
  }
  return body;
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
  res.status = 428;
  res.set_content(ProblemJson(428, "",
                              {Error::Validation("version",
                                                 "stuur de versie mee in If-Match, zodat "
                                                 "niemands wijziging verloren gaat")})
                      .dump(),
                  "application/problem+json; charset=utf-8");
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

std::string Router::SessionTokenOf(const httplib::Request& req) const {
  const std::string cookies = req.get_header_value("Cookie");
  const std::string wanted = CookieName() + "=";
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

httplib::Server::Handler Router::Wrap(RouteHandler handler, Auth auth, bool is_write) {
  return [this, handler = std::move(handler), auth, is_write](const httplib::Request& req,
                                                              httplib::Response& res) {
    // Browsers say where a request comes from; a write from another site is refused even
    // before the CSRF token is looked at (and login, which has no token yet, relies on it).
    const std::string site = req.get_header_value("Sec-Fetch-Site");
    if (is_write && !site.empty() && site != "same-origin" && site != "none") {
      return ReplyError(res, Error(ErrorKind::kForbidden, "verzoek van een andere website"));
    }
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
      if (purpose.empty()) purpose = "registerbeheer";
      purpose = purpose.substr(0, 200);  // a reason, not a document
      context.caller = Caller::Of(user, "http", purpose);
    }
    handler(context, req, res);
  };
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
