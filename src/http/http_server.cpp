#include "http/http_server.hpp"

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include "core/date.hpp"
#include "http/event_hub.hpp"
#include "http/problem.hpp"
#include "http/registry_routes.hpp"
#include "http/router.hpp"
#include "http/routes.hpp"
#include "io/norms_yaml.hpp"
#include "io/preparedness_yaml.hpp"
#include "services/incident/incident_service.hpp"
#include "services/monitor/monitor_service.hpp"
#include "services/notify/outbox_delivery.hpp"
#include "services/preparedness/offline_bundle.hpp"
#include "services/preparedness/paper_printouts.hpp"
#include "services/preparedness/preparedness_service.hpp"
#include "services/redistribute/redistribution_service.hpp"
#include "services/registry/registry_service.hpp"
#include "services/stress/stress_service.hpp"

namespace vangnet {

struct HttpServer::Impl {
  Impl(Store& store_, AccountService& accounts_, ServerOptions options_)
      : store(store_),
        accounts(accounts_),
        options(std::move(options_)),
        registry(store_,
                 [this](const ChangeEvent& change) {
                   hub.Publish("change", nlohmann::json{{"table", change.table},
                                                        {"action", change.action},
                                                        {"id", change.id},
                                                        {"key", change.key}}
                                             .dump());
                 }),
        router(server, accounts_, options.behind_tls),
        playbooks(PlaybookCatalog::Load(options.playbook_dir)),
        incidents(
            store_, playbooks ? playbooks.value() : empty_catalog,
            [this](std::int64_t id) {
              hub.Publish("change", nlohmann::json{{"table", "incident"},
                                                   {"action", "update"},
                                                   {"id", id},
                                                   {"key", std::to_string(id)}}
                                        .dump());
            },
            WithChannels(options)),
        email(options.smtp.url.empty() ? nullptr : std::make_unique<SmtpSender>(options.smtp)),
        sms(options.sms.url.empty() ? nullptr : std::make_unique<SmsWebhookSender>(options.sms)),
        delivery(store_, email.get(), sms.get()),
        norms(LoadNorms(options.norms_file)),
        monitor(store_, norms ? norms.value() : SignalNorms{}),
        redistribution(store_),
        stress_areas(LoadStressAreas(options.stress_areas_file)),
        stress(store_, norms ? norms.value() : SignalNorms{},
               stress_areas ? stress_areas.value() : StressAreas{}),
        printouts(store_),
        preparedness_rules(LoadPreparednessRules(options.preparedness_file)),
        preparedness(store_, preparedness_rules ? preparedness_rules.value() : PreparednessRules{},
                     norms ? norms.value().settings : MonitorSettings{}) {}

  static AlarmSettings WithChannels(const ServerOptions& options) {
    AlarmSettings settings = options.alarms;
    settings.email = !options.smtp.url.empty();
    settings.sms = !options.sms.url.empty();
    return settings;
  }

  // The incident clock: every tick, pass on unacknowledged alarms, queue reminders (the
  // incidents' and once a month the preparedness calendar's), then send what the outbox holds. One
  // thread, so no message is sent twice at once.
  void RunClock() {
    std::unique_lock lock(clock_mutex);
    while (!clock_stop) {
      lock.unlock();
      const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
      if (auto ticked = incidents.Tick(now); !ticked) {
        std::cerr << "vangnet serve: klok: " << ticked.error().message << "\n";
      }
      if (preparedness_rules) {
        ReminderSettings reminders{WithChannels(options).email, options.alarms.public_url,
                                   options.reminder_hour};
        if (auto queued = preparedness.QueueMonthlyReminders(now, reminders); !queued) {
          std::cerr << "vangnet serve: herinneringen: " << queued.error().message << "\n";
        }
      }
      if (auto sent = delivery.DeliverDue(now); !sent) {
        std::cerr << "vangnet serve: verzenden: " << sent.error().message << "\n";
      }
      if (!options.bundle_dir.empty() && playbooks) NightlyBundle(now);
      const std::string month = FormatUtc(now).substr(0, 7);
      if (norms && month != recorded_month) {
        if (auto recorded = monitor.RecordMonth(TodayUtc()); recorded) {
          recorded_month = month;
        } else {
          std::cerr << "vangnet serve: maandoverzicht: " << recorded.error().message << "\n";
        }
      }
      lock.lock();
      clock_wake.wait_for(lock, options.tick, [this] { return clock_stop; });
    }
  }

  // Once a day from the bundle hour: the offline bundle, unless today's is already there (a
  // restart). The outcome is kept for the admin's status view; a failure also goes to the log.
  void NightlyBundle(TimePoint now) {
    if (AmsterdamHour(now) < options.bundle_hour) return;
    const std::string date = FormatDate(AmsterdamDate(now));
    {
      std::lock_guard lock(bundle_mutex);
      if (bundle_status.date == date) return;
    }
    if (std::filesystem::exists(std::filesystem::path(options.bundle_dir) /
                                OfflineBundleName(now))) {
      std::lock_guard lock(bundle_mutex);
      bundle_status.date = date;
      return;
    }
    MakeBundle(Caller::System(Actor{"vangnet", "system", "scheduler", "offline-bundel"}), now);
  }

