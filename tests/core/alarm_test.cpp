// The alarm chain: primary, substitute, the regional reporting point - skipping whoever is
// unavailable.
#include "core/alarm.hpp"

#include <gtest/gtest.h>

#include "core/outbox_message.hpp"

namespace vangnet {
namespace {

CrisisRole Role(const std::string& code, const std::string& primary,
                const std::string& substitute) {
  CrisisRole role;
  role.code = code;
  role.primary_person_code = primary;
  role.substitute_person_code = substitute;
  return role;
}

std::vector<std::string> People(const std::vector<AlarmLink>& chain) {
  std::vector<std::string> people;
  for (const auto& link : chain) people.push_back(link.person_code);
  return people;
}

const auto kEveryone = [](const std::string&) { return true; };

TEST(AlarmChainTest, RunsFromPrimaryToSubstituteToTheReportingPoint) {
  CrisisRole chair = Role("CT-VOORZITTER", "A", "B");
  CrisisRole point = Role("MELDPUNT", "D1", "D2");
  auto chain = AlarmChain(chair, &point, kEveryone);
  EXPECT_EQ(People(chain), (std::vector<std::string>{"A", "B", "D1", "D2"}));
  EXPECT_EQ(chain[0].level, AlarmLevel::kPrimary);
  EXPECT_EQ(chain[1].level, AlarmLevel::kSubstitute);
  EXPECT_EQ(chain[2].level, AlarmLevel::kReportingPoint);
  EXPECT_EQ(NextInChain(chain, "A")->person_code, "B");
  EXPECT_EQ(NextInChain(chain, "B")->person_code, "D1");
  EXPECT_FALSE(NextInChain(chain, "D2"));  // the end: nobody left to pass to
}

TEST(AlarmChainTest, LeavesOutTheUnavailableTheMissingAndTheDoubles) {
  CrisisRole chair = Role("CT-VOORZITTER", "A", "B");
  CrisisRole point = Role("MELDPUNT", "B", "");
  auto chain = AlarmChain(chair, &point, [](const std::string& p) { return p != "A"; });
  EXPECT_EQ(People(chain), (std::vector<std::string>{"B"}));
  EXPECT_EQ(chain[0].level, AlarmLevel::kSubstitute);
  // No reporting point in the registry: the chain ends with the substitute.
  EXPECT_EQ(People(AlarmChain(chair, nullptr, kEveryone)), (std::vector<std::string>{"A", "B"}));
  // The reporting point itself does not pass on to itself.
  EXPECT_EQ(People(AlarmChain(point, &point, kEveryone)), (std::vector<std::string>{"B"}));
}

TEST(AlarmChainTest, AnAlarmIsDueForPassingOnAtTheTimeoutNotBefore) {
  IncidentAlarm alarm;
  alarm.alarmed_at = std::chrono::sys_seconds{std::chrono::seconds{1'000'000}};
  const auto timeout = std::chrono::seconds(600);
  EXPECT_FALSE(DueForPassingOn(alarm, alarm.alarmed_at + std::chrono::seconds(599), timeout));
  EXPECT_TRUE(DueForPassingOn(alarm, alarm.alarmed_at + std::chrono::seconds(600), timeout));
  alarm.status = AlarmStatus::kAcknowledged;
  EXPECT_FALSE(DueForPassingOn(alarm, alarm.alarmed_at + std::chrono::hours(5), timeout));
}

TEST(OutboxRetryTest, WaitsLongerAfterEachFailureUpToHalfAnHour) {
  EXPECT_EQ(RetryDelay(1), std::chrono::minutes(1));
  EXPECT_EQ(RetryDelay(2), std::chrono::minutes(2));
  EXPECT_EQ(RetryDelay(4), std::chrono::minutes(8));
  EXPECT_EQ(RetryDelay(7), std::chrono::minutes(30));
  EXPECT_EQ(RetryDelay(100), std::chrono::minutes(30));
}

}  // namespace
}  // namespace vangnet
