#include "solver/planner.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <tuple>

#include "solver/exact_packing.hpp"
#include "solver/household_flow.hpp"
#include "solver/household_swaps.hpp"
#include "solver/plan_evaluation.hpp"
#include "solver/planning_context.hpp"

namespace vangnet::solver {

namespace {

using Clock = std::chrono::steady_clock;
double MillisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Capacity left per receiver once the kept (already accepted) households are counted.
std::vector<long long> CapacityAfterKept(const PlanningContext& context) {
  std::vector<long long> left;
  for (const auto& r : context.input.receivers) left.push_back(r.capacity);
  for (std::size_t h = 0; h < context.kept_receiver.size(); ++h) {
    if (context.kept_receiver[h] >= 0) left[context.kept_receiver[h]] -= context.size[h];
  }
  for (auto& l : left) l = std::max(l, 0LL);  // a receiver may have lowered its offer since
  return left;
}

std::vector<int> HouseholdsToPlan(const PlanningContext& context) {
  std::vector<int> pending;
  for (int h = 0; h < static_cast<int>(context.size.size()); ++h) {
    if (context.kept_receiver[h] < 0) pending.push_back(h);
  }
  return pending;
}

// Vulnerable first, then larger households, then input order. Sorted on one packed integer key
// per household: comparing tuples through vector<bool> made this sort most of the greedy's time.
void SortGreedyOrder(const PlanningContext& context, std::vector<int>& households) {
  std::vector<unsigned long long> keys;
  keys.reserve(households.size());
  for (int h : households) {
    const unsigned long long not_vulnerable = context.vulnerable[h] ? 0 : 1;
    const unsigned long long smaller =
        0x7fffffULL - static_cast<unsigned long long>(std::min(context.size[h], 0x7fffffLL));
    keys.push_back(not_vulnerable << 63 | smaller << 40 | static_cast<unsigned long long>(h));
  }
  std::sort(keys.begin(), keys.end());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    households[i] = static_cast<int>(keys[i] & 0xffffffffffULL);
  }
}

// Each household in `pending` (in greedy order) to the nearest receiver with room; placed ones
// leave `pending`.
void PlaceGreedily(const PlanningContext& context, std::vector<int>& pending,
                   std::vector<int>& receiver_of, std::vector<long long>& left) {
  SortGreedyOrder(context, pending);
  std::vector<int> still;
  for (int h : pending) {
    bool placed = false;
    for (const auto& arc : context.ReachOf(h)) {
      if (left[arc.receiver] >= context.size[h]) {
        receiver_of[h] = arc.receiver;
        left[arc.receiver] -= context.size[h];
        placed = true;
        break;
      }
    }
    if (!placed) still.push_back(h);
  }
  pending = std::move(still);
}

// Packs one group's flow into whole households: largest household first, each into the
// receiver whose remaining flow fits it most tightly (best fit keeps room for the large ones).
void PackGroup(const PlanningContext& context, const GroupedProblem& grouped, int group,
               const std::vector<std::pair<int, long long>>& flows, std::vector<int>& receiver_of,
               std::vector<long long>& left, std::vector<int>& not_packed) {
  struct Slot {
    int receiver;
    long long room;
    long long cost;
  };
  std::vector<Slot> slots;
  for (const auto& [arc_index, flow] : flows) {
    const auto& arc = grouped.problem.arcs[arc_index];
    slots.push_back({arc.receiver, flow, arc.cost});
  }
  std::vector<int> members = grouped.members[group];
  std::stable_sort(members.begin(), members.end(),
                   [&](int a, int b) { return context.size[a] > context.size[b]; });
  for (int h : members) {
    long long need = context.size[h];
    Slot* best = nullptr;
    for (auto& slot : slots) {
      if (slot.room < need || left[slot.receiver] < need) continue;
      if (!best || slot.room < best->room || (slot.room == best->room && slot.cost < best->cost)) {
        best = &slot;
      }
    }
    if (!best) {
      not_packed.push_back(h);
      continue;
    }
    best->room -= need;
    left[best->receiver] -= need;
    receiver_of[h] = best->receiver;
  }
}

// The spreadsheet rule on an indexed input: the planner's safeguard and GreedyAssignment.
std::vector<int> GreedyOn(const PlanningContext& context) {
  std::vector<int> receiver_of = context.kept_receiver;
  std::vector<long long> left = CapacityAfterKept(context);
  std::vector<int> pending = HouseholdsToPlan(context);
  PlaceGreedily(context, pending, receiver_of, left);
  return receiver_of;
}

// One round: min-cost flow over the pending households on the capacity left, then packing.
Relaxation FlowRound(const PlanningContext& context, std::vector<int>& pending,
                     std::vector<int>& receiver_of, std::vector<long long>& left, FlowEngine engine,
                     PlanTimings& timings) {
  auto start = Clock::now();
  Relaxation round{{}, BuildGroupedProblem(context, pending, left)};
  timings.build += MillisecondsSince(start);
  start = Clock::now();
  round.flow = SolveMinCostTransport(round.grouped.problem, engine);
  timings.solve += MillisecondsSince(start);
  start = Clock::now();
  std::vector<std::vector<std::pair<int, long long>>> flows(round.grouped.members.size());
  const auto& arcs = round.grouped.problem.arcs;
  for (std::size_t i = 0; i < arcs.size(); ++i) {
    if (round.flow.arc_flow[i] > 0) {
      flows[arcs[i].group].push_back({static_cast<int>(i), round.flow.arc_flow[i]});
    }
  }
  std::vector<int> not_packed;
  // Vulnerable groups pack first: when capacity is short after rounding, they keep their places.
  std::vector<int> order(round.grouped.members.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return round.grouped.group_vulnerable[a] > round.grouped.group_vulnerable[b];
  });
  for (int g : order) PackGroup(context, round.grouped, g, flows[g], receiver_of, left, not_packed);
  std::sort(not_packed.begin(), not_packed.end());
  pending = std::move(not_packed);
  timings.keep_households_whole += MillisecondsSince(start);
  return round;
}

