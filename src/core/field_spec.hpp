// How a registry record is spelled as text, field by field.
//
// One table per record type (see EntityTraits) serves the CSV import/export, the SQL store and
// later the JSON API, so a field's name, parsing and canonical form are written exactly once.
// Parsing here checks the form of a single value ("is this a number?"); rules that look at a
// whole record live in each type's Validate function.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/enum_names.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace vangnet {

enum class FieldType { kText, kInteger, kReal, kBool, kDate };

template <class T>
struct FieldSpec {
  std::string_view name;  // column name in SQL and CSV (snake_case English)
  FieldType type = FieldType::kText;
  bool required = false;        // an empty value is refused
  std::string_view references;  // "table.column" this value must exist in; empty when none
  // Canonical text of the value; nullopt when the field is empty (SQL NULL, empty CSV cell).
  std::function<std::optional<std::string>(const T&)> get;
  // Parses `text` (already trimmed, non-empty) into the record; returns a Dutch error message.
  std::function<std::optional<std::string>(T&, std::string_view)> set;
  // Empties the field (optional fields only).
  std::function<void(T&)> clear;
  // The codes an enum field accepts, in their documented order (its first is the default);
  // empty for other fields. For pick-lists in forms and templates.
  std::vector<std::string_view> options = {};
};

// Fills `record` from texts in field order. An empty text clears the field; a missing one
// (nullopt, or beyond the end: the column is absent from the file) leaves it as it is, so a
// file with fewer columns updates only what it holds. Every problem is reported with its field
// name, so callers can add file and row.
template <class T>
Errors ParseFields(const std::vector<FieldSpec<T>>& fields,
                   const std::vector<std::optional<std::string>>& texts, T& record) {
  Errors errors;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const auto& f = fields[i];
    if (i >= texts.size() || !texts[i]) continue;
    std::string_view text = Trim(*texts[i]);
    // Names, codes and keys are one line of plain text; only a note may span lines.
    const bool multiline = f.name == "note" || f.name == "notes";
    if (HasControlCharacter(text, multiline)) {
      errors.push_back(Error::Validation(std::string(f.name),
                                         "bevat een stuurteken (zoals een regeleinde of tab); "
                                         "dat hoort niet in dit veld"));
      continue;
    }
    if (auto message = TooLong(text, multiline ? kMaxNoteCharacters : kMaxLineCharacters)) {
      errors.push_back(Error::Validation(std::string(f.name), *message));
      continue;
    }
    if (text.empty()) {
      if (f.required) {
        errors.push_back(Error::Validation(std::string(f.name), "is verplicht maar leeg"));
      } else {
        f.clear(record);
      }
      continue;
    }
    if (auto message = f.set(record, text)) {
      errors.push_back(Error::Validation(std::string(f.name), *message));
    }
  }
  return errors;
}

// ---- builders: one per member kind ---------------------------------------------------------

// Parses an integer within [min, max] into `value`; returns a Dutch message when it is not one.
inline std::optional<std::string> ParseIntegerInRange(std::string_view text, long long min,
                                                      long long max, long long& value) {
  auto v = ParseInteger(text);
  if (!v) return "'" + std::string(text) + "' is geen geheel getal";
  if (*v < min || *v > max) {
    return std::to_string(*v) + " ligt niet tussen " + std::to_string(min) + " en " +
           std::to_string(max);
  }
  value = *v;
  return std::nullopt;
}

template <class T>
FieldSpec<T> TextField(std::string_view name, std::string T::*member, bool required = false,
                       std::string_view references = {}) {
  return FieldSpec<T>{name,
                      FieldType::kText,
                      required,
                      references,
                      [member](const T& r) -> std::optional<std::string> {
                        if ((r.*member).empty()) return std::nullopt;
                        return r.*member;
                      },
                      [member](T& r, std::string_view text) -> std::optional<std::string> {
                        r.*member = std::string(text);
                        return std::nullopt;
                      },
                      [member](T& r) { (r.*member).clear(); }};
}

// Required, unless `default_value` is given: then an empty cell means that default.
template <class T, class Int>
FieldSpec<T> IntegerField(std::string_view name, Int T::*member, long long min, long long max,
                          std::optional<Int> default_value = std::nullopt) {
  return FieldSpec<T>{
      name,
      FieldType::kInteger,
      !default_value.has_value(),
      {},
      [member](const T& r) -> std::optional<std::string> { return std::to_string(r.*member); },
      [member, min, max](T& r, std::string_view text) -> std::optional<std::string> {
        long long v = 0;
        if (auto message = ParseIntegerInRange(text, min, max, v)) return message;
        r.*member = static_cast<Int>(v);
        return std::nullopt;
      },
      [member, default_value](T& r) { r.*member = default_value.value_or(Int{}); }};
}

