#include "services/incident/communication_drafts.hpp"

#include "core/registry.hpp"

namespace vangnet {

namespace {

// "23 november 2026": dates in letters, as a letter to patients writes them.
std::string DutchDate(TimePoint t) {
  const std::chrono::year_month_day d = AmsterdamDate(t);
  return std::to_string(static_cast<unsigned>(d.day())) + " " +
         std::string(DutchMonthName(d.month())) + " " + std::to_string(static_cast<int>(d.year()));
}

}  // namespace

std::vector<CommunicationDraft> DraftCommunication(UnitOfWork& uow, const Playbook& playbook,
                                                   const Incident& incident) {
  // The facts every draft may need, from the registry.
  std::string practices, hap;
  for (const auto& agb : incident.practice_agbs) {
    Practice probe;
    probe.agb = agb;
    auto p = uow.Table<Practice>().Find(probe);
    if (!p) continue;
    practices += (practices.empty() ? "" : "; ") + p->name + ", " + p->street_address + ", " +
                 p->postcode + " " + p->place;
    if (hap.empty() && !p->out_of_hours_post_code.empty()) {
      Organisation o;
      o.code = p->out_of_hours_post_code;
      if (auto post = uow.Table<Organisation>().Find(o)) {
        hap = post->name + (post->phone.empty() ? "" : " (" + post->phone + ")");
      }
    }
  }
  std::vector<CommunicationDraft> drafts;
  for (const auto& message : playbook.communication) {
    std::string responsible = message.responsible;
    for (const auto& role : playbook.roles) {
      if (role.id == message.responsible) responsible = role.label;
    }
    std::string content = message.content;
    if (!content.empty() && content.back() != '.' && content.back() != '?') content += '.';
    std::string text = "Aan: " + message.audience + "\n\n" + content + "\n\n" +
                       "Het gaat om: " + practices + ".\n" +
                       "Sinds: " + DutchDate(incident.activated_at) + ".\n";
    if (!hap.empty()) {
      text += "Voor spoed buiten kantooruren: " + hap + "; overdag het bekende praktijknummer.\n";
    }
    text += "\nMet vriendelijke groet,\n[naam en functie]";
    drafts.push_back({message.audience, message.channel, responsible, text, message.source});
  }
  return drafts;
}

}  // namespace vangnet
