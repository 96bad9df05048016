// The vangnet web server: the JSON API under /api/v1 and the web UI's static files.
//
// Built on cpp-httplib from Debian (libcpp-httplib-dev): a small, well-kept library with the
// hooks we need in one place each (pre-routing, exception and error handlers). Its
// thread-per-connection listener is replaced by the ConnectionGate (connection_gate.hpp), which
// waits on every connection with epoll and gives a worker only a request that arrived whole.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "services/app/app_services.hpp"

#define VANGNET_VERSION_STRING "0.1.0"

namespace vangnet {

// How the HTTP side listens and what it serves; what the services do is AppSettings.
struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;          // 0: any free port (tests)
  std::string web_dir;      // built web UI (web/dist); empty: API only
  std::string tile_url;     // map tile server for real use; empty: offline background
  bool behind_tls = false;  // Secure, __Host- cookies when a TLS proxy is in front
  int threads = 128;        // workers answering requests (a live-update stream holds one)
};

class HttpServer {
 public:
  HttpServer(AppServices& services, ServerOptions options);
  ~HttpServer();

  // Binds the listening socket; returns the port (useful with port 0). Refuses to start when
  // a data file did not load: a crisis tool must not run on half its playbooks.
  Result<int> Bind();
  // Serves until Stop(); blocks.
  void Run();
  // Stops accepting, wakes live-update clients, returns once Run() can end.
  void Stop();
  // Every API route as (method, pattern), for tests that walk them all.
  const std::vector<std::pair<std::string, std::string>>& Routes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vangnet
