// Paper fallbacks: printouts for the day the power or the network is gone (seed 000 §6,
// Scenarios 6 and 7). Each carries what it shows, its version and when and by whom it was
// printed, so an old copy is recognisable. Printing personal data (names and phone numbers on a
// calamity card) is a read of that data and audited like one.
#pragma once

#include <string>

#include "core/incident.hpp"
#include "core/playbook.hpp"
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

 private:
  Store& store_;
};

}  // namespace vangnet
