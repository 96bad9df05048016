#include "store/postgres/postgres_connection.hpp"

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <vector>

namespace vangnet::postgres {

namespace {

// SQLSTATE classes (PostgreSQL appendix A) as the repositories' failures.
sql::Failure FailureOf(const char* state) {
  const std::string s = state ? state : "";
  if (s == "23505") return sql::Failure::kUnique;
  if (s == "23503") return sql::Failure::kForeignKey;
  if (s.starts_with("23") || s == "P0001") return sql::Failure::kConstraint;  // P0001: a trigger
  if (s == "40001" || s == "40P01" || s == "55P03" || s.starts_with("08") || s == "57P01")
    return sql::Failure::kBusy;
  return sql::Failure::kOther;
}

class PostgresStatement final : public sql::StatementBackend {
 public:
  PostgresStatement(PostgresConnection& db, std::string_view sql)
      : db_(db), sql_(NumberPlaceholders(sql)), writes_(IsWrite(sql) && !IsAuditAppend(sql)) {}
  ~PostgresStatement() override { Clear(); }

  void Reset() override {
    Clear();
    params_.clear();
  }
  void BindNull(int index) override { Set(index, std::nullopt); }
  void BindText(int index, std::string_view text) override { Set(index, std::string(text)); }
  void BindInt(int index, std::int64_t value) override { Set(index, std::to_string(value)); }
  void BindDouble(int index, double value) override {
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", value);
    Set(index, std::string(text));
  }

  int Step() override {
    if (!result_) {
      std::vector<const char*> values;
      for (const auto& p : params_) values.push_back(p ? p->c_str() : nullptr);
      // A failed statement aborts a PostgreSQL transaction; SQLite's goes on, and services rely
      // on that (an import reports a refused row and checks the next). A write therefore runs
      // under a savepoint that a failure rolls back to.
      const bool guarded = writes_ && PQtransactionStatus(db_.handle()) == PQTRANS_INTRANS;
      if (guarded) Command("SAVEPOINT vangnet_statement");
      // Parsed and planned once per connection, then executed by name: an import of many rows
      // would otherwise parse the same INSERT for every row. Should preparing fail, the
      // statement runs unnamed, so its error is reported as it always was.
      const std::string* name = db_.PreparedName(sql_);
      result_ = db_.Run(
          name ? PQsendQueryPrepared(db_.handle(), name->c_str(), static_cast<int>(values.size()),
                                     values.data(), nullptr, nullptr, 0)
               : PQsendQueryParams(db_.handle(), sql_.c_str(), static_cast<int>(values.size()),
                                   nullptr, values.data(), nullptr, nullptr, 0));
      db_.Record(result_);
      const auto status = PQresultStatus(result_);
      const bool ok = status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK;
      if (guarded) {
        Command(ok ? "RELEASE SAVEPOINT vangnet_statement"
                   : "ROLLBACK TO SAVEPOINT vangnet_statement");
      }
      if (!ok) return 1;
      row_ = 0;
    }
    if (row_ < PQntuples(result_)) {
      current_ = row_++;
      return sql::kRow;
    }
    return sql::kDone;
  }

  // A column read after a failed step (a lost connection) reads as empty, never as a crash;
  // the failure itself reaches the caller through the connection (Lost, LastFailure).
  bool IsNull(int column) const override {
    return !HasValue(column) || PQgetisnull(result_, current_, column) == 1;
  }
  std::string Text(int column) const override {
    if (!HasValue(column)) return {};
    return std::string(PQgetvalue(result_, current_, column),
                       static_cast<std::size_t>(PQgetlength(result_, current_, column)));
  }
  std::int64_t Int(int column) const override {
    return HasValue(column) ? std::strtoll(PQgetvalue(result_, current_, column), nullptr, 10) : 0;
  }
  double Double(int column) const override {
    return HasValue(column) ? std::strtod(PQgetvalue(result_, current_, column), nullptr) : 0;
  }
  int ColumnCount() const override { return result_ ? PQnfields(result_) : 0; }
  std::string ColumnName(int column) const override {
    const char* name = result_ ? PQfname(result_, column) : nullptr;
    return name ? name : "";
  }
  bool IsReal(int column) const override {
    const Oid type = PQftype(result_, column);
    return type == 700 || type == 701;  // float4, float8 (pg_type.h)
  }

 private:
  // Binding after a step starts the next execution, with fresh values (as in SQLite).
  void Set(int index, std::optional<std::string> value) {
    if (result_) Reset();
    if (params_.size() < static_cast<std::size_t>(index)) params_.resize(index);
    params_[index - 1] = std::move(value);
  }
  bool HasValue(int column) const {
    return result_ && current_ < PQntuples(result_) && column < PQnfields(result_);
  }
  void Clear() {
    if (result_) PQclear(result_);
    result_ = nullptr;
  }
  // A savepoint command; its own outcome is not the statement's, so it is not recorded.
  void Command(const char* sql) { PQclear(db_.RunText(sql)); }
  static bool IsWrite(std::string_view sql) {
    const auto start = sql.find_first_not_of(" \t\n");
    if (start == std::string_view::npos) return false;
    const std::string_view verb = sql.substr(start, 6);
    for (std::string_view w : {"INSERT", "UPDATE", "DELETE"}) {
      if (verb.size() == 6 && std::equal(w.begin(), w.end(), verb.begin(), [](char a, char b) {
            return a == (b >= 'a' && b <= 'z' ? b - 'a' + 'A' : b);
          }))
        return true;
    }
    return false;
  }
  // An audit event that cannot be written fails the whole unit of work (every RecordAudit
  // caller returns the error, nothing commits), so it needs no savepoint to return to: two
  // round trips less for every change.
  static bool IsAuditAppend(std::string_view sql) {
    return sql.starts_with("INSERT INTO audit_event ");
  }

