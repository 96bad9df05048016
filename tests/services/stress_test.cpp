// The resilience stress test: hand-made regions where the answer is known (a practice with no
// neighbour in reach, two practices that can only absorb each other, a base state that uses up
// the room), the future year on the demo region against the succession radar, the area specs,
// and who may run it.
#include <gtest/gtest.h>

#include "core/date.hpp"
#include "http/json/stress_json.hpp"
#include "io/norms_yaml.hpp"
#include "io/stress_areas_yaml.hpp"
#include "services/monitor/monitor_service.hpp"
#include "services/stress/stress_engine.hpp"
#include "services/stress/stress_service.hpp"
#include "test_support/registry_fixture.hpp"

namespace vangnet {
namespace {

// Two practices 2 km apart in Maastricht, far from anyone else, and one in Groningen.
StressPractice At(const std::string& agb, double lat, double lon, long long patients,
                  long long capacity) {
  StressPractice p;
  p.agb = agb;
  p.name = "Praktijk " + agb;
  p.place = "Testdorp";
  p.latitude = lat;
  p.longitude = lon;
  p.patients = patients;
  p.gp_fte = 2;
  p.capacity = capacity;
  return p;
}

StressOptions Options() {
  StressOptions options;
  options.parameters.max_distance_vulnerable_km.reset();  // 15 km for everyone: exact answers
  options.threads = 1;
  return options;
}

const ScenarioOutcome& OutcomeOf(const StressRun& run, const std::vector<StressScenario>& scenarios,
                                 const std::string& id) {
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    if (scenarios[i].id == id) return run.outcomes[i];
  }
  ADD_FAILURE() << "no scenario " << id;
  return run.outcomes.front();
}

TEST(StressEngine, APracticeWithNoNeighbourInReachCannotBeAbsorbedAndTheTextSaysWhy) {
  std::vector<StressPractice> region{At("B", 50.8505, 5.6860, 3000, 4000),
                                     At("C", 50.8350, 5.7000, 2500, 4000),
                                     At("G", 53.2194, 6.5665, 2000, 5000)};  // Groningen
  auto scenarios = SinglePracticeScenarios(region);
  ASSERT_EQ(scenarios.size(), 3u);
  auto run = RunStress(region, scenarios, Options(), PostcodeTable::Embedded());
  const auto& g = OutcomeOf(run, scenarios, "practice:G");
  EXPECT_EQ(g.patients, 2000);
  EXPECT_EQ(g.placed, 0);
  EXPECT_EQ(g.patients_out_of_reach, 2000);
  EXPECT_EQ(g.share_placed(), 0.0);
  EXPECT_TRUE(g.receivers.empty());
  // B and C absorb each other completely: each has room for the other's whole list.
  EXPECT_EQ(OutcomeOf(run, scenarios, "practice:B").unplaced(), 0);
  EXPECT_EQ(OutcomeOf(run, scenarios, "practice:C").unplaced(), 0);
  auto ranked = RankScenarios(run, {0, 1, 2});
  EXPECT_EQ(scenarios[ranked.front()].id, "practice:G");

  auto lines = DescribeWeakPoints(region, scenarios, run, Options(), std::nullopt);
  std::string all;
  for (const auto& l : lines) all += l + "\n";
  EXPECT_NE(all.find("1 van de 3 praktijken kan bij uitval niet volledig"), std::string::npos)
      << all;
  EXPECT_NE(all.find("Zwakste plek: Praktijk G (Testdorp): 2.000 van de 2.000 patiënten (100%)"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("verder dan 15 km van elke andere praktijk"), std::string::npos) << all;
}

TEST(StressEngine, TwoPracticesThatCanOnlyAbsorbEachOtherBindEachOther) {
  // C has room for only 1,000 of B's 3,000 patients, and nobody else is near.
  std::vector<StressPractice> region{At("B", 50.8505, 5.6860, 3000, 2600),
                                     At("C", 50.8350, 5.7000, 2500, 1000),
                                     At("G", 53.2194, 6.5665, 2000, 5000)};
  std::vector<StressScenario> scenarios{{"practice:B", "practice", "B", {0}},
                                        {"practice:C", "practice", "C", {1}},
                                        {"practices:B,C", "practices", "B en C", {0, 1}}};
  auto run = RunStress(region, scenarios, Options(), PostcodeTable::Embedded());
  const auto& b = run.outcomes[0];
  ASSERT_EQ(b.receivers.size(), 1u);
  EXPECT_EQ(b.receivers[0].practice, 1);
  EXPECT_TRUE(b.receivers[0].binding);
  EXPECT_TRUE(b.receivers[0].saturated);
  EXPECT_LE(b.placed, 1000);
  EXPECT_GE(b.placed, 994);  // whole households (at most 6 patients) into 1,000 places
  EXPECT_EQ(b.placeable_bound, 1000);
  EXPECT_EQ(b.patients_out_of_reach, 0);
  // The load after absorption counts the receiver's own list: (2,500 + placed) / 2 FTE.
  ASSERT_TRUE(b.receivers[0].patients_per_fte_after);
  EXPECT_DOUBLE_EQ(*b.receivers[0].patients_per_fte_after, (2500.0 + b.placed) / 2);
  EXPECT_EQ(b.receivers_above_signal, 0);
  // The other way round there is room for all of C's 2,500 patients at B.
  EXPECT_EQ(run.outcomes[1].unplaced(), 0);
  EXPECT_FALSE(run.outcomes[1].receivers[0].binding);
  // Both at once: nobody left within reach.
  EXPECT_EQ(run.outcomes[2].placed, 0);
  EXPECT_EQ(run.outcomes[2].patients_out_of_reach, 5500);
}

TEST(StressEngine, TheBaseStateTakesRoomFirstAndTheLoadCountsIt) {
  // D closes in the base state (its holders stopped without a successor); B takes its patients.
  std::vector<StressPractice> region{At("B", 50.8505, 5.6860, 3000, 2500),
                                     At("C", 50.8350, 5.7000, 2500, 2500),
                                     At("D", 50.8420, 5.6950, 2000, 0)};
  region[2].closed_in_base = true;
  auto scenarios = SinglePracticeScenarios(region);
  ASSERT_EQ(scenarios.size(), 2u);  // D is closed already: no scenario of its own
  auto run = RunStress(region, scenarios, Options(), PostcodeTable::Embedded());
  ASSERT_TRUE(run.base);
  EXPECT_EQ(run.base->patients, 2000);
  EXPECT_EQ(run.base->unplaced(), 0);
  EXPECT_EQ(run.base_absorbed[0] + run.base_absorbed[1], 2000);
  // 5,000 places minus the 2,000 taken leaves 3,000; B's failure needs 3,000 at C, which had
  // 2,500 and gave some to D: B cannot be absorbed whole.
  const auto& b = run.outcomes[0];
  EXPECT_EQ(b.receivers.size(), 1u);
  EXPECT_EQ(b.receivers[0].capacity, 2500 - run.base_absorbed[1]);
  EXPECT_GT(b.unplaced(), 500 - 1);
  ASSERT_TRUE(b.receivers[0].patients_per_fte_after);
  EXPECT_DOUBLE_EQ(*b.receivers[0].patients_per_fte_after,
                   (2500.0 + run.base_absorbed[1] + b.receivers[0].absorbed) / 2);
}

TEST(StressEngine, ResultsAreTheSameOnOneThreadAndOnTwoAndWithoutTheNeighbourhoodShortcut) {
  std::vector<StressPractice> region{
      At("B", 50.8505, 5.6860, 3000, 300), At("C", 50.8350, 5.7000, 2500, 900),
      At("E", 50.8650, 5.8320, 4000, 200), At("F", 50.8850, 5.7526, 3500, 1500),
      At("G", 53.2194, 6.5665, 2000, 5000)};
  auto scenarios = SinglePracticeScenarios(region);
  StressOptions one = Options();
  StressOptions two = Options();
  two.threads = 2;
  StressOptions scratch = Options();
  scratch.reuse_neighbourhoods = false;
  auto a = RunStress(region, scenarios, one, PostcodeTable::Embedded());
  auto b = RunStress(region, scenarios, two, PostcodeTable::Embedded());
  auto c = RunStress(region, scenarios, scratch, PostcodeTable::Embedded());
  EXPECT_EQ(b.threads_used, 2);
  for (std::size_t s = 0; s < scenarios.size(); ++s) {
    for (const auto* other : {&b, &c}) {
      EXPECT_EQ(a.outcomes[s].placed, other->outcomes[s].placed) << scenarios[s].id;
      EXPECT_EQ(a.outcomes[s].placeable_bound, other->outcomes[s].placeable_bound);
      EXPECT_DOUBLE_EQ(a.outcomes[s].mean_km, other->outcomes[s].mean_km);
    }
  }
}

class StressServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenTestStore(dir_.Path("stress.db"), clock_);
    ASSERT_TRUE(SaveRegistryRecords(*store_, kTestActor, BuildDemoRegion({})));
    auto norms = LoadNorms();
    ASSERT_TRUE(norms);
    auto areas = LoadStressAreas();
    ASSERT_TRUE(areas) << areas.error().ToString();
    service_ = std::make_unique<StressService>(*store_, norms.value(), areas.value());
  }
  static Caller As(UserRole role) {
    return Caller{{"tester", "tester", "test", "stresstest"}, role, {"01051037"}};
  }
  static constexpr std::chrono::year_month_day kToday{std::chrono::year{2026},
                                                      std::chrono::November, std::chrono::day{23}};
  ManualClock clock_{std::chrono::sys_days{kToday} + std::chrono::hours(12)};
  TempDir dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<StressService> service_;
};

