#include "services/stress/stress_engine.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <map>
#include <thread>
#include <tuple>

#include "core/text.hpp"
#include "services/redistribute/synthetic_households.hpp"
#include "solver/planner.hpp"
#include "solver/reach.hpp"

namespace vangnet {

namespace {

// FNV-1a: a seed per practice that is the same on every platform (std::hash is not).
std::uint64_t SeedOf(const std::string& agb) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : agb) h = (h ^ c) * 1099511628211ull;
  return h;
}

struct RunContext {
  const std::vector<StressPractice>& practices;
  const StressOptions& options;
  const PostcodeTable& postcodes;
  std::vector<std::vector<int>> near;  // per practice: practices that can be in reach of its list
};

// Practices within reach of anyone on a practice's list: the list lives within the household
// radius, and a receiver is at most the distance bound (as road km) from a household.
std::vector<std::vector<int>> Neighbourhoods(const std::vector<StressPractice>& practices,
                                             const StressOptions& options) {
  std::vector<solver::GeoPoint> points;
  for (const auto& p : practices) points.push_back({p.latitude, p.longitude});
  const auto& params = options.parameters;
  double straight_km = options.household_radius_km +
                       params.max_distance_km / std::max(params.detour_factor, 1e-9) + 0.5;
  auto reach = solver::ReceiversInReach(points, points, 1.0, straight_km);
  std::vector<std::vector<int>> near(practices.size());
  for (std::size_t i = 0; i < reach.size(); ++i) {
    for (const auto& arc : reach[i]) near[i].push_back(arc.receiver);
  }
  return near;
}

// Plans the closure of `closed` with `capacity` places left per practice; `prior` are the
// patients each practice took earlier (the base state), for the load after absorption.
// `absorbed` (optional) receives the patients taken per practice.
ScenarioOutcome PlanClosure(const RunContext& ctx, const std::vector<int>& closed,
                            const std::vector<long long>& capacity,
                            const std::vector<long long>& prior, std::vector<long long>* absorbed) {
  const auto& practices = ctx.practices;
  const auto& options = ctx.options;
  solver::PlanInput input;
  input.parameters = options.parameters;
  std::vector<char> is_closed(practices.size(), 0);
  for (int c : closed) is_closed[c] = 1;
  for (int c : closed) {
    const auto& p = practices[c];
    auto households =
        SynthesiseHouseholds({p.agb, p.latitude, p.longitude, p.patients, SeedOf(p.agb),
                              options.current_year, options.household_radius_km},
                             ctx.postcodes);
    std::move(households.begin(), households.end(), std::back_inserter(input.households));
  }
  std::vector<int> candidates;
  if (options.reuse_neighbourhoods) {
    for (int c : closed)
      candidates.insert(candidates.end(), ctx.near[c].begin(), ctx.near[c].end());
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  } else {
    for (int i = 0; i < static_cast<int>(practices.size()); ++i) candidates.push_back(i);
  }
  std::vector<int> receiver_practice;
  for (int r : candidates) {
    const auto& p = practices[r];
    if (is_closed[r] || p.closed_in_base) continue;
    bool partner = std::any_of(closed.begin(), closed.end(), [&](int c) {
      return std::find(practices[c].partners.begin(), practices[c].partners.end(), r) !=
             practices[c].partners.end();
    });
    input.receivers.push_back({p.agb, p.name, p.latitude, p.longitude, capacity[r], partner,
                               solver::ReceiverKind::kPractice});
    receiver_practice.push_back(r);
  }
  // Without the planner's exact step: a stress run plans thousands of scenarios, its figures must
  // not depend on how busy the threads are (the step is bounded by time), and the split bound it
  // reports already says what could fit.
  solver::PlannerOptions planner;
  planner.exact_budget_ms = 0;
  solver::Plan plan = solver::PlanRedistribution(input, planner);

  ScenarioOutcome out;
  out.patients = plan.patients_total;
  out.placed = plan.patients_placed;
  out.placeable_bound = plan.bound.patients_placeable;
  out.vulnerable_patients = plan.vulnerable_total;
  out.vulnerable_placed = plan.vulnerable_placed;
  out.households = plan.households_total;
  out.households_placed = plan.households_placed;
  out.extra_places_needed = plan.extra_places_needed;
  out.explanation = plan.explanation;
  for (const auto& u : plan.unplaced) {
    if (u.reason != solver::UnplacedReason::kNoReceiverInReach) continue;
    ++out.households_out_of_reach;
    out.patients_out_of_reach +=
        static_cast<long long>(input.households[u.household].patients.size());
  }
  for (const auto& a : plan.assignments) {
    out.max_km = std::max(out.max_km, a.distance_km);
  }
  out.mean_km = plan.patients_placed > 0 ? plan.patient_km / plan.patients_placed : 0;
  for (const auto& load : plan.receivers) {
    int practice = receiver_practice[load.receiver];
    if (absorbed) (*absorbed)[practice] += load.placed_patients;
    bool full = load.capacity > 0 && load.placed_patients >= load.capacity;
    if (load.placed_patients == 0 && !load.binding && !full) continue;
    ReceiverOutcome r;
    r.practice = practice;
    r.capacity = load.capacity;
    r.absorbed = load.placed_patients;
    r.binding = load.binding;
    r.saturated = full || (load.saturated && load.capacity > 0 && !plan.unplaced.empty());
    const auto& p = practices[practice];
    if (p.gp_fte > 0) {
      r.patients_per_fte_after =
          static_cast<double>(p.patients + prior[practice] + load.placed_patients) / p.gp_fte;
      if (load.placed_patients > 0) {
        out.max_patients_per_fte_after =
            std::max(out.max_patients_per_fte_after.value_or(0), *r.patients_per_fte_after);
        out.receivers_above_signal += *r.patients_per_fte_after > options.signal_patients_per_fte;
      }
    }
    out.receivers.push_back(r);
  }
  std::sort(out.receivers.begin(), out.receivers.end(), [](const auto& a, const auto& b) {
    return std::tie(b.absorbed, a.practice) < std::tie(a.absorbed, b.practice);
  });
  return out;
}

