// Incidents in SQLite.
#pragma once

#include "store/incident_repository.hpp"
#include "store/sql/connection.hpp"

namespace vangnet::sql {

class SqlIncidentRepository final : public IncidentRepository {
 public:
  explicit SqlIncidentRepository(Connection& db) : db_(db) {}
  std::string NextNumber(int year) override;
  Result<Incident> Insert(const Incident& incident) override;
  std::optional<Incident> Find(std::int64_t id) override;
  std::vector<Incident> List() override;
  Result<Incident> Update(const Incident& incident) override;
  Result<IncidentTask> UpdateTask(std::int64_t incident_id, const IncidentTask& task) override;
  Result<IncidentTask> InsertTask(std::int64_t incident_id, const IncidentTask& task) override;
  Result<SharedPicture> SavePicture(std::int64_t incident_id, int base_version,
                                    const SharedPicture& picture) override;
  Result<IncidentLogEntry> AppendLog(std::int64_t incident_id,
                                     const IncidentLogEntry& entry) override;
  Result<IncidentAlarm> InsertAlarm(std::int64_t incident_id, const IncidentAlarm& alarm) override;
  Result<IncidentAlarm> UpdateAlarm(std::int64_t incident_id, const IncidentAlarm& alarm) override;
  std::optional<std::int64_t> FindIncidentByAlarmToken(const std::string& token_hash) override;
  std::vector<std::int64_t> OpenIncidentIds() override;
  Status SaveEvaluation(std::int64_t incident_id, const EvaluationPoint& point) override;

 private:
  void LoadDetails(Incident& incident, bool with_log);
  Connection& db_;
};

}  // namespace vangnet::sql