  Result<BundleResult> MakeBundle(const Caller& caller, TimePoint now) {
    // One bundle at a time: the night's run and an admin's "now" write the same file name.
    std::lock_guard run(bundle_run_mutex);
    auto made = WriteOfflineBundle(store, playbooks.value(), caller, options.bundle_dir, now);
    std::lock_guard lock(bundle_mutex);
    bundle_status.date = FormatDate(AmsterdamDate(now));
    bundle_status.at = FormatUtc(now);
    if (made) {
      bundle_status.error.clear();
      bundle_status.path = made.value().path;
      bundle_status.files = made.value().files.size();
      bundle_status.bytes = made.value().bytes;
    } else {
      bundle_status.error = made.error().message;
      std::cerr << "vangnet serve: offline-bundel: " << made.error().message << "\n";
    }
    return made;
  }

  struct BundleStatus {
    std::string date;  // the Amsterdam date of the last attempt
    std::string at, path, error;
    std::size_t files = 0, bytes = 0;
  };
  BundleStatus bundle_status;
  std::mutex bundle_mutex;      // guards bundle_status
  std::mutex bundle_run_mutex;  // one bundle written at a time

  Store& store;
  AccountService& accounts;
  ServerOptions options;
  EventHub hub;
  RegistryService registry;
  httplib::Server server;
  Router router;
  PlaybookCatalog empty_catalog;
  Result<PlaybookCatalog> playbooks;
  IncidentService incidents;
  std::unique_ptr<MessageSender> email;
  std::unique_ptr<MessageSender> sms;
  OutboxDelivery delivery;
  Result<SignalNorms> norms;
  MonitorService monitor;
  RedistributionService redistribution;
  Result<StressAreas> stress_areas;
  StressService stress;
  PaperPrintouts printouts;
  Result<PreparednessRules> preparedness_rules;
  PreparednessService preparedness;
  std::string recorded_month;  // the clock records the monitor once per month
  std::string index_html;
  std::mutex clock_mutex;
  std::condition_variable clock_wake;
  bool clock_stop = false;
  std::thread clock;
};

namespace {

// Applied to every response: no framing by other sites, no sniffing, no referrer leaks, and
// scripts only from us (the UI needs no third party, which also proves it works offline).
void SecurityHeaders(httplib::Response& res) {
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; img-src 'self' data: https:; style-src 'self' "
                 "'unsafe-inline'; frame-ancestors 'none'");
}

// The route pattern, not the URL: paths and queries may carry codes and search words, and
// nothing personal goes into the server log.
std::string LogPath(const httplib::Request& req) {
  std::string path = req.path;
  if (path.starts_with("/api/")) {
    for (std::size_t i = 0; i < path.size(); ++i) {
      if (path[i] >= '0' && path[i] <= '9') {
        auto end = path.find('/', i);
        path.replace(i, (end == std::string::npos ? path.size() : end) - i, "{id}");
        break;
      }
    }
    return path;
  }
  return "(static)";
}

}  // namespace

HttpServer::HttpServer(Store& store, AccountService& accounts, ServerOptions options)
    : impl_(std::make_unique<Impl>(store, accounts, std::move(options))) {
  auto& s = impl_->server;
  const int threads = impl_->options.threads;
  s.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  s.set_payload_max_length(8 * 1024 * 1024);  // a large import file, never unbounded
  s.set_read_timeout(std::chrono::seconds(30));
  // Without TCP_NODELAY, small JSON replies on kept-alive connections wait ~40 ms for the
  // client's delayed ACK (Nagle): measured in bench/api_bench.
  s.set_tcp_nodelay(true);

  RegisterSessionRoutes(impl_->router);
  RegisterRegistryRoutes(impl_->router, impl_->registry);
  RegisterRegionRoutes(impl_->router, store, impl_->options);
  RegisterAdminRoutes(impl_->router, store);
  RegisterEventRoutes(impl_->router, impl_->hub);
  if (impl_->playbooks) {
    RegisterIncidentRoutes(impl_->router, impl_->incidents, impl_->playbooks.value(), store);
  }
  if (impl_->norms) RegisterMonitorRoutes(impl_->router, impl_->monitor);
  RegisterRedistributionRoutes(impl_->router, impl_->redistribution);
  if (impl_->norms && impl_->stress_areas) RegisterStressRoutes(impl_->router, impl_->stress);
  RegisterPrintoutRoutes(impl_->router, impl_->printouts,
                         impl_->playbooks ? &impl_->playbooks.value() : nullptr,
                         impl_->playbooks ? &impl_->incidents : nullptr, impl_->redistribution);
  if (impl_->preparedness_rules) RegisterPreparednessRoutes(impl_->router, impl_->preparedness);
  RegisterBundleRoutes();

  if (!impl_->options.web_dir.empty() && std::filesystem::exists(impl_->options.web_dir)) {
    s.set_mount_point("/", impl_->options.web_dir);
    std::ifstream in(std::filesystem::path(impl_->options.web_dir) / "index.html");
    std::ostringstream html;
    html << in.rdbuf();
    impl_->index_html = html.str();
  }

  s.set_post_routing_handler(
      [](const httplib::Request&, httplib::Response& res) { SecurityHeaders(res); });

  // Unknown API paths get problem+json; any other unknown path is a page of the single-page
  // app, which routes in the browser.
  s.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (req.path.starts_with("/api/")) {
      Error error(ErrorKind::kNotFound, "onbekend adres in de API");
      if (res.status == 405) error = Error(ErrorKind::kNotFound, "deze methode kan hier niet");
      res.set_content(ProblemJson(res.status, "", {error}).dump(),
                      "application/problem+json; charset=utf-8");
    } else if (res.status == 404 && req.method == "GET" && !impl_->index_html.empty()) {
      res.status = 200;
      res.set_content(impl_->index_html, "text/html; charset=utf-8");
    }
    SecurityHeaders(res);
  });

  // Exceptions are bugs: the client gets a plain problem, the log gets what happened.
  s.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown exception";
        try {
          std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        std::cerr << "vangnet serve: internal error on " << req.method << " " << LogPath(req)
                  << ": " << what << "\n";
        res.status = 500;
        res.set_content(ProblemJson(Error::Internal(what)).dump(),
                        "application/problem+json; charset=utf-8");
      });

  s.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    if (res.status >= 500) {
      std::cerr << "vangnet serve: " << req.method << " " << LogPath(req) << " -> " << res.status
                << "\n";
    }
  });
}

