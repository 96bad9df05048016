#include "core/redistribution.hpp"

namespace vangnet {

Status CheckStageChange(PatientStage from, PatientStage to, DossierConsent consent) {
  auto label = [](PatientStage s) { return std::string(EnumLabel(PATIENT_STAGES, s)); };
  if (to == PatientStage::kTransferred && consent != DossierConsent::kGiven) {
    return Error::Validation("stage", consent == DossierConsent::kObjected
                                          ? "De patiënt heeft bezwaar gemaakt: het dossier wordt "
                                            "niet overgedragen."
                                          : "Er is nog geen toestemming voor de overdracht van het "
                                            "dossier; die wordt nooit verondersteld.");
  }
  bool forward =
      static_cast<int>(to) == static_cast<int>(from) + 1 && from != PatientStage::kUnplaced;
  bool declined = from == PatientStage::kProposed && to == PatientStage::kUnplaced;
  if (!forward && !declined) {
    return Error::Conflict(
        "stage", "Van '" + label(from) + "' kan een patiënt niet naar '" + label(to) + "'.");
  }
  return Ok{};
}

Status CheckConsentChange(PatientStage stage) {
  if (static_cast<int>(stage) < static_cast<int>(PatientStage::kInformed)) {
    return Error::Validation("consent",
                             "Toestemming voor de dossieroverdracht wordt gevraagd "
                             "nadat de patiënt is geïnformeerd.");
  }
  if (stage == PatientStage::kTransferred) {
    return Error::Conflict("consent", "Het dossier is al overgedragen.");
  }
  return Ok{};
}

}  // namespace vangnet
