// Registry records as CSV files: one file per record type, one column per field (README.md,
// "Data formats"). Header names are the field names; columns may come in any order, optional
// columns may be left out.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/entity.hpp"
#include "core/error.hpp"
#include "io/csv.hpp"

namespace vangnet {

// One data row of an import file, mapped onto the record type's fields.
struct RegistryCsvRow {
  std::size_t line = 0;
  std::vector<std::optional<std::string>> texts;  // per field; nullopt = column not in the file
};

// Maps a parsed CSV table onto T's fields. Refuses unknown columns (a typo would otherwise be
// silently ignored) and missing key columns; errors carry file, line and column.
template <class T>
Result<std::vector<RegistryCsvRow>> MapCsvColumns(const CsvTable& table,
                                                  const std::string& file_name) {
  const auto& fields = EntityTraits<T>::Fields();
  std::vector<std::optional<std::size_t>> column_of_field(fields.size());
  for (std::size_t c = 0; c < table.header.size(); ++c) {
    bool known = false;
    for (std::size_t f = 0; f < fields.size(); ++f) {
      if (table.header[c] != fields[f].name) continue;
      known = true;
      if (column_of_field[f]) {
        return Error{ErrorKind::kValidation, "kolom staat twee keer in de kopregel", file_name, 1,
                     table.header[c]};
      }
      column_of_field[f] = c;
    }
    if (!known) {
      std::string expected;
      for (const auto& f : fields) expected += (expected.empty() ? "" : ", ") + std::string(f.name);
      return Error{ErrorKind::kValidation,
                   "onbekende kolom '" + table.header[c] + "'; toegestaan zijn: " + expected,
                   file_name, 1, table.header[c]};
    }
  }
  // The key columns say which record a row is about, so they are always needed. Other required
  // columns may be left out of a file that only updates existing records; the import checks
  // them row by row for new records.
  for (std::string_view key : EntityTraits<T>::kKeyFields) {
    for (std::size_t f = 0; f < fields.size(); ++f) {
      if (fields[f].name == key && !column_of_field[f]) {
        return Error{ErrorKind::kValidation, "verplichte kolom ontbreekt in de kopregel", file_name,
                     1, std::string(key)};
      }
    }
  }
  std::vector<RegistryCsvRow> rows;
  rows.reserve(table.records.size());
  for (const auto& record : table.records) {
    RegistryCsvRow row{record.line, {}};
    row.texts.resize(fields.size());
    for (std::size_t f = 0; f < fields.size(); ++f) {
      if (column_of_field[f]) row.texts[f] = record.cells[*column_of_field[f]];
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// Writes records as CSV; yes/no fields as "ja"/"nee", the rest in canonical form.
template <class T>
std::string WriteRegistryCsv(const std::vector<T>& records) {
  const auto& fields = EntityTraits<T>::Fields();
  std::vector<std::string> header;
  for (const auto& f : fields) header.emplace_back(f.name);
  std::vector<std::vector<std::string>> rows;
  rows.reserve(records.size());
  for (const auto& record : records) {
    std::vector<std::string> cells;
    for (const auto& f : fields) {
      std::string text = f.get(record).value_or("");
      if (f.type == FieldType::kBool) text = text == "1" ? "ja" : "nee";
      cells.push_back(std::move(text));
    }
    rows.push_back(std::move(cells));
  }
  return WriteCsv(header, rows);
}

}  // namespace vangnet