// GET/POST /api/v1/admin/offline-bundle: where and when the bundle is written, the last
// outcome, and "make one now". Admins only.
void HttpServer::RegisterBundleRoutes() {
  auto status = [this]() {
    std::lock_guard lock(impl_->bundle_mutex);
    const auto& b = impl_->bundle_status;
    nlohmann::json last = nullptr;
    if (!b.at.empty()) {
      last = {{"at", b.at},
              {"path", b.path},
              {"files", b.files},
              {"bytes", b.bytes},
              {"error", b.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(b.error)}};
    }
    return nlohmann::json{
        {"folder", impl_->options.bundle_dir.empty() ? nlohmann::json(nullptr)
                                                     : nlohmann::json(impl_->options.bundle_dir)},
        {"hour", impl_->options.bundle_hour},
        {"last", last}};
  };
  auto admin_only = [](const RequestContext& ctx, httplib::Response& res) {
    if (ctx.caller.role == UserRole::kAdmin) return true;
    ReplyError(res, Error(ErrorKind::kForbidden, "alleen voor beheerders"));
    return false;
  };
  impl_->router.Get("/api/v1/admin/offline-bundle",
                    [status, admin_only](const RequestContext& ctx, const httplib::Request&,
                                         httplib::Response& res) {
                      if (admin_only(ctx, res)) ReplyJson(res, 200, status());
                    });
  impl_->router.Post(
      "/api/v1/admin/offline-bundle",
      [this, status, admin_only](const RequestContext& ctx, const httplib::Request&,
                                 httplib::Response& res) {
        if (!admin_only(ctx, res)) return;
        if (impl_->options.bundle_dir.empty() || !impl_->playbooks) {
          return ReplyError(res, Error::Validation("folder",
                                                   "Er is geen map ingesteld: start vangnet serve "
                                                   "met --bundle-dir MAP."));
        }
        auto made = impl_->MakeBundle(
            ctx.caller, std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
        if (!made) return ReplyError(res, made.error());
        ReplyJson(res, 201, status());
      });
}

HttpServer::~HttpServer() {
  Stop();
}

Result<int> HttpServer::Bind() {
  if (!impl_->playbooks) return impl_->playbooks.error();
  if (!impl_->norms) return impl_->norms.error();
  if (!impl_->stress_areas) return impl_->stress_areas.error();
  if (!impl_->preparedness_rules) return impl_->preparedness_rules.error();
  auto& s = impl_->server;
  int port = impl_->options.port;
  if (port == 0) {
    port = s.bind_to_any_port(impl_->options.host);
  } else if (!s.bind_to_port(impl_->options.host, port)) {
    port = -1;
  }
  if (port < 0) {
    return Error::Io(impl_->options.host + ":" + std::to_string(impl_->options.port),
                     "kan niet luisteren op dit adres (al in gebruik?)");
  }
  return port;
}

void HttpServer::Run() {
  if (impl_->playbooks && !impl_->clock.joinable()) {
    impl_->clock = std::thread([this] { impl_->RunClock(); });
  }
  impl_->server.listen_after_bind();
}

void HttpServer::Stop() {
  {
    std::lock_guard lock(impl_->clock_mutex);
    impl_->clock_stop = true;
  }
  impl_->clock_wake.notify_all();
  impl_->hub.Shutdown();
  impl_->server.stop();
  if (impl_->clock.joinable() && impl_->clock.get_id() != std::this_thread::get_id()) {
    impl_->clock.join();
  }
}

}  // namespace vangnet
