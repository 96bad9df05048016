// /api/v1/session: log in, who am I, log out.
#include "http/json/account_json.hpp"
#include "http/routes.hpp"

namespace vangnet {

void RegisterSessionRoutes(Router& router, AccountService& accounts) {
  router.Post(
      "/api/v1/session",
      [&router, &accounts](const RequestContext&, const httplib::Request& req,
                           httplib::Response& res) {
        auto body = ParseJsonBody(req, res);
        if (!body) return;
        std::string username = body->value("username", ""), password = body->value("password", "");
        auto login = accounts.Login(username, password, req.remote_addr);
        if (!login) {
          if (login.error().kind == ErrorKind::kRateLimited) res.set_header("Retry-After", "900");
          return ReplyError(res, login.error());
        }
        res.set_header("Set-Cookie", router.SessionCookie(login.value().session_token));
        ReplyJson(
            res, 200,
            {{"user", UserJson(login.value().user)}, {"csrf_token", login.value().csrf_token}});
      },
      Router::Auth::kPublic);

  router.Get("/api/v1/session", [](const RequestContext& ctx, const httplib::Request&,
                                   httplib::Response& res) {
    ReplyJson(res, 200,
              {{"user", UserJson(ctx.session->user)}, {"csrf_token", ctx.session->csrf_token}});
  });

  router.Delete("/api/v1/session",
                [&router, &accounts](const RequestContext&, const httplib::Request& req,
                                     httplib::Response& res) {
                  (void)accounts.Logout(router.SessionTokenOf(req));
                  res.set_header("Set-Cookie", router.ExpiredSessionCookie());
                  res.status = 204;
                });
}

}  // namespace vangnet
