#include "core/preparedness.hpp"

namespace vangnet {

const PreparednessRule* PreparednessRules::Find(std::string_view id) const {
  for (const auto& r : rules) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

std::chrono::year_month_day AddMonths(std::chrono::year_month_day date, int months) {
  using namespace std::chrono;
  year_month ym = year_month{date.year(), date.month()} + std::chrono::months{months};
  day last = year_month_day_last{ym.year(), month_day_last{ym.month()}}.day();
  return year_month_day{ym.year(), ym.month(), date.day() > last ? last : date.day()};
}

DueDate DueAfter(const PreparednessRule& rule, std::optional<std::chrono::year_month_day> last_done,
                 std::chrono::year_month_day today) {
  DueDate result;
  if (!last_done) return result;  // never done: overdue now
  result.due = AddMonths(*last_done, rule.every_months);
  result.status = StatusOn(result.due, today);
  return result;
}

ItemStatus StatusOn(std::optional<std::chrono::year_month_day> due,
                    std::chrono::year_month_day today) {
  if (!due || std::chrono::sys_days{*due} < std::chrono::sys_days{today}) {
    return ItemStatus::kOverdue;
  }
  if (due->year() == today.year() && due->month() == today.month()) {
    return ItemStatus::kDueThisMonth;
  }
  return ItemStatus::kUpcoming;
}

}  // namespace vangnet
