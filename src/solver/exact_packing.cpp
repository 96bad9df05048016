#include "solver/exact_packing.hpp"

#include <coin/Cbc_C_Interface.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <tuple>

namespace vangnet::solver {

namespace {

using Clock = std::chrono::steady_clock;

using Model = HouseholdClasses;

// Column values (households per class and arc) of an assignment.
std::vector<double> ColumnsOf(const Model& model, const std::vector<int>& receiver_of) {
  std::vector<double> x(model.arcs, 0.0);
  for (const auto& c : model.classes) {
    for (int h : c.members) {
      if (receiver_of[h] < 0) continue;
      for (std::size_t j = 0; j < c.reach->size(); ++j) {
        if ((*c.reach)[j].receiver == receiver_of[h]) {
          x[c.first_column + j] += 1;
          break;
        }
      }
    }
  }
  return x;
}

// The assignment of column values: per class, its members to receivers in member order.
std::vector<int> AssignmentOf(const PlanningContext& context, const Model& model,
                              const std::vector<double>& x) {
  std::vector<int> receiver_of = context.kept_receiver;
  for (const auto& c : model.classes) {
    std::size_t next = 0;
    for (std::size_t j = 0; j < c.reach->size(); ++j) {
      long long n = std::llround(x[c.first_column + j]);
      for (; n > 0 && next < c.members.size(); --n)
        receiver_of[c.members[next++]] = (*c.reach)[j].receiver;
    }
  }
  return receiver_of;
}

enum class Level { kVulnerable, kPatients, kHouseholds, kCost };

double Coefficient(const PlanningContext& context, const HouseholdClass& c, std::size_t arc,
                   Level level) {
  switch (level) {
    case Level::kVulnerable:
      return c.vulnerable ? static_cast<double>(c.size) : 0.0;
    case Level::kPatients:
      return static_cast<double>(c.size);
    case Level::kHouseholds:
      return 1.0;
    case Level::kCost:
      return static_cast<double>(c.size) * context.ExactCostMetres((*c.reach)[arc]);
  }
  return 0;
}

double Value(const PlanningContext& context, const Model& model, const std::vector<double>& x,
             Level level) {
  double total = 0;
  for (const auto& c : model.classes) {
    for (std::size_t j = 0; j < c.reach->size(); ++j) {
      total += Coefficient(context, c, j, level) * x[c.first_column + j];
    }
  }
  return total;
}

struct Solved {
  std::vector<double> x;
  bool proven = false;
  double best_possible = 0;
};

// A solve's limits from the budget: the nodes left, and the safety net's time left.
void Limit(Cbc_Model* m, const WorkBudget& budget) {
  Cbc_setMaximumNodes(m, static_cast<int>(std::clamp<long long>(budget.nodes, 1, 1 << 30)));
  Cbc_setMaximumSeconds(m, std::max(budget.SafetySecondsLeft(), 0.001));
}

// What a solve took from the budget.
void Spent(Cbc_Model* m, WorkBudget& budget) {
  budget.nodes -= std::max(Cbc_getNodeCount(m), 1);
  if (Cbc_isSecondsLimitReached(m)) budget.safety_net_hit = true;
}

struct CbcDeleter {
  void operator()(Cbc_Model* m) const { Cbc_deleteModel(m); }
};

// The whole-household model's columns and rows, shared by both solves: one integer column per
// class and arc (objective from `objective`), one row per class - it places `class_sense` ('L' at
// most, 'E' exactly) its households - and one capacity row per receiver. With `extra_places`,
// one more column per receiver (cost one each) adds places to its capacity row.
std::unique_ptr<Cbc_Model, CbcDeleter> NewModel(
    const Model& model, const std::function<double(const HouseholdClass&, std::size_t)>& objective,
    char class_sense, bool extra_places) {
  std::unique_ptr<Cbc_Model, CbcDeleter> cbc(Cbc_newModel());
  Cbc_Model* m = cbc.get();
  Cbc_setLogLevel(m, 0);
  for (const auto& c : model.classes) {
    for (std::size_t j = 0; j < c.reach->size(); ++j) {
      Cbc_addCol(m, "", 0.0, static_cast<double>(c.members.size()), objective(c, j), 1, 0, nullptr,
                 nullptr);
    }
  }
  const int receivers = static_cast<int>(model.left.size());
  if (extra_places) {
    for (int r = 0; r < receivers; ++r) Cbc_addCol(m, "", 0.0, 1e9, 1.0, 1, 0, nullptr, nullptr);
  }
  std::vector<int> cols;
  std::vector<double> coefs;
  for (const auto& c : model.classes) {
    cols.clear();
    coefs.clear();
    for (std::size_t j = 0; j < c.reach->size(); ++j) {
      cols.push_back(c.first_column + static_cast<int>(j));
      coefs.push_back(1.0);
    }
    Cbc_addRow(m, "", static_cast<int>(cols.size()), cols.data(), coefs.data(), class_sense,
               static_cast<double>(c.members.size()));
  }
  std::vector<std::vector<std::pair<int, double>>> by_receiver(receivers);
  for (const auto& c : model.classes) {
    for (std::size_t j = 0; j < c.reach->size(); ++j) {
      by_receiver[(*c.reach)[j].receiver].push_back(
          {c.first_column + static_cast<int>(j), static_cast<double>(c.size)});
    }
  }
  for (int r = 0; r < receivers; ++r) {
    if (by_receiver[r].empty()) continue;
    cols.clear();
    coefs.clear();
    for (const auto& [col, size] : by_receiver[r]) cols.push_back(col), coefs.push_back(size);
    if (extra_places) cols.push_back(model.arcs + r), coefs.push_back(-1.0);
    Cbc_addRow(m, "", static_cast<int>(cols.size()), cols.data(), coefs.data(), 'L',
               static_cast<double>(model.left[r]));
  }
  return cbc;
}

// One level: optimise `level` subject to the model and the levels fixed before (`floors`, each
// "at least" for the levels maximised), from `start`, within `budget`.
Solved SolveLevel(const PlanningContext& context, const Model& model, Level level,
                  const std::vector<std::pair<Level, double>>& floors,
                  const std::vector<double>& start, WorkBudget& budget) {
  const bool maximise = level != Level::kCost;
  auto cbc = NewModel(
      model,
      [&](const HouseholdClass& c, std::size_t j) { return Coefficient(context, c, j, level); },
      'L', false);
  Cbc_Model* m = cbc.get();
  std::vector<int> cols;
  std::vector<double> coefs;
  for (const auto& [fixed, value] : floors) {
    cols.clear();
    coefs.clear();
    for (const auto& c : model.classes) {
      for (std::size_t j = 0; j < c.reach->size(); ++j) {
        double coef = Coefficient(context, c, j, fixed);
        if (coef != 0) cols.push_back(c.first_column + static_cast<int>(j)), coefs.push_back(coef);
      }
    }
    if (!cols.empty()) {
      Cbc_addRow(m, "", static_cast<int>(cols.size()), cols.data(), coefs.data(), 'G', value);
    }
  }
  Cbc_setObjSense(m, maximise ? -1.0 : 1.0);
  Limit(m, budget);
  // Counts are integers: a gap below one household or patient proves the level; for cost, half
  // a patient-metre.
  Cbc_setAllowableGap(m, maximise ? 0.999 : 0.5);
  Cbc_setAllowableFractionGap(m, 0.0);
  std::vector<int> start_cols;
  std::vector<double> start_values;
  for (int i = 0; i < model.arcs; ++i) {
    if (start[i] > 0) start_cols.push_back(i), start_values.push_back(start[i]);
  }
  Cbc_setMIPStartI(m, static_cast<int>(start_cols.size()), start_cols.data(), start_values.data());
  Cbc_solve(m);
  Spent(m, budget);
  Solved out;
  out.x = start;
  const double* solution = Cbc_getColSolution(m);
  if (solution && Cbc_numberSavedSolutions(m) > 0) {
    std::vector<double> found(solution, solution + model.arcs);
    for (auto& v : found) v = std::round(v);
    // Keep the start unless the solver's solution is at least as good at this level.
    const double a = Value(context, model, found, level), b = Value(context, model, start, level);
    if (maximise ? a >= b : a <= b) out.x = std::move(found);
  }
  out.proven = Cbc_isProvenOptimal(m) != 0;
  out.best_possible = Cbc_getBestPossibleObjValue(m);
  return out;
}

}  // namespace

WorkBudget WorkBudget::ForSeconds(double seconds) {
  WorkBudget budget;
  budget.nodes = std::llround(std::max(seconds, 0.0) * kNodesPerSecond);
  budget.safety_seconds = std::max(seconds * kSafetyFactor, kSafetyMinimumSeconds);
  return budget;
}

double WorkBudget::SafetySecondsLeft() const {
  return safety_seconds -
         std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
}

ExtraPlaces MinimumExtraPlaces(const PlanningContext& context, WorkBudget& budget) {
  const Model model = BuildHouseholdClasses(context);
  ExtraPlaces out;
  // Every household with a receiver in reach placed ('E'), capacity raised by the extra places.
  auto cbc = NewModel(
      model, [](const HouseholdClass&, std::size_t) { return 0.0; }, 'E', true);
  Cbc_Model* m = cbc.get();
  const int receivers = static_cast<int>(model.left.size());
  long long sufficient = 0;  // every such household's own size: always enough
  for (const auto& c : model.classes)
    sufficient += c.size * static_cast<long long>(c.members.size());
  Cbc_setObjSense(m, 1.0);
  Limit(m, budget);
  Cbc_setAllowableGap(m, 0.999);
  Cbc_setAllowableFractionGap(m, 0.0);
  Cbc_solve(m);
  Spent(m, budget);
  const double* solution = Cbc_getColSolution(m);
  if (!solution || Cbc_numberSavedSolutions(m) == 0) {
    out.total = sufficient;
    return out;
  }
  for (int r = 0; r < receivers; ++r) {
    long long extra = std::llround(solution[model.arcs + r]);
    if (extra > 0) {
      out.where.push_back({r, extra});
      out.total += extra;
    }
  }
  out.proven = Cbc_isProvenOptimal(m) != 0;
  return out;
}

PlanScore ScoreAssignment(const PlanningContext& context, const std::vector<int>& receiver_of) {
  PlanScore score;
  const std::vector<double> km = context.DistancesKm(receiver_of);
  for (std::size_t h = 0; h < receiver_of.size(); ++h) {
    const int r = receiver_of[h];
    if (r < 0) continue;
    score.patients += context.size[h];
    ++score.households;
    if (context.vulnerable[h]) score.vulnerable_household_patients += context.size[h];
    double metres = km[h] * 1000.0;
    if (context.input.receivers[r].contract_partner) metres -= static_cast<double>(context.bonus_m);
    score.cost_metres += metres * static_cast<double>(context.size[h]);
  }
  return score;
}

bool BetterScore(const PlanScore& a, const PlanScore& b) {
  return std::make_tuple(a.vulnerable_household_patients, a.patients, a.households,
                         -a.cost_metres) >
         std::make_tuple(b.vulnerable_household_patients, b.patients, b.households, -b.cost_metres);
}

ExactPacking SolveExactPacking(const PlanningContext& context, const std::vector<int>& start,
                               const KnownBounds& known, WorkBudget& budget) {
  const auto began = Clock::now();
  // Work left: the nodes, and the safety net's time (whose hit the budget reports).
  auto remaining = [&] { return budget.nodes > 0 && budget.SafetySecondsLeft() > 0; };
  ExactPacking out;
  out.receiver_of = start;
  out.patients_upper = known.patients;
  const Model model = BuildHouseholdClasses(context);
  std::vector<double> x = ColumnsOf(model, start);
  long long kept_vulnerable = 0, kept_patients = 0, kept_households = 0;
  long long placeable_households = 0;
  for (std::size_t h = 0; h < context.size.size(); ++h) {
    if (context.kept_receiver[h] >= 0) {
      kept_patients += context.size[h];
      ++kept_households;
      if (context.vulnerable[h]) kept_vulnerable += context.size[h];
    }
  }
  for (const auto& c : model.classes)
    placeable_households += static_cast<long long>(c.members.size());
  out.households_upper = placeable_households + kept_households;

  std::vector<std::pair<Level, double>> floors;
  bool proven = true;
  bool placement_proven = true;
  bool vulnerable_at_known = false;
  for (Level level : {Level::kVulnerable, Level::kPatients, Level::kHouseholds, Level::kCost}) {
    double current = Value(context, model, x, level);
    // Levels the start already meets at their known upper bound need no solve.
    bool at_bound = false;
    if (level == Level::kVulnerable)
      at_bound = current + static_cast<double>(kept_vulnerable) >=
                 static_cast<double>(known.vulnerable_household_patients);
    if (level == Level::kPatients)
      at_bound =
          current + static_cast<double>(kept_patients) >= static_cast<double>(known.patients);
    // The known households bound holds at the known patient counts only.
    if (level == Level::kHouseholds && known.households > 0 && vulnerable_at_known &&
        out.patients_upper == known.patients) {
      out.households_upper = std::min(out.households_upper, known.households);
    }
    if (level == Level::kHouseholds)
      at_bound = current + static_cast<double>(kept_households) >=
                 static_cast<double>(out.households_upper);
    if (!at_bound) {
      if (!remaining()) {
        proven = false;
        placement_proven = placement_proven && level == Level::kCost;
        break;
      }
      Solved solved = SolveLevel(context, model, level, floors, x, budget);
      x = std::move(solved.x);
      current = Value(context, model, x, level);
      if (!solved.proven) {
        proven = false;
        placement_proven = placement_proven && level == Level::kCost;
        if (level == Level::kPatients) {
          out.patients_upper = std::min(
              known.patients,
              static_cast<long long>(std::floor(solved.best_possible + 1e-6)) + kept_patients);
        }
        if (level == Level::kHouseholds) {
          out.households_upper = std::min(
              out.households_upper,
              static_cast<long long>(std::floor(solved.best_possible + 1e-6)) + kept_households);
        }
        break;
      }
      if (level == Level::kCost) {
        out.cost_slack_metres = std::max(0.0, current - solved.best_possible);
      }
    }
    if (level == Level::kVulnerable)
      vulnerable_at_known =
          std::llround(current) + kept_vulnerable == known.vulnerable_household_patients;
    if (level == Level::kPatients)
      out.patients_upper = static_cast<long long>(std::llround(current)) + kept_patients;
    if (level == Level::kHouseholds)
      out.households_upper = static_cast<long long>(std::llround(current)) + kept_households;
    if (level != Level::kCost) floors.push_back({level, current});
  }
  out.receiver_of = AssignmentOf(context, model, x);
  out.proven = proven;
  out.placement_proven = placement_proven;
  out.improved =
      BetterScore(ScoreAssignment(context, out.receiver_of), ScoreAssignment(context, start));
  if (!out.improved) out.receiver_of = start;
  out.seconds = std::chrono::duration<double>(Clock::now() - began).count();
  return out;
}

}  // namespace vangnet::solver
