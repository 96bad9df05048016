// The store (SQLite, and PostgreSQL under the "postgres" label): migrations, round-trips,
// optimistic concurrency, transactions and the audit chain.
#include "store/store.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>
#include <vector>

#include "core/registry.hpp"
#include "store/audit_anchors.hpp"
#include "store/sql/copy_database.hpp"
#include "store/sql/sql_audit_log.hpp"
#include "test_support/temp_dir.hpp"
#include "test_support/test_store.hpp"

namespace vangnet {
namespace {

const Actor kTester{"test", "admin", "test", "unit test"};

// On SQLite, or on PostgreSQL under the "postgres" label (test_support/test_store.hpp).
class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    address_ = TestStoreAddress(dir_.Path("registry.db"));
    auto store = OpenStore(address_);
    ASSERT_TRUE(store) << store.error().ToString();
    store_ = std::move(store.value());
  }
  std::unique_ptr<UnitOfWork> Write() {
    auto uow = store_->Begin(kTester);
    EXPECT_TRUE(uow);
    return std::move(uow.value());
  }

  TempDir dir_;
  std::string address_;
  std::unique_ptr<Store> store_;
};

Practice MakePractice(const std::string& agb) {
  Practice p;
  p.agb = agb;
  p.name = "Praktijk " + agb;
  p.form = PracticeForm::kDuo;
  p.postcode = "6211";
  p.latitude = 50.8505631;
  p.longitude = 5.6860069;
  p.registered_patients = 4200;
  p.patient_stop = true;
  p.status = PracticeStatus::kTemporaryTakeover;
  return p;
}

TEST_F(StoreTest, MigrationsAreIdempotent) {
  auto again = OpenStore(address_);
  ASSERT_TRUE(again);
  auto applied = again.value()->Migrate();
  ASSERT_TRUE(applied);
  EXPECT_EQ(applied.value(), 0);
}

TEST_F(StoreTest, ANewDatabaseMayGoInAFolderThatDoesNotExistYet) {
  if (TestOnPostgres()) GTEST_SKIP() << "a SQLite file's folder";
  auto store = OpenSqliteStore(dir_.Path("nieuw/sub/registry.db"));
  ASSERT_TRUE(store) << store.error().ToString();
  EXPECT_TRUE(std::filesystem::exists(dir_.Path("nieuw/sub/registry.db")));
}

TEST_F(StoreTest, APracticeReadsBackExactlyAsWritten) {
  auto uow = Write();
  auto stored = uow->Table<Practice>().Insert(MakePractice("01000001"));
  ASSERT_TRUE(stored) << stored.error().ToString();
  EXPECT_GT(stored.value().id, 0);
  EXPECT_EQ(stored.value().version, 1);
  ASSERT_TRUE(uow->Commit());

  auto read = store_->BeginRead(kTester);
  Practice probe;
  probe.agb = "01000001";
  auto found = read.value()->Table<Practice>().Find(probe);
  ASSERT_TRUE(found);
  EXPECT_TRUE(SameContent(*found, MakePractice("01000001")));
  EXPECT_EQ(*found->latitude, 50.8505631);
}

