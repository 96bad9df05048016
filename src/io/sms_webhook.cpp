#include "io/sms_webhook.hpp"

#include <nlohmann/json.hpp>

#include "io/http_client.hpp"

namespace vangnet {

SmsWebhookSender::SmsWebhookSender(SmsWebhookSettings settings) : settings_(std::move(settings)) {}

Status SmsWebhookSender::Send(const OutboxMessage& message) {
  // `reference` (and the Idempotency-Key header) is the same at every attempt of this message:
  // a gateway that deduplicates sends it once even when vangnet sends it twice (a server that
  // died between sending and recording it).
  const std::string reference = MessageReference(message);
  HttpRequest request{
      settings_.url,
      {"Content-Type: application/json", "Idempotency-Key: " + reference},
      nlohmann::json{{"to", message.recipient}, {"text", message.body}, {"reference", reference}}
          .dump(),
      settings_.timeout,
      64 * 1024};
  if (!settings_.bearer_token.empty()) {
    request.headers.push_back("Authorization: Bearer " + settings_.bearer_token);
  }
  auto reply = SendHttpRequest(request, "sms-gateway");
  if (!reply) return reply.error();
  if (reply.value().status < 200 || reply.value().status >= 300) {
    return Error::Io(settings_.url,
                     "sms-gateway antwoordde " + std::to_string(reply.value().status));
  }
  return Ok{};
}

}  // namespace vangnet
