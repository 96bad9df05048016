// The registry as a read-only FHIR R4 directory (README.md, "FHIR"): read, search and _history
// per resource type, the CapabilityStatement, and the whole registry as one Bundle.
//
// Access is the registry's own (access_policy.hpp): a type is refused whole to a role that may
// not read its records (the insurer never gets a Practitioner), a practice user sees their own
// practices' records, hidden fields stay empty, and every read of people is audited as any other
// read of personal data. Answers are FHIR JSON; errors are the usual Error, which the HTTP layer
// turns into an OperationOutcome.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "services/registry/access_policy.hpp"
#include "store/store.hpp"

namespace vangnet {

namespace fhir_directory {
struct Candidate;  // one resource a request may return (fhir_directory_service.cpp)
}

// Query parameters in the order sent (a name may repeat).
using FhirParams = std::vector<std::pair<std::string, std::string>>;

class FhirDirectoryService {
 public:
  explicit FhirDirectoryService(Store& store) : store_(store) {}

  // The resource types served, in the order the CapabilityStatement lists them.
  static const std::vector<std::string>& ResourceTypes();

  // `base`: the directory's address ("http://host/fhir/r4"), for fullUrl and paging links.
  nlohmann::json Capabilities(const std::string& base) const;
  Result<nlohmann::json> Read(const Caller& caller, const std::string& type, const std::string& id);
  // A searchset Bundle: identifier, name (:exact, :contains), _id, _lastUpdated, partof,
  // organization and the other reference parameters of ResourceTypes, _count and _offset.
  Result<nlohmann::json> Search(const Caller& caller, const std::string& type,
                                const FhirParams& params, const std::string& base);
  // A history Bundle (mCSD's "updates"): every resource of `type` changed since `_since`, newest
  // first, once each in its current state, or as a deletion. vangnet keeps no older versions.
  Result<nlohmann::json> History(const Caller& caller, const std::string& type,
                                 const FhirParams& params, const std::string& base);
  // Every resource the caller may read region-wide, as one collection Bundle (the export).
  Result<nlohmann::json> ExportBundle(const Caller& caller, const std::string& base);

  struct Snapshot;

 private:
  // What every request starts from: the snapshot, its unit of work (reads of people are audited
  // in it) and the resources of `type` the caller may see (none asked for: empty type).
  struct Opened {
    std::shared_ptr<const Snapshot> snapshot;
    std::unique_ptr<UnitOfWork> uow;
    std::shared_ptr<const std::vector<fhir_directory::Candidate>> candidates;
  };
  Result<Opened> Open(const Caller& caller, const std::string& type);
  // The registry as resources are made from it, rebuilt when anything was written since.
  Result<std::shared_ptr<const Snapshot>> Current(const Caller& caller);

  Store& store_;
  std::mutex mutex_;
  std::shared_ptr<const Snapshot> snapshot_;
};

}  // namespace vangnet
