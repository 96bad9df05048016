#include "http/http_server.hpp"

#include <httplib.h>
#include <sys/socket.h>

#include <chrono>
#include <filesystem>
#include <iostream>

#include "http/connection_gate.hpp"
#include "http/event_hub.hpp"
#include "http/problem.hpp"
#include "http/request_limits.hpp"
#include "http/router.hpp"
#include "http/routes.hpp"
#include "http/static_files.hpp"

namespace vangnet {

namespace {

// cpp-httplib's routing, handlers and response writer, run on a request the ConnectionGate
// has read whole (process_request is the library's own per-request step, protected).
class GatedServer : public httplib::Server {
 public:
  bool Answer(httplib::Stream& stream, bool close) {
    bool closed = false;
    const bool written = process_request(stream, close, closed, nullptr);
    return written && !closed;
  }
  // Streamed answers (the live event stream) end when this reads "shutting down", as they
  // do under the library's own listener.
  void SetRunning(bool running) { svr_sock_ = running ? 0 : INVALID_SOCKET; }
};

}  // namespace

struct HttpServer::Impl {
  Impl(AppServices& services_, ServerOptions options_)
      : services(services_),
        options(std::move(options_)),
        router(server, services_.accounts, options.behind_tls),
        gate(options.threads, [this](httplib::Stream& stream, bool close) {
          return server.Answer(stream, close);
        }) {}

  AppServices& services;
  ServerOptions options;
  EventHub hub;
  GatedServer server;
  Router router;
  ConnectionGate gate;
  std::unique_ptr<StaticFiles> web;
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
}  // namespace

HttpServer::HttpServer(AppServices& services, ServerOptions options)
    : impl_(std::make_unique<Impl>(services, std::move(options))) {
  auto& s = impl_->server;
  // Connections, deadlines and sizes are the ConnectionGate's (request_limits.hpp); the
  // library's own limit stays as a second line.
  s.set_payload_max_length(kMaxRequestBodyBytes);
  s.set_write_timeout(kResponseStallTimeout);

  // Committed changes go to the live event stream. The key of a person's record is personal
  // data (a person code): only the table and row id travel for those.
  services.OnChange([this](const ChangeEvent& change) {
    nlohmann::json event{{"table", change.table}, {"action", change.action}, {"id", change.id}};
    if (!HoldsPersonalData(change.table)) event["key"] = change.key;
    impl_->hub.Publish("change", event.dump(), change.table);
  });
  RegisterRoutes(impl_->router, services, impl_->hub, impl_->options);

  // The web UI: its files from memory, compressed once; after the API's routes, so those
  // come first.
  impl_->web = std::make_unique<StaticFiles>(impl_->options.web_dir);
  if (!impl_->web->empty()) {
    s.Get(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
      if (req.path.starts_with("/api/") || req.path.starts_with("/fhir/") ||
          !impl_->web->Serve(req, res)) {
        res.status = 404;
      }
    });
  }

  s.set_post_routing_handler(
      [](const httplib::Request&, httplib::Response& res) { SecurityHeaders(res); });

  // Unknown API paths get problem+json; any other unknown path is a page of the single-page
  // app, which routes in the browser.
  s.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (req.path.starts_with("/fhir/")) {
      Error error(ErrorKind::kNotFound, "onbekend adres in het FHIR-adresboek");
      if (res.status == 405) error = Error(ErrorKind::kNotFound, "het adresboek is alleen-lezen");
      res.set_content(OperationOutcomeJson(error).dump(), "application/fhir+json; charset=utf-8");
    } else if (req.path.starts_with("/api/")) {
      Error error(ErrorKind::kNotFound, "onbekend adres in de API");
      if (res.status == 405) error = Error(ErrorKind::kNotFound, "deze methode kan hier niet");
      if (res.status == 413) error = Error(ErrorKind::kValidation, RequestTooLargeMessage());
      if (res.status == 400) error = Error(ErrorKind::kValidation, "dit verzoek is onleesbaar");
      res.set_content(ProblemJson(res.status, "", {error}).dump(),
                      "application/problem+json; charset=utf-8");
    } else if (res.status == 404 && req.method == "GET" && !impl_->web->IndexHtml().empty()) {
      res.status = 200;
      res.set_header("Cache-Control", "no-cache");
      res.set_content(impl_->web->IndexHtml(), "text/html; charset=utf-8");
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
        std::cerr << "vangnet serve: internal error on " << req.method << " "
                  << PathForLog(req.path) << ": " << what << "\n";
        res.status = 500;
        res.set_content(ProblemJson(Error::Internal(what)).dump(),
                        "application/problem+json; charset=utf-8");
      });

  s.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    if (res.status >= 500) {
      std::cerr << "vangnet serve: " << req.method << " " << PathForLog(req.path) << " -> "
                << res.status << "\n";
    }
  });
}

HttpServer::~HttpServer() {
  Stop();
  impl_->services.OnChange({});  // the event hub goes with this server
}

Result<int> HttpServer::Bind() {
  if (auto loaded = impl_->services.Loaded(); !loaded) return loaded.error();
  auto port = impl_->gate.Listen(impl_->options.host, impl_->options.port);
  if (port) impl_->server.SetRunning(true);
  return port;
}

void HttpServer::Run() {
  impl_->gate.Run();
}

const std::vector<std::pair<std::string, std::string>>& HttpServer::Routes() const {
  return impl_->router.Routes();
}

void HttpServer::Stop() {
  impl_->hub.Shutdown();
  impl_->server.SetRunning(false);
  impl_->gate.Stop();
}

}  // namespace vangnet