TEST_F(StressServiceTest, TodayTriesEveryPracticeEveryMunicipalityAndTheShippedAreas) {
  StressRequest request;
  request.threads = 2;
  auto report = service_->Run(As(UserRole::kCoordinator), request);
  ASSERT_TRUE(report) << report.error().ToString();
  const auto& r = report.value();
  EXPECT_EQ(r.single_ranked.size(), 58u);
  EXPECT_FALSE(r.run.base);
  bool geul = false, power = false, maastricht = false;
  for (int s : r.areas_ranked) {
    geul |= r.scenarios[s].id == "zone:geul-overstroming" && r.scenarios[s].kind == "flood_zone";
    power |= r.scenarios[s].kind == "power_cut";
    maastricht |= r.scenarios[s].id == "municipality:Maastricht";
  }
  EXPECT_TRUE(geul && power && maastricht);
  // Ranked: the share placed never goes down the list.
  for (std::size_t i = 1; i < r.single_ranked.size(); ++i) {
    EXPECT_LE(r.run.outcomes[r.single_ranked[i - 1]].share_placed(),
              r.run.outcomes[r.single_ranked[i]].share_placed());
  }
  // Capacity is the headroom at the norm: no receiver ends above 2,095 per FTE unless it was.
  for (std::size_t s = 0; s < r.scenarios.size(); ++s) {
    for (const auto& rec : r.run.outcomes[s].receivers) {
      EXPECT_LE(rec.absorbed, rec.capacity);
      const auto& p = r.practices[rec.practice];
      if (rec.absorbed > 0 && p.gp_fte > 0 && p.patients / p.gp_fte <= 2095) {
        EXPECT_LE(*rec.patients_per_fte_after, 2095 + 1e-6) << p.agb;
      }
    }
  }
  ASSERT_FALSE(r.weak_points.empty());
  auto json = StressReportJson(r);
  EXPECT_EQ(json["scenarios"].size(), r.scenarios.size());
  EXPECT_EQ(json["single_ranked"].size(), 58u);
  // No personal data: no person codes, names or birth years in the report.
  std::string text = json.dump();
  EXPECT_EQ(text.find("birth"), std::string::npos);
  EXPECT_EQ(text.find("person"), std::string::npos);
}