  PostgresConnection& db_;
  std::string sql_;
  std::vector<std::optional<std::string>> params_;
  bool writes_;
  PGresult* result_ = nullptr;
  int row_ = 0;
  int current_ = 0;
};

}  // namespace

std::string NumberPlaceholders(std::string_view sql) {
  std::string out;
  int n = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += "$" + std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

std::vector<std::string> SplitCommas(const char* list) {
  std::vector<std::string> parts;
  std::string part;
  for (const char* c = list ? list : ""; *c; ++c) {
    if (*c == ',') {
      parts.push_back(std::move(part));
      part.clear();
    } else {
      part += *c;
    }
  }
  parts.push_back(std::move(part));
  return parts;
}

std::string JoinCommas(const std::vector<std::string>& parts) {
  std::string list;
  for (const auto& part : parts) list += (list.empty() ? "" : ",") + part;
  return list;
}

// The address's hosts and ports with `first` ("host:port") moved to the front; empty when the
// address has one host, or `first` is none of them.
std::pair<std::string, std::string> HostsStartingWith(const std::string& url,
                                                      const std::string& first) {
  if (first.empty()) return {};
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  PQfreemem(error);
  if (!options) return {};
  const char* host_list = nullptr;
  const char* port_list = nullptr;
  for (auto* o = options; o->keyword; ++o) {
    if (std::string_view(o->keyword) == "host") host_list = o->val;
    if (std::string_view(o->keyword) == "port") port_list = o->val;
  }
  auto hosts = SplitCommas(host_list);
  auto ports = SplitCommas(port_list);
  PQconninfoFree(options);
  if (hosts.size() < 2) return {};
  if (ports.size() == 1) ports.resize(hosts.size(), ports[0]);  // one port for every host
  if (ports.size() != hosts.size()) return {};
  for (std::size_t i = 1; i < hosts.size(); ++i) {
    if (hosts[i] + ":" + (ports[i].empty() ? "5432" : ports[i]) != first) continue;
    std::rotate(hosts.begin(), hosts.begin() + static_cast<std::ptrdiff_t>(i), hosts.end());
    std::rotate(ports.begin(), ports.begin() + static_cast<std::ptrdiff_t>(i), ports.end());
    return {JoinCommas(hosts), JoinCommas(ports)};
  }
  return {};
}

}  // namespace

PGconn* ConnectWithLimits(const std::string& url, const std::string& first) {
  // Vangnet's own limits, unless the address sets them: a host that does not answer is given
  // up after 2 s (libpq's least; the next host of a multi-host address is tried), and a
  // connection whose server went silent is found dead by TCP keepalives and the kernel's user
  // timeout instead of hanging. Keywords before "dbname" are overridden by the address
  // (expand_dbname); the host order after it overrides the address's.
  const auto [hosts, ports] = HostsStartingWith(url, first);
  std::vector<const char*> keywords = {"connect_timeout",  "keepalives",       "keepalives_idle",
                                       "keepalives_interval", "keepalives_count", "tcp_user_timeout",
                                       "dbname"};
  std::vector<const char*> values = {"2", "1", "5", "2", "3", "10000", url.c_str()};
  if (!hosts.empty()) {
    keywords.insert(keywords.end(), {"host", "port"});
    values.insert(values.end(), {hosts.c_str(), ports.c_str()});
  }
  keywords.push_back(nullptr);
  values.push_back(nullptr);
  return PQconnectdbParams(keywords.data(), values.data(), 1);
}

std::string HostOf(PGconn* conn) {
  const char* host = PQhost(conn);
  const char* port = PQport(conn);
  return std::string(host ? host : "") + ":" + (port && *port ? port : "5432");
}

Result<std::unique_ptr<PostgresConnection>> PostgresConnection::Open(
    const std::string& url, const std::atomic<std::uint64_t>* outages,
    std::chrono::milliseconds deadline, const std::string& first) {
  PGconn* conn = nullptr;
  if (!outages) {
    conn = ConnectWithLimits(url, first);
  } else {
    // libpq connects blocking (its per-host timeout exists only there), so the connection is
    // made on a thread of its own while this one waits, and gives up as soon as the store's
    // watch says the database stopped answering; a late connection is then closed by its
    // thread. Without it, a request that needed a new connection just as the primary froze
    // waited the whole connect timeout.
    struct Pending {
      std::mutex mutex;
      std::condition_variable done;
      PGconn* conn = nullptr;
      bool finished = false, abandoned = false;
    };
    auto pending = std::make_shared<Pending>();
    const auto seen = outages->load();
    std::thread([pending, url, first] {
      PGconn* made = ConnectWithLimits(url, first);
      std::lock_guard lock(pending->mutex);
      if (pending->abandoned) {
        PQfinish(made);
        return;
      }
      pending->conn = made;
      pending->finished = true;
      pending->done.notify_one();
    }).detach();
    std::unique_lock lock(pending->mutex);
    while (!pending->done.wait_for(lock, std::chrono::milliseconds(100),
                                   [&] { return pending->finished; })) {
      if (outages->load() != seen) {
        pending->abandoned = true;
        return Error::Io("postgresql", "database kan niet worden geopend: ze antwoordt niet");
      }
    }
    conn = pending->conn;
  }
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = conn ? PQerrorMessage(conn) : "out of memory";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
      message.pop_back();
    PQfinish(conn);
    // The address may hold a password: only say which kind of database could not be reached.
    return Error::Io("postgresql", "database kan niet worden geopend: " + message);
  }
  // Notices (e.g. "table already exists, skipping" at migrations) are not errors; never print them.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  std::unique_ptr<PostgresConnection> connection(new PostgresConnection(conn, outages, deadline));
  // UTC and plain ISO dates whatever the server's defaults; times are stored as text anyway.
  if (auto s = connection->Exec("SET TIME ZONE 'UTC'; SET DateStyle = 'ISO'"); !s) return s.error();
  return connection;
}

