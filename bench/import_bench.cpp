// Registry import throughput, demo build time and database size, on SQLite or PostgreSQL.
//
// Prints every speed as a ratio against a baseline measured in the same run on the same rows:
// plain inserts of the same people in one transaction through the database's own C library,
// without parsing, validation, reference checks or audit. The ratio is what vangnet's safety
// costs; the absolute figures are for the issue note. Not a test: nothing here asserts a time.
//
// Usage: import_bench [--db ADDRESS] [rows (default 100000)]
//   ADDRESS: an empty PostgreSQL database (postgresql://...); default fresh SQLite files.
//   On PostgreSQL every run imports into the same database with its own codes (B<run>-<i>).
#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "core/registry.hpp"
#include "io/xlsx.hpp"
#include "services/demo/demo_region.hpp"
#include "services/registry/record_rules.hpp"
#include "services/registry/registry_transfer.hpp"
#include "store/store.hpp"

namespace fs = std::filesystem;
using namespace vangnet;
using namespace vangnet::bench;

namespace {

// The same people as an Excel workbook: one sheet "people", birth years as number cells, as a
// coordinator's own list would be.
std::string PeopleXlsx(int rows, const std::string& prefix) {
  Table sheet{"people",
              {{"code"}, {"name"}, {"birth_year", CellType::kInteger}, {"phone"}, {"email"}},
              {},
              {}};
  sheet.rows.reserve(static_cast<std::size_t>(rows));
  for (int i = 0; i < rows; ++i) {
    sheet.rows.push_back({prefix + std::to_string(i), "Persoon Proefman " + std::to_string(i),
                          std::to_string(1950 + i % 50), "043-5551234",
                          "b" + std::to_string(i) + "@example.nl"});
  }
  return WriteXlsx({sheet}).value();
}

std::string PeopleCsv(int rows, const std::string& prefix) {
  std::string csv = "code,name,birth_year,phone,email\n";
  for (int i = 0; i < rows; ++i) {
    csv += prefix + std::to_string(i) + ",Persoon Proefman " + std::to_string(i) + "," +
           std::to_string(1950 + i % 50) + ",043-5551234,b" + std::to_string(i) + "@example.nl\n";
  }
  return csv;
}

// Baseline: the same rows through one prepared INSERT in one transaction, same pragmas.
double RawInsertSeconds(const std::string& path, int rows) {
  auto store = OpenSqliteStore(path);  // same schema
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON",
               nullptr, nullptr, nullptr);
  auto start = std::chrono::steady_clock::now();
  sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO person (code, name, birth_year, phone, email) VALUES (?,?,?,?,?)",
                     -1, &stmt, nullptr);
  for (int i = 0; i < rows; ++i) {
    std::string code = "B-" + std::to_string(i), name = "Persoon Proefman " + std::to_string(i),
                email = "b" + std::to_string(i) + "@example.nl";
    sqlite3_bind_text(stmt, 1, code.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 2, name.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(stmt, 3, 1950 + i % 50);
    sqlite3_bind_text(stmt, 4, "043-5551234", -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 5, email.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(stmt);
    sqlite3_reset(stmt);
  }
  sqlite3_finalize(stmt);
  sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  double seconds = Seconds(start);
  sqlite3_close(db);
  return seconds;
}

// The same baseline on PostgreSQL: one prepared INSERT, one transaction, a round trip per row as
// the store makes them.
double RawPostgresInsertSeconds(const std::string& address, int rows, const std::string& prefix) {
  PGconn* conn = PQconnectdb(address.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::fprintf(stderr, "PostgreSQL: %s", PQerrorMessage(conn));
    std::exit(1);
  }
  auto start = std::chrono::steady_clock::now();
  PQclear(PQexec(conn, "BEGIN"));
  PQclear(PQprepare(conn, "raw",
                    "INSERT INTO person (code, name, birth_year, phone, email) "
                    "VALUES ($1, $2, $3::integer, $4, $5)",
                    5, nullptr));
  for (int i = 0; i < rows; ++i) {
    std::string code = prefix + std::to_string(i), name = "Persoon Proefman " + std::to_string(i),
                year = std::to_string(1950 + i % 50), email = "b" + code + "@example.nl";
    const char* values[5] = {code.c_str(), name.c_str(), year.c_str(), "043-5551234",
                             email.c_str()};
    PGresult* result = PQexecPrepared(conn, "raw", 5, values, nullptr, nullptr, 0);
    if (PQresultStatus(result) != PGRES_COMMAND_OK) {
      std::fprintf(stderr, "raw insert: %s", PQerrorMessage(conn));
      std::exit(1);
    }
    PQclear(result);
  }
  PQclear(PQexec(conn, "COMMIT"));
  double seconds = Seconds(start);
  PQfinish(conn);
  return seconds;
}

}  // namespace

