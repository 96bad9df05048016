// Excel workbooks (.xlsx, Office Open XML) in and out: the region's own lists are Excel.
//
// Reading: the file is a zip of XML parts; libarchive (already used for the offline bundle)
// opens the zip and expat reads the parts as a stream. We read only what a list needs: the
// sheets in workbook order with their names, shared and inline strings, numbers, booleans,
// cached formula results, and which number formats are dates (Excel keeps a date as a serial
// number with a date format on the cell). Every sheet becomes the same table as a CSV file
// (header row, records with the row number Excel shows), so the import has one path for both.
//
// Writing: libxlsxwriter (Debian), with a frozen header row, an autofilter, widths that fit and
// typed cells. Text is always written as text, never as a formula.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "io/csv.hpp"
#include "io/table.hpp"
#include "io/zip_archive.hpp"

namespace vangnet {

struct XlsxSheet {
  std::string name;  // the sheet's tab name
  CsvTable table;    // header = the first row with content; records carry Excel's row numbers
};

// Reads every worksheet of a workbook. Dates come out as "YYYY-MM-DD" (with " HH:MM" when the
// cell has a time), numbers in their shortest exact form with a '.', booleans as "ja"/"nee".
// `file_name` names the file in errors; a cell error names the sheet and cell.
Result<std::vector<XlsxSheet>> ReadXlsx(std::string_view bytes, const std::string& file_name);

// The same from the workbook's parts already unpacked ("xl/workbook.xml", ...): for the fuzzer,
// which tries the XML readers without a zip around them.
Result<std::vector<XlsxSheet>> ReadXlsxParts(const std::vector<ArchiveEntry>& entries,
                                             const std::string& file_name);

// True when `bytes` start like a zip file (an .xlsx is one).
bool LooksLikeXlsx(std::string_view bytes);

// The workbook's bytes, one sheet per table (named after it; []:*?/\ replaced, cut to 31
// characters, made unique). Fails only when the temporary file cannot be written.
Result<std::string> WriteXlsx(const std::vector<Table>& tables);

}  // namespace vangnet
