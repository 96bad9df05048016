// Paper fallbacks: printouts for the day the power or the network is gone (seed 000 §6,
// Scenarios 6 and 7). Each carries what it shows, its version and when and by whom it was
// printed, so an old copy is recognisable. Printing personal data (names and phone numbers on a
// calamity card) is a read of that data and audited like one.
#pragma once

#include <string>

#include "core/incident.hpp"
#include "core/playbook.hpp"
#include "core/redistribution.hpp"
#include "services/incident/incident_service.hpp"
#include "services/redistribute/redistribution_service.hpp"
#include "services/registry/access_policy.hpp"
#include "store/store.hpp"

namespace vangnet {

// A playbook as a printable checklist: situation, roles, each phase with its steps as boxes to
// tick (owner and deadline after activation), contacts and communication, then a blank log sheet
// (time, what happened or was decided - BOB, who, initials). No personal data; anyone logged in.
Result<std::string> PlaybookChecklistPdf(const Playbook& playbook, const std::string& printed_by,
                                         TimePoint now);

// A printout with the name it is offered under; `personal`: it holds names or patient data, so
// no copies may stay in caches.
struct Printout {
  std::string pdf;
  std::string file_name;
  bool personal = false;
};

class PaperPrintouts {
 public:
  // The playbooks, incidents and redistribution are needed only by the flow verbs below that
  // read them (IncidentReport, VulnerablePatients, PlaybookChecklist).
  explicit PaperPrintouts(Store& store, const PlaybookCatalog* playbooks = nullptr,
                          IncidentService* incidents = nullptr,
                          RedistributionService* redistribution = nullptr)
      : store_(store),
        playbooks_(playbooks),
        incidents_(incidents),
        redistribution_(redistribution) {}

  // Flows: read what the printout shows through its own service (which checks access and
  // audits), then print it.
  Result<Printout> IncidentReport(const Caller& caller, std::int64_t incident_id);
  Result<Printout> VulnerablePatients(const Caller& caller, std::int64_t incident_id,
                                      const std::string& practice_agb);
  Result<Printout> PlaybookChecklist(const Caller& caller, const std::string& playbook_id);

  // The calamity card of a practice as a PDF: who may decide and pay, access to bank, HIS and
  // passwords (where they are kept, never the passwords), suppliers, insurances, what is
  // arranged, and the continuity partners with their phone numbers. Whoever may read the card
  // may print it (the RHO, the practice itself).
  Result<std::string> CalamityCardPdf(const Caller& caller, const std::string& practice_agb);
  // The crisis roles with primary and substitute and their phone numbers (seed 002 §5), then
  // the contact directory: who to call when the system cannot be reached. For who may read
  // crisis roles and contacts (not the insurer); audited.
  Result<std::string> ContactListPdf(const Caller& caller);

  // The incident report: status, practices, the shared picture, every task with its status
  // (closed when and by whom, entered afterwards), the logbook in real time order, alarms and
  // the evaluation. `incident` comes from IncidentService::Get, which checked the access.
  Result<std::string> IncidentReportPdf(const Caller& caller, const Incident& incident);
  // The vulnerable patients of an affected practice, most dependent first, with where they are
  // placed and a column to note the call or visit. `patients` come from
  // RedistributionService::VulnerablePatients, which checked the access and audited the read.
  Result<std::string> VulnerablePatientsPdf(const Caller& caller, const Incident& incident,
                                            const std::string& practice_agb,
                                            const std::vector<RedistributionPatient>& patients);
  // Blank forms for working without the HIS (seed 000 §6 Scenarios 6 and 7), `copies` pages,
  // headed with the practice (optional) and its out-of-hours post: a triage form per call with
  // the urgencies U0-U5, and the telephone prescription list with the region's pharmacies.
  Result<std::string> TriageFormsPdf(const Caller& caller, const std::string& practice_agb,
                                     int copies);
  Result<std::string> PrescriptionFormsPdf(const Caller& caller, const std::string& practice_agb,
                                           int copies);

 private:
  // The playbook's Dutch title; its id when it is not in the catalogue (any more).
  std::string PlaybookTitle(const std::string& playbook_id) const {
    const Playbook* playbook = playbooks_ ? playbooks_->Find(playbook_id) : nullptr;
    return playbook ? playbook->title : playbook_id;
  }

  Store& store_;
  const PlaybookCatalog* playbooks_;
  IncidentService* incidents_;
  RedistributionService* redistribution_;
};

}  // namespace vangnet
