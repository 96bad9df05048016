// Time: the one place for instants, their UTC and Europe/Amsterdam forms, and the clock.
//
// Everything that asks "what time is it" asks a Clock it was given: the server's services and
// scheduler get the wall clock, tests a ManualClock they set, so a test moves time instead of
// sleeping. Nothing in core/, store/ or io/ reads the system clock itself.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace vangnet {

// An instant, to the second, in UTC (what is stored and compared).
using TimePoint = std::chrono::sys_seconds;

class Clock {
 public:
  virtual ~Clock() = default;
  // The current instant, to the millisecond (audit timestamps keep milliseconds).
  virtual std::chrono::sys_time<std::chrono::milliseconds> Read() const = 0;

  TimePoint Now() const { return std::chrono::floor<std::chrono::seconds>(Read()); }
  // Today's calendar day in UTC: the registry's dates are days, the hour does not matter there.
  std::chrono::year_month_day Today() const;
  // Now as stored timestamps are written: "2026-11-23T14:05:06.123Z".
  std::string NowIso() const;
};

// The system clock; the only place that reads it.
const Clock& WallClock();

// A clock that stands still until it is set or advanced: for tests and replays.
class ManualClock : public Clock {
 public:
  explicit ManualClock(TimePoint start) : now_(start) {}
  std::chrono::sys_time<std::chrono::milliseconds> Read() const override;
  void Set(TimePoint now);
  void Advance(std::chrono::seconds by);

 private:
  mutable std::mutex mutex_;
  std::chrono::sys_time<std::chrono::milliseconds> now_;
};

// ISO 8601 UTC ("2026-11-23T14:05:06Z") and back; nullopt when malformed.
std::string FormatUtc(TimePoint t);
std::optional<TimePoint> ParseUtc(std::string_view text);

// Europe/Amsterdam wall-clock offset at `t` (EU rule: summer time from the last Sunday of March
// 01:00 UTC to the last Sunday of October 01:00 UTC). Written here because g++ 12's standard
// library has no time-zone database; the rule has held since 1996.
std::chrono::minutes AmsterdamOffset(TimePoint t);
// Wall-clock text in Europe/Amsterdam, "23-11-2026 14:05", for messages, reports and printouts.
std::string LocalTimeText(TimePoint t);
// The calendar day and the hour (0-23) in Europe/Amsterdam at `t`: what "today" and "from 08:00"
// mean for people in the region (scheduled reminders, the nightly bundle, availability).
std::chrono::year_month_day AmsterdamDate(TimePoint t);
int AmsterdamHour(TimePoint t);
// "januari" ... "december".
std::string_view DutchMonthName(std::chrono::month month);

}  // namespace vangnet
