// Registry records as JSON, from the same field tables as CSV and SQL: numbers as numbers,
// yes/no as booleans, empty as null. One mapping for every record type.
#pragma once

#include <nlohmann/json.hpp>

#include "core/entity.hpp"
#include "core/error.hpp"
#include "core/registry.hpp"
#include "services/registry/access_policy.hpp"
#include "services/registry/registry_transfer.hpp"

namespace vangnet {

template <class T>
nlohmann::json EntityToJson(const T& record) {
  nlohmann::json out = nlohmann::json::object();
  out["id"] = record.id;
  out["version"] = record.version;
  for (const auto& f : EntityTraits<T>::Fields()) {
    auto text = f.get(record);
    if (!text) {
      out[std::string(f.name)] = nullptr;
      continue;
    }
    switch (f.type) {
      case FieldType::kInteger:
        out[std::string(f.name)] = ParseInteger(*text).value_or(0);
        break;
      case FieldType::kReal:
        out[std::string(f.name)] = ParseDecimal(*text).value_or(0);
        break;
      case FieldType::kBool:
        out[std::string(f.name)] = *text == "1";
        break;
      case FieldType::kText:
      case FieldType::kDate:
        out[std::string(f.name)] = *text;
        break;
    }
  }
  return out;
}

// Turns a JSON object into field texts for ParseFields: absent keys stay absent (the stored
// value is kept), null clears. Unknown keys and values of the wrong JSON type are errors that
// name the field. "id" and "version" are ignored: the URL and If-Match carry them.
template <class T>
Result<std::vector<std::optional<std::string>>> JsonToFieldTexts(const nlohmann::json& body) {
  const auto& fields = EntityTraits<T>::Fields();
  std::vector<std::optional<std::string>> texts(fields.size());
  if (!body.is_object()) return Error::Validation({}, "verwacht een JSON-object");
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    const nlohmann::json& value = it.value();
    if (key == "id" || key == "version") continue;
    std::size_t i = 0;
    while (i < fields.size() && fields[i].name != key) ++i;
    if (i == fields.size()) return Error::Validation(key, "onbekend veld");
    if (value.is_null()) {
      texts[i] = "";
    } else if (value.is_boolean()) {
      texts[i] = value.get<bool>() ? "1" : "0";
    } else if (value.is_number_integer()) {
      texts[i] = std::to_string(value.get<long long>());
    } else if (value.is_number()) {
      texts[i] = FormatDecimal(value.get<double>());
    } else if (value.is_string()) {
      texts[i] = value.get<std::string>();
    } else {
      return Error::Validation(key, "verwacht tekst, een getal of ja/nee");
    }
  }
  return texts;
}

// "practices.csv" -> "practices", "crisis_roles.csv" -> "crisis-roles".
template <class T>
std::string ResourceName() {
  std::string_view file = EntityTraits<T>::kFileName;
  std::string name(file.substr(0, file.find('.')));
  for (char& c : name) {
    if (c == '_') c = '-';
  }
  return name;
}

inline const char* FieldTypeName(FieldType type) {
  switch (type) {
    case FieldType::kInteger:
      return "integer";
    case FieldType::kReal:
      return "real";
    case FieldType::kBool:
      return "bool";
    case FieldType::kDate:
      return "date";
    case FieldType::kText:
      break;
  }
  return "text";
}

// A record kind as forms and templates need it (GET /api/v1/registry/schema): its resource, names,
// key, what each field takes, what it refers to, and what this caller may do with it.
template <class T>
nlohmann::json KindJson(const Caller& caller) {
  using Traits = EntityTraits<T>;
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& f : Traits::Fields()) {
    nlohmann::json field{
        {"name", f.name}, {"type", FieldTypeName(f.type)}, {"required", f.required}};
    if (!f.options.empty()) field["options"] = f.options;
    if (!f.references.empty()) {
      const std::string_view table = f.references.substr(0, f.references.find('.'));
      ForEachRegistryType([&]<class U>() {
        if (EntityTraits<U>::kTable == table) {
          field["references"] = {{"resource", ResourceName<U>()},
                                 {"field", f.references.substr(f.references.find('.') + 1)}};
        }
      });
    }
    fields.push_back(std::move(field));
  }
  nlohmann::json keys = nlohmann::json::array();
  for (auto key : Traits::kKeyFields) keys.push_back(key);
  return {{"resource", ResourceName<T>()},
          {"table", Traits::kTable},
          {"label", Traits::kLabelNl},
          {"plural", Traits::kPluralNl},
          {"key_fields", keys},
          {"fields", fields},
          {"read", ReadAccess(caller.role, Traits::kTable) != Access::kNone},
          {"write", WriteAccess(caller.role, Traits::kTable) != Access::kNone},
          {"scoped", WriteAccess(caller.role, Traits::kTable) == Access::kScoped}};
}

// An import's preview or outcome: per file (or sheet) the counts and the listed rows that add or
// change a record, each change as field, old and new value.
inline nlohmann::json ImportReportJson(const ImportReport& report, bool applied) {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& f : report.files) {
    nlohmann::json changes = nlohmann::json::array();
    for (const auto& c : f.changes) {
      nlohmann::json fields = nlohmann::json::array();
      for (const auto& field : c.fields) {
        fields.push_back(
            {{"field", field.field}, {"before", field.before}, {"after", field.after}});
      }
      changes.push_back({{"row", c.line},
                         {"entry", c.entry.empty() ? nlohmann::json() : nlohmann::json(c.entry)},
                         {"key", c.key},
                         {"name", c.name},
                         {"added", c.added},
                         {"fields", fields}});
    }
    files.push_back({{"name", f.name},
                     {"kind", f.kind},
                     {"created", f.created},
                     {"updated", f.updated},
                     {"unchanged", f.unchanged},
                     {"changes", changes}});
  }
  return {{"applied", applied}, {"files", files}};
}

}  // namespace vangnet
