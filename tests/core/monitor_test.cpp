// Every signal at, below and above its threshold, on hand-made practice snapshots.
#include "core/monitor.hpp"

#include <gtest/gtest.h>

namespace vangnet {
namespace {

using std::chrono::year_month_day;
constexpr year_month_day kToday{std::chrono::year{2026}, std::chrono::month{11},
                                std::chrono::day{23}};

SignalNorms Norms() {
  SignalNorms norms;
  for (const auto& id : KnownSignalIds()) {
    SignalRule rule;
    rule.id = id;
    rule.label = id;
    rule.source = "test";
    if (id == "patients_per_fte") rule.threshold = 4000;
    if (id == "gp_presence_below_two_days") rule.threshold = 2;
    if (id == "anios_supervision") rule.threshold = 1;
    if (id == "contract_not_reviewed" || id == "calamity_card_stale") rule.threshold = 12;
    if (id == "holder_60_without_successor") rule.threshold = 60;
    if (id == "governance_incomplete") rule.threshold = 12;
    norms.rules.push_back(rule);
  }
  return norms;
}

StaffMember Staff(AffiliationRole role, double fte, int days, std::optional<int> born = 1975) {
  StaffMember m;
  m.affiliation.role = role;
  m.affiliation.person_code = "P" + std::to_string(static_cast<int>(role)) + std::to_string(days);
  m.affiliation.fte = fte;
  m.affiliation.days_present_per_week = days;
  m.birth_year = born;
  return m;
}

// A healthy duo practice: nothing fires.
PracticeSnapshot Healthy() {
  PracticeSnapshot s;
  s.practice.agb = "01000001";
  s.practice.form = PracticeForm::kDuo;
  s.practice.registered_patients = 4000;
  s.practice.gp_group_code = "HAG-1";
  s.practice.district_code = "W1";
  s.practice.medically_responsible_person_code = "HA-1";
  s.staff = {Staff(AffiliationRole::kHolder, 1.0, 4), Staff(AffiliationRole::kHolder, 1.0, 4)};
  ContractView c;
  c.contract.last_reviewed = "2026-06-01";
  c.partner = {"01000002", "W1", false, true, 2000.0};
  s.contracts = {c};
  CalamityCard card;
  for (std::string* f :
       {&card.authorised_persons, &card.contact_persons, &card.salary_payment_authority,
        &card.bank_access, &card.billing_continuity, &card.suppliers, &card.insurances,
        &card.ict_phone_contacts, &card.his_access_route, &card.password_location}) {
    *f = "ingevuld";
  }
  card.practice_will_present = true;
  card.last_updated = "2026-03-01";
  s.card = card;
  return s;
}

std::vector<std::string> Fired(const PracticeSnapshot& s) {
  std::vector<std::string> ids;
  for (const auto& hit : EvaluateSignals(s, Norms(), kToday)) ids.push_back(hit.id);
  return ids;
}

bool Fires(const PracticeSnapshot& s, const std::string& id) {
  auto ids = Fired(s);
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

TEST(MonitorSignals, AHealthyPracticeRaisesNothing) {
  EXPECT_EQ(Fired(Healthy()), std::vector<std::string>{});
}

TEST(MonitorSignals, PatientsPerFteAtBelowAndAboveFourThousand) {
  PracticeSnapshot s = Healthy();
  s.practice.registered_patients = 8000;  // 2 FTE: exactly 4000 per FTE
  EXPECT_FALSE(Fires(s, "patients_per_fte"));
  s.practice.registered_patients = 7998;
  EXPECT_FALSE(Fires(s, "patients_per_fte"));
  s.practice.registered_patients = 8002;
  EXPECT_TRUE(Fires(s, "patients_per_fte"));
  auto hits = EvaluateSignals(s, Norms(), kToday);
  EXPECT_EQ(hits[0].detail, "4.001 patiënten per fte (8.002 patiënten, 2,0 fte huisarts)");
  s.staff.clear();  // no GP FTE known at all
  EXPECT_TRUE(Fires(s, "patients_per_fte"));
}

TEST(MonitorSignals, OwnerOrganisationAndCooperation) {
  PracticeSnapshot s = Healthy();
  s.practice.owner_kind = OwnerKind::kOtherParty;
  s.practice.owner_name = "Zorgketen BV";
  EXPECT_TRUE(Fires(s, "owner_not_gp"));
  s = Healthy();
  s.practice.medically_responsible_person_code.clear();
  EXPECT_TRUE(Fires(s, "no_medically_responsible"));
  s = Healthy();
  s.practice.in_out_of_hours_rota = false;
  EXPECT_TRUE(Fires(s, "little_cooperation"));
  s = Healthy();
  s.practice.gp_group_code.clear();
  EXPECT_TRUE(Fires(s, "little_cooperation"));
}

TEST(MonitorSignals, GpPresenceAtBelowAndAboveTwoDays) {
  PracticeSnapshot s = Healthy();
  s.staff[1].affiliation.days_present_per_week = 2;
  EXPECT_FALSE(Fires(s, "gp_presence_below_two_days"));
  s.staff[1].affiliation.days_present_per_week = 3;
  EXPECT_FALSE(Fires(s, "gp_presence_below_two_days"));
  s.staff[1].affiliation.days_present_per_week = 1;
  EXPECT_TRUE(Fires(s, "gp_presence_below_two_days"));
  EXPECT_FALSE(Fires(s, "no_gp_present"));
  for (auto& m : s.staff) m.affiliation.days_present_per_week = 0;
  EXPECT_TRUE(Fires(s, "no_gp_present"));
}

TEST(MonitorSignals, PaVsNeedAGpAndAniosOneToOne) {
  PracticeSnapshot s = Healthy();
  s.staff.push_back(Staff(AffiliationRole::kPhysicianAssistant, 1.0, 5));
  EXPECT_FALSE(Fires(s, "pa_vs_without_gp"));
  for (auto& m : s.staff) {
    if (IsGpRole(m.affiliation.role)) m.affiliation.days_present_per_week = 0;
  }
  EXPECT_TRUE(Fires(s, "pa_vs_without_gp"));

  s = Healthy();  // two fixed GPs: two ANIOS are fine, three are not
  s.staff.push_back(Staff(AffiliationRole::kJuniorDoctor, 1.0, 5));
  s.staff.push_back(Staff(AffiliationRole::kJuniorDoctor, 1.0, 4));
  EXPECT_FALSE(Fires(s, "anios_supervision"));
  s.staff.push_back(Staff(AffiliationRole::kJuniorDoctor, 1.0, 3));
  EXPECT_TRUE(Fires(s, "anios_supervision"));
}

TEST(MonitorSignals, ASoloPracticeNeedsAFixedLocumOrEmployedGp) {
  PracticeSnapshot s = Healthy();
  s.practice.form = PracticeForm::kSolo;
  s.staff.pop_back();
  EXPECT_TRUE(Fires(s, "solo_without_backup"));
  s.staff.push_back(Staff(AffiliationRole::kLocum, 0.2, 1));
  EXPECT_FALSE(Fires(s, "solo_without_backup"));
  // Or a backup agreed with another practice (seed 000 §2, the programme from solo to together).
  s.staff.pop_back();
  s.collaboration = PracticeCollaboration{};
  EXPECT_TRUE(Fires(s, "solo_without_backup"));
  s.collaboration->mutual_backup = true;
  EXPECT_FALSE(Fires(s, "solo_without_backup"));
}

// seed 004 §4.2.1 and §4.2.3: a fixed GP, not only locums; an AIOS needs one as supervisor.
TEST(MonitorSignals, OnlyLocumsOrAnUnsupervisedTraineeFire) {
  PracticeSnapshot s = Healthy();
  s.staff.push_back(Staff(AffiliationRole::kGpTrainee, 1.0, 4));
  EXPECT_FALSE(Fires(s, "no_fixed_gp"));
  EXPECT_FALSE(Fires(s, "aios_without_supervisor"));
  for (auto& m : s.staff) {
    if (m.affiliation.role == AffiliationRole::kHolder) m.affiliation.role = AffiliationRole::kLocum;
  }
  EXPECT_TRUE(Fires(s, "no_fixed_gp"));
  EXPECT_TRUE(Fires(s, "aios_without_supervisor"));
  s.staff = {Staff(AffiliationRole::kAssistant, 1.0, 5)};  // no GP at all: no_gp_present says so
  EXPECT_FALSE(Fires(s, "no_fixed_gp"));
  EXPECT_TRUE(Fires(s, "no_gp_present"));
}

// A running succession trajectory is said on the signal; a signed successor ends it and counts
// the practice as continuing.
TEST(MonitorSignals, ASuccessionTrajectoryIsSaidAndASignedSuccessorContinues) {
  PracticeSnapshot s = Healthy();
  s.staff = {Staff(AffiliationRole::kHolder, 1.0, 4, 1960)};
  auto detail = [&]() -> std::string {
    for (const auto& hit : EvaluateSignals(s, Norms(), kToday)) {
      if (hit.id == "holder_60_without_successor") return hit.detail;
    }
    return "";
  };
  EXPECT_EQ(detail(), "1 praktijkhouder van 60+ zonder bekende opvolger");
  MonitorSettings settings;
  EXPECT_TRUE(StopsWithoutSuccessorBy(s, settings, 2027));
  SuccessionTrajectory t;
  t.stage = TrajectoryStage::kSearch;
  t.next_due = "2026-12-01";
  s.trajectory = t;
  EXPECT_EQ(detail(),
            "1 praktijkhouder van 60+ zonder bekende opvolger; traject loopt (Opvolger zoeken, "
            "volgende stap vóór 2026-12-01)");
  s.trajectory->successor_signed = true;
  EXPECT_EQ(detail(), "");
  EXPECT_FALSE(StopsWithoutSuccessorBy(s, settings, 2027));
  s.trajectory->stage = TrajectoryStage::kStopped;  // a stopped trajectory signs nobody
  EXPECT_TRUE(StopsWithoutSuccessorBy(s, settings, 2027));
}

TEST(MonitorSignals, ContractsMissingOutsideTheWijkStaleOrWithAFragilePartner) {
  PracticeSnapshot s = Healthy();
  s.contracts.clear();
  EXPECT_TRUE(Fires(s, "contract_missing"));
  s = Healthy();
  s.contracts[0].partner.district_code = "W2";
  EXPECT_TRUE(Fires(s, "contract_outside_district"));
  s = Healthy();
  s.contracts[0].contract.last_reviewed = "2025-11-24";  // 11 months and 30 days
  EXPECT_FALSE(Fires(s, "contract_not_reviewed"));
  s.contracts[0].contract.last_reviewed = "2025-11-23";  // exactly 12 months
  EXPECT_TRUE(Fires(s, "contract_not_reviewed"));
  s.contracts[0].contract.last_reviewed = "";  // never
  EXPECT_TRUE(Fires(s, "contract_not_reviewed"));
  s = Healthy();
  s.contracts[0].partner.patients_per_fte = 4000;
  EXPECT_FALSE(Fires(s, "contract_partner_at_risk"));
  s.contracts[0].partner.patients_per_fte = 4100;
  EXPECT_TRUE(Fires(s, "contract_partner_at_risk"));
  s = Healthy();
  s.contracts[0].partner.patient_stop = true;
  EXPECT_TRUE(Fires(s, "contract_partner_at_risk"));
}

TEST(MonitorSignals, TheCalamityCardCompleteCurrentWithAuthorisedPersonAndWill) {
  PracticeSnapshot s = Healthy();
  s.card->bank_access.clear();
  EXPECT_TRUE(Fires(s, "calamity_card_incomplete"));
  s = Healthy();
  s.card->last_updated = "2025-11-24";
  EXPECT_FALSE(Fires(s, "calamity_card_stale"));
  s.card->last_updated = "2025-11-23";
  EXPECT_TRUE(Fires(s, "calamity_card_stale"));
  s = Healthy();
  s.card->authorised_persons.clear();
  EXPECT_TRUE(Fires(s, "no_authorised_person"));
  s = Healthy();
  s.card->practice_will_present = false;
  EXPECT_TRUE(Fires(s, "no_practice_will"));
  s.card.reset();
  EXPECT_TRUE(Fires(s, "calamity_card_incomplete"));
  EXPECT_FALSE(Fires(s, "calamity_card_stale"));  // the missing card is one signal, not two
}

TEST(MonitorSignals, ANonGpOwnerMustShowEveryGovernanceRequirementChecked) {
  PracticeSnapshot s = Healthy();
  EXPECT_FALSE(Fires(s, "governance_incomplete"));  // GP holders: not asked
  s.practice.owner_kind = OwnerKind::kOtherParty;
  EXPECT_TRUE(Fires(s, "governance_incomplete"));  // nothing checked yet
  for (const auto& item : GOVERNANCE_ITEMS) {
    GovernanceCheck check;
    check.item = item.value;
    check.status = CheckStatus::kMet;
    check.checked_on = "2025-11-24";  // 11 months ago
    s.governance.push_back(check);
  }
  s.governance[0].status = CheckStatus::kNotApplicable;
  EXPECT_FALSE(Fires(s, "governance_incomplete"));
  s.governance[3].checked_on = "2025-11-23";  // 12 months: due again
  EXPECT_TRUE(Fires(s, "governance_incomplete"));
  s.governance[3].checked_on = "2026-10-01";
  s.governance[7].status = CheckStatus::kNotMet;
  auto hits = EvaluateSignals(s, Norms(), kToday);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits.back().id, "governance_incomplete");
  EXPECT_EQ(hits.back().detail, "1 van 9 eisen open: lawful_claims (niet op orde)");
}

TEST(MonitorSignals, AHolderFromSixtyWithoutAKnownSuccessor) {
  PracticeSnapshot s = Healthy();
  s.staff[0].birth_year = 1967;  // 59 in 2026
  EXPECT_FALSE(Fires(s, "holder_60_without_successor"));
  s.staff[0].birth_year = 1966;  // 60
  EXPECT_TRUE(Fires(s, "holder_60_without_successor"));
  auto hits = EvaluateSignals(s, Norms(), kToday);
  EXPECT_EQ(hits[0].detail.find("1966"), std::string::npos);  // no birth year in the detail
  s.staff[0].affiliation.successor = SuccessorStatus::kKnown;
  EXPECT_FALSE(Fires(s, "holder_60_without_successor"));
}

TEST(MonitorSignals, TheRiskScoreWeighsSeverityAndHeadroomCountsPlacesAtTheNorm) {
  PracticeSnapshot s = Healthy();  // 2 FTE x 2095 - 4000 = 190 places
  MonitorSettings settings;
  EXPECT_EQ(Headroom(s, settings), 190);
  s.practice.registered_patients = 5000;
  EXPECT_EQ(Headroom(s, settings), 0);
  std::vector<SignalHit> hits{{"a", "", Severity::kHigh, "", ""},
                              {"b", "", Severity::kLow, "", ""}};
  EXPECT_EQ(RiskScore(hits), 4);
}

TEST(SuccessionRadar, CountsHoldersStoppingAndPracticesLeftWithoutSuccessor) {
  MonitorSettings settings;  // default stop age 67
  PracticeSnapshot solo = Healthy();
  solo.practice.registered_patients = 2500;
  solo.staff = {Staff(AffiliationRole::kHolder, 1.0, 5, 1962)};  // stops 2029 (assumed)
  PracticeSnapshot duo = Healthy();
  duo.staff[0].birth_year = 1960;
  duo.staff[0].affiliation.expected_stop_year = 2027;  // one of two stops: the other stays
  auto radar = SuccessionRadar({solo, duo}, settings, 2026, 10);
  ASSERT_EQ(radar.size(), 11u);
  EXPECT_EQ(radar[0].holders_stopped, 0);
  EXPECT_EQ(radar[1].holders_stopped, 1);  // 2027: the duo's holder
  EXPECT_EQ(radar[1].practices_without_successor, 0);
  EXPECT_EQ(radar[3].holders_stopped, 2);  // 2029: the solo holder too
  EXPECT_EQ(radar[3].practices_without_successor, 1);
  EXPECT_EQ(radar[3].patients_affected, 2500);
  solo.staff[0].affiliation.successor = SuccessorStatus::kKnown;
  EXPECT_EQ(SuccessionRadar({solo}, settings, 2026)[3].practices_without_successor, 0);

  auto talk = ConversationsThisYear({solo, duo}, settings, 2026);
  ASSERT_EQ(talk.size(), 2u);  // 64 and 66; the 51-year-old duo partner is not on the list
  EXPECT_EQ(talk[0].expected_stop_year, 2027);
  EXPECT_FALSE(talk[0].stop_year_assumed);
  EXPECT_TRUE(talk[1].stop_year_assumed);
}

TEST(SuccessionRadar, APracticeCountsAsClosedFromTheYearItsLastHolderStopsWithoutSuccessor) {
  MonitorSettings settings;  // default stop age 67
  PracticeSnapshot duo = Healthy();
  duo.staff = {Staff(AffiliationRole::kHolder, 1.0, 5, 1962),   // 2029, assumed
               Staff(AffiliationRole::kHolder, 1.0, 5, 1970)};  // given below
  duo.staff[1].affiliation.expected_stop_year = 2031;
  EXPECT_EQ(HoldersStoppedBy(duo, settings, 2028), 0);
  EXPECT_EQ(HoldersStoppedBy(duo, settings, 2029), 1);
  EXPECT_FALSE(StopsWithoutSuccessorBy(duo, settings, 2030));  // one holder is still there
  EXPECT_TRUE(StopsWithoutSuccessorBy(duo, settings, 2031));
  EXPECT_TRUE(StopsWithoutSuccessorBy(duo, settings, 2040));
  duo.staff[1].affiliation.successor = SuccessorStatus::kKnown;
  EXPECT_FALSE(StopsWithoutSuccessorBy(duo, settings, 2040));  // a known successor keeps it open
  PracticeSnapshot employed_only = Healthy();
  for (auto& m : employed_only.staff) m.affiliation.role = AffiliationRole::kEmployedGp;
  EXPECT_FALSE(StopsWithoutSuccessorBy(employed_only, settings, 2040));  // no holder to stop
}

TEST(MonitorNorms, EverySignalNeedsARuleWithASourceAndItsThreshold) {
  SignalNorms norms = Norms();
  EXPECT_TRUE(ValidateNorms(norms).empty());
  norms.rules.pop_back();
  norms.rules[0].source.clear();
  norms.rules[1].threshold.reset();  // patients_per_fte
  auto errors = ValidateNorms(norms);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].field, "source");
  EXPECT_EQ(errors[1].field, "threshold");
  EXPECT_EQ(errors[2].field, "signals");
}

}  // namespace
}  // namespace vangnet
