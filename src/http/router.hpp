// The one place where routes are mounted and authentication, CSRF checks and error mapping are
// applied, so no route can forget them (cpp-httplib underneath; see http_server.hpp for why).
#pragma once

#include <httplib.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "services/auth/account_service.hpp"
#include "services/registry/access_policy.hpp"

namespace vangnet {

// Who is asking: the authenticated user and the Caller the services take.
struct RequestContext {
  std::optional<AuthenticatedUser> session;  // empty on public routes
  Caller caller;
};

using RouteHandler =
    std::function<void(const RequestContext&, const httplib::Request&, httplib::Response&)>;

// Response helpers: JSON bodies, problem+json errors.
void ReplyJson(httplib::Response& res, int status, const nlohmann::json& body);
void ReplyError(httplib::Response& res, const Error& error);
// The one concurrency convention for every mutable resource: a GET answers with the record's
// version as ETag, a change sends it back in If-Match; a stale version is refused with 412
// (Error::Conflict on field "version"), a missing one with 428.
std::optional<std::int64_t> IfMatchVersion(const httplib::Request& req);
void ReplyVersionRequired(httplib::Response& res);
std::string ETag(std::int64_t version);
// Parses the request body as JSON; a 400/415 problem is already sent when this returns nullopt.
std::optional<nlohmann::json> ParseJsonBody(const httplib::Request& req, httplib::Response& res);

class Router {
 public:
  enum class Auth { kPublic, kSession };

  Router(httplib::Server& server, AccountService& accounts, bool behind_tls)
      : server_(server), accounts_(accounts), behind_tls_(behind_tls) {}

  void Get(const std::string& pattern, RouteHandler handler, Auth auth = Auth::kSession);
  void Post(const std::string& pattern, RouteHandler handler, Auth auth = Auth::kSession);
  void Put(const std::string& pattern, RouteHandler handler, Auth auth = Auth::kSession);
  void Delete(const std::string& pattern, RouteHandler handler, Auth auth = Auth::kSession);

  // Cookie name: "__Host-" prefixed when served over TLS (the prefix demands Secure).
  std::string CookieName() const;
  std::string SessionCookie(const std::string& token) const;
  std::string ExpiredSessionCookie() const;
  std::string SessionTokenOf(const httplib::Request& req) const;
  AccountService& accounts() { return accounts_; }

 private:
  httplib::Server::Handler Wrap(RouteHandler handler, Auth auth, bool is_write);

  httplib::Server& server_;
  AccountService& accounts_;
  bool behind_tls_;
};

}  // namespace vangnet
