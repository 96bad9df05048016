// The region's long programmes on the demo region: succession trajectories next to the radar's
// holders, their next step on the preparedness calendar, a signed successor counted as
// continuing by the monitor and the stress test's future year, the programme from solo to
// working together with the cooperation signal reading from it, access per role, and bad input
// refused whole with the field.
#include "services/programme/programme_service.hpp"

#include <gtest/gtest.h>

#include "io/norms_yaml.hpp"
#include "io/preparedness_yaml.hpp"
#include "services/incident/incident_service.hpp"
#include "services/monitor/monitor_service.hpp"
#include "services/playbook/playbook_catalog.hpp"
#include "services/preparedness/preparedness_service.hpp"
#include "services/registry/registry_service.hpp"
#include "test_support/registry_fixture.hpp"

namespace vangnet {
namespace {

template <class T>
std::vector<std::optional<std::string>> TextsOf(const T& record) {
  std::vector<std::optional<std::string>> texts;
  for (const auto& f : EntityTraits<T>::Fields()) texts.push_back(f.get(record));
  return texts;
}

class ProgrammeServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenTestStore(dir_.Path("programma.db"), clock_);
    ASSERT_TRUE(SaveRegistryRecords(*store_, kTestActor, BuildDemoRegion({})));
    auto norms = LoadNorms();
    ASSERT_TRUE(norms) << norms.error().ToString();
    norms_ = norms.value();
    service_ = std::make_unique<ProgrammeService>(*store_, norms_.settings);
    registry_ = std::make_unique<RegistryService>(*store_);
  }
  static Caller As(UserRole role, std::vector<std::string> practices = {}) {
    return Caller{{"programma", "tester", "test", "programma's"}, role, std::move(practices)};
  }
  SuccessionOverview Succession(const Caller& caller = As(UserRole::kCoordinator)) {
    auto overview = service_->Succession(caller);
    EXPECT_TRUE(overview) << overview.error().ToString();
    return overview ? overview.value() : SuccessionOverview{};
  }
  static const SuccessionRow* Row(const SuccessionOverview& o, const std::string& agb) {
    for (const auto& r : o.rows) {
      if (r.practice_agb == agb) return &r;
    }
    return nullptr;
  }
  // The first practice of the demo whose holder is 60+ without a known successor, with or
  // without a trajectory.
  std::string Candidate(bool with_trajectory) {
    for (const auto& r : Succession().rows) {
      if (r.trajectory.has_value() == with_trajectory && r.holders_60_plus > 0)
        return r.practice_agb;
    }
    ADD_FAILURE() << "no such practice in the demo";
    return "";
  }
  const SignalHit* Hit(const std::string& agb, const std::string& id) {
    MonitorService monitor(*store_, norms_);
    auto report = monitor.Report(As(UserRole::kCoordinator), agb);
    EXPECT_TRUE(report);
    hits_.clear();
    for (const auto& p : report.value()->practices) {
      if (p.agb == agb) hits_ = p.hits;
    }
    for (const auto& h : hits_) {
      if (h.id == id) return &h;
    }
    return nullptr;
  }
  static constexpr std::chrono::year_month_day kToday{std::chrono::year{2026},
                                                      std::chrono::November, std::chrono::day{23}};
  ManualClock clock_{std::chrono::sys_days{kToday} + std::chrono::hours(12)};
  TempDir dir_;
  std::unique_ptr<Store> store_;
  SignalNorms norms_;
  std::unique_ptr<ProgrammeService> service_;
  std::unique_ptr<RegistryService> registry_;
  std::vector<SignalHit> hits_;
};

