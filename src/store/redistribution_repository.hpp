// Patient redistribution in the store: the patient lists of an incident, offers, temporary sites
// and the latest plan's summary. Callers audit; the repository only stores.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/redistribution.hpp"

namespace vangnet {

struct CapacityOffer {
  std::string practice_agb;
  long long capacity = 0;
};

struct TemporarySite {
  std::int64_t id = 0;
  std::string kind;  // solver::RECEIVER_KINDS code
  std::string name;
  double latitude = 0;
  double longitude = 0;
  long long capacity = 0;
  std::string practice_agb;  // locum hours: at this practice
};

struct StoredPlan {
  std::string parameters;  // JSON
  std::string summary;     // JSON, without patient data
  std::string planned_at;
  std::string planned_by;
};

class RedistributionRepository {
 public:
  virtual ~RedistributionRepository() = default;
  // Replaces the list of one closed practice in one incident.
  virtual Status ReplacePatients(std::int64_t incident_id, const std::string& practice_agb,
                                 const std::vector<RedistributionPatient>& patients) = 0;
  // All patients of an incident, by closed practice and HIS number.
  virtual std::vector<RedistributionPatient> Patients(std::int64_t incident_id) = 0;
  // Stores receiver, stage, consent and declines of one patient.
  virtual Status UpdatePatient(const RedistributionPatient& patient) = 0;
  // Deletes every patient row of the incident; returns how many.
  virtual Result<long long> PurgePatients(std::int64_t incident_id) = 0;
  virtual Status SetOffer(std::int64_t incident_id, const CapacityOffer& offer) = 0;
  virtual Status RemoveOffer(std::int64_t incident_id, const std::string& practice_agb) = 0;
  virtual std::vector<CapacityOffer> Offers(std::int64_t incident_id) = 0;
  virtual Result<TemporarySite> AddSite(std::int64_t incident_id, const TemporarySite& site) = 0;
  virtual Status RemoveSite(std::int64_t incident_id, std::int64_t site_id) = 0;
  virtual std::vector<TemporarySite> Sites(std::int64_t incident_id) = 0;
  virtual Status SavePlan(std::int64_t incident_id, const StoredPlan& plan) = 0;
  virtual std::optional<StoredPlan> FindPlan(std::int64_t incident_id) = 0;
};

}  // namespace vangnet
