// Several vangnet servers on one PostgreSQL database behave as one system: a change made
// through one reaches the live event stream of the others (issue 18). SQLite: one server.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "services/app/app_services.hpp"
#include "test_support/registry_fixture.hpp"

namespace vangnet {
namespace {

TEST(SeveralServers, AChangeThroughOneServerReachesTheOthersListenersOnce) {
  TempDir dir;
  auto store_a = OpenTestStore(dir.Path("gedeeld.db"));
  auto store_b = OpenTestStore(dir.Path("gedeeld.db"));
  AccountService accounts_a(*store_a, PasswordCost::Minimum());
  AccountService accounts_b(*store_b, PasswordCost::Minimum());
  AppServices a(*store_a, accounts_a, {});
  AppServices b(*store_b, accounts_b, {});
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<ChangeEvent> heard_by_a, heard_by_b;
  const auto recorder = [&](std::vector<ChangeEvent>& into) {
    return [&](const ChangeEvent& change) {
      std::lock_guard lock(mutex);
      into.push_back(change);
      changed.notify_all();
    };
  };
  a.OnChange(recorder(heard_by_a));
  b.OnChange(recorder(heard_by_b));
  const Caller system = Caller::System(kTestActor);
  // B listens once its connection is up: change through A until B hears.
  std::unique_lock lock(mutex);
  const int tries = TestOnPostgres() ? 50 : 1;
  for (int i = 0; i < tries && heard_by_b.empty(); ++i) {
    lock.unlock();
    ASSERT_TRUE(a.registry.Create<GpGroup>(system, {std::string("HG-") + std::to_string(i),
                                                    std::string("Hagro ") + std::to_string(i)}));
    lock.lock();
    changed.wait_for(lock, std::chrono::milliseconds(100), [&] { return !heard_by_b.empty(); });
  }
  if (!TestOnPostgres()) {
    EXPECT_TRUE(heard_by_b.empty());  // one server per SQLite file: nobody else to tell
    EXPECT_EQ(heard_by_a.size(), 1u);
    return;
  }
  ASSERT_FALSE(heard_by_b.empty());
  EXPECT_EQ(heard_by_b.front().table, "gp_group");
  EXPECT_EQ(heard_by_b.front().action, "create");
  // A heard each of its own changes once, not again through the database.
  const std::size_t own = heard_by_a.size();
  changed.wait_for(lock, std::chrono::milliseconds(300));
  EXPECT_EQ(heard_by_a.size(), own);
  a.OnChange({});
  b.OnChange({});
}

}  // namespace
}  // namespace vangnet
