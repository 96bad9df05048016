// API latency on the national registry (vangnet demo --national: 4,874 practices) under 50
// concurrent keep-alive clients, on SQLite or on PostgreSQL.
//
// Same run, same server, same clients: the baseline is GET /api/v1/health (no session, no
// store), so the ratios show what authentication, the store and JSON cost on top of HTTP
// itself. Each client keeps its connection alive, like a browser. Not a test.
//
// Usage: api_bench [--db ADDRESS] [--requests N] [--clients N (default 50)] [--only TEXT]
//   --only: measure only the targets whose name contains TEXT (e.g. "monitor"), for profiling.
//   ADDRESS: an empty PostgreSQL database (postgresql://...); default a fresh SQLite file.
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "bench_support.hpp"
#include "http/http_server.hpp"
#include "services/app/app_services.hpp"
#include "services/auth/account_service.hpp"
#include "services/demo/demo_region.hpp"
#include "services/registry/record_rules.hpp"

namespace fs = std::filesystem;
using namespace vangnet;
using namespace vangnet::bench;

namespace {

struct Latencies {
  std::vector<double> ms;
  int failed = 0;
  double Percentile(double p) {
    std::sort(ms.begin(), ms.end());
    return ms.empty() ? 0 : ms[std::min(ms.size() - 1, static_cast<std::size_t>(p * ms.size()))];
  }
};

Latencies Hammer(int port, const std::string& path, const std::string& cookie, int clients,
                 int requests_per_client) {
  std::vector<std::vector<double>> per_client(clients);
  std::vector<int> failed(clients, 0);
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      client.set_read_timeout(30, 0);
      for (int i = 0; i < requests_per_client; ++i) {
        auto start = std::chrono::steady_clock::now();
        auto res = client.Get(path, {{"Cookie", cookie}});
        double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count();
        if (!res || res->status != 200) {
          ++failed[c];
          continue;
        }
        per_client[c].push_back(ms);
      }
    });
  }
  for (auto& t : threads) t.join();
  Latencies all;
  for (auto& v : per_client) all.ms.insert(all.ms.end(), v.begin(), v.end());
  for (int f : failed) all.failed += f;
  return all;
}

}  // namespace

int main(int argc, char** argv) {
  int clients = 50;
  int requests = 100;
  std::string address;
  std::string only;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--db") == 0) address = argv[i + 1];
    if (std::strcmp(argv[i], "--requests") == 0) requests = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--clients") == 0) clients = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--only") == 0) only = argv[i + 1];
  }
  fs::path dir = fs::temp_directory_path() / "vangnet-api-bench";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::current_path(dir);  // the key file of a PostgreSQL database goes here
  if (address.empty()) address = (dir / "bench.db").string();
  auto store = OpenStore(address);
  if (!store) {
    std::fprintf(stderr, "%s\n", store.error().ToString().c_str());
    return 1;
  }
  DemoRegionOptions national;
  national.national = true;
  auto start = std::chrono::steady_clock::now();
  auto saved = SaveRegistryRecords(*store.value(), kBench, BuildDemoRegion(national));
  if (!saved) {
    std::fprintf(stderr, "%s (is the database empty?)\n", saved.error().ToString().c_str());
    return 1;
  }
  const double build_seconds = Seconds(start);
  // The benchmark measures requests within a session, not logins: password only.
  AuthPolicy password_only;
  password_only.require_second_factor = false;
  AccountService accounts(*store.value(), PasswordCost::Minimum(), password_only);
  UserAccount user;
  user.username = "bench";
  user.role = UserRole::kCoordinator;
  if (!accounts.AddUser(kBench, user, "benchmark-wachtwoord")) return 1;

  AppServices services(*store.value(), accounts, AppSettings{});
  ServerOptions options;
  options.port = 0;
  HttpServer server(services, options);
  int port = server.Bind().value();
  std::thread runner([&] { server.Run(); });

  httplib::Client api("127.0.0.1", port);
  auto res =
      api.Post("/api/v1/session", R"({"username":"bench","password":"benchmark-wachtwoord"})",
               "application/json");
  std::string cookie = res->get_header_value("Set-Cookie");
  cookie = cookie.substr(0, cookie.find(';'));
  const std::string csrf = nlohmann::json::parse(res->body)["csrf_token"];
  // A practice in the middle of the list, and an incident on it for the board.
  auto practices = nlohmann::json::parse(
      api.Get("/api/v1/practices?limit=1&offset=2437", {{"Cookie", cookie}})->body)["items"];
  const std::string practice_id = std::to_string(practices[0]["id"].get<long long>());
  const std::string agb = practices[0]["agb"];
  auto playbooks =
      nlohmann::json::parse(api.Get("/api/v1/playbooks", {{"Cookie", cookie}})->body)["items"];
  auto incident = api.Post(
      "/api/v1/incidents", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}},
      nlohmann::json{
          {"playbook_id", playbooks[0]["id"]}, {"practice_agbs", {agb}}, {"exercise", true}}
          .dump(),
      "application/json");
  if (!incident || incident->status != 201) {
    std::fprintf(stderr, "incident not started: %s\n", incident ? incident->body.c_str() : "");
    return 1;
  }
  const std::string incident_id =
      std::to_string(nlohmann::json::parse(incident->body)["id"].get<long long>());

  struct Target {
    const char* what;
    std::string path;
  };
  const std::vector<Target> targets{
      {"practice list, filter + search", "/api/v1/practices?limit=100&form=duo&q=straat"},
      {"practice page (the practice)", "/api/v1/practices/" + practice_id},
      {"practice page (its team)", "/api/v1/affiliations?limit=1000&practice_agb=" + agb},
      {"monitor (4,874 practices)", "/api/v1/monitor"},
      {"incident board", "/api/v1/incidents/" + incident_id},
  };
  // Warm-up, then the baseline, then each target.
  Hammer(port, "/api/v1/health", cookie, clients, 10);
  Latencies health = Hammer(port, "/api/v1/health", cookie, clients, requests);
  std::printf("%s, national registry (%zu records, built and saved in %.1f s)\n",
              IsPostgresAddress(address) ? "PostgreSQL" : "SQLite", saved.value().created,
              build_seconds);
  std::printf("%d clients x %d requests each, keep-alive, 127.0.0.1\n\n", clients, requests);
  std::printf("%-34s %9s %9s %10s %7s\n", "", "p50 ms", "p99 ms", "p99/health", "failed");
  std::printf("%-34s %9.2f %9.2f %10s %7d\n", "baseline GET /api/v1/health", health.Percentile(0.5),
              health.Percentile(0.99), "1.0", health.failed);
  for (const auto& target : targets) {
    if (std::string_view(target.what).find(only) == std::string_view::npos) continue;
    Hammer(port, target.path, cookie, clients, 2);
    Latencies l = Hammer(port, target.path, cookie, clients, requests);
    std::printf("%-34s %9.2f %9.2f %10.1f %7d\n", target.what, l.Percentile(0.5),
                l.Percentile(0.99), l.Percentile(0.99) / health.Percentile(0.99), l.failed);
  }
  server.Stop();
  runner.join();
  fs::current_path(fs::temp_directory_path());
  fs::remove_all(dir);
  return 0;
}
