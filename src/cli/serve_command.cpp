// vangnet serve: the web server on the embedded SQLite store.
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "cli/cli_args.hpp"
#include "cli/commands.hpp"
#include "core/playbook.hpp"
#include "http/http_server.hpp"
#include "services/app/scheduler.hpp"
#include "services/auth/account_service.hpp"
#include "store/database_watch.hpp"

namespace vangnet::cli {

namespace {

// The built web UI: next to the binary's build tree (build/vangnet -> web/dist), else ./web/dist.
std::string DefaultWebDir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto candidate = exe.parent_path().parent_path() / "web" / "dist";
    if (std::filesystem::exists(candidate / "index.html")) return candidate.string();
  }
  return "web/dist";
}

// "90s", "10m", "2h" -> seconds; nullopt when malformed or not positive.
std::optional<std::chrono::seconds> ParseSeconds(const std::string& text) {
  if (text.size() > 1 && text.back() == 's') {
    auto n = ParseInteger(text.substr(0, text.size() - 1));
    if (!n || *n <= 0) return std::nullopt;
    return std::chrono::seconds(*n);
  }
  auto d = ParseDuration(text);
  if (!d || d->count() <= 0) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::seconds>(*d);
}

}  // namespace

std::string DemoLoginsPath(const std::string& db_path) {
  return LocalFileBase(db_path) + ".demo-logins.txt";
}

