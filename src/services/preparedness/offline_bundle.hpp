// The offline bundle: for the day vangnet itself cannot be reached, one zip with every regional
// paper fallback and the registry as CSV, written to a folder the RHO can open without vangnet
// (a network share, a laptop synchronised overnight). No patient data goes in it: the
// vulnerable-patient lists stay behind the audited screen.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/incident.hpp"
#include "services/playbook/playbook_catalog.hpp"
#include "services/registry/access_policy.hpp"
#include "store/store.hpp"

namespace vangnet {

struct BundleResult {
  std::string path;                // the zip written
  std::vector<std::string> files;  // names inside it
  std::size_t bytes = 0;
};

// Writes "vangnet-offline-YYYY-MM-DD.zip" (Amsterdam date) into `folder` (which must exist) and
// keeps the `keep` newest bundles there, removing older ones. Contents: LEESMIJ.txt (what is in
// it and when it was made), the contact list, every calamity card, every playbook as checklist
// with log sheet, blank triage and prescription forms, the report of every open incident, and
// the registry's CSV files. Only an admin (or the system); audited as one export.
// "vangnet-offline-2026-11-23.zip": the bundle's file name for the Amsterdam date of `now`.
std::string OfflineBundleName(TimePoint now);

Result<BundleResult> WriteOfflineBundle(Store& store, const PlaybookCatalog& playbooks,
                                        const Caller& caller, const std::string& folder,
                                        TimePoint now, int keep = 7);

}  // namespace vangnet
