// The offline bundle: for the day vangnet itself cannot be reached, one zip with every regional
// paper fallback and the registry as CSV, written to a folder the RHO can open without vangnet
// (a network share, a laptop synchronised overnight). No patient data goes in it: the
// vulnerable-patient lists stay behind the audited screen.
#pragma once

#include <chrono>
#include <mutex>
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
                                        int keep = 7);

// Where and from which hour (Amsterdam time) the server writes the bundle each night.
struct BundleSettings {
  std::string folder;  // empty: not scheduled, and "make one now" is refused
  int hour = 2;
};

// The outcome of the last attempt, for the admin's status view.
struct BundleStatus {
  std::string folder;
  int hour = 2;
  std::string date;  // the Amsterdam date of the last attempt; empty: none yet
  std::string at, path, error;
  std::size_t files = 0, bytes = 0;
};

// The server's bundle: once a night from the set hour (skipped when today's is already there,
// e.g. after a restart) and on an admin's request; one run at a time.
class OfflineBundles {
 public:
  OfflineBundles(Store& store, const PlaybookCatalog& playbooks, BundleSettings settings)
      : store_(store), playbooks_(playbooks), settings_(std::move(settings)) {
    status_.folder = settings_.folder;
    status_.hour = settings_.hour;
  }

  // For admins: where, when, and the last outcome.
  Result<BundleStatus> State(const Caller& caller);
  // For admins: a bundle now, whatever the hour.
  Result<BundleStatus> MakeNow(const Caller& caller);
  // The scheduler's job: the night's bundle when due (Ok when not due).
  Status MakeIfDue();

 private:
  Result<BundleResult> Make(const Caller& caller);
  BundleStatus Snapshot();

  Store& store_;
  const PlaybookCatalog& playbooks_;
  BundleSettings settings_;
  BundleStatus status_;
  std::mutex status_mutex_;  // guards status_
  std::mutex run_mutex_;     // one bundle written at a time (night and request share a name)
};

}  // namespace vangnet