// Places what is still pending: more flow rounds on the capacity left, then the greedy rule.
void PlaceTheRest(const PlanningContext& context, std::vector<int>& pending,
                  std::vector<int>& receiver_of, std::vector<long long>& left, FlowEngine engine,
                  PlanTimings& timings) {
  for (int round = 0; round < 3 && !pending.empty(); ++round) {
    std::size_t before = pending.size();
    FlowRound(context, pending, receiver_of, left, engine, timings);
    if (pending.size() == before) break;
  }
  auto start = Clock::now();
  PlaceGreedily(context, pending, receiver_of, left);
  timings.keep_households_whole += MillisecondsSince(start);
}

// A second plan from the households level's flow (household_flow.hpp), completed like the first.
std::vector<int> PlanFromHouseholdFlow(const PlanningContext& context, const HouseholdFlow& flow,
                                       FlowEngine engine, PlanTimings& timings) {
  std::vector<int> receiver_of = flow.receiver_of;
  std::vector<long long> left = CapacityAfterKept(context);
  std::vector<int> pending;
  for (std::size_t h = 0; h < receiver_of.size(); ++h) {
    if (context.kept_receiver[h] >= 0) continue;
    if (receiver_of[h] >= 0) {
      left[receiver_of[h]] -= context.size[h];
    } else {
      pending.push_back(static_cast<int>(h));
    }
  }
  PlaceTheRest(context, pending, receiver_of, left, engine, timings);
  return receiver_of;
}

// Keeps `candidate` when it is better in the planner's order.
bool KeepBetter(const PlanningContext& context, std::vector<int>& candidate,
                std::vector<int>& receiver_of, PlanScore& score) {
  const PlanScore candidate_score = ScoreAssignment(context, candidate);
  if (!BetterScore(candidate_score, score)) return false;
  receiver_of = std::move(candidate);
  score = candidate_score;
  return true;
}

// The last level on the kept plan: moves into room, then the cheapest households for the same
// places. Exchanges trade detours for households; this wins most of them back.
bool LowerCost(const PlanningContext& context, std::vector<int>& receiver_of, PlanScore& score) {
  std::vector<int> cheaper = receiver_of;
  MoveForLessCost(context, cheaper);
  cheaper = CheapestForSamePlaces(context, cheaper);
  return KeepBetter(context, cheaper, receiver_of, score);
}

// The households level on a tight plan: exchanges on the plan, and a second plan from the
// households level's flow with the same exchanges; the better one is kept. Lowers
// `households_upper` to the flow's bound when that holds at the bounds' patient counts. True
// when the plan changed.
bool RaiseHouseholds(const PlanningContext& context, const PlanBound& bound, FlowEngine engine,
                     PlanTimings& timings, std::vector<int>& receiver_of, PlanScore& score,
                     long long& households_upper, long long& model_arcs) {
  std::vector<int> exchanged = receiver_of;
  ExchangeForMoreHouseholds(context, exchanged);
  bool changed = KeepBetter(context, exchanged, receiver_of, score);
  const HouseholdFlow flow = SolveHouseholdFlow(context);
  model_arcs = flow.model_arcs;
  if (!flow.solved) return LowerCost(context, receiver_of, score) || changed;
  std::vector<int> second = PlanFromHouseholdFlow(context, flow, engine, timings);
  ExchangeForMoreHouseholds(context, second);
  changed = KeepBetter(context, second, receiver_of, score) || changed;
  if (flow.vulnerable_household_patients == bound.vulnerable_household_patients_placeable &&
      flow.patients == bound.patients_placeable) {
    households_upper = std::min(households_upper, flow.households_upper);
  }
  return LowerCost(context, receiver_of, score) || changed;
}

}  // namespace

