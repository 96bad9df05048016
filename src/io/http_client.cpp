#include "io/http_client.hpp"

#include "io/curl_init.hpp"

namespace vangnet {

namespace {

struct Sink {
  std::string* body;
  std::size_t limit;
  bool too_large = false;
};

std::size_t Collect(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t n = size * count;
  if (sink->body->size() + n > sink->limit) {
    sink->too_large = true;
    return 0;  // makes libcurl stop with CURLE_WRITE_ERROR
  }
  sink->body->append(data, n);
  return n;
}

}  // namespace

Result<HttpReply> SendHttpRequest(const HttpRequest& request, const std::string& what) {
  CurlGlobalInit();
  CURL* curl = curl_easy_init();
  if (!curl) return Error::Internal("libcurl start niet");
  HttpReply reply;
  Sink sink{&reply.body, request.max_response};
  curl_slist* headers = nullptr;
  for (const auto& h : request.headers) headers = curl_slist_append(headers, h.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  // Only http and https, and no redirects: a provider's endpoints are named in its discovery
  // document, and a redirect must not take a secret elsewhere.
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  if (request.body) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body->c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body->size()));
  }
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(request.timeout.count()));
  const CURLcode rc = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (sink.too_large) return Error::Io(request.url, what + " stuurde een te groot antwoord");
  if (rc != CURLE_OK) {
    return Error::Io(request.url, what + " niet bereikt: " + curl_easy_strerror(rc));
  }
  return reply;
}

}  // namespace vangnet
