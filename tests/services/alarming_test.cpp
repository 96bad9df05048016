// Alarming: starting an incident alarms the crisis roles; whoever does not acknowledge in time
// is passed over to the substitute and then to the region's reporting point; overdue tasks remind
// their owners and the coordinator; a takeover warns before its maximum duration runs out.
#include "services/incident/alarming.hpp"

#include <gtest/gtest.h>

#include "services/incident/incident_service.hpp"
#include "services/notify/outbox_delivery.hpp"
#include "test_support/registry_fixture.hpp"

namespace vangnet {
namespace {

using std::chrono::minutes;

TimePoint NowSeconds() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

class AlarmingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenTestStore(dir_.Path("alarming.db"), clock_);
    ASSERT_TRUE(SaveRegistryRecords(*store_, kTestActor, BuildDemoRegion({})));
    auto catalog = PlaybookCatalog::Load();
    ASSERT_TRUE(catalog);
    catalog_ = std::make_unique<PlaybookCatalog>(std::move(catalog.value()));
    settings_.email = true;
    settings_.public_url = "https://vangnet.test";
    service_ = std::make_unique<IncidentService>(*store_, *catalog_, nullptr, settings_);
  }

  static Caller Coordinator() {
    return Caller{{"coordinator", "coordinator", "test", "crisis"}, UserRole::kCoordinator, {}};
  }

  Incident Start(const std::string& playbook = "practice-unusable") {
    auto incident = service_->Start(Coordinator(), {playbook, {"01051037"}, false, {}, ""});
    EXPECT_TRUE(incident) << incident.error().ToString();
    return incident.value();
  }

  Incident Reload(std::int64_t id) { return service_->Get(Coordinator(), id).value(); }

  CrisisRole Role(const std::string& code) {
    auto uow = store_->BeginRead(kTestActor).value();
    CrisisRole probe;
    probe.code = code;
    return uow->Table<CrisisRole>().Find(probe).value();
  }

  std::vector<OutboxMessage> Outbox(std::int64_t incident_id) {
    auto uow = store_->BeginRead(kTestActor).value();
    return uow->Outbox().ForIncident(incident_id);
  }

  void MakeUnavailable(const std::string& person_code) {
    auto uow = store_->Begin(kTestActor).value();
    Person probe;
    probe.code = person_code;
    auto person = uow->Table<Person>().Find(probe).value();
    person.unavailable_until = "2099-12-31";
    ASSERT_TRUE(uow->Table<Person>().Update(person));
    ASSERT_TRUE(uow->Commit());
  }

  static std::vector<IncidentAlarm> ForRole(const Incident& incident, const std::string& role) {
    std::vector<IncidentAlarm> alarms;
    for (const auto& a : incident.alarms) {
      if (a.role_code == role) alarms.push_back(a);
    }
    return alarms;
  }

  // One tick of the scheduler at `now`.
  Result<int> TickAt(TimePoint now) {
    clock_.Set(now);
    return service_->Tick();
  }
  ManualClock clock_{NowSeconds()};
  TempDir dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<PlaybookCatalog> catalog_;
  AlarmSettings settings_;
  std::unique_ptr<IncidentService> service_;
};

TEST_F(AlarmingTest, StartingAFireAlarmsTheCrisisCoordinatorsAndTheHagroCoordinator) {
  Incident incident = Start();
  // The two crisis coordinators (first point of contact, seed 002 §3.1a) and the hagro crisis
  // coordinator of the practice's hagro (§5.1); the crisis team waits for stage 2.
  EXPECT_EQ(ForRole(incident, "CC-1").size(), 1u);
  EXPECT_EQ(ForRole(incident, "CC-2").size(), 1u);
  EXPECT_TRUE(ForRole(incident, "CT-VOORZITTER").empty());
  const auto cc1 = ForRole(incident, "CC-1").front();
  EXPECT_EQ(cc1.person_code, Role("CC-1").primary_person_code);
  EXPECT_EQ(cc1.level, AlarmLevel::kPrimary);
  EXPECT_EQ(cc1.status, AlarmStatus::kAlarmed);
  EXPECT_FALSE(cc1.person_name.empty());
  bool hagro = false;
  for (const auto& a : incident.alarms) hagro = hagro || a.role_code.starts_with("HCC-");
  EXPECT_TRUE(hagro);
  // Each alarm is in the app and, with SMTP configured, an e-mail with a one-time link.
  int emails = 0;
  for (const auto& m : Outbox(incident.id)) {
    if (m.channel != Channel::kEmail) continue;
    ++emails;
    EXPECT_EQ(m.status, OutboxStatus::kPending);
    EXPECT_NE(m.subject.find("ALARM " + incident.number), std::string::npos);
    EXPECT_NE(m.body.find("https://vangnet.test/bevestig#"), std::string::npos);
  }
  EXPECT_EQ(emails, static_cast<int>(incident.alarms.size()));
}

