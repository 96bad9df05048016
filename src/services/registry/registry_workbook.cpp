#include "services/registry/registry_workbook.hpp"

#include <algorithm>
#include <map>

namespace vangnet {

namespace {

// What a column holds, in a coordinator's words. Keyed "table.field" where a name means
// something else per kind, else by the field name alone. Whether it is required, its type, its
// choices and what it refers to are added from the field's own description.
const std::map<std::string_view, std::string_view>& Meanings() {
  static const std::map<std::string_view, std::string_view> meanings{
      {"gp_group.code", "eigen code van de hagro; praktijken en crisisrollen verwijzen ernaar"},
      {"gp_group.name", "naam van de hagro"},
      {"district.code", "eigen code van de wijk; praktijken verwijzen ernaar"},
      {"district.name", "naam van de wijk"},
      {"organisation.code",
       "eigen code van de organisatie (zoals HAP-MAA voor een huisartsenpost)"},
      {"organisation.name", "naam van de organisatie"},
      {"organisation.kind", "soort organisatie"},
      {"person.code", "eigen code van de persoon; werkrelaties en crisisrollen verwijzen ernaar"},
      {"person.name", "volledige naam"},
      {"birth_year", "geboortejaar (voor het opvolgingsoverzicht)"},
      {"unavailable_until", "afwezig tot en met deze datum (ziekte, verlof); leeg = beschikbaar"},
      {"agb", "AGB-code van de praktijk: 8 cijfers"},
      {"kvk", "KvK-nummer: 8 cijfers"},
      {"ura", "URA-nummer (UZI-register) voor het landelijke adresboek: 8 cijfers"},
      {"big", "BIG-registratienummer van een zorgverlener: 11 cijfers"},
      {"practice.name", "naam van de praktijk"},
      {"form", "praktijkvorm"},
      {"street_address", "straat en huisnummer"},
      {"postcode", "de 4 cijfers van de postcode (zoals 6211), zonder letters"},
      {"place", "plaats; leeg = uit de postcode"},
      {"latitude", "breedtegraad (WGS84, bijv. 50.85); leeg = uit de postcode"},
      {"longitude", "lengtegraad (WGS84, bijv. 5.69); leeg = uit de postcode"},
      {"registered_patients", "aantal ingeschreven patiënten"},
      {"patient_stop", "patiëntenstop: ja of nee"},
      {"practice.status", "stand van de praktijk"},
      {"gp_group_code", "code van de hagro"},
      {"district_code", "code van de wijk"},
      {"out_of_hours_post_code", "code van de huisartsenpost (een organisatie)"},
      {"owner_kind", "wie de praktijk houdt"},
      {"owner_name", "naam van de houder(s)"},
      {"medically_responsible_person_code",
       "code van de medisch verantwoordelijke huisarts (moet aan de praktijk verbonden zijn)"},
      {"in_out_of_hours_rota", "doet mee in het HAP-rooster: ja of nee"},
      {"person_code", "code van de persoon"},
      {"practice_agb", "AGB-code van de praktijk"},
      {"affiliation.role", "rol in de praktijk"},
      {"fte", "omvang in fte (bijv. 0.8)"},
      {"days_present_per_week", "dagen per week aanwezig"},
      {"expected_stop_year", "jaar waarin deze persoon verwacht te stoppen"},
      {"successor", "stand van de opvolging"},
      {"successor_name", "naam van de opvolger, als die bekend is"},
      {"practice_a_agb", "AGB-code van de ene praktijk"},
      {"practice_b_agb", "AGB-code van de andere praktijk"},
      {"since", "ingangsdatum van de afspraak"},
      {"last_reviewed", "datum van de laatste evaluatie"},
      {"patients_covered", "de afspraak dekt de patiënten van beide praktijken: ja of nee"},
      {"triage_and_phone", "triage en telefoon zijn geregeld: ja of nee"},
      {"responsibility_shift", "de medische verantwoordelijkheid gaat over: ja of nee"},
      {"contact.code", "eigen code van het contact"},
      {"contact.name", "naam van de contactpersoon of functie"},
      {"function", "functie"},
      {"organisation_code", "code van de organisatie"},
      {"phone", "telefoonnummer"},
      {"phone_alternative", "tweede telefoonnummer (bereikbaar als het eerste niet opneemt)"},
      {"email", "e-mailadres"},
      {"address", "adres"},
      {"notes", "notities"},
      {"note", "notitie"},
      {"crisis_role.code", "eigen code van de crisisrol"},
      {"crisis_role.kind", "welke rol"},
      {"primary_person_code", "code van de persoon die de rol vervult"},
      {"substitute_person_code", "code van de vervanger"},
      {"authorised_persons", "wie namens de praktijk mag handelen"},
      {"contact_persons", "contactpersonen bij een calamiteit"},
      {"salary_payment_authority", "wie de salarissen mag betalen"},
      {"bank_access", "wie toegang heeft tot de bankrekening"},
      {"billing_continuity", "hoe declaraties en administratie doorlopen"},
      {"suppliers", "belangrijke leveranciers"},
      {"insurances", "verzekeringen"},
      {"ict_phone_contacts", "storingsnummers van ICT en telefonie"},
      {"his_access_route", "hoe een waarnemer in het HIS komt"},
      {"password_location", "waar de wachtwoorden liggen (niet de wachtwoorden zelf)"},
      {"second_agb_linked_vektis", "tweede AGB-code gekoppeld in Vektis: ja of nee"},
      {"practice_will_present", "praktijktestament aanwezig: ja of nee"},
      {"emergency_response_plan", "BHV-plan aanwezig: ja of nee"},
      {"last_updated", "datum waarop de kaart laatst is gecontroleerd"},
      {"item", "wat er getoetst is"},
      {"governance_check.status", "uitkomst van de toets"},
      {"checked_on", "datum van de toets"},
      {"stage", "waar het opvolgingstraject staat"},
      {"succession_trajectory.owner", "wie bij de RHO het traject trekt"},
      {"conversation_on", "datum van het gesprek met de praktijkhouder"},
      {"conversation_outcome", "uitkomst van het gesprek"},
      {"search_route", "hoe de opvolger wordt gezocht"},
      {"successor_signed", "de opvolger heeft getekend: ja of nee"},
      {"mentor_name", "naam van de mentor (een ervaren huisarts)"},
      {"mentoring_started_on", "begin van het mentorschap (zes bijeenkomsten in negen maanden)"},
      {"mentoring_meetings", "aantal mentorbijeenkomsten tot nu toe"},
      {"transfer_on", "datum van de praktijkoverdracht (gepland, of gedaan als afgerond)"},
      {"next_step", "de volgende stap in het traject"},
      {"next_due",
       "datum waarop de volgende stap klaar moet zijn (komt in de paraatheidskalender)"},
      {"mutual_backup", "onderlinge waarneming afgesproken met een andere praktijk: ja of nee"},
      {"backup_partner_agb", "AGB-code van de praktijk die waarneemt"},
      {"his_access_shared", "de waarnemende praktijk kan in het HIS: ja of nee"},
      {"daytime_out_of_hours", "spoed overdag geregeld (dagwaarneming of DagHAP): ja of nee"},
      {"neighbourhood_team",
       "doet mee in een wijkteam met wijkverpleging, apotheek en sociaal domein"},
      {"intention", "wat de praktijk van plan is met samenwerking"},
      {"discussed_on", "datum waarop dit met de praktijk is besproken"},
      {"activity", "activiteit van het programma van solo naar samen"},
      {"programme_activity.status", "stand van de activiteit"},
      {"programme_activity.owner", "wie de activiteit trekt"},
      {"due_on", "datum waarop de activiteit klaar moet zijn"},
      {"done_on", "datum waarop de activiteit klaar was"},
  };
  return meanings;
}

std::string Sentence(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  if (!text.empty() && text.back() != '.') text += '.';
  return text;
}

template <class T>
std::string Explanation(const FieldSpec<T>& field) {
  const auto& meanings = Meanings();
  const std::string qualified =
      std::string(EntityTraits<T>::kTable) + "." + std::string(field.name);
  auto it = meanings.find(qualified);
  if (it == meanings.end()) it = meanings.find(field.name);
  std::string text(kExplanationPrefix);
  if (it != meanings.end()) text += Sentence(std::string(it->second)) + " ";
  text += field.required ? "Verplicht." : "Mag leeg.";
  if (!field.options.empty()) {
    text += " Een van:";
    for (std::size_t i = 0; i < field.options.size(); ++i) {
      text += (i ? ", " : " ") + std::string(field.options[i]);
    }
    text += ".";
  } else if (field.type == FieldType::kInteger) {
    text += " Geheel getal.";
  } else if (field.type == FieldType::kReal) {
    text += " Getal.";
  } else if (field.type == FieldType::kDate) {
    text += " Datum (als Excel-datum of JJJJ-MM-DD).";
  } else if (field.type == FieldType::kBool) {
    text += " ja of nee.";
  }
  if (!field.references.empty()) {
    std::string_view table = field.references.substr(0, field.references.find('.'));
    text += " Moet bestaan als " + std::string(TableLabelNl(table)) +
            " (in dit bestand of al in vangnet).";
  }
  return text;
}

}  // namespace

bool IsExplanationRow(const CsvRecord& record) {
  bool any = false;
  for (const auto& cell : record.cells) {
    if (cell.empty()) continue;
    if (!cell.starts_with(kExplanationPrefix)) return false;
    any = true;
  }
  return any;
}

Result<std::string> RegistryTemplate(const RegistryRecords& examples,
                                     std::size_t examples_per_kind) {
  std::vector<Table> sheets;
  ForEachRegistryType([&]<class T>() {
    const auto& all = std::get<std::vector<T>>(examples);
    std::vector<T> first(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(
                                                        std::min(all.size(), examples_per_kind)));
    Table sheet = RegistrySheet(first);
    for (const auto& f : EntityTraits<T>::Fields()) sheet.explanation.push_back(Explanation(f));
    sheets.push_back(std::move(sheet));
  });
  return WriteXlsx(sheets);
}

}  // namespace vangnet
