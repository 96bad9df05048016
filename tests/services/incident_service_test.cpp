// Incidents: a coordinator starts the fire scenario for a demo practice at 03:00, works the
// tasks, logs a decision, raises the stage; everything lands in one logbook.
#include "services/incident/incident_service.hpp"

#include <gtest/gtest.h>

#include <set>

#include "services/incident/communication_drafts.hpp"
#include "test_support/registry_fixture.hpp"

namespace vangnet {
namespace {

TimePoint Utc(const char* text) {
  return ParseUtc(text).value();
}

class IncidentServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenTestStore(dir_.Path("incidents.db"), clock_);
    ASSERT_TRUE(SaveRegistryRecords(*store_, kTestActor, BuildDemoRegion({})));
    auto catalog = PlaybookCatalog::Load();
    ASSERT_TRUE(catalog);
    catalog_ = std::make_unique<PlaybookCatalog>(std::move(catalog.value()));
    service_ = std::make_unique<IncidentService>(
        *store_, *catalog_, [this](std::int64_t id) { changed_.push_back(id); });
  }

  Incident StartFire(const Caller& who = Coordinator()) {
    StartIncident request{
        "practice-unusable", {"01051037"}, false, Utc("2026-11-23T02:00:00Z"), ""};
    auto incident = service_->Start(who, request);
    EXPECT_TRUE(incident) << incident.error().ToString();
    return incident.value();
  }

  static Caller Coordinator() {
    return Caller{{"coordinator", "coordinator", "test", "crisis"}, UserRole::kCoordinator, {}};
  }
  static Caller PracticeUser(const std::string& agb) {
    return Caller{{"praktijk", "practice_user", "test", "crisis"}, UserRole::kPracticeUser, {agb}};
  }

  // An hour after the fire of StartFire.
  ManualClock clock_{Utc("2026-11-23T03:00:00Z")};
  TempDir dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<PlaybookCatalog> catalog_;
  std::unique_ptr<IncidentService> service_;
  std::vector<std::int64_t> changed_;
};

TEST_F(IncidentServiceTest, StartingAFireGivesEveryPlaybookStepAsATaskWithItsDeadline) {
  Incident incident = StartFire();
  EXPECT_EQ(incident.number, "2026-001");
  EXPECT_EQ(incident.tasks.size(), catalog_->Find("practice-unusable")->StepCount());
  EXPECT_EQ(incident.stage, 1);
  // The first task: call emergency services within 15 minutes of activation.
  EXPECT_EQ(incident.tasks.front().step_id, "emergency-services");
  EXPECT_EQ(FormatUtc(incident.tasks.front().deadline), "2026-11-23T02:15:00Z");
  // Owners come from the registry: the practice's medically responsible GP for the holder's
  // tasks, the RHO crisis coordinator for the continuity team's.
  for (const auto& task : incident.tasks) {
    if (task.step_id == "report-to-rho") {
      EXPECT_EQ(task.owner_person_code, "HA-1001");
    }
    if (task.step_id == "activate-continuity-team") {
      EXPECT_FALSE(task.owner_person_code.empty());
    }
  }
  // The log opens with the start, then who was alarmed.
  ASSERT_GE(incident.log.size(), 2u);
  EXPECT_EQ(incident.log[0].kind, LogKind::kStatus);
  EXPECT_EQ(incident.log[1].kind, LogKind::kMessage);
  EXPECT_EQ(changed_, std::vector<std::int64_t>{incident.id});
  EXPECT_EQ(StartFire().number, "2026-002");
}

