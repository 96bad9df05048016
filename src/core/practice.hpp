// A GP practice (huisartsenpraktijk) in the regional registry.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "core/entity.hpp"

namespace vangnet {

enum class PracticeForm { kSolo, kDuo, kGroup, kHealthCentre, kHoed };
enum class PracticeStatus { kActive, kClosed, kTemporaryTakeover };
// seed 004 §4.1: an owner that is not a GP is a signal for a closer look.
enum class OwnerKind { kGpHolders, kOtherParty };

inline constexpr std::array<EnumName<PracticeForm>, 5> PRACTICE_FORMS{{
    {PracticeForm::kSolo, "solo", "Solopraktijk"},
    {PracticeForm::kDuo, "duo", "Duopraktijk"},
    {PracticeForm::kGroup, "group", "Groepspraktijk"},
    {PracticeForm::kHealthCentre, "health_centre", "Gezondheidscentrum"},
    {PracticeForm::kHoed, "hoed", "HOED"},
}};
inline constexpr std::array<EnumName<PracticeStatus>, 3> PRACTICE_STATUSES{{
    {PracticeStatus::kActive, "active", "Actief"},
    {PracticeStatus::kClosed, "closed", "Gesloten"},
    {PracticeStatus::kTemporaryTakeover, "temporary_takeover", "Tijdelijke overname"},
}};
inline constexpr std::array<EnumName<OwnerKind>, 2> OWNER_KINDS{{
    {OwnerKind::kGpHolders, "gp_holders", "Huisarts(en)"},
    {OwnerKind::kOtherParty, "other_party", "Andere partij"},
}};

struct Practice {
  std::int64_t id = 0;       // store's key; 0 until stored
  std::int64_t version = 0;  // bumped on every change; for concurrent edits
  std::string agb;           // AGB code of the practice (ondernemings-AGB)
  std::string kvk;
  std::string name;
  PracticeForm form = PracticeForm::kSolo;
  std::string street_address;
  std::string postcode;  // PC4
  std::string place;
  std::optional<double> latitude;  // filled from the postcode centroid when not given
  std::optional<double> longitude;
  int registered_patients = 0;
  bool patient_stop = false;
  PracticeStatus status = PracticeStatus::kActive;
  std::string gp_group_code;           // hagro
  std::string district_code;           // wijk
  std::string out_of_hours_post_code;  // organisation code of the HAP
  OwnerKind owner_kind = OwnerKind::kGpHolders;
  std::string owner_name;                         // the owning party when not GP holders
  std::string medically_responsible_person_code;  // a GP affiliated with this practice
  bool in_out_of_hours_rota = true;               // takes part in the HAP rota
  std::string ura;  // UZI-register number (national directory), when known
};

template <>
struct EntityTraits<Practice> {
  static constexpr std::string_view kTable = "practice";
  static constexpr std::string_view kFileName = "practices.csv";
  static constexpr std::string_view kLabelNl = "praktijk";
  static constexpr std::string_view kPluralNl = "praktijken";
  static constexpr std::array<std::string_view, 1> kKeyFields{"agb"};
  static const std::vector<FieldSpec<Practice>>& Fields();
  static Errors Validate(const Practice& practice);
};

}  // namespace vangnet
