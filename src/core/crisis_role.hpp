// A crisis role with a primary and a substitute person (seed 002 §3, §5, §6.2).
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "core/entity.hpp"

namespace vangnet {

// seed 002 §5 (composition of the RHO crisis team) and §5.1 (hagro crisis coordinators).
enum class CrisisRoleKind {
  kChair,
  kMedicalAdviserOutOfHours,
  kMedicalAdviserOfficeHours,
  kOrganisationalAdviser,
  kLogger,
  kInformationCoordinator,
  kCommunicationAdviser,
  kCrisisCoordinator,
  kGroupCrisisCoordinator,
  kReportingPoint,
};

inline constexpr std::array<EnumName<CrisisRoleKind>, 10> CRISIS_ROLE_KINDS{{
    {CrisisRoleKind::kChair, "chair", "Voorzitter crisisteam"},
    {CrisisRoleKind::kMedicalAdviserOutOfHours, "medical_adviser_out_of_hours",
     "Medisch adviseur ANW"},
    {CrisisRoleKind::kMedicalAdviserOfficeHours, "medical_adviser_office_hours",
     "Medisch adviseur dagzorg"},
    {CrisisRoleKind::kOrganisationalAdviser, "organisational_adviser", "Organisatorisch adviseur"},
    {CrisisRoleKind::kLogger, "logger", "Logger/plotter"},
    {CrisisRoleKind::kInformationCoordinator, "information_coordinator", "Informatiecoördinator"},
    {CrisisRoleKind::kCommunicationAdviser, "communication_adviser", "Communicatieadviseur"},
    {CrisisRoleKind::kCrisisCoordinator, "crisis_coordinator", "Crisiscoördinator RHO"},
    {CrisisRoleKind::kGroupCrisisCoordinator, "group_crisis_coordinator",
     "Hagro-crisiscoördinator"},
    // The region's agreed reachable number (seed 002 §3.1: by day the HAP or RHO secretariat,
    // who ask for the director or a stand-in; in ANW hours the HAP and its regiearts): the
    // last link of the alarm chain, so a call always lands where someone picks up. Not a paid
    // on-call rota: seed 002 §5.2 has the crisis team reachable on a best-effort basis
    // ("kans-piket", no on-call pay).
    {CrisisRoleKind::kReportingPoint, "reporting_point", "Meldpunt regio (bereikbaar nummer)"},
}};

struct CrisisRole {
  std::int64_t id = 0;
  std::int64_t version = 0;
  std::string code;
  CrisisRoleKind kind = CrisisRoleKind::kChair;
  std::string gp_group_code;  // the hagro, for a hagro crisis coordinator only
  std::string primary_person_code;
  std::string substitute_person_code;
};

template <>
struct EntityTraits<CrisisRole> {
  static constexpr std::string_view kTable = "crisis_role";
  static constexpr std::string_view kFileName = "crisis_roles.csv";
  static constexpr std::string_view kLabelNl = "crisisrol";
  static constexpr std::string_view kPluralNl = "crisisrollen";
  static constexpr std::array<std::string_view, 1> kKeyFields{"code"};
  static const std::vector<FieldSpec<CrisisRole>>& Fields();
  static Errors Validate(const CrisisRole& role);
};

}  // namespace vangnet