TEST_F(IncidentServiceTest, TasksAreDoneOrNotApplicableWithAReasonAndLogged) {
  Incident incident = StartFire();
  const IncidentTask task = incident.tasks.front();
  auto no_reason = service_->tasks.CloseTask(Coordinator(), incident.id, task.id, task.version,
                                             TaskStatus::kNotApplicable, "");
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().field, "note");

  auto done = service_->tasks.CloseTask(Coordinator(), incident.id, task.id, task.version,
                                        TaskStatus::kDone, "112 gebeld om 02:04");
  ASSERT_TRUE(done) << done.error().ToString();
  EXPECT_EQ(done.value().tasks.front().status, TaskStatus::kDone);
  EXPECT_EQ(done.value().log.back().kind, LogKind::kTask);
  // A second coordinator working from the old copy gets a conflict, not a silent overwrite.
  auto stale = service_->tasks.CloseTask(Coordinator(), incident.id, task.id, task.version,
                                         TaskStatus::kNotApplicable, "al gedaan");
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().field, "version");
}

// A task marked done by mistake opens again, with a reason; the logbook says who and why.
TEST_F(IncidentServiceTest, ATaskDoneByMistakeReopensWithWhoAndWhy) {
  Incident incident = StartFire();
  const IncidentTask task = incident.tasks.front();
  auto open_already =
      service_->tasks.ReopenTask(Coordinator(), incident.id, task.id, task.version, "per ongeluk");
  ASSERT_FALSE(open_already);
  EXPECT_EQ(open_already.error().field, "status");
  auto done = service_->tasks.CloseTask(Coordinator(), incident.id, task.id, task.version,
                                        TaskStatus::kDone, "");
  ASSERT_TRUE(done);
  const IncidentTask closed = done.value().tasks.front();
  auto no_reason =
      service_->tasks.ReopenTask(Coordinator(), incident.id, closed.id, closed.version, " ");
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().field, "reason");
  auto reopened = service_->tasks.ReopenTask(Coordinator(), incident.id, closed.id, closed.version,
                                             "verkeerde taak aangeklikt");
  ASSERT_TRUE(reopened) << reopened.error().ToString();
  const IncidentTask& again = reopened.value().tasks.front();
  EXPECT_EQ(again.status, TaskStatus::kOpen);
  EXPECT_FALSE(again.closed_at);
  EXPECT_TRUE(again.closed_by.empty());
  const auto& line = reopened.value().log.back();
  EXPECT_EQ(line.author, Coordinator().actor.user);
  EXPECT_NE(line.text.find("weer open"), std::string::npos);
  EXPECT_NE(line.text.find("verkeerde taak aangeklikt"), std::string::npos);
  // From a stale copy: a conflict.
  auto stale =
      service_->tasks.ReopenTask(Coordinator(), incident.id, closed.id, closed.version, "nog eens");
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().field, "version");
}

TEST_F(IncidentServiceTest, DecisionsNameWhoDecidedAndCorrectionsPointBack) {
  Incident incident = StartFire();
  auto missing =
      service_->logbook.AddLog(Coordinator(), incident.id,
                               {LogKind::kDecision, "Patiënten naar de buurpraktijk", "", "", {}});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().field, "decided_by");
  // A logbook line is bounded in the service, whatever way it comes in (API, CLI, paper).
  auto endless = service_->logbook.AddLog(
      Coordinator(), incident.id, {LogKind::kObservation, std::string(5000, 'x'), "", "", {}});
  ASSERT_FALSE(endless);
  EXPECT_EQ(endless.error().field, "text");
  auto decided = service_->logbook.AddLog(Coordinator(), incident.id,
                                          {LogKind::kDecision,
                                           "Spreekuur morgen in de huisartsenpost",
                                           "voorzitter",
                                           "coördinator",
                                           {}});
  ASSERT_TRUE(decided);
  std::int64_t decision_id = decided.value().log.back().id;
  auto corrected =
      service_->logbook.AddLog(Coordinator(), incident.id,
                               {LogKind::kDecision, "Spreekuur morgen bij de buurpraktijk",
                                "voorzitter", "coördinator", decision_id});
  ASSERT_TRUE(corrected);
  EXPECT_EQ(corrected.value().log.back().corrects_id, decision_id);
  // The corrected entry is still there, unchanged: the log is append-only.
  const auto& log = corrected.value().log;
  auto original = std::find_if(log.begin(), log.end(),
                               [&](const IncidentLogEntry& e) { return e.id == decision_id; });
  ASSERT_NE(original, log.end());
  EXPECT_EQ(original->text, "Spreekuur morgen in de huisartsenpost");
}