// An e-mail server that keeps what it was given.
class KeptMail : public MessageSender {
 public:
  Status Send(const OutboxMessage& message) override {
    sent.push_back(message);
    return Ok{};
  }
  std::vector<OutboxMessage> sent;
};

// The process that queues an alarm (here one without any channel, as `vangnet incident start`
// on the command line) does not decide how it goes out: the server that delivers it does.
TEST_F(AlarmingTest, TheServerThatDeliversDecidesWhetherAnAlarmIsEmailed) {
  AlarmSettings command_line;  // no SMTP, no SMS
  IncidentService cli(*store_, *catalog_, nullptr, command_line);
  auto incident = cli.Start(Coordinator(), {"practice-unusable", {"01051037"}, false, {}, ""});
  ASSERT_TRUE(incident) << incident.error().ToString();
  int queued = 0;
  for (const auto& m : Outbox(incident.value().id)) queued += m.channel == Channel::kEmail;
  EXPECT_EQ(queued, static_cast<int>(incident.value().alarms.size()));

  KeptMail mail;
  OutboxDelivery server_with_smtp(*store_, &mail, nullptr);
  auto delivered = server_with_smtp.DeliverDue();
  ASSERT_TRUE(delivered);
  EXPECT_EQ(static_cast<int>(mail.sent.size()), queued);
  EXPECT_NE(mail.sent.front().subject.find("ALARM " + incident.value().number), std::string::npos);

  // The overview: every alarm with its channels, e-mail sent; the phone to call for the RHO.
  auto overview = service_->alarms.Overview(Coordinator(), incident.value().id);
  ASSERT_TRUE(overview) << overview.error().ToString();
  ASSERT_EQ(overview.value().rows.size(), incident.value().alarms.size());
  for (const auto& row : overview.value().rows) {
    EXPECT_EQ(row.alarm.status, AlarmStatus::kAlarmed);
    EXPECT_FALSE(row.phone.empty()) << row.alarm.role_label;
    ASSERT_GE(row.deliveries.size(), 2u);
    EXPECT_EQ(row.deliveries[0].channel, Channel::kApp);
    EXPECT_EQ(row.deliveries[1].channel, Channel::kEmail);
    EXPECT_EQ(row.deliveries[1].status, OutboxStatus::kSent);
    EXPECT_TRUE(row.deliveries[1].recipient.empty());
    EXPECT_TRUE(row.deliveries[1].body.empty());  // the one-time link stays secret
  }
  // The insurer sees how alarms went, never whom to call.
  const Caller insurer{
      {"insurer", "insurer_liaison", "test", "crisis"}, UserRole::kInsurerLiaison, {}};
  auto seen_by_insurer = service_->alarms.Overview(insurer, incident.value().id);
  ASSERT_TRUE(seen_by_insurer);
  for (const auto& row : seen_by_insurer.value().rows) EXPECT_TRUE(row.phone.empty());
}

// A server without e-mail or SMS fails those messages at once with what to configure, and the
// alarm not yet acknowledged comes first.
TEST_F(AlarmingTest, WithoutAnOutsideChannelTheOverviewSaysWhatToConfigure) {
  Incident incident = Start();
  ASSERT_TRUE(service_->alarms.Acknowledge(Coordinator(), incident.id, incident.alarms[0].id));
  OutboxDelivery no_channels(*store_, nullptr, nullptr);
  ASSERT_TRUE(no_channels.DeliverDue());
  AlarmSettings none;
  IncidentService server(*store_, *catalog_, nullptr, none);
  auto overview = server.alarms.Overview(Coordinator(), incident.id);
  ASSERT_TRUE(overview);
  EXPECT_FALSE(overview.value().email);
  EXPECT_FALSE(overview.value().sms);
  const auto& rows = overview.value().rows;
  ASSERT_GE(rows.size(), 2u);
  EXPECT_EQ(rows.front().alarm.status, AlarmStatus::kAlarmed);
  EXPECT_EQ(rows.back().alarm.status, AlarmStatus::kAcknowledged);
  for (const auto& row : rows) {
    for (const auto& d : row.deliveries) {
      if (d.channel == Channel::kApp) continue;
      EXPECT_EQ(d.status, OutboxStatus::kFailed);
      EXPECT_EQ(d.last_error, d.channel == Channel::kEmail ? kNoEmailServer : kNoSmsWebhook);
    }
  }
}

