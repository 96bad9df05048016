// Patient redistribution (opvang): the minimal patient record of a closed practice's list and the
// way each patient goes to a new practice. Names and addresses stay in the HIS (seed 000 Bijlage
// 1).
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "core/enum_names.hpp"
#include "core/error.hpp"

namespace vangnet {

// proposed -> accepted (by the receiving practice) -> informed -> registered -> transferred.
// A declined proposal goes back to unplaced and the next plan skips that receiver.
enum class PatientStage { kUnplaced, kProposed, kAccepted, kInformed, kRegistered, kTransferred };
inline constexpr std::array<EnumName<PatientStage>, 6> PATIENT_STAGES{{
    {PatientStage::kUnplaced, "unplaced", "Nog geen plek"},
    {PatientStage::kProposed, "proposed", "Voorgesteld"},
    {PatientStage::kAccepted, "accepted", "Geaccepteerd"},
    {PatientStage::kInformed, "informed", "Geïnformeerd"},
    {PatientStage::kRegistered, "registered", "Ingeschreven"},
    {PatientStage::kTransferred, "transferred", "Dossier overgedragen"},
}};

// Consent for the dossier transfer is never presumed silently (seed 000 Bijlage 1; seed 001 §4.4).
enum class DossierConsent { kPending, kGiven, kObjected };
inline constexpr std::array<EnumName<DossierConsent>, 3> DOSSIER_CONSENTS{{
    {DossierConsent::kPending, "pending", "Nog niet gevraagd of beantwoord"},
    {DossierConsent::kGiven, "given", "Toestemming gegeven"},
    {DossierConsent::kObjected, "objected", "Bezwaar gemaakt"},
}};

struct RedistributionPatient {
  std::int64_t id = 0;
  std::int64_t incident_id = 0;
  std::string practice_agb;   // the closed practice
  std::string his_number;     // patient number in that practice's HIS
  std::string household_key;  // patients with the same key move together
  std::string postcode;       // PC4 (a PC6 is cut to its four digits)
  std::string house_number;   // optional, only for the letter merge in the HIS
  int birth_year = 0;
  std::string vulnerability = "none";  // solver::VULNERABILITIES code
  std::string receiver_id;             // proposed or accepted receiver (AGB or "site-N")
  PatientStage stage = PatientStage::kUnplaced;
  DossierConsent consent = DossierConsent::kPending;
  std::string declined_by;  // receivers that declined, separated by ';'
  std::string updated_at;
};

// Whether a patient at `from` may move to `to`: one step forward at a time, back to unplaced only
// by a decline (from proposed), and the dossier only with consent given.
Status CheckStageChange(PatientStage from, PatientStage to, DossierConsent consent);
// Consent is asked when the patient registers, so it can be recorded from informed onwards.
Status CheckConsentChange(PatientStage stage);

}  // namespace vangnet