template <class T>
FieldSpec<T> OptionalIntegerField(std::string_view name, std::optional<int> T::*member,
                                  long long min, long long max) {
  return FieldSpec<T>{
      name,
      FieldType::kInteger,
      false,
      {},
      [member](const T& r) -> std::optional<std::string> {
        if (!(r.*member)) return std::nullopt;
        return std::to_string(*(r.*member));
      },
      [member, min, max](T& r, std::string_view text) -> std::optional<std::string> {
        long long v = 0;
        if (auto message = ParseIntegerInRange(text, min, max, v)) return message;
        r.*member = static_cast<int>(v);
        return std::nullopt;
      },
      [member](T& r) { (r.*member).reset(); }};
}

template <class T>
FieldSpec<T> OptionalRealField(std::string_view name, std::optional<double> T::*member, double min,
                               double max) {
  return FieldSpec<T>{
      name,
      FieldType::kReal,
      false,
      {},
      [member](const T& r) -> std::optional<std::string> {
        if (!(r.*member)) return std::nullopt;
        return FormatDecimal(*(r.*member));
      },
      [member, min, max](T& r, std::string_view text) -> std::optional<std::string> {
        auto v = ParseDecimal(text);
        if (!v) return "'" + std::string(text) + "' is geen getal";
        if (*v < min || *v > max) {
          return FormatDecimal(*v) + " ligt niet tussen " + FormatDecimal(min) + " en " +
                 FormatDecimal(max);
        }
        r.*member = *v;
        return std::nullopt;
      },
      [member](T& r) { (r.*member).reset(); }};
}

template <class T>
FieldSpec<T> BoolField(std::string_view name, bool T::*member) {
  return FieldSpec<T>{
      name,
      FieldType::kBool,
      false,
      {},
      [member](const T& r) -> std::optional<std::string> { return (r.*member) ? "1" : "0"; },
      [member](T& r, std::string_view text) -> std::optional<std::string> {
        auto v = ParseYesNo(text);
        if (!v) return "'" + std::string(text) + "' is geen ja of nee";
        r.*member = *v;
        return std::nullopt;
      },
      [member](T& r) { r.*member = false; }};
}

// A date held as canonical ISO text in the record ("" = none).
template <class T>
FieldSpec<T> DateField(std::string_view name, std::string T::*member, bool required = false) {
  return FieldSpec<T>{name,
                      FieldType::kDate,
                      required,
                      {},
                      [member](const T& r) -> std::optional<std::string> {
                        if ((r.*member).empty()) return std::nullopt;
                        return r.*member;
                      },
                      [member](T& r, std::string_view text) -> std::optional<std::string> {
                        auto date = ParseDate(text);
                        if (!date)
                          return "'" + std::string(text) + "' is geen geldige datum (JJJJ-MM-DD)";
                        r.*member = FormatDate(*date);
                        return std::nullopt;
                      },
                      [member](T& r) { (r.*member).clear(); }};
}

template <class T, class E, std::size_t N>
FieldSpec<T> EnumField(std::string_view name, E T::*member, const std::array<EnumName<E>, N>& names,
                       bool required = true) {
  const auto* table = &names;  // the tables are static; keep a pointer, not a copy
  return FieldSpec<T>{
      name,
      FieldType::kText,
      required,
      {},
      [member, table](const T& r) -> std::optional<std::string> {
        return std::string(EnumCode(*table, r.*member));
      },
      [member, table](T& r, std::string_view text) -> std::optional<std::string> {
        auto v = ParseEnum(*table, text);
        if (!v) return "'" + std::string(text) + "' is onbekend; kies uit " + EnumCodeList(*table);
        r.*member = *v;
        return std::nullopt;
      },
      // Optional enums fall back to the table's first value, their documented default.
      [member, table](T& r) { r.*member = (*table)[0].value; },
      [table] {
        std::vector<std::string_view> codes;
        for (const auto& n : *table) codes.push_back(n.code);
        return codes;
      }()};
}

}  // namespace vangnet