TEST_F(AlarmingTest, AnUnacknowledgedAlarmPassesToTheSubstituteThenTheReportingPoint) {
  Incident incident = Start();
  const TimePoint t0 = clock_.Now();
  const CrisisRole cc1 = Role("CC-1");
  const CrisisRole point = Role("MELDPUNT");
  // Not yet: nine minutes is within the ten.
  ASSERT_TRUE(TickAt(t0 + minutes(9)));
  EXPECT_EQ(ForRole(Reload(incident.id), "CC-1").size(), 1u);

  ASSERT_TRUE(TickAt(t0 + minutes(11)));
  auto after = ForRole(Reload(incident.id), "CC-1");
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0].status, AlarmStatus::kPassedOn);
  EXPECT_EQ(after[1].person_code, cc1.substitute_person_code);
  EXPECT_EQ(after[1].level, AlarmLevel::kSubstitute);
  // The log says who did not answer and who was alarmed instead.
  const auto log = Reload(incident.id).log;
  EXPECT_TRUE(std::any_of(log.begin(), log.end(), [](const IncidentLogEntry& e) {
    return e.text.starts_with("Geen bevestiging van") &&
           e.text.find("Vervanger") != std::string::npos;
  }));

  ASSERT_TRUE(TickAt(t0 + minutes(11) + minutes(11)));
  after = ForRole(Reload(incident.id), "CC-1");
  ASSERT_EQ(after.size(), 3u);
  EXPECT_EQ(after[2].person_code, point.primary_person_code);
  EXPECT_EQ(after[2].level, AlarmLevel::kReportingPoint);

  // The reporting point acknowledges: nothing passes on any more, however long it takes.
  ASSERT_TRUE(service_->alarms.Acknowledge(Coordinator(), incident.id, after[2].id));
  ASSERT_TRUE(TickAt(t0 + std::chrono::hours(5)));
  after = ForRole(Reload(incident.id), "CC-1");
  EXPECT_EQ(after[2].status, AlarmStatus::kAcknowledged);
  EXPECT_EQ(after[2].acknowledged_by, "coordinator");
  const bool passed_to_substitute = std::any_of(
      after.begin(), after.end(),
      [&](const IncidentAlarm& a) { return a.person_code == point.substitute_person_code; });
  EXPECT_FALSE(passed_to_substitute);
}

TEST_F(AlarmingTest, AnUnavailablePrimaryIsSkippedForTheSubstitute) {
  const CrisisRole cc1 = Role("CC-1");
  MakeUnavailable(cc1.primary_person_code);
  Incident incident = Start();
  auto alarms = ForRole(incident, "CC-1");
  ASSERT_EQ(alarms.size(), 1u);
  EXPECT_EQ(alarms[0].person_code, cc1.substitute_person_code);
  EXPECT_EQ(alarms[0].level, AlarmLevel::kSubstitute);
  // Tasks of the continuity team go to the one who holds the role now.
  for (const auto& task : incident.tasks) {
    if (task.step_id == "activate-continuity-team") {
      EXPECT_NE(task.owner_person_code, cc1.primary_person_code);
    }
  }
}

TEST_F(AlarmingTest, TheLinkInTheMessageAcknowledgesWithoutLoggingIn) {
  Incident incident = Start();
  std::string token;
  for (const auto& m : Outbox(incident.id)) {
    auto at = m.body.find("/bevestig#");
    if (m.channel == Channel::kEmail && at != std::string::npos &&
        m.recipient.find('@') != std::string::npos && token.empty()) {
      token = m.body.substr(at + 10, 48);
    }
  }
  ASSERT_EQ(token.size(), 48u);
  auto acknowledged = service_->alarms.AcknowledgeByToken(token);
  ASSERT_TRUE(acknowledged) << acknowledged.error().ToString();
  EXPECT_EQ(acknowledged.value().incident_number, incident.number);
  // Clicking twice is fine; a made-up token is not.
  EXPECT_TRUE(service_->alarms.AcknowledgeByToken(token));
  EXPECT_EQ(service_->alarms.AcknowledgeByToken(std::string(48, 'a')).error().kind,
            ErrorKind::kNotFound);
  int acknowledged_alarms = 0;
  for (const auto& a : Reload(incident.id).alarms) {
    acknowledged_alarms += a.status == AlarmStatus::kAcknowledged;
  }
  EXPECT_EQ(acknowledged_alarms, 1);
  // The messages the board lists never carry the link.
  auto listed = service_->alarms.Messages(Coordinator(), incident.id);
  ASSERT_TRUE(listed);
  EXPECT_FALSE(listed.value().empty());
  for (const auto& m : listed.value()) EXPECT_TRUE(m.body.empty());
}

