// Every service of a running vangnet, built once from the store and the settings: what `serve`
// hands to the HTTP layer and to the scheduler. The composition root of the service layer, so
// that http/ gets services and never the store.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "io/sms_webhook.hpp"
#include "io/smtp_sender.hpp"
#include "services/audit/audit_service.hpp"
#include "services/auth/account_service.hpp"
#include "services/auth/single_sign_on.hpp"
#include "services/incident/alarming.hpp"
#include "services/incident/incident_service.hpp"
#include "services/monitor/monitor_service.hpp"
#include "services/notify/outbox_delivery.hpp"
#include "services/preparedness/offline_bundle.hpp"
#include "services/preparedness/paper_printouts.hpp"
#include "services/preparedness/preparedness_service.hpp"
#include "services/programme/programme_service.hpp"
#include "services/redistribute/redistribution_service.hpp"
#include "services/registry/fhir_directory_service.hpp"
#include "services/registry/region_service.hpp"
#include "services/registry/registry_service.hpp"
#include "services/registry/registry_transfer.hpp"
#include "services/stress/stress_service.hpp"
#include "store/store.hpp"

namespace vangnet {

struct AppSettings {
  std::string playbook_dir;       // the region's own playbooks; empty: only the shipped ones
  std::string norms_file;         // the region's own monitor thresholds; empty: the shipped ones
  std::string stress_areas_file;  // the region's own stress-test areas; empty: the shipped ones
  std::string preparedness_file;  // the region's own preparedness rules; empty: the shipped ones
  std::string sso_file;           // single sign-on settings; empty: local accounts only
  AlarmSettings alarms;           // acknowledgement timeout, digest interval, public URL
  SmtpSettings smtp;              // url empty: no e-mail (alarms still show in the app)
  SmsWebhookSettings sms;         // url empty: no SMS
  BundleSettings bundle;          // the nightly offline bundle (folder empty: not scheduled)
  // From this hour (Amsterdam time) on the 1st, the month's preparedness reminders are e-mailed.
  int reminder_hour = 8;
};

class AppServices {
  // Declared first: the services below keep references to them.
  Store& store_;
  AppSettings settings_;
  std::function<void(const ChangeEvent&)> listener_;
  std::string origin_;  // this server among others on one database: random, per process
  std::unique_ptr<ChangeSubscription> subscription_;
  PlaybookCatalog empty_;
  Result<PlaybookCatalog> playbooks_;
  Result<SignalNorms> norms_;
  Result<StressAreas> stress_areas_;
  Result<PreparednessRules> preparedness_rules_;
  Result<SsoSettings> sso_settings_;
  std::unique_ptr<MessageSender> email_;
  std::unique_ptr<MessageSender> sms_;

 public:
  AppServices(Store& store, AccountService& accounts, AppSettings settings);
  ~AppServices() { subscription_.reset(); }  // its thread stops before any service goes

  // Whether every data file (playbooks, norms, stress areas, preparedness rules, single sign-on
  // settings) loaded: a crisis tool must not run on half its playbooks.
  Status Loaded() const;
  // Who hears of committed changes (the live event stream): this server's, and, with several
  // servers on one PostgreSQL database, the others' (Store::Subscribe). Set before serving;
  // cleared (empty) before the listener goes.
  void OnChange(std::function<void(const ChangeEvent&)> listener);

  const AppSettings& settings() const { return settings_; }
  // When and how the monthly preparedness reminders go out.
  ReminderSettings reminders() const;
  const Clock& clock() const { return store_.clock(); }
  // Whether this server runs the background jobs now (one of several on one PostgreSQL).
  bool LeadsBackgroundWork() { return store_.LeadsBackgroundWork(); }
  const PlaybookCatalog& playbooks() const { return playbooks_ ? playbooks_.value() : empty_; }

  AccountService& accounts;
  AuditService audit;
  RegistryService registry;
  RegistryTransferService transfer;  // import page, Excel downloads
  FhirDirectoryService directory;    // /fhir/r4
  RegionService region;
  IncidentService incidents;
  MonitorService monitor;
  RedistributionService redistribution;
  StressService stress;
  PreparednessService preparedness;
  ProgrammeService programmes;  // succession trajectories, from solo to working together
  PaperPrintouts printouts;
  OfflineBundles bundles;
  OutboxDelivery delivery;
  // Single sign-on through the organisation's identity provider; null when not configured.
  std::unique_ptr<SingleSignOn> sso;

 private:
  // To this server's listener, and announced to the other servers on the database.
  void Publish(const ChangeEvent& change) const;
  // A change another server announced (its JSON); its own announcements come back too and are
  // left out by their origin.
  void Heard(const std::string& message);
};

}  // namespace vangnet
