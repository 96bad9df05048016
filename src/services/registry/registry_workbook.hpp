// The registry as an Excel workbook (README.md, "Data formats"): one sheet per record kind,
// named after the kind ("practices", "people", ...), with the same columns as the CSV files, so
// an exported workbook imports again. And the import template: the same sheets with a row that
// explains each column and a few example rows.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/registry.hpp"
#include "io/csv.hpp"
#include "io/xlsx.hpp"

namespace vangnet {

// Every cell of a template's explanation row starts with this; an import skips such a row, so
// a filled-in template imports without deleting it first.
inline constexpr std::string_view kExplanationPrefix = "Toelichting: ";
bool IsExplanationRow(const CsvRecord& record);

// The sheet of one record kind: typed columns (numbers, dates), yes/no as "ja"/"nee".
template <class T>
Table RegistrySheet(const std::vector<T>& records) {
  Table table;
  std::string_view file = EntityTraits<T>::kFileName;
  table.name = std::string(file.substr(0, file.find('.')));
  for (const auto& f : EntityTraits<T>::Fields()) {
    CellType type = CellType::kText;
    if (f.type == FieldType::kInteger) type = CellType::kInteger;
    if (f.type == FieldType::kReal) type = CellType::kNumber;
    if (f.type == FieldType::kDate) type = CellType::kDate;
    table.columns.push_back({std::string(f.name), type});
  }
  table.rows.reserve(records.size());
  for (const auto& record : records) {
    std::vector<std::string> cells;
    for (const auto& f : EntityTraits<T>::Fields()) {
      std::string text = f.get(record).value_or("");
      if (f.type == FieldType::kBool) text = text == "1" ? "ja" : "nee";
      cells.push_back(std::move(text));
    }
    table.rows.push_back(std::move(cells));
  }
  return table;
}

// "Download sjabloon": every kind's sheet with its explanation row and the first
// `examples_per_kind` records of `examples` (the demo region) as examples.
Result<std::string> RegistryTemplate(const RegistryRecords& examples,
                                     std::size_t examples_per_kind = 2);

}  // namespace vangnet
