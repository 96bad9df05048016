// Paper fallbacks: the calamity card PDF renders (pdftoppm turns every page into an image), its
// text layer holds the Dutch strings with their accents (pdftotext), it says its version and
// when it was printed, only those who may read the card may print it, and printing is audited.
#include "services/preparedness/paper_printouts.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

#include "io/zip_archive.hpp"
#include "services/incident/incident_service.hpp"
#include "services/playbook/playbook_catalog.hpp"
#include "services/preparedness/offline_bundle.hpp"
#include "services/redistribute/redistribution_service.hpp"
#include "test_support/registry_fixture.hpp"
#include "test_support/run_command.hpp"

namespace vangnet {
namespace {

class PaperPrintoutsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenTestStore(dir_.Path("papier.db"), clock_);
    ASSERT_TRUE(SaveRegistryRecords(*store_, kTestActor, BuildDemoRegion({})));
  }
  static Caller As(UserRole role, std::vector<std::string> practices = {}) {
    return Caller{{"drukker", "tester", "test", "afdrukken"}, role, std::move(practices)};
  }
  // 23 November 2026, 13:05 UTC = 14:05 in Amsterdam.
  static TimePoint Now() {
    return std::chrono::sys_days{std::chrono::year{2026} / 11 / 23} + std::chrono::hours{13} +
           std::chrono::minutes{5};
  }
  std::string Write(const std::string& bytes, const std::string& name) {
    std::string path = dir_.Path(name);
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  ManualClock clock_{Now()};
  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(PaperPrintoutsTest, TheCalamityCardRendersWithItsDutchTextVersionAndPrintTime) {
  PaperPrintouts printouts(*store_);
  auto pdf = printouts.CalamityCardPdf(As(UserRole::kCoordinator), "01051037");
  ASSERT_TRUE(pdf) << pdf.error().ToString();
  ASSERT_EQ(pdf.value().rfind("%PDF-", 0), 0u);
  std::string path = Write(pdf.value(), "kaart.pdf");
  std::string text = RunTool("pdftotext -layout " + path + " -");
  for (const char* expected :
       {"Calamiteitenkaart · Huisartsenpraktijk", "Kastanjeplein (Maastricht)",
        "Wie beslist en wie betaalt", "Gemachtigden", "Waar de wachtwoorden",
        "Continuïteitspartners", "afgedrukt 23-11-2026 14:05 door drukker",
        "controleer vóór gebruik", "kaartversie 1", "pagina 1"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  // Every page turns into an image; fonts are embedded (pdffonts lists them as "emb yes").
  std::string png_prefix = dir_.Path("kaart");
  RunTool("pdftoppm -r 50 -png " + path + " " + png_prefix);
  EXPECT_TRUE(std::filesystem::exists(png_prefix + "-1.png"));
  // One sheet: the notes lines fill the first page instead of spilling a few onto a second.
  EXPECT_NE(RunTool("pdfinfo " + path).find("Pages:           1\n"), std::string::npos)
      << RunTool("pdfinfo " + path);
  std::string fonts = RunTool("pdffonts " + path);
  EXPECT_NE(fonts.find("DejaVuSans"), std::string::npos) << fonts;
  EXPECT_EQ(fonts.find(" no  "), std::string::npos) << fonts;  // emb column: never "no"
}

TEST_F(PaperPrintoutsTest, OnlyWhoMayReadTheCardPrintsItAndPrintingIsAudited) {
  PaperPrintouts printouts(*store_);
  EXPECT_FALSE(printouts.CalamityCardPdf(As(UserRole::kInsurerLiaison), "01051037"));
  auto other = printouts.CalamityCardPdf(As(UserRole::kPracticeUser, {"01051111"}), "01051037");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().kind, ErrorKind::kForbidden);
  EXPECT_TRUE(printouts.CalamityCardPdf(As(UserRole::kPracticeUser, {"01051037"}), "01051037"));
  auto missing = printouts.CalamityCardPdf(As(UserRole::kCoordinator), "09999999");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::kNotFound);
  AuditFilter filter;
  filter.object_type = "calamity_card";
  filter.object_key = "01051037";
  int exports = 0;
  for (const auto& e : store_->BeginRead(kTestActor).value()->Audit().List(filter))
    exports += e.action == "export";
  EXPECT_EQ(exports, 1);
}

TEST_F(PaperPrintoutsTest, TheContactListNamesEveryCrisisRoleWithItsSubstitute) {
  PaperPrintouts printouts(*store_);
  auto pdf = printouts.ContactListPdf(As(UserRole::kCrisisTeam));
  ASSERT_TRUE(pdf) << pdf.error().ToString();
  std::string path = Write(pdf.value(), "contacten.pdf");
  std::string text = RunTool("pdftotext " + path + " -");
  for (const char* expected :
       {"Contactlijst crisisrollen", "Crisiscoördinator RHO", "Hagro-crisiscoördinator",
        "Vervanger", "afgedrukt 23-11-2026 14:05", "controleer vóór gebruik"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  // The paragraph explains it, and the two roles without a substitute in the demo show it.
  int missing = 0;
  for (std::size_t at = 0; (at = text.find("ONTBREEKT", at)) != std::string::npos; ++at) ++missing;
  EXPECT_EQ(missing, 3) << text;
  std::string png_prefix = dir_.Path("contacten");
  RunTool("pdftoppm -r 50 -png " + path + " " + png_prefix);
  EXPECT_TRUE(std::filesystem::exists(png_prefix + "-1.png"));
  EXPECT_FALSE(printouts.ContactListPdf(As(UserRole::kInsurerLiaison)));
}

TEST_F(PaperPrintoutsTest, APlaybookPrintsAsAChecklistWithABlankLogSheet) {
  auto catalog = PlaybookCatalog::Load();
  ASSERT_TRUE(catalog);
  const Playbook* playbook = catalog.value().Find("power-outage");
  ASSERT_NE(playbook, nullptr);
  auto pdf = PlaybookChecklistPdf(*playbook, "drukker", Now());
  ASSERT_TRUE(pdf) << pdf.error().ToString();
  std::string path = Write(pdf.value(), "draaiboek.pdf");
  std::string text = RunTool("pdftotext " + path + " -");
  EXPECT_NE(text.find("Draaiboek · " + playbook->title), std::string::npos) << text;
  EXPECT_NE(text.find(playbook->phases.front().title), std::string::npos) << text;
  EXPECT_NE(text.find("gedaan om ____ door ____"), std::string::npos);
  EXPECT_NE(text.find("Logblad"), std::string::npos);
  EXPECT_NE(text.find("Besluiten volgens BOB"), std::string::npos);
  EXPECT_NE(text.find("versie " + std::to_string(playbook->version) + " · afgedrukt 23-11-2026"),
            std::string::npos)
      << text;
  std::string png_prefix = dir_.Path("draaiboek");
  RunTool("pdftoppm -r 50 -png " + path + " " + png_prefix);
  EXPECT_TRUE(std::filesystem::exists(png_prefix + "-1.png"));
  // The log sheet starts on a page of its own, after the checklist.
  EXPECT_GE(std::stoi(RunTool("pdfinfo " + path + " | awk '/^Pages:/ {print $2}'")), 2);
}

int Pages(const std::string& path) {
  return std::stoi(RunTool("pdfinfo " + path + " | awk '/^Pages:/ {print $2}'"));
}

TEST_F(PaperPrintoutsTest, TriageAndPrescriptionFormsPrintBlankWithThePracticeAndItsHelp) {
  PaperPrintouts printouts(*store_);
  auto triage = printouts.TriageFormsPdf(As(UserRole::kPracticeUser, {"01051037"}), "01051037", 3);
  ASSERT_TRUE(triage) << triage.error().ToString();
  std::string path = Write(triage.value(), "triage.pdf");
  EXPECT_EQ(Pages(path), 3);  // one form per page
  std::string text = RunTool("pdftotext " + path + " -");
  for (const char* expected :
       {"Papieren triageformulier", "Kastanjeplein (Maastricht) · AGB 01051037", "huisartsenpost",
        "Terugbelnummer", "ABCD bedreigd", "U0 reanimatie: direct 112", "U2 spoed: binnen 1 uur",
        "U5 advies of gepland consult", "Later ingevoerd in het HIS",
        "triageformulier versie 1 · afgedrukt 23-11-2026 14:05 door drukker"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  RunTool("pdftoppm -r 50 -png -f 1 -l 1 " + path + " " + dir_.Path("triage"));
  EXPECT_TRUE(std::filesystem::exists(dir_.Path("triage") + "-1.png"));

  auto recipes = printouts.PrescriptionFormsPdf(As(UserRole::kCoordinator), "", 1);
  ASSERT_TRUE(recipes) << recipes.error().ToString();
  path = Write(recipes.value(), "recepten.pdf");
  text = RunTool("pdftotext " + path + " -");
  for (const char* expected : {"Telefonische recepten aan de apotheek", "Praktijk: ____", "Paraaf",
                               "Apotheken in de regio", "Apotheek"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  auto none = printouts.TriageFormsPdf(As(UserRole::kCoordinator), "", 0);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().field, "copies");
  auto unknown = printouts.PrescriptionFormsPdf(As(UserRole::kCoordinator), "09999999", 1);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().field, "agb");
}

// During an incident: the report and the vulnerable-patient list of the affected practice.
TEST_F(PaperPrintoutsTest, TheIncidentReportAndTheVulnerablePatientListPrintDuringAnIncident) {
  auto catalog = PlaybookCatalog::Load();
  ASSERT_TRUE(catalog);
  IncidentService incidents(*store_, catalog.value());
  RedistributionService redistribution(*store_);
  const Caller coordinator = As(UserRole::kCoordinator);
  const TimePoint start = Now() - std::chrono::hours(2);
  auto started =
      incidents.Start(coordinator, {"practice-unusable", {"01051037"}, false, start, ""});
  ASSERT_TRUE(started) << started.error().ToString();
  const Incident& incident = started.value();
  PaperRecord paper;
  paper.tasks = {{incident.tasks[0].id, incident.tasks[0].version, start + std::chrono::minutes(9),
                  "Anna de Wit", ""}};
  paper.entries = {{LogKind::kDecision, start + std::chrono::minutes(20),
                    "Patiënten met zuurstof eerst bellen", "Voorzitter", "Assistente"}};
  auto entered = incidents.logbook.EnterAfterwards(coordinator, incident.id, paper);
  ASSERT_TRUE(entered) << entered.error().ToString();

  PaperPrintouts printouts(*store_);
  auto report = printouts.IncidentReportPdf(coordinator, entered.value());
  ASSERT_TRUE(report) << report.error().ToString();
  std::string path = Write(report.value(), "rapport.pdf");
  std::string text = RunTool("pdftotext " + path + " -");
  for (const char* expected :
       {"Incidentrapport", "Kastanjeplein (Maastricht) (01051037)", "Taken", "Logboek (op echte",
        "Patiënten met zuurstof eerst bellen", "achteraf ingevoerd", "Alarmering",
        "afgedrukt 23-11-2026 14:05 door drukker"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  RunTool("pdftoppm -r 50 -png -f 1 -l 1 " + path + " " + dir_.Path("rapport"));
  EXPECT_TRUE(std::filesystem::exists(dir_.Path("rapport") + "-1.png"));

  ASSERT_TRUE(redistribution.GenerateDemoPatients(coordinator, incident.id, "01051037"));
  // Only the RHO and the practice itself; the insurer and another practice are refused.
  EXPECT_FALSE(
      redistribution.VulnerablePatients(As(UserRole::kInsurerLiaison), incident.id, "01051037"));
  EXPECT_FALSE(redistribution.VulnerablePatients(As(UserRole::kPracticeUser, {"01051111"}),
                                                 incident.id, "01051037"));
  EXPECT_FALSE(redistribution.VulnerablePatients(coordinator, incident.id, "01051111"));
  auto vulnerable = redistribution.VulnerablePatients(As(UserRole::kPracticeUser, {"01051037"}),
                                                      incident.id, "01051037");
  ASSERT_TRUE(vulnerable) << vulnerable.error().ToString();
  ASSERT_FALSE(vulnerable.value().empty());
  for (const auto& p : vulnerable.value()) EXPECT_NE(p.vulnerability, "none");
  auto list =
      printouts.VulnerablePatientsPdf(coordinator, incident, "01051037", vulnerable.value());
  ASSERT_TRUE(list) << list.error().ToString();
  path = Write(list.value(), "kwetsbaar.pdf");
  text = RunTool("pdftotext " + path + " -");
  for (const char* expected :
       {"Kwetsbare patiënten · Huisartsenpraktijk", "Kastanjeplein (Maastricht)", "HIS-nr.",
        "Gebeld / bezocht", "VERTROUWELIJK: na gebruik vernietigen", "Nog geen plek"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  EXPECT_NE(text.find(vulnerable.value().front().his_number), std::string::npos);
  // The read of the list is audited with its count.
  AuditFilter filter;
  filter.object_type = "redistribution";
  int reads = 0;
  for (const auto& e : store_->BeginRead(kTestActor).value()->Audit().List(filter)) {
    reads += e.action == "read" && e.details.find("vulnerable") != std::string::npos;
  }
  EXPECT_EQ(reads, 1);
}

// The offline bundle holds what it promises: every calamity card, every playbook, the contact
// list, the blank forms, the open incident's report, the registry's CSV files and a LEESMIJ
// that lists them; no patient data; only the newest bundles are kept.
TEST_F(PaperPrintoutsTest, TheOfflineBundleHoldsEveryRegionalPrintoutAndTheRegistry) {
  auto catalog = PlaybookCatalog::Load();
  ASSERT_TRUE(catalog);
  const Caller admin = As(UserRole::kAdmin);
  IncidentService incidents(*store_, catalog.value());
  auto incident = incidents.Start(admin, {"power-outage", {"01051037"}, false, std::nullopt, ""});
  ASSERT_TRUE(incident) << incident.error().ToString();
  RedistributionService redistribution(*store_);
  ASSERT_TRUE(redistribution.GenerateDemoPatients(admin, incident.value().id, "01051037"));

  std::filesystem::create_directories(dir_.Path("share"));
  auto bundle = WriteOfflineBundle(*store_, catalog.value(), admin, dir_.Path("share"));
  ASSERT_TRUE(bundle) << bundle.error().ToString();
  EXPECT_EQ(bundle.value().path, dir_.Path("share") + "/vangnet-offline-2026-11-23.zip");
  auto entries = ReadZip(bundle.value().path);
  ASSERT_TRUE(entries) << entries.error().ToString();
  std::map<std::string, std::string> files;
  for (auto& e : entries.value()) files[e.name] = std::move(e.bytes);
  EXPECT_EQ(files.size(), bundle.value().files.size());

  auto count = [&](const std::string& prefix) {
    return std::count_if(files.begin(), files.end(),
                         [&](const auto& f) { return f.first.starts_with(prefix); });
  };
  auto uow = store_->BeginRead(kTestActor).value();
  EXPECT_EQ(count("calamiteitenkaarten/"),
            static_cast<long>(uow->Table<CalamityCard>().List().size()));
  EXPECT_EQ(count("draaiboeken/"), static_cast<long>(catalog.value().All().size()));
  EXPECT_EQ(count("incidenten/"), 1);
  EXPECT_TRUE(files.contains("incidenten/" + incident.value().number + "-rapport.pdf"));
  EXPECT_TRUE(files.contains("contactlijst-crisisrollen.pdf"));
  EXPECT_TRUE(files.contains("formulieren/triageformulieren.pdf"));
  EXPECT_TRUE(files.contains("formulieren/telefonische-recepten.pdf"));
  EXPECT_TRUE(files.contains("register/practices.csv"));
  EXPECT_TRUE(files.contains("register/people.csv"));
  EXPECT_EQ(files["register/practices.csv"].substr(0, 4), "agb,");
  // Every PDF is a PDF, and one renders to text with its accents.
  for (const auto& [name, bytes] : files) {
    if (name.ends_with(".pdf")) {
      EXPECT_EQ(bytes.rfind("%PDF-", 0), 0u) << name;
    }
  }
  std::string card =
      Write(files["calamiteitenkaarten/01051037-huisartsenpraktijk-kastanjeplein-maastricht.pdf"],
            "k.pdf");
  EXPECT_NE(RunTool("pdftotext " + card + " -").find("Continuïteitspartners"), std::string::npos);
  // LEESMIJ names every file; no patient data anywhere.
  const std::string& readme = files["LEESMIJ.txt"];
  for (const auto& [name, bytes] : files) {
    if (name != "LEESMIJ.txt") {
      EXPECT_NE(readme.find("- " + name), std::string::npos) << name;
    }
    EXPECT_EQ(name.find("kwetsbare"), std::string::npos) << name;
    EXPECT_EQ(bytes.find("01051037-P"), std::string::npos) << name;  // a HIS patient number
  }
  // One audited export.
  AuditFilter filter;
  filter.object_type = "offline_bundle";
  EXPECT_EQ(uow->Audit().List(filter).size(), 1u);
  uow.reset();

  // Only the newest `keep` bundles stay; only an admin; the folder must exist.
  for (int day = 24; day <= 26; ++day) {
    clock_.Set(Now() + std::chrono::days(day - 23));
    ASSERT_TRUE(WriteOfflineBundle(*store_, catalog.value(), admin, dir_.Path("share"), 2));
  }
  std::vector<std::string> kept;
  for (const auto& f : std::filesystem::directory_iterator(dir_.Path("share")))
    kept.push_back(f.path().filename().string());
  std::sort(kept.begin(), kept.end());
  EXPECT_EQ(kept, (std::vector<std::string>{"vangnet-offline-2026-11-25.zip",
                                            "vangnet-offline-2026-11-26.zip"}));
  EXPECT_FALSE(
      WriteOfflineBundle(*store_, catalog.value(), As(UserRole::kCoordinator), dir_.Path("share")));
  auto missing = WriteOfflineBundle(*store_, catalog.value(), admin, dir_.Path("nope"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().field, "folder");
}

}  // namespace
}  // namespace vangnet
