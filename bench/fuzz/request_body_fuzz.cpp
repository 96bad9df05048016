// libFuzzer target: a JSON request body as every route reads it (ParseJsonBody and the typed
// readers of JsonBody), plus a query string. Nothing may escape but BadRequest.
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "http/request.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  httplib::Request req;
  req.body.assign(reinterpret_cast<const char*>(data), size);
  req.set_header("Content-Type", "application/json");
  httplib::Response res;
  auto body = vangnet::ParseJsonBody(req, res);
  if (!body) {
    if (res.status < 400 || res.status >= 500) __builtin_trap();
    return 0;
  }
  for (const char* key : {"username", "stage", "ids", "practice_agbs", "capacity", "text"}) {
    try {
      (void)body->value(key, "");
      (void)body->value(key, 0);
      (void)body->value(key, false);
      (void)body->value(key, 0.0);
      (void)body->TextList(key);
      (void)body->IntegerList(key);
      (void)body->OptionalInteger(key);
    } catch (const vangnet::BadRequest&) {
    }
  }
  (void)vangnet::PathForLog(req.body);
  return 0;
}
