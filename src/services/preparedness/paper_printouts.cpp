#include "services/preparedness/paper_printouts.hpp"

#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "core/date.hpp"
#include "core/registry.hpp"
#include "core/sources.hpp"
#include "io/pdf_document.hpp"
#include "services/registry/read_scope.hpp"
#include "services/registry/registry_service.hpp"

namespace vangnet {

namespace {

std::string YesNo(bool value) {
  return value ? "ja" : "nee - regelen";
}

std::string OrMissing(const std::string& value) {
  return value.empty() ? "(niet ingevuld - aanvullen op de kaart in vangnet)" : value;
}

}  // namespace

Result<std::string> PaperPrintouts::CalamityCardPdf(const Caller& caller,
                                                    const std::string& practice_agb) {
  const TimePoint now = store_.clock().Now();
  const Error forbidden(ErrorKind::kForbidden,
                        "uw rol geeft geen toegang tot deze calamiteitenkaart");
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  // The card's page and this printout ask the same question (read_scope.hpp); asked first with
  // the practice alone, so a card that does not exist tells nothing to who may not see it.
  ReadScope scope(*uow.value(), caller);
  CalamityCard in_question;
  in_question.practice_agb = practice_agb;
  if (!scope.Sees(in_question)) return forbidden;
  Practice probe;
  probe.agb = practice_agb;
  auto practice = uow.value()->Table<Practice>().Find(probe);
  if (!practice) return Error::NotFound("", "Praktijk " + practice_agb + " bestaat niet.");
  CalamityCard card_probe;
  card_probe.practice_agb = practice_agb;
  auto card = uow.value()->Table<CalamityCard>().Find(card_probe);
  if (!card) {
    return Error::NotFound("", "Er is nog geen calamiteitenkaart voor " + practice->name + ".");
  }
  if (!scope.Shown(*card)) return forbidden;
  // The continuity partners and how to reach them.
  std::vector<std::vector<std::string>> partners;
  for (const auto& c : uow.value()->Table<ContinuityContract>().List()) {
    std::string other = c.practice_a_agb == practice_agb   ? c.practice_b_agb
                        : c.practice_b_agb == practice_agb ? c.practice_a_agb
                                                           : "";
    if (other.empty()) continue;
    Practice other_probe;
    other_probe.agb = other;
    auto partner = uow.value()->Table<Practice>().Find(other_probe);
    partners.push_back({(partner ? partner->name : other) + " (AGB " + other + ")",
                        partner ? partner->place : "", c.triage_and_phone,
                        c.last_reviewed.empty() ? "nooit" : DutchDate(c.last_reviewed)});
  }

  const std::string footer =
      "Calamiteitenkaart " + practice->name + " (AGB " + practice_agb + ") · kaartversie " +
      std::to_string(card->version) + ", laatst nagelopen " +
      (card->last_updated.empty() ? "onbekend" : DutchDate(card->last_updated)) + " · afgedrukt " +
      LocalTimeText(now) + " door " + caller.actor.user +
      " · controleer vóór gebruik of er geen nieuwere versie is";
  PdfDocument pdf("Calamiteitenkaart " + practice->name, footer);
  pdf.Title("Calamiteitenkaart · " + practice->name);
  pdf.Subtitle("AGB " + practice->agb + " · " + practice->street_address + ", " +
               practice->postcode + " " + practice->place +
               " · vertrouwelijk: bewaar deze kaart bij het crisisplan, niet openbaar");
  pdf.Paragraph(
      "Wat een waarnemer, de hagro of de RHO nodig heeft als de praktijkhouder plotseling "
      "wegvalt of de praktijk onbruikbaar is (regionaal continuïteitsplan §6). Wachtwoorden staan "
      "hier nooit op, "
      "alleen waar ze bewaard worden.");
  pdf.Heading("Wie beslist en wie betaalt");
  pdf.Field("Gemachtigden", OrMissing(card->authorised_persons));
  pdf.Field("Contactpersonen", OrMissing(card->contact_persons));
  pdf.Field("Wie mag salarissen betalen", OrMissing(card->salary_payment_authority));
  pdf.Field("Toegang tot de bankrekening", OrMissing(card->bank_access));
  pdf.Field("Declaraties en administratie", OrMissing(card->billing_continuity));
  pdf.Heading("Praktijkvoering");
  pdf.Field("Leveranciers", OrMissing(card->suppliers));
  pdf.Field("Verzekeringen", OrMissing(card->insurances));
  pdf.Field("Storingsnummers ICT en telefonie", OrMissing(card->ict_phone_contacts));
  pdf.Field("Toegang tot het HIS", OrMissing(card->his_access_route));
  pdf.Field("Waar de wachtwoorden liggen", OrMissing(card->password_location));
  pdf.Heading("Geregeld");
  pdf.Field("Tweede AGB gekoppeld in Vektis", YesNo(card->second_agb_linked_vektis));
  pdf.Field("Praktijktestament", YesNo(card->practice_will_present));
  pdf.Field("BHV-plan", YesNo(card->emergency_response_plan));
  pdf.Heading("Continuïteitspartners (regionaal continuïteitsplan §4)");
  if (partners.empty()) {
    pdf.Paragraph("Geen continuïteitscontract vastgelegd.");
  } else {
    pdf.Table({"Praktijk", "Plaats", "Telefoon en triage", "Laatst herzien"},
              {0.34, 0.16, 0.34, 0.16}, partners);
  }
  pdf.NotesToPageEnd("Aantekeningen bij gebruik", 2, 6);
  auto bytes = pdf.Finish();
  if (!bytes) return bytes.error();

  if (auto s = RecordAudit(*uow.value(), "export", "calamity_card", practice_agb, "",
                           nlohmann::json{{"format", "pdf"}, {"version", card->version}}.dump());
      !s)
    return s.error();
  if (auto s = uow.value()->Commit(); !s) return s.error();
  return bytes;
}

Result<std::string> PaperPrintouts::ContactListPdf(const Caller& caller) {
  const TimePoint now = store_.clock().Now();
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto& work = *uow.value();
  // Roles, contacts and people under the same read decision as the Contacten page and the
  // registry's lists (read_scope.hpp): a practice user sees the names and numbers of their own
  // staff only.
  ReadScope scope(work, caller);
  if (scope.TableAccess<CrisisRole>() != Access::kAll ||
      scope.TableAccess<Contact>() != Access::kAll) {
    return Error(ErrorKind::kForbidden, "uw rol geeft geen toegang tot de contactlijst");
  }
  std::map<std::string, Person> people;
  for (auto& listed : work.Table<Person>().List()) {
    if (auto p = scope.Shown(std::move(listed))) people[p->code] = std::move(*p);
  }
  std::map<std::string, std::string> groups;
  for (const auto& g : work.Table<GpGroup>().List()) groups[g.code] = g.name;
  std::map<std::string, std::string> organisations;
  for (const auto& o : work.Table<Organisation>().List()) organisations[o.code] = o.name;
  auto who = [&](const std::string& code) -> std::pair<std::string, std::string> {
    if (code.empty()) return {"ONTBREEKT", ""};
    auto p = people.find(code);
    if (p == people.end()) return {"niet zichtbaar voor uw rol", ""};
    return {p->second.name, p->second.phone};
  };
  std::vector<std::vector<std::string>> roles;
  std::int64_t version = 0;
  for (const auto& r : work.Table<CrisisRole>().List()) {
    if (!scope.Sees(r)) continue;
    version += r.version;
    auto [primary, primary_phone] = who(r.primary_person_code);
    auto [substitute, substitute_phone] = who(r.substitute_person_code);
    std::string label(EnumLabel(CRISIS_ROLE_KINDS, r.kind));
    if (!r.gp_group_code.empty()) {
      label += " " + (groups.contains(r.gp_group_code) ? groups[r.gp_group_code] : r.gp_group_code);
    }
    roles.push_back({label, primary, primary_phone, substitute, substitute_phone});
  }
  std::vector<std::vector<std::string>> contacts;
  for (const auto& c : work.Table<Contact>().List()) {
    if (!scope.Sees(c)) continue;
    version += c.version;
    std::string where = !c.organisation_code.empty() && organisations.contains(c.organisation_code)
                            ? organisations[c.organisation_code]
                            : c.practice_agb;
    contacts.push_back({c.name + (c.function.empty() ? "" : " (" + c.function + ")"), where,
                        c.phone + (c.phone_alternative.empty() ? "" : " / " + c.phone_alternative),
                        c.email});
  }
  // The sum of the records' versions changes with every edit: an old printout shows another.
  const std::string footer = "Contactlijst crisisrollen · stand " + std::to_string(version) + " (" +
                             std::to_string(roles.size()) + " rollen, " +
                             std::to_string(contacts.size()) + " contacten) · afgedrukt " +
                             LocalTimeText(now) + " door " + caller.actor.user +
                             " · controleer vóór gebruik of er geen nieuwere versie is";
  PdfDocument pdf("Contactlijst crisisrollen", footer);
  pdf.Title("Contactlijst crisisrollen");
  pdf.Subtitle(
      "Wie belt wie als vangnet niet bereikbaar is · vertrouwelijk: alleen voor het "
      "crisisteam en de hagro-crisiscoördinatoren");
  pdf.Paragraph(
      "Bel eerst de eerste persoon van een rol; neemt die niet op, dan de vervanger "
      "(integraal crisisplan §5). Een rol zonder vervanger staat als ONTBREEKT.");
  pdf.Heading("Crisisrollen");
  pdf.Table({"Rol", "Eerste", "Telefoon", "Vervanger", "Telefoon"}, {0.27, 0.2, 0.165, 0.2, 0.165},
            roles);
  pdf.Heading("Contacten");
  pdf.Table({"Naam (functie)", "Organisatie", "Telefoon", "E-mail"}, {0.34, 0.24, 0.2, 0.22},
            contacts);
  auto bytes = pdf.Finish();
  if (!bytes) return bytes.error();
  if (auto s = RecordAudit(
          work, "export", "crisis_role", "contactlijst", "",
          nlohmann::json{{"format", "pdf"}, {"roles", roles.size()}, {"contacts", contacts.size()}}
              .dump());
      !s)
    return s.error();
  if (auto s = work.Commit(); !s) return s.error();
  return bytes;
}

Result<std::string> PlaybookChecklistPdf(const Playbook& playbook, const std::string& printed_by,
                                         TimePoint now) {
  std::map<std::string, std::string> role_label;
  for (const auto& r : playbook.roles) role_label[r.id] = r.label;
  auto owner = [&](const std::string& id) { return role_label.contains(id) ? role_label[id] : id; };
  const std::string footer = "Draaiboek " + playbook.title + " (" + playbook.id + ") · versie " +
                             std::to_string(playbook.version) + " · afgedrukt " +
                             LocalTimeText(now) + " door " + printed_by +
                             " · controleer vóór gebruik of er geen nieuwere versie is";
  PdfDocument pdf("Draaiboek " + playbook.title, footer);
  pdf.Title("Draaiboek · " + playbook.title);
  pdf.Subtitle("Versie " + std::to_string(playbook.version) +
               " · bron: " + SourceText(playbook.source) +
               " · tijden gelden vanaf het moment van activeren; noteer dat hier: ______ uur");
  if (!playbook.situation.empty()) pdf.Paragraph(playbook.situation);
  if (!playbook.roles.empty()) {
    pdf.Heading("Rollen");
    std::vector<std::vector<std::string>> rows;
    for (const auto& r : playbook.roles) rows.push_back({r.label, r.tasks});
    pdf.Table({"Rol", "Taken"}, {0.3, 0.7}, rows);
  }
  for (const auto& phase : playbook.phases) {
    pdf.Heading(phase.title + " (vanaf " + FormatDuration(phase.starts) +
                (phase.ends ? " tot " + FormatDuration(*phase.ends) : std::string()) + ")");
    for (const auto& step : phase.steps) {
      pdf.Checkbox(step.text + " — " + owner(step.owner) + ", uiterlijk +" +
                   FormatDuration(step.deadline) +
                   (step.repeat ? ", daarna elke " + FormatDuration(*step.repeat) : "") +
                   " · gedaan om ____ door ____");
    }
  }
  if (!playbook.contacts.empty()) {
    pdf.Heading("Externe contacten");
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : playbook.contacts) rows.push_back({c.kind, c.purpose, ""});
    pdf.Table({"Wie", "Waarvoor", "Telefoon (invullen)"}, {0.25, 0.5, 0.25}, rows);
  }
  if (!playbook.communication.empty()) {
    pdf.Heading("Communicatie");
    std::vector<std::vector<std::string>> rows;
    for (const auto& m : playbook.communication) {
      rows.push_back({m.audience, m.content, m.channel, owner(m.responsible)});
    }
    pdf.Table({"Doelgroep", "Boodschap", "Kanaal", "Wie"}, {0.2, 0.45, 0.15, 0.2}, rows);
  }
  pdf.PageBreak();
  pdf.Title("Logblad · " + playbook.title);
  pdf.Subtitle(
      "Alles wat gebeurt en besloten wordt, met de echte tijd. Besluiten volgens BOB: "
      "beeld, oordeel, besluit. Voer het later met de echte tijden in het logboek van het "
      "incident in vangnet in.");
  pdf.Table({"Tijd", "Wat gebeurde / besluit (BOB)", "Wie", "Paraaf"}, {0.12, 0.58, 0.18, 0.12},
            std::vector<std::vector<std::string>>(22, {"\n", "", "", ""}));
  return pdf.Finish();
}

}  // namespace vangnet
