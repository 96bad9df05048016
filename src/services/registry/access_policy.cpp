#include "services/registry/access_policy.hpp"

#include <algorithm>

namespace vangnet {

namespace {
bool OwnPracticeData(std::string_view table) {
  return table == "practice" || table == "affiliation" || table == "continuity_contract" ||
         table == "calamity_card" || table == "governance_check" ||
         table == "succession_trajectory" || table == "practice_collaboration";
}
bool InsurerMaySee(std::string_view table) {
  // Governance checks concern the practice's organisation, not a person: the insurer, who
  // contracts the practice, may see them.
  // Likewise a practice's arrangements with others and the regional programme's activities.
  return table == "practice" || table == "organisation" || table == "gp_group" ||
         table == "district" || table == "governance_check" || table == "practice_collaboration" ||
         table == "programme_activity";
}
}  // namespace

bool Caller::HasPractice(std::string_view agb) const {
  return std::find(practice_agbs.begin(), practice_agbs.end(), agb) != practice_agbs.end();
}

bool Caller::IsRho() const {
  return role == UserRole::kAdmin || role == UserRole::kCoordinator ||
         role == UserRole::kCrisisTeam;
}

Status Caller::RequireAdmin(std::string refusal) const {
  if (role == UserRole::kAdmin) return Ok{};
  return Error(ErrorKind::kForbidden, std::move(refusal));
}

Caller Caller::Of(const UserAccount& user, std::string channel, std::string purpose) {
  return Caller{Actor{user.username, std::string(EnumCode(USER_ROLES, user.role)),
                      std::move(channel), std::move(purpose)},
                user.role, user.practice_agbs};
}

Caller Caller::System(Actor actor) {
  return Caller{std::move(actor), UserRole::kAdmin, {}};
}

Access ReadAccess(UserRole role, std::string_view table) {
  switch (role) {
    case UserRole::kAdmin:
    case UserRole::kCoordinator:
    case UserRole::kCrisisTeam:
    case UserRole::kReadOnly:
      return Access::kAll;
    case UserRole::kInsurerLiaison:
      return InsurerMaySee(table) ? Access::kAll : Access::kNone;
    case UserRole::kPracticeUser:
      // Practices are listed for everyone (names, places); the rest of a practice's own data,
      // and the people working there, only for its own users.
      if (table == "practice") return Access::kAll;
      if (OwnPracticeData(table) || table == "person") return Access::kScoped;
      return Access::kAll;  // directory: organisations, contacts, crisis roles, hagro, wijk
  }
  return Access::kNone;
}

Access WriteAccess(UserRole role, std::string_view table) {
  switch (role) {
    case UserRole::kAdmin:
    case UserRole::kCoordinator:
      return Access::kAll;
    case UserRole::kPracticeUser:
      // People: a new one, or one on their own staff (see WriteInScope). A succession
      // trajectory is the RHO's work: the practice reads its own, the RHO keeps it.
      if (table == "succession_trajectory") return Access::kNone;
      return OwnPracticeData(table) || table == "person" ? Access::kScoped : Access::kNone;
    case UserRole::kCrisisTeam:
    case UserRole::kInsurerLiaison:
    case UserRole::kReadOnly:
      return Access::kNone;
  }
  return Access::kNone;
}

bool MayHearOf(UserRole role, std::string_view table) {
  return !HoldsPersonalData(table) || ReadAccess(role, table) != Access::kNone;
}

bool HoldsPersonalData(std::string_view table) {
  return table == "person" || table == "affiliation" || table == "contact" ||
         table == "crisis_role" || table == "calamity_card" ||
         table == "succession_trajectory";  // names the successor and the mentor
}

}  // namespace vangnet
