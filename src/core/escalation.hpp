// Escalation stages 1-4 (seed 002 §4.2, the tables for office hours and for ANW): who decides
// at each stage and how GP care is organised then. Our own words; the board and the report show
// the row for the incident's stage and the time of day, decided on the server.
#pragma once

#include <array>
#include <string_view>

namespace vangnet {

struct StageRule {
  int stage;
  std::string_view decides;       // who decides
  std::string_view organisation;  // how care is organised at this stage
};

inline constexpr std::string_view kStageSource = "002_b828ddde7ad66e33.txt §4.2";
// Seed 002 gives these tables for an infectious-disease outbreak (§4.2: the playbook
// infectious_outbreak.yaml); for a (flash) disaster or crisis (§4.1) it gives no stage table.
// vangnet uses the same four stages as one scale for every incident, and says so.
inline constexpr std::string_view kOutbreakPlaybook = "infectious-outbreak";
inline constexpr std::string_view kStagesDerivedNote =
    " - gegeven voor een infectieziekte-uitbraak; bij andere incidenten gebruikt vangnet dezelfde "
    "stadia als indeling (afgeleid)";
inline bool StagesFromSource(std::string_view playbook_id) {
  return playbook_id == kOutbreakPlaybook;
}

inline constexpr std::array<StageRule, 4> OFFICE_HOURS_STAGES{{
    {1, "Huisarts", "Gewone praktijkvoering."},
    {2, "Hagro-crisiscoördinator",
     "Eén of enkele praktijken sluiten; hun patiënten worden over collega's in de hagro verdeeld."},
    {3, "Hagro-crisiscoördinator", "De zorg in de hagro wordt in één praktijk gecentraliseerd."},
    {4, "Crisisteam huisartsenzorg, in afstemming met de GHOR",
     "Huisartsenzorg regionaal geregeld; instroom beperken via website, krant en bandjes, strikte "
     "triage, electieve zorg mogelijk stoppen; de LHV betrekken."},
}};

inline constexpr std::array<StageRule, 4> ANW_STAGES{{
    {1, "Locatie- of teammanager en huisarts",
     "De huisartsenpost draait door; reservecapaciteit in kaart brengen."},
    {2, "Crisisteam RHO", "Waarnemers benaderen en reservesystemen aanspreken."},
    {3, "Crisisteam RHO",
     "Strikte triage volgens de protocollen, naar de dagsituatie verwijzen tenzij er een "
     "(dreigend) ABCD-probleem is; reservesystemen maximaal inzetten."},
    {4, "GHOR/ROAZ samen met het crisisteam RHO",
     "Lukt het niet meer binnen de hagro, dan worden diensten regionaal ingevuld vanuit een "
     "centrale inventarisatie."},
}};

// The rule for a stage (clamped to 1-4) in office hours or ANW.
inline const StageRule& StageRuleFor(int stage, bool office_hours) {
  const int index = stage < 1 ? 0 : stage > 4 ? 3 : stage - 1;
  return office_hours ? OFFICE_HOURS_STAGES[index] : ANW_STAGES[index];
}

}  // namespace vangnet
