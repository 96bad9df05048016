// The monitor history in SQLite.
#pragma once

#include "store/monitor_history_repository.hpp"
#include "store/sqlite/sqlite_connection.hpp"

namespace vangnet::sqlite {

class SqliteMonitorHistoryRepository final : public MonitorHistoryRepository {
 public:
  explicit SqliteMonitorHistoryRepository(sqlite3* db) : db_(db) {}
  Result<bool> RecordMonth(const std::string& month, const std::vector<HistoryPoint>& points,
                           const std::string& recorded_at) override;
  bool HasMonth(const std::string& month) override;
  std::vector<HistoryPoint> All() override;

 private:
  sqlite3* db_;
};

}  // namespace vangnet::sqlite