TEST_F(StoreTest, AListQueryFiltersSearchesAndPagesInTheDatabase) {
  auto uow = Write();
  for (int i = 1; i <= 30; ++i) {
    Practice p = MakePractice("0100" + std::to_string(1000 + i));
    p.name = i % 3 == 0 ? "Huisartsen 100%_Zuid " + std::to_string(i) : "Praktijk " + p.agb;
    p.patient_stop = i % 2 == 0;
    p.form = i <= 10 ? PracticeForm::kSolo : PracticeForm::kDuo;
    p.registered_patients = 1000 * i;
    if (i == 7) p.place = "Vaals";
    ASSERT_TRUE(uow->Table<Practice>().Insert(p));
  }
  auto& table = uow->Table<Practice>();
  const auto agbs = [](const RecordPage<Practice>& page) {
    std::vector<std::string> out;
    for (const auto& p : page.items) out.push_back(p.agb);
    return out;
  };

  RecordFilter all;
  all.limit = 4;
  all.offset = 8;
  auto page = table.Query(all);
  EXPECT_EQ(page.total, 30u);
  EXPECT_EQ(agbs(page), (std::vector<std::string>{"01001009", "01001010", "01001011", "01001012"}))
      << "a page in the order of the natural key";

  RecordFilter solo_with_stop;
  solo_with_stop.equals = {{"form", {"solo"}}, {"patient_stop", {"1"}}};
  EXPECT_EQ(table.Query(solo_with_stop).total, 5u);
  solo_with_stop.equals = {{"registered_patients", {"7000"}}};
  EXPECT_EQ(agbs(table.Query(solo_with_stop)), std::vector<std::string>{"01001007"});
  solo_with_stop.equals = {{"registered_patients", {"zeven"}}};
  EXPECT_EQ(table.Query(solo_with_stop).total, 0u) << "no number: nothing matches";
  solo_with_stop.equals = {{"place", {""}}};
  EXPECT_EQ(table.Query(solo_with_stop).total, 29u) << "an empty value matches an empty field";
  solo_with_stop.equals = {{"agb", {"01001003", "01001021", "99999999"}}, {"form", {"duo"}}};
  EXPECT_EQ(agbs(table.Query(solo_with_stop)), (std::vector<std::string>{"01001021"}))
      << "any of several values, and every field";

  RecordFilter search;
  search.search_fields = {"name", "place"};
  search.search = "VAALS";
  EXPECT_EQ(agbs(table.Query(search)), std::vector<std::string>{"01001007"})
      << "case-insensitive, in any of the fields";
  search.search = "100%_z";
  EXPECT_EQ(table.Query(search).total, 10u) << "% and _ are taken literally";
  search.search = "0%_";
  EXPECT_EQ(table.Query(search).total, 10u);
  search.search = "1%z";
  EXPECT_EQ(table.Query(search).total, 0u) << "% is no wildcard";
  search.search_fields = {"place"};
  search.search = "Praktijk";
  EXPECT_EQ(table.Query(search).total, 0u) << "only the fields asked for are searched";
  search.search_fields = {};
  EXPECT_EQ(table.Query(search).total, 0u);

  RecordFilter beyond;
  beyond.offset = 40;
  page = table.Query(beyond);
  EXPECT_EQ(page.total, 30u);
  EXPECT_TRUE(page.items.empty());
}

// Requests share a bounded set of connections: past the bound a unit of work waits for one to
// end (instead of each opening a connection of its own), and one opened inside another on the
// same thread never waits for itself.
TEST_F(StoreTest, UnitsOfWorkBeyondTheBoundWaitForOneToEnd) {
  constexpr int kHolders = 16;  // sql::SqlStore::kMaxConnections
  std::mutex mutex;
  std::condition_variable changed;
  int holding = 0;
  bool let_go = false;
  std::vector<std::thread> holders;
  for (int i = 0; i < kHolders; ++i) {
    holders.emplace_back([&] {
      auto uow = store_->BeginRead(kTester);
      ASSERT_TRUE(uow);
      auto nested = store_->BeginRead(kTester);  // same thread: no second slot, no wait
      ASSERT_TRUE(nested);
      std::unique_lock lock(mutex);
      ++holding;
      changed.notify_all();
      changed.wait(lock, [&] { return let_go; });
    });
  }
  {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return holding == kHolders; });
  }
  std::atomic<bool> opened = false;
  std::thread late([&] {
    auto uow = store_->BeginRead(kTester);
    EXPECT_TRUE(uow);
    opened = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_FALSE(opened) << "a unit of work beyond the bound did not wait";
  {
    std::lock_guard lock(mutex);
    let_go = true;
  }
  changed.notify_all();
  late.join();
  EXPECT_TRUE(opened);
  for (auto& t : holders) t.join();
}

TEST_F(StoreTest, UncommittedWorkIsRolledBack) {
  {
    auto uow = Write();
    ASSERT_TRUE(uow->Table<Practice>().Insert(MakePractice("01000001")));
  }  // no Commit
  EXPECT_EQ(Write()->Table<Practice>().Count(), 0);
  EXPECT_TRUE(Write()->Audit().List({}).empty());
}

TEST_F(StoreTest, DuplicateKeyIsAConflict) {
  auto uow = Write();
  ASSERT_TRUE(uow->Table<Practice>().Insert(MakePractice("01000001")));
  auto again = uow->Table<Practice>().Insert(MakePractice("01000001"));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(again.error().message, "praktijk 01000001 bestaat al");
}

TEST_F(StoreTest, AStaleVersionCannotOverwriteANewerOne) {
  auto uow = Write();
  auto stored = uow->Table<Practice>().Insert(MakePractice("01000001")).value();
  Practice first = stored, second = stored;
  first.registered_patients = 4300;
  auto updated = uow->Table<Practice>().Update(first);
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated.value().version, 2);
  second.registered_patients = 4100;  // edited from the old copy
  auto lost = uow->Table<Practice>().Update(second);
  ASSERT_FALSE(lost);
  EXPECT_EQ(lost.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(uow->Table<Practice>().Find(stored)->registered_patients, 4300);
}

TEST_F(StoreTest, ReferencesMustExistAndBlockDeletion) {
  auto uow = Write();
  Affiliation a;
  a.person_code = "HA-1";
  a.practice_agb = "01000001";
  auto orphan = uow->Table<Affiliation>().Insert(a);
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error().kind, ErrorKind::kNotFound);

  ASSERT_TRUE(uow->Table<Practice>().Insert(MakePractice("01000001")));
  ASSERT_TRUE(uow->Table<Person>().Insert(Person{0, 0, "HA-1", "Dr. A", 1960, "", "", ""}));
  ASSERT_TRUE(uow->Table<Affiliation>().Insert(a));
  EXPECT_TRUE(uow->ReferenceExists("person.code", "HA-1"));
  EXPECT_FALSE(uow->ReferenceExists("person.code", "HA-2"));

  auto in_use = uow->Table<Practice>().Delete(MakePractice("01000001"));
  ASSERT_FALSE(in_use);
  EXPECT_EQ(in_use.error().kind, ErrorKind::kConflict);
  ASSERT_TRUE(uow->Table<Affiliation>().Delete(a));
  EXPECT_TRUE(uow->Table<Practice>().Delete(MakePractice("01000001")));
  EXPECT_EQ(uow->Table<Practice>().Count(), 0);
}

