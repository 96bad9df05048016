#include "core/monitor.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "core/date.hpp"

namespace vangnet {

namespace {

using Check = std::optional<std::string> (*)(const PracticeSnapshot&, const SignalRule&,
                                             const MonitorSettings&, std::chrono::year_month_day);

bool IsGp(const StaffMember& m) {
  return IsGpRole(m.affiliation.role);
}

int MonthsSince(const std::string& iso_date, std::chrono::year_month_day today) {
  auto date = ParseDate(iso_date);
  if (!date) return 1 << 20;
  return (static_cast<int>(today.year()) - static_cast<int>(date->year())) * 12 +
         static_cast<int>(static_cast<unsigned>(today.month())) -
         static_cast<int>(static_cast<unsigned>(date->month())) -
         (static_cast<unsigned>(today.day()) < static_cast<unsigned>(date->day()) ? 1 : 0);
}

int Year(std::chrono::year_month_day today) {
  return static_cast<int>(today.year());
}

std::optional<std::string> OwnerNotGp(const PracticeSnapshot& s, const SignalRule&,
                                      const MonitorSettings&, std::chrono::year_month_day) {
  if (s.practice.owner_kind == OwnerKind::kGpHolders) return std::nullopt;
  return "eigenaar: " + std::string(EnumLabel(OWNER_KINDS, s.practice.owner_kind)) +
         (s.practice.owner_name.empty() ? "" : " (" + s.practice.owner_name + ")");
}

std::optional<std::string> PatientsPerFteCheck(const PracticeSnapshot& s, const SignalRule& rule,
                                               const MonitorSettings&,
                                               std::chrono::year_month_day) {
  const double fte = GpFte(s);
  auto per_fte = PatientsPerFte(s.practice, fte);
  if (!per_fte) {
    if (s.practice.registered_patients <= 0) return std::nullopt;
    return FormatDutchNumber(s.practice.registered_patients) +
           " patiënten en geen huisarts-fte bekend";
  }
  if (*per_fte <= rule.threshold.value_or(4000)) return std::nullopt;
  return FormatDutchNumber(*per_fte) + " patiënten per fte (" +
         FormatDutchNumber(s.practice.registered_patients) + " patiënten, " +
         FormatDutchNumber(fte, 1) + " fte huisarts)";
}

std::optional<std::string> NoGpPresent(const PracticeSnapshot& s, const SignalRule&,
                                       const MonitorSettings&, std::chrono::year_month_day) {
  bool any_gp = false;
  for (const auto& m : s.staff) {
    if (!IsGp(m)) continue;
    any_gp = true;
    if (m.affiliation.days_present_per_week.value_or(0) > 0) return std::nullopt;
  }
  return any_gp ? "bij geen van de huisartsen zijn aanwezige dagen bekend"
                : "geen huisarts aan de praktijk verbonden";
}

std::optional<std::string> NoMedicallyResponsible(const PracticeSnapshot& s, const SignalRule&,
                                                  const MonitorSettings&,
                                                  std::chrono::year_month_day) {
  if (!s.practice.medically_responsible_person_code.empty()) return std::nullopt;
  return "geen medisch eindverantwoordelijke huisarts vastgelegd";
}

std::optional<std::string> LittleCooperation(const PracticeSnapshot& s, const SignalRule&,
                                             const MonitorSettings&, std::chrono::year_month_day) {
  std::vector<std::string> gaps;
  if (s.practice.gp_group_code.empty()) gaps.push_back("geen hagro");
  if (!s.practice.in_out_of_hours_rota) gaps.push_back("niet in het HAP-rooster");
  if (gaps.empty()) return std::nullopt;
  return gaps.size() == 2 ? gaps[0] + " en " + gaps[1] : gaps[0];
}

std::optional<std::string> PresenceBelowTwoDays(const PracticeSnapshot& s, const SignalRule& rule,
                                                const MonitorSettings&,
                                                std::chrono::year_month_day) {
  const int minimum = static_cast<int>(rule.threshold.value_or(2));
  int below = 0;
  for (const auto& m : s.staff) {
    // Locums cover sickness and peaks; the rule is about the practice's own GPs.
    if (m.affiliation.role != AffiliationRole::kHolder &&
        m.affiliation.role != AffiliationRole::kEmployedGp) {
      continue;
    }
    if (m.affiliation.days_present_per_week && *m.affiliation.days_present_per_week < minimum) {
      ++below;
    }
  }
  if (!below) return std::nullopt;
  return std::to_string(below) + (below == 1 ? " huisarts" : " huisartsen") + " minder dan " +
         std::to_string(minimum) + " dagen per week aanwezig";
}

std::optional<std::string> PaVsWithoutGp(const PracticeSnapshot& s, const SignalRule&,
                                         const MonitorSettings&, std::chrono::year_month_day) {
  int pa_vs = 0;
  bool gp_present = false;
  for (const auto& m : s.staff) {
    pa_vs += m.affiliation.role == AffiliationRole::kPhysicianAssistant ||
             m.affiliation.role == AffiliationRole::kNurseSpecialist;
    gp_present = gp_present || (IsGp(m) && m.affiliation.days_present_per_week.value_or(0) > 0);
  }
  if (!pa_vs || gp_present) return std::nullopt;
  return std::to_string(pa_vs) + " PA/VS, geen huisarts met bekende aanwezigheid";
}

std::optional<std::string> AniosSupervision(const PracticeSnapshot& s, const SignalRule& rule,
                                            const MonitorSettings&, std::chrono::year_month_day) {
  int anios = 0, gps = 0;
  for (const auto& m : s.staff) {
    anios += m.affiliation.role == AffiliationRole::kJuniorDoctor;
    gps += m.affiliation.role == AffiliationRole::kHolder ||
           m.affiliation.role == AffiliationRole::kEmployedGp;
  }
  const double per_supervisor = rule.threshold.value_or(1);
  if (anios == 0 || anios <= gps * per_supervisor) return std::nullopt;
  return std::to_string(anios) + " ANIOS voor " + std::to_string(gps) +
         (gps == 1 ? " vaste huisarts" : " vaste huisartsen");
}

// seed 004 §4.2.1: an insurer is critical when no fixed GP is attached to the practice and only
// changing locums give the care.
std::optional<std::string> NoFixedGp(const PracticeSnapshot& s, const SignalRule&,
                                     const MonitorSettings&, std::chrono::year_month_day) {
  int locums = 0;
  for (const auto& m : s.staff) {
    if (m.affiliation.role == AffiliationRole::kHolder ||
        m.affiliation.role == AffiliationRole::kEmployedGp) {
      return std::nullopt;
    }
    locums += m.affiliation.role == AffiliationRole::kLocum;
  }
  if (locums == 0) return std::nullopt;  // no GP at all: no_gp_present says so
  return "alleen " + std::to_string(locums) + (locums == 1 ? " waarnemer" : " waarnemers") +
         ", geen praktijkhouder of HIDHA";
}

// seed 004 §4.2.3 (kernpunten gezamenlijk): a GP trainee (AIOS) is always supervised by a GP of
// the practice who is there for advice.
std::optional<std::string> AiosWithoutSupervisor(const PracticeSnapshot& s, const SignalRule&,
                                                 const MonitorSettings&,
                                                 std::chrono::year_month_day) {
  int trainees = 0;
  for (const auto& m : s.staff) {
    if (m.affiliation.role == AffiliationRole::kHolder ||
        m.affiliation.role == AffiliationRole::kEmployedGp) {
      return std::nullopt;
    }
    trainees += m.affiliation.role == AffiliationRole::kGpTrainee;
  }
  if (trainees == 0) return std::nullopt;
  return std::to_string(trainees) + " AIOS en geen vaste huisarts als supervisor";
}

std::optional<std::string> SoloWithoutBackup(const PracticeSnapshot& s, const SignalRule&,
                                             const MonitorSettings&, std::chrono::year_month_day) {
  if (s.practice.form != PracticeForm::kSolo || !CoverWhenAway(s).empty()) return std::nullopt;
  return "solopraktijk zonder HIDHA, vaste waarnemer of afgesproken onderlinge waarneming";
}

std::optional<std::string> ContractMissing(const PracticeSnapshot& s, const SignalRule&,
                                           const MonitorSettings&, std::chrono::year_month_day) {
  if (!s.contracts.empty()) return std::nullopt;
  return "geen continuïteitscontract vastgelegd";
}

std::optional<std::string> ContractOutsideDistrict(const PracticeSnapshot& s, const SignalRule&,
                                                   const MonitorSettings&,
                                                   std::chrono::year_month_day) {
  std::vector<std::string> outside;
  for (const auto& c : s.contracts) {
    if (!c.partner.district_code.empty() && !s.practice.district_code.empty() &&
        c.partner.district_code != s.practice.district_code) {
      outside.push_back(c.partner.agb + " (" + c.partner.district_code + ")");
    }
  }
  if (outside.empty()) return std::nullopt;
  std::string text = "partner buiten de wijk: ";
  for (std::size_t i = 0; i < outside.size(); ++i) text += (i ? ", " : "") + outside[i];
  return text;
}

std::optional<std::string> ContractNotReviewed(const PracticeSnapshot& s, const SignalRule& rule,
                                               const MonitorSettings&,
                                               std::chrono::year_month_day today) {
  const int limit = static_cast<int>(rule.threshold.value_or(12));
  int stale = 0;
  for (const auto& c : s.contracts) {
    stale +=
        c.contract.last_reviewed.empty() || MonthsSince(c.contract.last_reviewed, today) >= limit;
  }
  if (!stale) return std::nullopt;
  return std::to_string(stale) + " van " + std::to_string(s.contracts.size()) +
         " contracten niet herzien in de laatste " + std::to_string(limit) + " maanden";
}

std::optional<std::string> ContractPartnerAtRisk(const PracticeSnapshot& s, const SignalRule&,
                                                 const MonitorSettings&,
                                                 std::chrono::year_month_day) {
  std::vector<std::string> risky;
  for (const auto& c : s.contracts) {
    std::string why;
    if (!c.partner.active) {
      why = "niet actief";
    } else if (c.partner.patient_stop) {
      why = "patiëntenstop";
    } else if (c.partner.patients_per_fte && *c.partner.patients_per_fte > 4000) {
      why = FormatDutchNumber(*c.partner.patients_per_fte) + " patiënten per fte";
    }
    if (!why.empty()) risky.push_back(c.partner.agb + ": " + why);
  }
  if (risky.empty()) return std::nullopt;
  std::string text;
  for (std::size_t i = 0; i < risky.size(); ++i) text += (i ? "; " : "") + risky[i];
  return text;
}

std::optional<std::string> CardIncomplete(const PracticeSnapshot& s, const SignalRule&,
                                          const MonitorSettings&, std::chrono::year_month_day) {
  if (!s.card) return "geen calamiteitenkaart";
  const CalamityCard& c = *s.card;
  int missing = 0;
  for (const std::string* field :
       {&c.authorised_persons, &c.contact_persons, &c.salary_payment_authority, &c.bank_access,
        &c.billing_continuity, &c.suppliers, &c.insurances, &c.ict_phone_contacts,
        &c.his_access_route, &c.password_location}) {
    missing += field->empty();
  }
  if (!missing) return std::nullopt;
  return std::to_string(missing) + " van 10 onderdelen niet ingevuld";
}

std::optional<std::string> CardStale(const PracticeSnapshot& s, const SignalRule& rule,
                                     const MonitorSettings&, std::chrono::year_month_day today) {
  if (!s.card) return std::nullopt;  // a missing card is the other signal
  const int limit = static_cast<int>(rule.threshold.value_or(12));
  if (s.card->last_updated.empty()) return "nooit nagelopen";
  const int months = MonthsSince(s.card->last_updated, today);
  if (months < limit) return std::nullopt;
  return "laatst nagelopen " + s.card->last_updated + " (" + std::to_string(months) +
         " maanden geleden)";
}

std::optional<std::string> NoAuthorisedPerson(const PracticeSnapshot& s, const SignalRule&,
                                              const MonitorSettings&, std::chrono::year_month_day) {
  if (s.card && !s.card->authorised_persons.empty()) return std::nullopt;
  return "geen gemachtigde op de calamiteitenkaart";
}

std::optional<std::string> NoPracticeWill(const PracticeSnapshot& s, const SignalRule&,
                                          const MonitorSettings&, std::chrono::year_month_day) {
  if (s.card && s.card->practice_will_present) return std::nullopt;
  return "geen praktijktestament bekend";
}

std::optional<std::string> Holder60WithoutSuccessor(const PracticeSnapshot& s,
                                                    const SignalRule& rule, const MonitorSettings&,
                                                    std::chrono::year_month_day today) {
  const int age = static_cast<int>(rule.threshold.value_or(60));
  if (SuccessorSigned(s)) return std::nullopt;
  int count = 0;
  for (const auto& m : s.staff) {
    if (m.affiliation.role != AffiliationRole::kHolder || !m.birth_year) continue;
    if (Year(today) - *m.birth_year >= age && m.affiliation.successor != SuccessorStatus::kKnown) {
      ++count;
    }
  }
  if (!count) return std::nullopt;
  // No age or name here: the insurer liaison may read signal details.
  std::string text = std::to_string(count) + (count == 1 ? " praktijkhouder" : " praktijkhouders") +
                     " van " + std::to_string(age) + "+ zonder bekende opvolger";
  if (s.trajectory && IsRunning(*s.trajectory)) {
    text += "; traject loopt (" + std::string(EnumLabel(TRAJECTORY_STAGES, s.trajectory->stage)) +
            ", volgende stap vóór " + s.trajectory->next_due + ")";
  }
  return text;
}

std::optional<std::string> GovernanceIncomplete(const PracticeSnapshot& s, const SignalRule& rule,
                                                const MonitorSettings&,
                                                std::chrono::year_month_day today) {
  if (s.practice.owner_kind == OwnerKind::kGpHolders) return std::nullopt;
  const int limit = static_cast<int>(rule.threshold.value_or(12));
  std::vector<std::string> open;
  for (const auto& item : GOVERNANCE_ITEMS) {
    auto check = std::find_if(s.governance.begin(), s.governance.end(),
                              [&](const GovernanceCheck& g) { return g.item == item.value; });
    std::string why;
    if (check == s.governance.end()) {
      why = "niet gecontroleerd";
    } else if (check->status == CheckStatus::kNotMet) {
      why = "niet op orde";
    } else if (check->status == CheckStatus::kMet &&
               MonthsSince(check->checked_on, today) >= limit) {
      why = "controle ouder dan " + std::to_string(limit) + " maanden";
    }
    if (!why.empty()) open.push_back(std::string(item.code) + " (" + why + ")");
  }
  if (open.empty()) return std::nullopt;
  std::string text = std::to_string(open.size()) + " van " +
                     std::to_string(GOVERNANCE_ITEMS.size()) + " eisen open: ";
  for (std::size_t i = 0; i < open.size(); ++i) text += (i ? ", " : "") + open[i];
  return text;
}

struct KnownSignal {
  const char* id;
  Check check;
  bool needs_threshold;
};

const std::vector<KnownSignal>& Known() {
  static const std::vector<KnownSignal> known{
      {"owner_not_gp", OwnerNotGp, false},
      {"patients_per_fte", PatientsPerFteCheck, true},
      {"no_gp_present", NoGpPresent, false},
      {"no_medically_responsible", NoMedicallyResponsible, false},
      {"little_cooperation", LittleCooperation, false},
      {"gp_presence_below_two_days", PresenceBelowTwoDays, true},
      {"pa_vs_without_gp", PaVsWithoutGp, false},
      {"anios_supervision", AniosSupervision, true},
      {"aios_without_supervisor", AiosWithoutSupervisor, false},
      {"no_fixed_gp", NoFixedGp, false},
      {"solo_without_backup", SoloWithoutBackup, false},
      {"contract_missing", ContractMissing, false},
      {"contract_outside_district", ContractOutsideDistrict, false},
      {"contract_not_reviewed", ContractNotReviewed, true},
      {"contract_partner_at_risk", ContractPartnerAtRisk, false},
      {"calamity_card_incomplete", CardIncomplete, false},
      {"calamity_card_stale", CardStale, true},
      {"no_authorised_person", NoAuthorisedPerson, false},
      {"no_practice_will", NoPracticeWill, false},
      {"holder_60_without_successor", Holder60WithoutSuccessor, true},
      {"governance_incomplete", GovernanceIncomplete, true},
  };
  return known;
}

// The stop year of a holder: given, else birth year + default stop age; nullopt if neither.
std::optional<std::pair<int, bool>> StopYear(const StaffMember& m,
                                             const MonitorSettings& settings) {
  if (m.affiliation.expected_stop_year) return std::pair{*m.affiliation.expected_stop_year, false};
  if (m.birth_year) return std::pair{*m.birth_year + settings.default_stop_age, true};
  return std::nullopt;
}

}  // namespace

int SeverityWeight(Severity severity) {
  switch (severity) {
    case Severity::kHigh:
      return 3;
    case Severity::kMedium:
      return 2;
    case Severity::kLow:
      return 1;
  }
  return 1;
}

const SignalRule* SignalNorms::Find(std::string_view id) const {
  for (const auto& rule : rules) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

const std::vector<std::string>& KnownSignalIds() {
  static const std::vector<std::string> ids = [] {
    std::vector<std::string> out;
    for (const auto& k : Known()) out.emplace_back(k.id);
    return out;
  }();
  return ids;
}

Errors ValidateNorms(const SignalNorms& norms) {
  Errors errors;
  auto fail = [&](int line, const std::string& field, const std::string& message) {
    Error e = Error::Validation(field, message);
    e.file = norms.file;
    e.row = line;
    errors.push_back(std::move(e));
  };
  std::set<std::string> seen;
  for (const auto& rule : norms.rules) {
    auto known = std::find_if(Known().begin(), Known().end(),
                              [&](const KnownSignal& k) { return rule.id == k.id; });
    if (known == Known().end()) {
      fail(rule.line, "id", "onbekend signaal '" + rule.id + "'");
      continue;
    }
    if (!seen.insert(rule.id).second)
      fail(rule.line, "id", "signaal '" + rule.id + "' staat er twee keer in");
    if (rule.label.empty()) fail(rule.line, "label", "verplicht veld ontbreekt");
    if (rule.source.empty()) fail(rule.line, "source", "elk signaal noemt zijn bron");
    if (known->needs_threshold && !rule.threshold) {
      fail(rule.line, "threshold", "dit signaal heeft een drempel nodig");
    }
  }
  for (const auto& k : Known()) {
    if (!seen.count(k.id)) fail(0, "signals", std::string("signaal '") + k.id + "' ontbreekt");
  }
  if (norms.settings.norm_patients_per_fte <= 0) {
    fail(0, "settings.norm_patients_per_fte", "moet groter zijn dan 0");
  }
  return errors;
}

double GpFte(const PracticeSnapshot& snapshot) {
  double fte = 0;
  for (const auto& m : snapshot.staff) {
    if (IsGp(m)) fte += m.affiliation.fte.value_or(0);
  }
  return fte;
}

std::optional<double> PatientsPerFte(const Practice& practice, double gp_fte) {
  if (gp_fte <= 0) return std::nullopt;
  return practice.registered_patients / gp_fte;
}

long long Headroom(const PracticeSnapshot& snapshot, const MonitorSettings& settings) {
  const double room =
      GpFte(snapshot) * settings.norm_patients_per_fte - snapshot.practice.registered_patients;
  return room > 0 ? static_cast<long long>(std::floor(room)) : 0;
}

std::vector<SignalHit> EvaluateSignals(const PracticeSnapshot& snapshot, const SignalNorms& norms,
                                       std::chrono::year_month_day today) {
  std::vector<SignalHit> hits;
  for (const auto& rule : norms.rules) {
    auto known = std::find_if(Known().begin(), Known().end(),
                              [&](const KnownSignal& k) { return rule.id == k.id; });
    if (known == Known().end()) continue;
    if (auto detail = known->check(snapshot, rule, norms.settings, today)) {
      hits.push_back({rule.id, rule.label, rule.severity, *detail, rule.source});
    }
  }
  return hits;
}

int RiskScore(const std::vector<SignalHit>& hits) {
  int score = 0;
  for (const auto& hit : hits) score += SeverityWeight(hit.severity);
  return score;
}

int HoldersStoppedBy(const PracticeSnapshot& practice, const MonitorSettings& settings, int year) {
  int stopped = 0;
  for (const auto& m : practice.staff) {
    if (m.affiliation.role != AffiliationRole::kHolder) continue;
    if (auto stop = StopYear(m, settings); stop && stop->first <= year) ++stopped;
  }
  return stopped;
}

std::string CoverWhenAway(const PracticeSnapshot& s) {
  bool employed = false, locum = false;
  for (const auto& m : s.staff) {
    employed = employed || m.affiliation.role == AffiliationRole::kEmployedGp;
    locum = locum || m.affiliation.role == AffiliationRole::kLocum;
  }
  // A backup agreed with another practice counts as well (seed 000 §2: the programme from solo
  // to working together).
  const bool mutual = s.collaboration && s.collaboration->mutual_backup;
  std::string text;
  for (const auto& [has, words] :
       {std::pair{employed, "HIDHA"}, std::pair{mutual, "onderlinge waarneming"},
        std::pair{locum, "vaste waarnemer"}}) {
    if (has) text += (text.empty() ? "" : ", ") + std::string(words);
  }
  return text;
}

bool SuccessorSigned(const PracticeSnapshot& snapshot) {
  return snapshot.trajectory && snapshot.trajectory->successor_signed &&
         snapshot.trajectory->stage != TrajectoryStage::kStopped;
}

bool StopsWithoutSuccessorBy(const PracticeSnapshot& practice, const MonitorSettings& settings,
                             int year) {
  int holders = 0;
  bool successor_known = SuccessorSigned(practice);
  for (const auto& m : practice.staff) {
    if (m.affiliation.role != AffiliationRole::kHolder) continue;
    ++holders;
    successor_known = successor_known || m.affiliation.successor == SuccessorStatus::kKnown;
  }
  return holders > 0 && !successor_known && HoldersStoppedBy(practice, settings, year) == holders;
}

std::vector<SuccessionYear> SuccessionRadar(const std::vector<PracticeSnapshot>& practices,
                                            const MonitorSettings& settings, int this_year,
                                            int years) {
  std::vector<SuccessionYear> radar;
  for (int year = this_year; year <= this_year + years; ++year) {
    SuccessionYear row;
    row.year = year;
    for (const auto& p : practices) {
      row.holders_stopped += HoldersStoppedBy(p, settings, year);
      if (StopsWithoutSuccessorBy(p, settings, year)) {
        ++row.practices_without_successor;
        row.patients_affected += p.practice.registered_patients;
      }
    }
    radar.push_back(row);
  }
  return radar;
}

std::vector<ConversationCandidate> ConversationsThisYear(
    const std::vector<PracticeSnapshot>& practices, const MonitorSettings& settings,
    int this_year) {
  std::vector<ConversationCandidate> out;
  for (const auto& p : practices) {
    for (const auto& m : p.staff) {
      if (m.affiliation.role != AffiliationRole::kHolder || !m.birth_year) continue;
      const int age = this_year - *m.birth_year;
      if (age < settings.conversation_age) continue;
      auto stop = StopYear(m, settings);
      ConversationCandidate candidate;
      candidate.person_code = m.affiliation.person_code;
      candidate.practice_agb = p.practice.agb;
      candidate.age = age;
      candidate.expected_stop_year = stop ? stop->first : 0;
      candidate.stop_year_assumed = stop && stop->second;
      candidate.successor = m.affiliation.successor;
      if (SuccessorSigned(p)) candidate.successor = SuccessorStatus::kKnown;
      if (p.trajectory) candidate.trajectory = p.trajectory->stage;
      out.push_back(std::move(candidate));
    }
  }
  // The nearest stop first: those conversations are the most urgent.
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.expected_stop_year, b.age) < std::tie(b.expected_stop_year, a.age);
  });
  return out;
}

}  // namespace vangnet
