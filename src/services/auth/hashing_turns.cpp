#include "services/auth/hashing_turns.hpp"

namespace vangnet {

bool HashingTurns::Enter(const std::string& address) {
  std::unique_lock lock(mutex_);
  if (free_ > 0 && turn_order_.empty()) {
    --free_;
    return true;
  }
  auto& queue = waiting_[address];
  if (queue.size() >= kMaxWaitingPerAddress) return false;
  Waiter waiter;
  if (queue.empty()) turn_order_.push_back(address);
  queue.push_back(&waiter);
  waiter.woken.wait(lock, [&] { return waiter.granted; });
  return true;
}

// A turn given back goes to the first waiter of the next address in turn; that address goes to
// the back of the order when it has more waiting.
void HashingTurns::Leave() {
  std::lock_guard lock(mutex_);
  if (turn_order_.empty()) {
    ++free_;
    return;
  }
  const std::string address = std::move(turn_order_.front());
  turn_order_.pop_front();
  auto queue = waiting_.find(address);
  Waiter* next = queue->second.front();
  queue->second.pop_front();
  if (queue->second.empty()) {
    waiting_.erase(queue);
  } else {
    turn_order_.push_back(address);
  }
  next->granted = true;
  next->woken.notify_one();
}

std::size_t HashingTurns::Waiting() {
  std::lock_guard lock(mutex_);
  std::size_t n = 0;
  for (const auto& [address, queue] : waiting_) n += queue.size();
  return n;
}

}  // namespace vangnet