TEST_F(StressServiceTest, AFutureYearClosesThePracticesTheSuccessionRadarCountsAndIsAudited) {
  auto uow = store_->BeginRead(kTestActor);
  ASSERT_TRUE(uow);
  auto radar = SuccessionRadar(ReadSnapshots(*uow.value()), MonitorSettings{}, 2026, 10);
  uow.value().reset();
  const auto& y2031 = radar[5];
  ASSERT_EQ(y2031.year, 2031);
  ASSERT_GT(y2031.practices_without_successor, 0);

  StressRequest request;
  request.year = 2031;
  request.areas = {"zone:geul-overstroming"};
  auto report = service_->Run(As(UserRole::kInsurerLiaison), request);
  ASSERT_TRUE(report) << report.error().ToString();
  const auto& r = report.value();
  int closed = 0;
  for (const auto& p : r.practices) closed += p.closed_in_base;
  EXPECT_EQ(closed, y2031.practices_without_successor);
  ASSERT_TRUE(r.run.base);
  EXPECT_EQ(r.run.base->patients, y2031.patients_affected);
  EXPECT_NE(r.weak_points.front().find("In 2031 zijn naar verwachting"), std::string::npos);
  // The base closures are not tried again inside the flood zone.
  ASSERT_EQ(r.scenarios.size(), 1u);
  long long zone_patients = 0;
  for (int i : r.scenarios[0].closed) {
    if (!r.practices[i].closed_in_base) zone_patients += r.practices[i].patients;
  }
  EXPECT_EQ(r.run.outcomes[0].patients, zone_patients);

  AuditFilter filter;
  filter.object_type = "stress";
  auto events = store_->BeginRead(kTestActor).value()->Audit().List(filter);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, "read");
  EXPECT_NE(events[0].details.find("2031"), std::string::npos);
}

