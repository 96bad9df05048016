// Paper for a running incident and for working without the HIS: the incident report, the
// vulnerable-patient list of an affected practice, and the blank triage and telephone
// prescription forms of seed 000 §6 Scenarios 6 and 7.
#include <map>
#include <nlohmann/json.hpp>

#include "core/registry.hpp"
#include "io/pdf_document.hpp"
#include "services/incident/alarming.hpp"
#include "services/preparedness/paper_printouts.hpp"
#include "solver/plan_input.hpp"

namespace vangnet {

namespace {

std::map<std::string, std::string> PracticeNames(UnitOfWork& work) {
  std::map<std::string, std::string> names;
  for (const auto& p : work.Table<Practice>().List()) names[p.agb] = p.name;
  return names;
}

std::string Or(const std::string& value, const std::string& fallback) {
  return value.empty() ? fallback : value;
}

// The practice a form is printed for (name, AGB, its out-of-hours post) and the region's
// pharmacies with their numbers: what a form needs at hand when the HIS is down.
// The version of the blank forms' layout, printed on every page.
constexpr const char* kFormVersion = "1";

struct FormContext {
  std::string practice_line;
  std::string out_of_hours;
  std::vector<std::vector<std::string>> pharmacies;
  std::string footer;  // the form's name and version, when and by whom it was printed
};

// What a blank form (`title`, `copies` pages) is headed with: the practice (optional), its
// out-of-hours post and the region's pharmacies, and the footer every page carries.
Result<FormContext> ReadFormContext(Store& store, const Caller& caller,
                                    const std::string& practice_agb, int copies,
                                    const std::string& title) {
  if (copies < 1 || copies > 50) {
    return Error::Validation("copies", "Kies 1 tot 50 formulieren.");
  }
  auto uow = store.BeginRead(caller.actor);
  if (!uow) return uow.error();
  auto& work = *uow.value();
  FormContext out;
  out.footer = title + " versie " + std::string(kFormVersion) + " · afgedrukt " +
               LocalTimeText(store.clock().Now()) + " door " + caller.actor.user +
               " · bewaar ingevuld veilig en voer later in het HIS in";
  std::map<std::string, Organisation> organisations;
  for (auto& o : work.Table<Organisation>().List()) organisations[o.code] = o;
  if (!practice_agb.empty()) {
    Practice probe;
    probe.agb = practice_agb;
    auto practice = work.Table<Practice>().Find(probe);
    if (!practice) {
      return Error::Validation("agb", "Praktijk " + practice_agb + " bestaat niet.");
    }
    out.practice_line = practice->name + " · AGB " + practice->agb + " · " +
                        practice->street_address + ", " + practice->place;
    auto hap = organisations.find(practice->out_of_hours_post_code);
    if (hap != organisations.end()) {
      out.out_of_hours =
          hap->second.name + (hap->second.phone.empty() ? "" : ", " + hap->second.phone);
    }
  }
  for (const auto& [code, o] : organisations) {
    if (o.kind == OrganisationKind::kPharmacy) {
      out.pharmacies.push_back({o.name, o.address, Or(o.phone, "(invullen)")});
    }
  }
  return out;
}

}  // namespace

Result<std::string> PaperPrintouts::IncidentReportPdf(const Caller& caller,
                                                      const Incident& incident) {
  const TimePoint now = store_.clock().Now();
  auto uow = store_.BeginRead(caller.actor);
  if (!uow) return uow.error();
  const auto names = PracticeNames(*uow.value());
  std::string practices;
  for (const auto& agb : incident.practice_agbs) {
    auto found = names.find(agb);
    practices += (practices.empty() ? "" : ", ") +
                 (found == names.end() ? agb : found->second + " (" + agb + ")");
  }
  int done = 0, not_applicable = 0, open = 0, overdue = 0, afterwards = 0;
  std::vector<std::vector<std::string>> tasks;
  for (const auto& t : incident.tasks) {
    done += t.status == TaskStatus::kDone;
    not_applicable += t.status == TaskStatus::kNotApplicable;
    open += t.status == TaskStatus::kOpen;
    overdue += t.IsOverdue(now);
    std::string status =
        t.IsOverdue(now) ? "TE LAAT" : std::string(EnumLabel(TASK_STATUSES, t.status));
    if (t.closed_at) status += " " + LocalTimeText(*t.closed_at) + " door " + t.closed_by;
    if (t.entered_at) status += " (achteraf ingevoerd " + LocalTimeText(*t.entered_at) + ")";
    if (!t.note.empty()) status += ": " + t.note;
    tasks.push_back({LocalTimeText(t.deadline) + (t.legal ? " (wettelijk)" : ""), t.text,
                     t.owner_role + (t.owner_person_code.empty()
                                         ? ""
                                         : " (" + NameOf(*uow.value(), t.owner_person_code) + ")"),
                     status});
  }
  std::vector<std::vector<std::string>> log;
  for (const auto& e : incident.log) {
    afterwards += e.entered_at.has_value();
    std::string who = e.author;
    if (!e.decided_by.empty()) who += "; besloten door " + e.decided_by;
    if (!e.acted_by.empty()) who += "; uitvoering " + e.acted_by;
    std::string what = e.text;
    if (e.corrects_id) what += " [corrigeert regel " + std::to_string(*e.corrects_id) + "]";
    if (e.entered_at) what += " [achteraf ingevoerd " + LocalTimeText(*e.entered_at) + "]";
    log.push_back({LocalTimeText(e.at), std::string(EnumLabel(LOG_KINDS, e.kind)), what, who});
  }
  const std::string footer = "Incidentrapport " + incident.number + " · incidentversie " +
                             std::to_string(incident.version) + ", " +
                             std::to_string(incident.log.size()) + " logregels · afgedrukt " +
                             LocalTimeText(now) + " door " + caller.actor.user + " · vertrouwelijk";
  PdfDocument pdf("Incidentrapport " + incident.number, footer);
  pdf.Title("Incidentrapport " + incident.number + (incident.exercise ? " · OEFENING" : "") +
            " · " + incident.title);
  pdf.Subtitle(std::string(EnumLabel(INCIDENT_STATUSES, incident.status)) + ", stadium " +
               std::to_string(incident.stage) + " · geactiveerd " +
               LocalTimeText(incident.activated_at) + " door " + incident.created_by +
               (incident.closed_at ? " · afgesloten " + LocalTimeText(*incident.closed_at) : "") +
               " · draaiboek " + PlaybookTitle(incident.playbook_id) + " versie " +
               std::to_string(incident.playbook_version));
  pdf.Field("Getroffen praktijken", Or(practices, "(gebied, zie logboek)"));
  pdf.Field("Taken", std::to_string(done) + " gedaan, " + std::to_string(not_applicable) +
                         " niet van toepassing, " + std::to_string(open) + " open, waarvan " +
                         std::to_string(overdue) + " te laat");
  pdf.Field("Logboek", std::to_string(incident.log.size()) + " regels, waarvan " +
                           std::to_string(afterwards) + " achteraf ingevoerd van papier");
  if (incident.picture) {
    const SharedPicture& p = *incident.picture;
    pdf.Heading("Gedeeld beeld (versie " + std::to_string(p.version) + ", bevestigd " +
                LocalTimeText(p.confirmed_at) + " door " + p.confirmed_by + ")");
    pdf.Field("Situatie", p.situation);
    pdf.Field("Slachtoffers", p.casualties);
    pdf.Field("Gevaarlijke stoffen", p.hazardous_substances);
    pdf.Field("Communicatie", p.communication);
    pdf.Field("Meteo", p.weather);
  }
  pdf.Heading("Taken");
  pdf.Table({"Deadline", "Taak", "Eigenaar", "Status"}, {0.16, 0.4, 0.2, 0.24}, tasks);
  pdf.Heading("Logboek (op echte tijd)");
  pdf.Table({"Tijd", "Soort", "Wat", "Wie"}, {0.16, 0.13, 0.49, 0.22}, log);
  if (!incident.alarms.empty()) {
    pdf.Heading("Alarmering");
    std::vector<std::vector<std::string>> rows;
    for (const auto& a : incident.alarms) {
      rows.push_back({a.role_label, a.person_name, std::string(EnumLabel(ALARM_LEVELS, a.level)),
                      LocalTimeText(a.alarmed_at),
                      a.acknowledged_at
                          ? LocalTimeText(*a.acknowledged_at) + " " + a.acknowledged_by
                          : std::string(EnumLabel(ALARM_STATUSES, a.status))});
    }
    pdf.Table({"Rol", "Persoon", "Niveau", "Gealarmeerd", "Bevestigd"},
              {0.28, 0.2, 0.14, 0.16, 0.22}, rows);
  }
  bool evaluated = false;
  for (const auto& point : incident.evaluation) evaluated |= !point.finding.empty();
  if (evaluated) {
    pdf.Heading("Evaluatie");
    std::vector<std::vector<std::string>> rows;
    for (const auto& point : incident.evaluation) {
      if (!point.finding.empty()) rows.push_back({point.point, point.finding, point.action});
    }
    pdf.Table({"Punt", "Bevinding", "Actie"}, {0.3, 0.4, 0.3}, rows);
  }
  return pdf.Finish();
}

Result<std::string> PaperPrintouts::VulnerablePatientsPdf(
    const Caller& caller, const Incident& incident, const std::string& practice_agb,
    const std::vector<RedistributionPatient>& patients) {
  const TimePoint now = store_.clock().Now();
  auto uow = store_.BeginRead(caller.actor);
  if (!uow) return uow.error();
  const auto names = PracticeNames(*uow.value());
  const std::string practice = names.contains(practice_agb) ? names.at(practice_agb) : practice_agb;
  std::vector<RedistributionPatient> sorted = patients;
  // The most dependent first: device-dependent, palliative, frail elderly; then by address.
  auto rank = [](const std::string& v) {
    return v == "device_dependent" ? 0 : v == "palliative" ? 1 : 2;
  };
  std::sort(sorted.begin(), sorted.end(), [&](const auto& a, const auto& b) {
    return std::tuple(rank(a.vulnerability), a.postcode, a.house_number, a.his_number) <
           std::tuple(rank(b.vulnerability), b.postcode, b.house_number, b.his_number);
  });
  std::vector<std::vector<std::string>> rows;
  const int year = static_cast<int>(
      std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(now)}.year());
  for (const auto& p : sorted) {
    std::string receiver(EnumLabel(PATIENT_STAGES, p.stage));
    if (!p.receiver_id.empty()) {
      receiver = (names.contains(p.receiver_id) ? names.at(p.receiver_id) : p.receiver_id) + " (" +
                 receiver + ")";
    }
    auto kind = ParseEnum(solver::VULNERABILITIES, p.vulnerability);
    rows.push_back({p.his_number, p.postcode + " " + p.house_number,
                    std::to_string(p.birth_year) + " (" + std::to_string(year - p.birth_year) + ")",
                    kind ? std::string(EnumLabel(solver::VULNERABILITIES, *kind)) : p.vulnerability,
                    receiver, ""});
  }
  const std::string footer = "Kwetsbare patiënten " + practice + " · incident " + incident.number +
                             " · " + std::to_string(rows.size()) + " patiënten · afgedrukt " +
                             LocalTimeText(now) + " door " + caller.actor.user +
                             " · VERTROUWELIJK: na gebruik vernietigen";
  PdfDocument pdf("Kwetsbare patiënten " + practice, footer);
  pdf.Title("Kwetsbare patiënten · " + practice);
  pdf.Subtitle("Incident " + incident.number + " · " + incident.title +
               " · medisch vertrouwelijk: niet laten liggen, na gebruik vernietigen");
  pdf.Paragraph(
      "Wie als eerste gebeld of bezocht moet worden: afhankelijk van zuurstof of een pomp, dan "
      "palliatief, dan kwetsbare ouderen. vangnet bewaart alleen het minimum (HIS-nummer, "
      "adres, geboortejaar); zoek de naam op in het HIS of de papieren kaartenbak. Noteer wat er "
      "gedaan is en voer het later in het logboek van het incident in.");
  if (rows.empty()) {
    pdf.Paragraph("Voor deze praktijk zijn in dit incident geen kwetsbare patiënten ingelezen.");
  } else {
    pdf.Table({"HIS-nr.", "Postcode en huisnr.", "Geboren (leeftijd)", "Kwetsbaar",
               "Opvang (stand)", "Gebeld / bezocht, door"},
              {0.18, 0.12, 0.11, 0.18, 0.2, 0.21}, rows);
  }
  return pdf.Finish();
}

