#include "http/connection_gate.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <httplib.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/text.hpp"
#include "http/problem.hpp"
#include "http/request_head.hpp"
#include "http/request_limits.hpp"

namespace vangnet {

std::string RequestTooLargeMessage() {
  return "dit verzoek is groter dan " + std::to_string(kMaxRequestBodyBytes >> 20) +
         " MB, de grens van vangnet; stuur grote bestanden in delen of lees ze in met "
         "'vangnet import'";
}

namespace {

using SteadyClock = std::chrono::steady_clock;

// How long a refused connection is read and dropped before it is closed (see Refuse).
constexpr std::chrono::seconds kLingerAfterRefusal{2};

// One client connection. While `busy` a worker owns it (its buffer and socket); otherwise only
// the gate thread touches it.
struct Connection {
  int fd = -1;
  std::string remote_ip;
  int remote_port = 0;
  std::string local_ip;
  int local_port = 0;
  std::string buffer;               // bytes received and not yet answered
  std::size_t head_end = 0;         // end of the head (after the blank line); 0: not yet seen
  std::size_t request_length = 0;   // head + body; 0: not yet known
  std::size_t reserved = 0;         // body bytes counted in the gate's memory budget
  SteadyClock::time_point since;    // became idle, or the current request's first byte
  bool request_started = false;     // a byte of the next request has arrived
  bool busy = false;                // a worker is answering it
  bool draining = false;            // refused: what the client still sends is read and dropped
  std::size_t answered = 0;         // requests answered on this connection
};

// A request held whole in memory, answered on the connection's socket.
class BufferedRequestStream : public httplib::Stream {
 public:
  explicit BufferedRequestStream(Connection& c) : c_(c) {}

  bool is_readable() const override { return position_ < c_.request_length; }
  bool is_writable() const override { return WaitWritable(); }
  ssize_t read(char* ptr, size_t size) override {
    // Never past this request: pipelined bytes after it belong to the next one.
    const std::size_t n = std::min(size, c_.request_length - position_);
    std::memcpy(ptr, c_.buffer.data() + position_, n);
    position_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    std::size_t done = 0;
    while (done < size) {
      const ssize_t n = ::send(c_.fd, ptr + done, size - done, MSG_NOSIGNAL);
      if (n > 0) {
        done += static_cast<std::size_t>(n);
      } else if (n < 0 && errno == EINTR) {
        continue;
      } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        if (!WaitWritable()) return -1;
      } else {
        return -1;
      }
    }
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = c_.remote_ip;
    port = c_.remote_port;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = c_.local_ip;
    port = c_.local_port;
  }
  socket_t socket() const override { return c_.fd; }

 private:
  bool WaitWritable() const {
    pollfd p{c_.fd, POLLOUT, 0};
    const int timeout_ms = static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(kResponseStallTimeout).count());
    for (;;) {
      const int r = ::poll(&p, 1, timeout_ms);
      if (r < 0 && errno == EINTR) continue;
      return r > 0 && (p.revents & POLLOUT) && !(p.revents & (POLLERR | POLLHUP));
    }
  }

  Connection& c_;
  std::size_t position_ = 0;
};

std::string AddressText(const sockaddr_storage& address, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_INET) {
    const auto& in = reinterpret_cast<const sockaddr_in&>(address);
    ::inet_ntop(AF_INET, &in.sin_addr, text, sizeof text);
    port = ntohs(in.sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto& in6 = reinterpret_cast<const sockaddr_in6&>(address);
    ::inet_ntop(AF_INET6, &in6.sin6_addr, text, sizeof text);
    port = ntohs(in6.sin6_port);
  }
  return text;
}

// A small answer the gate gives itself (the request never reaches a handler), then closes.
std::string GateAnswer(int status, const std::string& reason, const std::string& message) {
  const std::string body =
      ProblemJson(status, "", {Error{ErrorKind::kValidation, message}}).dump();
  return "HTTP/1.1 " + std::to_string(status) + " " + reason +
         "\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

}  // namespace

struct ConnectionGate::Impl {
  Impl(int worker_count, Serve serve_) : serve(std::move(serve_)) {
    workers_wanted = std::max(1, worker_count);
  }

  Serve serve;
  int workers_wanted = 1;
  int listen_fd = -1;
  int epoll_fd = -1;
  int wake_fd = -1;
  std::atomic<bool> stopping{false};

  std::map<int, std::unique_ptr<Connection>> connections;  // by socket
  std::map<std::string, std::size_t> per_address;
  std::size_t reserved_bytes = 0;  // bodies announced and not yet answered (kMaxBufferedBodyBytes)
  bool listening_paused = false;   // out of file descriptors (see Accept)

