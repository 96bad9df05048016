// The preparedness calendar: recurring obligations that keep the crisis plan alive (yearly review
// and contact refresh, exercises, backup and emergency-power tests, contract and calamity-card
// reviews, succession conversations). The rules are data (norms/preparedness.yaml, each with its
// source); the date arithmetic and the status of each item are pure functions here.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/enum_names.hpp"
#include "core/error.hpp"

namespace vangnet {

enum class PreparednessScope { kRegional, kPractice };
inline constexpr std::array<EnumName<PreparednessScope>, 2> PREPAREDNESS_SCOPES{{
    {PreparednessScope::kRegional, "regional", "Regionaal"},
    {PreparednessScope::kPractice, "practice", "Per praktijk"},
}};

struct PreparednessRule {
  std::string id;
  std::string label;        // Dutch
  std::string explanation;  // Dutch: why and what counts as done
  PreparednessScope scope = PreparednessScope::kPractice;
  int every_months = 12;
  std::string owner;  // who does it, in words ("praktijkhouder", "crisiscoördinator RHO")
  // Only practices with a holder aged 60 or more (seed 003), or with a running succession
  // trajectory (its next step, due on the trajectory's own date); empty = every practice.
  std::string applies_to;
  std::string source;
  // An exercise (OTO) of this playbook: the item can be started from the calendar as an
  // exercise incident, and a closed exercise incident for the practice counts as done.
  std::string exercise_playbook;
  int line = 0;
};

struct PreparednessRules {
  std::string file;
  int version = 0;
  std::vector<PreparednessRule> rules;
  const PreparednessRule* Find(std::string_view id) const;
};

// `date` plus `months` calendar months; a day that does not exist in the target month becomes
// its last day (31 January + 1 month = 28 or 29 February; 29 February + 12 months = 28 February).
std::chrono::year_month_day AddMonths(std::chrono::year_month_day date, int months);

enum class ItemStatus {
  kOverdue,       // the due date has passed, or it was never done
  kDueThisMonth,  // due later in the current calendar month
  kUpcoming,      // due after this month
};
inline constexpr std::array<EnumName<ItemStatus>, 3> ITEM_STATUSES{{
    {ItemStatus::kOverdue, "overdue", "Te laat"},
    {ItemStatus::kDueThisMonth, "due_this_month", "Deze maand"},
    {ItemStatus::kUpcoming, "upcoming", "Later"},
}};

struct DueDate {
  std::optional<std::chrono::year_month_day> due;  // nullopt: never done, so due now
  ItemStatus status = ItemStatus::kOverdue;
};

// The status on `today` of something due on `due` (no date: overdue).
ItemStatus StatusOn(std::optional<std::chrono::year_month_day> due,
                    std::chrono::year_month_day today);

// When a rule is due again after it was last done, and its status on `today`.
DueDate DueAfter(const PreparednessRule& rule, std::optional<std::chrono::year_month_day> last_done,
                 std::chrono::year_month_day today);

}  // namespace vangnet
