// Outgoing HTTP(S) requests through libcurl: the SMS webhook and the single sign-on provider
// (discovery, keys, token exchange). TLS certificates are always verified; bodies are capped so
// a misbehaving server cannot fill the memory.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace vangnet {

struct HttpRequest {
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::optional<std::string> body;   // set: a POST with this body; empty: a GET
  std::chrono::seconds timeout{15};
  std::size_t max_response = 1 << 20;
};

struct HttpReply {
  long status = 0;
  std::string body;
};

// Sends the request and reads the whole answer. An error only when no answer came (or it was
// larger than max_response); any status code is a reply. `what` names the other side in
// the error ("sms-gateway", "identiteitsprovider").
Result<HttpReply> SendHttpRequest(const HttpRequest& request, const std::string& what);

}  // namespace vangnet
