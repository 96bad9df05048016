#include "services/incident/incident_evaluation.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "core/escalation.hpp"
#include "core/registry.hpp"

namespace vangnet {

Result<Incident> IncidentEvaluation::SaveEvaluation(const Caller& caller, std::int64_t incident_id,
                                                    const EvaluationPoint& point) {
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = access_.Load(*uow.value(), caller, incident_id, true);
  if (!incident) return incident.error();
  const Playbook* playbook = playbooks_.Find(incident.value().playbook_id);
  if (!playbook) return Error::Validation("point", "het draaiboek van dit incident is onbekend");
  auto known = std::find_if(playbook->evaluation.begin(), playbook->evaluation.end(),
                            [&](const PlaybookText& t) { return t.text == point.point; });
  if (known == playbook->evaluation.end()) {
    return Error::Validation("point", "dit is geen evaluatiepunt van het draaiboek");
  }
  if (Trim(point.finding).empty() && Trim(point.action).empty()) {
    return Error::Validation("finding", "schrijf op wat de evaluatie opleverde");
  }
  EvaluationPoint stored = point;
  stored.source = known->source;
  if (auto s = uow.value()->Incidents().SaveEvaluation(incident_id, stored); !s) {
    return s.error();
  }
  return access_.Finish(*uow.value(), incident_id, "update",
                        nlohmann::json{{"evaluation", point.point}}.dump());
}

Result<std::vector<PlaybookLesson>> IncidentEvaluation::Lessons(const Caller& caller,
                                                                const std::string& playbook_id) {
  if (!playbooks_.Find(playbook_id)) {
    return Error::NotFound("", "Dit draaiboek bestaat niet.");
  }
  auto uow = store_.BeginRead(caller.actor);
  if (!uow) return uow.error();
  std::vector<PlaybookLesson> lessons;
  for (const auto& listed : uow.value()->Incidents().List()) {  // newest first
    if (listed.playbook_id != playbook_id || !IncidentAccess::MayRead(caller, listed)) continue;
    auto incident = uow.value()->Incidents().Find(listed.id);
    if (!incident) continue;
    for (const auto& point : incident->evaluation) {
      if (Trim(point.action).empty()) continue;
      lessons.push_back({incident->id, incident->number, incident->exercise,
                         incident->playbook_version, incident->activated_at, point.point,
                         point.finding, point.action});
    }
  }
  return lessons;
}

}  // namespace vangnet