TEST_F(AlarmingTest, HandingOverARoleAlarmsTheNewPersonAndMovesTheOpenTasks) {
  Incident incident = Start();
  const auto previous = ForRole(incident, "CC-1").front().person_code;
  int owned = 0;
  for (const auto& t : incident.tasks) owned += t.owner_person_code == previous;
  ASSERT_GT(owned, 0);
  const std::string successor = Role("CT-ORG").primary_person_code;
  EXPECT_EQ(service_->alarms.HandOverRole(Coordinator(), incident.id, "CC-1", successor, "")
                .error()
                .field,
            "reason");
  auto handed = service_->alarms.HandOverRole(Coordinator(), incident.id, "CC-1", successor,
                                              "Nachtdienst voorbij, aflossing om 08:00");
  ASSERT_TRUE(handed) << handed.error().ToString();
  auto alarms = ForRole(handed.value(), "CC-1");
  ASSERT_EQ(alarms.size(), 2u);
  EXPECT_EQ(alarms[0].status, AlarmStatus::kHandedOver);
  EXPECT_EQ(alarms[1].person_code, successor);
  EXPECT_EQ(alarms[1].level, AlarmLevel::kHandover);
  int moved = 0, left = 0;
  for (const auto& t : handed.value().tasks) {
    moved += t.owner_person_code == successor;
    left += t.owner_person_code == previous && t.status == TaskStatus::kOpen;
  }
  EXPECT_EQ(moved, owned);
  EXPECT_EQ(left, 0);
  EXPECT_EQ(handed.value().log.back().kind, LogKind::kDecision);
  EXPECT_NE(handed.value().log.back().text.find("Nachtdienst voorbij"), std::string::npos);
}

TEST_F(AlarmingTest, OverdueTasksRemindTheirOwnerOnceAndTheCoordinatorGetsADigest) {
  // Activated two days ago: the first hours' tasks are long overdue.
  auto started = service_->Start(
      Coordinator(),
      {"practice-unusable", {"01051037"}, false, NowSeconds() - std::chrono::days(2), ""});
  ASSERT_TRUE(started);
  const auto id = started.value().id;
  const TimePoint now = NowSeconds();
  ASSERT_TRUE(TickAt(now));
  auto count = [&](const std::string& prefix, Channel channel) {
    int n = 0;
    for (const auto& m : Outbox(id)) n += m.dedup_key.starts_with(prefix) && m.channel == channel;
    return n;
  };
  const int reminders = count("overdue:task:", Channel::kApp);
  EXPECT_GT(reminders, 0);
  EXPECT_EQ(count("digest:", Channel::kApp), 1);
  EXPECT_EQ(count("digest:", Channel::kEmail), 1);
  // A minute later nothing new: reminders are once per task, the digest once per hour.
  ASSERT_TRUE(TickAt(now + minutes(1)));
  EXPECT_EQ(count("overdue:task:", Channel::kApp), reminders);
  EXPECT_EQ(count("digest:", Channel::kApp), 1);
  ASSERT_TRUE(TickAt(now + minutes(61)));
  EXPECT_EQ(count("digest:", Channel::kApp), 2);
}

TEST_F(AlarmingTest, ATakeoverWarnsBeforeItsMaximumDurationRunsOut) {
  Incident takeover = Start("temporary-takeover");
  ASSERT_TRUE(takeover.ends_at);
  // Two years (104 weeks) after activation, from the playbook.
  EXPECT_EQ(*takeover.ends_at - takeover.activated_at, std::chrono::weeks(104));
  const TimePoint ends = *takeover.ends_at;
  auto warnings = [&] {
    int n = 0;
    for (const auto& e : Reload(takeover.id).log)
      n += e.text.find("maximale duur") != std::string::npos;
    return n;
  };
  ASSERT_TRUE(TickAt(ends - std::chrono::days(100)));
  EXPECT_EQ(warnings(), 0);
  ASSERT_TRUE(TickAt(ends - std::chrono::days(89)));
  EXPECT_EQ(warnings(), 1);
  ASSERT_TRUE(TickAt(ends - std::chrono::days(88)));
  EXPECT_EQ(warnings(), 1);  // once per warning
  ASSERT_TRUE(TickAt(ends - std::chrono::days(6)));
  EXPECT_EQ(warnings(), 2);  // the 30-day warning was missed: only the nearest fires
  ASSERT_TRUE(TickAt(ends + std::chrono::hours(1)));
  EXPECT_EQ(warnings(), 3);
}

