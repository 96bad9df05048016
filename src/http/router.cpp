#include "http/router.hpp"

#include <sodium.h>

#include "core/text.hpp"
#include "http/problem.hpp"

namespace vangnet {

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
    // A program (a directory that pulls the FHIR registry) sends the session token as a bearer
    // token instead of a cookie. No browser sends that on its own, so no CSRF token is needed.
    std::string token = SessionTokenOf(req);
    const std::string authorization = req.get_header_value("Authorization");
    const bool bearer = token.empty() && authorization.starts_with("Bearer ");
    if (bearer) token = authorization.substr(7);
    context.session = accounts_.Authenticate(token);
    if (!context.session) {
      return ReplyError(res, Error(ErrorKind::kUnauthenticated,
                                   "u bent niet (meer) aangemeld; meld u opnieuw aan"));
    }
    if (is_write && !bearer) {
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
  routes_.push_back({"GET", pattern});
  server_.Get(pattern, Wrap(std::move(handler), auth, false));
}
void Router::Post(const std::string& pattern, RouteHandler handler, Auth auth) {
  routes_.push_back({"POST", pattern});
  server_.Post(pattern, Wrap(std::move(handler), auth, true));
}
void Router::Put(const std::string& pattern, RouteHandler handler, Auth auth) {
  routes_.push_back({"PUT", pattern});
  server_.Put(pattern, Wrap(std::move(handler), auth, true));
}
void Router::Delete(const std::string& pattern, RouteHandler handler, Auth auth) {
  routes_.push_back({"DELETE", pattern});
  server_.Delete(pattern, Wrap(std::move(handler), auth, true));
}

}  // namespace vangnet