const char* PlanOutcomeName(PlanOutcome outcome) {
  switch (outcome) {
    case PlanOutcome::kAllPlaced:
      return "all_placed";
    case PlanOutcome::kPartlyPlaced:
      return "partly_placed";
    case PlanOutcome::kNothingToPlan:
      return "nothing_to_plan";
  }
  return "nothing_to_plan";
}

const char* UnplacedReasonName(UnplacedReason reason) {
  return reason == UnplacedReason::kNoReceiverInReach ? "no_receiver_in_reach"
                                                      : "capacity_in_reach_exhausted";
}

Status ValidatePlanInput(const PlanInput& input) {
  Errors errors;
  const auto& p = input.parameters;
  if (!(p.detour_factor >= 1.0 && p.detour_factor <= 5.0)) {
    errors.push_back(
        Error::Validation("detour_factor", "De omrijfactor moet tussen 1 en 5 liggen."));
  }
  if (!(p.max_distance_km > 0 && p.max_distance_km <= 500)) {
    errors.push_back(Error::Validation("max_distance_km",
                                       "De maximale afstand moet tussen 0 en 500 km liggen."));
  }
  if (p.max_distance_vulnerable_km && !(*p.max_distance_vulnerable_km > 0)) {
    errors.push_back(Error::Validation("max_distance_vulnerable_km",
                                       "De maximale afstand voor kwetsbare patiënten moet groter "
                                       "dan 0 km zijn."));
  }
  if (!(p.exact_seconds >= 0 && p.exact_seconds <= 60)) {
    errors.push_back(
        Error::Validation("exact_seconds", "De rekentijd moet tussen 0 en 60 seconden liggen."));
  }
  if (!(p.contract_bonus_km >= 0 && p.contract_bonus_km <= 100)) {
    errors.push_back(Error::Validation("contract_bonus_km",
                                       "De voorkeur voor contractpartners moet tussen 0 en 100 km "
                                       "liggen."));
  }
  auto bad_point = [](double lat, double lon) {
    return !(std::isfinite(lat) && std::isfinite(lon) && lat >= -90 && lat <= 90 && lon >= -180 &&
             lon <= 180);
  };
  std::set<std::string> receiver_ids;
  auto check_receiver = [&](const Receiver& r, const std::string& where) {
    if (r.id.empty())
      errors.push_back(Error::Validation(where + ".id", "Een ontvanger heeft geen id."));
    if (bad_point(r.latitude, r.longitude)) {
      errors.push_back(Error::Validation(where + ".latitude",
                                         "Ontvanger " + r.id + " heeft geen geldige coördinaten."));
    }
    if (r.capacity < 0) {
      errors.push_back(Error::Validation(where + ".capacity",
                                         "Ontvanger " + r.id + " heeft een negatieve capaciteit."));
    }
  };
  for (std::size_t i = 0; i < input.receivers.size(); ++i) {
    const auto& r = input.receivers[i];
    std::string where = "receivers[" + std::to_string(i) + "]";
    check_receiver(r, where);
    if (!r.id.empty() && !receiver_ids.insert(r.id).second) {
      errors.push_back(
          Error::Validation(where + ".id", "Ontvanger " + r.id + " staat er twee keer in."));
    }
  }
  for (std::size_t i = 0; i < input.candidate_sites.size(); ++i) {
    check_receiver(input.candidate_sites[i], "candidate_sites[" + std::to_string(i) + "]");
  }
  std::set<std::string> household_ids;
  for (std::size_t i = 0; i < input.households.size(); ++i) {
    const auto& h = input.households[i];
    std::string where = "households[" + std::to_string(i) + "]";
    if (h.id.empty())
      errors.push_back(Error::Validation(where + ".id", "Een huishouden heeft geen id."));
    if (!h.id.empty() && !household_ids.insert(h.id).second) {
      errors.push_back(
          Error::Validation(where + ".id", "Huishouden " + h.id + " staat er twee keer in."));
    }
    if (bad_point(h.latitude, h.longitude)) {
      errors.push_back(Error::Validation(
          where + ".latitude", "Huishouden " + h.id + " heeft geen geldige coördinaten."));
    }
    if (h.patients.empty()) {
      errors.push_back(
          Error::Validation(where + ".patients", "Huishouden " + h.id + " heeft geen patiënten."));
    }
    if (!h.accepted_receiver.empty() && !receiver_ids.contains(h.accepted_receiver)) {
      errors.push_back(Error::Validation(where + ".accepted_receiver",
                                         "Huishouden " + h.id + " is geaccepteerd door " +
                                             h.accepted_receiver +
                                             ", maar die ontvanger ontbreekt."));
    }
  }
  if (errors.empty()) return Ok{};
  return Error::Combined(std::move(errors));
}