TEST_F(StoreTest, EveryWriteIsAuditedWithWhoWhatAndWhose) {
  auto uow = Write();
  auto person =
      uow->Table<Person>().Insert(Person{0, 0, "HA-1", "Dr. A", 1960, "", "", ""}).value();
  person.birth_year = 1961;
  ASSERT_TRUE(uow->Table<Person>().Update(person));
  ASSERT_TRUE(uow->Table<Person>().Delete(person));
  ASSERT_TRUE(uow->Commit());

  auto events = Write()->Audit().List({});
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].action, "create");
  EXPECT_EQ(events[1].action, "update");
  EXPECT_EQ(events[1].details, R"({"changed":["birth_year"]})");
  EXPECT_EQ(events[2].action, "delete");
  for (const auto& e : events) {
    EXPECT_EQ(e.actor_user, "test");
    EXPECT_EQ(e.purpose, "unit test");
    EXPECT_EQ(e.object_type, "person");
    EXPECT_EQ(e.subject_key, "HA-1");
    EXPECT_EQ(e.occurred_at.back(), 'Z');
    // No personal values in the trail: the name and birth year never appear.
    EXPECT_EQ(e.details.find("Dr. A"), std::string::npos);
    EXPECT_EQ(e.details.find("1961"), std::string::npos);
  }
}

TEST_F(StoreTest, TheAuditChainDetectsTampering) {
  {
    auto uow = Write();
    ASSERT_TRUE(uow->Table<Practice>().Insert(MakePractice("01000001")));
    ASSERT_TRUE(uow->Table<Practice>().Insert(MakePractice("01000002")));
    ASSERT_TRUE(uow->Commit());
  }
  EXPECT_FALSE(Write()->Audit().FirstBrokenLink());

  // The table refuses updates; someone with file access drops the guard and edits a row.
  ASSERT_FALSE(RunSqlDirectly(address_, "UPDATE audit_event SET actor_user = 'x' WHERE id = 1"));
  ASSERT_TRUE(RunSqlDirectly(address_, DropAuditGuardSql(address_) +
                                           "UPDATE audit_event SET actor_user = 'x' WHERE id = 1"));
  EXPECT_EQ(Write()->Audit().FirstBrokenLink(), 1);
}

