#include "core/time.hpp"

#include <array>
#include <cstdio>

#include "core/date.hpp"

namespace vangnet {

namespace {

class SystemClock : public Clock {
 public:
  std::chrono::sys_time<std::chrono::milliseconds> Read() const override {
    return std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
  }
};

// 01:00 UTC on the last Sunday of `month` in `year`.
TimePoint LastSundayOneUtc(std::chrono::year year, std::chrono::month month) {
  std::chrono::sys_days last{
      std::chrono::year_month_day_last{year, std::chrono::month_day_last{month}}};
  std::chrono::weekday wd{last};
  last -= (wd - std::chrono::Sunday);
  return last + std::chrono::hours(1);
}

}  // namespace

const Clock& WallClock() {
  static const SystemClock clock;
  return clock;
}

std::chrono::year_month_day Clock::Today() const {
  return AmsterdamDate(Now());
}

std::string Clock::NowIso() const {
  using namespace std::chrono;
  const auto now = Read();
  const auto day = floor<days>(now);
  const year_month_day ymd{day};
  const hh_mm_ss time{now - day};
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()),
                static_cast<int>(time.subseconds().count()));
  return buffer;
}

std::chrono::sys_time<std::chrono::milliseconds> ManualClock::Read() const {
  std::lock_guard lock(mutex_);
  return now_;
}

void ManualClock::Set(TimePoint now) {
  std::lock_guard lock(mutex_);
  now_ = now;
}

void ManualClock::Advance(std::chrono::seconds by) {
  std::lock_guard lock(mutex_);
  now_ += by;
}

std::string FormatUtc(TimePoint t) {
  auto day = std::chrono::floor<std::chrono::days>(t);
  std::chrono::hh_mm_ss time{t - day};
  char clock[16];
  std::snprintf(clock, sizeof clock, "T%02d:%02d:%02dZ", static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()));
  return FormatDate(std::chrono::year_month_day{day}) + clock;
}

std::optional<TimePoint> ParseUtc(std::string_view text) {
  // 2026-11-23T14:05:06Z, optionally with milliseconds before the Z.
  if (text.size() < 20 || text[10] != 'T' || text.back() != 'Z') return std::nullopt;
  auto date = ParseDate(text.substr(0, 10));
  int h = 0, m = 0, s = 0;
  if (!date ||
      std::sscanf(std::string(text.substr(11, 8)).c_str(), "%2d:%2d:%2d", &h, &m, &s) != 3 ||
      h > 23 || m > 59 || s > 60) {
    return std::nullopt;
  }
  return std::chrono::sys_days{*date} + std::chrono::hours(h) + std::chrono::minutes(m) +
         std::chrono::seconds(s);
}

std::chrono::minutes AmsterdamOffset(TimePoint t) {
  auto year = std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(t)}.year();
  bool summer = t >= LastSundayOneUtc(year, std::chrono::March) &&
                t < LastSundayOneUtc(year, std::chrono::October);
  return std::chrono::minutes(summer ? 120 : 60);
}

std::string LocalTimeText(TimePoint t) {
  std::string text = FormatUtc(t + AmsterdamOffset(t));
  return text.substr(8, 2) + "-" + text.substr(5, 2) + "-" + text.substr(0, 4) + " " +
         text.substr(11, 5);
}

std::chrono::year_month_day AmsterdamDate(TimePoint t) {
  return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(t + AmsterdamOffset(t))};
}

int AmsterdamHour(TimePoint t) {
  const auto local = t + AmsterdamOffset(t);
  return static_cast<int>(
      std::chrono::hh_mm_ss(local - std::chrono::floor<std::chrono::days>(local)).hours().count());
}

std::string_view DutchMonthName(std::chrono::month month) {
  static constexpr std::array<std::string_view, 12> kMonths{
      "januari", "februari", "maart",     "april",   "mei",      "juni",
      "juli",    "augustus", "september", "oktober", "november", "december"};
  return kMonths[(static_cast<unsigned>(month) + 11) % 12];
}

}  // namespace vangnet