TEST_F(AlarmingTest, ScalingDownAddsTheAfterPhaseThemesWithOwners) {
  Incident incident = Start();
  auto down =
      service_->ChangeStatus(Coordinator(), incident.id, incident.version,
                             IncidentStatus::kScaledDown, "Praktijk draait weer in noodruimte");
  ASSERT_TRUE(down) << down.error().ToString();
  int themes = 0;
  for (const auto& t : down.value().tasks) {
    if (!t.step_id.starts_with("theme-")) continue;
    ++themes;
    EXPECT_EQ(t.phase_title, "Nafase");
    EXPECT_FALSE(t.owner_person_code.empty()) << t.text;
    EXPECT_NE(t.source.find("§4.5"), std::string::npos);
  }
  EXPECT_EQ(themes, 12);  // seed 002 §4.5 names twelve themes
}

TEST_F(AlarmingTest, AnIncidentCanStartForAnAreaInsteadOfNamedPractices) {
  auto none = service_->Start(Coordinator(), {"power-outage", {}, false, {}, "9999"});
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().field, "area");
  auto uow = store_->BeginRead(kTestActor).value();
  const Practice first = uow->Table<Practice>().List().front();
  auto area = service_->Start(Coordinator(), {"power-outage", {}, false, {}, first.postcode});
  ASSERT_TRUE(area) << area.error().ToString();
  EXPECT_NE(
      std::find(area.value().practice_agbs.begin(), area.value().practice_agbs.end(), first.agb),
      area.value().practice_agbs.end());
  EXPECT_NE(area.value().title.find("gebied " + first.postcode), std::string::npos);
  auto wijk = service_->Start(Coordinator(), {"power-outage", {}, false, {}, first.district_code});
  ASSERT_TRUE(wijk);
  EXPECT_GT(wijk.value().practice_agbs.size(), 1u);
}

TEST_F(AlarmingTest, TheEvaluationRecordsThePlaybooksPoints) {
  Incident incident = Start();
  const auto& points = catalog_->Find("practice-unusable")->evaluation;
  ASSERT_FALSE(points.empty());
  EXPECT_EQ(
      service_->evaluation.SaveEvaluation(Coordinator(), incident.id, {"Iets anders", "", "x", ""})
          .error()
          .field,
      "point");
  auto saved = service_->evaluation.SaveEvaluation(
      Coordinator(), incident.id,
      {points[0].text, "", "Doorschakelen telefoon duurde te lang", "Nummer vooraf regelen"});
  ASSERT_TRUE(saved) << saved.error().ToString();
  // The form lists every point of the playbook; the first now has its finding.
  ASSERT_EQ(saved.value().evaluation.size(), points.size());
  EXPECT_EQ(saved.value().evaluation[0].source, points[0].source);
  EXPECT_EQ(saved.value().evaluation[0].action, "Nummer vooraf regelen");
  // Saving again replaces the finding.
  auto again = service_->evaluation.SaveEvaluation(Coordinator(), incident.id,
                                                   {points[0].text, "", "Ging na uitleg goed", ""});
  ASSERT_TRUE(again);
  ASSERT_EQ(again.value().evaluation.size(), points.size());
  EXPECT_EQ(again.value().evaluation[0].finding, "Ging na uitleg goed");
}

// A server that loses the background-work lease in the middle of a batch (another took over after
// a failover, or after its frozen primary thawed) stops before the next message instead of
// finishing the batch the other server sends too.
TEST_F(AlarmingTest, AServerThatLosesTheLeaseStopsSendingBeforeTheNextMessage) {
  Incident incident = Start();
  int queued = 0;
  for (const auto& m : Outbox(incident.id)) queued += m.channel == Channel::kEmail;
  ASSERT_GE(queued, 2);
  KeptMail mail;
  OutboxDelivery delivery(*store_, &mail, nullptr);
  int asked = 0;
  auto delivered = delivery.DeliverDue(50, [&] { return ++asked <= 1; });
  ASSERT_TRUE(delivered);
  EXPECT_EQ(mail.sent.size(), 1u);
  int pending = 0;
  for (const auto& m : Outbox(incident.id)) {
    pending += m.channel == Channel::kEmail && m.status == OutboxStatus::kPending;
  }
  EXPECT_EQ(pending, queued - 1);  // for the server that leads now
}

}  // namespace
}  // namespace vangnet