int RunServe(const std::vector<std::string>& argv) {
  std::string error;
  auto args = Args::Parse(argv, {"db",           "listen",        "web",
                                 "tile-url",     "playbooks",     "public-url",
                                 "smtp-url",     "smtp-from",     "smtp-user",
                                 "sms-webhook",  "alarm-timeout", "digest-interval",
                                 "tick",         "norms",         "areas",
                                 "preparedness", "reminder-hour", "bundle-dir",
                                 "bundle-hour",  "require-2fa",   "sso"},
                          {"behind-tls", "smtp-require-tls"}, error);
  if (!args) {
    std::cerr << "vangnet: " << error << " (zie --help)\n";
    return kExitUsage;
  }
  ServerOptions options;
  AppSettings settings;
  std::chrono::seconds tick{15};  // how often the scheduler runs
  std::string listen = args->Get("listen", "127.0.0.1:8080");
  auto colon = listen.rfind(':');
  auto port = colon == std::string::npos ? std::nullopt : ParseInteger(listen.substr(colon + 1));
  if (!port || *port < 0 || *port > 65535) {
    std::cerr << "vangnet: --listen verwacht HOST:POORT, bijvoorbeeld 127.0.0.1:8080\n";
    return kExitUsage;
  }
  options.host = listen.substr(0, colon);
  options.port = static_cast<int>(*port);
  options.web_dir = args->Get("web", DefaultWebDir());
  options.tile_url = args->Get("tile-url");
  options.behind_tls = args->Has("behind-tls");
  settings.playbook_dir = args->Get("playbooks");
  settings.norms_file = args->Get("norms");
  settings.stress_areas_file = args->Get("areas");
  settings.preparedness_file = args->Get("preparedness");
  settings.sso_file = args->Get("sso");

  // Alarming and its channels. Secrets come from the environment, never the command line
  // (which other users of the machine can read in the process list).
  settings.alarms.public_url = args->Get("public-url");
  while (settings.alarms.public_url.ends_with('/')) settings.alarms.public_url.pop_back();
  settings.smtp.url = args->Get("smtp-url");
  settings.smtp.from = args->Get("smtp-from", "vangnet@localhost");
  settings.smtp.username = args->Get("smtp-user");
  if (const char* password = std::getenv("VANGNET_SMTP_PASSWORD"))
    settings.smtp.password = password;
  settings.smtp.require_tls = args->Has("smtp-require-tls");
  settings.sms.url = args->Get("sms-webhook");
  if (const char* token = std::getenv("VANGNET_SMS_TOKEN")) settings.sms.bearer_token = token;
  for (auto [flag, target] :
       {std::pair{"alarm-timeout", &settings.alarms.ack_timeout}, std::pair{"tick", &tick}}) {
    if (!args->Has(flag)) continue;
    auto value = ParseSeconds(args->Get(flag));
    if (!value) {
      std::cerr << "vangnet: --" << flag << " verwacht een duur, bijv. 90s, 10m of 1h\n";
      return kExitUsage;
    }
    *target = *value;
  }
  if (args->Has("digest-interval")) {
    auto value = ParseDuration(args->Get("digest-interval"));
    if (!value || value->count() <= 0) {
      std::cerr << "vangnet: --digest-interval verwacht een duur, bijv. 30m of 1h\n";
      return kExitUsage;
    }
    settings.alarms.digest_interval = *value;
  }

  // Hours of the day (Amsterdam time) for the monthly reminders and the nightly bundle.
  for (auto [flag, target] : {std::pair{"reminder-hour", &settings.reminder_hour},
                              std::pair{"bundle-hour", &settings.bundle.hour}}) {
    if (!args->Has(flag)) continue;
    auto hour = ParseInteger(args->Get(flag));
    if (!hour || *hour < 0 || *hour > 23) {
      std::cerr << "vangnet: --" << flag << " verwacht een uur van 0 tot en met 23\n";
      return kExitUsage;
    }
    *target = static_cast<int>(*hour);
  }

  settings.bundle.folder = args->Get("bundle-dir");
  if (!settings.bundle.folder.empty() && !std::filesystem::is_directory(settings.bundle.folder)) {
    std::cerr << "vangnet: --bundle-dir: de map '" << settings.bundle.folder << "' bestaat niet\n";
    return kExitUsage;
  }

  const std::string db = args->Get("db", kDefaultDb);
  auto store = OpenStore(db);
  if (!store) return Fail(store.error());
  WatchDatabase(*store.value());
  // Every account logs in with a second factor unless the region says otherwise.
  AuthPolicy policy;
  const std::string second_factor = args->Get("require-2fa", "on");
  if (second_factor == "off") {
    policy.require_second_factor = false;
  } else if (second_factor == "except-read-only") {
    policy.relax_for_read_only = true;
  } else if (second_factor != "on") {
    std::cerr << "vangnet: --require-2fa verwacht on, except-read-only of off\n";
    return kExitUsage;
  }
  AccountService accounts(*store.value(), PasswordCost::FromEnvironment(), policy);

  // Signals are taken by a waiting thread, not a handler: stopping the server is not
  // async-signal-safe.
  // Every open connection is a file descriptor; the usual soft limit of 1,024 would refuse
  // connections long before the gate's own caps (request_limits.hpp) do.
  if (rlimit files{}; getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);
  }

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  AppServices services(*store.value(), accounts, settings);
  HttpServer server(services, options);
  auto bound = server.Bind();
  if (!bound) return Fail(bound.error());
  Scheduler scheduler(services, tick);
  scheduler.Start();
  if (!std::filesystem::exists(std::filesystem::path(options.web_dir) / "index.html")) {
    std::cout << "Let op: geen web-UI gevonden in " << options.web_dir
              << " (bouw die met scripts/dev.sh start); alleen de API is beschikbaar.\n";
  }
  std::cout << "vangnet draait op http://" << options.host << ":" << bound.value() << "/\n";
  // Alarms that only reach the app reach nobody at 03:00: said at every start.
  if (settings.smtp.url.empty() || settings.sms.url.empty()) {
    std::cout << "LET OP: alarmen gaan niet per "
              << (settings.smtp.url.empty() && settings.sms.url.empty()
                      ? "e-mail of sms"
                      : (settings.smtp.url.empty() ? "e-mail" : "sms"))
              << " naar buiten, alleen in de app. Stel in: "
              << (settings.smtp.url.empty() ? "--smtp-url smtp://server:587 " : "")
              << (settings.sms.url.empty() ? "--sms-webhook https://..." : "") << "\n";
  }
  // Where the demo logins are, never the passwords themselves: a server's output ends up in
  // logs and terminals that others read.
  if (std::filesystem::exists(DemoLoginsPath(db))) {
    std::cout << "Demo-inloggegevens (alleen voor de verzonnen demo-regio): zie "
              << DemoLoginsPath(db) << "\n";
  }
  std::cout << "Stoppen: Ctrl+C\n" << std::flush;

  std::thread waiter([&server, signals] {
    int signal = 0;
    sigwait(&signals, &signal);
    server.Stop();
  });
  server.Run();
  // Run() also ends when the listening socket fails; release the waiter in that case too.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  std::cout << "vangnet is gestopt.\n";
  return kExitOk;
}

}  // namespace vangnet::cli
