#include "core/error.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace vangnet {

namespace {

// A spreadsheet (CSV or Excel, "regio.xlsx, blad people") has columns the user sees; a YAML
// file, a form or an API body has fields.
bool IsSpreadsheet(const std::string& file) {
  auto ends = [&](std::string_view suffix) {
    return file.size() >= suffix.size() &&
           std::equal(suffix.rbegin(), suffix.rend(), file.rbegin(), [](char a, char b) {
             return a == std::tolower(static_cast<unsigned char>(b));
           });
  };
  return ends(".csv") || ends(".xlsx") || ends(".txt") || file.find(", blad ") != std::string::npos;
}

}  // namespace

std::string Error::ToString() const {
  std::string out;
  if (!file.empty()) out += file;
  if (row > 0) {
    if (!out.empty()) out += ", ";
    out += "regel " + std::to_string(row);
  }
  if (!field.empty()) {
    if (!out.empty()) out += ", ";
    out += (IsSpreadsheet(file) ? "kolom " : "veld ") + field;
  }
  if (!out.empty()) out += ": ";
  out += message;
  return out;
}

Error Error::Combined(std::vector<Error> errors) {
  Error first = std::move(errors.front());
  for (std::size_t i = 1; i < errors.size(); ++i) first.more.push_back(std::move(errors[i]));
  return first;
}

const char* ErrorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kValidation:
      return "validation";
    case ErrorKind::kNotFound:
      return "not_found";
    case ErrorKind::kConflict:
      return "conflict";
    case ErrorKind::kIo:
      return "io";
    case ErrorKind::kUnauthenticated:
      return "unauthenticated";
    case ErrorKind::kForbidden:
      return "forbidden";
    case ErrorKind::kRateLimited:
      return "rate_limited";
    case ErrorKind::kUnavailable:
      return "unavailable";
    case ErrorKind::kInternal:
      return "internal";
  }
  return "internal";
}

}  // namespace vangnet
