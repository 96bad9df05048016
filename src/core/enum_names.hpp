// Code <-> Dutch label tables for the domain's enumerations.
//
// The code (English glossary name, DOMAIN.md) is what the store and the CSV files hold; the label
// is what a coordinator reads. Parsing accepts either, case-insensitively, so a CSV typed by hand
// with "Groepspraktijk" works as well as one exported with "group".
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "core/text.hpp"

namespace vangnet {

template <class E>
struct EnumName {
  E value;
  std::string_view code;
  std::string_view label_nl;
};

template <class E, std::size_t N>
std::optional<E> ParseEnum(const std::array<EnumName<E>, N>& names, std::string_view text) {
  std::string wanted = ToLowerAscii(Trim(text));
  for (const auto& n : names) {
    if (wanted == n.code || wanted == ToLowerAscii(n.label_nl)) return n.value;
  }
  return std::nullopt;
}

template <class E, std::size_t N>
std::string_view EnumCode(const std::array<EnumName<E>, N>& names, E value) {
  for (const auto& n : names) {
    if (n.value == value) return n.code;
  }
  return {};  // unreachable for a complete table; tests check every table is complete
}

template <class E, std::size_t N>
std::string_view EnumLabel(const std::array<EnumName<E>, N>& names, E value) {
  for (const auto& n : names) {
    if (n.value == value) return n.label_nl;
  }
  return {};
}

// "solo, duo, group, ..." for error messages that list what is allowed.
template <class E, std::size_t N>
std::string EnumCodeList(const std::array<EnumName<E>, N>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += n.code;
  }
  return out;
}

}  // namespace vangnet
