// The monitor's history in the store: one snapshot of counts per month.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"

namespace vangnet {

// The monitor's monthly snapshots (counts per signal and region totals).
struct HistoryPoint {
  std::string month;  // YYYY-MM
  std::string measure;
  long long value = 0;
};
class MonitorHistoryRepository {
 public:
  virtual ~MonitorHistoryRepository() = default;
  // Stores the month's values unless that month was recorded before; true when stored.
  virtual Result<bool> RecordMonth(const std::string& month,
                                   const std::vector<HistoryPoint>& points,
                                   const std::string& recorded_at) = 0;
  virtual bool HasMonth(const std::string& month) = 0;
  // Everything, oldest month first.
  virtual std::vector<HistoryPoint> All() = 0;
};

}  // namespace vangnet
