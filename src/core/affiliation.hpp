// A person's role at a practice: holder, employed GP, locum or a team member (seed 004 §4.2.3).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "core/entity.hpp"

namespace vangnet {

enum class AffiliationRole {
  kHolder,                    // praktijkhouder
  kEmployedGp,                // HIDHA
  kLocum,                     // waarnemer
  kAssistant,                 // doktersassistent
  kNursePractitioner,         // POH
  kMentalHealthPractitioner,  // POH-GGZ
  kPracticeManager,
  kPhysicianAssistant,  // PA
  kNurseSpecialist,     // VS
  kGpTrainee,           // AIOS
  kJuniorDoctor,        // ANIOS
};
// Whether a successor for a holder is known (seed 003: succession monitoring).
enum class SuccessorStatus { kUnknown, kNone, kKnown };

inline constexpr std::array<EnumName<AffiliationRole>, 11> AFFILIATION_ROLES{{
    {AffiliationRole::kHolder, "holder", "Praktijkhouder"},
    {AffiliationRole::kEmployedGp, "employed_gp", "HIDHA"},
    {AffiliationRole::kLocum, "locum", "Waarnemer"},
    {AffiliationRole::kAssistant, "assistant", "Doktersassistent"},
    {AffiliationRole::kNursePractitioner, "nurse_practitioner", "POH"},
    {AffiliationRole::kMentalHealthPractitioner, "mental_health_practitioner", "POH-GGZ"},
    {AffiliationRole::kPracticeManager, "practice_manager", "Praktijkmanager"},
    {AffiliationRole::kPhysicianAssistant, "physician_assistant", "PA"},
    {AffiliationRole::kNurseSpecialist, "nurse_specialist", "VS"},
    {AffiliationRole::kGpTrainee, "gp_trainee", "AIOS"},
    {AffiliationRole::kJuniorDoctor, "junior_doctor", "ANIOS"},
}};
inline constexpr std::array<EnumName<SuccessorStatus>, 3> SUCCESSOR_STATUSES{{
    {SuccessorStatus::kUnknown, "unknown", "Onbekend"},
    {SuccessorStatus::kNone, "none", "Geen opvolger"},
    {SuccessorStatus::kKnown, "known", "Opvolger bekend"},
}};

// Holder, employed GP and locum are GPs; the others are the team around them.
bool IsGpRole(AffiliationRole role);

struct Affiliation {
  std::int64_t id = 0;
  std::int64_t version = 0;
  std::string person_code;
  std::string practice_agb;
  AffiliationRole role = AffiliationRole::kHolder;
  std::optional<double> fte;                 // 1 FTE = 40 h/week (seed 004 §4.1)
  std::optional<int> days_present_per_week;  // physically present (seed 004 §4.2.1: >= 2 for GPs)
  std::optional<int> expected_stop_year;
  SuccessorStatus successor = SuccessorStatus::kUnknown;
  std::string successor_name;  // who, when known
};

template <>
struct EntityTraits<Affiliation> {
  static constexpr std::string_view kTable = "affiliation";
  static constexpr std::string_view kFileName = "affiliations.csv";
  static constexpr std::string_view kLabelNl = "werkrelatie";
  static constexpr std::string_view kPluralNl = "werkrelaties";
  static constexpr std::array<std::string_view, 3> kKeyFields{"person_code", "practice_agb",
                                                              "role"};
  static constexpr std::string_view kSubjectField = "person_code";  // whose personal data
  static const std::vector<FieldSpec<Affiliation>>& Fields();
  static Errors Validate(const Affiliation& affiliation);
};

}  // namespace vangnet
