// The preparedness calendar's date rules: month ends, leap years, and what is overdue.
#include "core/preparedness.hpp"

#include <gtest/gtest.h>

namespace vangnet {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

year_month_day D(int y, unsigned m, unsigned d) {
  return year_month_day{year{y}, month{m}, day{d}};
}

PreparednessRule Every(int months) {
  PreparednessRule rule;
  rule.id = "test";
  rule.every_months = months;
  return rule;
}

TEST(PreparednessDates, MonthEndsAndLeapYearsClampToTheLastDay) {
  EXPECT_EQ(AddMonths(D(2027, 1, 31), 1), D(2027, 2, 28));
  EXPECT_EQ(AddMonths(D(2028, 1, 31), 1), D(2028, 2, 29));  // 2028 is a leap year
  EXPECT_EQ(AddMonths(D(2028, 2, 29), 12), D(2029, 2, 28));
  EXPECT_EQ(AddMonths(D(2028, 2, 29), 48), D(2032, 2, 29));
  EXPECT_EQ(AddMonths(D(2026, 8, 31), 1), D(2026, 9, 30));
  EXPECT_EQ(AddMonths(D(2026, 11, 30), 3), D(2027, 2, 28));
  EXPECT_EQ(AddMonths(D(2026, 12, 15), 1), D(2027, 1, 15));  // over the year end
  EXPECT_EQ(AddMonths(D(2026, 3, 31), 24), D(2028, 3, 31));
  EXPECT_EQ(AddMonths(D(2100, 1, 29), 1), D(2100, 2, 28));  // 2100 is not a leap year
}

TEST(PreparednessDates, StatusIsOverdueThisMonthOrLater) {
  const auto today = D(2026, 11, 23);
  auto monthly = Every(1);
  // Backup test done 22 October: due 22 November, yesterday.
  auto late = DueAfter(monthly, D(2026, 10, 22), today);
  EXPECT_EQ(late.status, ItemStatus::kOverdue);
  EXPECT_EQ(*late.due, D(2026, 11, 22));
  // Done 23 October: due today, not late yet.
  EXPECT_EQ(DueAfter(monthly, D(2026, 10, 23), today).status, ItemStatus::kDueThisMonth);
  EXPECT_EQ(DueAfter(monthly, D(2026, 10, 30), today).status, ItemStatus::kDueThisMonth);
  EXPECT_EQ(DueAfter(monthly, D(2026, 11, 1), today).status, ItemStatus::kUpcoming);
  // An exercise every two years, last one in January 2025: due January 2027.
  auto exercise = DueAfter(Every(24), D(2025, 1, 10), today);
  EXPECT_EQ(exercise.status, ItemStatus::kUpcoming);
  EXPECT_EQ(*exercise.due, D(2027, 1, 10));
  // Never done: overdue, without a date.
  auto never = DueAfter(Every(12), std::nullopt, today);
  EXPECT_EQ(never.status, ItemStatus::kOverdue);
  EXPECT_FALSE(never.due);
}

}  // namespace
}  // namespace vangnet