TEST_F(ProgrammeServiceTest, EveryTrajectoryAndEveryHolderOfSixtyWithoutOneIsListed) {
  const auto o = Succession();
  ASSERT_FALSE(o.rows.empty());
  EXPECT_GT(o.running, 0);
  EXPECT_GT(o.without_trajectory, 0);
  int with = 0, without = 0;
  for (const auto& r : o.rows) {
    (r.trajectory ? with : without)++;
    // No practice without a trajectory is listed unless the radar would ask for a conversation.
    if (!r.trajectory) {
      EXPECT_GT(r.holders_60_plus, 0) << r.practice_agb;
    }
  }
  EXPECT_EQ(without, o.without_trajectory);
  EXPECT_EQ(with, o.running + o.done + 0) << "the demo has no stopped trajectories";
  // Overdue first, then running ones by date, then those without a trajectory.
  EXPECT_TRUE(o.rows.front().overdue);
  bool seen_without = false;
  for (const auto& r : o.rows) {
    if (!r.trajectory) seen_without = true;
    if (seen_without) {
      EXPECT_FALSE(r.trajectory && IsRunning(*r.trajectory)) << r.practice_agb;
    }
  }
  // Compared with the radar: every practice it asks a conversation for is on the list.
  MonitorService monitor(*store_, norms_);
  auto report = monitor.Report(As(UserRole::kCoordinator));
  ASSERT_TRUE(report);
  for (const auto& c : report.value()->conversations) {
    if (c.successor == SuccessorStatus::kKnown) continue;
    EXPECT_NE(Row(o, c.practice_agb), nullptr) << c.practice_agb;
  }
}

TEST_F(ProgrammeServiceTest, ARunningTrajectoryShowsOnTheMonitorAndTheCalendar) {
  const std::string agb = Candidate(true);
  const auto listed_now = Succession();
  const auto* row = Row(listed_now, agb);
  ASSERT_NE(row, nullptr);
  const SuccessionTrajectory t = *row->trajectory;
  // The monitor still counts the risk, and says a trajectory runs.
  const auto* hit = Hit(agb, "holder_60_without_successor");
  ASSERT_NE(hit, nullptr);
  EXPECT_NE(hit->detail.find("traject loopt"), std::string::npos) << hit->detail;
  EXPECT_NE(hit->detail.find(t.next_due), std::string::npos) << hit->detail;
  // The radar's conversation list names the stage.
  MonitorService monitor(*store_, norms_);
  auto report = monitor.Report(As(UserRole::kCoordinator));
  ASSERT_TRUE(report);
  bool named = false;
  for (const auto& c : report.value()->conversations) {
    if (c.practice_agb == agb) named = c.trajectory == t.stage;
  }
  EXPECT_TRUE(named);
  // The next step is an item on the preparedness calendar, due on the trajectory's date, and
  // cannot be "done" there (it is kept in the trajectory).
  auto rules = LoadPreparednessRules();
  ASSERT_TRUE(rules);
  PreparednessService preparedness(*store_, rules.value(), norms_.settings);
  auto calendar = preparedness.Overview(As(UserRole::kCoordinator));
  ASSERT_TRUE(calendar);
  const PreparednessItem* item = nullptr;
  int steps = 0;
  for (const auto& i : calendar.value().items) {
    if (i.rule->id != "succession_trajectory_step") continue;
    ++steps;
    if (i.practice_agb == agb) item = &i;
  }
  EXPECT_EQ(steps, Succession().running);
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item->due.value_or(""), t.next_due);
  EXPECT_EQ(item->subject, t.next_step);
  EXPECT_TRUE(item->kept_in_registry);
  EXPECT_EQ(item->status, row->overdue ? ItemStatus::kOverdue : item->status);
  auto done = preparedness.RecordDone(As(UserRole::kCoordinator),
                                      {"succession_trajectory_step", agb, "2026-11-20", "x", ""});
  ASSERT_FALSE(done);
  EXPECT_NE(done.error().ToString().find("opvolgingstraject"), std::string::npos);
}

