#include "store/sqlite/sqlite_monitor_history_repository.hpp"

#include "store/sqlite/sqlite_rows.hpp"

namespace vangnet::sqlite {

bool SqliteMonitorHistoryRepository::HasMonth(const std::string& month) {
  Statement s(db_, "SELECT 1 FROM monitor_history WHERE month = ? LIMIT 1");
  Bind(s, month);
  return s.Step() == SQLITE_ROW;
}

Result<bool> SqliteMonitorHistoryRepository::RecordMonth(const std::string& month,
                                                         const std::vector<HistoryPoint>& points,
                                                         const std::string& recorded_at) {
  if (HasMonth(month)) return false;
  for (const auto& p : points) {
    Statement s(db_,
                "INSERT INTO monitor_history (month, measure, value, recorded_at) VALUES "
                "(?,?,?,?)");
    Bind(s, month, p.measure, p.value, recorded_at);
    if (s.Step() != SQLITE_DONE) return StoreError(db_);
  }
  return true;
}

std::vector<HistoryPoint> SqliteMonitorHistoryRepository::All() {
  std::vector<HistoryPoint> points;
  Statement s(db_, "SELECT month, measure, value FROM monitor_history ORDER BY month, measure");
  while (s.Step() == SQLITE_ROW) points.push_back({s.Text(0), s.Text(1), s.Int(2)});
  return points;
}

}  // namespace vangnet::sqlite
