// The vangnet web server: the JSON API under /api/v1 and the web UI's static files.
//
// Built on cpp-httplib from Debian (libcpp-httplib-dev): a small, well-kept, header-first
// library whose thread-per-connection model is plenty for a region's few dozen coordinators,
// with the hooks we need in one place each (pre-routing, exception and error handlers).
// Boost.Beast would give async I/O we do not need at this scale for much more code.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "core/error.hpp"
#include "io/sms_webhook.hpp"
#include "io/smtp_sender.hpp"
#include "services/auth/account_service.hpp"
#include "services/incident/alarming.hpp"
#include "store/store.hpp"

#define VANGNET_VERSION_STRING "0.1.0"

namespace vangnet {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                // 0: any free port (tests)
  std::string web_dir;            // built web UI (web/dist); empty: API only
  std::string tile_url;           // map tile server for real use; empty: offline background
  bool behind_tls = false;        // Secure, __Host- cookies when a TLS proxy is in front
  std::string playbook_dir;       // the region's own playbooks; empty: only the shipped ones
  std::string norms_file;         // the region's own monitor thresholds; empty: the shipped ones
  std::string stress_areas_file;  // the region's own stress-test areas; empty: the shipped ones
  std::string preparedness_file;  // the region's own preparedness rules; empty: the shipped ones
  int threads = 48;               // each live-update client holds one
  AlarmSettings alarms;           // acknowledgement timeout, digest interval, public URL
  SmtpSettings smtp;              // url empty: no e-mail (alarms still show in the app)
  SmsWebhookSettings sms;         // url empty: no SMS
  // The nightly offline bundle (services/preparedness/offline_bundle.hpp): the folder it is
  // written to (empty: not scheduled) and from which hour (Amsterdam time) each night.
  std::string bundle_dir;
  int bundle_hour = 2;
  // From this hour (Amsterdam time) on the 1st, the month's preparedness reminders are e-mailed.
  int reminder_hour = 8;
  // How often the clock runs: passing on alarms, reminders, sending the outbox.
  std::chrono::seconds tick{15};
};

class HttpServer {
 public:
  HttpServer(Store& store, AccountService& accounts, ServerOptions options);
  ~HttpServer();

  // Binds the listening socket; returns the port (useful with port 0). Refuses to start when
  // the playbooks do not load: a crisis tool must not run on half its playbooks.
  Result<int> Bind();
  // Serves until Stop(); blocks.
  void Run();
  // Stops accepting, wakes live-update clients, returns once Run() can end.
  void Stop();

 private:
  void RegisterBundleRoutes();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vangnet
