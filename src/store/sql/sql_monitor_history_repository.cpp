#include "store/sql/sql_monitor_history_repository.hpp"

#include "store/sql/rows.hpp"

namespace vangnet::sql {

bool SqlMonitorHistoryRepository::HasMonth(const std::string& month) {
  Statement s(db_, "SELECT 1 FROM monitor_history WHERE month = ? LIMIT 1");
  Bind(s, month);
  return s.Step() == kRow;
}

Result<bool> SqlMonitorHistoryRepository::RecordMonth(const std::string& month,
                                                      const std::vector<HistoryPoint>& points,
                                                      const std::string& recorded_at) {
  if (HasMonth(month)) return false;
  for (const auto& p : points) {
    Statement s(db_,
                "INSERT INTO monitor_history (month, measure, value, recorded_at) VALUES "
                "(?,?,?,?)");
    Bind(s, month, p.measure, p.value, recorded_at);
    if (s.Step() != kDone) return StoreError(db_);
  }
  return true;
}

std::vector<HistoryPoint> SqlMonitorHistoryRepository::All() {
  std::vector<HistoryPoint> points;
  Statement s(db_, "SELECT month, measure, value FROM monitor_history ORDER BY month, measure");
  while (s.Step() == kRow) points.push_back({s.Text(0), s.Text(1), s.Int(2)});
  return points;
}

}  // namespace vangnet::sql
