// /api/v1/session: log in (password and second factor, or single sign-on), who am I, log out.
#include "http/json/account_json.hpp"
#include "http/routes.hpp"

namespace vangnet {

namespace {
// A login step's answer: a session (cookie, user, CSRF token, recovery codes once after
// enrolment), or what the next step asks for (a pending login, no cookie).
void ReplyLogin(Router& router, httplib::Response& res, const Result<LoginResult>& login) {
  if (!login) {
    if (login.error().kind == ErrorKind::kRateLimited) {
      // A locked account waits out its window; an address's flood only its turn.
      res.set_header("Retry-After", login.error().field == "address" ? "5" : "900");
    }
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

// Sends the browser on with 303: the single sign-on steps are navigations, not fetches.
void Redirect(httplib::Response& res, const std::string& location) {
  res.status = 303;
  res.set_header("Location", location);
  res.set_header("Cache-Control", "no-store");
}

// A refused single sign-on goes back to the login page with the reason as a short code (the
// field of the error), which the page turns into a message; never the message itself, so a
// crafted link cannot put words on our login page.
void RedirectRefused(httplib::Response& res, const Error& error) {
  std::string reason = error.kind == ErrorKind::kIo ? "unavailable" : error.field;
  if (reason.empty()) reason = "unknown";
  Redirect(res, "/?sso_fout=" + reason);
}

void RegisterSingleSignOnRoutes(Router& router, SingleSignOn* sso) {
  // Whether the login page offers single sign-on, and the button's words.
  router.Get(
      "/api/v1/session/sso",
      [sso](const RequestContext&, const httplib::Request&, httplib::Response& res) {
        if (!sso) return ReplyJson(res, 200, {{"enabled", false}});
        ReplyJson(res, 200, {{"enabled", true}, {"label", sso->settings().label}});
      },
      Router::Auth::kPublic);

  // The button's link: on to the provider, with the browser key in a cookie.
  router.Get(
      "/api/v1/session/sso/start",
      [&router, sso](const RequestContext&, const httplib::Request&, httplib::Response& res) {
        if (!sso)
          return ReplyError(res, Error::NotFound("sso", "single sign-on is niet ingesteld"));
        auto start = sso->Begin();
        if (!start) return RedirectRefused(res, start.error());
        res.set_header("Set-Cookie", router.SignInCookie(start.value().browser_key));
        Redirect(res, start.value().authorization_url);
      },
      Router::Auth::kPublic);

  // Where the provider sends the browser back: a session and the app, or the login page with
  // the reason. The browser key is spent either way.
  router.Get(
      "/api/v1/session/sso/callback",
      [&router, sso](const RequestContext&, const httplib::Request& req, httplib::Response& res) {
        if (!sso)
          return ReplyError(res, Error::NotFound("sso", "single sign-on is niet ingesteld"));
        auto login = sso->Finish({req.get_param_value("code"), req.get_param_value("state"),
                                  req.get_param_value("iss"), req.get_param_value("error"),
                                  router.SignInKeyOf(req), req.remote_addr});
        res.set_header("Set-Cookie", router.ExpiredSignInCookie());
        if (!login) return RedirectRefused(res, login.error());
        res.set_header("Set-Cookie", router.SessionCookie(login.value().session_token));
        Redirect(res, "/");
      },
      Router::Auth::kPublic);
}

}  // namespace

void RegisterSessionRoutes(Router& router, AccountService& accounts, SingleSignOn* sso) {
  RegisterSingleSignOnRoutes(router, sso);
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
