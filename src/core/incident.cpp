#include "core/incident.hpp"

#include <algorithm>
#include <cstdio>

#include "core/date.hpp"

namespace vangnet {

std::vector<IncidentTask> TasksFromPlaybook(const Playbook& playbook, TimePoint activated_at) {
  std::vector<IncidentTask> tasks;
  for (const auto& phase : playbook.phases) {
    for (const auto& step : phase.steps) {
      IncidentTask task;
      task.step_id = step.id;
      task.phase_title = phase.title;
      task.text = step.text;
      task.owner_role = step.owner;
      for (const auto& role : playbook.roles) {
        if (role.id == step.owner) task.owner_role = role.label;
      }
      task.deadline =
          activated_at + std::chrono::duration_cast<std::chrono::seconds>(step.deadline);
      task.legal = step.legal;
      task.source = step.source;
      if (!step.repeat) {
        tasks.push_back(std::move(task));
        continue;
      }
      // A recurring step (the takeover's weekly update) becomes one task per occurrence until
      // its phase ends; an open-ended phase gets two years of them, the longest a takeover
      // should run (seed 003).
      using std::chrono::seconds;
      const auto last = activated_at + std::chrono::duration_cast<seconds>(
                                           phase.ends.value_or(std::chrono::weeks(104)));
      const auto every = std::chrono::duration_cast<seconds>(*step.repeat);
      int n = 1;
      for (auto due = task.deadline; due <= last; due += every, ++n) {
        IncidentTask occurrence = task;
        occurrence.step_id = step.id + "#" + std::to_string(n);
        occurrence.text = task.text + " (" + std::to_string(n) + ")";
        occurrence.deadline = due;
        tasks.push_back(std::move(occurrence));
      }
    }
  }
  std::stable_sort(tasks.begin(), tasks.end(),
                   [](const auto& a, const auto& b) { return a.deadline < b.deadline; });
  return tasks;
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

namespace {
// 01:00 UTC on the last Sunday of `month` in `year`.
TimePoint LastSundayOneUtc(std::chrono::year year, std::chrono::month month) {
  std::chrono::sys_days last{
      std::chrono::year_month_day_last{year, std::chrono::month_day_last{month}}};
  std::chrono::weekday wd{last};
  last -= (wd - std::chrono::Sunday);
  return last + std::chrono::hours(1);
}
}  // namespace

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

bool IsOfficeHours(TimePoint t, const std::vector<std::chrono::year_month_day>& holidays) {
  auto local = t + AmsterdamOffset(t);
  auto day = std::chrono::floor<std::chrono::days>(local);
  std::chrono::weekday wd{day};
  if (wd == std::chrono::Saturday || wd == std::chrono::Sunday) return false;
  if (std::find(holidays.begin(), holidays.end(), std::chrono::year_month_day{day}) !=
      holidays.end()) {
    return false;
  }
  auto hour = std::chrono::floor<std::chrono::hours>(local - day).count();
  return hour >= 8 && hour < 17;  // HAP covers 17:00-08:00 (DOMAIN.md, region HAP)
}

std::string SharedPictureText(const std::string& incident_number, const SharedPicture& p) {
  auto line = [](const char* label, const std::string& text) {
    return std::string(label) + ": " + (text.empty() ? "(onbekend)" : text) + "\n";
  };
  return "GEDEELD BEELD HUISARTSENZORG\nIncident: " + incident_number +
         "\nVersie: " + std::to_string(p.version) + "\nBevestigd: " + FormatUtc(p.confirmed_at) +
         " door " + p.confirmed_by + "\n" + line("1 SITUATIE", p.situation) +
         line("2 SLACHTOFFERS", p.casualties) +
         line("3 GEVAARLIJKE STOFFEN", p.hazardous_substances) +
         line("4 COMMUNICATIE", p.communication) + line("5 METEO", p.weather);
}

}  // namespace vangnet
