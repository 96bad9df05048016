// Importing and exporting the registry: a coordinator's CSV files, accepted whole or refused
// whole with messages that say where and what.
#include <gtest/gtest.h>

#include "test_support/registry_fixture.hpp"

namespace vangnet {
namespace {

class RegistryTransferTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenTestStore(dir_.Path("region.db"));
    auto saved = SaveRegistryRecords(*store_, kTestActor, BuildDemoRegion({}));
    ASSERT_TRUE(saved) << saved.error().ToString();
  }

  // Imports `files`, expects refusal, and checks that nothing in the database changed.
  Errors ExpectRefused(std::vector<ImportFile> files) {
    auto before = ExportTexts(*store_, dir_.Path("before"));
    auto audit_before = AuditCount(*store_);
    auto report = ImportRegistry(*store_, Caller::System(kTestActor), std::move(files));
    EXPECT_FALSE(report.committed);
    EXPECT_FALSE(report.errors.empty());
    EXPECT_EQ(AuditCount(*store_), audit_before) << "a refused import left audit events";
    EXPECT_EQ(ExportTexts(*store_, dir_.Path("after")), before) << "a refused import changed data";
    return report.errors;
  }

  Practice GetPractice(const std::string& agb) {
    auto uow = store_->BeginRead(kTestActor);
    Practice probe;
    probe.agb = agb;
    return uow.value()->Table<Practice>().Find(probe).value();
  }

  static Practice GetPracticeIn(UnitOfWork& uow, const std::string& agb) {
    Practice probe;
    probe.agb = agb;
    return uow.Table<Practice>().Find(probe).value();
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(RegistryTransferTest, ExportThenImportIntoAnEmptyDatabaseGivesTheSameRegistry) {
  auto original = ExportTexts(*store_, dir_.Path("export"));
  ASSERT_EQ(original.size(), 14u);

  auto fresh = OpenTestStore(dir_.Path("fresh.db"));
  auto files = ReadImportFiles({dir_.Path("export")});
  ASSERT_TRUE(files) << files.error().ToString();
  auto report = ImportRegistry(*fresh, Caller::System(kTestActor), std::move(files.value()));
  ASSERT_TRUE(report.committed) << (report.errors.empty() ? "" : report.errors[0].ToString());
  std::size_t created = 0;
  for (const auto& f : report.files) created += f.created;
  EXPECT_GT(created, 900u);

  EXPECT_EQ(ExportTexts(*fresh, dir_.Path("again")), original);
}

TEST_F(RegistryTransferTest, ReimportingTheSameExportChangesNothing) {
  ExportTexts(*store_, dir_.Path("export"));
  auto report = ImportRegistry(*store_, Caller::System(kTestActor), ReadImportFiles({dir_.Path("export")}).value());
  ASSERT_TRUE(report.committed);
  for (const auto& f : report.files) {
    EXPECT_EQ(f.created, 0u) << f.name;
    EXPECT_EQ(f.updated, 0u) << f.name;
  }
}

TEST_F(RegistryTransferTest, AFileWithFewerColumnsUpdatesOnlyThoseColumns) {
  Practice before = GetPractice("01051037");
  auto report = ImportRegistry(*store_, Caller::System(kTestActor),
                               {{"practices.csv", "", "agb;registered_patients\n01051037;1234\n"}});
  ASSERT_TRUE(report.committed) << report.errors[0].ToString();
  EXPECT_EQ(report.files[0].updated, 1u);
  Practice after = GetPractice("01051037");
  EXPECT_EQ(after.registered_patients, 1234);
  EXPECT_EQ(after.name, before.name);
  EXPECT_EQ(after.medically_responsible_person_code, before.medically_responsible_person_code);
  EXPECT_EQ(after.version, before.version + 1);
}

TEST_F(RegistryTransferTest, ANewPracticeGetsItsCoordinatesFromThePostcode) {
  auto report = ImportRegistry(*store_, Caller::System(kTestActor),
                               {{"practices.csv", "",
                                 "agb,name,form,postcode,registered_patients\n"
                                 "01099999,Nieuwe praktijk,solo,6291,0\n"}});
  ASSERT_TRUE(report.committed) << report.errors[0].ToString();
  Practice p = GetPractice("01099999");
  EXPECT_EQ(p.place, "Vaals");
  EXPECT_NEAR(*p.latitude, 50.773, 0.001);
  EXPECT_EQ(p.status, PracticeStatus::kActive);
}

// Issue 36: postcode 9999 (Groningen) with place Maastricht was saved; the map zoomed out to the
// whole country and the stress test called that practice the region's weakest point.
TEST_F(RegistryTransferTest, RefusesAPostcodeOfAnotherPlaceAndSaysWhereItBelongs) {
  auto errors = ExpectRefused({{"practices.csv", "",
                                "agb,name,form,postcode,place,registered_patients\n"
                                "01099997,Verkeerde postcode,solo,9999,Maastricht,100\n"}});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].row, 2u);
  EXPECT_EQ(errors[0].field, "postcode");
  EXPECT_NE(errors[0].message.find("hoort bij"), std::string::npos) << errors[0].message;
  EXPECT_NE(errors[0].message.find("niet bij Maastricht"), std::string::npos) << errors[0].message;
  // A village within the postcode's own area, or a place the table does not know, is fine.
  auto report = ImportRegistry(*store_, Caller::System(kTestActor),
                               {{"practices.csv", "",
                                 "agb,name,form,postcode,place,registered_patients\n"
                                 "01099996,Dorpspraktijk,solo,6291,Vaals,100\n"
                                 "01099995,Buurtschap,solo,6211,Kleinste Gehucht,100\n"}});
  ASSERT_TRUE(report.committed) << report.errors[0].ToString();
}

