// Governance checks for a practice whose owner is not a GP (seed 004, the part on the practice
// owner): the Wtza/Wkkgz/Wmg requirements and the formally responsible GP involved in policy,
// each with its status and the date it was checked.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "core/entity.hpp"

namespace vangnet {

enum class GovernanceItem {
  kInternalSupervision,
  kOrganisedForGoodCare,
  kQualitySystem,
  kIncidentProcedure,
  kFinancialRules,
  kSeparatedCareFinances,
  kOrderlyAdministration,
  kLawfulClaims,
  kMedicalResponsibility,
};
enum class CheckStatus { kMet, kNotMet, kNotApplicable };

inline constexpr std::array<EnumName<GovernanceItem>, 9> GOVERNANCE_ITEMS{{
    {GovernanceItem::kInternalSupervision, "internal_supervision",
     "Onafhankelijk intern toezicht (Wtza art. 3, waar van toepassing)"},
    {GovernanceItem::kOrganisedForGoodCare, "organised_for_good_care",
     "Zorg zo georganiseerd dat die goed is (Wkkgz art. 3)"},
    {GovernanceItem::kQualitySystem, "quality_system",
     "Kwaliteit systematisch bewaakt en verbeterd (Wkkgz art. 7)"},
    {GovernanceItem::kIncidentProcedure, "incident_procedure",
     "Procedure voor signalen van incidenten (Wkkgz art. 9)"},
    {GovernanceItem::kFinancialRules, "financial_rules",
     "Schriftelijke regeling financiële bedrijfsvoering (Wmg art. 40a lid 1)"},
    {GovernanceItem::kSeparatedCareFinances, "separated_care_finances",
     "Zorg financieel gescheiden van andere activiteiten (Wmg art. 40a lid 2)"},
    {GovernanceItem::kOrderlyAdministration, "orderly_administration",
     "Ordelijke, controleerbare financiële administratie (Wmg art. 40a lid 4)"},
    {GovernanceItem::kLawfulClaims, "lawful_claims", "Rechtmatig declareren (Wmg art. 35)"},
    {GovernanceItem::kMedicalResponsibility, "medical_responsibility",
     "Huisarts formeel medisch eindverantwoordelijk en betrokken bij beleid"},
}};
inline constexpr std::array<EnumName<CheckStatus>, 3> CHECK_STATUSES{{
    {CheckStatus::kMet, "met", "Op orde"},
    {CheckStatus::kNotMet, "not_met", "Niet op orde"},
    {CheckStatus::kNotApplicable, "not_applicable", "Niet van toepassing"},
}};

struct GovernanceCheck {
  std::int64_t id = 0;
  std::int64_t version = 0;
  std::string practice_agb;
  GovernanceItem item = GovernanceItem::kInternalSupervision;
  CheckStatus status = CheckStatus::kNotMet;
  std::string checked_on;  // date of the check
  std::string note;        // what was seen (no personal data)
};

template <>
struct EntityTraits<GovernanceCheck> {
  static constexpr std::string_view kTable = "governance_check";
  static constexpr std::string_view kFileName = "governance_checks.csv";
  static constexpr std::string_view kLabelNl = "bestuurstoets";
  static constexpr std::string_view kPluralNl = "bestuurstoetsen";
  static constexpr std::array<std::string_view, 2> kKeyFields{"practice_agb", "item"};
  static const std::vector<FieldSpec<GovernanceCheck>>& Fields();
  static Errors Validate(const GovernanceCheck& check);
};

}  // namespace vangnet