// Issue 17 finding 6: verify passed after the tail was cut, after every row was deleted, and
// after the chain was recomputed from a tampered row with plain BLAKE2b. The chain is keyed now
// and checked against checkpoints kept outside the database.
class AuditAnchoringTest : public StoreTest {
 protected:
  // 60 audited writes, then a checkpoint of the head.
  void SetUp() override {
    StoreTest::SetUp();
    for (int i = 0; i < 60; ++i) {
      auto uow = Write();
      char agb[9];
      std::snprintf(agb, sizeof agb, "0100%04d", i);
      ASSERT_TRUE(uow->Table<Practice>().Insert(MakePractice(agb)));
      ASSERT_TRUE(uow->Commit());
    }
    auto uow = Write();
    ASSERT_TRUE(uow->Audit().WriteCheckpoint());
    ASSERT_FALSE(uow->Audit().FirstBrokenLink());
  }
  // Runs SQL on the database as someone with file access, triggers dropped.
  void Tamper(const std::string& sql) {
    ASSERT_TRUE(RunSqlDirectly(address_, DropAuditGuardSql(address_) + sql)) << sql;
  }
};

TEST_F(AuditAnchoringTest, DeletingTheLastRowIsNoticed) {
  Tamper("DELETE FROM audit_event WHERE id = (SELECT max(id) FROM audit_event)");
  EXPECT_TRUE(Write()->Audit().FirstBrokenLink());
}

TEST_F(AuditAnchoringTest, DeletingTheLast50RowsIsNoticed) {
  Tamper("DELETE FROM audit_event WHERE id > (SELECT max(id) - 50 FROM audit_event)");
  EXPECT_TRUE(Write()->Audit().FirstBrokenLink());
}

TEST_F(AuditAnchoringTest, DeletingEveryRowIsNoticed) {
  Tamper("DELETE FROM audit_event");
  EXPECT_TRUE(Write()->Audit().FirstBrokenLink());
}

TEST_F(AuditAnchoringTest, AChainRecomputedWithPlainBlake2bFromATamperedRowIsNoticed) {
  // Edit row 10 and rebuild every hash from there as the old, unkeyed chain did.
  Tamper("UPDATE audit_event SET actor_user = 'iemand-anders' WHERE id = 10");
  std::vector<AuditEvent> events;
  {
    AuditFilter all;
    all.limit = 1000;
    events = Write()->Audit().List(all);
  }
  std::string prev = "0";
  std::string sql;
  for (auto& e : events) {
    e.prev_hash = prev;
    e.hash = sql::AuditEventHash(e);  // no key: all a database editor can compute
    sql += "UPDATE audit_event SET prev_hash = '" + e.prev_hash + "', hash = '" + e.hash +
           "' WHERE id = " + std::to_string(e.id) + ";";
    prev = e.hash;
  }
  Tamper(sql);
  EXPECT_TRUE(Write()->Audit().FirstBrokenLink());
}

TEST_F(AuditAnchoringTest, AForgedCheckpointIsNoticedAndTheKeyStaysOutsideTheDatabase) {
  const std::string anchors = AuditAnchors::PathFor(dir_.Path("registry.db"));
  {
    std::ofstream out(anchors, std::ios::app);
    out << "1\t1\tabc\t2026-12-01T00:00:00.000Z\t0000\n";
  }
  EXPECT_TRUE(Write()->Audit().FirstBrokenLink());
  // The key file exists beside the database, owner-only, and its bytes are not in it.
  const auto key_file = SecretKeys::PathFor(dir_.Path("registry.db"));
  ASSERT_TRUE(std::filesystem::exists(key_file));
  EXPECT_EQ(std::filesystem::status(key_file).permissions() & std::filesystem::perms::group_all,
            std::filesystem::perms::none);
  EXPECT_EQ(std::filesystem::file_size(key_file), 32u);
}