TEST_F(ProgrammeServiceTest, ASignedSuccessorCountsAsContinuing) {
  const std::string agb = Candidate(false);
  MonitorService monitor(*store_, norms_);
  auto radar = [&] {
    auto report = monitor.Report(As(UserRole::kCoordinator));
    EXPECT_TRUE(report);
    return report.value()->succession;
  };
  const auto before = radar();
  ASSERT_NE(Hit(agb, "holder_60_without_successor"), nullptr);

  SuccessionTrajectory t;
  t.practice_agb = agb;
  t.stage = TrajectoryStage::kTransfer;
  t.owner = "consulent RHO";
  t.conversation_on = "2026-03-02";
  t.conversation_outcome = ConversationOutcome::kSeeksSuccessor;
  t.search_route = SearchRoute::kLocumStays;
  t.successor_name = "Dr. Fictief Opvolger";
  t.successor_signed = true;
  t.transfer_on = "2027-06-01";
  t.next_step = "Contract verzekeraar overzetten";
  t.next_due = "2027-03-01";
  auto created = registry_->Create<SuccessionTrajectory>(As(UserRole::kCoordinator), TextsOf(t));
  ASSERT_TRUE(created) << created.error().ToString();

  EXPECT_EQ(Hit(agb, "holder_60_without_successor"), nullptr);
  const auto after = radar();
  ASSERT_EQ(before.size(), after.size());
  // In the years the practice counted as closing without successor, it now counts one less.
  bool fewer = false;
  for (std::size_t i = 0; i < before.size(); ++i) {
    EXPECT_LE(after[i].practices_without_successor, before[i].practices_without_successor);
    fewer = fewer || after[i].practices_without_successor < before[i].practices_without_successor;
  }
  EXPECT_TRUE(fewer);
  // The succession list counts it, and no longer as "without trajectory".
  const auto o = Succession();
  const auto* row = Row(o, agb);
  ASSERT_NE(row, nullptr);
  ASSERT_TRUE(row->trajectory);
  EXPECT_TRUE(row->trajectory->successor_signed);
  EXPECT_GE(o.successor_signed, 1);
}

TEST_F(ProgrammeServiceTest, BadTrajectoriesAreRefusedWholeWithTheField) {
  const std::string agb = Candidate(false);
  SuccessionTrajectory t;
  t.practice_agb = agb;
  t.stage = TrajectoryStage::kMentoring;
  t.owner = "consulent RHO";
  // Running without a next step or date, mentoring without its start, no conversation date.
  auto refused = registry_->Create<SuccessionTrajectory>(As(UserRole::kCoordinator), TextsOf(t));
  ASSERT_FALSE(refused);
  std::string all = refused.error().ToString();
  for (const auto& more : refused.error().more) all += "\n" + more.ToString();
  for (const char* field : {"next_step", "next_due", "mentoring_started_on", "conversation_on"}) {
    EXPECT_NE(all.find(field), std::string::npos) << field << " in " << all;
  }
  // Finished without a transfer date; a future conversation date.
  t.stage = TrajectoryStage::kDone;
  t.conversation_on = "2027-01-01";
  auto done = registry_->Create<SuccessionTrajectory>(As(UserRole::kCoordinator), TextsOf(t));
  ASSERT_FALSE(done);
  all = done.error().ToString();
  for (const auto& more : done.error().more) all += "\n" + more.ToString();
  EXPECT_NE(all.find("transfer_on"), std::string::npos) << all;
  // Nothing was written.
  const auto unchanged = Succession();
  ASSERT_NE(Row(unchanged, agb), nullptr);
  EXPECT_EQ(Row(unchanged, agb)->trajectory, std::nullopt);
}

