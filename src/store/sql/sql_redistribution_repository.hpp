// Patient redistribution in SQLite.
#pragma once

#include "core/time.hpp"
#include "store/redistribution_repository.hpp"
#include "store/sql/connection.hpp"

namespace vangnet::sql {

class SqlRedistributionRepository final : public RedistributionRepository {
 public:
  SqlRedistributionRepository(Connection& db, const Clock& clock) : db_(db), clock_(clock) {}
  Status ReplacePatients(std::int64_t incident_id, const std::string& practice_agb,
                         const std::vector<RedistributionPatient>& patients) override;
  std::vector<RedistributionPatient> Patients(std::int64_t incident_id) override;
  Status UpdatePatient(const RedistributionPatient& patient) override;
  Result<long long> PurgePatients(std::int64_t incident_id) override;
  Status SetOffer(std::int64_t incident_id, const CapacityOffer& offer) override;
  Status RemoveOffer(std::int64_t incident_id, const std::string& practice_agb) override;
  std::vector<CapacityOffer> Offers(std::int64_t incident_id) override;
  Result<TemporarySite> AddSite(std::int64_t incident_id, const TemporarySite& site) override;
  Status RemoveSite(std::int64_t incident_id, std::int64_t site_id) override;
  std::vector<TemporarySite> Sites(std::int64_t incident_id) override;
  Status SavePlan(std::int64_t incident_id, const StoredPlan& plan) override;
  std::optional<StoredPlan> FindPlan(std::int64_t incident_id) override;

 private:
  Connection& db_;
  const Clock& clock_;  // stamps updated_at
};

}  // namespace vangnet::sql
