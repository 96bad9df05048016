// The registry as a FHIR directory: what a national directory or another region pulls, who may
// read what, the changes since a moment, and a Bundle back into the registry, all or nothing.
#include "io/fhir_directory.hpp"

#include <gtest/gtest.h>

#include <set>

#include "services/registry/fhir_directory_service.hpp"
#include "services/registry/registry_transfer.hpp"
#include "test_support/registry_fixture.hpp"

namespace vangnet {
namespace {

using nlohmann::json;

const std::string kBase = "http://directory.test/fhir/r4";

Caller As(UserRole role, std::vector<std::string> agbs = {}) {
  return Caller{{"tester", "role", "test", "fhir"}, role, std::move(agbs)};
}

class FhirDirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenTestStore(dir_.Path("region.db"));
    region_ = BuildDemoRegion({});
    auto saved = SaveRegistryRecords(*store_, kTestActor, region_);
    ASSERT_TRUE(saved) << saved.error().ToString();
    directory_ = std::make_unique<FhirDirectoryService>(*store_);
  }

  json Search(const Caller& caller, const std::string& type, FhirParams params = {}) {
    auto bundle = directory_->Search(caller, type, params, kBase);
    EXPECT_TRUE(bundle) << (bundle ? "" : bundle.error().ToString());
    return bundle ? bundle.value() : json();
  }

  ImportReport Import(Store& store, const std::string& content, bool apply = true) {
    ImportOptions options;
    options.apply = apply;
    return ImportRegistry(store, Caller::System(kTestActor), {{"regio.json", "", content}},
                          options);
  }

  json Exported() { return directory_->ExportBundle(Caller::System(kTestActor), kBase).value(); }

  TempDir dir_;
  std::unique_ptr<Store> store_;
  RegistryRecords region_;
  std::unique_ptr<FhirDirectoryService> directory_;
};

TEST_F(FhirDirectoryTest, ExportThenImportIntoAnEmptyDatabaseGivesTheSameDirectoryRecords) {
  const json bundle = Exported();
  auto fresh = OpenTestStore(dir_.Path("fresh.db"));
  auto report = Import(*fresh, bundle.dump());
  ASSERT_TRUE(report.committed) << report.errors.front().ToString();
  const auto before = ExportTexts(*store_, dir_.Path("before"));
  const auto after = ExportTexts(*fresh, dir_.Path("after"));
  for (const char* file : {"practices.csv", "gp_groups.csv", "districts.csv", "organisations.csv",
                           "people.csv", "affiliations.csv", "contracts.csv"}) {
    EXPECT_EQ(after.at(file), before.at(file)) << file;
  }
  // A second import of the same Bundle changes nothing.
  auto again = Import(*fresh, bundle.dump());
  ASSERT_TRUE(again.committed);
  for (const auto& f : again.files) EXPECT_EQ(f.created + f.updated, 0u) << f.name;
}

TEST_F(FhirDirectoryTest, PracticesCarryDutchIdentifiersAndTheProfilesTheyMeet) {
  const Practice& p = std::get<std::vector<Practice>>(region_).front();
  json found = Search(Caller::System(kTestActor), "Organization",
                      {{"identifier", std::string(fhir::kAgbSystem) + "|" + p.agb}});
  ASSERT_EQ(found["total"], 1);
  const json& org = found["entry"][0]["resource"];
  EXPECT_EQ(org["name"], p.name);
  EXPECT_EQ(org["meta"]["profile"][0],
            "http://fhir.generiekefuncties.nl/csd/StructureDefinition/nl-gf-organization");
  // The custodian-assigned identifier: official, the RHO's KvK number as its assigner.
  const json& assigned = org["identifier"][0];
  EXPECT_EQ(assigned["use"], "official");
  EXPECT_EQ(assigned["assigner"]["identifier"]["system"], fhir::kKvkSystem);
  EXPECT_EQ(assigned["assigner"]["identifier"]["type"]["coding"][0]["code"], "custodian");
  EXPECT_EQ(org["type"][0]["coding"][0]["code"], "Z3");
  // Its building with the position, and the care it offers.
  auto location = directory_->Read(Caller::System(kTestActor), "Location", org["id"]);
  ASSERT_TRUE(location);
  EXPECT_DOUBLE_EQ(location.value()["position"]["latitude"].get<double>(), *p.latitude);
  auto service = directory_->Read(Caller::System(kTestActor), "HealthcareService", org["id"]);
  ASSERT_TRUE(service);
  EXPECT_EQ(service.value()["providedBy"]["reference"],
            "Organization/" + org["id"].get<std::string>());
  // Without a URA anywhere up the chain the HealthcareService does not claim nl-gf.
  EXPECT_FALSE(service.value()["meta"].contains("profile"));
}

