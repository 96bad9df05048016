#include "services/demo/demo_region.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "io/postcode_table.hpp"
#include "services/demo/demo_geography.hpp"
#include "services/demo/demo_names.hpp"
#include "services/demo/demo_programmes.hpp"
#include "services/demo/demo_random.hpp"

namespace vangnet {

namespace {

using namespace demo;

class DemoBuilder {
 public:
  explicit DemoBuilder(const DemoRegionOptions& options)
      : random_(options.seed),
        today_(options.today),
        year_(static_cast<int>(options.today.year())),
        national_(options.national),
        plans_(options.national ? NationalMunicipalities() : Municipalities()) {}

  RegistryRecords Build() {
    AddAreas();
    AddOrganisations();
    AddPractices();
    AddContracts();
    AddCrisisRoles();
    AddContacts();
    AddCalamityCards();
    AddGovernanceChecks();
    return std::move(records_);
  }

 private:
  template <class T>
  std::vector<T>& All() {
    return std::get<std::vector<T>>(records_);
  }

  // A date between min_days and max_days before today.
  std::string DaysAgo(int min_days, int max_days) {
    auto day =
        std::chrono::sys_days{today_} - std::chrono::days{random_.Between(min_days, max_days)};
    return FormatDate(std::chrono::year_month_day{day});
  }

  std::string NewPerson(const std::string& prefix, std::optional<int> birth_year,
                        bool contact_details) {
    Person person;
    person.code = prefix + "-" + std::to_string(1000 + ++person_serial_);
    person.name = FictionalPersonName(random_);
    person.birth_year = birth_year;
    if (contact_details) {
      person.phone = "06-5550" + std::to_string(random_.Between(1000, 9999));
      person.email = Email(LowerCode(person.code));
    }
    All<Person>().push_back(person);
    return person.code;
  }

  void AddAreas() {
    if (national_) {
      for (std::size_t i = 0; i < plans_.size(); ++i) {
        All<GpGroup>().push_back(GpGroup{0, 0, Numbered("HAG", i), "Hagro " + plans_[i].name});
        All<District>().push_back(District{0, 0, Numbered("W", i), plans_[i].name});
      }
      return;
    }
    for (auto [code, name] :
         std::vector<std::pair<std::string, std::string>>{{"HAG-MAA-W", "Hagro Maastricht-West"},
                                                          {"HAG-MAA-O", "Hagro Maastricht-Oost"},
                                                          {"HAG-EM", "Hagro Eijsden-Margraten"},
                                                          {"HAG-MEE", "Hagro Meerssen"},
                                                          {"HAG-VAL", "Hagro Valkenburg"},
                                                          {"HAG-HEU", "Hagro Heuvelland"}}) {
      All<GpGroup>().push_back(GpGroup{0, 0, code, name});
    }
    for (auto [code, name] :
         std::vector<std::pair<std::string, std::string>>{{"MAA-CEN", "Maastricht Centrum"},
                                                          {"MAA-WN", "Maastricht West-Noord"},
                                                          {"MAA-WZ", "Maastricht West-Zuid"},
                                                          {"MAA-ON", "Maastricht Oost-Noord"},
                                                          {"MAA-OZ", "Maastricht Oost-Zuid"},
                                                          {"EIJ", "Eijsden"},
                                                          {"MAR", "Margraten"},
                                                          {"MEE", "Meerssen"},
                                                          {"VAL", "Valkenburg"},
                                                          {"GUW", "Gulpen-Wittem"},
                                                          {"VAA", "Vaals"}}) {
      All<District>().push_back(District{0, 0, code, name});
    }
  }

  void AddOrganisation(const std::string& code, const std::string& name, OrganisationKind kind,
                       const std::string& notes = "", const std::string& kvk = "") {
    All<Organisation>().push_back(Organisation{0, 0, code, name, kind, Phone(random_),
                                               Email(LowerCode(code)), "", notes, kvk});
  }

