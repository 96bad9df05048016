// Sends what waits in the outbox: e-mail and SMS through their configured senders, with
// retries that wait longer each time (core/outbox_message.hpp). Messages are read and their
// outcome stored in short transactions; the sending itself happens outside any transaction,
// so a slow mail server never blocks the crisis board. A crash between sending and storing
// the outcome sends that one message again (at least once, never lost).
#pragma once

#include <cstdint>
#include <functional>

#include "io/message_sender.hpp"
#include "store/store.hpp"

namespace vangnet {

// Why a message failed on a server without that channel; the board shows it.
inline constexpr const char* kNoEmailServer =
    "geen e-mailserver ingesteld: start vangnet serve met --smtp-url";
inline constexpr const char* kNoSmsWebhook =
    "geen sms-dienst ingesteld: start vangnet serve met --sms-webhook";

struct DeliveryCount {
  int sent = 0;
  int failed = 0;  // this attempt failed (retried later, or given up)
};

class OutboxDelivery {
 public:
  // Either sender may be null: that channel is not configured. `delivered` hears of each
  // incident whose messages changed state (sent, failed), once per pass, so its board shows it.
  OutboxDelivery(Store& store, MessageSender* email, MessageSender* sms,
                 std::function<void(std::int64_t incident_id)> delivered = {})
      : store_(store), email_(email), sms_(sms), delivered_(std::move(delivered)) {}

  // Sends what is due at the store clock's now, at most `limit` messages. `still_leads`, when
  // given, is asked before each message: a server that lost the background-work lease (another
  // took over after a failover or a frozen primary) stops at once instead of finishing its batch,
  // which the other server sends too.
  Result<DeliveryCount> DeliverDue(int limit = 50, const std::function<bool()>& still_leads = {});

 private:
  Store& store_;
  MessageSender* email_;
  MessageSender* sms_;
  std::function<void(std::int64_t)> delivered_;
};

}  // namespace vangnet