// Several servers on one PostgreSQL database: one runs the background jobs, and when it goes
// another takes over. On SQLite (one server per file) every store leads.
TEST(BackgroundWorkLease, OneStoreOnADatabaseLeadsAndAnotherTakesOverWhenItGoes) {
  TempDir dir;
  auto first = OpenTestStore(dir.Path("lease.db"));
  auto second = OpenTestStore(dir.Path("lease.db"));
  ASSERT_TRUE(first && second);
  EXPECT_TRUE(first->LeadsBackgroundWork());
  EXPECT_TRUE(first->LeadsBackgroundWork());  // asked again, it still leads
  if (!TestOnPostgres()) {
    EXPECT_TRUE(second->LeadsBackgroundWork());
    return;
  }
  EXPECT_FALSE(second->LeadsBackgroundWork());
  first.reset();  // the leading server stops: its connection and lock end
  // The database server ends the old session a moment after the connection closes; the
  // scheduler asks again at its next tick, so does this test (bounded).
  bool took_over = false;
  for (int attempt = 0; attempt < 50 && !took_over; ++attempt) {
    took_over = second->LeadsBackgroundWork();
    if (!took_over) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(took_over);
}

// vangnet copy: everything into an empty database of the other kind (SQLite -> the test's
// store, PostgreSQL under the "postgres" label) and back, complete, with the chain intact.
TEST(CopyDatabase, EveryRowGoesAcrossAndBackWithTheAuditChainIntact) {
  TempDir dir;
  const std::string target_path = dir.Path("doel.db");
  // The copy keeps the chain's keyed hashes, so both sides use one key file.
  setenv("VANGNET_KEY_FILE", (target_path + ".key").c_str(), 1);
  auto source = OpenSqliteStore(dir.Path("bron.db"));
  ASSERT_TRUE(source);
  {
    auto uow = source.value()->Begin(kTester);
    for (const char* agb : {"01000001", "01000002"})
      ASSERT_TRUE(uow.value()->Table<Practice>().Insert(MakePractice(agb)));
    Practice odd = MakePractice("01000003");
    odd.latitude = 50.123456789012345;  // every digit must survive, not the text's rounding
    ASSERT_TRUE(uow.value()->Table<Practice>().Insert(odd));
    ASSERT_TRUE(uow.value()->Commit());
  }
  auto target = OpenTestStore(target_path);
  auto copied = sql::CopyDatabase(*source.value(), *target);
  ASSERT_TRUE(copied) << copied.error().ToString();
  EXPECT_EQ(copied.value().total, 3 + 3);  // three practices and their three audit events
  {
    auto uow = target->BeginRead(kTester);
    EXPECT_EQ(uow.value()->Table<Practice>().Count(), 3);
    EXPECT_EQ(uow.value()->Table<Practice>().Find(MakePractice("01000003"))->latitude,
              50.123456789012345);
    EXPECT_FALSE(uow.value()->Audit().FirstBrokenLink());
  }
  // New rows on the target get new ids after the copied ones.
  {
    auto uow = target->Begin(kTester);
    auto fourth = uow.value()->Table<Practice>().Insert(MakePractice("01000004"));
    ASSERT_TRUE(fourth) << fourth.error().ToString();
    EXPECT_EQ(fourth.value().id, 4);
    ASSERT_TRUE(uow.value()->Commit());
  }
  // A database that is not empty is refused, and nothing is written.
  auto again = sql::CopyDatabase(*source.value(), *target);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().field, "to");
  // And back into a new SQLite file.
  auto back = OpenSqliteStore(dir.Path("terug.db"));
  ASSERT_TRUE(back);
  ASSERT_TRUE(sql::CopyDatabase(*target, *back.value()));
  auto uow = back.value()->BeginRead(kTester);
  EXPECT_EQ(uow.value()->Table<Practice>().Count(), 4);
  EXPECT_FALSE(uow.value()->Audit().FirstBrokenLink());
  unsetenv("VANGNET_KEY_FILE");
}

// A table added by a migration but forgotten in the copy order would silently stay behind.
TEST(CopyDatabase, TheCopyOrderNamesEveryTableOfTheSchema) {
  TempDir dir;
  auto store = OpenSqliteStore(dir.Path("schema.db"));
  ASSERT_TRUE(store);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir.Path("schema.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                     "'sqlite_%' AND name <> 'schema_migration'",
                     -1, &stmt, nullptr);
  const auto& order = sql::TablesInCopyOrder();
  int tables = 0;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    const std::string name = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    EXPECT_NE(std::find(order.begin(), order.end(), name), order.end()) << name;
    ++tables;
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  EXPECT_EQ(tables, static_cast<int>(order.size()));
}