  void AddOrganisations() {
    AddOrganisation("ZV-ZUID", "Zorgverzekeraar Zuid (demo)", OrganisationKind::kInsurer,
                    "Preferente zorgverzekeraar van de regio; zorgplicht");
    if (national_) {
      std::set<std::string> posts;
      for (const auto& m : plans_) {
        if (posts.insert(m.out_of_hours_post).second) {
          AddOrganisation(m.out_of_hours_post, "Huisartsenpost " + m.name + " e.o. (demo)",
                          OrganisationKind::kOutOfHoursPost,
                          "ANW 17:00-08:00, weekend en feestdagen");
        }
      }
    } else {
      AddOrganisation("HAP-MAA", "Huisartsenpost Maastricht (demo)",
                      OrganisationKind::kOutOfHoursPost,
                      "ANW 17:00-08:00, weekend en feestdagen; Maastricht, Eijsden-Margraten, "
                      "Meerssen, Valkenburg");
      AddOrganisation("HAP-HEU", "Huisartsenpost Heuvelland (demo)",
                      OrganisationKind::kOutOfHoursPost, "ANW voor Gulpen-Wittem en Vaals");
    }
    // The RHO's KvK number (synthetic) makes it the custodian of the region's records in the
    // FHIR directory (io/fhir_registry.hpp).
    AddOrganisation("RHO-ZIO", "Regionale huisartsenorganisatie Maastricht-Heuvelland (demo)",
                    OrganisationKind::kRho, "", "99000001");
    AddOrganisation("RHZ", "Huisartsenkring Maastricht-Heuvelland (demo)",
                    OrganisationKind::kAssociation);
    AddOrganisation("GHOR-ZL", "GHOR Zuid-Limburg (demo)", OrganisationKind::kGhor);
    AddOrganisation("GGD-ZL", "GGD Zuid-Limburg (demo)", OrganisationKind::kGgd);
    AddOrganisation("IGJ", "Inspectie Gezondheidszorg en Jeugd (demo-contact)",
                    OrganisationKind::kIgj, "Calamiteit melden binnen 3 werkdagen");
    AddOrganisation("NZA", "Nederlandse Zorgautoriteit (demo-contact)", OrganisationKind::kNza);
    AddOrganisation("ZH-MAA", "Academisch ziekenhuis Maastricht (demo)",
                    OrganisationKind::kHospital);
    AddOrganisation("HIS-A", "HIS-leverancier Alfa (demo)", OrganisationKind::kHisSupplier);
    AddOrganisation("HIS-B", "HIS-leverancier Beta (demo)", OrganisationKind::kHisSupplier);
    for (std::size_t i = 0; i < plans_.size(); ++i) {
      const auto& m = plans_[i];
      std::string code = national_ ? Numbered("GEM", i) : "GEM-" + m.name.substr(0, 3);
      for (auto& c : code) c = static_cast<char>(std::toupper(c));
      AddOrganisation(code, "Gemeente " + m.name + " (demo)", OrganisationKind::kMunicipality);
      AddOrganisation("APO-" + code.substr(4), "Apotheek " + m.name + " (demo)",
                      OrganisationKind::kPharmacy);
    }
    AddOrganisation("VVT-1", "Zorgcentrum De Proefhoeve (demo)", OrganisationKind::kCareHome);
    AddOrganisation("VVT-2", "Verpleeghuis Oefenhof (demo)", OrganisationKind::kCareHome);
  }

