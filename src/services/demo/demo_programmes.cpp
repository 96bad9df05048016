#include "services/demo/demo_programmes.hpp"

#include <map>
#include <set>

#include "core/date.hpp"
#include "services/demo/demo_names.hpp"
#include "services/demo/demo_random.hpp"

namespace vangnet {

namespace {

std::string DaysFrom(std::chrono::year_month_day today, int days) {
  return FormatDate(
      std::chrono::year_month_day{std::chrono::sys_days{today} + std::chrono::days{days}});
}

void AddTrajectories(RegistryRecords& records, DemoRandom& random,
                     std::chrono::year_month_day today) {
  const int year = static_cast<int>(today.year());
  std::map<std::string, int> born;
  for (const auto& p : std::get<std::vector<Person>>(records)) {
    if (p.birth_year) born[p.code] = *p.birth_year;
  }
  // Practices with a holder of 60+ without a known successor: the radar's candidates.
  std::set<std::string> candidates;
  for (const auto& a : std::get<std::vector<Affiliation>>(records)) {
    auto b = born.find(a.person_code);
    if (a.role != AffiliationRole::kHolder || b == born.end() || year - b->second < 60) continue;
    if (a.successor != SuccessorStatus::kKnown) candidates.insert(a.practice_agb);
  }
  auto& out = std::get<std::vector<SuccessionTrajectory>>(records);
  const std::vector<std::string> owners{"consulent praktijkmanagement RHO", "beleidsadviseur RHO"};
  int n = 0;
  for (const auto& agb : candidates) {
    // About two in three have a trajectory; the radar shows the rest as "geen traject".
    if (!random.Chance(0.65)) continue;
    SuccessionTrajectory t;
    t.practice_agb = agb;
    t.owner = random.Pick(owners);
    // The stages spread over the usual course; every fifth step is overdue.
    const int stage = n++ % 4;
    const bool late = n % 5 == 0;
    const int due = late ? -random.Between(5, 40) : random.Between(7, 120);
    t.next_due = DaysFrom(today, due);
    t.conversation_on = DaysFrom(today, -random.Between(30, 400));
    t.conversation_outcome = ConversationOutcome::kSeeksSuccessor;
    switch (stage) {
      case 0:
        t.stage = TrajectoryStage::kConversation;
        t.conversation_outcome =
            random.Chance(0.5) ? ConversationOutcome::kUndecided : ConversationOutcome::kContinues;
        t.next_step = "Vervolggesprek over het stopmoment";
        break;
      case 1:
        t.stage = TrajectoryStage::kSearch;
        t.search_route = random.Chance(0.5) ? SearchRoute::kVacancy : SearchRoute::kLocumStays;
        t.next_step = t.search_route == SearchRoute::kVacancy
                          ? "Vacature plaatsen bij de huisartsenvereniging"
                          : "Gesprek met de waarnemer over overname";
        break;
      case 2:
        t.stage = TrajectoryStage::kMentoring;
        t.search_route = SearchRoute::kLocumStays;
        t.successor_name = FictionalPersonName(random);
        t.mentor_name = FictionalPersonName(random);
        t.mentoring_started_on = DaysFrom(today, -random.Between(40, 200));
        t.mentoring_meetings = random.Between(1, 4);
        t.next_step = "Volgende mentorbijeenkomst";
        break;
      default:
        t.stage = TrajectoryStage::kSearch;
        t.search_route = SearchRoute::kMerger;
        t.next_step = "Verkennend gesprek met de buurpraktijk over samengaan";
        break;
    }
    out.push_back(std::move(t));
  }
}

void AddCollaborations(RegistryRecords& records, DemoRandom& random) {
  const auto& practices = std::get<std::vector<Practice>>(records);
  std::set<std::string> covered;  // a HIDHA or locum already covers the practice
  for (const auto& a : std::get<std::vector<Affiliation>>(records)) {
    if (a.role == AffiliationRole::kEmployedGp || a.role == AffiliationRole::kLocum) {
      covered.insert(a.practice_agb);
    }
  }
  std::map<std::string, std::vector<std::string>> by_district;
  for (const auto& p : practices) by_district[p.district_code].push_back(p.agb);
  auto& out = std::get<std::vector<PracticeCollaboration>>(records);
  for (const auto& p : practices) {
    if (p.status == PracticeStatus::kClosed) continue;
    const bool solo = p.form == PracticeForm::kSolo;
    // Seed 000 §2: most solo practices have a regular locum or an employed GP; in the demo,
    // most of the others have a backup agreed with a neighbour, so that most solo practices
    // are covered and a few are not (the programme's work).
    const bool backup = solo && !covered.count(p.agb) && random.Chance(0.6);
    if (!backup && !random.Chance(solo ? 0.7 : 0.35)) continue;
    PracticeCollaboration c;
    c.practice_agb = p.agb;
    c.mutual_backup = backup;
    if (backup) {
      for (const auto& other : by_district[p.district_code]) {
        if (other != p.agb) {
          c.backup_partner_agb = other;
          break;
        }
      }
      c.his_access_shared = random.Chance(0.6);
    }
    c.daytime_out_of_hours = random.Chance(0.3);
    c.neighbourhood_team = random.Chance(0.55);
    c.intention = solo ? (random.Chance(0.5) ? CollaborationIntention::kExploring
                                             : CollaborationIntention::kStays)
                       : CollaborationIntention::kUnknown;
    c.discussed_on = solo ? "2025-10-14" : "";
    out.push_back(std::move(c));
  }
}

void AddActivities(RegistryRecords& records) {
  using A = ProgrammeActivityId;
  using S = ActivityStatus;
  auto& out = std::get<std::vector<ProgrammeActivity>>(records);
  auto add = [&](A id, S status, std::string owner, std::string due, std::string done) {
    ProgrammeActivity a;
    a.activity = id;
    a.status = status;
    a.owner = std::move(owner);
    a.due_on = std::move(due);
    a.done_on = std::move(done);
    out.push_back(std::move(a));
  };
  add(A::kAnalyseSituation, S::kDone, "beleidsadviseur RHO", "2025-06-30", "2025-06-20");
  add(A::kGaugeSupport, S::kDone, "beleidsadviseur RHO", "2025-12-31", "2025-11-27");
  add(A::kRegionalVision, S::kDone, "bestuur RHO met de huisartsen", "2025-12-31", "2025-11-27");
  add(A::kBestPractices, S::kRunning, "consulent praktijkmanagement RHO", "2026-12-31", "");
  add(A::kStrategicPlan, S::kRunning, "bestuur RHO", "2026-12-31", "");
  add(A::kDistrictTeams, S::kRunning, "beleidsadviseur RHO", "2026-12-31", "");
}

}  // namespace

void AddDemoProgrammes(RegistryRecords& records, std::uint64_t seed,
                       std::chrono::year_month_day today) {
  DemoRandom random(seed ^ 0x70726f6772616d6dull);  // "programm": a stream of its own
  AddTrajectories(records, random, today);
  AddCollaborations(records, random);
  AddActivities(records);
}

}  // namespace vangnet
