// An incident written out: the Markdown report and the communication drafts of its playbook.
#pragma once

#include <string>
#include <vector>

#include "services/incident/communication_drafts.hpp"
#include "services/incident/incident_access.hpp"

namespace vangnet {

class IncidentReports {
 public:
  explicit IncidentReports(IncidentAccess& access)
      : access_(access), store_(access.store), playbooks_(access.playbooks) {}

  // The playbook's communication table as drafts with the incident's details filled in.
  Result<std::vector<CommunicationDraft>> Drafts(const Caller& caller, std::int64_t incident_id);
  // The incident as a Markdown report (IncidentReportMarkdown) at the store clock's now.
  Result<std::string> Report(const Caller& caller, std::int64_t incident_id);

 private:
  IncidentAccess& access_;
  Store& store_;
  const PlaybookCatalog& playbooks_;
};

// The incident as a Markdown report: status, practices, tasks with their state, the logbook.
// `playbook_title`: the playbook by the name people know it by (its id when empty).
std::string IncidentReportMarkdown(const Incident& incident, TimePoint now,
                                   const std::string& playbook_title = "");

}  // namespace vangnet
