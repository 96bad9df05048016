// Communication drafts: the playbook's communication table, each row turned into a text filled
// with the incident's facts (practice, address, phone, out-of-hours post, date), for the user to
// copy, adapt and send. vangnet does not send them itself.
#pragma once

#include <string>
#include <vector>

#include "core/incident.hpp"
#include "core/playbook.hpp"
#include "store/store.hpp"

namespace vangnet {

struct CommunicationDraft {
  std::string audience;
  std::string channel;
  std::string responsible;  // the playbook role's label
  std::string text;         // Dutch, ready to adapt
  std::string source;
};

std::vector<CommunicationDraft> DraftCommunication(UnitOfWork& uow, const Playbook& playbook,
                                                   const Incident& incident);

}  // namespace vangnet