TEST_F(ProgrammeServiceTest, EachRoleSeesAndKeepsWhatItMay) {
  // The insurer liaison: no trajectories (they name successors and mentors), but the
  // collaboration programme.
  auto insurer = service_->Succession(As(UserRole::kInsurerLiaison));
  ASSERT_FALSE(insurer);
  EXPECT_EQ(insurer.error().kind, ErrorKind::kForbidden);
  EXPECT_TRUE(service_->Collaboration(As(UserRole::kInsurerLiaison)));
  // A practice user: their own practice only; reads it, keeps their collaboration but not the
  // RHO's trajectory.
  const std::string agb = Candidate(true);
  const auto own = Succession(As(UserRole::kPracticeUser, {agb}));
  ASSERT_EQ(own.rows.size(), 1u);
  EXPECT_EQ(own.rows[0].practice_agb, agb);
  SuccessionTrajectory t = *own.rows[0].trajectory;
  t.next_step = "iets anders";
  auto write = registry_->Update<SuccessionTrajectory>(As(UserRole::kPracticeUser, {agb}), t.id,
                                                       t.version, TextsOf(t));
  ASSERT_FALSE(write);
  EXPECT_EQ(write.error().kind, ErrorKind::kForbidden);
  PracticeCollaboration c;
  c.practice_agb = agb;
  c.neighbourhood_team = true;
  auto existing = store_->Begin(kTestActor).value()->Table<PracticeCollaboration>().Find([&] {
    PracticeCollaboration key;
    key.practice_agb = agb;
    return key;
  }());
  if (existing) {
    auto mine = registry_->Update<PracticeCollaboration>(
        As(UserRole::kPracticeUser, {agb}), existing->id, existing->version, TextsOf(c));
    EXPECT_TRUE(mine) << mine.error().ToString();
  } else {
    auto mine =
        registry_->Create<PracticeCollaboration>(As(UserRole::kPracticeUser, {agb}), TextsOf(c));
    EXPECT_TRUE(mine) << mine.error().ToString();
  }
  PracticeCollaboration other;
  other.practice_agb = Candidate(false);
  auto theirs =
      registry_->Create<PracticeCollaboration>(As(UserRole::kPracticeUser, {agb}), TextsOf(other));
  EXPECT_FALSE(theirs);
  // The regional programme's activities are the RHO's.
  ProgrammeActivity a;
  a.activity = ProgrammeActivityId::kPilots;
  a.status = ActivityStatus::kPlanned;
  EXPECT_FALSE(
      registry_->Create<ProgrammeActivity>(As(UserRole::kPracticeUser, {agb}), TextsOf(a)));
}

TEST_F(ProgrammeServiceTest, AMutualBackupCoversASoloPracticeAndTheFiguresFollow) {
  auto overview = service_->Collaboration(As(UserRole::kCoordinator));
  ASSERT_TRUE(overview);
  const auto before = overview.value();
  // Most solo practices are covered in the demo (seed 000 §2), a few are not.
  EXPECT_GT(before.now.solo, 0);
  EXPECT_GT(before.now.solo_with_backup * 2, before.now.solo);
  EXPECT_LT(before.now.solo_with_backup, before.now.solo);
  const CollaborationRow* uncovered = nullptr;
  for (const auto& r : before.rows) {
    if (r.form == PracticeForm::kSolo && !r.backup) {
      uncovered = &r;
      break;
    }
  }
  ASSERT_NE(uncovered, nullptr);
  EXPECT_EQ(before.rows.front().practice_agb, uncovered->practice_agb) << "uncovered solo first";
  const std::string agb = uncovered->practice_agb;
  ASSERT_NE(Hit(agb, "solo_without_backup"), nullptr);

  // A partner that is not a practice, a practice that backs itself up, HIS access without a
  // backup: refused with the field.
  PracticeCollaboration c;
  c.practice_agb = agb;
  c.mutual_backup = true;
  c.backup_partner_agb = "99999999";
  EXPECT_FALSE(registry_->Create<PracticeCollaboration>(As(UserRole::kCoordinator), TextsOf(c)));
  c.backup_partner_agb = agb;
  EXPECT_FALSE(registry_->Create<PracticeCollaboration>(As(UserRole::kCoordinator), TextsOf(c)));
  c.backup_partner_agb = "";
  c.mutual_backup = false;
  c.his_access_shared = true;
  auto his = registry_->Create<PracticeCollaboration>(As(UserRole::kCoordinator), TextsOf(c));
  ASSERT_FALSE(his);
  EXPECT_NE(his.error().ToString().find("his_access_shared"), std::string::npos);

  c.mutual_backup = true;
  const auto existing = uncovered->collaboration;
  auto saved =
      existing ? registry_->Update<PracticeCollaboration>(As(UserRole::kCoordinator), existing->id,
                                                          existing->version, TextsOf(c))
               : registry_->Create<PracticeCollaboration>(As(UserRole::kCoordinator), TextsOf(c));
  ASSERT_TRUE(saved) << saved.error().ToString();
  EXPECT_EQ(Hit(agb, "solo_without_backup"), nullptr);
  auto after = service_->Collaboration(As(UserRole::kCoordinator));
  ASSERT_TRUE(after);
  EXPECT_EQ(after.value().now.solo_with_backup, before.now.solo_with_backup + 1);

  // The figures per year come from the monitor's monthly history.
  MonitorService monitor(*store_, norms_);
  ASSERT_TRUE(monitor.RecordMonth());
  auto recorded = service_->Collaboration(As(UserRole::kCoordinator));
  ASSERT_TRUE(recorded);
  ASSERT_EQ(recorded.value().per_year.size(), 1u);
  EXPECT_EQ(recorded.value().per_year[0].period, "2026");
  EXPECT_EQ(recorded.value().per_year[0].solo, after.value().now.solo);
  EXPECT_EQ(recorded.value().per_year[0].solo_with_backup, after.value().now.solo_with_backup);
}