int main(int argc, char** argv) {
  std::string address;  // empty: SQLite files in a temporary folder
  int rows = 100000;
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--db" && i + 1 < argc) {
      address = argv[++i];
    } else {
      rows = std::atoi(argv[i]);
    }
  }
  const bool postgres = IsPostgresAddress(address);
  const int repeats = postgres ? 3 : 5;
  fs::path dir = fs::temp_directory_path() / "vangnet-bench";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::current_path(dir);  // the key file of a PostgreSQL database goes here

  if (!postgres) {
    // Demo region: build in memory and save with full validation and audit.
    std::vector<double> demo_seconds;
    std::uintmax_t demo_bytes = 0;
    for (int r = 0; r < repeats; ++r) {
      std::string path = (dir / ("demo" + std::to_string(r) + ".db")).string();
      auto store = OpenSqliteStore(path);
      auto start = std::chrono::steady_clock::now();
      auto saved = SaveRegistryRecords(*store.value(), kBench, BuildDemoRegion({}));
      demo_seconds.push_back(Seconds(start));
      if (!saved) {
        std::fprintf(stderr, "demo failed: %s\n", saved.error().ToString().c_str());
        return 1;
      }
      store.value().reset();
      demo_bytes =
          fs::file_size(path) + (fs::exists(path + "-wal") ? fs::file_size(path + "-wal") : 0);
    }
    std::printf(
        "demo region build+save (58 practices, ~1,000 records): median %.1f ms over %d runs\n",
        Median(demo_seconds) * 1000, repeats);
    std::printf("demo database size: %.2f MiB (%ju bytes, database + WAL)\n",
                demo_bytes / 1048576.0, demo_bytes);
  }

  // Import of `rows` people vs. the raw-insert baseline, same rows: a fresh SQLite file each
  // time, or on PostgreSQL the same database with codes of their own per run.
  std::unique_ptr<Store> shared;
  if (postgres) {
    auto opened = OpenStore(address);
    if (!opened) {
      std::fprintf(stderr, "%s\n", opened.error().ToString().c_str());
      return 1;
    }
    shared = std::move(opened.value());
  }
  std::vector<double> import_seconds, raw_seconds, xlsx_seconds;
  for (int r = 0; r < repeats; ++r) {
    const std::string prefix = "B" + std::to_string(r) + "-";
    const std::string csv = PeopleCsv(rows, prefix);
    std::unique_ptr<Store> own;
    if (!postgres)
      own = std::move(
          OpenSqliteStore((dir / ("import" + std::to_string(r) + ".db")).string()).value());
    Store& store = postgres ? *shared : *own;
    auto start = std::chrono::steady_clock::now();
    auto report = ImportRegistry(store, Caller::System(kBench), {{"people.csv", "", csv}});
    import_seconds.push_back(Seconds(start));
    if (!report.committed) {
      std::fprintf(stderr, "import failed: %s\n", report.errors[0].ToString().c_str());
      return 1;
    }
    raw_seconds.push_back(
        postgres ? RawPostgresInsertSeconds(address, rows, "R" + std::to_string(r) + "-")
                 : RawInsertSeconds((dir / ("raw" + std::to_string(r) + ".db")).string(), rows));
    // The same rows from an Excel workbook, into a store of their own (or codes of their own).
    const std::string xlsx = PeopleXlsx(rows, "X" + std::to_string(r) + "-");
    std::unique_ptr<Store> xlsx_own;
    if (!postgres)
      xlsx_own =
          std::move(OpenSqliteStore((dir / ("xlsx" + std::to_string(r) + ".db")).string()).value());
    Store& xlsx_store = postgres ? *shared : *xlsx_own;
    start = std::chrono::steady_clock::now();
    auto from_excel =
        ImportRegistry(xlsx_store, Caller::System(kBench), {{"people.xlsx", "", xlsx}});
    xlsx_seconds.push_back(Seconds(start));
    if (!from_excel.committed) {
      std::fprintf(stderr, "xlsx import failed: %s\n", from_excel.errors[0].ToString().c_str());
      return 1;
    }
  }

  double import_rate = rows / Median(import_seconds), raw_rate = rows / Median(raw_seconds);
  std::printf("%s: import of %d people rows: median %.3f s = %.0f rows/s (%d runs)\n",
              postgres ? "PostgreSQL" : "SQLite", rows, Median(import_seconds), import_rate,
              repeats);
  std::printf("baseline raw insert of the same rows: median %.3f s = %.0f rows/s\n",
              Median(raw_seconds), raw_rate);
  std::printf(
      "ratio import / raw insert throughput: %.3f (cost of parsing, validation, "
      "reference checks and per-row audit)\n",
      import_rate / raw_rate);
  const double xlsx_rate = rows / Median(xlsx_seconds);
  std::printf("the same rows from an Excel workbook: median %.3f s = %.0f rows/s\n",
              Median(xlsx_seconds), xlsx_rate);
  std::printf("ratio xlsx import / csv import throughput: %.3f (cost of unzipping and XML)\n",
              xlsx_rate / import_rate);
  fs::current_path(fs::temp_directory_path());
  fs::remove_all(dir);
  return 0;
}
