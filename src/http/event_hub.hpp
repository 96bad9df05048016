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
#include <mutex>
#include <optional>
#include <string>

namespace vangnet {

class EventHub {
 public:
  static constexpr std::size_t kHistory = 256;
  static constexpr int kMaxClients = 32;

  // Adds an event (a JSON text) and wakes every waiting client.
  void Publish(const std::string& type, const std::string& json);

  // Claims a client slot; false when kMaxClients are connected.
  bool Join();
  void Leave();

  // The first event after `last_id`, waiting up to `wait`. nullopt on timeout or shutdown;
  // `stopped` says which.
  struct Event {
    std::int64_t id;
    std::string type;
    std::string json;
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
  bool stopped_ = false;
};

}  // namespace vangnet
