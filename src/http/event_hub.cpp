#include "http/event_hub.hpp"

namespace vangnet {

void EventHub::Publish(const std::string& type, const std::string& json, const std::string& topic) {
  {
    std::lock_guard lock(mutex_);
    history_.push_back(Event{next_id_++, type, json, topic});
    if (history_.size() > kHistory) history_.pop_front();
  }
  changed_.notify_all();
}

bool EventHub::Join(const std::string& account) {
  std::lock_guard lock(mutex_);
  if (stopped_ || clients_ >= kMaxClients) return false;
  int& mine = per_account_[account];
  if (mine >= kMaxClientsPerAccount) return false;
  ++mine;
  ++clients_;
  return true;
}

void EventHub::Leave(const std::string& account) {
  std::lock_guard lock(mutex_);
  --clients_;
  if (--per_account_[account] <= 0) per_account_.erase(account);
}

std::int64_t EventHub::LastId() {
  std::lock_guard lock(mutex_);
  return next_id_ - 1;
}

std::optional<EventHub::Event> EventHub::NextAfter(std::int64_t last_id,
                                                   std::chrono::milliseconds wait, bool& stopped) {
  std::unique_lock lock(mutex_);
  auto ready = [&] { return stopped_ || next_id_ - 1 > last_id; };
  changed_.wait_for(lock, wait, ready);
  stopped = stopped_;
  if (stopped_) return std::nullopt;
  for (const auto& event : history_) {
    if (event.id > last_id) return event;
  }
  return std::nullopt;
}

void EventHub::Shutdown() {
  {
    std::lock_guard lock(mutex_);
    stopped_ = true;
  }
  changed_.notify_all();
}

}  // namespace vangnet