  // Work for the workers, and what they hand back.
  std::mutex mutex;
  std::condition_variable work_ready;
  std::deque<Connection*> work;
  std::vector<std::pair<Connection*, bool>> returned;  // connection, keep it open
  std::vector<std::thread> workers;

  void Wake() {
    const std::uint64_t one = 1;
    [[maybe_unused]] auto n = ::write(wake_fd, &one, sizeof one);
  }

  void Watch(Connection& c) {
    epoll_event event{};
    event.events = EPOLLIN | EPOLLRDHUP;
    event.data.fd = c.fd;
    ::epoll_ctl(epoll_fd, EPOLL_CTL_ADD, c.fd, &event);
  }

  void Close(int fd) {
    auto it = connections.find(fd);
    if (it == connections.end()) return;
    if (!it->second->busy) ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, fd, nullptr);
    reserved_bytes -= it->second->reserved;
    auto count = per_address.find(it->second->remote_ip);
    if (count != per_address.end() && --count->second == 0) per_address.erase(count);
    ::close(fd);
    connections.erase(it);
  }

  // The gate's own answer, best effort (the socket's buffer takes a few hundred bytes), then
  // a lingering close: what the client still sends (the rest of a refused body) is read and
  // dropped for a moment, because closing with unread input resets the connection and the
  // client would lose the answer.
  void Refuse(Connection& c, int status, const char* reason, const std::string& message) {
    const std::string answer = GateAnswer(status, reason, message);
    [[maybe_unused]] auto n = ::send(c.fd, answer.data(), answer.size(), MSG_NOSIGNAL);
    ::shutdown(c.fd, SHUT_WR);
    c.draining = true;
    c.buffer.clear();
    c.buffer.shrink_to_fit();
    reserved_bytes -= c.reserved;
    c.reserved = 0;
    c.since = SteadyClock::now();
  }

  // The oldest connection not being answered, among those of `address` (or all when empty).
  Connection* OldestIdle(const std::string& address) {
    Connection* oldest = nullptr;
    for (auto& [fd, c] : connections) {
      if (c->busy || (!address.empty() && c->remote_ip != address)) continue;
      if (!oldest || c->since < oldest->since) oldest = c.get();
    }
    return oldest;
  }

  void Accept() {
    for (;;) {
      sockaddr_storage address{};
      socklen_t length = sizeof address;
      const int fd = ::accept4(listen_fd, reinterpret_cast<sockaddr*>(&address), &length,
                               SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        // Out of file descriptors: a waiting connection makes room; with none to give up,
        // listening pauses until the next sweep (the pending connection would otherwise wake
        // the loop again at once, for ever).
        if (errno == EMFILE || errno == ENFILE) {
          if (Connection* oldest = OldestIdle({})) {
            Close(oldest->fd);
            continue;
          }
          ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, listen_fd, nullptr);
          listening_paused = true;
        }
        return;  // EAGAIN: all taken; anything else: try at the next event
      }
      auto c = std::make_unique<Connection>();
      c->fd = fd;
      c->remote_ip = AddressText(address, c->remote_port);
      sockaddr_storage local{};
      socklen_t local_length = sizeof local;
      if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_length) == 0) {
        c->local_ip = AddressText(local, c->local_port);
      }
      c->since = SteadyClock::now();
      const int on = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
      // Over a cap, the oldest waiting connection of that address (or of all) makes room.
      if (per_address[c->remote_ip] >= kMaxConnectionsPerAddress) {
        if (Connection* oldest = OldestIdle(c->remote_ip)) Close(oldest->fd);
      }
      if (connections.size() >= kMaxConnections) {
        if (Connection* oldest = OldestIdle({})) Close(oldest->fd);
      }
      ++per_address[c->remote_ip];
      Connection& added = *c;
      connections.emplace(fd, std::move(c));
      if (per_address[added.remote_ip] > kMaxConnectionsPerAddress ||
          connections.size() > kMaxConnections) {
        Refuse(added, 503, "Service Unavailable",
               "er staan te veel verbindingen open die allemaal een antwoord krijgen; probeer "
               "het over een paar seconden opnieuw");
      }
      Watch(added);
    }
  }

  void Receive(Connection& c) {
    char chunk[16384];
    if (c.draining) {
      for (;;) {
        const ssize_t n = ::recv(c.fd, chunk, sizeof chunk, 0);
        if (n > 0 || (n < 0 && errno == EINTR)) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
        Close(c.fd);  // the client is done too
        return;
      }
    }
    bool closed = false;
    for (;;) {
      const ssize_t n = ::recv(c.fd, chunk, sizeof chunk, 0);
      if (n > 0) {
        if (!c.request_started) {
          c.request_started = true;
          c.since = SteadyClock::now();
        }
        c.buffer.append(chunk, static_cast<std::size_t>(n));
        // Read no further than one whole request ahead of what is answered.
        if (c.buffer.size() > kMaxRequestHeadBytes + kMaxRequestBodyBytes) break;
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
      closed = true;  // 0: the client closed; an error: it is gone
      break;
    }
    if (Examine(c)) return;
    if (closed) Close(c.fd);
  }

  // Works out whether `c` now holds a whole request, and if so hands it to a worker. Returns
  // true when the connection was handed on or closed here.
  bool Examine(Connection& c) {
    if (c.buffer.empty()) return false;
    if (!c.request_started) {
      c.request_started = true;
      c.since = SteadyClock::now();
    }
    if (c.head_end == 0) {
      c.head_end = HeadEnd(c.buffer, 0);
      if (c.head_end == 0) {
        if (c.buffer.size() > kMaxRequestHeadBytes) {
          Refuse(c, 431, "Request Header Fields Too Large",
                 "de kopregels van dit verzoek zijn langer dan " +
                     std::to_string(kMaxRequestHeadBytes >> 10) + " KB");
          return true;
        }
        return false;
      }
      if (c.head_end > kMaxRequestHeadBytes) {
        Refuse(c, 431, "Request Header Fields Too Large",
               "de kopregels van dit verzoek zijn langer dan " +
                   std::to_string(kMaxRequestHeadBytes >> 10) + " KB");
        return true;
      }
      HeadFacts facts = ReadHead(std::string_view(c.buffer).substr(0, c.head_end));
      if (facts.transfer_encoding) {
        Refuse(c, 411, "Length Required",
               "stuur de gegevens in een keer met hun lengte (Content-Length); in stukken "
               "(Transfer-Encoding) neemt vangnet ze niet aan");
        return true;
      }
      if (facts.bad_length) {
        Refuse(c, 400, "Bad Request", "de lengte van de gegevens (Content-Length) is onleesbaar");
        return true;
      }
      const std::size_t body = facts.content_length.value_or(0);
      if (body > kMaxRequestBodyBytes) {
        Refuse(c, 413, "Payload Too Large", RequestTooLargeMessage());
        return true;
      }
      if (reserved_bytes + body > kMaxBufferedBodyBytes) {
        Refuse(c, 503, "Service Unavailable",
               "vangnet neemt nu al veel grote verzoeken tegelijk aan; er is niets opgeslagen, "
               "probeer het over een paar seconden opnieuw");
        return true;
      }
      c.reserved = body;
      reserved_bytes += body;
      if (facts.expects_continue) {
        // Answered here, once, and the header taken out so the handler does not answer again.
        c.buffer.erase(facts.expect_line_begin, facts.expect_line_end - facts.expect_line_begin);
        c.head_end -= facts.expect_line_end - facts.expect_line_begin;
        if (c.buffer.size() < c.head_end + body) {
          static constexpr char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
          [[maybe_unused]] auto n = ::send(c.fd, kContinue, sizeof kContinue - 1, MSG_NOSIGNAL);
        }
      }
      c.request_length = c.head_end + body;
    }
    if (c.buffer.size() < c.request_length) return false;
    // Whole: a worker answers it; the gate stops listening to it meanwhile.
    ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, c.fd, nullptr);
    c.busy = true;
    {
      std::lock_guard lock(mutex);
      work.push_back(&c);
    }
    work_ready.notify_one();
    return true;
  }

  // A worker is done with `c`: close it, or wait for its next request (which may be here).
  void TakeBack(Connection& c, bool keep) {
    c.busy = false;
    reserved_bytes -= c.reserved;
    c.reserved = 0;
    if (!keep || stopping) {
      Close(c.fd);
      return;
    }
    c.buffer.erase(0, c.request_length);
    c.head_end = 0;
    c.request_length = 0;
    c.request_started = false;
    c.since = SteadyClock::now();
    if (Examine(c)) return;
    Watch(c);
  }

  // Closes what waited too long: an idle connection after kIdleConnectionTimeout, a request
  // that has not fully arrived kRequestDeadline after its first byte (with a 408).
  void ExpireSlow() {
    if (listening_paused) {
      epoll_event event{};
      event.events = EPOLLIN;
      event.data.fd = listen_fd;
      ::epoll_ctl(epoll_fd, EPOLL_CTL_ADD, listen_fd, &event);
      listening_paused = false;
    }
    const auto now = SteadyClock::now();
    std::vector<int> idle, late;
    for (auto& [fd, c] : connections) {
      if (c->busy) continue;
      if (c->draining) {
        if (now - c->since > kLingerAfterRefusal) idle.push_back(fd);
        continue;
      }
      if (c->request_started && now - c->since > kRequestDeadline) late.push_back(fd);
      if (!c->request_started && now - c->since > kIdleConnectionTimeout) idle.push_back(fd);
    }
    for (int fd : idle) Close(fd);
    for (int fd : late) {
      Refuse(*connections.at(fd), 408, "Request Timeout",
             "dit verzoek kwam niet binnen " + std::to_string(kRequestDeadline.count()) +
                 " seconden helemaal binnen; probeer het opnieuw");
    }
  }

  void Work() {
    for (;;) {
      Connection* c = nullptr;
      {
        std::unique_lock lock(mutex);
        work_ready.wait(lock, [this] { return !work.empty() || stopping; });
        if (work.empty()) return;
        c = work.front();
        work.pop_front();
      }
      ++c->answered;
      const bool close = stopping || c->answered >= kMaxRequestsPerConnection;
      BufferedRequestStream stream(*c);
      bool keep = false;
      try {
        keep = serve(stream, close) && !close;
      } catch (...) {
        keep = false;  // the server's own exception handler answers; this is a last resort
      }
      {
        std::lock_guard lock(mutex);
        returned.emplace_back(c, keep);
      }
      Wake();
    }
  }
};