TEST_F(IncidentServiceTest, StageChangesNeedAReasonAndAreLogged) {
  Incident incident = StartFire();
  EXPECT_FALSE(service_->ChangeStage(Coordinator(), incident.id, incident.version, 2, ""));
  EXPECT_FALSE(service_->ChangeStage(Coordinator(), incident.id, incident.version, 5, "te hoog"));
  auto raised = service_->ChangeStage(Coordinator(), incident.id, incident.version, 2,
                                      "Tweede praktijk getroffen");
  ASSERT_TRUE(raised) << raised.error().ToString();
  EXPECT_EQ(raised.value().stage, 2);
  const auto& log = raised.value().log;
  EXPECT_TRUE(std::any_of(log.begin(), log.end(), [](const IncidentLogEntry& e) {
    return e.kind == LogKind::kStage &&
           e.text == "Opgeschaald van stadium 1 naar 2: Tweede praktijk getroffen";
  }));
  // Stage 2 alarms the whole crisis team (seed 002 §3.2): the chair among them.
  const auto& alarms = raised.value().alarms;
  EXPECT_TRUE(std::any_of(alarms.begin(), alarms.end(),
                          [](const IncidentAlarm& a) { return a.role_code == "CT-VOORZITTER"; }));
}

// Started on paper while vangnet was down: the real start time is taken up to a week back, and
// never ahead of the server's clock (a few minutes of difference between devices allowed).
TEST_F(IncidentServiceTest, ARealStartTimeIsAtMostAWeekBackAndNeverAhead) {
  auto start_at = [&](TimePoint at) {
    return service_->Start(Coordinator(), {"practice-unusable", {"01051037"}, false, at, ""});
  };
  const TimePoint now = clock_.Now();
  auto ahead = start_at(now + std::chrono::minutes(10));
  ASSERT_FALSE(ahead);
  EXPECT_EQ(ahead.error().field, "activated_at");
  auto old = start_at(now - std::chrono::days(8));
  ASSERT_FALSE(old);
  EXPECT_EQ(old.error().field, "activated_at");
  auto week = start_at(now - std::chrono::days(6));
  ASSERT_TRUE(week) << week.error().ToString();
  EXPECT_EQ(week.value().activated_at, now - std::chrono::days(6));
  EXPECT_TRUE(start_at(now + std::chrono::minutes(3)));  // a device's clock a little ahead
}

TEST_F(IncidentServiceTest, WhoMayStartSeeAndWork) {
  Caller insurer{{"verzekeraar", "insurer_liaison", "test", "x"}, UserRole::kInsurerLiaison, {}};
  EXPECT_EQ(
      service_->Start(insurer, {"practice-unusable", {"01051037"}, false, {}, ""}).error().kind,
      ErrorKind::kForbidden);
  Incident incident = StartFire();
  // A practice user sees and works their own practice's incident, not another's.
  EXPECT_TRUE(service_->Get(PracticeUser("01051037"), incident.id));
  EXPECT_EQ(service_->Get(PracticeUser("01051074"), incident.id).error().kind,
            ErrorKind::kForbidden);
  EXPECT_TRUE(service_->List(PracticeUser("01051074")).value().empty());
  // The insurer may follow incident status (no patient data in an incident) but not work it.
  EXPECT_TRUE(service_->Get(insurer, incident.id));
  EXPECT_EQ(service_->logbook.AddLog(insurer, incident.id, {LogKind::kObservation, "x", "", "", {}})
                .error()
                .kind,
            ErrorKind::kForbidden);
}

TEST_F(IncidentServiceTest, RefusesUnknownPlaybooksAndPractices) {
  EXPECT_EQ(
      service_->Start(Coordinator(), {"bestaat-niet", {"01051037"}, false, {}, ""}).error().field,
      "playbook_id");
  EXPECT_EQ(service_->Start(Coordinator(), {"practice-unusable", {"01000000"}, false, {}, ""})
                .error()
                .field,
            "practice_agbs");
  EXPECT_EQ(service_->Start(Coordinator(), {"practice-unusable", {}, false, {}, ""}).error().field,
            "practice_agbs");
}