TEST_F(RegistryTransferTest, RefusesABadAgbNamingFileRowAndField) {
  auto errors = ExpectRefused({{"practices.csv", "",
                                "agb,name,form,postcode,registered_patients\n"
                                "01099998,Goed,solo,6211,100\n"
                                "0109999,Fout,solo,6211,100\n"}});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].file, "practices.csv");
  EXPECT_EQ(errors[0].row, 3u);
  EXPECT_EQ(errors[0].field, "agb");
  EXPECT_EQ(errors[0].ToString(),
            "practices.csv, regel 3, kolom agb: AGB-code '0109999' moet uit precies 8 cijfers "
            "bestaan");
}

// A review or check is something done: it cannot lie after today, by the store's clock.
TEST_F(RegistryTransferTest, RefusesAContractReviewDatedAfterToday) {
  ManualClock clock{ParseUtc("2026-11-23T12:00:00Z").value()};
  auto store = OpenTestStore(dir_.Path("clocked.db"), clock);
  ASSERT_TRUE(SaveRegistryRecords(*store, kTestActor, BuildDemoRegion({})));
  const std::string header = "practice_a_agb,practice_b_agb,last_reviewed\n";
  auto refused = ImportRegistry(*store, Caller::System(kTestActor),
                                {{"contracts.csv", "", header + "01051037,01051111,2026-11-24\n"}});
  ASSERT_FALSE(refused.committed);
  ASSERT_EQ(refused.errors.size(), 1u);
  EXPECT_EQ(refused.errors[0].field, "last_reviewed");
  EXPECT_EQ(refused.errors[0].row, 2u);
  auto today = ImportRegistry(*store, Caller::System(kTestActor),
                              {{"contracts.csv", "", header + "01051037,01051111,2026-11-23\n"}});
  EXPECT_TRUE(today.committed) << (today.errors.empty() ? "" : today.errors[0].ToString());
}

TEST_F(RegistryTransferTest, RefusesAnAffiliationWithAnUnknownPractice) {
  auto errors = ExpectRefused(
      {{"affiliations.csv", "", "person_code,practice_agb,role\nHA-1001,01000000,locum\n"}});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].row, 2u);
  EXPECT_EQ(errors[0].field, "practice_agb");
  EXPECT_EQ(errors[0].message, "er is geen praktijk '01000000'; voeg die eerst toe of kies een bestaande");
}

TEST_F(RegistryTransferTest, AcceptsReferencesToRecordsFromAnotherFileOfTheSameImport) {
  auto report = ImportRegistry(
      *store_, Caller::System(kTestActor),
      {{"affiliations.csv", "", "person_code,practice_agb,role\nHA-9999,01099997,holder\n"},
       {"people.csv", "", "code,name\nHA-9999,Nieuwe Proefhuisarts\n"},
       {"practices.csv", "",
        "agb,name,form,postcode,registered_patients\n"
        "01099997,Nieuw,solo,6211,10\n"}});
  ASSERT_TRUE(report.committed) << report.errors[0].ToString();
}

TEST_F(RegistryTransferTest, RefusesADuplicateKeyWithinAFile) {
  auto errors = ExpectRefused(
      {{"people.csv", "", "code,name\nHA-9001,Een Proefman\nHA-9002,Twee\nHA-9001,Drie\n"}});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].row, 4u);
  EXPECT_EQ(errors[0].message, "persoon HA-9001 staat ook al op regel 2");
}

TEST_F(RegistryTransferTest, RefusesAFileWithoutItsKeyColumn) {
  auto errors = ExpectRefused({{"practices.csv", "",
                                "name,form,postcode,registered_patients\n"
                                "Praktijk,solo,6211,10\n"}});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].row, 1u);
  EXPECT_EQ(errors[0].field, "agb");
  EXPECT_EQ(errors[0].message, "verplichte kolom ontbreekt in de kopregel");
}

TEST_F(RegistryTransferTest, RefusesANewRecordWhenARequiredColumnIsMissing) {
  // Without a name column the file can update practices, but not add one.
  auto errors = ExpectRefused({{"practices.csv", "",
                                "agb,form,postcode,registered_patients\n"
                                "01051037,solo,6211,10\n"
                                "01099996,solo,6211,10\n"}});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].row, 3u);
  EXPECT_EQ(errors[0].field, "name");
  EXPECT_EQ(errors[0].message,
            "kolom ontbreekt in het bestand; die is verplicht voor een nieuwe praktijk");
}

