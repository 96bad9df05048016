// The vangnet command line as a coordinator or a script uses it: help, exit codes, the demo,
// export and re-import.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

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
        "incident", "monitor", "programme", "plan", "stress", "version"}) {
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

TEST(Cli, ProgrammeListsTrajectoriesAndTheSoloToTogetherProgramme) {
  TempDir dir;
  std::string db = dir.Path("p.db");
  ASSERT_EQ(RunVangnet("demo --db " + db).exit_code, 0);
  auto succession = RunVangnet("programme succession --db " + db);
  ASSERT_EQ(succession.exit_code, 0) << succession.output;
  EXPECT_TRUE(Contains(succession.output, "lopende trajecten")) << succession.output;
  EXPECT_TRUE(Contains(succession.output, "geen traject")) << succession.output;
  EXPECT_TRUE(Contains(succession.output, "(TE LAAT)")) << succession.output;
  auto csv = RunVangnet("programme succession --format csv --db " + db);
  ASSERT_EQ(csv.exit_code, 0);
  EXPECT_TRUE(Contains(csv.output, "AGB praktijk,Praktijk,Plaats")) << csv.output;
  auto collaboration = RunVangnet("programme collaboration --db " + db);
  ASSERT_EQ(collaboration.exit_code, 0) << collaboration.output;
  EXPECT_TRUE(Contains(collaboration.output, "Solopraktijken met waarneming bij uitval: 19 van 25"))
      << collaboration.output;
  EXPECT_TRUE(Contains(collaboration.output, "Fase 4: pilots en opschaling: Gepland"));
  EXPECT_EQ(RunVangnet("programme --db " + db).exit_code, 64);
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

TEST(Cli, AnExcelExportImportsAgainIntoTheSameRegistry) {
  TempDir dir;
  ASSERT_EQ(RunVangnet("demo --db " + dir.Path("a.db")).exit_code, 0);
  auto exported =
      RunVangnet("export --format xlsx --db " + dir.Path("a.db") + " " + dir.Path("regio.xlsx"));
  ASSERT_EQ(exported.exit_code, 0) << exported.output;
  // First only checked: what would be added, and nothing written.
  auto checked =
      RunVangnet("import --check --db " + dir.Path("b.db") + " " + dir.Path("regio.xlsx"));
  ASSERT_EQ(checked.exit_code, 0) << checked.output;
  EXPECT_TRUE(Contains(checked.output, "regio.xlsx, blad practices")) << checked.output;
  EXPECT_TRUE(Contains(checked.output, "58 nieuw")) << checked.output;
  EXPECT_TRUE(Contains(RunVangnet("summary --db " + dir.Path("b.db")).output,
                       "Praktijken:              0"));
  auto imported = RunVangnet("import --db " + dir.Path("b.db") + " " + dir.Path("regio.xlsx"));
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  ASSERT_EQ(RunVangnet("export --db " + dir.Path("a.db") + " " + dir.Path("a")).exit_code, 0);
  ASSERT_EQ(RunVangnet("export --db " + dir.Path("b.db") + " " + dir.Path("b")).exit_code, 0);
  for (const auto& entry : std::filesystem::directory_iterator(dir.Path("a"))) {
    const std::string name = entry.path().filename().string();
    EXPECT_EQ(ReadFile(entry.path().string()), ReadFile(dir.Path("b") + "/" + name)) << name;
  }
  // And once more to Excel: the same sheets again.
  ASSERT_EQ(
      RunVangnet("export --format xlsx --db " + dir.Path("b.db") + " " + dir.Path("again.xlsx"))
          .exit_code,
      0);
  auto unchanged =
      RunVangnet("import --check --db " + dir.Path("a.db") + " " + dir.Path("again.xlsx"));
  EXPECT_TRUE(Contains(unchanged.output, "0 nieuw,      0 bijgewerkt")) << unchanged.output;
}

TEST(Cli, AnExcelFileFromAnotherProgramIsRefusedWithSheetRowAndColumnThenApplied) {
  TempDir dir;
  ASSERT_EQ(RunVangnet("demo --db " + dir.Path("v.db")).exit_code, 0);
  // openpyxl (Debian python3-openpyxl) writes the workbook, as a spreadsheet program would.
  auto make = [&](const std::string& patients) {
    std::ofstream(dir.Path("make.py"))
        << "import openpyxl\nwb = openpyxl.Workbook()\nws = wb.active\nws.title = 'praktijken'\n"
        << "ws.append(['agb', 'name', 'form', 'postcode', 'registered_patients'])\n"
        << "ws.append(['01099990', 'Huisartsen Nieuw', 'duo', '6211', 2500])\n"
        << "ws.append(['01099991', 'Praktijk Later', 'solo', '6221', " << patients << "])\n"
        << "wb.save('" << dir.Path("nieuw.xlsx") << "')\n";
    return RunTool("/usr/bin/python3 " + dir.Path("make.py") + " 2>&1");
  };
  ASSERT_EQ(make("'veel'"), "");
  auto refused = RunVangnet("import --db " + dir.Path("v.db") + " " + dir.Path("nieuw.xlsx"));
  EXPECT_EQ(refused.exit_code, 65) << refused.output;
  EXPECT_TRUE(
      Contains(refused.output, "nieuw.xlsx, blad praktijken, regel 3, kolom registered_patients:"))
      << refused.output;
  ASSERT_EQ(make("1800"), "");
  auto applied = RunVangnet("import --db " + dir.Path("v.db") + " " + dir.Path("nieuw.xlsx"));
  ASSERT_EQ(applied.exit_code, 0) << applied.output;
  EXPECT_TRUE(Contains(applied.output, "2 nieuw")) << applied.output;
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

// With the checkpoint file deleted, emptied or rolled back, `audit verify` said intact after a
// cut of the trail; with the key file missing it silently made a new key.
TEST(Cli, AuditCheckpointsCannotBeDeletedAwayNorTheKeyReplaced) {
  TempDir dir;
  const std::string db = dir.Path("v.db");
  ASSERT_EQ(RunVangnet("demo --db " + db).exit_code, 0);
  // The demo's writes were checkpointed as the command ended, without a server tick.
  ASSERT_TRUE(std::filesystem::exists(db + ".audit-anchors"));
  ASSERT_EQ(RunVangnet("audit verify --db " + db).exit_code, 0);
  const auto copy = [&](const std::string& from, const std::string& to) {
    std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing);
  };
  copy(db + ".audit-anchors", dir.Path("anchors.first"));
  // A second checkpoint after more writes (an import), then the file rolled back to the first.
  std::ofstream(dir.Path("practices.csv")) << "agb,name\n01051037,Kastanjeplein hernoemd\n";
  ASSERT_EQ(RunVangnet("import --db " + db + " " + dir.Path("practices.csv")).exit_code, 0);
  ASSERT_EQ(RunVangnet("audit verify --db " + db).exit_code, 0);
  copy(db + ".audit-anchors", dir.Path("anchors.second"));
  copy(dir.Path("anchors.first"), db + ".audit-anchors");
  auto rolled_back = RunVangnet("audit verify --db " + db);
  EXPECT_EQ(rolled_back.exit_code, 65) << rolled_back.output;
  EXPECT_TRUE(Contains(rolled_back.output, "controlepunt")) << rolled_back.output;
  // Emptied, then deleted.
  std::ofstream(db + ".audit-anchors", std::ios::trunc).flush();
  auto emptied = RunVangnet("audit verify --db " + db);
  EXPECT_EQ(emptied.exit_code, 65) << emptied.output;
  EXPECT_TRUE(Contains(emptied.output, "verwijderd, geleegd of ingekort")) << emptied.output;
  std::filesystem::remove(db + ".audit-anchors");
  EXPECT_EQ(RunVangnet("audit verify --db " + db).exit_code, 65);
  // Put back as it was: intact again.
  copy(dir.Path("anchors.second"), db + ".audit-anchors");
  EXPECT_EQ(RunVangnet("audit verify --db " + db).exit_code, 0);
  // The key file gone: refused, and no new key made.
  std::filesystem::rename(db + ".key", dir.Path("key.saved"));
  auto keyless = RunVangnet("audit verify --db " + db);
  EXPECT_NE(keyless.exit_code, 0) << keyless.output;
  EXPECT_TRUE(Contains(keyless.output, "sleutelbestand ontbreekt")) << keyless.output;
  EXPECT_FALSE(std::filesystem::exists(db + ".key"));
}

// A second checkpoint destination (VANGNET_AUDIT_ANCHOR_MIRROR, e.g. a file on another host):
// every checkpoint goes to both, each is counted, and damage to either shows.
TEST(Cli, ASecondCheckpointDestinationIsWrittenAndCheckedToo) {
  TempDir dir;
  const std::string db = dir.Path("v.db"), mirror = dir.Path("elders.audit-anchors");
  setenv("VANGNET_AUDIT_ANCHOR_MIRROR", mirror.c_str(), 1);
  ASSERT_EQ(RunVangnet("demo --db " + db).exit_code, 0);
  ASSERT_EQ(RunVangnet("audit verify --db " + db).exit_code, 0);
  const auto read = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const std::string lines = read(mirror);
  EXPECT_FALSE(lines.empty());
  EXPECT_EQ(lines, read(db + ".audit-anchors"));
  // The mirror cut: found, and named.
  std::ofstream(mirror, std::ios::trunc).flush();
  auto cut = RunVangnet("audit verify --db " + db);
  EXPECT_EQ(cut.exit_code, 65) << cut.output;
  EXPECT_TRUE(Contains(cut.output, "elders.audit-anchors")) << cut.output;
  std::ofstream(mirror, std::ios::binary) << lines;
  EXPECT_EQ(RunVangnet("audit verify --db " + db).exit_code, 0);
  unsetenv("VANGNET_AUDIT_ANCHOR_MIRROR");
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
