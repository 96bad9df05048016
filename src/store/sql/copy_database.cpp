#include "store/sql/copy_database.hpp"

#include <cstdio>

#include "store/sql/rows.hpp"
#include "store/sql/sql_store.hpp"

namespace vangnet::sql {

const std::vector<std::string>& TablesInCopyOrder() {
  static const std::vector<std::string> tables{"gp_group",
                                               "district",
                                               "organisation",
                                               "person",
                                               "practice",
                                               "affiliation",
                                               "continuity_contract",
                                               "contact",
                                               "crisis_role",
                                               "calamity_card",
                                               "audit_event",
                                               "user_account",
                                               "user_session",
                                               "incident",
                                               "incident_practice",
                                               "incident_task",
                                               "incident_log",
                                               "incident_picture",
                                               "incident_alarm",
                                               "outbox",
                                               "incident_evaluation",
                                               "monitor_history",
                                               "governance_check",
                                               "redistribution_patient",
                                               "redistribution_offer",
                                               "redistribution_site",
                                               "redistribution_plan",
                                               "preparedness_completion",
                                               "calendar_feed",
                                               "second_factor",
                                               "recovery_code",
                                               "external_identity",
                                               "succession_trajectory",
                                               "practice_collaboration",
                                               "programme_activity",
                                               "login_attempt",
                                               "audit_checkpoint"};
  return tables;
}

namespace {

// Tables whose rows have an `id` to order by (and, on PostgreSQL, an identity to move on).
bool HasId(Connection& db, const std::string& table) {
  Statement probe(db, "SELECT * FROM " + table + " WHERE 1 = 0");
  probe.Step();
  for (int c = 0; c < probe.ColumnCount(); ++c) {
    if (probe.ColumnName(c) == "id") return true;
  }
  return false;
}

Result<std::int64_t> CopyTable(Connection& from, Connection& to, const std::string& table) {
  const bool has_id = HasId(from, table);
  Statement read(from, "SELECT * FROM " + table + (has_id ? " ORDER BY id" : ""));
  std::unique_ptr<Statement> write;
  std::int64_t rows = 0;
  for (int rc = read.Step(); rc == kRow; rc = read.Step()) {
    const int n = read.ColumnCount();
    if (!write) {
      std::string columns, marks;
      for (int c = 0; c < n; ++c) {
        columns += (c ? ", " : "") + read.ColumnName(c);
        marks += c ? ", ?" : "?";
      }
      write = std::make_unique<Statement>(
          to, "INSERT INTO " + table + " (" + columns + ") VALUES (" + marks + ")");
    }
    for (int c = 0; c < n; ++c) {
      if (read.IsNull(c)) {
        write->BindNull(c + 1);
      } else if (read.IsReal(c)) {
        write->BindDouble(c + 1, read.Double(c));  // all 17 digits, not the text's rounding
      } else {
        write->BindText(c + 1, read.Text(c));
      }
    }
    if (write->Step() != kDone) {
      return Error::Internal("kopiëren van " + table + " mislukt: " + to.LastError());
    }
    ++rows;
  }
  // PostgreSQL hands out ids from a sequence that does not see inserted ids: move it on.
  if (has_id && to.dialect() == Dialect::kPostgres && rows > 0) {
    if (auto s = to.Exec("SELECT setval(pg_get_serial_sequence('" + table +
                         "', 'id'), (SELECT max(id) FROM " + table + "))");
        !s)
      return s.error();
  }
  return rows;
}

}  // namespace

Result<CopyReport> CopyDatabase(Store& from_store, Store& to_store) {
  auto* from_sql = dynamic_cast<SqlStore*>(&from_store);
  auto* to_sql = dynamic_cast<SqlStore*>(&to_store);
  if (!from_sql || !to_sql) return Error::Internal("kopiëren kan alleen tussen SQL-databases");
  auto from = from_sql->Connect();
  if (!from) return from.error();
  auto to = to_sql->Connect();
  if (!to) return to.error();
  Connection& source = *from.value();
  Connection& target = *to.value();
  if (auto s = source.Exec(from_sql->BeginReadSql()); !s) return s.error();
  if (auto s = target.Exec(to_sql->BeginWriteSql()); !s) return s.error();
  CopyReport report;
  for (const auto& table : TablesInCopyOrder()) {
    Statement any(target, "SELECT 1 FROM " + table + " LIMIT 1");
    if (any.Step() == kRow) {
      (void)target.Exec("ROLLBACK");
      return Error::Validation("to", "de doeldatabase is niet leeg (tabel " + table +
                                         "); kopieer alleen naar een nieuwe database");
    }
  }
  for (const auto& table : TablesInCopyOrder()) {
    auto rows = CopyTable(source, target, table);
    if (!rows) {
      (void)target.Exec("ROLLBACK");
      return rows.error();
    }
    report.rows.emplace_back(table, rows.value());
    report.total += rows.value();
  }
  (void)source.Exec("COMMIT");
  if (auto s = target.Exec("COMMIT"); !s) return s.error();
  return report;
}

}  // namespace vangnet::sql