Result<std::string> PaperPrintouts::TriageFormsPdf(const Caller& caller,
                                                   const std::string& practice_agb, int copies) {
  auto context = ReadFormContext(store_, caller, practice_agb, copies, "Papieren triageformulier");
  if (!context) return context.error();
  const FormContext& c = context.value();
  const std::string& footer = c.footer;
  PdfDocument pdf("Papieren triageformulier", footer);
  for (int i = 0; i < copies; ++i) {
    if (i) pdf.PageBreak();
    pdf.Title("Papieren triageformulier");
    pdf.Subtitle(Or(c.practice_line, "Praktijk: ______________________________") +
                 (c.out_of_hours.empty() ? "" : " · huisartsenpost " + c.out_of_hours) +
                 " · voor als het HIS of de stroom uitvalt (regionaal continuïteitsplan §6)");
    pdf.Field("Datum en tijd gesprek", "");
    pdf.Field("Aangenomen door", "");
    pdf.Field("Patiënt: naam", "");
    pdf.Field("Geboortedatum", "");
    pdf.Field("Terugbelnummer", "");
    pdf.Field("Belt zelf / namens", "");
    pdf.Field("Klacht en hulpvraag", "");
    pdf.WritingLines(2);
    pdf.Checkbox("ABCD bedreigd (ademweg, ademhaling, circulatie, bewustzijn)? Dan direct 112.");
    pdf.Heading("Urgentie (NHG-Triagewijzer)");
    pdf.Checkbox("U0 reanimatie: direct 112");
    pdf.Checkbox("U1 levensbedreigend: direct");
    pdf.Checkbox("U2 spoed: binnen 1 uur");
    pdf.Checkbox("U3 dringend: binnen enkele uren");
    pdf.Checkbox("U4 niet dringend: binnen 24 uur");
    pdf.Checkbox("U5 advies of gepland consult");
    pdf.Heading("Afspraak");
    pdf.Checkbox(
        "Advies gegeven    ☐ consult om ______    ☐ visite om ______    ☐ verwezen naar ______");
    pdf.Field("Medicatie en beleid", "");
    pdf.Field("Arts (paraaf)", "");
    pdf.Checkbox("Later ingevoerd in het HIS op ______ door ______");
  }
  return pdf.Finish();
}

