#include "store/sql/sql_account_repository.hpp"

#include "store/sql/rows.hpp"

namespace vangnet::sql {

namespace {

constexpr const char* kUserColumns =
    "id, version, username, display_name, role, practice_agbs, password_hash, disabled, "
    "created_at";

std::string JoinAgbs(const std::vector<std::string>& agbs) {
  std::string joined;
  for (const auto& agb : agbs) joined += (joined.empty() ? "" : ",") + agb;
  return joined;
}

std::vector<std::string> SplitAgbs(const std::string& joined) {
  std::vector<std::string> agbs;
  std::size_t start = 0;
  while (start < joined.size()) {
    auto comma = joined.find(',', start);
    if (comma == std::string::npos) comma = joined.size();
    if (comma > start) agbs.push_back(joined.substr(start, comma - start));
    start = comma + 1;
  }
  return agbs;
}

UserAccount ReadUser(const Statement& stmt) {
  UserAccount u;
  Row row(stmt);
  u.id = row.Int();
  u.version = row.Int();
  u.username = row.Text();
  u.display_name = row.Text();
  u.role = ParseEnum(USER_ROLES, row.Text()).value_or(UserRole::kReadOnly);
  u.practice_agbs = SplitAgbs(row.Text());
  u.password_hash = row.Text();
  u.disabled = row.Bool();
  u.created_at = row.Text();
  return u;
}

}  // namespace

Status SqlAccountRepository::Run(Statement& stmt) {
  int rc = stmt.Step();
  if (rc != kDone && rc != kRow) {
    if (IsConstraint(db_.LastFailure())) {
      return Error::Conflict("username", "deze gebruikersnaam bestaat al");
    }
    return StoreError(db_);
  }
  return Ok{};
}

std::optional<UserAccount> SqlAccountRepository::FindUser(std::string_view username) {
  Statement stmt(db_,
                 std::string("SELECT ") + kUserColumns + " FROM user_account WHERE username = ?");
  Bind(stmt, username);
  if (stmt.Step() != kRow) return std::nullopt;
  return ReadUser(stmt);
}

std::optional<UserAccount> SqlAccountRepository::FindUserById(std::int64_t id) {
  Statement stmt(db_, std::string("SELECT ") + kUserColumns + " FROM user_account WHERE id = ?");
  Bind(stmt, id);
  if (stmt.Step() != kRow) return std::nullopt;
  return ReadUser(stmt);
}

std::vector<UserAccount> SqlAccountRepository::ListUsers() {
  Statement stmt(db_,
                 std::string("SELECT ") + kUserColumns + " FROM user_account ORDER BY username");
  std::vector<UserAccount> users;
  while (stmt.Step() == kRow) users.push_back(ReadUser(stmt));
  return users;
}

Result<UserAccount> SqlAccountRepository::InsertUser(const UserAccount& user) {
  Statement stmt(db_,
                 "INSERT INTO user_account (username, display_name, role, practice_agbs, "
                 "password_hash, disabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
  Bind(stmt, user.username, user.display_name, EnumCode(USER_ROLES, user.role),
       JoinAgbs(user.practice_agbs), user.password_hash, user.disabled ? 1 : 0, user.created_at);
  if (stmt.Step() != kRow) {
    if (IsConstraint(db_.LastFailure())) {
      return Error::Conflict("username", "gebruikersnaam '" + user.username + "' bestaat al");
    }
    return StoreError(db_);
  }
  UserAccount stored = user;
  stored.id = stmt.Int(0);
  stored.version = 1;
  return stored;
}

Status SqlAccountRepository::UpdateUser(const UserAccount& user) {
  Statement stmt(db_,
                 "UPDATE user_account SET display_name = ?, role = ?, practice_agbs = ?, "
                 "password_hash = ?, disabled = ?, version = version + 1 WHERE id = ?");
  Bind(stmt, user.display_name, EnumCode(USER_ROLES, user.role), JoinAgbs(user.practice_agbs),
       user.password_hash, user.disabled ? 1 : 0, user.id);
  return Run(stmt);
}

Status SqlAccountRepository::InsertSession(const UserSession& s) {
  Statement stmt(db_,
                 "INSERT INTO user_session (token_hash, user_id, csrf_token, created_at, "
                 "last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)");
  Bind(stmt, s.token_hash, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at);
  return Run(stmt);
}

Result<bool> SqlAccountRepository::RunChangingOneRow(Statement& stmt) {
  if (auto s = Run(stmt); !s) return s.error();
  return db_.Changes() == 1;
}

std::optional<UserSession> SqlAccountRepository::FindSession(std::string_view token_hash) {
  Statement stmt(db_,
                 "SELECT token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at "
                 "FROM user_session WHERE token_hash = ?");
  Bind(stmt, token_hash);
  if (stmt.Step() != kRow) return std::nullopt;
  return UserSession{stmt.Text(0), stmt.Int(1),  stmt.Text(2),
                     stmt.Text(3), stmt.Text(4), stmt.Text(5)};
}

Status SqlAccountRepository::TouchSession(std::string_view token_hash,
                                          std::string_view last_seen_at) {
  Statement stmt(db_, "UPDATE user_session SET last_seen_at = ? WHERE token_hash = ?");
  Bind(stmt, last_seen_at, token_hash);
  return Run(stmt);
}

Status SqlAccountRepository::DeleteSession(std::string_view token_hash) {
  Statement stmt(db_, "DELETE FROM user_session WHERE token_hash = ?");
  Bind(stmt, token_hash);
  return Run(stmt);
}

Status SqlAccountRepository::DeleteSessionsOfUser(std::int64_t user_id) {
  Statement stmt(db_, "DELETE FROM user_session WHERE user_id = ?");
  Bind(stmt, user_id);
  return Run(stmt);
}

Status SqlAccountRepository::SetCalendarFeed(std::int64_t user_id, std::string_view token_hash,
                                             std::string_view created_at) {
  Statement stmt(db_,
                 "INSERT INTO calendar_feed (user_id, token_hash, created_at) VALUES (?, ?, ?) "
                 "ON CONFLICT(user_id) DO UPDATE SET token_hash = excluded.token_hash, "
                 "created_at = excluded.created_at");
  Bind(stmt, user_id, token_hash, created_at);
  return Run(stmt);
}

std::optional<std::int64_t> SqlAccountRepository::FindCalendarFeed(std::string_view token_hash) {
  Statement stmt(db_, "SELECT user_id FROM calendar_feed WHERE token_hash = ?");
  Bind(stmt, token_hash);
  if (stmt.Step() != kRow) return std::nullopt;
  return stmt.Int(0);
}

std::optional<std::int64_t> SqlAccountRepository::FindExternalIdentity(std::string_view issuer,
                                                                       std::string_view subject) {
  Statement stmt(db_, "SELECT user_id FROM external_identity WHERE issuer = ? AND subject = ?");
  Bind(stmt, issuer, subject);
  if (stmt.Step() != kRow) return std::nullopt;
  return stmt.Int(0);
}

Status SqlAccountRepository::InsertExternalIdentity(std::string_view issuer,
                                                    std::string_view subject, std::int64_t user_id,
                                                    std::string_view created_at) {
  Statement stmt(db_,
                 "INSERT INTO external_identity (issuer, subject, user_id, created_at) "
                 "VALUES (?, ?, ?, ?)");
  Bind(stmt, issuer, subject, user_id, created_at);
  return Run(stmt);
}

Status SqlAccountRepository::DeleteCalendarFeed(std::int64_t user_id) {
  Statement stmt(db_, "DELETE FROM calendar_feed WHERE user_id = ?");
  Bind(stmt, user_id);
  return Run(stmt);
}

std::optional<SecondFactor> SqlAccountRepository::FindSecondFactor(std::int64_t user_id) {
  Statement stmt(db_,
                 "SELECT user_id, secret_sealed, enabled, last_counter, created_at "
                 "FROM second_factor WHERE user_id = ?");
  Bind(stmt, user_id);
  if (stmt.Step() != kRow) return std::nullopt;
  Row row(stmt);
  SecondFactor f;
  f.user_id = row.Int();
  f.secret_sealed = row.Text();
  f.enabled = row.Bool();
  f.last_counter = row.Int();
  f.created_at = row.Text();
  return f;
}

Status SqlAccountRepository::SaveSecondFactor(const SecondFactor& f) {
  Statement stmt(db_,
                 "INSERT INTO second_factor (user_id, secret_sealed, enabled, last_counter, "
                 "created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(user_id) DO UPDATE SET "
                 "secret_sealed = excluded.secret_sealed, enabled = excluded.enabled, "
                 "last_counter = excluded.last_counter, created_at = excluded.created_at");
  Bind(stmt, f.user_id, f.secret_sealed, f.enabled ? 1 : 0, f.last_counter, f.created_at);
  return Run(stmt);
}

Result<bool> SqlAccountRepository::UseCounter(std::int64_t user_id, std::int64_t counter) {
  Statement stmt(
      db_, "UPDATE second_factor SET last_counter = ? WHERE user_id = ? AND last_counter < ?");
  Bind(stmt, counter, user_id, counter);
  return RunChangingOneRow(stmt);
}

Result<std::int64_t> SqlAccountRepository::ClaimLoginAttempt(std::string_view name_hash,
                                                             std::string_view now,
                                                             std::string_view window_start_before) {
  // Windows that have ended are forgotten first, so the table holds only the names tried in the
  // last window, however many a flood tries (an ended window would start over at 1 anyway).
  Statement forget(db_, "DELETE FROM login_attempt WHERE window_start < ?");
  Bind(forget, window_start_before);
  if (forget.Step() != kDone) return StoreError(db_);
  // The count and its check are one statement: two servers or threads never read the same
  // count (SQLite serialises writers; PostgreSQL locks the row for the upsert).
  Statement stmt(db_,
                 "INSERT INTO login_attempt (name_hash, window_start, attempts) VALUES (?, ?, 1) "
                 "ON CONFLICT(name_hash) DO UPDATE SET "
                 "attempts = CASE WHEN login_attempt.window_start < ? THEN 1 "
                 "ELSE login_attempt.attempts + 1 END, "
                 "window_start = CASE WHEN login_attempt.window_start < ? "
                 "THEN excluded.window_start ELSE login_attempt.window_start END "
                 "RETURNING attempts");
  Bind(stmt, name_hash, now, window_start_before, window_start_before);
  if (stmt.Step() != kRow) return StoreError(db_);
  const std::int64_t attempts = stmt.Int(0);
  while (stmt.Step() == kRow) {
  }
  return attempts;
}

Status SqlAccountRepository::ReturnLoginAttempts(std::string_view name_hash, bool all) {
  Statement stmt(db_, all ? "DELETE FROM login_attempt WHERE name_hash = ?"
                          : "UPDATE login_attempt SET attempts = attempts - 1 "
                            "WHERE name_hash = ? AND attempts > 0");
  Bind(stmt, name_hash);
  return Run(stmt);
}

Status SqlAccountRepository::DeleteSecondFactor(std::int64_t user_id) {
  Statement codes(db_, "DELETE FROM recovery_code WHERE user_id = ?");
  Bind(codes, user_id);
  if (auto s = Run(codes); !s) return s;
  Statement stmt(db_, "DELETE FROM second_factor WHERE user_id = ?");
  Bind(stmt, user_id);
  return Run(stmt);
}

Status SqlAccountRepository::ReplaceRecoveryCodes(std::int64_t user_id,
                                                  const std::vector<std::string>& hashes) {
  Statement clear(db_, "DELETE FROM recovery_code WHERE user_id = ?");
  Bind(clear, user_id);
  if (auto s = Run(clear); !s) return s;
  for (const auto& hash : hashes) {
    Statement insert(db_, "INSERT INTO recovery_code (user_id, code_hash) VALUES (?, ?)");
    Bind(insert, user_id, hash);
    if (auto s = Run(insert); !s) return s;
  }
  return Ok{};
}

Result<bool> SqlAccountRepository::UseRecoveryCode(std::int64_t user_id, std::string_view code_hash,
                                                   std::string_view at) {
  Statement stmt(db_,
                 "UPDATE recovery_code SET used_at = ? WHERE user_id = ? AND code_hash = ? AND "
                 "used_at IS NULL");
  Bind(stmt, at, user_id, code_hash);
  return RunChangingOneRow(stmt);
}

}  // namespace vangnet::sql
