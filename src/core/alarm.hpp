// Alarming (seed 002 §3): an incident alarms the crisis roles it needs; everyone alarmed must
// acknowledge, and whoever does not within the set time is passed over - to the role's
// substitute, then to the region's reporting point (the agreed reachable number) - so someone
// always picks up.
//
// Pure rules: who is next in the chain, and when an alarm is due to be passed on.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/crisis_role.hpp"
#include "core/enum_names.hpp"
#include "core/time.hpp"

namespace vangnet {

enum class AlarmLevel { kPrimary, kSubstitute, kReportingPoint, kHandover };
enum class AlarmStatus { kAlarmed, kAcknowledged, kPassedOn, kHandedOver };

inline constexpr std::array<EnumName<AlarmLevel>, 4> ALARM_LEVELS{{
    {AlarmLevel::kPrimary, "primary", "Eerste persoon"},
    {AlarmLevel::kSubstitute, "substitute", "Vervanger"},
    {AlarmLevel::kReportingPoint, "reporting_point", "Meldpunt regio"},
    {AlarmLevel::kHandover, "handover", "Overgedragen"},
}};
inline constexpr std::array<EnumName<AlarmStatus>, 4> ALARM_STATUSES{{
    {AlarmStatus::kAlarmed, "alarmed", "Gealarmeerd, nog niet bevestigd"},
    {AlarmStatus::kAcknowledged, "acknowledged", "Bevestigd"},
    {AlarmStatus::kPassedOn, "passed_on", "Niet bevestigd, doorgezet"},
    {AlarmStatus::kHandedOver, "handed_over", "Rol overgedragen"},
}};

struct IncidentAlarm {
  std::int64_t id = 0;
  std::int64_t version = 0;
  std::string role_code;   // the crisis role
  std::string role_label;  // Dutch, as alarmed
  std::string person_code;
  std::string person_name;  // filled when read, for the board
  AlarmLevel level = AlarmLevel::kPrimary;
  AlarmStatus status = AlarmStatus::kAlarmed;
  TimePoint alarmed_at{};
  std::optional<TimePoint> acknowledged_at;
  std::string acknowledged_by;
  std::optional<TimePoint> passed_at;
  std::string ack_token_hash;  // never leaves the server
};

// One link of the chain: a person and the level they are alarmed at.
struct AlarmLink {
  std::string person_code;
  AlarmLevel level = AlarmLevel::kPrimary;
};

// The chain for a crisis role, in order: its primary, its substitute, then the reporting point's
// primary and substitute. People who are unavailable (`available` says no) or appear twice are
// left out; so are empty slots. May be empty when the registry names nobody at all.
std::vector<AlarmLink> AlarmChain(const CrisisRole& role, const CrisisRole* reporting_point,
                                  const std::function<bool(const std::string&)>& available);

// The link after `person_code` in the chain; nullopt at its end (the alarm then stays open
// and keeps standing out on the board).
std::optional<AlarmLink> NextInChain(const std::vector<AlarmLink>& chain,
                                     const std::string& person_code);

// Whether an alarm has waited longer than `timeout` for an acknowledgement.
inline bool DueForPassingOn(const IncidentAlarm& alarm, TimePoint now,
                            std::chrono::seconds timeout) {
  return alarm.status == AlarmStatus::kAlarmed && now - alarm.alarmed_at >= timeout;
}

}  // namespace vangnet