Result<std::string> PaperPrintouts::PrescriptionFormsPdf(const Caller& caller,
                                                         const std::string& practice_agb,
                                                         int copies) {
  auto context =
      ReadFormContext(store_, caller, practice_agb, copies, "Formulier telefonische recepten");
  if (!context) return context.error();
  const FormContext& c = context.value();
  const std::string& footer = c.footer;
  PdfDocument pdf("Formulier telefonische recepten", footer);
  for (int i = 0; i < copies; ++i) {
    if (i) pdf.PageBreak();
    pdf.Title("Telefonische recepten aan de apotheek");
    pdf.Subtitle(Or(c.practice_line, "Praktijk: ______________________________") +
                 " · noodprocedure als recepten niet elektronisch kunnen (regionaal "
                 "continuïteitsplan §6, scenario 7)");
    pdf.Paragraph(
        "Geef elk recept telefonisch door aan de apotheek en laat de arts elke regel paraferen. "
        "Stuur de getekende lijst zodra het kan over een veilige lijn na (fax of beveiligde "
        "mail) en voer de recepten later in het HIS in.");
    pdf.Field("Voorschrijvend arts", "");
    pdf.Field("AGB-code arts", "");
    pdf.Table({"Tijd", "Patiënt (naam, geboortedatum)", "Middel, sterkte, gebruik, hoeveelheid",
               "Apotheek, doorgegeven aan", "Paraaf arts", "In HIS"},
              {0.08, 0.24, 0.3, 0.18, 0.11, 0.09},
              std::vector<std::vector<std::string>>(12, {"\n\n", "", "", "", "", ""}));
    if (!c.pharmacies.empty()) {
      pdf.Heading("Apotheken in de regio");
      pdf.Table({"Apotheek", "Adres", "Telefoon"}, {0.4, 0.4, 0.2}, c.pharmacies);
    }
  }
  return pdf.Finish();
}

