// Number, date and encoding parsing as coordinators type them in spreadsheets.
#include "core/text.hpp"

#include <gtest/gtest.h>

#include "core/date.hpp"
#include "core/sources.hpp"

namespace vangnet {
namespace {

TEST(Text, DecimalCommaAndPointAreTheSame) {
  EXPECT_DOUBLE_EQ(*ParseDecimal("0,8"), 0.8);
  EXPECT_DOUBLE_EQ(*ParseDecimal(" 0.8 "), 0.8);
  EXPECT_FALSE(ParseDecimal("acht"));
  EXPECT_FALSE(ParseDecimal("1,000.5,"));
}

TEST(Text, IntegersRefuseSeparatorsAndFractions) {
  EXPECT_EQ(*ParseInteger("3700"), 3700);
  EXPECT_FALSE(ParseInteger("3.700"));
  EXPECT_FALSE(ParseInteger("3,7"));
  EXPECT_FALSE(ParseInteger(""));
}

TEST(Text, DecimalsRoundTripExactly) {
  for (double v : {50.8505631, 0.1 + 0.2, 5.6860069, 1.0}) {
    EXPECT_EQ(*ParseDecimal(FormatDecimal(v)), v);
  }
}

TEST(Text, YesNoInDutchAndEnglish) {
  EXPECT_EQ(ParseYesNo("Ja"), true);
  EXPECT_EQ(ParseYesNo("nee"), false);
  EXPECT_EQ(ParseYesNo("1"), true);
  EXPECT_FALSE(ParseYesNo("misschien"));
}

TEST(Text, Utf8Validation) {
  EXPECT_TRUE(IsValidUtf8("Coördinator één"));
  EXPECT_FALSE(IsValidUtf8("Co\xF6rdinator"));  // Windows-1252 ö
  EXPECT_FALSE(IsValidUtf8("\xC3"));            // cut off
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));        // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));    // surrogate
}

TEST(Dates, IsoAndDutchOrderLeapYears) {
  EXPECT_EQ(FormatDate(*ParseDate("2024-02-29")), "2024-02-29");
  EXPECT_FALSE(ParseDate("2025-02-29"));
  EXPECT_EQ(FormatDate(*ParseDate("01-03-2025")), "2025-03-01");
  EXPECT_FALSE(ParseDate("2025/03/01"));
  EXPECT_FALSE(ParseDate("2025-13-01"));
}

// A person reads a source by its document's title, never by its file name.
TEST(Sources, FileNamesBecomeTitles) {
  EXPECT_EQ(SourceText("000_5a37fb5747e2df6f.txt §4"),
            "Regionaal continuïteitsplan Maastricht-Heuvelland §4");
  EXPECT_EQ(
      SourceText("002_b828ddde7ad66e33.txt §3.2; 004_b94aa58857644a59.txt §4.1"),
      "Model Integraal Crisisplan huisartsenzorg §3.2; LHV/NHG Kernwaarden huisartsenzorg §4.1");
  EXPECT_EQ(SourceText("afgeleid, geen bron"), "afgeleid, geen bron");
}

}  // namespace
}  // namespace vangnet
