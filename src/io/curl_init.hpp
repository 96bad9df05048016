// libcurl's global set-up, once per process, before the first handle (not thread-safe itself).
#pragma once

#include <curl/curl.h>

#include <mutex>

namespace vangnet {

inline void CurlGlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace vangnet
