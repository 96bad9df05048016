// libFuzzer target: the XML parts of an Excel workbook as the import reads them (expat readers
// for shared strings, styles and a sheet; cell references, numbers, dates). The input is split at
// NUL bytes into the sheet, the shared strings and the styles; the workbook and its relations
// are fixed, so every input reaches the readers without a zip around it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/xlsx.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> pieces;
  for (std::size_t start = 0;;) {
    std::size_t nul = input.find('\0', start);
    pieces.emplace_back(input.substr(start, nul == std::string_view::npos ? nul : nul - start));
    if (nul == std::string_view::npos || pieces.size() == 3) break;
    start = nul + 1;
  }
  pieces.resize(3);
  std::vector<vangnet::ArchiveEntry> parts{
      {"xl/workbook.xml",
       "<workbook xmlns:r=\"r\"><sheets><sheet name=\"people\" r:id=\"rId1\"/></sheets>"
       "</workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
       "</Relationships>"},
      {"xl/worksheets/sheet1.xml", pieces[0]},
      {"xl/sharedStrings.xml", pieces[1]},
      {"xl/styles.xml", pieces[2]},
  };
  auto sheets = vangnet::ReadXlsxParts(parts, "fuzz.xlsx");
  if (!sheets) return 0;
  // Every record has as many cells as the header: the import indexes them by column.
  for (const auto& sheet : sheets.value()) {
    for (const auto& record : sheet.table.records) {
      if (record.cells.size() != sheet.table.header.size()) __builtin_trap();
    }
  }
  return 0;
}
