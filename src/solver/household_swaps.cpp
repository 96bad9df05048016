#include "solver/household_swaps.hpp"

#include <algorithm>
#include <array>
#include <deque>
#include <functional>
#include <utility>

namespace vangnet::solver {

namespace {

// Households larger than this are never exchanged (they still stay placed or waiting as they are).
constexpr long long kLargest = 16;

struct Exchanger {
  const PlanningContext& context;
  std::vector<int>& receiver_of;
  std::vector<long long> room;
  // Per receiver, vulnerability (1: a household with vulnerable patients) and size: households
  // placed there (the farthest last), and waiting households with the receiver in reach (the
  // nearest last). Waiting lists are cleaned lazily: an entry placed since is dropped when it
  // reaches the back; their counts are exact.
  using Lists = std::vector<std::vector<int>>;  // by size
  std::vector<std::array<Lists, 2>> placed, waiting;
  std::vector<std::array<std::vector<long long>, 2>> waiting_count;
  std::deque<int> to_examine;
  std::vector<bool> queued;
  int exchanges = 0;

  Exchanger(const PlanningContext& c, std::vector<int>& assignment)
      : context(c), receiver_of(assignment) {
    const std::size_t receivers = context.input.receivers.size();
    for (const auto& r : context.input.receivers) room.push_back(r.capacity);
    placed.assign(receivers, {Lists(kLargest + 1), Lists(kLargest + 1)});
    waiting = placed;
    waiting_count.assign(receivers, {std::vector<long long>(kLargest + 1, 0),
                                     std::vector<long long>(kLargest + 1, 0)});
    // Waiting households first with their distance, to sort each list once (nearest last).
    using ByDistance = std::vector<std::vector<std::pair<double, int>>>;  // by size
    std::vector<std::array<ByDistance, 2>> near(
        receivers, {ByDistance(kLargest + 1), ByDistance(kLargest + 1)});
    for (int h = 0; h < static_cast<int>(receiver_of.size()); ++h) {
      const int r = receiver_of[h];
      if (r >= 0) room[r] -= context.size[h];
      if (context.size[h] > kLargest || context.kept_receiver[h] >= 0) continue;
      if (r >= 0) placed[r][Vulnerable(h)][context.size[h]].push_back(h);
      if (r >= 0) continue;
      for (const auto& arc : context.ReachOf(h)) {
        near[arc.receiver][Vulnerable(h)][context.size[h]].push_back({arc.distance_km, h});
        ++waiting_count[arc.receiver][Vulnerable(h)][context.size[h]];
      }
    }
    for (std::size_t r = 0; r < receivers; ++r) {
      for (int v : {0, 1}) {
        for (long long size = 1; size <= kLargest; ++size) {
          auto& list = near[r][v][size];
          std::sort(list.begin(), list.end(), std::greater<>());
          for (const auto& [km, h] : list) waiting[r][v][size].push_back(h);
        }
      }
    }
    const std::vector<double> km = context.DistancesKm(receiver_of);
    for (auto& by_class : placed) {
      for (auto& lists : by_class) {
        for (auto& list : lists) {
          std::sort(list.begin(), list.end(), [&](int a, int b) { return km[a] < km[b]; });
        }
      }
    }
    queued.assign(receivers, true);
    for (std::size_t r = 0; r < receivers; ++r) to_examine.push_back(static_cast<int>(r));
  }

  int Vulnerable(int h) const { return context.vulnerable[h] ? 1 : 0; }

  void AddWaiting(int h, bool examine_again) {
    for (const auto& arc : context.ReachOf(h)) {
      waiting[arc.receiver][Vulnerable(h)][context.size[h]].push_back(h);
      ++waiting_count[arc.receiver][Vulnerable(h)][context.size[h]];
      if (examine_again && !queued[arc.receiver]) {
        queued[arc.receiver] = true;
        to_examine.push_back(arc.receiver);
      }
    }
  }

  // Waiting households of `size` for receiver r: vulnerable ones, and others unless
  // `vulnerable_only`.
  long long WaitingCount(int r, long long size, bool vulnerable_only) const {
    return waiting_count[r][1][size] + (vulnerable_only ? 0 : waiting_count[r][0][size]);
  }