PGresult* PostgresConnection::Run(int sent) {
  if (Abandoned()) timed_out_ = true;
  if (!sent || timed_out_) return nullptr;
  const auto deadline = std::chrono::steady_clock::now() + deadline_;
  // Waits until the socket is ready for `events`, or the deadline; false after the deadline,
  // or as soon as the store gave up on the database (looked at every 100 ms).
  const auto wait = [&](short events) {
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0 || Abandoned()) return false;
      pollfd p{PQsocket(conn_), events, 0};
      const int r = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 100)));
      if (r > 0 || (r < 0 && errno == EINTR)) return true;
      if (r < 0) return false;
    }
  };
  for (int flushed = PQflush(conn_); flushed != 0; flushed = PQflush(conn_)) {
    if (flushed < 0 || !wait(POLLOUT | POLLIN)) {
      timed_out_ = flushed >= 0;
      return nullptr;
    }
    if (!PQconsumeInput(conn_)) return nullptr;
  }
  PGresult* kept = nullptr;
  for (;;) {
    while (PQisBusy(conn_)) {
      if (!wait(POLLIN)) {
        timed_out_ = true;  // the connection has a statement in flight: never reused
        PQclear(kept);
        return nullptr;
      }
      if (!PQconsumeInput(conn_)) {
        PQclear(kept);
        return nullptr;
      }
    }
    PGresult* next = PQgetResult(conn_);
    if (!next) break;
    // As PQexec: the last result, but an error before it is the one that counts.
    const auto status = PQresultStatus(kept);
    if (kept && status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      PQclear(next);
    } else {
      PQclear(kept);
      kept = next;
    }
  }
  return kept;
}

PostgresConnection::~PostgresConnection() {
  PQfinish(conn_);
}

void PostgresConnection::Record(PGresult* result) {
  const auto status = PQresultStatus(result);
  if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
    last_failure_ = sql::Failure::kNone;
    last_error_.clear();
    const char* tuples = PQcmdTuples(result);
    changes_ = tuples && *tuples ? std::strtoll(tuples, nullptr, 10) : 0;
    return;
  }
  last_failure_ = !Lost() ? FailureOf(PQresultErrorField(result, PG_DIAG_SQLSTATE))
                          : sql::Failure::kBusy;
  const char* message = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  last_error_ = message                ? message
                : timed_out_           ? std::string("de database antwoordde niet op tijd")
                                       : PQerrorMessage(conn_);
}

const std::string* PostgresConnection::PreparedName(const std::string& sql) {
  if (auto it = prepared_.find(sql); it != prepared_.end()) return &it->second;
  // Preparing inside a transaction that must survive a failure needs the statement's own
  // savepoint, which the caller has set for writes; a failing read aborts either way.
  const std::string name = "v" + std::to_string(prepared_.size() + 1);
  PGresult* result = Run(PQsendPrepare(conn_, name.c_str(), sql.c_str(), 0, nullptr));
  const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
  PQclear(result);
  if (!ok) return nullptr;
  return &prepared_.emplace(sql, name).first->second;
}

std::unique_ptr<sql::StatementBackend> PostgresConnection::Prepare(std::string_view sql) {
  return std::make_unique<PostgresStatement>(*this, sql);
}

Status PostgresConnection::Exec(std::string_view sql) {
  PGresult* result = RunText(std::string(sql).c_str());
  Record(result);
  const auto status = PQresultStatus(result);
  PQclear(result);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) return Error::Internal(last_error_);
  return Ok{};
}

}  // namespace vangnet::postgres
