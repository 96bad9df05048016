#include "services/app/scheduler.hpp"

#include <iostream>

namespace vangnet {

namespace {

// The server's log says which job failed; nothing personal is in these messages.
void Log(const char* job, const Status& status) {
  if (!status) std::cerr << "vangnet serve: " << job << ": " << status.error().message << "\n";
}

template <class T>
Status AsStatus(const Result<T>& result) {
  if (!result) return result.error();
  return Ok{};
}

}  // namespace

void Scheduler::RunOnce() {
  // Several servers on one database: only the one holding the lease works, so nothing is sent
  // twice; the others take over when it stops.
  const bool leads = services_.LeadsBackgroundWork();
  if (leads != leads_) {
    // Worth a line in the server's log: which of several servers sends the alarms now.
    std::cerr << "vangnet serve: achtergrondwerk (alarmen, herinneringen, verzenden): "
              << (leads ? "deze server neemt het over" : "een andere server doet het") << "\n";
    leads_ = leads;
  }
  if (!leads) return;
  Log("klok", AsStatus(services_.incidents.Tick()));
  Log("herinneringen",
      AsStatus(services_.preparedness.QueueMonthlyReminders(services_.reminders())));
  // The lease asked again before each message, not only before the batch.
  Log("verzenden", AsStatus(services_.delivery.DeliverDue(
                       50, [this] { return services_.LeadsBackgroundWork(); })));
  Log("offline-bundel", services_.bundles.MakeIfDue());
  Log("controlepunt auditlog", services_.audit.Checkpoint());
  const std::string month = FormatDate(services_.clock().Today()).substr(0, 7);
  if (month != recorded_month_) {
    auto recorded = services_.monitor.RecordMonth();
    if (recorded) recorded_month_ = month;
    Log("maandoverzicht", AsStatus(recorded));
  }
}

void Scheduler::Start() {
  if (thread_.joinable()) return;
  prepare_ = std::thread([this] {
    const Caller system =
        Caller::System(Actor{"vangnet", "system", "scheduler", "stresstest voorbereiden"});
    Log("stresstest voorbereiden", services_.stress.PrepareUsual(system));
  });
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stop_) {
      lock.unlock();
      RunOnce();
      lock.lock();
      wake_.wait_for(lock, tick_, [this] { return stop_; });
    }
  });
}

void Scheduler::Stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
  if (prepare_.joinable()) prepare_.join();
  Log("controlepunt auditlog", services_.audit.Checkpoint());  // the head as the server stops
}

}  // namespace vangnet
