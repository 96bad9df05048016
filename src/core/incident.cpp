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
      task.source = step.SourceText();
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
         "\nVersie: " + std::to_string(p.version) +
         "\nBevestigd: " + LocalTimeText(p.confirmed_at) + " door " + p.confirmed_by + "\n" +
         line("1 SITUATIE", p.situation) + line("2 SLACHTOFFERS", p.casualties) +
         line("3 GEVAARLIJKE STOFFEN", p.hazardous_substances) +
         line("4 COMMUNICATIE", p.communication) + line("5 METEO", p.weather);
}

}  // namespace vangnet