// The answer is kept for the page to open at once, but never outlives a registry change; and a
// kept answer about a future year is audited each time it is read.
TEST_F(StressServiceTest, AKeptAnswerFollowsEveryRegistryChangeAndItsReadsAreStillAudited) {
  StressRequest request;
  request.areas = {"practices:01051037"};
  auto first = service_->Run(As(UserRole::kCoordinator), request);
  ASSERT_TRUE(first) << first.error().ToString();
  const long long before = first.value().run.outcomes[0].patients;
  auto again = service_->Run(As(UserRole::kCoordinator), request);
  ASSERT_TRUE(again);
  EXPECT_EQ(again.value().run.outcomes[0].patients, before);

  {
    auto uow = store_->Begin(kTestActor);
    ASSERT_TRUE(uow);
    Practice probe;
    probe.agb = "01051037";
    auto practice = uow.value()->Table<Practice>().Find(probe);
    ASSERT_TRUE(practice);
    practice->registered_patients += 500;
    ASSERT_TRUE(uow.value()->Table<Practice>().Update(*practice));
    ASSERT_TRUE(uow.value()->Commit());
  }
  auto after = service_->Run(As(UserRole::kCoordinator), request);
  ASSERT_TRUE(after);
  EXPECT_EQ(after.value().run.outcomes[0].patients, before + 500);

  request.year = 2031;
  ASSERT_TRUE(service_->Run(As(UserRole::kCoordinator), request));
  ASSERT_TRUE(service_->Run(As(UserRole::kCoordinator), request));
  AuditFilter filter;
  filter.object_type = "stress";
  EXPECT_EQ(store_->BeginRead(kTestActor).value()->Audit().List(filter).size(), 2u);
}

TEST_F(StressServiceTest, StretchingTheCapacityPerFteAbsorbsMore) {
  StressRequest norm, stretched;
  norm.areas = stretched.areas = {"municipality:Vaals", "practices:01053072"};
  stretched.capacity_patients_per_fte = 3000;
  auto a = service_->Run(As(UserRole::kCoordinator), norm);
  auto b = service_->Run(As(UserRole::kCoordinator), stretched);
  ASSERT_TRUE(a && b);
  for (int s = 0; s < 2; ++s) {
    EXPECT_GT(b.value().run.outcomes[s].placed, a.value().run.outcomes[s].placed);
  }
  stretched.capacity_patients_per_fte = 5000;  // beyond the 4,000 signal
  auto refused = service_->Run(As(UserRole::kCoordinator), stretched);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "capacity_patients_per_fte");
}

