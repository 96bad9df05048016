// CSV as it comes out of Dutch spreadsheets, and what is refused with which line.
#include "io/csv.hpp"

#include <gtest/gtest.h>

#include "io/postcode_table.hpp"

namespace vangnet {
namespace {

TEST(Csv, ReadsCommaSeparatedWithQuotesAndLineBreaksInCells) {
  auto table = ReadCsv(
      "code,name,notes\nA1,\"Praktijk \"\"De Maas\"\"\",\"regel 1\nregel 2\"\nA2,B,\n", "x.csv");
  ASSERT_TRUE(table) << table.error().ToString();
  ASSERT_EQ(table.value().records.size(), 2u);
  EXPECT_EQ(table.value().records[0].cells[1], "Praktijk \"De Maas\"");
  EXPECT_EQ(table.value().records[0].cells[2], "regel 1\nregel 2");
  // The second record starts on line 4: the first one spans lines 2 and 3.
  EXPECT_EQ(table.value().records[1].line, 4u);
}

TEST(Csv, ReadsDutchExcelSemicolonsBomAndCrlf) {
  auto table = ReadCsv(
      "\xEF\xBB\xBF"
      "agb;fte\r\n01012345;0,8\r\n\r\n",
      "x.csv");
  ASSERT_TRUE(table);
  EXPECT_EQ(table.value().delimiter, ';');
  EXPECT_EQ(table.value().header, (std::vector<std::string>{"agb", "fte"}));
  ASSERT_EQ(table.value().records.size(), 1u);
  EXPECT_EQ(table.value().records[0].cells[1], "0,8");
}

TEST(Csv, RefusesWindows1252AndNamesTheLine) {
  auto table = ReadCsv("code,name\nA1,Jansen\nA2,Co\xF6rdinator\n", "people.csv");
  ASSERT_FALSE(table);
  EXPECT_EQ(table.error().file, "people.csv");
  EXPECT_EQ(table.error().row, 3u);
  EXPECT_NE(table.error().message.find("geen UTF-8"), std::string::npos);
  EXPECT_NE(table.error().message.find("CSV UTF-8"), std::string::npos);
}

TEST(Csv, RefusesARowWithTheWrongNumberOfCells) {
  auto table = ReadCsv("a,b,c\n1,2,3\n1,2\n", "x.csv");
  ASSERT_FALSE(table);
  EXPECT_EQ(table.error().row, 3u);
  EXPECT_EQ(table.error().message, "deze regel heeft 2 kolommen, de kopregel 3");
}

TEST(Csv, RefusesAnUnclosedQuoteAtTheLineWhereItOpens) {
  auto table = ReadCsv("a,b\n1,2\n3,\"open\n4,5\n", "x.csv");
  ASSERT_FALSE(table);
  EXPECT_EQ(table.error().row, 3u);
}

TEST(Csv, RefusesAnEmptyFile) {
  auto table = ReadCsv("", "leeg.csv");
  ASSERT_FALSE(table);
  EXPECT_EQ(table.error().row, 1u);
}

TEST(Csv, WritesWhatItReads) {
  std::vector<std::vector<std::string>> rows{{"01012345", "Praktijk, \"Zuid\"", "a\nb", ""},
                                             {"x", " spatie", "ë", "0,8"}};
  std::string text = WriteCsv({"a", "b", "c", "d"}, rows);
  auto back = ReadCsv(text, "x.csv");
  ASSERT_TRUE(back);
  ASSERT_EQ(back.value().records.size(), 2u);
  EXPECT_EQ(back.value().records[0].cells, rows[0]);
  EXPECT_EQ(back.value().records[1].cells, rows[1]);
}

TEST(PostcodeTable, KnowsTheRegionsPostcodes) {
  const auto& table = PostcodeTable::Embedded();
  EXPECT_GT(table.size(), 4000u);
  const PostcodeArea* vrijthof = table.Find("6211");
  ASSERT_NE(vrijthof, nullptr);
  EXPECT_EQ(vrijthof->place, "Maastricht");
  EXPECT_TRUE(vrijthof->is_address_area);
  EXPECT_EQ(table.AddressAreasOf("Vaals").size(), 3u);
  EXPECT_EQ(table.Find("0000"), nullptr);
}

TEST(PostcodeTable, DistancesAreGreatCircleKilometres) {
  // Maastricht (6211) to Vaals (6291): about 24 km as the crow flies.
  const auto& t = PostcodeTable::Embedded();
  const auto *a = t.Find("6211"), *b = t.Find("6291");
  double d = DistanceKm(a->latitude, a->longitude, b->latitude, b->longitude);
  EXPECT_GT(d, 23.0);
  EXPECT_LT(d, 26.0);
  EXPECT_DOUBLE_EQ(DistanceKm(50.0, 5.0, 50.0, 5.0), 0.0);
}

// Issue 17 finding 5: a practice name like =HYPERLINK(...) became a live formula in Excel.
TEST(Csv, FormulasAreNeutralisedOnExportAndOurOwnExportImportsUnchanged) {
  const std::vector<std::vector<std::string>> rows{
      {"=HYPERLINK(\"http://evil.example\",\"klik\")", "+31 43 123 4567"},
      {"+SUM(A1:A2)", "-5,25"},
      {"-2+3+cmd|' /C calc'!A0", "@SUM(1)"},
      {"\t=1+1", "gewoon"},
  };
  const std::string csv = WriteCsv({"naam", "telefoon"}, rows);
  auto table = ReadCsv(csv, "export.csv");
  ASSERT_TRUE(table) << table.error().ToString();
  // In the file itself no cell starts with a formula character, except plain numbers.
  for (const auto& line : {"'=HYPERLINK", "'+SUM", "'-2+3", "'@SUM"}) {
    EXPECT_NE(csv.find(line), std::string::npos) << line << "\n" << csv;
  }
  EXPECT_NE(csv.find(",+31 43 123 4567\n"), std::string::npos) << "a phone number stays as it is";
  EXPECT_NE(csv.find(",\"-5,25\""), std::string::npos);
  // Read back: exactly what was written (the tab cell is quoted, so it keeps its tab).
  ASSERT_EQ(table.value().records.size(), rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    EXPECT_EQ(table.value().records[r].cells, rows[r]) << "row " << r;
  }
}

}  // namespace
}  // namespace vangnet