  // The nearest waiting household of `size` for receiver r not in `taken`, one with vulnerable
  // patients first (it raises the first level of the order); -1 when there is none.
  int Waiting(int r, long long size, const std::vector<int>& taken, bool vulnerable_only) {
    for (int v : {1, 0}) {
      if (v == 0 && vulnerable_only) break;
      auto& list = waiting[r][v][size];
      while (!list.empty() && receiver_of[list.back()] >= 0) list.pop_back();
      for (auto it = list.rbegin(); it != list.rend(); ++it) {
        if (receiver_of[*it] < 0 && std::find(taken.begin(), taken.end(), *it) == taken.end())
          return *it;
      }
    }
    return -1;
  }

  void Place(int h, int r) {
    receiver_of[h] = r;
    room[r] -= context.size[h];
    placed[r][Vulnerable(h)][context.size[h]].push_back(h);
    for (const auto& arc : context.ReachOf(h)) {
      --waiting_count[arc.receiver][Vulnerable(h)][context.size[h]];
    }
  }

  // The farthest placed household of size s (of class v) at r waits again, and the receivers in
  // its reach look at it again.
  void Release(int r, int v, long long s) {
    const int x = placed[r][v][s].back();
    placed[r][v][s].pop_back();
    receiver_of[x] = -1;
    room[r] += s;
    AddWaiting(x, true);
  }

  // Whether the sizes in `sizes` (sorted) are available `count` deep.
  template <class Count>
  static bool Available(const std::vector<long long>& sizes, Count count) {
    for (std::size_t i = 0; i < sizes.size();) {
      std::size_t j = i;
      while (j < sizes.size() && sizes[j] == sizes[i]) ++j;
      if (count(sizes[i]) < static_cast<long long>(j - i)) return false;
      i = j;
    }
    return true;
  }

  // Replaces placed households of sizes `out` (of class v) at r by waiting ones of sizes `in`
  // (vulnerable ones only when v is 1, so that the first level cannot drop), when all are
  // there; the caller has checked that it fits and improves.
  bool Exchange(int r, int v, const std::vector<long long>& out, const std::vector<long long>& in) {
    const bool vulnerable_only = v == 1;
    if (!Available(out,
                   [&](long long s) { return static_cast<long long>(placed[r][v][s].size()); }) ||
        !Available(in, [&](long long s) { return WaitingCount(r, s, vulnerable_only); })) {
      return false;
    }
    std::vector<int> chosen;  // before releasing, so that a released one is not taken back
    for (long long size : in) {
      const int y = Waiting(r, size, chosen, vulnerable_only);
      if (y < 0) return false;
      chosen.push_back(y);
    }
    for (long long size : out) Release(r, v, size);
    for (int y : chosen) Place(y, r);
    exchanges += static_cast<int>(in.size() > out.size());
    return true;
  }

  // Multisets of up to `most` sizes from `sizes` (sorted, distinct), the empty one first.
  static std::vector<std::vector<long long>> Multisets(const std::vector<long long>& sizes,
                                                       std::size_t most) {
    std::vector<std::vector<long long>> out{{}};
    for (std::size_t begin = 0, n = 1; n <= most; ++n) {
      const std::size_t end = out.size();
      for (std::size_t i = begin; i < end; ++i) {
        for (long long s : sizes) {
          if (!out[i].empty() && s < out[i].back()) continue;
          auto next = out[i];
          next.push_back(s);
          out.push_back(std::move(next));
        }
      }
      begin = end;
    }
    return out;
  }

