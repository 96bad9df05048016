// The preparedness calendar on the demo region: items from the rules and the registry's own
// dates, recording a completion moves an item from overdue to later, bad input is refused whole
// with the field, a practice sees only its own items, and the iCalendar file holds the items.
#include "services/preparedness/preparedness_service.hpp"

#include <gtest/gtest.h>

#include <set>

#include "io/preparedness_yaml.hpp"
#include "services/incident/incident_service.hpp"
#include "test_support/registry_fixture.hpp"

namespace vangnet {
namespace {

class PreparednessServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenTestStore(dir_.Path("paraat.db"), clock_);
    ASSERT_TRUE(SaveRegistryRecords(*store_, kTestActor, BuildDemoRegion({})));
    auto rules = LoadPreparednessRules();
    ASSERT_TRUE(rules) << rules.error().ToString();
    service_ = std::make_unique<PreparednessService>(*store_, rules.value());
  }
  static Caller As(UserRole role, std::vector<std::string> practices = {}) {
    return Caller{{"paraat", "tester", "test", "kalender"}, role, std::move(practices)};
  }
  static const PreparednessItem* Find(const PreparednessOverview& o, const std::string& rule,
                                      const std::string& agb) {
    for (const auto& i : o.items) {
      if (i.rule->id == rule && i.practice_agb == agb) return &i;
    }
    return nullptr;
  }
  static constexpr std::chrono::year_month_day kToday{std::chrono::year{2026},
                                                      std::chrono::November, std::chrono::day{23}};
  // Queues the reminders as the scheduler would at `now`.
  Result<int> RemindAt(TimePoint now, const ReminderSettings& settings) {
    clock_.Set(now);
    return service_->QueueMonthlyReminders(settings);
  }
  ManualClock clock_{std::chrono::sys_days{kToday} + std::chrono::hours(12)};
  TempDir dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<PreparednessService> service_;
};

TEST_F(PreparednessServiceTest, TheShippedRulesCarryTheirSources) {
  const auto& rules = service_->rules().rules;
  ASSERT_GE(rules.size(), 8u);
  for (const auto& r : rules) EXPECT_FALSE(r.source.empty()) << r.id;
  EXPECT_EQ(service_->rules().Find("backup_test")->every_months, 1);
  EXPECT_EQ(service_->rules().Find("power_outage_exercise")->every_months, 24);
  auto bad = ParsePreparednessYaml(
      "version: 1\nrules:\n  - id: x\n    label: X\n    explanation: y\n    scope: world\n"
      "    every_months: 0\n    owner: z\n    source: s\n",
      "paraat.yaml");
  ASSERT_FALSE(bad);
  std::string all = bad.error().ToString();
  for (const auto& more : bad.error().more) all += "\n" + more.ToString();
  EXPECT_NE(all.find("paraat.yaml, regel 6, veld rules[0].scope"), std::string::npos) << all;
  EXPECT_NE(all.find("rules[0].every_months"), std::string::npos) << all;
}

TEST_F(PreparednessServiceTest, ItemsComeFromTheRulesAndTheRegistrysOwnDates) {
  auto overview = service_->Overview(As(UserRole::kCoordinator));
  ASSERT_TRUE(overview) << overview.error().ToString();
  const auto& o = overview.value();
  EXPECT_EQ(o.overdue + o.due_this_month + o.upcoming, static_cast<int>(o.items.size()));
  // Nothing recorded yet: every backup test and the regional plan review are overdue.
  const auto* backup = Find(o, "backup_test", "01051037");
  ASSERT_NE(backup, nullptr);
  EXPECT_EQ(backup->status, ItemStatus::kOverdue);
  EXPECT_FALSE(backup->due);
  ASSERT_NE(Find(o, "crisis_plan_review", ""), nullptr);
  // The calamity card was last updated 2026-11-02 (demo): due a year later.
  const auto* card = Find(o, "calamity_card_refresh", "01051037");
  ASSERT_NE(card, nullptr);
  EXPECT_TRUE(card->kept_in_registry);
  EXPECT_EQ(card->last_done.value_or(""), "2026-11-02");
  EXPECT_EQ(card->due.value_or(""), "2027-11-02");
  EXPECT_EQ(card->status, ItemStatus::kUpcoming);
  // One review item per contract, named after the partner.
  int reviews = 0;
  for (const auto& i : o.items) {
    if (i.rule->id == "continuity_contract_review" && i.practice_agb == "01051037") {
      ++reviews;
      EXPECT_EQ(i.subject.rfind("contract met ", 0), 0u);
    }
  }
  EXPECT_EQ(reviews, 3);
  // Succession conversations only where a holder is 60 or older.
  int conversations = 0;
  for (const auto& i : o.items) conversations += i.rule->id == "succession_conversation";
  EXPECT_GT(conversations, 0);
  EXPECT_LT(conversations, 58);
  // Overdue first.
  EXPECT_EQ(o.items.front().status, ItemStatus::kOverdue);
}