  void AddPractices() {
    int total = 0;
    for (const auto& m : plans_) total += m.practices;
    std::vector<PracticeForm> forms = PracticeForms(total, national_);
    random_.Shuffle(forms);

    std::size_t next_form = 0;
    int serial = 0;
    for (std::size_t m_index = 0; m_index < plans_.size(); ++m_index) {
      const auto& m = plans_[m_index];
      std::vector<const PostcodeArea*> areas;
      for (const auto& table_name : m.table_names) {
        auto found = PostcodeTable::Embedded().AddressAreasOf(table_name);
        areas.insert(areas.end(), found.begin(), found.end());
      }
      random_.Shuffle(areas);
      std::vector<Practice> local;
      double weight_sum = 0;
      std::vector<double> weights;
      for (int i = 0; i < m.practices; ++i) {
        PracticeForm form = forms[next_form++];
        double w = ListWeight(form) * random_.Between(0.85, 1.15);
        weights.push_back(w);
        weight_sum += w;
        const PostcodeArea& area = *areas[static_cast<std::size_t>(i) % areas.size()];
        Practice p;
        ++serial;
        p.agb = national_ ? "01" + std::to_string(200000 + 7 * serial)
                          : "0105" + std::to_string(1000 + 37 * serial);
        p.kvk = "14" + std::to_string(100000 + random_.Between(0, 899999));
        std::string street = FictionalStreet(random_);
        p.form = form;
        p.street_address = street + " " + std::to_string(random_.Between(1, 180));
        p.name = FictionalPracticeName(form == PracticeForm::kHealthCentre, street,
                                       p.street_address, area.place, used_names_);
        p.postcode = area.postcode;
        p.place = area.place;
        // Centroid plus up to ~400 m, so practices in one postcode do not sit on one point.
        p.latitude = std::round((area.latitude + random_.Between(-0.0035, 0.0035)) * 1e6) / 1e6;
        p.longitude = std::round((area.longitude + random_.Between(-0.0055, 0.0055)) * 1e6) / 1e6;
        if (national_) {
          p.district_code = Numbered("W", m_index);
          p.gp_group_code = Numbered("HAG", m_index);
          p.out_of_hours_post_code = m.out_of_hours_post;
        } else {
          auto [district, group] = DistrictAndGroup(m.name, area, *p.latitude, *p.longitude);
          p.district_code = district;
          p.gp_group_code = group;
          p.out_of_hours_post_code =
              (m.name == "Gulpen-Wittem" || m.name == "Vaals") ? "HAP-HEU" : "HAP-MAA";
        }
        local.push_back(p);
      }
      // The municipality's inhabitants are its practices' patients, split by list weight.
      int assigned = 0;
      for (std::size_t i = 0; i < local.size(); ++i) {
        int patients = i + 1 == local.size()
                           ? m.population - assigned
                           : static_cast<int>(std::lround(m.population * weights[i] / weight_sum));
        local[i].registered_patients = patients;
        assigned += patients;
      }
      for (auto& p : local) All<Practice>().push_back(p);
    }
    MarkExceptions();
    for (auto& p : All<Practice>()) AddTeam(p);
  }

