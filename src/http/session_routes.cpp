// /api/v1/session: log in, who am I, log out.
#include "http/json/account_json.hpp"
#include "http/routes.hpp"

namespace vangnet {

namespace {
// A login step's answer: a session (cookie, user, CSRF token, recovery codes once after
// enrolment), or what the next step asks for (a pending login, no cookie).
void ReplyLogin(Router& router, httplib::Response& res, const Result<LoginResult>& login) {
  if (!login) {
    if (login.error().kind == ErrorKind::kRateLimited) res.set_header("Retry-After", "900");
    return ReplyError(res, login.error());
  }
  const LoginResult& result = login.value();
  if (!result.pending_token.empty()) {
    return ReplyJson(res, 200,
                     {{"second_factor", result.second_factor}, {"pending", result.pending_token}});
  }
  res.set_header("Set-Cookie", router.SessionCookie(result.session_token));
  nlohmann::json body{{"user", UserJson(result.user)}, {"csrf_token", result.csrf_token}};
  if (!result.recovery_codes.empty()) body["recovery_codes"] = result.recovery_codes;
  ReplyJson(res, 200, body);
}
}  // namespace

void RegisterSessionRoutes(Router& router, AccountService& accounts) {
  router.Post(
      "/api/v1/session",
      [&router, &accounts](const RequestContext&, const httplib::Request& req,
                           httplib::Response& res) {
        auto body = ParseJsonBody(req, res);
        if (!body) return;
        std::string username = body->value("username", ""), password = body->value("password", "");
        ReplyLogin(router, res, accounts.Login(username, password, req.remote_addr));
      },
      Router::Auth::kPublic);

  // The second step: {"pending", "code"} with a TOTP code or a recovery code.
  router.Post(
      "/api/v1/session/second-factor",
      [&router, &accounts](const RequestContext&, const httplib::Request& req,
                           httplib::Response& res) {
        auto body = ParseJsonBody(req, res);
        if (!body) return;
        ReplyLogin(router, res,
                   accounts.CompleteLogin(body->value("pending", ""), body->value("code", ""),
                                          req.remote_addr));
      },
      Router::Auth::kPublic);

  // A first second factor for a pending login: {"pending"} -> the secret and its otpauth URI.
  router.Post(
      "/api/v1/session/enrolment",
      [&accounts](const RequestContext&, const httplib::Request& req, httplib::Response& res) {
        auto body = ParseJsonBody(req, res);
        if (!body) return;
        auto enrolment = accounts.BeginEnrolment(body->value("pending", ""));
        if (!enrolment) return ReplyError(res, enrolment.error());
        ReplyJson(
            res, 200,
            {{"secret", enrolment.value().secret}, {"otpauth_uri", enrolment.value().otpauth_uri}});
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