  // One improvement at receiver r: up to two placed households out for up to three waiting ones
  // in, fitting the room, that place more patients, or as many patients in more households.
  // Households without vulnerable patients make way for any; households with them only for
  // others with them, at least as many patients. False when none is left.
  bool ImproveAt(int r) {
    for (int v : {0, 1}) {
      std::vector<long long> in_sizes, out_sizes;
      for (long long s = 1; s <= kLargest; ++s) {
        if (WaitingCount(r, s, v == 1) > 0) in_sizes.push_back(s);
        if (!placed[r][v][s].empty()) out_sizes.push_back(s);
      }
      if (in_sizes.empty()) continue;
      const auto outs = Multisets(out_sizes, 2);
      const auto ins = Multisets(in_sizes, 3);
      for (const auto& out : outs) {
        if (v == 1 && out.empty()) continue;  // plain insertions are tried with v = 0
        long long removed = 0;
        for (long long s : out) removed += s;
        for (const auto& in : ins) {
          long long added = 0;
          for (long long s : in) added += s;
          const bool better = added > removed || (added == removed && in.size() > out.size());
          if (!in.empty() && better && added <= removed + room[r] && Exchange(r, v, out, in)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  // Moves placed household x from r to r2 and a waiting one into the room it leaves at r:
  // the relocations whose freed room lets a waiting household in (one more household, more
  // patients). One pass over the placed households; true when it moved any.
  bool RelocateToLetIn() {
    bool moved = false;
    for (int x = 0; x < static_cast<int>(receiver_of.size()); ++x) {
      const int r = receiver_of[x];
      if (r < 0 || context.kept_receiver[x] >= 0 || context.size[x] > kLargest) continue;
      const long long s = context.size[x];
      for (const auto& arc : context.ReachOf(x)) {
        const int r2 = arc.receiver;
        if (r2 == r || room[r2] < s) continue;
        // The largest waiting household the room at r then takes.
        int y = -1;
        for (long long a = std::min(kLargest, room[r] + s); a > room[r] && y < 0; --a) {
          if (WaitingCount(r, a, false) > 0) y = Waiting(r, a, {}, false);
        }
        if (y < 0) break;  // nothing waits at r that the extra room lets in
        auto& list = placed[r][Vulnerable(x)][s];
        list.erase(std::find(list.begin(), list.end(), x));
        room[r] += s;
        receiver_of[x] = -1;
        Place(x, r2);
        for (const auto& a : context.ReachOf(x)) {
          ++waiting_count[a.receiver][Vulnerable(x)][s];  // Place counted it as waiting
        }
        Place(y, r);
        moved = true;
        for (int q : {r, r2}) {
          if (!queued[q]) queued[q] = true, to_examine.push_back(q);
        }
        break;
      }
    }
    return moved;
  }

  void Run() {
    do {
      while (!to_examine.empty()) {
        const int r = to_examine.front();
        to_examine.pop_front();
        queued[r] = false;
        while (ImproveAt(r)) {
        }
      }
    } while (RelocateToLetIn());
  }
};

// MoveForLessCost: relocations into room, cheapest first, pass after pass.
class CostMover {
 public:
  CostMover(const PlanningContext& context, std::vector<int>& receiver_of)
      : context_(context), receiver_of_(receiver_of) {
    for (const auto& r : context.input.receivers) room_.push_back(r.capacity);
    for (int h = 0; h < static_cast<int>(receiver_of_.size()); ++h) {
      if (receiver_of_[h] >= 0) room_[receiver_of_[h]] -= context.size[h];
    }
  }

  int Run() {
    int moves = 0;
    for (int pass = 0; pass < 8; ++pass) {
      int moved = 0;
      for (int x = 0; x < static_cast<int>(receiver_of_.size()); ++x) moved += MoveNearer(x);
      moves += moved;
      if (moved == 0) break;
    }
    return moves;
  }

 private:
  // Placed household x to the cheapest receiver in its reach with room for it, when cheaper.
  bool MoveNearer(int x) {
    const int from = receiver_of_[x];
    if (from < 0 || context_.kept_receiver[x] >= 0) return false;
    const auto& reach = context_.ReachOf(x);
    double here = 0;
    for (const auto& arc : reach) {
      if (arc.receiver == from) here = context_.ExactCostMetres(arc);
    }
    int best = -1;
    double best_cost = here - 1e-6;
    for (const auto& arc : reach) {
      const double cost = context_.ExactCostMetres(arc);
      if (arc.receiver != from && room_[arc.receiver] >= context_.size[x] && cost < best_cost) {
        best = arc.receiver, best_cost = cost;
      }
    }
    if (best < 0) return false;
    room_[from] += context_.size[x];
    room_[best] -= context_.size[x];
    receiver_of_[x] = best;
    return true;
  }

  const PlanningContext& context_;
  std::vector<int>& receiver_of_;
  std::vector<long long> room_;
};

}  // namespace

int MoveForLessCost(const PlanningContext& context, std::vector<int>& receiver_of) {
  CostMover mover(context, receiver_of);
  return mover.Run();
}

int ExchangeForMoreHouseholds(const PlanningContext& context, std::vector<int>& receiver_of) {
  Exchanger exchanger(context, receiver_of);
  exchanger.Run();
  return exchanger.exchanges;
}

}  // namespace vangnet::solver
