#include "services/incident/incident_reports.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/escalation.hpp"
#include "core/registry.hpp"
#include "core/sources.hpp"

namespace vangnet {

Result<std::vector<CommunicationDraft>> IncidentReports::Drafts(const Caller& caller,
                                                                std::int64_t incident_id) {
  auto uow = store_.Begin(caller.actor);  // the read is audited in it
  if (!uow) return uow.error();
  auto incident = access_.LoadToRead(*uow.value(), caller, incident_id, "drafts");
  if (!incident) return incident.error();
  std::vector<CommunicationDraft> drafts;
  if (const Playbook* playbook = playbooks_.Find(incident.value().playbook_id)) {
    drafts = DraftCommunication(*uow.value(), *playbook, incident.value());
  }
  if (auto s = uow.value()->Commit(); !s) return s.error();
  return drafts;
}

Result<std::string> IncidentReports::Report(const Caller& caller, std::int64_t incident_id) {
  auto uow = store_.Begin(caller.actor);  // the read is audited in it
  if (!uow) return uow.error();
  auto incident = access_.LoadToRead(*uow.value(), caller, incident_id, "report");
  if (!incident) return incident.error();
  if (auto s = uow.value()->Commit(); !s) return s.error();
  const Playbook* playbook = playbooks_.Find(incident.value().playbook_id);
  return IncidentReportMarkdown(incident.value(), store_.clock().Now(),
                                playbook ? playbook->title : "");
}

std::string IncidentReportMarkdown(const Incident& i, TimePoint now,
                                   const std::string& playbook_title) {
  const auto& local = LocalTimeText;
  std::ostringstream out;
  out << "# Incident " << i.number << (i.exercise ? " (oefening)" : "") << ": " << i.title
      << "\n\n";
  out << "- Draaiboek: " << (playbook_title.empty() ? i.playbook_id : playbook_title) << " (versie "
      << i.playbook_version << ")\n";
  out << "- Status: " << EnumLabel(INCIDENT_STATUSES, i.status) << ", stadium " << i.stage << "\n";
  const StageRule& office = StageRuleFor(i.stage, true);
  const StageRule& anw = StageRuleFor(i.stage, false);
  out << "- Besluit in dit stadium: overdag " << office.decides << "; ANW " << anw.decides << " ("
      << SourceText(kStageSource)
      << (StagesFromSource(i.playbook_id) ? "" : std::string(kStagesDerivedNote)) << ")\n";
  out << "- Geactiveerd: " << local(i.activated_at) << " (Europe/Amsterdam) door " << i.created_by
      << "\n";
  out << "- Praktijken: ";
  for (std::size_t k = 0; k < i.practice_agbs.size(); ++k)
    out << (k ? ", " : "") << i.practice_agbs[k];
  out << "\n\n## Taken\n\n| deadline | taak | eigenaar | status |\n|---|---|---|---|\n";
  for (const auto& t : i.tasks) {
    std::string status(EnumLabel(TASK_STATUSES, t.status));
    if (t.IsOverdue(now)) status = "**te laat**";
    out << "| " << local(t.deadline) << (t.legal ? " (wettelijk)" : "") << " | " << t.text << " | "
        << t.owner_role << (t.owner_person_code.empty() ? "" : " (" + t.owner_person_code + ")")
        << " | " << status << (t.note.empty() ? "" : ": " + t.note) << " |\n";
  }
  if (i.picture)
    out << "\n## Gedeeld beeld\n\n```\n" << SharedPictureText(i.number, *i.picture) << "```\n";
  out << "\n## Logboek\n\n";
  for (const auto& e : i.log) {
    out << "- " << local(e.at) << " " << EnumLabel(LOG_KINDS, e.kind) << " (" << e.author
        << "): " << e.text;
    if (!e.decided_by.empty()) out << " - besloten door " << e.decided_by;
    if (!e.acted_by.empty()) out << ", uitvoering " << e.acted_by;
    if (e.corrects_id) out << " [corrigeert regel " << *e.corrects_id << "]";
    out << "\n";
  }
  return out.str();
}

}  // namespace vangnet
