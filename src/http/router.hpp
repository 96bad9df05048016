// The one place where routes are mounted and authentication, CSRF checks and error mapping are
// applied, so no route can forget them (cpp-httplib underneath; see http_server.hpp for why).
#pragma once

#include <httplib.h>

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "http/request.hpp"
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
  // The single sign-on browser key (single_sign_on.hpp): SameSite=Lax, since the provider sends
  // the browser back with a cross-site navigation; only for the sso paths, 10 minutes.
  std::string SignInCookie(const std::string& browser_key) const;
  std::string ExpiredSignInCookie() const;
  std::string SignInKeyOf(const httplib::Request& req) const;
  AccountService& accounts() { return accounts_; }
  // Every mounted route as (method, pattern): what the hostile-client tests walk.
  const std::vector<std::pair<std::string, std::string>>& Routes() const { return routes_; }

 private:
  httplib::Server::Handler Wrap(RouteHandler handler, Auth auth, bool is_write);
  // Wrap's work: the origin, session and CSRF checks, then the handler.
  void Handle(const RouteHandler& handler, Auth auth, bool is_write, const httplib::Request& req,
              httplib::Response& res);

  httplib::Server& server_;
  AccountService& accounts_;
  bool behind_tls_;
  std::vector<std::pair<std::string, std::string>> routes_;
};

}  // namespace vangnet
