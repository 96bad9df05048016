// Turns at the password hash. argon2id is made to be slow and to take memory, so vangnet runs
// at most two at once; the rest wait. A plain queue (or an unfair semaphore) lets a flood of
// wrong passwords from one address keep a real user waiting for as long as the flood lasts.
// Here waiting sign-ins are served by client address in turn, round robin: a real user's
// sign-in waits for at most one hash per address that is waiting, whatever one address sends,
// and an address with kMaxWaitingPerAddress sign-ins waiting is refused more at once (429).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace vangnet {

class HashingTurns {
 public:
  static constexpr int kAtOnce = 2;
  static constexpr std::size_t kMaxWaitingPerAddress = 4;

  // Waits for a turn for `address` (empty: a request of the system, e.g. an admin setting a
  // password, which queues as an address of its own); false, without waiting, when that address
  // already has kMaxWaitingPerAddress waiting. Every true must be followed by Leave().
  bool Enter(const std::string& address);
  void Leave();
  // How many wait now (for tests and the metrics).
  std::size_t Waiting();

 private:
  struct Waiter {
    std::condition_variable woken;
    bool granted = false;
  };
  std::mutex mutex_;
  int free_ = kAtOnce;
  std::map<std::string, std::deque<Waiter*>> waiting_;  // by address, in arrival order
  std::deque<std::string> turn_order_;                  // addresses with someone waiting
};

// One turn, given back at the end of the scope.
class HashingTurn {
 public:
  HashingTurn(HashingTurns& turns, const std::string& address)
      : turns_(turns), entered_(turns.Enter(address)) {}
  ~HashingTurn() {
    if (entered_) turns_.Leave();
  }
  HashingTurn(const HashingTurn&) = delete;
  HashingTurn& operator=(const HashingTurn&) = delete;
  explicit operator bool() const { return entered_; }

 private:
  HashingTurns& turns_;
  bool entered_;
};

}  // namespace vangnet
