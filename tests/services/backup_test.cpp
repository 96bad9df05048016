// Backups (issue 18): taken while a server writes, restored into a new database that opens,
// whose audit chain verifies, and that holds every write committed before the backup began. On
// SQLite, and on PostgreSQL (pg_dump, pg_restore) under the "postgres" label.
#include "services/app/backup.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "test_support/registry_fixture.hpp"

namespace vangnet {
namespace {

Practice NumberedPractice(int n) {
  Practice p;
  char agb[9];
  std::snprintf(agb, sizeof agb, "0200%04d", n);
  p.agb = agb;
  p.name = "Praktijk " + p.agb;
  p.form = PracticeForm::kSolo;
  p.postcode = "6211";
  p.registered_patients = 2000;
  return p;
}

TEST(Backup, ABackupTakenDuringWritesRestoresWithEveryEarlierWriteAndAnIntactChain) {
  TempDir dir;
  const std::string path = dir.Path("live.db");
  const std::string address = TestStoreAddress(path);
  auto store = OpenTestStore(path);
  ASSERT_TRUE(store);
  const std::string key = SecretKeys::PathFor(LocalFileBase(address));  // kept apart
  // A writer keeps adding practices, one action each, before, during and after the backup.
  std::atomic<int> committed{0};
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    for (int n = 0; !stop && n < 2000; ++n) {
      auto uow = store->Begin(kTestActor);
      if (!uow || !uow.value()->Table<Practice>().Insert(NumberedPractice(n)) ||
          !uow.value()->Commit())
        break;
      committed = n + 1;
    }
  });
  while (committed < 20) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const int before = committed;
  const std::string backup = dir.Path("kopie.backup");
  auto made = BackupDatabase(address, backup);
  stop = true;
  writer.join();
  ASSERT_TRUE(made) << made.error().ToString();
  // A second backup to the same name is refused: nothing is overwritten.
  EXPECT_FALSE(BackupDatabase(address, backup));

  // Restored into a new database, with the key file kept apart.
  const std::string restored_path = dir.Path("terug.db");
  const std::string restored = EmptyTestDatabaseAddress(restored_path);
  if (TestOnPostgres()) setenv("VANGNET_KEY_FILE", (restored_path + ".key").c_str(), 1);
  auto back = RestoreDatabase(backup, restored, key);
  ASSERT_TRUE(back) << back.error().ToString();
  auto opened = OpenStore(restored);
  ASSERT_TRUE(opened);
  auto uow = opened.value()->BeginRead(kTestActor);
  const auto count = uow.value()->Table<Practice>().Count();
  EXPECT_GE(count, before);
  EXPECT_LE(count, committed.load());
  for (int n = 0; n < before; ++n) {
    EXPECT_TRUE(uow.value()->Table<Practice>().Find(NumberedPractice(n))) << n;
  }
  EXPECT_FALSE(uow.value()->Audit().FirstBrokenLink());
  // Restoring over an existing SQLite database is refused.
  if (!TestOnPostgres()) EXPECT_FALSE(RestoreDatabase(backup, restored, key));
}

}  // namespace
}  // namespace vangnet
