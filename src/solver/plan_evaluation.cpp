#include "solver/plan_evaluation.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "core/geo.hpp"
#include "core/text.hpp"

namespace vangnet::solver {

namespace {

std::string Km(double km) {
  return FormatDutchNumber(km, 1) + " km";
}
std::string Count(long long n) {
  return FormatDutchNumber(static_cast<double>(n));
}
std::string Plural(long long n, const char* one, const char* many) {
  return Count(n) + " " + (n == 1 ? one : many);
}

// Dutch verb agreement: "1 huishouden heeft", "2 huishoudens hebben".
const char* Has(long long n) {
  return n == 1 ? " heeft" : " hebben";
}

std::string ReceiverName(const Receiver& r) {
  return r.name.empty() ? r.id : r.name;
}

// "a, b en c"
std::string JoinDutch(const std::vector<std::string>& items, std::size_t limit = 6) {
  std::string text;
  std::size_t shown = std::min(items.size(), limit);
  for (std::size_t i = 0; i < shown; ++i) {
    if (i > 0) text += (i + 1 == shown && shown == items.size()) ? " en " : ", ";
    text += items[i];
  }
  if (shown < items.size())
    text += " en " + Count(static_cast<long long>(items.size() - shown)) + " meer";
  return text;
}

double BoundOf(const PlanningContext& context, int household) {
  return context.vulnerable[household] ? context.VulnerableBoundKm()
                                       : context.input.parameters.max_distance_km;
}

std::string PostcodeOf(const PlanningContext& context, int household) {
  const auto& postcode = context.input.households[household].postcode;
  return postcode.empty() ? "(onbekend)" : postcode;
}

// Where an extra place helps most, in the planner's own order: a practice gets its own effect
// from who of the unplaced it can reach - patients of vulnerable households first (their reach
// is shorter, so it differs most between practices), then households, then how near they are.
// When every unplaced household is in reach of every practice (a compact region), the count is
// the same everywhere and the distance decides.
void RankCandidates(const PlanningContext& context, Plan& plan) {
  std::vector<Receiver> sites = context.input.receivers;
  sites.insert(sites.end(), context.input.candidate_sites.begin(),
               context.input.candidate_sites.end());
  // Unplaced households counted per location and bound: one distance per site and location.
  struct Waiting {
    int households = 0;
    long long patients = 0, vulnerable = 0;
  };
  std::map<std::pair<int, double>, Waiting> waiting;
  for (const auto& u : plan.unplaced) {
    auto& w = waiting[{context.location_of[u.household], BoundOf(context, u.household)}];
    ++w.households;
    w.patients += context.size[u.household];
    if (context.vulnerable[u.household]) w.vulnerable += context.size[u.household];
  }
  for (const auto& site : sites) {
    Candidate candidate{site.id, ReceiverName(site), site.latitude, site.longitude, 0, 0, 0, 0};
    double patient_km = 0;
    for (const auto& [where, count] : waiting) {
      const auto& point = context.locations[where.first];
      double km = context.input.parameters.detour_factor *
                  DistanceKm(point.latitude, point.longitude, site.latitude, site.longitude);
      if (km <= where.second) {
        candidate.unplaced_households_in_reach += count.households;
        candidate.unplaced_patients_in_reach += count.patients;
        candidate.unplaced_vulnerable_in_reach += count.vulnerable;
        patient_km += km * static_cast<double>(count.patients);
      }
    }
    if (candidate.unplaced_households_in_reach == 0) continue;
    candidate.mean_km = patient_km / static_cast<double>(candidate.unplaced_patients_in_reach);
    plan.candidates.push_back(candidate);
  }
  std::stable_sort(plan.candidates.begin(), plan.candidates.end(),
                   [](const Candidate& a, const Candidate& b) {
                     return std::make_tuple(-a.unplaced_vulnerable_in_reach,
                                            -a.unplaced_households_in_reach, a.mean_km) <
                            std::make_tuple(-b.unplaced_vulnerable_in_reach,
                                            -b.unplaced_households_in_reach, b.mean_km);
                   });
  if (plan.candidates.size() > 10) plan.candidates.resize(10);
}

void Explain(const PlanningContext& context, Plan& plan) {
  const auto& p = context.input.parameters;
  auto& lines = plan.explanation;
  if (plan.households_total == 0) {
    lines.push_back("Er zijn geen huishoudens om te plaatsen.");
    return;
  }
  if (plan.unplaced.empty()) {
    lines.push_back("Alle " + Plural(plan.households_total, "huishouden", "huishoudens") + " (" +
                    Plural(plan.patients_total, "patiënt", "patiënten") + ")" +
                    Has(plan.households_total) + " een plek binnen " + Km(p.max_distance_km) +
                    "; gemiddeld " +
                    Km(plan.patients_placed ? plan.patient_km / plan.patients_placed : 0) + ".");
  } else {
    lines.push_back(
        Count(plan.households_placed) + " van de " +
        Plural(plan.households_total, "huishouden", "huishoudens") + " (" +
        Count(plan.patients_placed) + " van de " +
        Plural(plan.patients_total, "patiënt", "patiënten") + ")" + Has(plan.households_placed) +
        " een plek; " +
        Plural(plan.households_total - plan.households_placed, "huishouden", "huishoudens") +
        " nog niet.");
  }
  if (plan.vulnerable_total > 0) {
    long long missing = plan.vulnerable_total - plan.vulnerable_placed;
    std::string all = plan.vulnerable_total == 1 ? "De kwetsbare patiënt is geplaatst"
                                                 : "Alle " + Count(plan.vulnerable_total) +
                                                       " kwetsbare patiënten zijn geplaatst";
    lines.push_back(missing == 0 ? all + ", binnen " + Km(context.VulnerableBoundKm()) +
                                       " (kwetsbare patiënten gaan voor)."
                                 : Plural(missing, "kwetsbare patiënt", "kwetsbare patiënten") +
                                       " van de " + Count(plan.vulnerable_total) + Has(missing) +
                                       " nog geen plek: regel voor hen eerst een oplossing.");
  }
  long long no_reach_households = 0, no_reach_patients = 0, full_households = 0, full_patients = 0;
  std::set<std::string> no_reach_postcodes;
  for (const auto& u : plan.unplaced) {
    if (u.reason == UnplacedReason::kNoReceiverInReach) {
      ++no_reach_households;
      no_reach_patients += context.size[u.household];
      no_reach_postcodes.insert(PostcodeOf(context, u.household));
    } else {
      ++full_households;
      full_patients += context.size[u.household];
    }
  }
  if (no_reach_households > 0) {
    lines.push_back(Plural(no_reach_households, "huishouden", "huishoudens") + " (" +
                    Plural(no_reach_patients, "patiënt", "patiënten") + ") in postcode " +
                    JoinDutch({no_reach_postcodes.begin(), no_reach_postcodes.end()}) +
                    Has(no_reach_households) +
                    " geen praktijk binnen bereik. Daar is extra capaciteit op een nieuwe "
                    "plek nodig: een nulpraktijk, de huisartsenpost overdag of extra uren van een "
                    "waarnemer.");
  }
  if (full_households > 0) {
    // Whether places are short even when households may split: then the cut's receivers bind.
    // Otherwise the loose places are enough in number but no receiver has room for these
    // households whole: it is their size that does not fit, not the region's capacity.
    const bool short_when_split =
        plan.bound.patients_placeable < plan.patients_placed + full_patients;
    // The receivers whose places bind, as the table marks them: those that took patients (a
    // receiver without free places is in the cut too, but naming it says nothing), the ones
    // that took most first.
    std::vector<const ReceiverLoad*> binding_loads;
    for (const auto& load : plan.receivers) {
      if (load.binding && load.placed_patients > 0) binding_loads.push_back(&load);
    }
    std::stable_sort(binding_loads.begin(), binding_loads.end(),
                     [](const ReceiverLoad* a, const ReceiverLoad* b) {
                       return a->placed_patients > b->placed_patients;
                     });
    std::vector<std::string> binding;
    for (const auto* load : binding_loads) {
      binding.push_back(ReceiverName(context.input.receivers[load->receiver]));
    }
    std::string text = Plural(full_households, "huishouden", "huishoudens") + " (" +
                       Plural(full_patients, "patiënt", "patiënten") + ")" + Has(full_households) +
                       " wel praktijken binnen bereik, maar die zitten vol.";
    if (short_when_split && !binding.empty()) {
      text += " Bepalend is de capaciteit van " + JoinDutch(binding) + ".";
    } else if (!short_when_split) {
      std::set<long long> sizes;
      for (const auto& u : plan.unplaced) {
        if (u.reason == UnplacedReason::kCapacityInReachExhausted)
          sizes.insert(context.size[u.household]);
      }
      std::vector<std::string> size_texts;
      for (long long s : sizes) size_texts.push_back(Count(s));
      text +=
          " Er zijn in totaal genoeg losse plaatsen, maar nergens genoeg bij elkaar voor een "
          "huishouden van " +
          JoinDutch(size_texts) +
          " personen: het is de grootte van de huishoudens die niet past (een huishouden "
          "blijft bij elkaar).";
    }
    std::vector<std::string> where;
    for (const auto& [r, n] : plan.extra_places_where) {
      where.push_back(ReceiverName(context.input.receivers[r]) + " " + Count(n));
    }
    text += " Met " + Plural(plan.extra_places_needed, "extra plaats", "extra plaatsen") +
            (where.empty() ? std::string(" bij praktijken in hun buurt")
                           : " (" + JoinDutch(where) + ")") +
            " krijgt iedereen binnen bereik een plek" +
            (plan.extra_places_proven ? "; met minder lukt het niet." : ".");
    lines.push_back(text);
  }
  if (plan.exact_ran) {
    if (plan.placement_proven) {
      lines.push_back(
          "Nagerekend: met hele huishoudens kan niemand meer een plek krijgen dan in dit plan" +
          std::string(plan.cost_proven ? ", en korter reizen kan dan niet." : "."));
    } else if (plan.patients_upper > plan.patients_placed) {
      lines.push_back(
          "Binnen de rekentijd niet bewezen dat dit het beste plan is: misschien "
          "passen er nog tot " +
          Plural(plan.patients_upper - plan.patients_placed, "patiënt", "patiënten") +
          " meer. Geef meer rekentijd (meer instellingen) en maak het plan "
          "opnieuw.");
    } else if (plan.households_upper > plan.households_placed) {
      lines.push_back(
          "Zoveel mogelijk patiënten hebben een plek, maar binnen de rekentijd is niet bewezen "
          "dat het ook zoveel mogelijk huishoudens zijn: bij evenveel patiënten krijgen misschien "
          "nog tot " +
          Plural(plan.households_upper - plan.households_placed, "huishouden", "huishoudens") +
          " meer een plek (kleinere in plaats van grotere). Geef meer rekentijd (meer "
          "instellingen) en maak het plan opnieuw.");
    }
  }
  if (!plan.candidates.empty()) {
    std::vector<std::string> best;
    for (std::size_t i = 0; i < std::min<std::size_t>(3, plan.candidates.size()); ++i) {
      const auto& c = plan.candidates[i];
      best.push_back(
          c.name + " (" + Plural(c.unplaced_households_in_reach, "huishouden", "huishoudens") +
          " binnen bereik" +
          (c.unplaced_vulnerable_in_reach > 0
               ? ", " + Plural(c.unplaced_vulnerable_in_reach, "kwetsbare patiënt",
                               "kwetsbare patiënten")
               : std::string()) +
          ", gemiddeld " + Km(c.mean_km) + ")");
    }
    lines.push_back("Extra capaciteit helpt het meest bij " + JoinDutch(best) + ".");
  }
  long long with_partner = 0;
  for (const auto& load : plan.receivers) {
    if (context.input.receivers[load.receiver].contract_partner)
      with_partner += load.placed_patients;
  }
  if (with_partner > 0) {
    lines.push_back(Plural(with_partner, "patiënt gaat", "patiënten gaan") +
                    " naar een praktijk met een continuïteitscontract.");
  }
}

}  // namespace

BoundDetail ComputeBound(const PlanningContext& context, Relaxation relaxation) {
  BoundDetail detail;
  const auto& problem = relaxation.grouped.problem;
  // Both bounds come from the solved flow itself: its penalties make it place the most patients
  // of vulnerable groups first and then the most patients (BuildGroupedProblem), so no second
  // max-flow solve is needed.
  detail.cut = CutOfSolvedFlow(problem, relaxation.flow);
  long long kept_patients = 0, kept_vulnerable = 0;
  double kept_cost_km = 0;
  for (std::size_t h = 0; h < context.kept_receiver.size(); ++h) {
    int r = context.kept_receiver[h];
    if (r < 0) continue;
    kept_patients += context.size[h];
    if (context.vulnerable[h]) kept_vulnerable += context.size[h];
    double km = context.DistanceKmTo(static_cast<int>(h), r);
    if (context.input.receivers[r].contract_partner) km -= context.bonus_m / 1000.0;
    kept_cost_km += km * context.size[h];
  }
  detail.bound.patients_placeable = detail.cut.flow + kept_patients;
  detail.bound.cost_km =
      static_cast<double>(relaxation.flow.arc_cost) / PlanningContext::kCostUnitsPerKm +
      kept_cost_km;
  for (std::size_t i = 0; i < problem.arcs.size(); ++i) {
    if (relaxation.grouped.group_vulnerable[problem.arcs[i].group]) {
      detail.relaxation_vulnerable_placed += relaxation.flow.arc_flow[i];
    }
  }
  detail.relaxation_vulnerable_placed += kept_vulnerable;
  detail.bound.vulnerable_household_patients_placeable = detail.relaxation_vulnerable_placed;
  detail.relaxation = std::move(relaxation);
  return detail;
}

Plan Evaluate(const PlanningContext& context, const std::vector<int>& receiver_of,
              const BoundDetail& bound, const ExactInfo* exact) {
  const auto& input = context.input;
  Plan plan;
  plan.bound = bound.bound;
  plan.households_total = static_cast<int>(input.households.size());
  plan.receivers.resize(input.receivers.size());
  for (std::size_t r = 0; r < input.receivers.size(); ++r) {
    plan.receivers[r].receiver = static_cast<int>(r);
    plan.receivers[r].capacity = input.receivers[r].capacity;
  }
  long long vulnerable_household_patients_placed = 0;
  const std::vector<double> distances = context.DistancesKm(receiver_of);
  plan.assignments.reserve(receiver_of.size());
  for (int h = 0; h < plan.households_total; ++h) {
    const long long vulnerable_here = context.vulnerable_patients[h];
    plan.patients_total += context.size[h];
    plan.vulnerable_total += vulnerable_here;
    if (context.vulnerable[h]) {
      ++plan.vulnerable_households_total;
      plan.vulnerable_household_patients += context.size[h];
    }
    int r = receiver_of[h];
    if (r < 0) continue;
    const double km = distances[h];
    plan.assignments.push_back({h, r, km, context.kept_receiver[h] >= 0});
    plan.households_placed++;
    plan.patients_placed += context.size[h];
    plan.vulnerable_placed += vulnerable_here;
    if (context.vulnerable[h]) {
      ++plan.vulnerable_households_placed;
      vulnerable_household_patients_placed += context.size[h];
    }
    plan.patient_km += km * context.size[h];
    plan.cost_km += (km - (input.receivers[r].contract_partner ? context.bonus_m / 1000.0 : 0)) *
                    context.size[h];
    auto& load = plan.receivers[r];
    load.placed_patients += context.size[h];
    load.placed_households++;
    load.vulnerable_patients += vulnerable_here;
    load.mean_km += km * context.size[h];
    load.max_km = std::max(load.max_km, km);
  }
  for (auto& load : plan.receivers) {
    if (load.placed_patients > 0) load.mean_km /= static_cast<double>(load.placed_patients);
  }

  // Why each unplaced household has no place, and which receivers are full for whom.
  std::vector<long long> smallest_waiting(input.receivers.size(), -1);
  long long unplaced_in_reach_patients = 0;
  for (int h = 0; h < plan.households_total; ++h) {
    if (receiver_of[h] >= 0) continue;
    Unplaced u;
    u.household = h;
    const auto& arcs = context.ReachOf(h);
    std::string where = "postcode " + PostcodeOf(context, h);
    if (arcs.empty()) {
      u.reason = UnplacedReason::kNoReceiverInReach;
      u.explanation = "Geen praktijk binnen " + Km(BoundOf(context, h)) + " van " + where + ".";
    } else {
      u.reason = UnplacedReason::kCapacityInReachExhausted;
      long long free_places = 0;
      for (const auto& arc : arcs) {
        u.receivers_in_reach.push_back(arc.receiver);
        const auto& load = plan.receivers[arc.receiver];
        free_places += std::max(0LL, load.capacity - load.placed_patients);
        auto& smallest = smallest_waiting[arc.receiver];
        if (smallest < 0 || context.size[h] < smallest) smallest = context.size[h];
      }
      unplaced_in_reach_patients += context.size[h];
      // "De enige praktijk ... zit vol", "De 3 praktijken ... zitten vol".
      const bool one = arcs.size() == 1;
      u.explanation =
          (one ? std::string("De enige praktijk")
               : "De " + Plural(static_cast<long long>(arcs.size()), "praktijk", "praktijken")) +
          " binnen " + Km(BoundOf(context, h)) + " van " + where +
          (one ? " zit vol" : " zitten vol") +
          (free_places > 0 ? " (samen nog " + Count(free_places) +
                                 " losse plaatsen, te weinig voor dit huishouden van " +
                                 Count(context.size[h]) + ")"
                           : "") +
          ".";
    }
    plan.unplaced.push_back(std::move(u));
  }
  for (std::size_t r = 0; r < plan.receivers.size(); ++r) {
    auto& load = plan.receivers[r];
    long long room = load.capacity - load.placed_patients;
    load.saturated = room <= 0 || (smallest_waiting[r] > 0 && room < smallest_waiting[r]);
    load.binding = bound.cut.receiver_on_source_side[r];
  }
  plan.extra_places_needed = unplaced_in_reach_patients;
  if (exact) {
    plan.exact_ran = true;
    plan.placement_proven = exact->placement_proven;
    plan.cost_proven = exact->cost_proven;
    plan.patients_upper = exact->patients_upper;
    plan.households_upper = std::max<long long>(exact->households_upper, plan.households_placed);
    if (unplaced_in_reach_patients > 0 && exact->extra_total > 0) {
      plan.extra_places_needed = exact->extra_total;
      plan.extra_places_proven = exact->extra_proven;
      plan.extra_places_where = exact->extra_where;
    }
  }
  plan.placement_gap_patients = plan.bound.patients_placeable - plan.patients_placed;
  if (plan.patients_placed == plan.bound.patients_placeable &&
      vulnerable_household_patients_placed == bound.relaxation_vulnerable_placed) {
    double lower = plan.bound.cost_km;
    // The bound rounds each patient's cost down to a millimetre; a plan within that of it is
    // optimal as far as the bound can tell, and its gap is 0.
    const double resolution_km =
        static_cast<double>(plan.patients_placed) / PlanningContext::kCostUnitsPerKm;
    const double above = plan.cost_km - lower <= resolution_km ? 0.0 : plan.cost_km - lower;
    plan.gap = lower > 0 ? above / lower : (above > 0 ? 1.0 : 0.0);
  }
  plan.outcome = plan.households_total == 0 ? PlanOutcome::kNothingToPlan
                 : plan.unplaced.empty()    ? PlanOutcome::kAllPlaced
                                            : PlanOutcome::kPartlyPlaced;
  if (!plan.unplaced.empty()) RankCandidates(context, plan);
  Explain(context, plan);
  return plan;
}

}  // namespace vangnet::solver
