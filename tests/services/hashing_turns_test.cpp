// Turns at the password hash: a flood from one address cannot keep another address waiting
// behind it, and an address with too many sign-ins waiting is refused at once.
#include "services/auth/hashing_turns.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace vangnet {
namespace {

// Threads that each take a turn for an address and record the order in which they got it.
class Recorder {
 public:
  explicit Recorder(HashingTurns& turns) : turns_(turns) {}
  ~Recorder() {
    for (auto& t : threads_) t.join();
  }
  void Queue(const std::string& address) {
    threads_.emplace_back([this, address] {
      if (!turns_.Enter(address)) {
        ++refused_;
        return;
      }
      {
        std::lock_guard lock(mutex_);
        order_.push_back(address);
      }
      turns_.Leave();
    });
  }
  // Waits until `waiting` threads wait for a turn and `refused` were refused.
  void WaitFor(std::size_t waiting, int refused) {
    while (turns_.Waiting() != waiting || refused_ != refused) std::this_thread::yield();
  }
  std::vector<std::string> Order() {
    for (auto& t : threads_) t.join();
    threads_.clear();
    return order_;
  }
  int refused() const { return refused_; }

 private:
  HashingTurns& turns_;
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::vector<std::string> order_;
  std::atomic<int> refused_{0};
};

TEST(HashingTurns, AWaitingAddressIsServedBeforeTheRestOfAFlood) {
  HashingTurns turns;
  // Both turns busy.
  ASSERT_TRUE(turns.Enter("flood"));
  ASSERT_TRUE(turns.Enter("flood"));
  Recorder recorder(turns);
  for (int i = 0; i < 4; ++i) recorder.Queue("flood");
  recorder.WaitFor(4, 0);
  recorder.Queue("user");  // arrives after four of the flood
  recorder.WaitFor(5, 0);
  recorder.Queue("flood");  // a fifth waiting from the flood: refused at once
  recorder.WaitFor(5, 1);
  // One turn freed, the other kept: the waiters pass one turn on, one after the other, so the
  // order they record is the order they were served in.
  turns.Leave();
  const auto order = recorder.Order();
  turns.Leave();
  // In turn: the flood's first waiter, the user, the rest of the flood. First come first served
  // would have put the user last.
  EXPECT_EQ(order, (std::vector<std::string>{"flood", "user", "flood", "flood", "flood"}));
}

TEST(HashingTurns, AFreeTurnIsTakenAtOnce) {
  HashingTurns turns;
  EXPECT_TRUE(turns.Enter("a"));
  EXPECT_TRUE(turns.Enter("b"));
  turns.Leave();
  EXPECT_TRUE(turns.Enter("c"));
  turns.Leave();
  turns.Leave();
}

}  // namespace
}  // namespace vangnet