TEST_F(PreparednessServiceTest, RecordingABackupTestMovesItFromOverdueToLaterAndIsAudited) {
  auto done = service_->RecordDone(
      As(UserRole::kPracticeUser, {"01051037"}),
      {"backup_test", "01051037", "2026-11-20", "Praktijkmanager", "Terugzettest gelukt"});
  ASSERT_TRUE(done) << done.error().ToString();
  auto o = service_->Overview(As(UserRole::kCoordinator)).value();
  const auto* backup = Find(o, "backup_test", "01051037");
  EXPECT_EQ(backup->status, ItemStatus::kUpcoming);
  EXPECT_EQ(backup->due.value_or(""), "2026-12-20");
  EXPECT_EQ(backup->evidence, "Terugzettest gelukt");
  AuditFilter filter;
  filter.object_type = "preparedness_completion";
  EXPECT_EQ(store_->BeginRead(kTestActor).value()->Audit().List(filter).size(), 1u);
}

TEST_F(PreparednessServiceTest, BadInputIsRefusedWholeWithTheFieldAndNothingIsStored) {
  auto bad = service_->RecordDone(As(UserRole::kCoordinator),
                                  {"crisis_plan_review", "01051037", "2027-01-01", "", ""});
  ASSERT_FALSE(bad);
  std::set<std::string> fields{bad.error().field};
  for (const auto& more : bad.error().more) fields.insert(more.field);
  EXPECT_TRUE(fields.contains("practice_agb"));  // regional: no practice
  EXPECT_TRUE(fields.contains("done_on"));       // in the future
  EXPECT_TRUE(fields.contains("done_by"));
  auto registry_kept = service_->RecordDone(
      As(UserRole::kCoordinator), {"calamity_card_refresh", "01051037", "2026-11-01", "X", ""});
  ASSERT_FALSE(registry_kept);
  EXPECT_EQ(registry_kept.error().field, "rule_id");
  auto other_practice = service_->RecordDone(As(UserRole::kPracticeUser, {"01051111"}),
                                             {"backup_test", "01051037", "2026-11-20", "X", ""});
  ASSERT_FALSE(other_practice);
  EXPECT_EQ(other_practice.error().kind, ErrorKind::kForbidden);
  EXPECT_TRUE(store_->BeginRead(kTestActor).value()->Preparedness().All().empty());
}

TEST_F(PreparednessServiceTest, APracticeSeesOnlyItsOwnItemsTheInsurerNone) {
  auto own = service_->Overview(As(UserRole::kPracticeUser, {"01051037"}));
  ASSERT_TRUE(own);
  for (const auto& i : own.value().items) EXPECT_EQ(i.practice_agb, "01051037");
  EXPECT_FALSE(own.value().items.empty());
  EXPECT_FALSE(service_->Overview(As(UserRole::kInsurerLiaison)));
}

TEST_F(PreparednessServiceTest, TheIcalFileHoldsOneEventPerItemOnItsDueDate) {
  auto o = service_->Overview(As(UserRole::kPracticeUser, {"01051037"})).value();
  std::string ical = PreparednessIcal(o, "2026-11-23T10:00:00.000Z");
  EXPECT_EQ(ical.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0), 0u);
  std::size_t events = 0;
  for (std::size_t at = 0; (at = ical.find("BEGIN:VEVENT", at)) != std::string::npos; ++at)
    ++events;
  EXPECT_EQ(events, o.items.size());
  EXPECT_NE(ical.find("DTSTART;VALUE=DATE:20271102"), std::string::npos);  // the card
  EXPECT_NE(ical.find("DTSTAMP:20261123T100000Z"), std::string::npos);
  EXPECT_NE(ical.find("SUMMARY:Calamiteitenkaart nalopen · Huisartsenpraktijk Kastanjeplein"),
            std::string::npos);
  // No line longer than 75 octets.
  std::size_t start = 0;
  while (start < ical.size()) {
    auto end = ical.find("\r\n", start);
    EXPECT_LE(end - start, 75u);
    start = end + 2;
  }
}