std::string Pct(double share) {
  double pct = share * 100;
  if (pct > 0 && pct < 1) return "minder dan 1%";
  if (pct > 99 && pct < 100) return FormatDutchNumber(std::floor(pct * 10) / 10, 1) + "%";
  return FormatDutchNumber(std::round(pct)) + "%";
}

std::string JoinNl(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " en " : ", ";
    out += items[i];
  }
  return out;
}

// "Praktijk X (Plaats)", unless the name already says where it is.
std::string Named(const StressPractice& p) {
  if (p.place.empty() || p.name.find(p.place) != std::string::npos) return p.name;
  return p.name + " (" + p.place + ")";
}

}  // namespace

std::vector<StressScenario> SinglePracticeScenarios(const std::vector<StressPractice>& practices) {
  std::vector<StressScenario> scenarios;
  for (int i = 0; i < static_cast<int>(practices.size()); ++i) {
    if (practices[i].closed_in_base) continue;
    scenarios.push_back({"practice:" + practices[i].agb, "practice", Named(practices[i]), {i}});
  }
  return scenarios;
}

StressRun RunStress(const std::vector<StressPractice>& practices,
                    const std::vector<StressScenario>& scenarios, const StressOptions& options,
                    const PostcodeTable& postcodes) {
  auto start = std::chrono::steady_clock::now();
  RunContext ctx{practices, options, postcodes, {}};
  if (options.reuse_neighbourhoods) ctx.near = Neighbourhoods(practices, options);
  StressRun run;
  const std::size_t n = practices.size();
  std::vector<long long> capacity(n), no_prior(n, 0);
  for (std::size_t i = 0; i < n; ++i) capacity[i] = practices[i].capacity;
  run.base_absorbed.assign(n, 0);
  std::vector<int> base_closed;
  for (int i = 0; i < static_cast<int>(n); ++i) {
    if (practices[i].closed_in_base) base_closed.push_back(i);
  }
  if (!base_closed.empty()) {
    run.base = PlanClosure(ctx, base_closed, capacity, no_prior, &run.base_absorbed);
    for (std::size_t i = 0; i < n; ++i)
      capacity[i] = std::max(0LL, capacity[i] - run.base_absorbed[i]);
  }

  run.outcomes.resize(scenarios.size());
  int threads = options.threads > 0
                    ? options.threads
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = std::max(1, std::min<int>(threads, static_cast<int>(scenarios.size())));
  run.threads_used = threads;
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t s; (s = next.fetch_add(1)) < scenarios.size();) {
      std::vector<int> closed;
      for (int c : scenarios[s].closed) {
        if (!practices[c].closed_in_base) closed.push_back(c);
      }
      run.outcomes[s] = PlanClosure(ctx, closed, capacity, run.base_absorbed, nullptr);
    }
  };
  if (threads == 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(work);
    for (auto& t : pool) t.join();
  }
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return run;
}