Plan PlanRedistribution(const PlanInput& input, const PlannerOptions& options) {
  auto start = Clock::now();
  const double budget_ms = options.exact_budget_ms.value_or(input.parameters.exact_seconds * 1000);
  PlanningContext context(input);
  PlanTimings timings;
  timings.build = MillisecondsSince(start);

  std::vector<int> receiver_of = context.kept_receiver;
  std::vector<long long> left = CapacityAfterKept(context);
  std::vector<int> pending = HouseholdsToPlan(context);

  // Round 1 is the relaxation the bound comes from; later rounds place what did not pack.
  Relaxation first = FlowRound(context, pending, receiver_of, left, options.engine, timings);
  PlaceTheRest(context, pending, receiver_of, left, options.engine, timings);

  start = Clock::now();
  BoundDetail bound = ComputeBound(context, first);
  timings.explain = MillisecondsSince(start);

  // The planner's order (exact_packing.hpp): patients of vulnerable households placed, patients
  // placed, households placed, then least cost.
  start = Clock::now();
  bool greedy_fallback = false;
  PlanScore score = ScoreAssignment(context, receiver_of);
  if (options.greedy_safeguard) {
    std::vector<int> greedy = GreedyOn(context);
    PlanScore greedy_score = ScoreAssignment(context, greedy);
    if (BetterScore(greedy_score, score)) {
      receiver_of = std::move(greedy);
      score = greedy_score;
      greedy_fallback = true;
    }
  }
  timings.safeguard = MillisecondsSince(start);

  // Tight: the whole-household plan stays below what the bounds allow, or households with a
  // receiver in reach are left out.
  auto in_reach = [&](std::size_t h) {
    return context.kept_receiver[h] >= 0 || !context.ReachOf(static_cast<int>(h)).empty();
  };
  long long households_upper = 0;
  for (std::size_t h = 0; h < receiver_of.size(); ++h) households_upper += in_reach(h);
  auto at_bounds = [&] {
    return score.vulnerable_household_patients >=
               bound.bound.vulnerable_household_patients_placeable &&
           score.patients >= bound.bound.patients_placeable && score.households >= households_upper;
  };
  const bool tight = !at_bounds();
  ExactInfo info;
  long long model_arcs = 0;
  // The households level by flow and exchange first: a sharper bound on households and plans
  // that aim at it. When the best plan meets every bound, who is placed is proven.
  if (tight && budget_ms > 0) {
    start = Clock::now();
    if (RaiseHouseholds(context, bound.bound, options.engine, timings, receiver_of, score,
                        households_upper, model_arcs)) {
      greedy_fallback = false;
    }
    timings.households = MillisecondsSince(start);
  }
  const bool proven_by_flow = tight && at_bounds();
  info.placement_proven = proven_by_flow;
  info.patients_upper = bound.bound.patients_placeable;
  info.households_upper = households_upper;
  // Otherwise the exact step closes the gap or proves there is none.
  // Once who is placed is proven, the exact step still runs for the cost when the plan is more
  // than 0.01 % above the split bound (on small plans, where exchanges cost a detour).
  const bool cost_open =
      score.cost_metres > bound.bound.cost_km * 1000.0 * 1.0001 + 1e-6 * score.patients;
  // Once the patients are at their bounds, CBC only has households and cost left. Its first
  // node alone takes about 0.1 ms per column of the aggregated model and does not stop for the
  // time limit (flood zone: 10,412 columns, 300 ms budget, no solution found, 450 ms spent; the
  // proof takes 22 s). Where the budget cannot cover that, the plan rests on the exchanges and
  // the flow's bound, and says how far it may be from it.
  const bool patients_at_bounds =
      score.vulnerable_household_patients >= bound.bound.vulnerable_household_patients_placeable &&
      score.patients >= bound.bound.patients_placeable;
  // Four times the budget: the cost solve on a realistic closure (1,500 households, 20-35
  // receivers) needs that to bring the cost within 0.03 % of the optimum (it was 1.5 % above
  // without it); the node budget, not this, keeps it bounded.
  const bool cbc_fits = static_cast<double>(model_arcs) * 0.1 <= budget_ms * 4;
  const bool run_exact =
      budget_ms > 0 &&
      ((tight && (!proven_by_flow || cost_open) && (!patients_at_bounds || cbc_fits)) ||
       options.force_exact);
  // The exact step's work, in nodes (deterministic), for the packing and the extra places.
  WorkBudget work = WorkBudget::ForSeconds(budget_ms / 1000.0);
  const long long all_nodes = work.nodes;
  if (run_exact) {
    start = Clock::now();
    ExactPacking exact = SolveExactPacking(context, receiver_of,
                                           {bound.bound.vulnerable_household_patients_placeable,
                                            bound.bound.patients_placeable, households_upper},
                                           work);
    if (exact.improved) {
      receiver_of = std::move(exact.receiver_of);
      score = ScoreAssignment(context, receiver_of);
      greedy_fallback = false;
    }
    info.placement_proven = exact.placement_proven;
    info.cost_proven = exact.proven && exact.cost_slack_metres.has_value();
    info.cost_slack_km = exact.cost_slack_metres.value_or(0) / 1000.0;
    info.patients_upper = exact.patients_upper;
    info.households_upper = exact.households_upper;
    timings.exact = MillisecondsSince(start);
  }
  // The fewest extra places with which everyone in reach is placed whole.
  bool unplaced_in_reach = false;
  long long unplaced_in_reach_patients = 0;
  for (std::size_t h = 0; h < receiver_of.size(); ++h) {
    if (receiver_of[h] >= 0 || !in_reach(h)) continue;
    unplaced_in_reach = true;
    unplaced_in_reach_patients += context.size[h];
  }
  if (tight && unplaced_in_reach && score.patients >= bound.bound.patients_placeable) {
    // The plan places as many patients as the split flow: no fewer extra places than the
    // patients left out can do (each adds at most one to the flow), and that many suffice - each
    // household's own size at the nearest receiver in its reach. Proven without a solve.
    std::map<int, long long> where;
    for (std::size_t h = 0; h < receiver_of.size(); ++h) {
      if (receiver_of[h] < 0 && in_reach(h)) {
        where[context.ReachOf(static_cast<int>(h)).front().receiver] += context.size[h];
      }
    }
    info.extra_proven = true;
    info.extra_total = unplaced_in_reach_patients;
    info.extra_where.assign(where.begin(), where.end());
  } else if (run_exact && unplaced_in_reach) {
    start = Clock::now();
    // What the packing left, but at least a fifth of the whole: counted in nodes, so the same
    // instance gets the same answer on any machine.
    work.nodes = std::max(work.nodes, (all_nodes + 4) / 5);
    ExtraPlaces extra = MinimumExtraPlaces(context, work);
    info.extra_proven = extra.proven;
    info.extra_total = extra.total;
    info.extra_where = std::move(extra.where);
    timings.exact += MillisecondsSince(start);
  }
  start = Clock::now();
  const bool checked = budget_ms > 0 && (run_exact || tight);
  Plan plan = Evaluate(context, receiver_of, bound, checked ? &info : nullptr);

  if (run_exact && info.cost_proven) {
    // The cost bound at this placement is the solver's: the plan is optimal up to its slack.
    plan.bound.cost_km = plan.cost_km - info.cost_slack_km;
    plan.gap = plan.bound.cost_km > 0 ? info.cost_slack_km / plan.bound.cost_km : 0.0;
  }
  plan.greedy_fallback = greedy_fallback;
  plan.safety_net_hit = work.safety_net_hit;
  timings.explain += MillisecondsSince(start);
  plan.timings = timings;
  return plan;
}

std::vector<int> GreedyAssignment(const PlanInput& input) {
  return GreedyOn(PlanningContext(input));
}

Plan EvaluateAssignment(const PlanInput& input, const std::vector<int>& receiver_of) {
  PlanningContext context(input);
  GroupedProblem grouped =
      BuildGroupedProblem(context, HouseholdsToPlan(context), CapacityAfterKept(context));
  TransportFlow flow = SolveMinCostTransport(grouped.problem, FlowEngine::kNetworkSimplex);
  return Evaluate(context, receiver_of,
                  ComputeBound(context, {std::move(flow), std::move(grouped)}));
}

}  // namespace vangnet::solver
