// The vangnet command line as a coordinator or a script uses it: help, exit codes, the demo,
// export and re-import.
#include <gtest/gtest.h>

#include "test_support/registry_fixture.hpp"
#include "test_support/run_command.hpp"

namespace vangnet {
namespace {

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Cli, WithoutACommandItShowsUsageAndFails) {
  auto r = RunVangnet("");
  EXPECT_EQ(r.exit_code, 64);
  EXPECT_TRUE(Contains(r.output, "Gebruik: vangnet OPDRACHT"));
  EXPECT_EQ(RunVangnet("opruimen").exit_code, 64);
}

TEST(Cli, EverySubcommandHasHelp) {
  for (const char* command :
       {"serve", "migrate", "demo", "import", "export", "summary", "audit", "user", "playbook",
        "incident", "monitor", "plan", "stress", "version"}) {
    auto r = RunVangnet(std::string(command) + " --help");
    EXPECT_EQ(r.exit_code, 0) << command;
    EXPECT_TRUE(Contains(r.output, std::string("Gebruik: vangnet ") + command)) << r.output;
  }
}

TEST(Cli, UnknownOptionIsAUsageError) {
  auto r = RunVangnet("migrate --databank x.db");
  EXPECT_EQ(r.exit_code, 64);
  EXPECT_TRUE(Contains(r.output, "onbekende optie --databank"));
}

TEST(Cli, DemoCreatesTheRegionOnceAndThenLeavesItAlone) {
  TempDir dir;
  std::string db = dir.Path("v.db");
  auto first = RunVangnet("demo --db " + db);
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_TRUE(Contains(first.output, "Demo-regio Maastricht-Heuvelland aangemaakt"));
  EXPECT_TRUE(Contains(first.output, "Praktijken:              58 (25 solopraktijk"));
  EXPECT_TRUE(Contains(first.output, "Ingeschreven patiënten:  210386"));
  auto second = RunVangnet("demo --db " + db);
  EXPECT_EQ(second.exit_code, 0);
  EXPECT_TRUE(Contains(second.output, "bevat al een regio; er is niets veranderd"));
}

TEST(Cli, ExportAndReimportGiveTheSameFiles) {
  TempDir dir;
  ASSERT_EQ(RunVangnet("demo --db " + dir.Path("a.db")).exit_code, 0);
  auto exported = RunVangnet("export --db " + dir.Path("a.db") + " " + dir.Path("out"));
  ASSERT_EQ(exported.exit_code, 0) << exported.output;
  auto imported = RunVangnet("import --db " + dir.Path("b.db") + " " + dir.Path("out"));
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  EXPECT_TRUE(Contains(imported.output, "practices.csv"));
  ASSERT_EQ(RunVangnet("export --db " + dir.Path("b.db") + " " + dir.Path("again")).exit_code, 0);
  for (const auto& name : {"practices.csv", "people.csv", "affiliations.csv", "contracts.csv",
                           "contacts.csv", "crisis_roles.csv", "calamity_cards.csv"}) {
    EXPECT_EQ(ReadFile(dir.Path("out") + "/" + name), ReadFile(dir.Path("again") + "/" + name))
        << name;
  }
}

TEST(Cli, ARefusedImportSaysWhereAndExitsWithDataError) {
  TempDir dir;
  std::ofstream(dir.Path("practices.csv"))
      << "agb,name,form,postcode,registered_patients\n1234567,Praktijk,solo,6211,100\n";
  auto r = RunVangnet("import --db " + dir.Path("v.db") + " " + dir.Path("practices.csv"));
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_TRUE(Contains(r.output, "Import geweigerd; er is niets opgeslagen"));
  EXPECT_TRUE(Contains(r.output, "practices.csv, regel 2, kolom agb: AGB-code '1234567'"));
}

TEST(Cli, AMissingFileExitsWithNoInput) {
  TempDir dir;
  auto r = RunVangnet("import --db " + dir.Path("v.db") + " " + dir.Path("bestaat-niet.csv"));
  EXPECT_EQ(r.exit_code, 66);
  EXPECT_TRUE(Contains(r.output, "bestand kan niet worden gelezen"));
}

TEST(Cli, TheAuditTrailOfTheDemoIsIntact) {
  TempDir dir;
  ASSERT_EQ(RunVangnet("demo --db " + dir.Path("v.db")).exit_code, 0);
  auto r = RunVangnet("audit verify --db " + dir.Path("v.db"));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(Contains(r.output, "Auditlog is intact"));
  auto list = RunVangnet("audit list --limit 2 --type practice --db " + dir.Path("v.db"));
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_TRUE(Contains(list.output, "create  practice 0105"));
  // Reading the trail is itself recorded, from the command line as from the admin page.
  auto reads = RunVangnet("audit list --type audit_event --db " + dir.Path("v.db"));
  EXPECT_EQ(reads.exit_code, 0);
  EXPECT_TRUE(Contains(reads.output, "read  audit_event list")) << reads.output;
}

TEST(Cli, TheStressTestPrintsWeakPointsAndRefusesABadAreaWithDataError) {
  TempDir dir;
  ASSERT_EQ(RunVangnet("demo --db " + dir.Path("v.db")).exit_code, 0);
  auto r = RunVangnet("stress --db " + dir.Path("v.db") +
                      " --area zone:geul-overstroming --area municipality:Vaals --year 2031");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(Contains(r.output, "de regio in 2031"));
  EXPECT_TRUE(Contains(r.output, "Zwakke plekken:"));
  EXPECT_TRUE(Contains(r.output, "Overstroming Geuldal"));
  EXPECT_TRUE(Contains(r.output, "gemeente Vaals"));
  auto csv =
      RunVangnet("stress --db " + dir.Path("v.db") + " --area practices:01051037 --format csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.output;
  EXPECT_TRUE(Contains(csv.output, "rank,kind,id,name,closed_agbs,patients,placed,unplaced"));
  EXPECT_TRUE(Contains(csv.output, "practices:01051037"));
  auto bad = RunVangnet("stress --db " + dir.Path("v.db") + " --area wijk:MAA");
  EXPECT_EQ(bad.exit_code, 65);
  EXPECT_TRUE(Contains(bad.output, "veld area: Gebied 'wijk:MAA'"));
  EXPECT_EQ(RunVangnet("stress --db " + dir.Path("v.db") + " --year volgend").exit_code, 64);
}

}  // namespace
}  // namespace vangnet
