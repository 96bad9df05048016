// Backups (issue 18): taken while a server writes, restored into a new database that opens,
// whose audit chain verifies, and that holds every write committed before the backup began. On
// SQLite, and on PostgreSQL (pg_dump, pg_restore) under the "postgres" label.
#include "services/app/backup.hpp"

#include <fstream>

#include <filesystem>

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

// Backups were plain SQLite files with names and phone numbers, mode 0644; a restore with a
// wrong key made its database and key first, and a failed one left them behind.
TEST(Backup, ABackupIsSealedOwnerOnlyAndAWrongKeyOrADamagedCopyMakesNothing) {
  if (TestOnPostgres()) GTEST_SKIP() << "the sealing is the same for both; files here are SQLite";
  TempDir dir;
  const std::string path = dir.Path("live.db");
  {
    auto store = OpenTestStore(path);
    ASSERT_TRUE(store);
    auto uow = store->Begin(kTestActor);
    Practice p = NumberedPractice(1);
    p.name = "Praktijk Vertrouwelijk";
    ASSERT_TRUE(uow.value()->Table<Practice>().Insert(p));
    ASSERT_TRUE(uow.value()->Commit());
  }
  const std::string backup = dir.Path("kopie.backup");
  ASSERT_TRUE(BackupDatabase(path, backup));
  EXPECT_EQ(std::filesystem::status(backup).permissions() &
                (std::filesystem::perms::group_all | std::filesystem::perms::others_all),
            std::filesystem::perms::none);
  {
    std::ifstream in(backup, std::ios::binary);
    const std::string bytes(std::istreambuf_iterator<char>(in), {});
    EXPECT_EQ(bytes.find("Vertrouwelijk"), std::string::npos);
    EXPECT_EQ(bytes.find("SQLite format"), std::string::npos);
  }
  const std::string restored = dir.Path("terug.db");
  auto nothing_made = [&] {
    EXPECT_FALSE(std::filesystem::exists(restored));
    EXPECT_FALSE(std::filesystem::exists(restored + ".key"));
    EXPECT_FALSE(std::filesystem::exists(restored + ".audit-anchors"));
  };
  // Another region's key: refused before anything is made.
  ASSERT_TRUE(SecretKeys::LoadOrCreate(dir.Path("ander.key")));
  auto wrong = RestoreDatabase(backup, restored, dir.Path("ander.key"));
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().message.find("hoort niet bij"), std::string::npos);
  nothing_made();
  // A missing key file is no key: nothing made either.
  EXPECT_FALSE(RestoreDatabase(backup, restored, dir.Path("bestaat-niet.key")));
  EXPECT_FALSE(std::filesystem::exists(dir.Path("bestaat-niet.key")));
  nothing_made();
  // A damaged copy (a byte changed near its end): found, and what was made is gone again.
  const std::string damaged = dir.Path("beschadigd.backup");
  std::filesystem::copy_file(backup, damaged);
  {
    std::fstream f(damaged, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(-20, std::ios::end);
    f.put('\x5a');
  }
  auto broken = RestoreDatabase(damaged, restored, SecretKeys::PathFor(path));
  ASSERT_FALSE(broken);
  nothing_made();
  // The right key: restored, owner-only, with the checkpoints that came with it.
  auto back = RestoreDatabase(backup, restored, SecretKeys::PathFor(path));
  ASSERT_TRUE(back) << back.error().ToString();
  EXPECT_EQ(std::filesystem::status(restored).permissions() &
                (std::filesystem::perms::group_all | std::filesystem::perms::others_all),
            std::filesystem::perms::none);
  EXPECT_TRUE(std::filesystem::exists(restored + ".audit-anchors"));
}

}  // namespace
}  // namespace vangnet
