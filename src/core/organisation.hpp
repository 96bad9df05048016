// An organisation in the contact directory: insurer, out-of-hours post, pharmacy, GHOR, ...
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "core/entity.hpp"

namespace vangnet {

enum class OrganisationKind {
  kInsurer,
  kOutOfHoursPost,
  kPharmacy,
  kMunicipality,
  kGhor,
  kGgd,
  kIgj,
  kNza,
  kHisSupplier,
  kHospital,
  kCareHome,
  kRho,
  kAssociation,
  kOther,
};

inline constexpr std::array<EnumName<OrganisationKind>, 14> ORGANISATION_KINDS{{
    {OrganisationKind::kInsurer, "insurer", "Zorgverzekeraar"},
    {OrganisationKind::kOutOfHoursPost, "out_of_hours_post", "Huisartsenpost"},
    {OrganisationKind::kPharmacy, "pharmacy", "Apotheek"},
    {OrganisationKind::kMunicipality, "municipality", "Gemeente"},
    {OrganisationKind::kGhor, "ghor", "GHOR"},
    {OrganisationKind::kGgd, "ggd", "GGD"},
    {OrganisationKind::kIgj, "igj", "IGJ"},
    {OrganisationKind::kNza, "nza", "NZa"},
    {OrganisationKind::kHisSupplier, "his_supplier", "HIS-leverancier"},
    {OrganisationKind::kHospital, "hospital", "Ziekenhuis"},
    {OrganisationKind::kCareHome, "care_home", "Verpleeg- of verzorgingshuis"},
    {OrganisationKind::kRho, "rho", "Regionale huisartsenorganisatie"},
    {OrganisationKind::kAssociation, "association", "Huisartsenvereniging (RHZ/LHV)"},
    {OrganisationKind::kOther, "other", "Overig"},
}};

struct Organisation {
  std::int64_t id = 0;
  std::int64_t version = 0;
  std::string code;
  std::string name;
  OrganisationKind kind = OrganisationKind::kOther;
  std::string phone;  // main number; emergency lines go on contacts
  std::string email;
  std::string address;
  std::string notes;
  std::string kvk;  // KvK number, when known
  std::string ura;  // UZI-register number (national directory), when known
};

template <>
struct EntityTraits<Organisation> {
  static constexpr std::string_view kTable = "organisation";
  static constexpr std::string_view kFileName = "organisations.csv";
  static constexpr std::string_view kLabelNl = "organisatie";
  static constexpr std::string_view kPluralNl = "organisaties";
  static constexpr std::array<std::string_view, 1> kKeyFields{"code"};
  static const std::vector<FieldSpec<Organisation>>& Fields();
  static Errors Validate(const Organisation& organisation);
};

}  // namespace vangnet