TEST_F(FhirDirectoryTest, SearchesByNamePartOfAndOrganizationWithPaging) {
  const Practice& p = std::get<std::vector<Practice>>(region_).front();
  json by_name =
      Search(Caller::System(kTestActor), "Organization", {{"name:contains", "kastanje"}});
  EXPECT_GE(by_name["total"].get<int>(), 1);
  for (const auto& e : by_name["entry"]) {
    EXPECT_NE(ToLowerAscii(e["resource"]["name"].get<std::string>()).find("kastanje"),
              std::string::npos);
  }
  // Practices of one hagro: partof the hagro's Organization.
  json hagro =
      Search(Caller::System(kTestActor), "Organization", {{"identifier", p.gp_group_code}});
  ASSERT_EQ(hagro["total"], 1);
  const std::string hagro_id = hagro["entry"][0]["resource"]["id"];
  json members = Search(Caller::System(kTestActor), "Organization", {{"partof", hagro_id}});
  std::size_t expected = 0;
  for (const auto& q : std::get<std::vector<Practice>>(region_))
    expected += q.gp_group_code == p.gp_group_code;
  EXPECT_EQ(members["total"], expected);
  // Pages of 10 that link on, and together hold every PractitionerRole exactly once.
  std::set<std::string> seen;
  FhirParams params{{"_count", "10"}};
  json page = Search(Caller::System(kTestActor), "PractitionerRole", params);
  const std::size_t total = page["total"];
  for (int guard = 0; guard < 100; ++guard) {
    for (const auto& e : page["entry"]) EXPECT_TRUE(seen.insert(e["resource"]["id"]).second);
    std::string next;
    for (const auto& link : page["link"]) {
      if (link["relation"] == "next") next = link["url"];
    }
    if (next.empty()) break;
    const auto offset = next.substr(next.find("_offset=") + 8);
    page = Search(Caller::System(kTestActor), "PractitionerRole",
                  {{"_count", "10"}, {"_offset", offset}});
  }
  EXPECT_EQ(seen.size(), total);
  EXPECT_EQ(total, std::get<std::vector<Affiliation>>(region_).size());
  // An unknown parameter is refused, not ignored.
  auto unknown =
      directory_->Search(Caller::System(kTestActor), "Organization", {{"colour", "x"}}, kBase);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().field, "colour");
}

TEST_F(FhirDirectoryTest, TheInsurerGetsOrganisationsButNeverAPractitioner) {
  const Caller insurer = As(UserRole::kInsurerLiaison);
  auto people = directory_->Search(insurer, "Practitioner", {}, kBase);
  ASSERT_FALSE(people);
  EXPECT_EQ(people.error().kind, ErrorKind::kForbidden);
  EXPECT_FALSE(directory_->Search(insurer, "PractitionerRole", {}, kBase));
  EXPECT_FALSE(directory_->History(insurer, "Practitioner", {}, kBase));
  json orgs = Search(insurer, "Organization", {{"_count", "1000"}});
  EXPECT_GT(orgs["total"].get<int>(), 50);
  // Who is medically responsible is hidden from the insurer, in FHIR as in the pages.
  for (const auto& e : orgs["entry"]) {
    for (const auto& ext : e["resource"].value("extension", json::array())) {
      for (const auto& part : ext["extension"]) {
        EXPECT_NE(part["url"], "medically_responsible_person_code");
      }
    }
  }
  // The whole export leaves people out for them.
  auto bundle = directory_->ExportBundle(insurer, kBase);
  ASSERT_TRUE(bundle);
  for (const auto& e : bundle.value()["entry"]) {
    EXPECT_NE(e["resource"]["resourceType"], "Practitioner");
  }
}

TEST_F(FhirDirectoryTest, APracticeUserSeesTheirOwnPeopleAndEveryReadIsAudited) {
  const Practice p = store_->BeginRead(kTestActor).value()->Table<Practice>().List().front();
  const Caller user = As(UserRole::kPracticeUser, {p.agb});
  const auto audit_before = AuditCount(*store_);
  json roles = Search(user, "PractitionerRole");
  ASSERT_GT(roles["total"].get<int>(), 0);
  for (const auto& e : roles["entry"]) {
    EXPECT_EQ(e["resource"]["organization"]["reference"],
              "Organization/practice-" + std::to_string(p.id));
  }
  EXPECT_EQ(AuditCount(*store_), audit_before + 1) << "a list of people is one audited read";
  json all_people = Search(Caller::System(kTestActor), "Practitioner", {{"_count", "1000"}});
  json own_people = Search(user, "Practitioner", {{"_count", "1000"}});
  EXPECT_LT(own_people["total"].get<int>(), all_people["total"].get<int>());
  // Someone of another practice: not found for them.
  std::string other_id;
  std::set<std::string> own;
  for (const auto& e : own_people["entry"]) own.insert(e["resource"]["id"]);
  for (const auto& e : all_people["entry"]) {
    if (!own.contains(e["resource"]["id"])) other_id = e["resource"]["id"];
  }
  ASSERT_FALSE(other_id.empty());
  EXPECT_FALSE(directory_->Read(user, "Practitioner", other_id));
}