TEST_F(RegistryTransferTest, RefusesAnUnknownColumnRatherThanIgnoringIt) {
  auto errors = ExpectRefused({{"people.csv", "", "code,name,geboortejaar\nHA-9001,X,1960\n"}});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "geboortejaar");
  EXPECT_NE(errors[0].message.find("birth_year"), std::string::npos);
}

TEST_F(RegistryTransferTest, RefusesAFileInTheWrongEncoding) {
  auto errors = ExpectRefused({{"people.csv", "", "code,name\nHA-9001,Jos\xE9 Proefman\n"}});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].file, "people.csv");
  EXPECT_EQ(errors[0].row, 2u);
  EXPECT_NE(errors[0].message.find("geen UTF-8"), std::string::npos);
}

TEST_F(RegistryTransferTest, OneBadRowRefusesEveryFileOfTheImport) {
  auto errors =
      ExpectRefused({{"people.csv", "", "code,name\nHA-9001,Goede Proefman\n"},
                     {"contracts.csv", "",
                      "practice_a_agb,practice_b_agb,since\n01051037,01051037,2020-01-01\n"}});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].file, "contracts.csv");
  EXPECT_EQ(errors[0].field, "practice_b_agb");
}

TEST_F(RegistryTransferTest, ReportsEveryErrorNotJustTheFirst) {
  auto errors = ExpectRefused({{"people.csv", "",
                                "code,name,birth_year,email\n"
                                "HA-9001,,1960,a@example.nl\n"
                                "HA-9002,Twee,negentien,b@example.nl\n"
                                "HA-9003,Drie,1970,geen-adres\n"}});
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].field, "name");
  EXPECT_EQ(errors[1].field, "birth_year");
  EXPECT_EQ(errors[2].field, "email");
}

TEST_F(RegistryTransferTest, TheMedicallyResponsibleGpMustWorkAtThePractice) {
  // An assistant (PT-...) cannot be the practice's medically responsible GP.
  std::string assistant;
  {
    auto uow = store_->BeginRead(kTestActor);
    for (const auto& a : uow.value()->Table<Affiliation>().List()) {
      if (a.practice_agb == "01051037" && !IsGpRole(a.role)) assistant = a.person_code;
    }
  }
  ASSERT_FALSE(assistant.empty());
  auto errors =
      ExpectRefused({{"practices.csv", "",
                      "agb,medically_responsible_person_code\n01051037," + assistant + "\n"}});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].row, 2u);
  EXPECT_EQ(errors[0].field, "medically_responsible_person_code");
}

TEST_F(RegistryTransferTest, TheConsistencyCheckNoticesWhenTheResponsibleGpLeaves) {
  Practice practice = GetPractice("01051037");
  ASSERT_FALSE(practice.medically_responsible_person_code.empty());
  auto uow = store_->Begin(kTestActor);
  EXPECT_TRUE(CheckPracticeConsistency(*uow.value(), practice).empty());
  Affiliation gp_role;
  gp_role.person_code = practice.medically_responsible_person_code;
  gp_role.practice_agb = "01051037";
  gp_role.role = AffiliationRole::kHolder;
  ASSERT_TRUE(uow.value()->Table<Affiliation>().Delete(gp_role));
  auto errors = CheckPracticeConsistency(*uow.value(), GetPracticeIn(*uow.value(), "01051037"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "medically_responsible_person_code");
}

TEST_F(RegistryTransferTest, RefusesAFileWhoseKindIsUnknown) {
  auto errors = ExpectRefused({{"lijst.csv", "", "agb\n01051037\n"}});
  EXPECT_NE(errors[0].message.find("practices.csv"), std::string::npos);
  auto report = ImportRegistry(*store_, Caller::System(kTestActor),
                               {{"lijst.csv", "practices", "agb,name\n01051037,Nieuwe naam\n"}});
  EXPECT_TRUE(report.committed) << report.errors[0].ToString();
}

TEST_F(RegistryTransferTest, ASuccessfulImportIsAuditedAsOneAction) {
  auto before = AuditCount(*store_);
  auto report =
      ImportRegistry(*store_,
                     Caller::System(Actor{"coordinator", "coordinator", "test", "jaarlijkse update"}),
                     {{"people.csv", "", "code,name\nHA-9001,Een Proefman\n"}});
  ASSERT_TRUE(report.committed);
  auto uow = store_->BeginRead(kTestActor);
  AuditFilter filter;
  filter.after_id = before;
  auto events = uow.value()->Audit().List(filter);
  ASSERT_EQ(events.size(), 2u);  // the record, then the import itself
  EXPECT_EQ(events[0].action, "create");
  EXPECT_EQ(events[0].subject_key, "HA-9001");
  EXPECT_EQ(events[1].action, "import");
  EXPECT_EQ(events[1].purpose, "jaarlijkse update");
  EXPECT_EQ(events[1].details, R"([{"created":1,"file":"people.csv","unchanged":0,"updated":0}])");
}

}  // namespace
}  // namespace vangnet
