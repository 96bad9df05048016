// The PostgreSQL backend of sql::Connection, over libpq. Statements run with their values as
// text parameters (PQexecParams: never spliced into the SQL), results read as text.
#pragma once

#include <libpq-fe.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <unordered_map>

#include "store/sql/connection.hpp"

namespace vangnet::postgres {

class PostgresConnection final : public sql::Connection {
 public:
  // `url`: postgresql://user@host:port/db?... (libpq's connection string, multi-host allowed).
  // `outages`: a count the store raises when the database stops answering (SqlStore's watch);
  // a statement in flight, or started later, on a connection opened before gives up at once.
  // `deadline`: how long one statement may wait for its answer.
  // `first`: the host:port to try first, of the address's hosts (the one that answered last).
  static Result<std::unique_ptr<PostgresConnection>> Open(
      const std::string& url, const std::atomic<std::uint64_t>* outages = nullptr,
      std::chrono::milliseconds deadline = std::chrono::seconds(kStatementDeadlineSeconds),
      const std::string& first = {});
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
  // Abandoned because the store saw the database stop answering, since this connection opened.
  bool Abandoned() const { return outages_ && outages_->load() != seen_outages_; }
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
  PostgresConnection(PGconn* conn, const std::atomic<std::uint64_t>* outages,
                     std::chrono::milliseconds deadline)
      : conn_(conn),
        outages_(outages),
        seen_outages_(outages ? outages->load() : 0),
        deadline_(deadline) {}
  PGconn* conn_;
  const std::atomic<std::uint64_t>* outages_;
  std::uint64_t seen_outages_;
  std::chrono::milliseconds deadline_;
  std::string last_error_;
  sql::Failure last_failure_ = sql::Failure::kNone;
  std::int64_t changes_ = 0;
  bool timed_out_ = false;
  std::unordered_map<std::string, std::string> prepared_;  // SQL -> statement name
};

// SQL with `?` placeholders as PostgreSQL wants it: $1, $2, ... (a `?` inside a quoted literal
// or identifier stays).
std::string NumberPlaceholders(std::string_view sql);

// A libpq connection with vangnet's own limits (see PostgresConnection::Open), or a failed one
// (PQstatus tells; the caller PQfinish-es either). With `first` ("host:port", one of the
// address's hosts) that host is tried first and the others after it in their order: a host
// that hangs costs each new connection the connect timeout, so once another has answered
// (after a failover) it goes first.
PGconn* ConnectWithLimits(const std::string& url, const std::string& first = {});
// The "host:port" a connection is on.
std::string HostOf(PGconn* conn);

}  // namespace vangnet::postgres
