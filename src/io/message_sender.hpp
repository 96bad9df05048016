// Something that delivers an outbox message over one channel (SMTP e-mail, an SMS webhook).
#pragma once

#include "core/error.hpp"
#include "core/outbox_message.hpp"

namespace vangnet {

class MessageSender {
 public:
  virtual ~MessageSender() = default;
  // Delivers the message to its recipient; an error says why not (for the retry and the log).
  virtual Status Send(const OutboxMessage& message) = 0;
};

}  // namespace vangnet
