#include "core/programme.hpp"

#include "core/date.hpp"

namespace vangnet {

namespace {
constexpr std::string_view kTransferNotInSeed =
    "seed 003 verwijst naar het stappenplan praktijkoverdracht van de LHV en ROS Friesland, "
    "maar bevat het niet; deze stap is van vangnet";
}  // namespace

const std::vector<FieldSpec<SuccessionTrajectory>>& EntityTraits<SuccessionTrajectory>::Fields() {
  using S = SuccessionTrajectory;
  static const std::vector<FieldSpec<S>> fields{
      TextField<S>("practice_agb", &S::practice_agb, true, "practice.agb"),
      EnumField<S>("stage", &S::stage, TRAJECTORY_STAGES),
      TextField<S>("owner", &S::owner, true),
      DateField<S>("conversation_on", &S::conversation_on),
      EnumField<S>("conversation_outcome", &S::conversation_outcome, CONVERSATION_OUTCOMES, false),
      EnumField<S>("search_route", &S::search_route, SEARCH_ROUTES, false),
      TextField<S>("successor_name", &S::successor_name),
      BoolField<S>("successor_signed", &S::successor_signed),
      TextField<S>("mentor_name", &S::mentor_name),
      DateField<S>("mentoring_started_on", &S::mentoring_started_on),
      IntegerField<S, int>("mentoring_meetings", &S::mentoring_meetings, 0, 50, 0),
      DateField<S>("transfer_on", &S::transfer_on),
      TextField<S>("next_step", &S::next_step),
      DateField<S>("next_due", &S::next_due),
      TextField<S>("note", &S::note),
  };
  return fields;
}

bool IsRunning(const SuccessionTrajectory& t) {
  return t.stage != TrajectoryStage::kDone && t.stage != TrajectoryStage::kStopped;
}

Errors EntityTraits<SuccessionTrajectory>::Validate(const SuccessionTrajectory& t) {
  Errors errors;
  if (IsRunning(t)) {
    // The preparedness calendar and the monthly reminder pick the next step up by its date.
    if (t.next_step.empty()) {
      errors.push_back(
          Error::Validation("next_step", "een lopend traject heeft een volgende stap"));
    }
    if (t.next_due.empty()) {
      errors.push_back(
          Error::Validation("next_due", "geef de datum waarop de volgende stap klaar moet zijn"));
    }
  }
  if (t.stage != TrajectoryStage::kConversation && t.stage != TrajectoryStage::kStopped &&
      t.conversation_on.empty()) {
    errors.push_back(Error::Validation("conversation_on",
                                       "noteer wanneer het gesprek met de praktijkhouder was"));
  }
  if (t.conversation_outcome != ConversationOutcome::kNotHeld && t.conversation_on.empty()) {
    errors.push_back(
        Error::Validation("conversation_on", "een uitkomst hoort bij een gesprek met datum"));
  }
  if (t.stage == TrajectoryStage::kMentoring && t.mentoring_started_on.empty()) {
    errors.push_back(
        Error::Validation("mentoring_started_on", "noteer wanneer het mentorschap begon"));
  }
  if ((t.stage == TrajectoryStage::kTransfer || t.successor_signed) && t.successor_name.empty()) {
    errors.push_back(Error::Validation("successor_name", "wie is de opvolger?"));
  }
  if (t.stage == TrajectoryStage::kDone && t.transfer_on.empty()) {
    errors.push_back(Error::Validation("transfer_on", "noteer de datum van de overdracht"));
  }
  return errors;
}

const std::vector<TrajectoryStep>& TrajectoryStepPlan() {
  using S = TrajectoryStage;
  static const std::vector<TrajectoryStep> steps{
      {S::kConversation,
       "Ga met de praktijkhouder in gesprek zodra die 60 is: wanneer wil die stoppen, is er een "
       "opvolger, welke hulp is nodig.",
       "003_20bf74208b19e42d.txt, citaten (gesprek met alle praktijkhouders vanaf 60 jaar)", ""},
      {S::kConversation,
       "Begin ruim op tijd: de voorbereiding van een overdracht moet vaak eerder starten dan men "
       "denkt.",
       "003_20bf74208b19e42d.txt, Stappenplan Praktijkoverdracht Friesland (geleerde lessen)", ""},
      {S::kSearch,
       "Spreek waarnemers aan die al lang waarnemen: velen stellen de stap naar praktijkhouder "
       "uit; een mentor kan ze over de streep helpen.",
       "003_20bf74208b19e42d.txt, Mentorschap huisartsen (context)", ""},
      {S::kSearch,
       "Overweeg samengaan met praktijken in de buurt: samen is een praktijk aantrekkelijker "
       "voor jonge huisartsen.",
       "003_20bf74208b19e42d.txt, Samenwerking huisartsen de Zak van Zuid-Beveland", ""},
      {S::kSearch,
       "Werf nieuwe praktijkhouders en bind waarnemers, met een pakket aan ondersteuning.",
       "003_20bf74208b19e42d.txt, Integrale aanpak regionale arbeidsmarktvraagstukken (pijler 1)",
       ""},
      {S::kMentoring,
       "Koppel de opvolger aan een ervaren huisarts als mentor; start met een bijeenkomst met "
       "training voor de mentoren.",
       "003_20bf74208b19e42d.txt, Mentorschap huisartsen (aanpak)", ""},
      {S::kMentoring,
       "Zes ontmoetingen in negen maanden; alles over het vak mag aan bod komen (eigen praktijk, "
       "financiën, werkgeverschap, balans), niet alleen de overname.",
       "003_20bf74208b19e42d.txt, Mentorschap huisartsen (aanpak en geleerde lessen)", ""},
      {S::kTransfer,
       "Leg de overdrachtsdatum en de afspraken over de overname schriftelijk vast, met juridisch "
       "en financieel advies.",
       "", kTransferNotInSeed},
      {S::kTransfer,
       "Zet het contract met de zorgverzekeraar, de AGB-registratie en de deelname aan het "
       "HAP-rooster over op de opvolger.",
       "", kTransferNotInSeed},
      {S::kTransfer,
       "Regel de overgang van het personeel en de toegang tot HIS, bank en leveranciers; werk de "
       "calamiteitenkaart bij.",
       "", kTransferNotInSeed},
      {S::kTransfer,
       "Informeer de patiënten, de hagro, de apotheek en de buurtpraktijken over de nieuwe "
       "praktijkhouder.",
       "", kTransferNotInSeed},
      {S::kTransfer,
       "Werk het register bij: de opvolger als praktijkhouder, de vertrekkende houder eruit.", "",
       "vangnet: het register moet kloppen voor de monitor en een volgende crisis"},
      {S::kTransfer,
       "Lukt geen overdracht en dreigt de praktijk weg te vallen: tijdelijke overname is het "
       "uiterste middel, met als doel de praktijk alsnog aan een nieuwe praktijkhouder over te "
       "dragen (draaiboek tijdelijke overname in vangnet).",
       "003_20bf74208b19e42d.txt, Tijdelijke overname praktijk door coöperatie Thoon", ""},
  };
  return steps;
}

const std::vector<FieldSpec<PracticeCollaboration>>& EntityTraits<PracticeCollaboration>::Fields() {
  using C = PracticeCollaboration;
  static const std::vector<FieldSpec<C>> fields{
      TextField<C>("practice_agb", &C::practice_agb, true, "practice.agb"),
      BoolField<C>("mutual_backup", &C::mutual_backup),
      TextField<C>("backup_partner_agb", &C::backup_partner_agb, false, "practice.agb"),
      BoolField<C>("his_access_shared", &C::his_access_shared),
      BoolField<C>("daytime_out_of_hours", &C::daytime_out_of_hours),
      BoolField<C>("neighbourhood_team", &C::neighbourhood_team),
      EnumField<C>("intention", &C::intention, COLLABORATION_INTENTIONS, false),
      DateField<C>("discussed_on", &C::discussed_on),
      TextField<C>("note", &C::note),
  };
  return fields;
}

Errors EntityTraits<PracticeCollaboration>::Validate(const PracticeCollaboration& c) {
  Errors errors;
  if (!c.backup_partner_agb.empty() && c.backup_partner_agb == c.practice_agb) {
    errors.push_back(
        Error::Validation("backup_partner_agb", "een praktijk neemt niet voor zichzelf waar"));
  }
  if (c.his_access_shared && !c.mutual_backup) {
    errors.push_back(Error::Validation(
        "his_access_shared", "HIS-toegang voor waarneming hoort bij een afspraak over waarneming"));
  }
  return errors;
}

const std::array<ActivityPlan, 13>& ActivityPlans() {
  using A = ProgrammeActivityId;
  static const std::array<ActivityPlan, 13> plans{{
      {A::kAnalyseSituation, 1, "2025"},
      {A::kGaugeSupport, 1, "2025"},
      {A::kBestPractices, 1, "2026"},
      {A::kRegionalVision, 2, "2025"},
      {A::kStrategicPlan, 2, "2026"},
      {A::kFrameworks, 2, "2026"},
      {A::kDistrictTeams, 3, "2026"},
      {A::kSupportOffer, 3, "2026"},
      {A::kFunding, 3, "2026"},
      {A::kPilots, 4, "2026-2027"},
      {A::kMonitorEvaluate, 4, "2026-2027"},
      {A::kKnowledgeSharing, 4, "2026-2027"},
      {A::kScaleUp, 4, "2026-2027"},
  }};
  return plans;
}

const std::vector<FieldSpec<ProgrammeActivity>>& EntityTraits<ProgrammeActivity>::Fields() {
  using P = ProgrammeActivity;
  static const std::vector<FieldSpec<P>> fields{
      EnumField<P>("activity", &P::activity, PROGRAMME_ACTIVITIES),
      EnumField<P>("status", &P::status, ACTIVITY_STATUSES),
      TextField<P>("owner", &P::owner),
      DateField<P>("due_on", &P::due_on),
      DateField<P>("done_on", &P::done_on),
      TextField<P>("note", &P::note),
  };
  return fields;
}

Errors EntityTraits<ProgrammeActivity>::Validate(const ProgrammeActivity& a) {
  Errors errors;
  if (a.status == ActivityStatus::kDone && a.done_on.empty()) {
    errors.push_back(Error::Validation("done_on", "noteer wanneer de activiteit klaar was"));
  }
  if (a.status == ActivityStatus::kRunning && a.owner.empty()) {
    errors.push_back(Error::Validation("owner", "wie trekt deze activiteit?"));
  }
  return errors;
}

}  // namespace vangnet
