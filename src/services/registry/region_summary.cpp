#include "services/registry/region_summary.hpp"

#include <set>
#include <sstream>

#include "core/registry.hpp"

namespace vangnet {

namespace {

// A card is complete when every item of seed 000 §6 is filled in, a practice will exists, and
// it was checked in the last 12 months.
bool IsComplete(const CalamityCard& c, const std::string& a_year_ago) {
  for (const std::string* item :
       {&c.authorised_persons, &c.contact_persons, &c.salary_payment_authority, &c.bank_access,
        &c.billing_continuity, &c.suppliers, &c.insurances, &c.ict_phone_contacts,
        &c.his_access_route, &c.password_location}) {
    if (item->empty()) return false;
  }
  return c.practice_will_present && c.second_agb_linked_vektis && !c.last_updated.empty() &&
         c.last_updated >= a_year_ago;
}

}  // namespace

RegionSummary SummariseRegion(UnitOfWork& uow, std::chrono::year_month_day today) {
  RegionSummary s;
  const int this_year = static_cast<int>(today.year());
  const std::string a_year_ago = FormatDate(std::chrono::year_month_day{
      today.year() - std::chrono::years{1}, today.month(), std::chrono::day{1}});

  std::map<std::string, std::string> district_of;  // agb -> district
  for (const auto& p : uow.Table<Practice>().List()) {
    ++s.practices;
    ++s.practices_by_form[std::string(EnumCode(PRACTICE_FORMS, p.form))];
    if (p.patient_stop) ++s.practices_with_patient_stop;
    s.registered_patients += p.registered_patients;
    district_of[p.agb] = p.district_code;
  }
  std::map<std::string, Person> people;
  for (auto& person : uow.Table<Person>().List()) people[person.code] = person;
  s.people = people.size();

  std::set<std::string> gps, holders, holders_60, holders_60_no_successor;
  for (const auto& a : uow.Table<Affiliation>().List()) {
    if (!IsGpRole(a.role)) {
      ++s.team_members;
      continue;
    }
    gps.insert(a.person_code);
    s.gp_fte += a.fte.value_or(0);
    if (a.role != AffiliationRole::kHolder) continue;
    holders.insert(a.person_code);
    const auto& birth_year = people[a.person_code].birth_year;
    if (birth_year && this_year - *birth_year >= 60) {
      holders_60.insert(a.person_code);
      if (a.successor != SuccessorStatus::kKnown) holders_60_no_successor.insert(a.person_code);
    }
  }
  s.gps = gps.size();
  s.holders = holders.size();
  s.holders_aged_60_plus = holders_60.size();
  s.holders_60_plus_without_known_successor = holders_60_no_successor.size();

  s.gp_groups = static_cast<std::size_t>(uow.Table<GpGroup>().Count());
  s.districts = static_cast<std::size_t>(uow.Table<District>().Count());
  for (const auto& c : uow.Table<ContinuityContract>().List()) {
    ++s.contracts;
    if (c.last_reviewed.empty() || c.last_reviewed < a_year_ago) {
      ++s.contracts_not_reviewed_12_months;
    }
    if (district_of[c.practice_a_agb] != district_of[c.practice_b_agb]) {
      ++s.contracts_outside_district;
    }
  }
  s.organisations = static_cast<std::size_t>(uow.Table<Organisation>().Count());
  s.contacts = static_cast<std::size_t>(uow.Table<Contact>().Count());
  for (const auto& r : uow.Table<CrisisRole>().List()) {
    ++s.crisis_roles;
    if (r.substitute_person_code.empty()) ++s.crisis_roles_without_substitute;
  }
  for (const auto& c : uow.Table<CalamityCard>().List()) {
    ++s.calamity_cards;
    if (IsComplete(c, a_year_ago)) ++s.calamity_cards_complete;
  }
  return s;
}

std::string FormatRegionSummary(const RegionSummary& s) {
  std::ostringstream out;
  out << "Praktijken:              " << s.practices;
  std::string forms;
  for (const auto& n : PRACTICE_FORMS) {
    auto it = s.practices_by_form.find(std::string(n.code));
    if (it == s.practices_by_form.end()) continue;
    // "3 groepspraktijk", but an abbreviation such as HOED stays as it is.
    std::string label(n.label_nl);
    if (label.size() > 1 && label[1] >= 'a' && label[1] <= 'z') label = ToLowerAscii(label);
    forms += (forms.empty() ? "" : ", ") + std::to_string(it->second) + " " + label;
  }
  out << " (" << forms << ")\n";
  out << "  met patiëntenstop:     " << s.practices_with_patient_stop << "\n";
  out << "Ingeschreven patiënten:  " << s.registered_patients << "\n";
  char fte[32];
  std::snprintf(fte, sizeof fte, "%.1f", s.gp_fte);
  out << "Huisartsen:              " << s.gps << " (" << fte << " fte), waarvan " << s.holders
      << " praktijkhouder\n";
  out << "  praktijkhouders 60+:   " << s.holders_aged_60_plus
      << ", zonder bekende opvolger: " << s.holders_60_plus_without_known_successor << "\n";
  out << "Praktijkteamleden:       " << s.team_members << "\n";
  out << "Hagro's / wijken:        " << s.gp_groups << " / " << s.districts << "\n";
  out << "Continuïteitscontracten: " << s.contracts
      << " (niet geëvalueerd in 12 mnd: " << s.contracts_not_reviewed_12_months
      << ", buiten de wijk: " << s.contracts_outside_district << ")\n";
  out << "Organisaties / contacten: " << s.organisations << " / " << s.contacts << "\n";
  out << "Crisisrollen:            " << s.crisis_roles
      << " (zonder vervanger: " << s.crisis_roles_without_substitute << ")\n";
  out << "Calamiteitenkaarten:     " << s.calamity_cards
      << " (volledig en actueel: " << s.calamity_cards_complete << ")\n";
  return out.str();
}

}  // namespace vangnet