TEST_F(IncidentServiceTest, CommunicationDraftsCarryTheIncidentsFacts) {
  Incident incident = StartFire();
  auto uow = store_->BeginRead(kTestActor);
  auto drafts = DraftCommunication(*uow.value(), *catalog_->Find("practice-unusable"), incident);
  ASSERT_EQ(drafts.size(), 2u);  // patients; pharmacy and out-of-hours post
  EXPECT_EQ(drafts[0].audience, "Patiënten");
  EXPECT_EQ(drafts[0].responsible, "Praktijkhouder van de getroffen praktijk");
  EXPECT_NE(drafts[0].text.find("Huisartsenpraktijk Kastanjeplein (Maastricht)"),
            std::string::npos);
  EXPECT_NE(drafts[0].text.find("23 november 2026"), std::string::npos);
  EXPECT_NE(drafts[0].text.find("Huisartsenpost Maastricht (demo)"), std::string::npos);
  EXPECT_FALSE(drafts[0].source.empty());
}

TEST_F(IncidentServiceTest, TheSharedPictureIsVersionedAndExportsAsStructuredText) {
  Incident incident = StartFire();
  SharedPicture picture;
  picture.situation = "Brand in de praktijk, pand ontruimd";
  picture.casualties = "Geen";
  auto first = service_->logbook.SavePicture(Coordinator(), incident.id, 0, picture);
  ASSERT_TRUE(first) << first.error().ToString();
  ASSERT_TRUE(first.value().picture);
  EXPECT_EQ(first.value().picture->version, 1);
  EXPECT_EQ(first.value().picture->confirmed_by, "coordinator");
  // Someone saving over the version they did not see gets a conflict.
  auto stale = service_->logbook.SavePicture(Coordinator(), incident.id, 0, picture);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().field, "version");
  picture.weather = "Harde wind uit het westen";
  auto second = service_->logbook.SavePicture(Coordinator(), incident.id, 1, picture);
  ASSERT_TRUE(second);
  EXPECT_EQ(second.value().picture->version, 2);
  std::string text = SharedPictureText(incident.number, *second.value().picture);
  EXPECT_NE(text.find("1 SITUATIE: Brand in de praktijk, pand ontruimd"), std::string::npos);
  EXPECT_NE(text.find("3 GEVAARLIJKE STOFFEN: (onbekend)"), std::string::npos);
  EXPECT_NE(text.find("5 METEO: Harde wind uit het westen"), std::string::npos);
  EXPECT_EQ(second.value().log.back().kind, LogKind::kPicture);
}

TEST_F(IncidentServiceTest, ATakeoverGetsItsWeeklyAndMonthlyReportsAsTasks) {
  clock_.Set(Utc("2026-11-23T09:00:00Z"));
  auto takeover = service_->Start(
      Coordinator(), {"temporary-takeover", {"01051037"}, false, Utc("2026-11-23T09:00:00Z"), ""});
  ASSERT_TRUE(takeover) << takeover.error().ToString();
  int weekly = 0, monthly = 0;
  for (const auto& task : takeover.value().tasks) {
    weekly += task.step_id.starts_with("weekly-update#");
    monthly += task.step_id.starts_with("monthly-report#");
  }
  // seed 000 §5 Fase 4 (week 2-52): a weekly update from week 2, a monthly report from week 5.
  EXPECT_EQ(weekly, 51);
  EXPECT_EQ(monthly, 12);
}

