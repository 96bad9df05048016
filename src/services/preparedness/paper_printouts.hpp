// Paper fallbacks: printouts for the day the power or the network is gone (seed 000 §6,
// Scenarios 6 and 7). Each carries what it shows, its version and when and by whom it was
// printed, so an old copy is recognisable. Printing personal data (names and phone numbers on a
// calamity card) is a read of that data and audited like one.
#pragma once

#include <string>

#include "core/incident.hpp"
#include "core/playbook.hpp"
#include "core/redistribution.hpp"
#include "services/registry/access_policy.hpp"
#include "store/store.hpp"

namespace vangnet {

// A playbook as a printable checklist: situation, roles, each phase with its steps as boxes to
// tick (owner and deadline after activation), contacts and communication, then a blank log sheet
// (time, what happened or was decided - BOB, who, initials). No personal data; anyone logged in.
Result<std::string> PlaybookChecklistPdf(const Playbook& playbook, const std::string& printed_by,
                                         TimePoint now);

class PaperPrintouts {
 public:
  explicit PaperPrintouts(Store& store) : store_(store) {}

  // The calamity card of a practice as a PDF: who may decide and pay, access to bank, HIS and
  // passwords (where they are kept, never the passwords), suppliers, insurances, what is
  // arranged, and the continuity partners with their phone numbers. Whoever may read the card
  // may print it (the RHO, the practice itself).
  Result<std::string> CalamityCardPdf(const Caller& caller, const std::string& practice_agb,
                                      TimePoint now);
  // The crisis roles with primary and substitute and their phone numbers (seed 002 §5), then
  // the contact directory: who to call when the system cannot be reached. For who may read
  // crisis roles and contacts (not the insurer); audited.
  Result<std::string> ContactListPdf(const Caller& caller, TimePoint now);

  // The incident report: status, practices, the shared picture, every task with its status
  // (closed when and by whom, entered afterwards), the logbook in real time order, alarms and
  // the evaluation. `incident` comes from IncidentService::Get, which checked the access.
  Result<std::string> IncidentReportPdf(const Caller& caller, const Incident& incident,
                                        TimePoint now);
  // The vulnerable patients of an affected practice, most dependent first, with where they are
  // placed and a column to note the call or visit. `patients` come from
  // RedistributionService::VulnerablePatients, which checked the access and audited the read.
  Result<std::string> VulnerablePatientsPdf(const Caller& caller, const Incident& incident,
                                            const std::string& practice_agb,
                                            const std::vector<RedistributionPatient>& patients,
                                            TimePoint now);
  // Blank forms for working without the HIS (seed 000 §6 Scenarios 6 and 7), `copies` pages,
  // headed with the practice (optional) and its out-of-hours post: a triage form per call with
  // the urgencies U0-U5, and the telephone prescription list with the region's pharmacies.
  Result<std::string> TriageFormsPdf(const Caller& caller, const std::string& practice_agb,
                                     int copies, TimePoint now);
  Result<std::string> PrescriptionFormsPdf(const Caller& caller, const std::string& practice_agb,
                                           int copies, TimePoint now);

 private:
  Store& store_;
};

}  // namespace vangnet
