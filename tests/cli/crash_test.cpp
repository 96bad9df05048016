// Nothing is lost or half-written on a crash: an import killed with SIGKILL in the middle of
// its transaction leaves the database exactly as it was before, and usable.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "test_support/registry_fixture.hpp"

extern char** environ;

namespace vangnet {
namespace {

std::int64_t CountPeople(const std::string& db_path) {
  auto store = OpenTestStore(db_path);
  auto uow = store->BeginRead(kTestActor);
  return uow.value()->Table<Person>().Count();
}

std::string IntegrityCheck(const std::string& db_path) {
  sqlite3* db = nullptr;
  sqlite3_open(db_path.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr);
  std::string result = sqlite3_step(stmt) == SQLITE_ROW
                           ? reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))
                           : "no result";
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return result;
}

TEST(CrashDuringImport, TheDatabaseHoldsAllOrNothing) {
  TempDir dir;
  const std::string db = dir.Path("v.db");
  {
    auto store = OpenTestStore(db);
    ASSERT_TRUE(SaveRegistryRecords(*store, kTestActor, BuildDemoRegion({})));
  }
  const std::int64_t before = CountPeople(db);

  // A large file, so that the import is still writing when it is killed.
  constexpr int kRows = 200000;
  {
    std::ofstream out(dir.Path("people.csv"));
    out << "code,name,birth_year,phone,email\n";
    for (int i = 0; i < kRows; ++i) {
      out << "IMP-" << i << ",Persoon Proefman " << i << "," << (1950 + i % 50)
          << ",043-5551234,imp" << i << "@example.nl\n";
    }
  }

  pid_t pid = 0;
  std::string binary = VANGNET_BINARY, csv = dir.Path("people.csv");
  std::vector<char*> argv{binary.data(),
                          const_cast<char*>("import"),
                          const_cast<char*>("--db"),
                          const_cast<char*>(db.c_str()),
                          csv.data(),
                          nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  ASSERT_EQ(posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);

  // Wait until the transaction has spilled well into the write-ahead log, then kill. Bounded:
  // at most 60 s, polling every millisecond.
  const std::string wal = db + "-wal";
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  bool writing = false;
  while (std::chrono::steady_clock::now() < deadline) {
    std::error_code ec;
    if (std::filesystem::file_size(wal, ec) > 8u * 1024 * 1024) {
      writing = true;
      break;
    }
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) break;  // finished before we could kill it
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_TRUE(writing) << "the import ended or stalled before it could be killed mid-way";
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status));

  // Killed mid-transaction: none of the rows is there, and the database is sound.
  EXPECT_EQ(CountPeople(db), before);
  EXPECT_EQ(IntegrityCheck(db), "ok");
  {
    auto store = OpenTestStore(db);
    auto uow = store->BeginRead(kTestActor);
    EXPECT_FALSE(uow.value()->Audit().FirstBrokenLink());
  }

  // And the same import, run to its end, stores all of it.
  auto store = OpenTestStore(db);
  auto report = ImportRegistry(*store, Caller::System(kTestActor), ReadImportFiles({csv}).value());
  ASSERT_TRUE(report.committed);
  EXPECT_EQ(CountPeople(db), before + kRows);
}

}  // namespace
}  // namespace vangnet
