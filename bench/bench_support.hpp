// What every benchmark here needs: an actor for the store, a stopwatch and a median.
#pragma once

#include <algorithm>
#include <chrono>
#include <vector>

#include "core/audit_event.hpp"

namespace vangnet::bench {

inline const Actor kBench{"bench", "admin", "bench", "benchmark"};

inline double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

inline double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// The median time of `runs` calls of fn.
template <class Fn>
double MedianSeconds(int runs, Fn fn) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    fn();
    times.push_back(Seconds(start));
  }
  return Median(std::move(times));
}

}  // namespace vangnet::bench