// Calendar apps merge or drop events that share a UID: every item of the whole region has its
// own (two contract reviews of one practice on one day used to share one).
TEST_F(PreparednessServiceTest, EveryCalendarEventOfTheRegionHasItsOwnUid) {
  auto o = service_->Overview(As(UserRole::kCoordinator)).value();
  std::string ical = PreparednessIcal(o, "2026-11-23T10:00:00.000Z");
  std::set<std::string> uids;
  std::size_t events = 0;
  for (std::size_t at = 0; (at = ical.find("\r\nUID:", at)) != std::string::npos; ++at) {
    ++events;
    uids.insert(ical.substr(at + 6, ical.find("\r\n", at + 2) - at - 6));
  }
  EXPECT_EQ(events, o.items.size());
  EXPECT_GT(events, 100u);
  EXPECT_EQ(uids.size(), events);
  // Stable: the same items give the same UIDs at the next refresh.
  EXPECT_EQ(
      PreparednessIcal(o, "2026-11-24T10:00:00.000Z").find(*uids.begin()) != std::string::npos,
      true);
}

// An exercise (OTO) from the calendar: the power-outage exercise runs as an exercise incident of
// its playbook; once it is evaluated and closed the item is done, and the evaluation's actions
// show as lessons for the playbook.
TEST_F(PreparednessServiceTest, AClosedExerciseIncidentCountsAsDoneAndLeavesLessonsForThePlaybook) {
  const auto* rule = service_->rules().Find("power_outage_exercise");
  ASSERT_NE(rule, nullptr);
  EXPECT_EQ(rule->exercise_playbook, "power-outage");
  auto catalog = PlaybookCatalog::Load();
  ASSERT_TRUE(catalog);
  IncidentService incidents(*store_, catalog.value());
  const Caller coordinator = As(UserRole::kCoordinator);
  auto exercise =
      incidents.Start(coordinator, {"power-outage", {"01051037"}, true, std::nullopt, ""});
  ASSERT_TRUE(exercise) << exercise.error().ToString();
  const auto id = exercise.value().id;
  // Still running: not done yet.
  auto running = service_->Overview(coordinator).value();
  EXPECT_EQ(Find(running, "power_outage_exercise", "01051037")->status, ItemStatus::kOverdue);

  auto down = incidents.ChangeStatus(coordinator, id, exercise.value().version,
                                     IncidentStatus::kScaledDown, "oefening klaar");
  ASSERT_TRUE(down) << down.error().ToString();
  ASSERT_FALSE(down.value().evaluation.empty());
  EvaluationPoint point = down.value().evaluation.front();
  point.finding = "Het noodnummer van de netbeheerder stond nergens";
  point.action = "Netbeheerder met storingsnummer toevoegen aan de contacten van het draaiboek";
  ASSERT_TRUE(incidents.evaluation.SaveEvaluation(coordinator, id, point));
  ASSERT_TRUE(incidents.ChangeStatus(coordinator, id, down.value().version, IncidentStatus::kClosed,
                                     "geëvalueerd"));

  auto after = service_->Overview(coordinator).value();
  const auto* item = Find(after, "power_outage_exercise", "01051037");
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item->status, ItemStatus::kUpcoming);
  EXPECT_EQ(item->last_done_by, "oefening " + exercise.value().number);
  EXPECT_EQ(item->exercise_incident_id.value_or(0), id);
  // Other practices still have to exercise.
  EXPECT_EQ(Find(after, "power_outage_exercise", "01051111")->status, ItemStatus::kOverdue);

  auto lessons = incidents.evaluation.Lessons(coordinator, "power-outage");
  ASSERT_TRUE(lessons) << lessons.error().ToString();
  ASSERT_EQ(lessons.value().size(), 1u);
  EXPECT_TRUE(lessons.value()[0].exercise);
  EXPECT_EQ(lessons.value()[0].action, point.action);
  EXPECT_TRUE(incidents.evaluation.Lessons(coordinator, "practice-unusable").value().empty());
  EXPECT_FALSE(incidents.evaluation.Lessons(coordinator, "bestaat-niet"));
}