ConnectionGate::ConnectionGate(int workers, Serve serve)
    : impl_(std::make_unique<Impl>(workers, std::move(serve))) {}

ConnectionGate::~ConnectionGate() {
  Stop();
  if (impl_->listen_fd >= 0) ::close(impl_->listen_fd);
  if (impl_->epoll_fd >= 0) ::close(impl_->epoll_fd);
  if (impl_->wake_fd >= 0) ::close(impl_->wake_fd);
}

Result<int> ConnectionGate::Listen(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string where = host + ":" + std::to_string(port);
  if (::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0 || !found) {
    return Error::Io(where, "dit adres is onbekend");
  }
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> list(found, &::freeaddrinfo);
  int fd = ::socket(found->ai_family, found->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                    found->ai_protocol);
  const int on = 1;
  if (fd < 0 || ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) != 0 ||
      ::bind(fd, found->ai_addr, found->ai_addrlen) != 0 || ::listen(fd, SOMAXCONN) != 0) {
    if (fd >= 0) ::close(fd);
    return Error::Io(where, "kan niet luisteren op dit adres (al in gebruik?)");
  }
  sockaddr_storage bound{};
  socklen_t length = sizeof bound;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &length);
  int bound_port = port;
  AddressText(bound, bound_port);
  impl_->listen_fd = fd;
  impl_->epoll_fd = ::epoll_create1(EPOLL_CLOEXEC);
  impl_->wake_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (impl_->epoll_fd < 0 || impl_->wake_fd < 0) {
    return Error::Io(where, "kan de verbindingen niet bewaken (epoll)");
  }
  for (int watched : {impl_->listen_fd, impl_->wake_fd}) {
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = watched;
    ::epoll_ctl(impl_->epoll_fd, EPOLL_CTL_ADD, watched, &event);
  }
  return bound_port;
}

