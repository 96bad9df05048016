// The monitor on the demo region: the planted situations are found, the ranking puts the most
// fragile first, the insurer sees no names or ages, and the month is recorded once.
#include "services/monitor/monitor_service.hpp"

#include <gtest/gtest.h>

#include <numeric>

#include "io/norms_yaml.hpp"
#include "test_support/registry_fixture.hpp"

namespace vangnet {
namespace {

constexpr std::chrono::year_month_day kToday{std::chrono::year{2026}, std::chrono::month{11},
                                             std::chrono::day{23}};

class MonitorServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenTestStore(dir_.Path("monitor.db"), clock_);
    ASSERT_TRUE(SaveRegistryRecords(*store_, kTestActor, BuildDemoRegion({})));
    auto norms = LoadNorms();
    ASSERT_TRUE(norms);
    monitor_ = std::make_unique<MonitorService>(*store_, norms.value());
  }
  static Caller As(UserRole role, std::vector<std::string> agbs = {}) {
    return Caller{{"tester", "x", "test", "monitor"}, role, std::move(agbs)};
  }

  ManualClock clock_{std::chrono::sys_days{kToday} + std::chrono::hours(12)};
  TempDir dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<MonitorService> monitor_;
};

TEST_F(MonitorServiceTest, TheDemoRegionsPlantedSituationsAreFound) {
  auto report = monitor_->Report(As(UserRole::kCoordinator));
  ASSERT_TRUE(report) << report.error().ToString();
  const auto& counts = report.value()->signal_counts;
  // Planted by the demo (see services/demo): two companies and the RHO's takeover; one company
  // without a medically responsible GP; two overloaded solo practices; two outside the rota.
  EXPECT_EQ(counts.at("owner_not_gp"), 3);
  EXPECT_EQ(counts.at("no_medically_responsible"), 1);
  EXPECT_GE(counts.at("patients_per_fte"), 2);
  EXPECT_EQ(counts.at("little_cooperation"), 2);
  // Governance (seed 004): both companies have a gap; the RHO's takeover is in order.
  EXPECT_EQ(counts.at("governance_incomplete"), 2);
  EXPECT_GT(counts.at("holder_60_without_successor"), 0);
  EXPECT_EQ(report.value()->practices.size(), 58u);
  // Counts and hits agree; the ranking is by score.
  int hits = 0;
  for (const auto& p : report.value()->practices) hits += static_cast<int>(p.hits.size());
  int counted = 0;
  for (const auto& [id, n] : counts) counted += n;
  EXPECT_EQ(hits, counted);
  for (std::size_t i = 1; i < report.value()->practices.size(); ++i) {
    EXPECT_GE(report.value()->practices[i - 1].score, report.value()->practices[i].score);
  }
  // Areas: every practice in one wijk and one hagro.
  int in_districts = 0, in_groups = 0;
  for (const auto& a : report.value()->areas) {
    (a.kind == "district" ? in_districts : in_groups) += a.practices;
    EXPECT_FALSE(a.name.empty()) << a.code;
  }
  EXPECT_EQ(in_districts, 58);
  EXPECT_EQ(in_groups, 58);
  EXPECT_EQ(report.value()->succession.size(), 11u);
  EXPECT_FALSE(report.value()->conversations.empty());
  EXPECT_FALSE(report.value()->person_names.empty());
}

// The signals are kept between requests (a national registry takes about half a second to
// build) but never outlive a change, not even one made by another process on the same
// database (an import from the command line).
TEST_F(MonitorServiceTest, TheKeptSignalsFollowEveryChange) {
  const auto patients_of = [&](const std::string& agb) {
    auto report = monitor_->Report(As(UserRole::kCoordinator), agb);
    EXPECT_TRUE(report);
    return report.value()->practices.at(0).patients;
  };
  const int before = patients_of("01051037");
  EXPECT_EQ(patients_of("01051037"), before);
  auto other = OpenStore(TestStoreAddress(dir_.Path("monitor.db")), clock_);  // another process
  ASSERT_TRUE(other);
  {
    auto uow = other.value()->Begin(kTestActor).value();
    Practice probe;
    probe.agb = "01051037";
    auto practice = uow->Table<Practice>().Find(probe).value();
    practice.registered_patients = before + 1234;
    ASSERT_TRUE(uow->Table<Practice>().Update(practice));
    ASSERT_TRUE(uow->Commit());
  }
  EXPECT_EQ(patients_of("01051037"), before + 1234);
  ASSERT_TRUE(monitor_->Report(As(UserRole::kCoordinator)));  // an audited read changes nothing
  EXPECT_EQ(patients_of("01051037"), before + 1234);
}

TEST_F(MonitorServiceTest, TheInsurerSeesFiguresButNoNamesOrAges) {
  auto report = monitor_->Report(As(UserRole::kInsurerLiaison));
  ASSERT_TRUE(report);
  EXPECT_TRUE(report.value()->conversations.empty());
  EXPECT_TRUE(report.value()->person_names.empty());
  EXPECT_EQ(report.value()->practices.size(), 58u);
  EXPECT_FALSE(report.value()->succession.empty());
}

TEST_F(MonitorServiceTest, OnePracticesCardReadsNoAges) {
  auto report = monitor_->Report(As(UserRole::kCoordinator), "01051037");
  ASSERT_TRUE(report);
  ASSERT_EQ(report.value()->practices.size(), 1u);
  EXPECT_TRUE(report.value()->conversations.empty());
  auto uow = store_->BeginRead(kTestActor).value();
  AuditFilter filter;
  filter.object_type = "monitor";
  EXPECT_TRUE(uow->Audit().List(filter).empty());
}

TEST_F(MonitorServiceTest, APracticeUserSeesOnlyTheirOwnPractice) {
  auto report = monitor_->Report(As(UserRole::kPracticeUser, {"01051037"}));
  ASSERT_TRUE(report);
  ASSERT_EQ(report.value()->practices.size(), 1u);
  EXPECT_EQ(report.value()->practices[0].agb, "01051037");
}

TEST_F(MonitorServiceTest, ReadingAgesIsAuditedAndTheMonthIsRecordedOnce) {
  ASSERT_TRUE(monitor_->Report(As(UserRole::kCoordinator)));
  {
    auto uow = store_->BeginRead(kTestActor).value();
    AuditFilter filter;
    filter.object_type = "monitor";
    EXPECT_EQ(uow->Audit().List(filter).size(), 1u);
  }
  auto first = monitor_->RecordMonth();
  ASSERT_TRUE(first);
  EXPECT_TRUE(first.value());
  EXPECT_FALSE(monitor_->RecordMonth().value());
  auto report = monitor_->Report(As(UserRole::kReadOnly)).value();
  auto practices = std::find_if(report->history.begin(), report->history.end(),
                                [](const HistoryPoint& p) { return p.measure == "_practices"; });
  ASSERT_NE(practices, report->history.end());
  EXPECT_EQ(practices->month, "2026-11");
  EXPECT_EQ(practices->value, 58);
}

}  // namespace
}  // namespace vangnet