TEST_F(IncidentServiceTest, TasksCanBeAddedWithAFixedDeadlineAndReassigned) {
  Incident incident = StartFire();
  auto empty =
      service_->tasks.AddTask(Coordinator(), incident.id, "", "", "", Utc("2026-11-24T09:00:00Z"));
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().field, "text");
  EXPECT_EQ(empty.error().more.size(), 1u);  // the owner is missing too
  auto added =
      service_->tasks.AddTask(Coordinator(), incident.id, "Sleutels ophalen bij de brandweer",
                              "Continuïteitsteam", "", Utc("2026-11-24T09:00:00Z"));
  ASSERT_TRUE(added) << added.error().ToString();
  auto it = std::find_if(
      added.value().tasks.begin(), added.value().tasks.end(),
      [](const IncidentTask& t) { return t.text == "Sleutels ophalen bij de brandweer"; });
  ASSERT_NE(it, added.value().tasks.end());
  EXPECT_EQ(FormatUtc(it->deadline), "2026-11-24T09:00:00Z");
  auto assigned =
      service_->tasks.AssignTask(Coordinator(), incident.id, it->id, it->version, "HA-1004");
  ASSERT_TRUE(assigned) << assigned.error().ToString();
  EXPECT_EQ(assigned.value().log.back().text,
            "Taak toegewezen aan Ulrike Zogenaamdsma (HA-1004): Sleutels ophalen bij de brandweer");
  EXPECT_EQ(
      service_->tasks.AssignTask(Coordinator(), incident.id, it->id, it->version + 1, "HA-9999")
          .error()
          .field,
      "person_code");
}

TEST_F(IncidentServiceTest, ScaleDownThenCloseAndAClosedIncidentNoLongerChanges) {
  Incident incident = StartFire();
  EXPECT_EQ(service_
                ->ChangeStatus(Coordinator(), incident.id, incident.version,
                               IncidentStatus::kScaledDown, "")
                .error()
                .field,
            "reason");
  auto down = service_->ChangeStatus(Coordinator(), incident.id, incident.version,
                                     IncidentStatus::kScaledDown, "Tijdelijke locatie draait");
  ASSERT_TRUE(down) << down.error().ToString();
  EXPECT_EQ(down.value().log.back().text, "Afgeschaald: Tijdelijke locatie draait");
  // A second coordinator who still saw the incident before it was scaled down is refused.
  auto stale = service_->ChangeStatus(Coordinator(), incident.id, incident.version,
                                      IncidentStatus::kClosed, "Evaluatie gedaan");
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().field, "version");
  auto closed = service_->ChangeStatus(Coordinator(), incident.id, down.value().version,
                                       IncidentStatus::kClosed, "Evaluatie gedaan");
  ASSERT_TRUE(closed);
  EXPECT_TRUE(closed.value().closed_at.has_value());
  auto after = service_->logbook.AddLog(Coordinator(), incident.id,
                                        {LogKind::kObservation, "Nog iets", "", "", {}});
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().field, "status");
}

TEST_F(IncidentServiceTest, TheReportShowsTasksOverdueAndTheLogbookInLocalTime) {
  Incident incident = StartFire();
  std::string report = IncidentReportMarkdown(incident, Utc("2026-11-23T03:00:00Z"));
  EXPECT_NE(report.find("# Incident 2026-001"), std::string::npos);
  EXPECT_NE(report.find("23-11-2026 03:15"), std::string::npos);  // 02:15 UTC in winter time
  EXPECT_NE(report.find("**te laat**"), std::string::npos);       // 15-minute task at 03:00
  EXPECT_NE(report.find("Incident gestart met draaiboek"), std::string::npos);
}

