// A table to download: typed columns and rows of text, written as CSV (csv.hpp) or as a sheet of
// an Excel workbook (xlsx.hpp). Lists a coordinator or insurer looks at are built once as a
// Table, so both downloads hold the same columns.
#pragma once

#include <string>
#include <vector>

namespace vangnet {

// How a column's cells are written to Excel (CSV holds text either way).
enum class CellType { kText, kInteger, kNumber, kDate };

struct TableColumn {
  std::string header;
  CellType type = CellType::kText;
};

struct Table {
  std::string name;  // the sheet's name in a workbook (at most 31 characters there)
  std::vector<TableColumn> columns;
  // Optional second row under the header, in italics: what each column means (templates).
  std::vector<std::string> explanation;
  // Cells as text, in the columns' order; a number or date column's cell that does not parse
  // is written as text, an empty cell stays empty.
  std::vector<std::vector<std::string>> rows;
};

}  // namespace vangnet
