// The scheduler: the background work of a running vangnet, every tick on one thread - pass on
// unacknowledged alarms and remind task owners, queue the monthly preparedness reminders, send
// what the outbox holds, record the monitor's month, write the nightly offline bundle. One
// thread, so no message is sent twice at once. `serve` starts it; http/ knows nothing of it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "services/app/app_services.hpp"

namespace vangnet {

class Scheduler {
 public:
  Scheduler(AppServices& services, std::chrono::seconds tick) : services_(services), tick_(tick) {}
  ~Scheduler() { Stop(); }

  // Every job once, at the store clock's now. Failures go to the log and do not stop the
  // other jobs: an unreachable mail server must not stop alarms from being passed on.
  void RunOnce();
  // Runs RunOnce every tick on its own thread until Stop().
  void Start();
  void Stop();

 private:
  AppServices& services_;
  std::chrono::seconds tick_;
  // Whether this server held the background-work lease at the last tick; a single server (and
  // SQLite) holds it from the start, so only a change is worth a line in the log.
  bool leads_ = true;
  std::string recorded_month_;  // the monitor is recorded once per month
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
  // Computes the stress test's usual question once at start, on a thread of its own so alarms
  // never wait for it: the page then opens at once (StressService keeps the answer).
  std::thread prepare_;
};

}  // namespace vangnet