Result<Printout> PaperPrintouts::IncidentReport(const Caller& caller, std::int64_t incident_id) {
  if (!incidents_) return Error::NotFound("", "incidenten zijn hier niet beschikbaar");
  auto incident = incidents_->Get(caller, incident_id);
  if (!incident) return incident.error();
  auto pdf = IncidentReportPdf(caller, incident.value());
  if (!pdf) return pdf.error();
  return Printout{std::move(pdf).value(), "incidentrapport-" + incident.value().number + ".pdf",
                  true};
}

Result<Printout> PaperPrintouts::VulnerablePatients(const Caller& caller, std::int64_t incident_id,
                                                    const std::string& practice_agb) {
  if (!incidents_ || !redistribution_) {
    return Error::NotFound("", "incidenten zijn hier niet beschikbaar");
  }
  auto incident = incidents_->Get(caller, incident_id);
  if (!incident) return incident.error();
  auto patients = redistribution_->VulnerablePatients(caller, incident_id, practice_agb);
  if (!patients) return patients.error();
  auto pdf = VulnerablePatientsPdf(caller, incident.value(), practice_agb, patients.value());
  if (!pdf) return pdf.error();
  return Printout{std::move(pdf).value(), "kwetsbare-patienten-" + practice_agb + ".pdf", true};
}

Result<Printout> PaperPrintouts::PlaybookChecklist(const Caller& caller,
                                                   const std::string& playbook_id) {
  const Playbook* playbook = playbooks_ ? playbooks_->Find(playbook_id) : nullptr;
  if (!playbook) return Error::NotFound("", "Dit draaiboek bestaat niet.");
  auto pdf = PlaybookChecklistPdf(*playbook, caller.actor.user, store_.clock().Now());
  if (!pdf) return pdf.error();
  return Printout{std::move(pdf).value(), "draaiboek-" + playbook->id + ".pdf", false};
}

}  // namespace vangnet
