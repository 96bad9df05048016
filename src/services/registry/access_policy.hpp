// Who may read and change which part of the registry (ISSUE: roles of the server/UI issue).
//
//   resource              admin coordinator crisis_team practice_user   insurer  read_only
//   practices             rw    rw          r           r, w own        r (*)    r
//   people                rw    rw          r           r own staff     -        r
//   affiliations          rw    rw          r           rw own          -        r
//   contracts             rw    rw          r           rw own          -        r
//   calamity cards        rw    rw          r           rw own          -        r
//   organisations, hagro, wijk  rw rw       r           r               r        r
//   contacts, crisis roles rw   rw          r           r               -        r
//   (*) without the medically responsible person: the insurer sees aggregates and practices,
//       never a person's record.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/audit_event.hpp"
#include "core/error.hpp"
#include "core/user_account.hpp"

namespace vangnet {

// The person behind a request, as the services need them.
struct Caller {
  Actor actor;
  UserRole role = UserRole::kReadOnly;
  std::vector<std::string> practice_agbs;  // for practice users

  bool HasPractice(std::string_view agb) const;
  // The RHO's own people (admin, coordinator, crisis team): they act for the whole region.
  bool IsRho() const;
  // Ok for an admin (and the command line and internal jobs); otherwise forbidden with `refusal`.
  Status RequireAdmin(std::string refusal) const;
  static Caller System(Actor actor);  // the command line and internal jobs: full rights
  // A logged-in user acting through `channel` ("http", "agenda") for `purpose`.
  static Caller Of(const UserAccount& user, std::string channel, std::string purpose);
};

enum class Access {
  kNone,    // may not see it at all
  kScoped,  // only records of the caller's own practice(s)
  kAll,
};

Access ReadAccess(UserRole role, std::string_view table);
Access WriteAccess(UserRole role, std::string_view table);
// Whether a role hears of changes to `table` on the live stream: changes to personal data only
// reach roles that may read that table; other changes (practices, incidents) reach everyone.
bool MayHearOf(UserRole role, std::string_view table);
// Whether reading this table touches personal data, which every read then audits.
bool HoldsPersonalData(std::string_view table);

}  // namespace vangnet
