#include "services/preparedness/paper_printouts.hpp"

#include <nlohmann/json.hpp>

#include "core/registry.hpp"
#include "io/pdf_document.hpp"

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
                                                    const std::string& practice_agb,
                                                    TimePoint now) {
  Access access = ReadAccess(caller.role, "calamity_card");
  if (access == Access::kNone || (access == Access::kScoped && !caller.HasPractice(practice_agb))) {
    return Error(ErrorKind::kForbidden, "uw rol geeft geen toegang tot deze calamiteitenkaart");
  }
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
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
                        c.last_reviewed.empty() ? "nooit" : c.last_reviewed});
  }

  const std::string footer = "Calamiteitenkaart " + practice->name + " (AGB " + practice_agb +
                             ") · kaartversie " + std::to_string(card->version) +
                             ", laatst nagelopen " +
                             (card->last_updated.empty() ? "onbekend" : card->last_updated) +
                             " · afgedrukt " + LocalTimeText(now) + " door " + caller.actor.user +
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
  pdf.Heading("Aantekeningen bij gebruik");
  pdf.WritingLines(4);
  auto bytes = pdf.Finish();
  if (!bytes) return bytes.error();

  auto event = AuditEvent::Of(uow.value()->actor(), "export", "calamity_card", practice_agb, "",
                              nlohmann::json{{"format", "pdf"}, {"version", card->version}}.dump());
  if (auto s = uow.value()->Audit().Append(std::move(event)); !s) return s.error();
  if (auto s = uow.value()->Commit(); !s) return s.error();
  return bytes;
}

}  // namespace vangnet