void ConnectionGate::Run() {
  Impl& g = *impl_;
  if (g.epoll_fd < 0) return;
  for (int i = 0; i < g.workers_wanted; ++i) g.workers.emplace_back([&g] { g.Work(); });
  std::vector<epoll_event> events(256);
  auto last_sweep = SteadyClock::now();
  while (!g.stopping) {
    const int n = ::epoll_wait(g.epoll_fd, events.data(), static_cast<int>(events.size()), 200);
    for (int i = 0; i < n; ++i) {
      const int fd = events[static_cast<std::size_t>(i)].data.fd;
      if (fd == g.listen_fd) {
        g.Accept();
      } else if (fd == g.wake_fd) {
        std::uint64_t count = 0;
        [[maybe_unused]] auto r = ::read(g.wake_fd, &count, sizeof count);
        std::vector<std::pair<Connection*, bool>> back;
        {
          std::lock_guard lock(g.mutex);
          back.swap(g.returned);
        }
        for (auto& [c, keep] : back) g.TakeBack(*c, keep);
      } else if (auto it = g.connections.find(fd); it != g.connections.end() && !it->second->busy) {
        g.Receive(*it->second);
      }
    }
    if (SteadyClock::now() - last_sweep > std::chrono::milliseconds(200)) {
      g.ExpireSlow();
      last_sweep = SteadyClock::now();
    }
  }
  // Stopping: no new work; workers finish what they answer (live streams were woken by the
  // server's Stop), then every connection is closed.
  g.work_ready.notify_all();
  for (auto& worker : g.workers) worker.join();
  g.workers.clear();
  for (auto& [fd, c] : g.connections) ::close(fd);
  g.connections.clear();
  g.per_address.clear();
  g.work.clear();
  g.returned.clear();
}

void ConnectionGate::Stop() {
  {
    std::lock_guard lock(impl_->mutex);  // a worker checking its wait condition sees it
    impl_->stopping = true;
  }
  impl_->work_ready.notify_all();
  if (impl_->wake_fd >= 0) impl_->Wake();
}

}  // namespace vangnet
