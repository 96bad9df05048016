// What every registry record type tells the generic machinery (CSV, store, audit) about itself.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/field_spec.hpp"

namespace vangnet {

// Specialised next to each record type:
//   static constexpr std::string_view kTable;     SQL table, also the audit object type
//   static constexpr std::string_view kFileName;  CSV file name in an export folder
//   static constexpr std::string_view kLabelNl;   Dutch noun for messages ("praktijk")
//   static constexpr std::string_view kPluralNl;  its plural ("praktijken")
//   static const std::vector<FieldSpec<T>>& Fields();
//   static constexpr std::array<std::string_view, K> kKeyFields;  natural key, in field order
//   static Errors Validate(const T&);              rules on the whole record, no store needed
template <class T>
struct EntityTraits;

// The natural key as one text ("01234567", or "P001/01234567/holder" for compound keys).
template <class T>
std::string KeyOf(const T& record) {
  std::string key;
  for (std::string_view key_field : EntityTraits<T>::kKeyFields) {
    for (const auto& f : EntityTraits<T>::Fields()) {
      if (f.name != key_field) continue;
      if (!key.empty()) key += "/";
      key += f.get(record).value_or("");
    }
  }
  return key;
}

// Whose personal data a record is (EntityTraits<T>::kSubjectField), for the audit trail; empty
// when it is nobody's.
template <class T>
std::string SubjectOf(const T& record) {
  if constexpr (requires { EntityTraits<T>::kSubjectField; }) {
    for (const auto& f : EntityTraits<T>::Fields()) {
      if (f.name == EntityTraits<T>::kSubjectField) return f.get(record).value_or("");
    }
  }
  return {};
}

// The record as canonical texts in field order: what CSV writes and SQL binds.
template <class T>
std::vector<std::optional<std::string>> FieldTexts(const T& record) {
  std::vector<std::optional<std::string>> texts;
  for (const auto& f : EntityTraits<T>::Fields()) texts.push_back(f.get(record));
  return texts;
}

// Same registry content, ignoring the store's id and version.
template <class T>
bool SameContent(const T& a, const T& b) {
  return FieldTexts(a) == FieldTexts(b);
}

}  // namespace vangnet
