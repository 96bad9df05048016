// The region's long programmes that prevent crises (seed 000 §2 and seed 003): a succession
// trajectory per practice whose holder is stopping, and the move from solo practices to working
// together (per practice what is arranged, and the regional programme's phases and activities).
// All three are registry records, so they are kept, imported and exported like the rest.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/entity.hpp"

namespace vangnet {

// --- Succession trajectory (seed 003) ---------------------------------------------------------

// Where a practice's succession stands. The order is the usual course; a trajectory may skip
// a stage (a merger needs no mentoring).
enum class TrajectoryStage { kConversation, kSearch, kMentoring, kTransfer, kDone, kStopped };
inline constexpr std::array<EnumName<TrajectoryStage>, 6> TRAJECTORY_STAGES{{
    {TrajectoryStage::kConversation, "conversation", "Gesprek met de praktijkhouder"},
    {TrajectoryStage::kSearch, "search", "Opvolger zoeken"},
    {TrajectoryStage::kMentoring, "mentoring", "Mentorschap van de opvolger"},
    {TrajectoryStage::kTransfer, "transfer", "Praktijkoverdracht"},
    {TrajectoryStage::kDone, "done", "Afgerond"},
    {TrajectoryStage::kStopped, "stopped", "Gestopt"},
}};

enum class ConversationOutcome { kNotHeld, kSeeksSuccessor, kContinues, kUndecided, kMerger };
inline constexpr std::array<EnumName<ConversationOutcome>, 5> CONVERSATION_OUTCOMES{{
    {ConversationOutcome::kNotHeld, "not_held", "Nog niet gevoerd"},
    {ConversationOutcome::kSeeksSuccessor, "seeks_successor", "Zoekt een opvolger"},
    {ConversationOutcome::kContinues, "continues", "Gaat voorlopig door"},
    {ConversationOutcome::kUndecided, "undecided", "Nog geen besluit"},
    {ConversationOutcome::kMerger, "merger", "Wil samengaan met een andere praktijk"},
}};

// How the successor is sought (issue 22: vacancy, a locum who wants to stay, a merger).
enum class SearchRoute { kNotChosen, kVacancy, kLocumStays, kMerger, kOther };
inline constexpr std::array<EnumName<SearchRoute>, 5> SEARCH_ROUTES{{
    {SearchRoute::kNotChosen, "not_chosen", "Nog niet gekozen"},
    {SearchRoute::kVacancy, "vacancy", "Vacature"},
    {SearchRoute::kLocumStays, "locum_stays", "Waarnemer die wil blijven"},
    {SearchRoute::kMerger, "merger", "Samenvoegen met een andere praktijk"},
    {SearchRoute::kOther, "other", "Anders"},
}};

struct SuccessionTrajectory {
  std::int64_t id = 0;
  std::int64_t version = 0;
  std::string practice_agb;
  TrajectoryStage stage = TrajectoryStage::kConversation;
  std::string owner;  // who at the RHO carries it, in words
  std::string conversation_on;
  ConversationOutcome conversation_outcome = ConversationOutcome::kNotHeld;
  SearchRoute search_route = SearchRoute::kNotChosen;
  std::string successor_name;  // when known
  bool successor_signed = false;
  std::string mentor_name;
  std::string mentoring_started_on;
  int mentoring_meetings = 0;
  std::string transfer_on;  // planned, or done once the stage is "done"
  std::string next_step;
  std::string next_due;
  std::string note;  // no patient data
};

template <>
struct EntityTraits<SuccessionTrajectory> {
  static constexpr std::string_view kTable = "succession_trajectory";
  static constexpr std::string_view kFileName = "succession_trajectories.csv";
  static constexpr std::string_view kLabelNl = "opvolgingstraject";
  static constexpr std::string_view kPluralNl = "opvolgingstrajecten";
  static constexpr std::array<std::string_view, 1> kKeyFields{"practice_agb"};
  static const std::vector<FieldSpec<SuccessionTrajectory>>& Fields();
  static Errors Validate(const SuccessionTrajectory& trajectory);
};

// Not done and not stopped: the RHO is working on it.
bool IsRunning(const SuccessionTrajectory& trajectory);

// seed 003, "Mentorschap huisartsen": six meetings in nine months, starting with a training for
// the mentors.
inline constexpr int kMentoringMonths = 9;
inline constexpr int kMentoringMeetings = 6;

// The step plan shown with each stage. Seed 003 describes mentoring and only points at the LHV's
// and ROS Friesland's step plans for a practice transfer without containing them; those steps are
// ours and say so (`derived`).
struct TrajectoryStep {
  TrajectoryStage stage;
  std::string_view text;     // Dutch
  std::string_view source;   // the seed section that contains it, or empty
  std::string_view derived;  // why it is ours when no seed contains it, or empty
};
const std::vector<TrajectoryStep>& TrajectoryStepPlan();

// --- From solo to working together (seed 000 §2) ----------------------------------------------

// What a practice has arranged with others; the practice form itself is on the practice.
enum class CollaborationIntention { kUnknown, kStays, kExploring, kMerging, kHealthCentre };
inline constexpr std::array<EnumName<CollaborationIntention>, 5> COLLABORATION_INTENTIONS{{
    {CollaborationIntention::kUnknown, "unknown", "Onbekend"},
    {CollaborationIntention::kStays, "stays", "Blijft zoals het is"},
    {CollaborationIntention::kExploring, "exploring", "Verkent samenwerking"},
    {CollaborationIntention::kMerging, "merging", "Gaat samen met andere praktijk(en)"},
    {CollaborationIntention::kHealthCentre, "health_centre",
     "Gaat op in gezondheidscentrum of HOED"},
}};

struct PracticeCollaboration {
  std::int64_t id = 0;
  std::int64_t version = 0;
  std::string practice_agb;
  bool mutual_backup = false;  // backup agreed with another practice
  std::string backup_partner_agb;
  bool his_access_shared = false;     // the backup can open the HIS
  bool daytime_out_of_hours = false;  // urgent care in the daytime arranged (seed 000 §2: DagHAP)
  bool neighbourhood_team = false;    // part of a neighbourhood team (seed 004 §4.2.3)
  CollaborationIntention intention = CollaborationIntention::kUnknown;
  std::string discussed_on;
  std::string note;
};

template <>
struct EntityTraits<PracticeCollaboration> {
  static constexpr std::string_view kTable = "practice_collaboration";
  static constexpr std::string_view kFileName = "collaborations.csv";
  static constexpr std::string_view kLabelNl = "samenwerking";
  static constexpr std::string_view kPluralNl = "samenwerkingen";
  static constexpr std::array<std::string_view, 1> kKeyFields{"practice_agb"};
  static const std::vector<FieldSpec<PracticeCollaboration>>& Fields();
  static Errors Validate(const PracticeCollaboration& collaboration);
};

// The regional programme's activities, by phase, as seed 000 §2 proposes them.
enum class ProgrammeActivityId {
  kAnalyseSituation,
  kGaugeSupport,
  kBestPractices,
  kRegionalVision,
  kStrategicPlan,
  kFrameworks,
  kDistrictTeams,
  kSupportOffer,
  kFunding,
  kPilots,
  kMonitorEvaluate,
  kKnowledgeSharing,
  kScaleUp,
};
inline constexpr std::array<EnumName<ProgrammeActivityId>, 13> PROGRAMME_ACTIVITIES{{
    {ProgrammeActivityId::kAnalyseSituation, "analyse_situation",
     "Huidige situatie in kaart (solopraktijken, waarneming, samenwerking, overdrachtsplannen)"},
    {ProgrammeActivityId::kGaugeSupport, "gauge_support",
     "Draagvlak peilen in de wijkbijeenkomsten"},
    {ProgrammeActivityId::kBestPractices, "best_practices",
     "Ervaringen van bestaande groepspraktijken verzamelen en delen"},
    {ProgrammeActivityId::kRegionalVision, "regional_vision",
     "Regionale visie vaststellen met de huisartsen"},
    {ProgrammeActivityId::kStrategicPlan, "strategic_plan",
     "Strategisch plan met opties (samenvoegen, gezondheidscentrum, HOED, nulpraktijk, DagHAP)"},
    {ProgrammeActivityId::kFrameworks, "frameworks",
     "Kaders: rechtsvorm, financiering, ICT, personeel en locatie"},
    {ProgrammeActivityId::kDistrictTeams, "district_teams", "Projectteams per wijk"},
    {ProgrammeActivityId::kSupportOffer, "support_offer",
     "Ondersteuning: juridisch en financieel, HR, ICT, training in samenwerken"},
    {ProgrammeActivityId::kFunding, "funding",
     "Subsidie of startkapitaal via verzekeraars of fondsen"},
    {ProgrammeActivityId::kPilots, "pilots", "Pilots in wijken die al ver zijn"},
    {ProgrammeActivityId::kMonitorEvaluate, "monitor_evaluate",
     "Volgen en evalueren: werkdruk, patiënttevredenheid, samenwerking, financiën"},
    {ProgrammeActivityId::kKnowledgeSharing, "knowledge_sharing",
     "Kennis delen: bijeenkomsten en praktijkbezoeken"},
    {ProgrammeActivityId::kScaleUp, "scale_up", "Stap voor stap opschalen, per praktijk op maat"},
}};

enum class ActivityStatus { kPlanned, kRunning, kDone, kDropped };
inline constexpr std::array<EnumName<ActivityStatus>, 4> ACTIVITY_STATUSES{{
    {ActivityStatus::kPlanned, "planned", "Gepland"},
    {ActivityStatus::kRunning, "running", "Loopt"},
    {ActivityStatus::kDone, "done", "Klaar"},
    {ActivityStatus::kDropped, "dropped", "Vervallen"},
}};

// Where an activity sits in seed 000 §2 and the year the seed plans it.
struct ActivityPlan {
  ProgrammeActivityId id;
  int phase;              // 1-4
  std::string_view year;  // as the seed gives it ("2026", "2026-2027"); empty when it gives none
};
const std::array<ActivityPlan, 13>& ActivityPlans();
inline constexpr std::array<std::string_view, 4> PROGRAMME_PHASES{
    "Fase 1: inventarisatie en draagvlak", "Fase 2: visievorming en strategie",
    "Fase 3: samenwerking en transitie faciliteren", "Fase 4: pilots en opschaling"};
inline constexpr std::string_view kProgrammeSource = "000_5a37fb5747e2df6f.txt §2";

struct ProgrammeActivity {
  std::int64_t id = 0;
  std::int64_t version = 0;
  ProgrammeActivityId activity = ProgrammeActivityId::kAnalyseSituation;
  ActivityStatus status = ActivityStatus::kPlanned;
  std::string owner;
  std::string due_on;   // the region's own date for it
  std::string done_on;  // when it was finished
  std::string note;
};

template <>
struct EntityTraits<ProgrammeActivity> {
  static constexpr std::string_view kTable = "programme_activity";
  static constexpr std::string_view kFileName = "programme_activities.csv";
  static constexpr std::string_view kLabelNl = "programma-activiteit";
  static constexpr std::string_view kPluralNl = "programma-activiteiten";
  static constexpr std::array<std::string_view, 1> kKeyFields{"activity"};
  static const std::vector<FieldSpec<ProgrammeActivity>>& Fields();
  static Errors Validate(const ProgrammeActivity& activity);
};

}  // namespace vangnet
