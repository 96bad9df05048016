// Live updates for the browser: committed changes fanned out to server-sent-event clients.
//
// Each client holds one server thread while connected (cpp-httplib streams from its pool), so
// clients are capped and every wait is bounded: a heartbeat every 15 s, and Shutdown() wakes
// them all so the server can stop. The last kHistory events are kept, so a client that
// reconnects with Last-Event-ID misses nothing.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace vangnet {

class EventHub {
 public:
  static constexpr std::size_t kHistory = 256;
  static constexpr int kMaxClients = 32;
  // Per account, so one account (or a stolen session) cannot take every slot: a few tabs.
  static constexpr int kMaxClientsPerAccount = 4;

  // Adds an event (a JSON text) about `topic` (a table) and wakes every waiting client.
  void Publish(const std::string& type, const std::string& json, const std::string& topic);

  // Claims a client slot for `account`; false when kMaxClients are connected, or
  // kMaxClientsPerAccount for this account.
  bool Join(const std::string& account);
  void Leave(const std::string& account);

  // The first event after `last_id`, waiting up to `wait`. nullopt on timeout or shutdown;
  // `stopped` says which.
  struct Event {
    std::int64_t id;
    std::string type;
    std::string json;
    std::string topic;
  };
  std::optional<Event> NextAfter(std::int64_t last_id, std::chrono::milliseconds wait,
                                 bool& stopped);
  std::int64_t LastId();

  void Shutdown();

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Event> history_;
  std::int64_t next_id_ = 1;
  int clients_ = 0;
  std::map<std::string, int> per_account_;
  bool stopped_ = false;
};

}  // namespace vangnet