// The power was out: tasks were ticked off and decisions written on the paper checklist and
// log sheet. Back online, the coordinator types them in with their real times, in one go.
TEST_F(IncidentServiceTest, APaperRecordIsEnteredAfterwardsWithRealTimesOrRefusedWhole) {
  using namespace std::chrono;
  const TimePoint start = clock_.Now() - hours(5);
  auto started =
      service_->Start(Coordinator(), {"practice-unusable", {"01051037"}, false, start, ""});
  ASSERT_TRUE(started) << started.error().ToString();
  const Incident incident = started.value();
  const IncidentTask first = incident.tasks[0], second = incident.tasks[1];
  const std::size_t log_before = incident.log.size();

  // Bad rows: a time before the start, one in the future, a decision without who decided, a
  // task of another incident, an empty text. Nothing is stored.
  PaperRecord bad;
  bad.tasks = {{first.id, first.version, start - minutes(10), "Anna", ""},
               {999999, 1, start + minutes(20), "Bob", ""}};
  bad.entries = {{LogKind::kDecision, start + minutes(45), "Patiënten naar Lindenlaan", "", ""},
                 {LogKind::kObservation, start + hours(6), "", "", ""}};
  auto refused = service_->logbook.EnterAfterwards(Coordinator(), incident.id, bad);
  ASSERT_FALSE(refused);
  std::set<std::string> fields{refused.error().field};
  for (const auto& more : refused.error().more) fields.insert(more.field);
  for (const char* f : {"tasks[0].done_at", "tasks[1].id", "entries[0].decided_by", "entries[1].at",
                        "entries[1].text"}) {
    EXPECT_TRUE(fields.contains(f)) << f << " in " << refused.error().ToString();
  }
  auto unchanged = service_->Get(Coordinator(), incident.id).value();
  EXPECT_EQ(unchanged.log.size(), log_before);
  EXPECT_EQ(unchanged.tasks[0].status, TaskStatus::kOpen);

  PaperRecord paper;
  paper.source = "logblad BOB, map crisisteam";
  paper.tasks = {{first.id, first.version, start + minutes(12), "Anna de Wit", "112 gebeld"},
                 {second.id, second.version, start + minutes(40), "Bob", ""}};
  paper.entries = {{LogKind::kDecision, start + minutes(45), "Telefoon naar de Lindenlaan",
                    "Voorzitter", "Praktijkmanager"},
                   {LogKind::kObservation, start + minutes(50), "Stroom nog steeds uit", "", ""}};
  auto entered = service_->logbook.EnterAfterwards(Coordinator(), incident.id, paper);
  ASSERT_TRUE(entered) << entered.error().ToString();
  const Incident& after = entered.value();
  auto task = [&](std::int64_t id) {
    return *std::find_if(after.tasks.begin(), after.tasks.end(),
                         [&](const IncidentTask& t) { return t.id == id; });
  };
  EXPECT_EQ(task(first.id).status, TaskStatus::kDone);
  EXPECT_EQ(task(first.id).closed_at, start + minutes(12));  // the real time, not now
  EXPECT_EQ(task(first.id).closed_by, "Anna de Wit");
  EXPECT_TRUE(task(first.id).entered_at);
  // The logbook reads in real time order; the paper rows are marked, the summary is not.
  ASSERT_EQ(after.log.size(), log_before + 5);
  for (std::size_t i = 1; i < after.log.size(); ++i)
    EXPECT_LE(after.log[i - 1].at, after.log[i].at);
  int marked = 0;
  for (const auto& e : after.log) {
    if (!e.entered_at) continue;
    ++marked;
    EXPECT_LT(e.at, *e.entered_at);
  }
  EXPECT_EQ(marked, 4);
  const auto decision = std::find_if(after.log.begin(), after.log.end(),
                                     [](const auto& e) { return e.kind == LogKind::kDecision; });
  ASSERT_NE(decision, after.log.end());
  EXPECT_EQ(decision->at, start + minutes(45));
  EXPECT_EQ(decision->decided_by, "Voorzitter");
  EXPECT_NE(after.log.back().text.find("achteraf ingevoerd: 2 taken, 2 logregels (bron: logblad"),
            std::string::npos);
  // The same task cannot be entered twice.
  PaperRecord again;
  again.tasks = {{first.id, first.version, start + minutes(12), "Anna", ""}};
  EXPECT_FALSE(service_->logbook.EnterAfterwards(Coordinator(), incident.id, again));
  // A practice user of another practice may not.
  EXPECT_FALSE(service_->logbook.EnterAfterwards(PracticeUser("01051111"), incident.id, paper));
}

}  // namespace
}  // namespace vangnet
