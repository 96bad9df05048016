// A message waiting to be sent (an alarm, a reminder, a digest): written in the transaction of
// the change that causes it, sent afterwards with retries, so a crash neither loses nor
// doubles it.
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "core/enum_names.hpp"

namespace vangnet {

// In the app: shown on the incident board, delivered by being stored.
enum class Channel { kApp, kEmail, kSms };
enum class OutboxStatus { kPending, kSent, kFailed };

inline constexpr std::array<EnumName<Channel>, 3> CHANNELS{{
    {Channel::kApp, "app", "In de app"},
    {Channel::kEmail, "email", "E-mail"},
    {Channel::kSms, "sms", "Sms"},
}};
inline constexpr std::array<EnumName<OutboxStatus>, 3> OUTBOX_STATUSES{{
    {OutboxStatus::kPending, "pending", "Wacht op verzending"},
    {OutboxStatus::kSent, "sent", "Verzonden"},
    {OutboxStatus::kFailed, "failed", "Mislukt"},
}};

struct OutboxMessage {
  std::int64_t id = 0;
  std::string dedup_key;  // the same key is queued once ("overdue:task:17")
  std::chrono::sys_seconds created_at{};
  Channel channel = Channel::kEmail;
  std::string recipient;
  std::string subject;
  std::string body;
  std::optional<std::int64_t> incident_id;
  OutboxStatus status = OutboxStatus::kPending;
  int attempts = 0;
  std::chrono::sys_seconds next_attempt_at{};
  std::string last_error;
  std::optional<std::chrono::sys_seconds> sent_at;
};

// The message's reference as the SMS gateway (`reference`, `Idempotency-Key`) and the mail
// system (Message-ID) see it: the same at every attempt, also when a server died between sending
// and recording and the next one sends it again, so a gateway or mailbox that deduplicates shows
// it once. The time it was queued makes it unique beyond one database's ids.
inline std::string MessageReference(const OutboxMessage& message) {
  return "vangnet-" + std::to_string(message.id) + "-" +
         std::to_string(message.created_at.time_since_epoch().count());
}

// After a failed attempt: wait 1, 2, 4, ... minutes, at most 30; give up after
// kMaxSendAttempts attempts (the message is then marked failed and shows on the board).
inline constexpr int kMaxSendAttempts = 8;
inline std::chrono::minutes RetryDelay(int attempts) {
  const int shift = attempts < 1 ? 0 : (attempts > 6 ? 5 : attempts - 1);
  return std::min(std::chrono::minutes(1 << shift), std::chrono::minutes(30));
}

}  // namespace vangnet
