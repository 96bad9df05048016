// SMS through a gateway the region configures as a webhook: an HTTP POST of
// {"to": "+31612345678", "text": "..."} (JSON), optionally with a bearer token. Any 2xx answer
// counts as accepted. libcurl, as for e-mail.
#pragma once

#include <chrono>
#include <string>

#include "io/message_sender.hpp"

namespace vangnet {

struct SmsWebhookSettings {
  std::string url;
  std::string bearer_token;  // optional
  std::chrono::seconds timeout{15};
};

class SmsWebhookSender final : public MessageSender {
 public:
  explicit SmsWebhookSender(SmsWebhookSettings settings);
  Status Send(const OutboxMessage& message) override;

 private:
  SmsWebhookSettings settings_;
};

}  // namespace vangnet
