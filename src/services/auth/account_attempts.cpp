// Sign-in attempts counted in the database (the lock-out) and the step-up code that confirms a
// dangerous admin action: the parts of AccountService that guard against guessing.
#include <nlohmann/json.hpp>

#include "core/date.hpp"
#include "core/text.hpp"
#include "services/auth/account_service.hpp"
#include "services/auth/totp.hpp"
#include "store/digest.hpp"

namespace vangnet {

Status AccountService::ClaimAttempt(const std::string& username, const char* field) {
  const std::string name_hash = HashToken(ToLowerAscii(Trim(username)));
  const TimePoint now = store_.clock().Now();
  auto uow = store_.Begin(Actor{"", "", "http", "aanmelden"});
  if (!uow) return uow.error();
  auto attempts = uow.value()->Accounts().ClaimLoginAttempt(name_hash, FormatUtc(now),
                                                            FormatUtc(now - kFailureWindow));
  if (!attempts) return attempts.error();
  if (auto s = uow.value()->Commit(); !s) return s.error();
  if (attempts.value() > kMaxFailedLogins) {
    return Error{ErrorKind::kRateLimited,
                 "te veel mislukte pogingen; probeer het over 15 minuten opnieuw",
                 {},
                 0,
                 field};
  }
  return Ok{};
}

void AccountService::ReturnAttempts(const std::string& username, bool all) {
  const std::string name_hash = HashToken(ToLowerAscii(Trim(username)));
  auto uow = store_.Begin(Actor{"", "", "http", "aanmelden"});
  if (!uow) return;  // the count stays a little high; the window ends it
  if (uow.value()->Accounts().ReturnLoginAttempts(name_hash, all)) (void)uow.value()->Commit();
}

Status AccountService::ConfirmStepUp(const Caller& caller, const std::string& code) {
  if (caller.actor.source != "http") return Ok{};
  const std::string& username = caller.actor.user;
  const std::string trimmed(Trim(code));
  if (trimmed.empty()) {
    return Error::Validation("step_up_code",
                             "vul een nieuwe code uit uw authenticator-app in: deze actie vraagt "
                             "om bevestiging met uw eigen tweede factor");
  }
  if (auto claimed = ClaimAttempt(username, "step_up_code"); !claimed) return claimed.error();
  auto uow = store_.Begin(Actor{username, caller.actor.role, "http", "bevestigen met code"});
  if (!uow) return uow.error();
  auto& accounts = uow.value()->Accounts();
  auto user = accounts.FindUser(username);
  auto factor = user ? accounts.FindSecondFactor(user->id) : std::nullopt;
  if (!user || !factor || !factor->enabled) {
    return Error(ErrorKind::kForbidden,
                 "deze actie vraagt om een code van uw eigen tweede factor, en u heeft er geen "
                 "ingesteld (aanmelden via uw organisatie); gebruik de opdrachtregel: vangnet user");
  }
  auto secret = totp::Open(factor->secret_sealed, store_.keys().totp());
  if (!secret) return secret.error();
  bool accepted = false;
  if (auto step = totp::MatchingStep(secret.value(), trimmed, store_.clock().Now())) {
    auto fresh = accounts.UseCounter(user->id, *step);  // a code already used is refused
    if (!fresh) return fresh.error();
    accepted = fresh.value();
  }
  if (!accepted) {
    uow.value().reset();
    (void)AuditSecurityEvent(username, "step_up", "refused", "{}");
    return Error::Validation("step_up_code", "de code klopt niet (of is al gebruikt)");
  }
  if (auto s = RecordAudit(*uow.value(), "step_up", "user_account", username, username); !s) {
    return s;
  }
  if (auto s = uow.value()->Commit(); !s) return s;
  ReturnAttempts(username, false);
  return Ok{};
}

}  // namespace vangnet
