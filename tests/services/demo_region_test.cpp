// The demo region looks like Maastricht-Heuvelland (DOMAIN.md calibration) and is the same
// every time for the same seed.
#include <gtest/gtest.h>

#include <set>

#include "io/postcode_table.hpp"
#include "services/registry/region_summary.hpp"
#include "test_support/registry_fixture.hpp"

namespace vangnet {
namespace {

TEST(DemoRegion, MatchesTheRegionsCalibrationNumbers) {
  TempDir dir;
  auto store = OpenTestStore(dir.Path("demo.db"));
  DemoRegionOptions options;
  ASSERT_TRUE(SaveRegistryRecords(*store, kTestActor, BuildDemoRegion(options)));
  auto uow = store->BeginRead(kTestActor);
  RegionSummary s = SummariseRegion(*uow.value(), options.today);

  EXPECT_EQ(s.practices, 58u);
  EXPECT_EQ(s.practices_by_form["solo"], 25u);  // seed 000 §2
  // The six municipalities' inhabitants (DOMAIN.md) are all registered somewhere.
  EXPECT_EQ(s.registered_patients, 125203 + 26034 + 18568 + 16425 + 14056 + 10100);
  // A succession problem: a fifth or more of the holders is 60+, most without successor.
  EXPECT_GE(s.holders_aged_60_plus * 5, s.holders);
  EXPECT_GT(s.holders_60_plus_without_known_successor * 2, s.holders_aged_60_plus);
  // Regional GP capacity near the norm of 2095 patients per FTE (seed 004 §4.2.1).
  EXPECT_GT(s.registered_patients / s.gp_fte, 1900);
  EXPECT_LT(s.registered_patients / s.gp_fte, 2600);
  // Contracts: most within the wijk, some not; some stale, most not.
  EXPECT_GT(s.contracts, 58u);
  EXPECT_GT(s.contracts_outside_district, 0u);
  EXPECT_LT(s.contracts_outside_district * 3, s.contracts);
  EXPECT_GT(s.contracts_not_reviewed_12_months, 0u);
  EXPECT_LT(s.contracts_not_reviewed_12_months * 3, s.contracts * 2);
  // Calamity cards for all, some complete and some not.
  EXPECT_EQ(s.calamity_cards, 58u);
  EXPECT_GT(s.calamity_cards_complete, 10u);
  EXPECT_LT(s.calamity_cards_complete, 50u);
  EXPECT_EQ(s.gp_groups, 6u);
  EXPECT_GT(s.crisis_roles, 10u);
}

TEST(DemoRegion, PracticesLieInTheRegionsAddressPostcodes) {
  auto region = BuildDemoRegion({});
  std::set<std::string> municipalities{
      "Maastricht",    "Eijsden", "Margraten", "Meerssen", "Valkenburg aan de Geul",
      "Gulpen-Wittem", "Vaals"};
  for (const auto& p : std::get<std::vector<Practice>>(region)) {
    const PostcodeArea* area = PostcodeTable::Embedded().Find(p.postcode);
    ASSERT_NE(area, nullptr) << p.agb;
    EXPECT_TRUE(area->is_address_area) << p.postcode;
    EXPECT_TRUE(municipalities.count(area->municipality)) << area->municipality;
    EXPECT_LT(DistanceKm(*p.latitude, *p.longitude, area->latitude, area->longitude), 1.0);
  }
}

// A coordinator reads plans and letters by practice name: in the demo no two practices share
// one (four "Huisartsenpraktijk Lindenlaan (Maastricht)" once did).
TEST(DemoRegion, EveryPracticeHasANameOfItsOwn) {
  std::set<std::string> names;
  const auto region = BuildDemoRegion({});
  for (const auto& p : std::get<std::vector<Practice>>(region)) {
    EXPECT_TRUE(names.insert(p.name).second) << p.name;
  }
}

TEST(DemoRegion, SameSeedSameRegionOtherSeedOtherRegion) {
  auto texts = [](const RegistryRecords& r) {
    std::vector<std::vector<std::optional<std::string>>> all;
    for (const auto& p : std::get<std::vector<Person>>(r)) all.push_back(FieldTexts(p));
    for (const auto& p : std::get<std::vector<Practice>>(r)) all.push_back(FieldTexts(p));
    return all;
  };
  DemoRegionOptions other;
  other.seed = 7;
  EXPECT_EQ(texts(BuildDemoRegion({})), texts(BuildDemoRegion({})));
  EXPECT_NE(texts(BuildDemoRegion({})), texts(BuildDemoRegion(other)));
}

TEST(DemoRegion, EveryPersonIsObviouslyFictional) {
  const std::vector<std::string> made_up{"Proef",  "Oefen",     "Verzon",   "Bedacht",
                                         "Schijn", "Voorbeeld", "Test",     "Demo",
                                         "Fictie", "Denkbeeld", "Sjabloon", "Zogenaamd"};
  auto region = BuildDemoRegion({});
  for (const auto& person : std::get<std::vector<Person>>(region)) {
    bool fictional = false;
    for (const auto& word : made_up) fictional |= person.name.find(word) != std::string::npos;
    EXPECT_TRUE(fictional) << person.name;
    if (!person.email.empty()) {
      EXPECT_TRUE(person.email.ends_with("@example.nl"));
    }
  }
}

TEST(DemoRegion, PlantsTheSituationsTheMonitorMustFind) {
  auto region = BuildDemoRegion({});
  int company_owned = 0, no_rota = 0, takeover = 0, no_responsible = 0;
  for (const auto& p : std::get<std::vector<Practice>>(region)) {
    company_owned += p.owner_kind == OwnerKind::kOtherParty;
    no_rota += !p.in_out_of_hours_rota;
    takeover += p.status == PracticeStatus::kTemporaryTakeover;
    no_responsible += p.medically_responsible_person_code.empty();
  }
  EXPECT_EQ(company_owned, 3);  // two companies and the RHO's temporary takeover
  EXPECT_EQ(no_rota, 2);
  EXPECT_EQ(takeover, 1);
  EXPECT_EQ(no_responsible, 1);
}

}  // namespace
}  // namespace vangnet
