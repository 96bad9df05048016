// The front door of the web server: accepts connections and reads each request whole before a
// worker thread sees it.
//
// cpp-httplib (Debian's 0.11) gives every connection a worker thread from the moment it is
// accepted, and its read timeout restarts at every byte: 140 clients sending a byte every few
// seconds held all 128 workers and silenced the server for everyone. Here one thread waits on
// every connection with epoll and hands a worker only a request that has fully arrived (head
// and body, within kRequestDeadline); between requests a kept-alive connection costs no
// thread either. The worker then runs cpp-httplib's own request processing (routing, handlers,
// the response writer) on the buffered request, so everything behind the door is unchanged.
// A small event loop of our own, rather than Boost.Beast, because that keeps the routes, the
// handlers and their tests exactly as they are.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/error.hpp"

namespace httplib {
class Stream;
}

namespace vangnet {

class ConnectionGate {
 public:
  // Answers the one complete request `stream` holds; `close` asks for "Connection: close".
  // Returns whether the connection may stay open for the next request.
  using Serve = std::function<bool(httplib::Stream& stream, bool close)>;

  ConnectionGate(int workers, Serve serve);
  ~ConnectionGate();
  ConnectionGate(const ConnectionGate&) = delete;
  ConnectionGate& operator=(const ConnectionGate&) = delete;

  // Binds and listens; returns the port (the bound one when `port` is 0).
  Result<int> Listen(const std::string& host, int port);
  // Serves until Stop(); blocks.
  void Run();
  // Ends Run(): no new connections, open ones closed once their current answer is written.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vangnet
