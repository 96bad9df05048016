#include "core/date.hpp"

#include <cstdio>

#include "core/text.hpp"

namespace vangnet {

std::optional<std::chrono::year_month_day> ParseDate(std::string_view text) {
  text = Trim(text);
  if (text.size() != 10) return std::nullopt;
  std::string_view y, m, d;
  if (text[4] == '-' && text[7] == '-') {
    y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
  } else if (text[2] == '-' && text[5] == '-') {
    d = text.substr(0, 2), m = text.substr(3, 2), y = text.substr(6, 4);
  } else {
    return std::nullopt;
  }
  if (!IsAllDigits(y) || !IsAllDigits(m) || !IsAllDigits(d)) return std::nullopt;
  std::chrono::year_month_day date{std::chrono::year{static_cast<int>(*ParseInteger(y))},
                                   std::chrono::month{static_cast<unsigned>(*ParseInteger(m))},
                                   std::chrono::day{static_cast<unsigned>(*ParseInteger(d))}};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string FormatDate(std::chrono::year_month_day date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buffer;
}

std::string DutchDate(std::string_view iso) {
  auto date = iso.size() >= 10 ? ParseDate(iso.substr(0, 10)) : std::nullopt;
  if (!date || iso[4] != '-') return std::string(iso);
  const std::string text = FormatDate(*date);
  return text.substr(8, 2) + "-" + text.substr(5, 2) + "-" + text.substr(0, 4);
}

}  // namespace vangnet
