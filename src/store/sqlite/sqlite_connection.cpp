#include "store/sqlite/sqlite_connection.hpp"

#include <stdexcept>

namespace vangnet::sqlite {

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) !=
      SQLITE_OK) {
    throw std::runtime_error(std::string("SQL prepare failed: ") + sqlite3_errmsg(db) + " in " +
                             std::string(sql));
  }
}

Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  needs_reset_ = false;
}

void Statement::BindNull(int index) {
  if (needs_reset_) Reset();
  sqlite3_bind_null(stmt_, index);
}
void Statement::BindText(int index, std::string_view text) {
  if (needs_reset_) Reset();
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}
void Statement::BindInt(int index, std::int64_t value) {
  if (needs_reset_) Reset();
  sqlite3_bind_int64(stmt_, index, value);
}
void Statement::BindDouble(int index, double value) {
  if (needs_reset_) Reset();
  sqlite3_bind_double(stmt_, index, value);
}

int Statement::Step() {
  needs_reset_ = true;
  return sqlite3_step(stmt_);
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}
std::string Statement::Text(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}
std::int64_t Statement::Int(int column) const {
  return sqlite3_column_int64(stmt_, column);
}
double Statement::Double(int column) const {
  return sqlite3_column_double(stmt_, column);
}

Result<Connection> Connection::Open(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Error::Io(path, "database kan niet worden geopend: " + message);
  }
  Connection connection(db);
  // WAL: readers never block the writer. FULL sync: a committed action survives a power cut,
  // not just a crash of the process. Busy timeout: a second writer waits instead of failing.
  sqlite3_busy_timeout(db, 10000);
  for (const char* pragma :
       {"PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=FULL"}) {
    if (auto status = connection.Exec(pragma); !status) {
      return Error::Io(path, "database kan niet worden ingesteld: " + status.error().message);
    }
  }
  return connection;
}

Connection::Connection(Connection&& other) noexcept : db_(other.db_) {
  other.db_ = nullptr;
}

Connection::~Connection() {
  if (db_) sqlite3_close_v2(db_);
}

Status Connection::Exec(std::string_view sql) {
  char* message = nullptr;
  std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string error = message ? message : LastError();
    sqlite3_free(message);
    return Error::Internal(error);
  }
  return Ok{};
}

std::string Connection::LastError() const {
  return sqlite3_errmsg(db_);
}

Error StoreError(sqlite3* db) {
  if ((sqlite3_extended_errcode(db) & 0xff) == SQLITE_CONSTRAINT) {
    return Error::NotFound({}, std::string("verwijzing bestaat niet: ") + sqlite3_errmsg(db));
  }
  return Error::Internal(sqlite3_errmsg(db));
}

}  // namespace vangnet::sqlite
