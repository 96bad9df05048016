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
// As a person reads it in the Netherlands: "2026-11-30" -> "30-11-2026"; any other text as it is.
std::string DutchDate(std::string_view iso);
}  // namespace vangnet
