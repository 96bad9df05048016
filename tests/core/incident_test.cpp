// Deadlines from a playbook, across daylight-saving changes, and office hours versus ANW.
#include "core/incident.hpp"

#include <gtest/gtest.h>

#include "core/date.hpp"
#include "core/escalation.hpp"
#include "core/time.hpp"

namespace vangnet {
namespace {

using namespace std::chrono_literals;

TimePoint Utc(const char* text) {
  return ParseUtc(text).value();
}

Playbook TwoStepPlaybook() {
  Playbook p;
  p.roles = {{"holder", "Praktijkhouder", "", "s", 1}};
  PlaybookPhase phase;
  phase.title = "Fase 1";
  phase.steps = {{"later", "Tweede", "holder", 2h, false, std::nullopt, "s", 1},
                 {"first", "Eerste", "holder", 30min, false, std::nullopt, "s", 1}};
  p.phases = {phase};
  return p;
}

TEST(IncidentTasks, DeadlinesAreOffsetsFromActivationInOrder) {
  auto tasks = TasksFromPlaybook(TwoStepPlaybook(), Utc("2026-11-23T02:50:00Z"));
  ASSERT_EQ(tasks.size(), 2u);
  EXPECT_EQ(tasks[0].step_id, "first");
  EXPECT_EQ(FormatUtc(tasks[0].deadline), "2026-11-23T03:20:00Z");
  EXPECT_EQ(FormatUtc(tasks[1].deadline), "2026-11-23T04:50:00Z");
  EXPECT_EQ(tasks[0].owner_role, "Praktijkhouder");
  EXPECT_EQ(tasks[0].status, TaskStatus::kOpen);
}

TEST(IncidentTasks, ATwoHourDeadlineAcrossTheAutumnClockChangeIsTwoRealHours) {
  // 25 Oct 2026: at 03:00 summer time (01:00 UTC) clocks go back to 02:00. A fire reported at
  // 01:30 local summer time (23:30 UTC) must be handled by 02:30 UTC = 03:30 local winter time.
  auto tasks = TasksFromPlaybook(TwoStepPlaybook(), Utc("2026-10-24T23:30:00Z"));
  EXPECT_EQ(FormatUtc(tasks[1].deadline), "2026-10-25T01:30:00Z");
  EXPECT_EQ(AmsterdamOffset(Utc("2026-10-25T00:59:59Z")), 120min);
  EXPECT_EQ(AmsterdamOffset(Utc("2026-10-25T01:00:00Z")), 60min);
}

TEST(IncidentTasks, SpringForward) {
  // 29 Mar 2026: 02:00 local winter time becomes 03:00 summer time at 01:00 UTC.
  EXPECT_EQ(AmsterdamOffset(Utc("2026-03-29T00:59:59Z")), 60min);
  EXPECT_EQ(AmsterdamOffset(Utc("2026-03-29T01:00:00Z")), 120min);
}

TEST(IncidentTasks, OverdueOnlyWhileOpen) {
  auto task = TasksFromPlaybook(TwoStepPlaybook(), Utc("2026-11-23T02:50:00Z"))[0];
  EXPECT_FALSE(task.IsOverdue(Utc("2026-11-23T03:20:00Z")));
  EXPECT_TRUE(task.IsOverdue(Utc("2026-11-23T03:20:01Z")));
  task.status = TaskStatus::kDone;
  EXPECT_FALSE(task.IsOverdue(Utc("2026-11-23T09:00:00Z")));
}

TEST(OfficeHours, WeekdaysEightToFiveLocalTime) {
  // Monday 23 Nov 2026 (winter, UTC+1).
  EXPECT_FALSE(IsOfficeHours(Utc("2026-11-23T06:59:00Z")));  // 07:59 local
  EXPECT_TRUE(IsOfficeHours(Utc("2026-11-23T07:00:00Z")));   // 08:00 local
  EXPECT_TRUE(IsOfficeHours(Utc("2026-11-23T15:59:00Z")));   // 16:59 local
  EXPECT_FALSE(IsOfficeHours(Utc("2026-11-23T16:00:00Z")));  // 17:00 local: ANW
  // Summer (UTC+2): 08:00 local is 06:00 UTC.
  EXPECT_TRUE(IsOfficeHours(Utc("2026-07-01T06:00:00Z")));
  // Saturday, and a holiday, are ANW all day.
  EXPECT_FALSE(IsOfficeHours(Utc("2026-11-21T10:00:00Z")));
  EXPECT_FALSE(
      IsOfficeHours(Utc("2026-12-25T10:00:00Z"),
                    {std::chrono::year_month_day{std::chrono::year{2026}, std::chrono::December,
                                                 std::chrono::day{25}}}));
}

TEST(UtcText, RoundTripsAndRefusesGarbage) {
  EXPECT_EQ(FormatUtc(Utc("2026-02-28T23:59:59Z")), "2026-02-28T23:59:59Z");
  EXPECT_TRUE(ParseUtc("2026-11-23T14:05:06.123Z"));
  EXPECT_FALSE(ParseUtc("2026-11-23 14:05:06"));
  EXPECT_FALSE(ParseUtc("2026-13-23T14:05:06Z"));
}

// What a person reads is Dutch time: at 00:09 in Maastricht (23:09 UTC the day before) the
// region's "today" is already the next day, and the GHOR text says 00:09, not 23:09Z.
TEST(DutchTime, TodayAndTheGhorTextAreAmsterdamTime) {
  ManualClock clock(Utc("2026-11-30T23:09:30Z"));
  EXPECT_EQ(FormatDate(clock.Today()), "2026-12-01");
  clock.Set(Utc("2026-07-01T22:30:00Z"));  // summer time: UTC+2
  EXPECT_EQ(FormatDate(clock.Today()), "2026-07-02");
  SharedPicture picture;
  picture.version = 1;
  picture.confirmed_at = Utc("2026-11-30T23:09:30Z");
  picture.confirmed_by = "coordinator";
  const std::string text = SharedPictureText("2026-001", picture);
  EXPECT_NE(text.find("Bevestigd: 01-12-2026 00:09 door coordinator"), std::string::npos) << text;
  EXPECT_EQ(text.find("T23:09"), std::string::npos) << text;
  EXPECT_EQ(DutchDate("2026-11-30"), "30-11-2026");
  EXPECT_EQ(DutchDate("onbekend"), "onbekend");
}

TEST(StageRules, WhoDecidesDependsOnStageAndTimeOfDay) {
  // seed 002 §4.2: by day the hagro crisis coordinator decides at stage 2, in ANW the RHO team.
  EXPECT_EQ(StageRuleFor(2, true).decides, "Hagro-crisiscoördinator");
  EXPECT_EQ(StageRuleFor(2, false).decides, "Crisisteam RHO");
  EXPECT_EQ(StageRuleFor(1, true).decides, "Huisarts");
  EXPECT_NE(StageRuleFor(4, false).decides.find("GHOR"), std::string_view::npos);
  EXPECT_EQ(StageRuleFor(9, true).stage, 4);  // clamped
  for (int stage = 1; stage <= 4; ++stage) {
    EXPECT_EQ(StageRuleFor(stage, true).stage, stage);
    EXPECT_EQ(StageRuleFor(stage, false).stage, stage);
  }
}

}  // namespace
}  // namespace vangnet