  // The situations the monitor must find, planted in a few practices each.
  void MarkExceptions() {
    auto& practices = All<Practice>();
    std::vector<std::size_t> order(practices.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    random_.Shuffle(order);
    std::size_t next = 0;
    auto take = [&](auto predicate) -> Practice* {
      for (std::size_t k = 0; k < order.size(); ++k) {
        Practice& p = practices[order[(next + k) % order.size()]];
        if (predicate(p) && !planted_.count(p.agb)) {
          planted_.insert(p.agb);
          next = (next + k + 1) % order.size();
          return &p;
        }
      }
      return nullptr;
    };
    auto not_solo = [](const Practice& p) { return p.form != PracticeForm::kSolo; };
    auto solo = [](const Practice& p) { return p.form == PracticeForm::kSolo; };
    // seed 004 §4.1: owned by a company, GPs employed; one of them without a medically
    // responsible GP (unclear organisation).
    for (int i = 0; i < 2; ++i) {
      if (Practice* p = take(not_solo)) {
        p->owner_kind = OwnerKind::kOtherParty;
        p->owner_name =
            i == 0 ? "Zorgketen Proefmaat BV (demo)" : "Huisartsenketen Oefenzorg BV (demo)";
        company_owned_.insert(p->agb);
        if (i == 1) without_responsible_gp_.insert(p->agb);
      }
    }
    // Overloaded: far more than 4000 patients per FTE GP (seed 004 §4.1).
    for (int i = 0; i < 2; ++i) {
      if (Practice* p = take(solo)) {
        overloaded_.insert(p->agb);
        p->patient_stop = true;
      }
    }
    for (int i = 0; i < 4; ++i) {
      if (Practice* p = take([](const Practice&) { return true; })) p->patient_stop = true;
    }
    // Not in the out-of-hours rota (seed 004 §4.1: too little regional cooperation).
    for (int i = 0; i < 2; ++i) {
      if (Practice* p = take([](const Practice&) { return true; })) p->in_out_of_hours_rota = false;
    }
    // Under temporary takeover by the RHO (seed 000 §5), run by locums.
    if (Practice* p = take(solo)) {
      p->status = PracticeStatus::kTemporaryTakeover;
      p->owner_kind = OwnerKind::kOtherParty;
      p->owner_name = "Regionale huisartsenorganisatie (tijdelijk beheer)";
      takeover_.insert(p->agb);
    }
  }

  int HolderBirthYear(bool solo) {
    // DOMAIN.md: about 15 % of GPs are 60+ nationally; solo holders are older on average.
    bool sixty_plus = random_.Chance(solo ? 0.45 : 0.18);
    int age = sixty_plus ? random_.Between(60, 68) : random_.Between(33, 59);
    return year_ - age;
  }

  void AddGp(Practice& p, AffiliationRole role, double fte, std::optional<int> birth_year) {
    Affiliation a;
    a.person_code = NewPerson("HA", birth_year, true);
    a.practice_agb = p.agb;
    a.role = role;
    a.fte = std::round(fte * 100) / 100;
    a.days_present_per_week = std::clamp(static_cast<int>(std::lround(fte * 5)), 1, 5);
    if (role == AffiliationRole::kHolder && birth_year) {
      int age = year_ - *birth_year;
      if (age >= 55) a.expected_stop_year = *birth_year + random_.Between(64, 68);
      if (age >= 60) {
        double r = random_.Unit();
        a.successor = r < 0.3 ? SuccessorStatus::kKnown
                              : (r < 0.7 ? SuccessorStatus::kNone : SuccessorStatus::kUnknown);
        if (a.successor == SuccessorStatus::kKnown) a.successor_name = FictionalPersonName(random_);
      }
    }
    if (p.medically_responsible_person_code.empty() && !without_responsible_gp_.count(p.agb)) {
      p.medically_responsible_person_code = a.person_code;
    }
    All<Affiliation>().push_back(a);
    gps_by_practice_[p.agb].push_back(a.person_code);
  }

  void AddTeamMember(const Practice& p, AffiliationRole role, double fte) {
    Affiliation a;
    // Team members need no birth year: less personal data, and the radar is about GPs.
    a.person_code = NewPerson("PT", std::nullopt, false);
    a.practice_agb = p.agb;
    a.role = role;
    a.fte = std::round(fte * 100) / 100;
    a.days_present_per_week = std::clamp(static_cast<int>(std::lround(fte * 5)), 1, 5);
    All<Affiliation>().push_back(a);
  }

  void AddTeam(Practice& p) {
    const bool solo = p.form == PracticeForm::kSolo;
    // GP capacity near the norm of 2095 patients per FTE, with spread; overloaded ones far over.
    double patients_per_fte = overloaded_.count(p.agb) ? random_.Between(4200.0, 4800.0)
                                                       : random_.Between(1850.0, 2600.0);
    double fte = p.registered_patients / patients_per_fte;
    if (takeover_.count(p.agb)) {
      AddGp(p, AffiliationRole::kLocum, fte * 0.6, year_ - random_.Between(35, 62));
      AddGp(p, AffiliationRole::kLocum, fte * 0.4, year_ - random_.Between(30, 50));
    } else if (company_owned_.count(p.agb)) {
      int n = std::max(2, static_cast<int>(std::lround(fte / 0.8)));
      for (int i = 0; i < n; ++i) {
        AddGp(p, AffiliationRole::kEmployedGp, fte / n, year_ - random_.Between(29, 55));
      }
    } else if (solo) {
      // Some solo holders have a fixed locum or employed GP (about 45 %). Seed 000 §2 says most
      // solo practices are covered: in the demo most of the others have a mutual backup with a
      // neighbour (demo_programmes.cpp), so about three in four are covered and a few are not.
      // Kept on this random stream because the tests' demo figures are calibrated on it.
      double helper = random_.Chance(0.45) ? random_.Between(0.2, 0.5) : 0.0;
      AddGp(p, AffiliationRole::kHolder, std::min(1.2, fte - helper), HolderBirthYear(true));
      if (helper > 0) {
        AddGp(p, random_.Chance(0.5) ? AffiliationRole::kLocum : AffiliationRole::kEmployedGp,
              helper, year_ - random_.Between(30, 60));
      }
    } else {
      int holders = p.form == PracticeForm::kDuo     ? 2
                    : p.form == PracticeForm::kHoed  ? random_.Between(2, 3)
                    : p.form == PracticeForm::kGroup ? random_.Between(3, 4)
                                                     : random_.Between(3, 5);
      int employed =
          p.form == PracticeForm::kDuo ? (random_.Chance(0.3) ? 1 : 0) : random_.Between(0, 2);
      double per_gp = fte / (holders + employed * 0.6);
      for (int i = 0; i < holders; ++i) {
        AddGp(p, AffiliationRole::kHolder, std::min(1.2, per_gp), HolderBirthYear(false));
      }
      for (int i = 0; i < employed; ++i) {
        AddGp(p, AffiliationRole::kEmployedGp, std::min(1.0, per_gp * 0.6),
              year_ - random_.Between(29, 50));
      }
    }
    // A few GPs present less than two days a week (seed 004 §4.2.1).
    if (random_.Chance(0.05)) All<Affiliation>().back().days_present_per_week = 1;

    int n = p.registered_patients;
    for (int i = 0; i < std::max(1, n / 1800); ++i) {
      AddTeamMember(p, AffiliationRole::kAssistant, random_.Between(0.5, 0.9));
    }
    if (n >= 2000) {
      for (int i = 0; i < std::max(1, n / 3500); ++i) {
        AddTeamMember(p, AffiliationRole::kNursePractitioner, random_.Between(0.4, 0.8));
      }
    }
    for (int i = 0; i < n / 6000; ++i) {
      AddTeamMember(p, AffiliationRole::kMentalHealthPractitioner, random_.Between(0.3, 0.6));
    }
    if (!solo && p.form != PracticeForm::kDuo) {
      AddTeamMember(p, AffiliationRole::kPracticeManager, random_.Between(0.5, 1.0));
      if (random_.Chance(0.5)) AddTeamMember(p, AffiliationRole::kGpTrainee, 1.0);
      if (random_.Chance(0.3)) AddTeamMember(p, AffiliationRole::kPhysicianAssistant, 0.8);
    }
    if (company_owned_.count(p.agb)) AddTeamMember(p, AffiliationRole::kNurseSpecialist, 0.8);
  }

  void AddContracts() {
    const auto& practices = All<Practice>();
    std::set<std::pair<std::string, std::string>> pairs;
    for (const auto& p : practices) {
      // Nearest practices, those within the wijk first: the usual contract partners.
      std::vector<std::pair<double, const Practice*>> others;
      for (const auto& q : practices) {
        if (q.agb == p.agb) continue;
        double d = DistanceKm(*p.latitude, *p.longitude, *q.latitude, *q.longitude);
        if (q.district_code != p.district_code) d += 50;  // rank other wijken last
        others.emplace_back(d, &q);
      }
      std::sort(others.begin(), others.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      int wanted = random_.Chance(0.3) ? 2 : 1;
      for (int i = 0; i < wanted; ++i) {
        const Practice* partner = others[static_cast<std::size_t>(i)].second;
        // Some old contracts point outside the wijk (seed 000 §4: are they still logical?).
        if (random_.Chance(0.12))
          partner = others[others.size() / 2 + random_.Between(0, 5)].second;
        auto key = std::minmax(p.agb, partner->agb);
        if (!pairs.insert({key.first, key.second}).second) continue;
        ContinuityContract c;
        c.practice_a_agb = key.first;
        c.practice_b_agb = key.second;
        c.since = DaysAgo(4 * 365, 14 * 365);
        // Most reviewed within the year; some years ago; some never since signing.
        double r = random_.Unit();
        if (r < 0.6) {
          c.last_reviewed = DaysAgo(10, 330);
        } else if (r < 0.85) {
          c.last_reviewed = std::max(c.since, DaysAgo(400, 4 * 365));
        }
        c.cover_days = random_.Chance(0.85) ? 7 : 14;
        c.patients_covered = random_.Chance(0.8) ? "Alle ingeschreven patiënten; spoed en "
                                                   "urgente zorg, geen controles"
                                                 : "";
        c.triage_and_phone = random_.Chance(0.7) ? "Telefoon doorgeschakeld naar de partner; "
                                                   "triage door diens assistenten"
                                                 : "";
        c.responsibility_shift = random_.Chance(0.6) ? "Medische eindverantwoordelijkheid voor "
                                                       "acute zorg gaat tijdelijk naar de partner"
                                                     : "";
        All<ContinuityContract>().push_back(c);
      }
    }
  }

  void AddCrisisRoles() {
    // seed 002 §5: the RHO crisis team, each role with a primary and a substitute.
    struct RoleSpec {
      std::string code;
      CrisisRoleKind kind;
    };
    const std::vector<RoleSpec> team{
        {"CT-VOORZITTER", CrisisRoleKind::kChair},
        {"CT-MA-ANW", CrisisRoleKind::kMedicalAdviserOutOfHours},
        {"CT-MA-DAG", CrisisRoleKind::kMedicalAdviserOfficeHours},
        {"CT-ORG", CrisisRoleKind::kOrganisationalAdviser},
        {"CT-LOGGER", CrisisRoleKind::kLogger},
        {"CT-ICO", CrisisRoleKind::kInformationCoordinator},
        {"CT-COMM", CrisisRoleKind::kCommunicationAdviser},
        {"CC-1", CrisisRoleKind::kCrisisCoordinator},
        {"CC-2", CrisisRoleKind::kCrisisCoordinator},
        {"MELDPUNT", CrisisRoleKind::kReportingPoint},
    };
    for (const auto& spec : team) {
      CrisisRole role;
      role.code = spec.code;
      role.kind = spec.kind;
      role.primary_person_code = NewPerson("RHO", std::nullopt, true);
      // One role still lacks a substitute: the kind of gap the registry must show.
      if (spec.code != "CT-ICO") role.substitute_person_code = NewPerson("RHO", std::nullopt, true);
      All<CrisisRole>().push_back(role);
    }
    // seed 002 §5.1: every hagro has a crisis coordinator and a substitute, both GPs there.
    std::map<std::string, std::vector<std::string>> gps_by_group;
    for (const auto& p : All<Practice>()) {
      for (const auto& gp : gps_by_practice_[p.agb]) gps_by_group[p.gp_group_code].push_back(gp);
    }
    for (const auto& group : All<GpGroup>()) {
      auto& gps = gps_by_group[group.code];
      CrisisRole role;
      role.code = "HCC-" + group.code.substr(4);
      role.kind = CrisisRoleKind::kGroupCrisisCoordinator;
      role.gp_group_code = group.code;
      if (gps.empty()) continue;
      role.primary_person_code = gps[0];
      // A hagro of one GP (a small municipality in the national registry) has no substitute.
      if (group.code != "HAG-VAL" && gps.size() > 1) role.substitute_person_code = gps[1];
      All<CrisisRole>().push_back(role);
    }
  }

  void AddContacts() {
    int serial = 0;
    for (const auto& o : All<Organisation>()) {
      Contact c;
      c.code = "CON-" + std::to_string(100 + ++serial);
      c.organisation_code = o.code;
      switch (o.kind) {
        case OrganisationKind::kOutOfHoursPost:
          c.name = "Regiearts";
          c.function = "Dienstdoende regiearts ANW";
          break;
        case OrganisationKind::kGhor:
          c.name = "Meldkamer GHOR";
          c.function = "24/7 bereikbaar voor opschaling";
          break;
        case OrganisationKind::kInsurer:
          c.name = "Zorginkoper huisartsenzorg";
          c.function = "Zorgplicht en financiering";
          break;
        case OrganisationKind::kHisSupplier:
          c.name = "Storingsdienst";
          c.function = "HIS-storingen en noodtoegang";
          break;
        case OrganisationKind::kPharmacy:
          c.name = "Dienstdoende apotheker";
          c.function = "Medicatie en herhaalrecepten";
          break;
        default:
          c.name = "Algemeen contact";
          c.function = "Eerste aanspreekpunt";
          break;
      }
      c.phone = Phone(random_);
      if (o.kind == OrganisationKind::kGhor || o.kind == OrganisationKind::kOutOfHoursPost) {
        c.phone_alternative = Phone(random_);
      }
      c.email = Email("contact." + LowerCode(o.code));
      All<Contact>().push_back(c);
    }
  }

  void AddCalamityCards() {
    for (const auto& p : All<Practice>()) {
      CalamityCard c;
      c.practice_agb = p.agb;
      bool complete = random_.Chance(0.55);
      auto item = [&](const std::string& text) {
        return complete || random_.Chance(0.6) ? text : std::string();
      };
      c.authorised_persons = item("Gemachtigde: de partner uit het continuïteitscontract");
      c.contact_persons = item("Praktijkmanager en eerste assistente (telefoon in contactlijst)");
      c.salary_payment_authority = item("Boekhouder van de praktijk, met volmacht");
      c.bank_access = item("Praktijkhouder en boekhouder");
      c.billing_continuity = item("Administratiekantoor, declaraties via Vektis");
      c.suppliers = item("Leverancierslijst in de map 'Calamiteiten' op de praktijkserver");
      c.insurances = item("Polissen in de brandkast, kopie bij de boekhouder");
      c.ict_phone_contacts = item("Storingsnummer HIS-leverancier en telefonieleverancier");
      c.his_access_route = item("Noodaccount via de HIS-leverancier na legitimatie");
      c.password_location = item("Verzegelde envelop in de kluis van de praktijkmanager");
      c.second_agb_linked_vektis = complete || random_.Chance(0.4);
      c.practice_will_present = complete || random_.Chance(0.3);
      c.emergency_response_plan = random_.Chance(0.8);
      c.last_updated = complete ? DaysAgo(5, 330) : DaysAgo(400, 3 * 365);
      All<CalamityCard>().push_back(c);
    }
  }

  DemoRandom random_;
  // seed 004: the Wtza/Wkkgz/Wmg checks for the practices not owned by GPs. The RHO's own
  // takeover passes them; one company has a gap; the other was never fully checked.
  void AddGovernanceChecks() {
    int company = 0;
    for (const auto& p : All<Practice>()) {
      if (p.owner_kind != OwnerKind::kOtherParty) continue;
      const bool rho = takeover_.count(p.agb) > 0;
      const int which = rho ? -1 : company++;
      for (const auto& item : GOVERNANCE_ITEMS) {
        if (which == 1 && (item.value == GovernanceItem::kLawfulClaims ||
                           item.value == GovernanceItem::kOrderlyAdministration)) {
          continue;  // never checked
        }
        GovernanceCheck check;
        check.practice_agb = p.agb;
        check.item = item.value;
        check.status = CheckStatus::kMet;
        if (item.value == GovernanceItem::kInternalSupervision && !rho) {
          check.status = CheckStatus::kNotApplicable;  // too small for the Wtza requirement
        } else {
          check.checked_on = DaysAgo(20, 300);
        }
        if (which == 0 && item.value == GovernanceItem::kQualitySystem) {
          check.status = CheckStatus::kNotMet;
          check.note = "Geen jaarlijkse kwaliteitscyclus aantoonbaar (demo)";
        }
        if (which == 1 && item.value == GovernanceItem::kMedicalResponsibility) {
          check.status = CheckStatus::kNotMet;
          check.note = "Geen huisarts aangewezen als medisch eindverantwoordelijke (demo)";
        }
        All<GovernanceCheck>().push_back(check);
      }
    }
  }

  std::chrono::year_month_day today_;
  int year_;
  bool national_;
  std::vector<MunicipalityPlan> plans_;
  int person_serial_ = 0;
  RegistryRecords records_;
  std::set<std::string> planted_, company_owned_, without_responsible_gp_, overloaded_, takeover_;
  std::set<std::string> used_names_;  // practice names given so far: each one once
  std::map<std::string, std::vector<std::string>> gps_by_practice_;
};

}  // namespace

RegistryRecords BuildDemoRegion(const DemoRegionOptions& options) {
  RegistryRecords records = DemoBuilder(options).Build();
  AddDemoProgrammes(records, options.seed, options.today);
  return records;
}

}  // namespace vangnet
