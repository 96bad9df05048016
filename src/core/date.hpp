// Calendar dates as the registry holds them: ISO 8601 "YYYY-MM-DD", no time, no zone.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace vangnet {

// Accepts "2025-11-27" and the Dutch spreadsheet form "27-11-2025"; refuses impossible days.
std::optional<std::chrono::year_month_day> ParseDate(std::string_view text);
std::string FormatDate(std::chrono::year_month_day date);
}  // namespace vangnet
