// The continuity monitor: signals that a practice is fragile before it falls, computed by pure
// functions from a practice snapshot, and the succession radar. The rules' labels, thresholds,
// severities and sources are data (norms/signals.yaml); the logic for each id lives here.
#pragma once

#include <array>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/affiliation.hpp"
#include "core/calamity_card.hpp"
#include "core/continuity_contract.hpp"
#include "core/enum_names.hpp"
#include "core/error.hpp"
#include "core/governance_check.hpp"
#include "core/practice.hpp"
#include "core/programme.hpp"

namespace vangnet {

enum class Severity { kHigh, kMedium, kLow };
inline constexpr std::array<EnumName<Severity>, 3> SEVERITIES{{
    {Severity::kHigh, "high", "Hoog"},
    {Severity::kMedium, "medium", "Middel"},
    {Severity::kLow, "low", "Laag"},
}};
int SeverityWeight(Severity severity);  // 3, 2, 1: for the ranking

struct SignalRule {
  std::string id;
  std::string label;        // Dutch
  std::string explanation;  // Dutch, for the signal card
  std::optional<double> threshold;
  Severity severity = Severity::kMedium;
  std::string source;
  int line = 0;
};

struct MonitorSettings {
  double norm_patients_per_fte = 2095;  // the norm practice (seed 004 §4.2.1)
  std::string norm_source;
  int default_stop_age = 67;  // when a holder's expected stop year is unknown
  int conversation_age = 60;  // seed 003: talk to every holder from this age
};

struct SignalNorms {
  std::string file;
  int version = 0;
  MonitorSettings settings;
  std::vector<SignalRule> rules;

  const SignalRule* Find(std::string_view id) const;
};

// The ids core knows how to compute; every rule must be one, and every one must have a rule.
const std::vector<std::string>& KnownSignalIds();
Errors ValidateNorms(const SignalNorms& norms);

// What the monitor needs to know about one practice, read in one consistent snapshot.
struct StaffMember {
  Affiliation affiliation;
  std::optional<int> birth_year;
};
struct ContractPartner {
  std::string agb;
  std::string district_code;
  bool patient_stop = false;
  bool active = true;
  std::optional<double> patients_per_fte;
};
struct ContractView {
  ContinuityContract contract;
  ContractPartner partner;
};
struct PracticeSnapshot {
  Practice practice;
  std::vector<StaffMember> staff;
  std::vector<ContractView> contracts;
  std::optional<CalamityCard> card;
  std::vector<GovernanceCheck> governance;             // seed 004, for owners who are not GPs
  std::optional<SuccessionTrajectory> trajectory;      // seed 003, when the RHO runs one
  std::optional<PracticeCollaboration> collaboration;  // seed 000 §2, what is arranged
};

// Who covers the practice when its GP is away, in words ("HIDHA, vaste waarnemer"): an employed
// GP, a regular locum or a mutual backup with another practice; empty when nobody does. A solo
// practice without cover is the monitor's solo_without_backup signal.
std::string CoverWhenAway(const PracticeSnapshot& snapshot);

// A successor signed in the practice's succession trajectory counts as a known successor.
bool SuccessorSigned(const PracticeSnapshot& snapshot);

// Sum of the FTE of the practice's GPs (holders, employed GPs, locums); 1 FTE = 40 h.
double GpFte(const PracticeSnapshot& snapshot);
// Patients per FTE GP; nullopt when no GP FTE is known.
std::optional<double> PatientsPerFte(const Practice& practice, double gp_fte);
// Places available at the norm: GP FTE x norm - registered patients, never below zero.
long long Headroom(const PracticeSnapshot& snapshot, const MonitorSettings& settings);

struct SignalHit {
  std::string id;
  std::string label;
  Severity severity = Severity::kMedium;
  std::string detail;  // the numbers behind it, in Dutch, without names or birth years
  std::string source;
};

// The signals that fire for a practice today, in the order of the norms file.
std::vector<SignalHit> EvaluateSignals(const PracticeSnapshot& snapshot, const SignalNorms& norms,
                                       std::chrono::year_month_day today);
int RiskScore(const std::vector<SignalHit>& hits);

// The succession radar (seed 003): for each year from this year to `years` ahead, how many
// holders will have stopped (their expected stop year, else the default stop age), how many
// practices then have no holder left and no known successor, and how many patients they hold.
// Holders of the practice whose stop year (given, else birth year + default stop age) is at most
// `year`.
int HoldersStoppedBy(const PracticeSnapshot& practice, const MonitorSettings& settings, int year);
// By `year` every holder has stopped and no successor is known: the practice counts as closed
// (the radar's "practices without successor", the stress test's future closures).
bool StopsWithoutSuccessorBy(const PracticeSnapshot& practice, const MonitorSettings& settings,
                             int year);

struct SuccessionYear {
  int year = 0;
  int holders_stopped = 0;
  int practices_without_successor = 0;
  long long patients_affected = 0;
};
std::vector<SuccessionYear> SuccessionRadar(const std::vector<PracticeSnapshot>& practices,
                                            const MonitorSettings& settings, int this_year,
                                            int years = 10);

// The holders the RHO should talk with this year: everyone aged `conversation_age` or more.
struct ConversationCandidate {
  std::string person_code;
  std::string practice_agb;
  int age = 0;
  int expected_stop_year = 0;  // given, or from the default stop age
  bool stop_year_assumed = false;
  SuccessorStatus successor = SuccessorStatus::kUnknown;
  // The practice's succession trajectory, when one exists: "traject loopt" on the radar.
  std::optional<TrajectoryStage> trajectory;
};
std::vector<ConversationCandidate> ConversationsThisYear(
    const std::vector<PracticeSnapshot>& practices, const MonitorSettings& settings, int this_year);

}  // namespace vangnet
