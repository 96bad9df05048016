// Every limit the HTTP side puts on what a client sends, in one place (README "Security" lists
// them with these numbers). Each refusal is a 4xx with a Dutch sentence that names the limit.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace vangnet {

// A request body: a large import upload (files travel base64 in JSON), never unbounded.
inline constexpr std::size_t kMaxRequestBodyBytes = 8u << 20;
// The request line and headers together.
inline constexpr std::size_t kMaxRequestHeadBytes = 64u << 10;
// From a request's first byte to its last (head and body): a slow sender is cut off here, not
// after 30 s of silence that a byte every 29 s resets.
inline constexpr std::chrono::seconds kRequestDeadline{30};
// A connection that has not begun a (next) request within this time is closed.
inline constexpr std::chrono::seconds kIdleConnectionTimeout{10};
// Writing an answer: a client that takes none of it for this long is dropped.
inline constexpr std::chrono::seconds kResponseStallTimeout{10};
// Connections per client address; a new one beyond it pushes out that address's oldest idle or
// half-sent connection (never one being answered), so the cap starves slow senders, not the
// next honest request from behind the same address (an office's NAT, a proxy).
inline constexpr std::size_t kMaxConnectionsPerAddress = 256;
// Connections in all, with the same rule over every address.
inline constexpr std::size_t kMaxConnections = 2048;
// Request bodies held in memory at once, all connections together (a body is held from its
// head until its answer is written); a request that would pass this waits its turn with a 503.
inline constexpr std::size_t kMaxBufferedBodyBytes = 128u << 20;
// Requests on one kept-alive connection before it is closed (the browser simply reconnects).
inline constexpr std::size_t kMaxRequestsPerConnection = 1000;

std::string RequestTooLargeMessage();

}  // namespace vangnet
