// A user of vangnet, the role that decides what they may see and do, and a login session.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_names.hpp"

namespace vangnet {

enum class UserRole {
  kAdmin,           // users, audit log, everything
  kCoordinator,     // RHO continuity coordinator: reads and edits the registry
  kCrisisTeam,      // crisis team member: reads the registry (incidents will add writes)
  kPracticeUser,    // practice holder or staff: their own practice(s) only
  kInsurerLiaison,  // insurer: aggregates only, never a person's record
  kReadOnly,        // reads the registry, changes nothing
};

inline constexpr std::array<EnumName<UserRole>, 6> USER_ROLES{{
    {UserRole::kAdmin, "admin", "Beheerder"},
    {UserRole::kCoordinator, "coordinator", "Coördinator"},
    {UserRole::kCrisisTeam, "crisis_team", "Crisisteamlid"},
    {UserRole::kPracticeUser, "practice_user", "Praktijkgebruiker"},
    {UserRole::kInsurerLiaison, "insurer_liaison", "Zorgverzekeraar"},
    {UserRole::kReadOnly, "read_only", "Alleen lezen"},
}};

struct UserAccount {
  std::int64_t id = 0;
  std::int64_t version = 0;
  std::string username;
  std::string display_name;
  UserRole role = UserRole::kReadOnly;
  std::vector<std::string> practice_agbs;  // the practices a practice user may see and edit
  std::string password_hash;               // argon2id string; never leaves the server
  bool disabled = false;
  std::string created_at;
};

// An account's second factor (TOTP, RFC 6238). The secret is only ever stored sealed.
struct SecondFactor {
  std::int64_t user_id = 0;
  std::string secret_sealed;  // secretbox(nonce || ciphertext), base64
  bool enabled = false;       // confirmed with a code at enrolment
  std::int64_t last_counter = -1;
  std::string created_at;
};

struct UserSession {
  std::string token_hash;
  std::int64_t user_id = 0;
  std::string csrf_token;
  std::string created_at;
  std::string last_seen_at;
  std::string expires_at;
};

// Usernames: 3-40 of a-z, 0-9, '.', '-', '_'; a Dutch message when not.
std::optional<std::string> CheckUsername(std::string_view username);

}  // namespace vangnet
