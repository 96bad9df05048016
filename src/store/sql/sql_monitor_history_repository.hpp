// The monitor history in SQLite.
#pragma once

#include "store/monitor_history_repository.hpp"
#include "store/sql/connection.hpp"

namespace vangnet::sql {

class SqlMonitorHistoryRepository final : public MonitorHistoryRepository {
 public:
  explicit SqlMonitorHistoryRepository(Connection& db) : db_(db) {}
  Result<bool> RecordMonth(const std::string& month, const std::vector<HistoryPoint>& points,
                           const std::string& recorded_at) override;
  bool HasMonth(const std::string& month) override;
  std::vector<HistoryPoint> All() override;

 private:
  Connection& db_;
};

}  // namespace vangnet::sql
