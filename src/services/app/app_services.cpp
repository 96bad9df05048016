#include "services/app/app_services.hpp"
#include "io/json_input.hpp"

#include <nlohmann/json.hpp>

#include "io/norms_yaml.hpp"
#include "io/preparedness_yaml.hpp"
#include "io/sso_settings_yaml.hpp"
#include "io/stress_areas_yaml.hpp"
#include "services/demo/demo_region.hpp"
#include "services/registry/access_policy.hpp"
#include "store/digest.hpp"

namespace vangnet {

namespace {

// A data file that did not load leaves its service on defaults; Loaded() reports it and
// `serve` refuses to start, so the defaults are never served.
template <class T>
const T& OrDefault(const Result<T>& loaded) {
  static const T kEmpty{};
  return loaded ? loaded.value() : kEmpty;
}

// The alarm settings with the channels this process can deliver on.
AlarmSettings WithChannels(const AppSettings& settings) {
  AlarmSettings alarms = settings.alarms;
  alarms.email = !settings.smtp.url.empty();
  alarms.sms = !settings.sms.url.empty();
  return alarms;
}

}  // namespace

AppServices::AppServices(Store& store, AccountService& accounts_, AppSettings settings)
    : store_(store),
      settings_(std::move(settings)),
      origin_(RandomHex(8)),
      playbooks_(PlaybookCatalog::Load(settings_.playbook_dir)),
      norms_(LoadNorms(settings_.norms_file)),
      stress_areas_(LoadStressAreas(settings_.stress_areas_file)),
      preparedness_rules_(LoadPreparednessRules(settings_.preparedness_file)),
      sso_settings_(settings_.sso_file.empty() ? Result<SsoSettings>(SsoSettings{})
                                               : LoadSsoSettings(settings_.sso_file)),
      email_(settings_.smtp.url.empty()
                 ? nullptr
                 : std::make_unique<SmtpSender>(settings_.smtp, store.clock())),
      sms_(settings_.sms.url.empty() ? nullptr : std::make_unique<SmsWebhookSender>(settings_.sms)),
      accounts(accounts_),
      audit(store),
      registry(store, [this](const ChangeEvent& change) { Publish(change); }),
      transfer(
          store, [this](const ChangeEvent& change) { Publish(change); },
          [&store] {
            DemoRegionOptions demo;
            demo.today = store.clock().Today();  // example dates as recent as the demo's
            return BuildDemoRegion(demo);
          }),
      directory(store),
      region(store),
      incidents(
          store, playbooks(),
          [this](std::int64_t id) {
            Publish(ChangeEvent{"incident", "update", id, std::to_string(id)});
          },
          WithChannels(settings_)),
      monitor(store, OrDefault(norms_)),
      redistribution(store),
      stress(store, OrDefault(norms_), OrDefault(stress_areas_)),
      preparedness(store, OrDefault(preparedness_rules_),
                   norms_ ? norms_.value().settings : MonitorSettings{}, &accounts_),
      programmes(store, norms_ ? norms_.value().settings : MonitorSettings{}),
      printouts(store, &playbooks(), &incidents, &redistribution),
      bundles(store, playbooks(), settings_.bundle),
      delivery(store, email_.get(), sms_.get(), [this](std::int64_t id) {
        Publish(ChangeEvent{"incident", "update", id, std::to_string(id)});
      }) {
  if (!settings_.sso_file.empty() && sso_settings_) {
    sso = std::make_unique<SingleSignOn>(sso_settings_.value(), accounts_, store.clock());
  }
}

void AppServices::OnChange(std::function<void(const ChangeEvent&)> listener) {
  subscription_.reset();  // its thread ends before the listener it calls changes
  listener_ = std::move(listener);
  if (listener_) {
    subscription_ = store_.Subscribe([this](const std::string& message) { Heard(message); });
  }
}

void AppServices::Publish(const ChangeEvent& change) const {
  if (listener_) listener_(change);
  // A person code is personal data: it does not travel through the database's notifications.
  nlohmann::json message{
      {"origin", origin_}, {"table", change.table}, {"action", change.action}, {"id", change.id}};
  if (!HoldsPersonalData(change.table)) message["key"] = change.key;
  store_.Announce(message.dump());
}

void AppServices::Heard(const std::string& message) {
  auto json = ParseJsonOrDiscarded(message);
  if (!json.is_object() || json.value("origin", "") == origin_ || !listener_) return;
  ChangeEvent change;
  change.table = json.value("table", "");
  change.action = json.value("action", "");
  change.id = json.value("id", std::int64_t{0});
  change.key = json.value("key", "");
  if (!change.table.empty()) listener_(change);
}

ReminderSettings AppServices::reminders() const {
  return ReminderSettings{!settings_.smtp.url.empty(), settings_.alarms.public_url,
                          settings_.reminder_hour};
}

Status AppServices::Loaded() const {
  if (!playbooks_) return playbooks_.error();
  if (!norms_) return norms_.error();
  if (!stress_areas_) return stress_areas_.error();
  if (!preparedness_rules_) return preparedness_rules_.error();
  if (!sso_settings_) return sso_settings_.error();
  return Ok{};
}

}  // namespace vangnet
