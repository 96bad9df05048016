// The PostgreSQL backend of sql::Connection, over libpq. Statements run with their values as
// text parameters (PQexecParams: never spliced into the SQL), results read as text.
#pragma once

#include <libpq-fe.h>

#include <string>
#include <unordered_map>

#include "store/sql/connection.hpp"

namespace vangnet::postgres {

class PostgresConnection final : public sql::Connection {
 public:
  // `url`: postgresql://user@host:port/db?... (libpq's connection string, multi-host allowed).
  static Result<std::unique_ptr<PostgresConnection>> Open(const std::string& url);
  ~PostgresConnection() override;
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  sql::Dialect dialect() const override { return sql::Dialect::kPostgres; }
  std::unique_ptr<sql::StatementBackend> Prepare(std::string_view sql) override;
  Status Exec(std::string_view sql) override;
  std::string LastError() const override { return last_error_; }
  sql::Failure LastFailure() const override { return last_failure_; }
  std::int64_t Changes() const override { return changes_; }
  bool Lost() const override { return timed_out_ || PQstatus(conn_) != CONNECTION_OK; }

  // libpq waits for an answer as long as the server keeps the connection open, and a server
  // that hangs (frozen, not dead: its kernel still acknowledges) keeps it open for ever. Every
  // statement therefore waits at most kStatementDeadline; then the connection counts as lost
  // (the request answers 503, and a transaction whose COMMIT was never sent is rolled back by
  // the server when it sees the connection gone, so nothing is applied later).
  static constexpr int kStatementDeadlineSeconds = 15;
  // Sends with `send` (a PQsend* call) and waits for the results within the deadline; the
  // first error result, or the last result; null when the deadline passed or the connection
  // broke (then Lost()).
  PGresult* Run(int sent);
  PGresult* RunText(const char* sql) { return Run(PQsendQuery(conn_, sql)); }

  // Statements report what became of their execution here.
  void Record(PGresult* result);
  PGconn* handle() const { return conn_; }
  // The name of `sql` (with $n placeholders) prepared on this connection, prepared now if it is
  // new; null if PostgreSQL refuses it (then run it unnamed to get the error).
  const std::string* PreparedName(const std::string& sql);

 private:
  explicit PostgresConnection(PGconn* conn) : conn_(conn) {}
  PGconn* conn_;
  std::string last_error_;
  sql::Failure last_failure_ = sql::Failure::kNone;
  std::int64_t changes_ = 0;
  bool timed_out_ = false;
  std::unordered_map<std::string, std::string> prepared_;  // SQL -> statement name
};

// SQL with `?` placeholders as PostgreSQL wants it: $1, $2, ... (a `?` inside a quoted literal
// or identifier stays).
std::string NumberPlaceholders(std::string_view sql);

}  // namespace vangnet::postgres
