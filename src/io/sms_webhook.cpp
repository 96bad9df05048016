#include "io/sms_webhook.hpp"

#include <mutex>
#include <nlohmann/json.hpp>

#include "io/curl_init.hpp"

namespace vangnet {

namespace {

std::size_t Discard(char*, std::size_t size, std::size_t count, void*) {
  return size * count;
}

}  // namespace

SmsWebhookSender::SmsWebhookSender(SmsWebhookSettings settings) : settings_(std::move(settings)) {
  CurlGlobalInit();
}

Status SmsWebhookSender::Send(const OutboxMessage& message) {
  CURL* curl = curl_easy_init();
  if (!curl) return Error::Internal("libcurl start niet");
  const std::string body = nlohmann::json{{"to", message.recipient}, {"text", message.body}}.dump();
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  std::string auth;
  if (!settings_.bearer_token.empty()) {
    auth = "Authorization: Bearer " + settings_.bearer_token;
    headers = curl_slist_append(headers, auth.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_URL, settings_.url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Discard);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(settings_.timeout.count()));
  const CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) {
    return Error::Io(settings_.url,
                     std::string("sms-gateway niet bereikt: ") + curl_easy_strerror(rc));
  }
  if (status < 200 || status >= 300) {
    return Error::Io(settings_.url, "sms-gateway antwoordde " + std::to_string(status));
  }
  return Ok{};
}

}  // namespace vangnet
