// API latency of the practice list under 20 concurrent clients.
//
// Same run, same server, same clients: the baseline is GET /api/v1/health (no session, no
// store), so the ratio shows what authentication, the store and JSON cost on top of HTTP
// itself. Each client keeps its connection alive, like a browser. Not a test.
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "http/http_server.hpp"
#include "services/auth/account_service.hpp"
#include "services/demo/demo_region.hpp"
#include "services/registry/record_rules.hpp"

namespace fs = std::filesystem;
using namespace vangnet;

namespace {

struct Latencies {
  std::vector<double> ms;
  double Percentile(double p) {
    std::sort(ms.begin(), ms.end());
    return ms[std::min(ms.size() - 1, static_cast<std::size_t>(p * ms.size()))];
  }
};

Latencies Hammer(int port, const std::string& path, const std::string& cookie, int clients,
                 int requests_per_client) {
  std::vector<std::vector<double>> per_client(clients);
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      for (int i = 0; i < requests_per_client; ++i) {
        auto start = std::chrono::steady_clock::now();
        auto res = client.Get(path, {{"Cookie", cookie}});
        double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count();
        if (!res || res->status != 200) {
          std::fprintf(stderr, "request failed: %d\n", res ? res->status : -1);
          continue;
        }
        per_client[c].push_back(ms);
      }
    });
  }
  for (auto& t : threads) t.join();
  Latencies all;
  for (auto& v : per_client) all.ms.insert(all.ms.end(), v.begin(), v.end());
  return all;
}

}  // namespace

int main(int argc, char** argv) {
  const int clients = 20;
  const int requests = argc > 1 ? std::atoi(argv[1]) : 200;
  fs::path dir = fs::temp_directory_path() / "vangnet-api-bench";
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto store = OpenSqliteStore((dir / "bench.db").string());
  const Actor actor{"bench", "admin", "bench", "benchmark"};
  if (!SaveRegistryRecords(*store.value(), actor, BuildDemoRegion({}))) return 1;
  // The benchmark measures requests within a session, not logins: password only.
  AuthPolicy password_only;
  password_only.require_second_factor = false;
  AccountService accounts(*store.value(), PasswordCost::Minimum(), password_only);
  UserAccount user;
  user.username = "bench";
  user.role = UserRole::kCoordinator;
  if (!accounts.AddUser(actor, user, "benchmark-wachtwoord")) return 1;

  AppServices services(*store.value(), accounts, AppSettings{});
  ServerOptions options;
  options.port = 0;
  HttpServer server(services, options);
  int port = server.Bind().value();
  std::thread runner([&] { server.Run(); });

  httplib::Client login("127.0.0.1", port);
  auto res =
      login.Post("/api/v1/session", R"({"username":"bench","password":"benchmark-wachtwoord"})",
                 "application/json");
  std::string cookie = res->get_header_value("Set-Cookie");
  cookie = cookie.substr(0, cookie.find(';'));

  // Warm-up, then measure baseline and target in alternation to share machine noise.
  Hammer(port, "/api/v1/health", cookie, clients, 20);
  Latencies health = Hammer(port, "/api/v1/health", cookie, clients, requests);
  Latencies list = Hammer(port, "/api/v1/practices?limit=1000", cookie, clients, requests);
  auto body =
      httplib::Client("127.0.0.1", port).Get("/api/v1/practices?limit=1000", {{"Cookie", cookie}});

  std::printf("%d clients x %d requests each, keep-alive, 127.0.0.1\n", clients, requests);
  std::printf("baseline GET /api/v1/health:        p50 %.2f ms  p99 %.2f ms\n",
              health.Percentile(0.5), health.Percentile(0.99));
  std::printf("GET /api/v1/practices (58, %zu B): p50 %.2f ms  p99 %.2f ms\n", body->body.size(),
              list.Percentile(0.5), list.Percentile(0.99));
  std::printf("ratio practices / health: p50 %.1f  p99 %.1f\n",
              list.Percentile(0.5) / health.Percentile(0.5),
              list.Percentile(0.99) / health.Percentile(0.99));
  server.Stop();
  runner.join();
  fs::remove_all(dir);
  return 0;
}