std::vector<int> RankScenarios(const StressRun& run, const std::vector<int>& which) {
  std::vector<int> order = which;
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    const auto& x = run.outcomes[a];
    const auto& y = run.outcomes[b];
    return std::make_tuple(x.share_placed(), -x.unplaced(),
                           -x.max_patients_per_fte_after.value_or(0)) <
           std::make_tuple(y.share_placed(), -y.unplaced(),
                           -y.max_patients_per_fte_after.value_or(0));
  });
  return order;
}

std::vector<std::string> DescribeWeakPoints(const std::vector<StressPractice>& practices,
                                            const std::vector<StressScenario>& scenarios,
                                            const StressRun& run, const StressOptions& options,
                                            std::optional<int> future_year) {
  std::vector<std::string> lines;
  const std::string km = FormatDutchNumber(options.parameters.max_distance_km) + " km";
  if (future_year) {
    int closed = 0;
    for (const auto& p : practices) closed += p.closed_in_base;
    if (!run.base) {
      lines.push_back("In " + std::to_string(*future_year) +
                      " is naar verwachting geen praktijk gestopt zonder bekende opvolger.");
    } else {
      const auto& b = *run.base;
      lines.push_back("In " + std::to_string(*future_year) + " zijn naar verwachting " +
                      std::to_string(closed) + " praktijken gestopt zonder bekende opvolger (" +
                      FormatDutchNumber(b.patients) + " patiënten). " +
                      (b.unplaced() == 0
                           ? "De buren kunnen hen allemaal opvangen binnen " + km +
                                 "; wat zij daarvoor aan "
                                 "ruimte gebruiken, "
                                 "ontbreekt bij een "
                                 "volgende uitval."
                           : FormatDutchNumber(b.unplaced()) + " van hen (" +
                                 Pct(1 - b.share_placed()) + ") vinden geen plek binnen " + km +
                                 ", nog vóór er iets anders uitvalt."));
    }
  }
  long long room = 0, largest = 0;
  for (std::size_t i = 0; i < practices.size(); ++i) {
    if (practices[i].closed_in_base) continue;
    room += std::max(0LL, practices[i].capacity - run.base_absorbed[i]);
    largest = std::max(largest, practices[i].patients);
  }
  lines.push_back("Samen hebben de open praktijken nog " + FormatDutchNumber(room) +
                  " plaatsen tot " + FormatDutchNumber(options.capacity_patients_per_fte) +
                  " patiënten per fte; de grootste praktijk heeft " + FormatDutchNumber(largest) +
                  " patiënten.");
  std::vector<int> single, areas;
  for (int s = 0; s < static_cast<int>(scenarios.size()); ++s) {
    (scenarios[s].kind == "practice" ? single : areas).push_back(s);
  }
  if (!single.empty()) {
    std::vector<int> weak;
    for (int s : RankScenarios(run, single)) {
      if (run.outcomes[s].unplaced() > 0) weak.push_back(s);
    }
    if (weak.empty()) {
      lines.push_back(
          "Elke praktijk kan bij uitval volledig door de buren worden opgevangen "
          "binnen " +
          km + ".");
    } else {
      lines.push_back(std::to_string(weak.size()) + " van de " + std::to_string(single.size()) +
                      (weak.size() == 1 ? " praktijken kan" : " praktijken kunnen") +
                      " bij uitval niet volledig worden opgevangen binnen " + km + ".");
    }
    for (std::size_t i = 0; i < std::min<std::size_t>(3, weak.size()); ++i) {
      const auto& o = run.outcomes[weak[i]];
      const auto& p = practices[scenarios[weak[i]].closed.front()];
      std::string why;
      if (o.patients_out_of_reach > 0) {
        why = FormatDutchNumber(o.patients_out_of_reach) + " van hen wonen verder dan " + km +
              " van elke andere praktijk";
      }
      std::vector<std::string> binding;
      for (const auto& r : o.receivers) {
        if (r.binding) binding.push_back(practices[r.practice].name);
      }
      if (!binding.empty()) {
        if (!why.empty()) why += "; ";
        why += binding.size() <= 3 ? "bepalend is de ruimte bij " + JoinNl(binding)
                                   : "alle " + std::to_string(binding.size()) +
                                         " praktijken in de buurt zitten vol";
      } else if (o.patients_out_of_reach == 0) {
        if (!why.empty()) why += "; ";
        why += "de praktijken in de buurt hebben geen ruimte";
      }
      lines.push_back((i == 0 ? "Zwakste plek: " : "Daarna: ") + Named(p) + ": " +
                      FormatDutchNumber(o.unplaced()) + " van de " + FormatDutchNumber(o.patients) +
                      " patiënten (" + Pct(1 - o.share_placed()) + ") zonder plek; " + why + ".");
    }
    // The neighbours the region leans on: binding in many single failures.
    std::map<int, int> binding_count;
    int above_signal = 0;
    for (int s : single) {
      for (const auto& r : run.outcomes[s].receivers) binding_count[r.practice] += r.binding;
      above_signal += run.outcomes[s].receivers_above_signal > 0;
    }
    std::vector<std::pair<int, int>> leaned_on;
    for (auto [practice, count] : binding_count) {
      if (count >= 2) leaned_on.push_back({count, practice});
    }
    std::sort(leaned_on.begin(), leaned_on.end(), [](const auto& a, const auto& b) {
      return std::tie(b.first, a.second) < std::tie(a.first, b.second);
    });
    for (std::size_t i = 0; i < std::min<std::size_t>(2, leaned_on.size()); ++i) {
      lines.push_back(Named(practices[leaned_on[i].second]) + " is bepalend in " +
                      std::to_string(leaned_on[i].first) + " van de " +
                      std::to_string(single.size()) +
                      " uitvalscenario's: extra plaatsen daar helpen de regio het meest.");
    }
    if (above_signal > 0) {
      lines.push_back("Bij " + std::to_string(above_signal) +
                      (above_signal == 1 ? " uitvalscenario komt" : " uitvalscenario's komt") +
                      " een opvangende praktijk boven " +
                      FormatDutchNumber(options.signal_patients_per_fte) +
                      " patiënten per fte huisarts.");
    }
  }
  if (!areas.empty()) {
    std::vector<int> weak;
    for (int s : RankScenarios(run, areas)) {
      if (run.outcomes[s].unplaced() > 0) weak.push_back(s);
    }
    if (weak.empty()) {
      lines.push_back("Elk doorgerekend gebied kan bij uitval volledig worden opgevangen binnen " +
                      km + ".");
    }
    for (std::size_t i = 0; i < std::min<std::size_t>(3, weak.size()); ++i) {
      const auto& o = run.outcomes[weak[i]];
      const auto& sc = scenarios[weak[i]];
      lines.push_back("Bij uitval van " + sc.name + " (" + std::to_string(sc.closed.size()) +
                      (sc.closed.size() == 1 ? " praktijk, " : " praktijken, ") +
                      FormatDutchNumber(o.patients) + " patiënten) blijven " +
                      FormatDutchNumber(o.unplaced()) + " patiënten (" + Pct(1 - o.share_placed()) +
                      ") zonder plek.");
    }
  }
  return lines;
}

}  // namespace vangnet