// Several servers on one PostgreSQL database: what one announces after a commit, the others
// hear (the live event stream of every browser). SQLite has no other servers.
TEST(ChangeAnnouncements, WhatOneStoreAnnouncesTheOthersHear) {
  TempDir dir;
  auto speaker = OpenTestStore(dir.Path("shared.db"));
  auto hearer = OpenTestStore(dir.Path("shared.db"));
  std::mutex mutex;
  std::condition_variable heard_cv;
  std::vector<std::string> heard;
  auto subscription = hearer->Subscribe([&](const std::string& message) {
    std::lock_guard lock(mutex);
    heard.push_back(message);
    heard_cv.notify_all();
  });
  if (!TestOnPostgres()) {
    EXPECT_EQ(subscription, nullptr);
    speaker->Announce("niemand luistert");  // and nothing happens
    return;
  }
  ASSERT_NE(subscription, nullptr);
  // The subscription listens once its connection is up; announce until it has heard.
  std::unique_lock lock(mutex);
  for (int i = 0; i < 50 && heard.empty(); ++i) {
    lock.unlock();
    speaker->Announce(R"({"table":"practice","action":"update","id":7})");
    lock.lock();
    heard_cv.wait_for(lock, std::chrono::milliseconds(100), [&] { return !heard.empty(); });
  }
  ASSERT_FALSE(heard.empty());
  EXPECT_EQ(heard.front(), R"({"table":"practice","action":"update","id":7})");
}

// The database server restarts or fails over: the server's pooled connections are gone. The
// next action notices, connects anew and works; an action whose connection went half-way is
// answered "unavailable" (HTTP 503 with Retry-After) and left nothing behind.
TEST(LostConnection, TheNextActionReconnectsAndAHalfDoneOneSavesNothing) {
  if (!TestOnPostgres()) GTEST_SKIP() << "a SQLite file has no connection to lose";
  TempDir dir;
  const std::string address = TestStoreAddress(dir.Path("weg.db"));
  auto store = OpenTestStore(dir.Path("weg.db"));
  for (const char* agb : {"01000001", "01000002"}) {  // two connections in the pool
    auto uow = store->Begin(kTester);
    ASSERT_TRUE(uow.value()->Table<Practice>().Insert(MakePractice(agb)));
    ASSERT_TRUE(uow.value()->Commit());
  }
  const std::string kill_others =
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
      "current_database() AND pid <> pg_backend_pid()";
  ASSERT_TRUE(RunSqlDirectly(address, kill_others));
  (void)TakeConnectionLost();
  {
    auto uow = store->Begin(kTester);  // a dead pooled connection is dropped, a new one made
    ASSERT_TRUE(uow) << uow.error().ToString();
    ASSERT_TRUE(uow.value()->Table<Practice>().Insert(MakePractice("01000003")));
    ASSERT_TRUE(uow.value()->Commit());
  }
  EXPECT_FALSE(TakeConnectionLost()) << "a dropped idle connection cost the action nothing";
  {
    auto uow = store->Begin(kTester);
    ASSERT_TRUE(uow);
    ASSERT_TRUE(RunSqlDirectly(address, kill_others));  // gone in the middle of the action
    auto inserted = uow.value()->Table<Practice>().Insert(MakePractice("01000004"));
    ASSERT_FALSE(inserted);
    EXPECT_EQ(inserted.error().kind, ErrorKind::kUnavailable);
  }
  // What the HTTP layer asks after each request, to answer 503 whatever the action made of it.
  EXPECT_TRUE(TakeConnectionLost());
  EXPECT_FALSE(TakeConnectionLost()) << "asked once, the mark is gone";
  {
    auto uow = store->BeginRead(kTester);
    ASSERT_TRUE(uow);
    ASSERT_TRUE(RunSqlDirectly(address, kill_others));
    // A read that loses its connection finds nothing, which must not be taken as the answer.
    EXPECT_EQ(uow.value()->Table<Practice>().Count(), 0);
  }
  EXPECT_TRUE(TakeConnectionLost());
  auto uow = store->BeginRead(kTester);
  ASSERT_TRUE(uow);
  EXPECT_EQ(uow.value()->Table<Practice>().Count(), 3);
  EXPECT_FALSE(uow.value()->Audit().FirstBrokenLink());
}

}  // namespace
}  // namespace vangnet