TEST_F(FhirDirectoryTest, HistorySinceAMomentHoldsOnlyTheChangesAndDeletions) {
  Organisation gone{0, 0, "WEG", "Stichting die ophoudt", OrganisationKind::kOther};
  {
    auto uow = store_->Begin(kTestActor);
    gone = uow.value()->Table<Organisation>().Insert(gone).value();
    ASSERT_TRUE(uow.value()->Commit());
  }
  json everything =
      directory_->History(Caller::System(kTestActor), "Organization", {{"_count", "1000"}}, kBase)
          .value();
  ASSERT_FALSE(everything["entry"].empty());
  // Later: one practice renamed, one organisation removed.
  auto uow = store_->Begin(kTestActor);
  Practice p = uow.value()->Table<Practice>().List().front();
  p.name += " (nieuwe naam)";
  ASSERT_TRUE(uow.value()->Table<Practice>().Update(p));
  ASSERT_TRUE(uow.value()->Table<Organisation>().Delete(gone)) << gone.code;
  ASSERT_TRUE(uow.value()->Commit());
  std::string since;
  for (const auto& e : everything["entry"]) {
    since = std::max(since, e["response"]["lastModified"].get<std::string>());
  }
  json changes =
      directory_->History(Caller::System(kTestActor), "Organization", {{"_since", since}}, kBase)
          .value();
  ASSERT_EQ(changes["type"], "history");
  std::set<std::string> methods;
  for (const auto& e : changes["entry"]) {
    methods.insert(e["request"]["method"].get<std::string>() + " " +
                   e["request"]["url"].get<std::string>());
  }
  EXPECT_TRUE(methods.contains("PUT Organization/practice-" + std::to_string(p.id)));
  EXPECT_TRUE(methods.contains("DELETE Organization/organisation-" + std::to_string(gone.id)));
  EXPECT_LE(methods.size(), 3u) << "only what changed since, nothing older";
}

TEST_F(FhirDirectoryTest, ABundleWithProblemsIsRefusedWholeNamingEachElement) {
  json bundle = Exported();
  auto& entries = bundle["entry"];
  std::size_t org = 0, person = 0;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& r = entries[i]["resource"];
    if (r["resourceType"] == "Organization" && r["id"].get<std::string>().starts_with("practice") &&
        org == 0)
      org = i;
    if (r["resourceType"] == "Practitioner" && person == 0) person = i;
  }
  // A wrong AGB, an unknown extension, an unknown profile, an element vangnet does not keep and
  // a resource type it does not know.
  entries[org]["resource"]["identifier"][1]["value"] = "123";
  entries[person]["resource"]["extension"].push_back(
      {{"url", "http://example.org/x"}, {"valueString", "y"}});
  entries[person]["resource"]["meta"]["profile"] = {"http://example.org/StructureDefinition/other"};
  entries[person]["resource"]["gender"] = "female";
  entries.push_back({{"resource", {{"resourceType", "Endpoint"}, {"id", "e1"}}}});
  auto fresh = OpenTestStore(dir_.Path("fresh.db"));
  auto report = Import(*fresh, bundle.dump());
  EXPECT_FALSE(report.committed);
  std::set<std::string> fields;
  for (const auto& e : report.errors) fields.insert(e.field);
  const std::string p = "entry[" + std::to_string(person) + "].resource.";
  EXPECT_TRUE(fields.contains(p + "extension[1].url")) << report.errors.front().ToString();
  EXPECT_TRUE(fields.contains(p + "meta.profile[0]"));
  EXPECT_TRUE(fields.contains(p + "gender"));
  EXPECT_TRUE(
      fields.contains("entry[" + std::to_string(entries.size() - 1) + "].resource.resourceType"));
  EXPECT_EQ(AuditCount(*fresh), 0);
  // The shape is fine once those are gone; the wrong AGB is then named by its element.
  entries.erase(entries.size() - 1);
  entries[person]["resource"]["extension"].erase(1);
  entries[person]["resource"]["meta"].erase("profile");
  entries[person]["resource"].erase("gender");
  report = Import(*fresh, bundle.dump());
  EXPECT_FALSE(report.committed);
  ASSERT_FALSE(report.errors.empty());
  EXPECT_EQ(report.errors[0].field,
            "entry[" + std::to_string(org) + "].resource.identifier[1].value");
  EXPECT_NE(report.errors[0].ToString().find("regio.json"), std::string::npos);
  EXPECT_EQ(AuditCount(*fresh), 0) << "nothing written";
}

}  // namespace
}  // namespace vangnet