// The monthly reminder e-mails: queued once per month and person from the 1st at the hour, the
// practice's items to its holders and practice manager, the RHO's items and the region's
// standing to the crisis coordinator.
TEST_F(PreparednessServiceTest, MonthlyRemindersGoToThePracticeAndTheCoordinatorOnce) {
  using namespace std::chrono;
  ReminderSettings settings{true, "https://vangnet.rho-test.nl", 8};
  auto at = [](int month, int day, int hour_utc) {
    return TimePoint{sys_days{year{2026} / month / day} + hours(hour_utc)};
  };
  // 1 December, 07:00 Amsterdam: too early.
  EXPECT_EQ(RemindAt(at(12, 1, 6), settings).value(), 0);
  // No mail server: nothing to queue.
  EXPECT_EQ(RemindAt(at(12, 1, 9), {false, "", 8}).value(), 0);

  auto queued = RemindAt(at(12, 1, 7) + minutes(30), settings);
  ASSERT_TRUE(queued) << queued.error().ToString();
  EXPECT_GT(queued.value(), 58);  // at least one holder per practice, plus the coordinators
  // Again in the same month (a restart, the next tick): nothing new.
  EXPECT_EQ(RemindAt(at(12, 15, 12), settings).value(), 0);

  auto uow = store_->BeginRead(kTestActor).value();
  const auto mails = uow->Outbox().Due(at(12, 2, 0), 10000);
  EXPECT_EQ(static_cast<int>(mails.size()), queued.value());
  std::set<std::string> holder_mails;
  for (const auto& a : uow->Table<Affiliation>().List()) {
    if (a.practice_agb != "01051037" || a.role != AffiliationRole::kHolder) continue;
    Person probe;
    probe.code = a.person_code;
    holder_mails.insert(uow->Table<Person>().Find(probe)->email);
  }
  ASSERT_FALSE(holder_mails.empty());
  int to_holders = 0, to_coordinator = 0;
  for (const auto& m : mails) {
    EXPECT_EQ(m.channel, Channel::kEmail);
    EXPECT_FALSE(m.incident_id);
    EXPECT_EQ(m.subject.rfind("Paraatheid december 2026 · ", 0), 0u) << m.subject;
    if (m.subject.find("Huisartsenpraktijk Kastanjeplein (Maastricht)") != std::string::npos) {
      to_holders += holder_mails.contains(m.recipient);
      EXPECT_NE(m.body.find("Te laat ("), std::string::npos);
      EXPECT_NE(m.body.find("- Back-up controleren: nog nooit vastgelegd. Wie: praktijkmanager"),
                std::string::npos)
          << m.body;
      EXPECT_NE(m.body.find("https://vangnet.rho-test.nl/#/paraatheid"), std::string::npos);
      // The RHO's own items stay off the practice's mail.
      EXPECT_EQ(m.body.find("Opvolgingsgesprek"), std::string::npos);
      EXPECT_EQ(m.body.find("Crisisplan herzien"), std::string::npos);
    }
    if (m.subject.find(" · regio: ") != std::string::npos) {
      ++to_coordinator;
      EXPECT_NE(m.body.find("Voor de RHO:"), std::string::npos);
      EXPECT_NE(m.body.find("- Crisisplan herzien: nog nooit vastgelegd"), std::string::npos);
      EXPECT_NE(m.body.find("In de regio staan "), std::string::npos);
      EXPECT_NE(m.subject.find("praktijken met achterstand"), std::string::npos);
    }
  }
  EXPECT_EQ(to_holders, static_cast<int>(holder_mails.size()));
  EXPECT_GE(to_coordinator, 1);
  uow.reset();

  // A new month, a new round.
  const TimePoint january{sys_days{year{2027} / 1 / 4} + hours(9)};
  EXPECT_GT(RemindAt(january, settings).value(), 0);
}

}  // namespace
}  // namespace vangnet