TEST_F(StressServiceTest, BadAreasAndYearsAreRefusedWithTheField) {
  for (std::string spec : {"gemeente:Atlantis", "zone:onbekend", "postcodes:63A1",
                           "practices:99999999", "wijk:MAA", "Meerssen"}) {
    StressRequest request;
    request.areas = {spec};
    auto report = service_->Run(As(UserRole::kCoordinator), request);
    ASSERT_FALSE(report) << spec;
    EXPECT_EQ(report.error().field, "area") << spec;
    EXPECT_NE(report.error().message.find(spec), std::string::npos) << report.error().message;
  }
  StressRequest past;
  past.year = 2020;
  auto report = service_->Run(As(UserRole::kCoordinator), past);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().field, "year");
  StressRequest far;
  far.parameters.max_distance_km = -1;
  EXPECT_FALSE(service_->Run(As(UserRole::kCoordinator), far));
}

TEST_F(StressServiceTest, AreaSpecsFindTheRightPractices) {
  StressRequest request;
  request.areas = {"municipality:meerssen", "postcodes:6301, 6305", "practices:01051037,01051037"};
  auto report = service_->Run(As(UserRole::kReadOnly), request);
  ASSERT_TRUE(report) << report.error().ToString();
  const auto& r = report.value();
  for (int i : r.scenarios[0].closed) EXPECT_EQ(r.practices[i].municipality, "Meerssen");
  EXPECT_EQ(r.scenarios[0].name, "gemeente Meerssen");
  for (int i : r.scenarios[1].closed) {
    EXPECT_TRUE(r.practices[i].postcode == "6301" || r.practices[i].postcode == "6305");
  }
  EXPECT_EQ(r.scenarios[1].closed.size(), 2u);
  EXPECT_EQ(r.scenarios[2].closed.size(), 1u);  // the same practice twice is one practice
}

TEST_F(StressServiceTest, APracticeUserMayNotRunItTheInsurerMay) {
  StressRequest request;
  request.areas = {"practices:01051037"};
  auto denied = service_->Run(As(UserRole::kPracticeUser), request);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().kind, ErrorKind::kForbidden);
  EXPECT_TRUE(service_->Run(As(UserRole::kInsurerLiaison), request));
}

TEST(StressAreasYaml, TheShippedAreasLoadAndABadFileNamesLineAndField) {
  auto shipped = LoadStressAreas();
  ASSERT_TRUE(shipped) << shipped.error().ToString();
  const auto* geul = shipped.value().Find("geul-overstroming");
  ASSERT_NE(geul, nullptr);
  EXPECT_EQ(geul->kind, "flood_zone");
  EXPECT_NE(std::find(geul->postcodes.begin(), geul->postcodes.end(), "6301"),
            geul->postcodes.end());  // Valkenburg
  auto bad = ParseStressAreasYaml(
      "version: 1\n"
      "areas:\n"
      "  - id: a\n"
      "    name: A\n"
      "    kind: tornado\n"
      "    source: x\n"
      "    postcodes: [6301, 630]\n",
      "gebieden.yaml");
  ASSERT_FALSE(bad);
  std::string all = bad.error().ToString();
  for (const auto& more : bad.error().more) all += "\n" + more.ToString();
  EXPECT_NE(all.find("gebieden.yaml, regel 5, veld areas[0].kind"), std::string::npos) << all;
  EXPECT_NE(all.find("areas[0].postcodes[1]"), std::string::npos) << all;
  EXPECT_NE(all.find("'630' is geen postcode"), std::string::npos) << all;
}

}  // namespace
}  // namespace vangnet
