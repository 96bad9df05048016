// Excel workbooks: read what a real spreadsheet library wrote (openpyxl, Debian's
// python3-openpyxl, which nobody here wrote) and what our own writer wrote.
#include "io/xlsx.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "io/zip_archive.hpp"
#include "test_support/run_command.hpp"
#include "test_support/temp_dir.hpp"

namespace vangnet {
namespace {

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Runs a Python script with Debian's python3 (where python3-openpyxl lives) and returns the
// bytes of the workbook it saved to `out`.
std::string Openpyxl(const TempDir& dir, const std::string& script) {
  const std::string py = dir.Path() + "/make.py";
  const std::string out = dir.Path() + "/made.xlsx";
  std::ofstream(py) << "import datetime, openpyxl\nOUT = '" << out << "'\n" << script;
  std::string log = RunTool("/usr/bin/python3 " + py + " 2>&1");
  EXPECT_TRUE(log.empty()) << log << "(python3-openpyxl is installed by scripts/dev.sh test)";
  return ReadBytes(out);
}

TEST(Xlsx, ReadsWhatOpenpyxlWrites) {
  TempDir dir;
  std::string bytes = Openpyxl(dir, R"(
wb = openpyxl.Workbook()
ws = wb.active
ws.title = 'people'
ws.append(['code', 'name', 'birth_year', 'fte', 'unavailable_until', 'active', 'note'])
ws.append(['HA-1', 'Anna de Vries', 1961, 0.8, datetime.date(2027, 3, 31), True, None])
ws.append([None, None, None, None, None, None, None])
ws['A4'] = 'HA-2'
ws['B4'] = 'Jan Smeets'
ws['G4'] = 'tekst met, komma; en "quotes"'
ws['A5'] = 'HA-3'
ws['D5'] = '=1+1'
wb.create_sheet('leeg')
wb.save(OUT)
)");
  auto sheets = ReadXlsx(bytes, "regio.xlsx");
  ASSERT_TRUE(sheets) << sheets.error().ToString();
  ASSERT_EQ(sheets.value().size(), 2u);
  const auto& people = sheets.value()[0];
  EXPECT_EQ(people.name, "people");
  EXPECT_EQ(people.table.header, (std::vector<std::string>{"code", "name", "birth_year", "fte",
                                                           "unavailable_until", "active", "note"}));
  ASSERT_EQ(people.table.records.size(), 3u);  // the blank row 3 is skipped
  const auto& first = people.table.records[0];
  EXPECT_EQ(first.line, 2u);
  EXPECT_EQ(first.cells, (std::vector<std::string>{"HA-1", "Anna de Vries", "1961", "0.8",
                                                   "2027-03-31", "ja", ""}));
  EXPECT_EQ(people.table.records[1].line, 4u);
  EXPECT_EQ(people.table.records[1].cells[1], "Jan Smeets");
  EXPECT_EQ(people.table.records[1].cells[6], "tekst met, komma; en \"quotes\"");
  // A formula openpyxl wrote has no computed value: the cell reads as empty, not as its text.
  EXPECT_EQ(people.table.records[2].line, 5u);
  EXPECT_EQ(people.table.records[2].cells[3], "");
  EXPECT_TRUE(sheets.value()[1].table.header.empty());
}

TEST(Xlsx, NamesTheSheetRowAndColumnOfAnExcelError) {
  TempDir dir;
  std::string bytes = Openpyxl(dir, R"(
wb = openpyxl.Workbook()
ws = wb.active
ws.title = 'practices'
ws.append(['agb', 'name'])
ws.append(['01012345', 'Praktijk Wyck'])
ws.append(['01012346', '#N/A'])
wb.save(OUT)
)");
  auto sheets = ReadXlsx(bytes, "regio.xlsx");
  ASSERT_FALSE(sheets);
  EXPECT_EQ(sheets.error().ToString(),
            "regio.xlsx, blad practices, regel 3, kolom B: bevat een Excel-fout (#N/A); vul een "
            "waarde in");
}

TEST(Xlsx, RefusesAValueInAColumnWithoutHeader) {
  TempDir dir;
  std::string bytes = Openpyxl(dir, R"(
wb = openpyxl.Workbook()
ws = wb.active
ws.title = 'hagro'
ws.append(['code', 'name'])
ws.append(['H1', 'Hagro 1', 'vergeten'])
wb.save(OUT)
)");
  auto sheets = ReadXlsx(bytes, "h.xlsx");
  ASSERT_FALSE(sheets);
  EXPECT_EQ(sheets.error().file, "h.xlsx, blad hagro");
  EXPECT_EQ(sheets.error().row, 2u);
  EXPECT_EQ(sheets.error().field, "C");
}

TEST(Xlsx, OwnWorkbookReadsBackTypedAndWithoutFormulas) {
  Table table;
  table.name = "practices";
  table.columns = {{"agb", CellType::kText},
                   {"registered_patients", CellType::kInteger},
                   {"fte", CellType::kNumber},
                   {"last_updated", CellType::kDate}};
  table.explanation = {"AGB-code, 8 cijfers", "aantal", "getal", "datum"};
  table.rows = {{"01012345", "2350", "1.25", "2026-11-30"},
                {"=HYPERLINK(\"http://x\")", "", "niet-getal", "1999-02-28"}};
  auto bytes = WriteXlsx({table, Table{"practices", {{"x", CellType::kText}}, {}, {}}});
  ASSERT_TRUE(bytes) << bytes.error().ToString();
  EXPECT_TRUE(LooksLikeXlsx(bytes.value()));
  // A second sheet of the same name gets its own name rather than failing.
  auto sheets = ReadXlsx(bytes.value(), "export.xlsx");
  ASSERT_TRUE(sheets) << sheets.error().ToString();
  ASSERT_EQ(sheets.value().size(), 2u);
  EXPECT_EQ(sheets.value()[1].name, "practices-2");
  const auto& t = sheets.value()[0].table;
  EXPECT_EQ(t.header,
            (std::vector<std::string>{"agb", "registered_patients", "fte", "last_updated"}));
  ASSERT_EQ(t.records.size(), 3u);
  EXPECT_EQ(t.records[0].cells[0], "AGB-code, 8 cijfers");  // the explanation row is row 2
  EXPECT_EQ(t.records[1].line, 3u);
  EXPECT_EQ(t.records[1].cells,
            (std::vector<std::string>{"01012345", "2350", "1.25", "2026-11-30"}));
  EXPECT_EQ(t.records[2].cells,
            (std::vector<std::string>{"=HYPERLINK(\"http://x\")", "", "niet-getal", "1999-02-28"}));
  // Typed cells and never a formula: look into the sheet's XML itself.
  TempDir dir;
  const std::string path = dir.Path() + "/own.xlsx";
  std::ofstream(path, std::ios::binary) << bytes.value();
  auto entries = ReadZip(path);
  ASSERT_TRUE(entries);
  std::string sheet1;
  for (const auto& e : entries.value()) {
    if (e.name == "xl/worksheets/sheet1.xml") sheet1 = e.bytes;
  }
  EXPECT_EQ(sheet1.find("<f>"), std::string::npos);
  EXPECT_NE(sheet1.find("<pane"), std::string::npos);        // frozen header
  EXPECT_NE(sheet1.find("<autoFilter"), std::string::npos);  // filter on the header
  EXPECT_NE(sheet1.find("<v>2350</v>"), std::string::npos);  // a number cell
  // openpyxl reads our workbook too: the date is a real date cell.
  std::ofstream(dir.Path() + "/check.py")
      << "import openpyxl\nws = openpyxl.load_workbook('" << path << "')['practices']\n"
      << "print(type(ws['D3'].value).__name__, ws['D3'].value.date(), ws['B3'].value, "
         "ws['A4'].data_type, ws.freeze_panes, ws.auto_filter.ref)\n";
  EXPECT_EQ(RunTool("/usr/bin/python3 " + dir.Path() + "/check.py 2>&1"),
            "datetime 2026-11-30 2350 s A3 A1:D4\n");
}

TEST(Xlsx, RefusesWhatIsNotAWorkbook) {
  auto not_zip = ReadXlsx("agb,name\n1,2\n", "lijst.xlsx");
  ASSERT_FALSE(not_zip);
  EXPECT_EQ(not_zip.error().file, "lijst.xlsx");
  TempDir dir;
  const std::string path = dir.Path() + "/other.zip";
  ASSERT_TRUE(WriteZip(path, {{"readme.txt", "hallo"}}));
  auto other = ReadXlsx(ReadBytes(path), "other.xlsx");
  ASSERT_FALSE(other);
  EXPECT_NE(other.error().message.find("geen Excel-werkmap"), std::string::npos);
}

TEST(Xlsx, AnArchiveThatUnpacksBeyondTheLimitIsRefused) {
  TempDir dir;
  const std::string path = dir.Path("bomb.zip");
  ASSERT_TRUE(WriteZip(path, {{"xl/worksheets/sheet1.xml", std::string(4 << 20, ' ')}}));
  const std::string bytes = ReadBytes(path);
  ASSERT_LT(bytes.size(), 100000u);  // four megabytes of spaces pack into a few kilobytes
  auto refused = ReadZipBytes(bytes, "bomb.xlsx", 1 << 20);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("pakt uit tot meer dan 1 MB"), std::string::npos)
      << refused.error().message;
}

}  // namespace
}  // namespace vangnet
