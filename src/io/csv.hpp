// CSV as coordinators produce it: RFC 4180 quoting, comma or semicolon (Dutch Excel), UTF-8 with
// or without BOM. Anything else is refused with the line where it goes wrong.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "io/table.hpp"

namespace vangnet {

struct CsvRecord {
  std::size_t line = 0;  // line number where the record starts, as a spreadsheet counts (1-based)
  std::vector<std::string> cells;
};

struct CsvTable {
  std::vector<std::string> header;  // trimmed column names
  std::vector<CsvRecord> records;   // data records; blank lines are skipped
  char delimiter = ',';
};

// Parses a whole file. `file_name` only names the file in errors. A cell WriteCsv guarded with a
// leading apostrophe (a would-be formula) is read without it.
Result<CsvTable> ReadCsv(std::string_view content, const std::string& file_name);

// Writes a header and rows: comma-separated, quoted where needed, "\n" line ends, UTF-8. A cell
// a spreadsheet would run as a formula (=, +, -, @ first, and not just a number) gets a leading
// apostrophe.
std::string WriteCsv(const std::vector<std::string>& header,
                     const std::vector<std::vector<std::string>>& rows);

// A download table as CSV: its headers, then its rows (the explanation row is left out).
std::string WriteCsv(const Table& table);

}  // namespace vangnet
