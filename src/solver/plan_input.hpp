// What the redistribution planner is given: the households of the closed practice(s), the
// practices that can receive them, and the rules. Plain values, no database: the CLI, the API and
// the stress test all fill these in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/enum_names.hpp"

namespace vangnet::solver {

// seed 000 §6 Scenario 1 ("overige protocollen"): the vulnerable-patient list names frail elderly,
// patients who depend on oxygen, an insulin pump or another device, and palliative patients.
enum class Vulnerability { kNone, kFrailElderly, kDeviceDependent, kPalliative };
inline constexpr std::array<EnumName<Vulnerability>, 4> VULNERABILITIES{{
    {Vulnerability::kNone, "none", "Geen"},
    {Vulnerability::kFrailElderly, "frail_elderly", "Kwetsbare oudere"},
    {Vulnerability::kDeviceDependent, "device_dependent", "Afhankelijk van zuurstof of pomp"},
    {Vulnerability::kPalliative, "palliative", "Palliatief"},
}};

struct PatientNeed {
  std::string id;  // HIS patient number or any key; only echoed back
  Vulnerability vulnerability = Vulnerability::kNone;
  int birth_year = 0;  // 0 = unknown
};

// A household moves as one: its patients are never split over receivers.
struct Household {
  std::string id;
  std::string postcode;  // PC4; households with the same postcode and point are planned together
  double latitude = 0;   // the postcode centroid: distance inside a postcode is not seen
  double longitude = 0;
  std::vector<PatientNeed> patients;
  // Re-planning: the receiver (by id) that already accepted this household; it stays there and
  // uses that receiver's capacity. Empty = to be planned.
  std::string accepted_receiver;
  // Receivers (by id) that declined this household; it is not proposed to them again.
  std::vector<std::string> declined_receivers;

  bool IsVulnerable() const;  // any patient with a vulnerability class
};

// seed 001 §3.3: besides neighbouring practices, capacity can come from a new practice started
// from zero, the out-of-hours post opened by day, or a GP's extra hours at an existing practice.
enum class ReceiverKind { kPractice, kNewPractice, kOutOfHoursPost, kLocumHours };
inline constexpr std::array<EnumName<ReceiverKind>, 4> RECEIVER_KINDS{{
    {ReceiverKind::kPractice, "practice", "Praktijk"},
    {ReceiverKind::kNewPractice, "new_practice", "Nulpraktijk"},
    {ReceiverKind::kOutOfHoursPost, "out_of_hours_post", "Huisartsenpost overdag"},
    {ReceiverKind::kLocumHours, "locum_hours", "Extra uren waarnemer"},
}};

struct Receiver {
  std::string id;  // AGB for practices
  std::string name;
  double latitude = 0;
  double longitude = 0;
  long long capacity = 0;         // patients it can take in this plan
  bool contract_partner = false;  // has a continuity contract with a closed practice (seed 000 §4)
  ReceiverKind kind = ReceiverKind::kPractice;
};

struct PlanParameters {
  // Road distance is longer than the straight line; 1.3 is a common factor for Dutch roads.
  double detour_factor = 1.3;
  // Nobody is placed further away than this (km of estimated road distance).
  double max_distance_km = 15.0;
  // A tighter bound for vulnerable patients, who need home visits; unset = the general bound.
  std::optional<double> max_distance_vulnerable_km = 10.0;
  // A continuity-contract partner counts as this many km nearer: partners know the practice and
  // already agreed to absorb its care (seed 000 §4).
  double contract_bonus_km = 2.0;
  // Time the planner may take to prove a tight plan the best possible, or find a better one
  // (the exact step). More time helps on large tight regions; the plan says what it proved.
  double exact_seconds = 0.3;
};

struct PlanInput {
  std::vector<Household> households;
  std::vector<Receiver> receivers;
  PlanParameters parameters;
  // Sites where extra capacity could be opened (a building, the out-of-hours post); they take no
  // one in this plan but are ranked with the receivers when someone stays unplaced.
  std::vector<Receiver> candidate_sites;
};

}  // namespace vangnet::solver