TEST_F(ProgrammeServiceTest, ThePhasesFollowTheirActivities) {
  auto overview = service_->Collaboration(As(UserRole::kCoordinator));
  ASSERT_TRUE(overview);
  const auto& o = overview.value();
  ASSERT_EQ(o.activities.size(), PROGRAMME_ACTIVITIES.size());
  ASSERT_EQ(o.phases.size(), 4u);
  // Demo: phase 1 half done (best practices running), phase 4 not started.
  EXPECT_EQ(o.phases[0].status, ActivityStatus::kRunning);
  EXPECT_EQ(o.phases[3].status, ActivityStatus::kPlanned);
  // Finishing the last open activity of phase 1 finishes the phase; done needs its date.
  const ActivityRow* best = nullptr;
  for (const auto& a : o.activities) {
    if (a.plan.id == ProgrammeActivityId::kBestPractices) best = &a;
  }
  ASSERT_NE(best, nullptr);
  ASSERT_TRUE(best->record);
  EXPECT_EQ(best->plan.phase, 1);
  EXPECT_EQ(best->plan.year, "2026");  // seed 000 §2
  ProgrammeActivity a = *best->record;
  a.status = ActivityStatus::kDone;
  a.done_on = "";
  auto refused =
      registry_->Update<ProgrammeActivity>(As(UserRole::kCoordinator), a.id, a.version, TextsOf(a));
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().ToString().find("done_on"), std::string::npos);
  a.done_on = "2026-11-20";
  ASSERT_TRUE(registry_->Update<ProgrammeActivity>(As(UserRole::kCoordinator), a.id, a.version,
                                                   TextsOf(a)));
  auto after = service_->Collaboration(As(UserRole::kCoordinator));
  ASSERT_TRUE(after);
  EXPECT_EQ(after.value().phases[0].status, ActivityStatus::kDone);
}

TEST_F(ProgrammeServiceTest, ATemporaryTakeoverIsLinkedToTheTrajectory) {
  const std::string agb = Candidate(true);
  auto catalog = PlaybookCatalog::Load();
  ASSERT_TRUE(catalog);
  IncidentService incidents(*store_, catalog.value());
  auto incident = incidents.Start(As(UserRole::kCoordinator), [&] {
    StartIncident start;
    start.playbook_id = "temporary-takeover";
    start.practice_agbs = {agb};
    return start;
  }());
  ASSERT_TRUE(incident) << incident.error().ToString();
  const auto listed_now = Succession();
  const auto* row = Row(listed_now, agb);
  ASSERT_NE(row, nullptr);
  ASSERT_EQ(row->takeovers.size(), 1u);
  EXPECT_EQ(row->takeovers[0].first, incident.value().id);
  // The download lists it too.
  const Table table = SuccessionTable(Succession());
  bool listed = false;
  for (const auto& r : table.rows)
    listed = listed || (r[0] == agb && r.back() == incident.value().number);
  EXPECT_TRUE(listed);
  EXPECT_EQ(table.columns.size(), table.rows.front().size());
}

}  // namespace
}  // namespace vangnet
