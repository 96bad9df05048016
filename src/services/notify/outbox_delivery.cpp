#include "services/notify/outbox_delivery.hpp"

#include <iostream>
#include <set>

namespace vangnet {

Result<DeliveryCount> OutboxDelivery::DeliverDue(int limit,
                                                const std::function<bool()>& still_leads) {
  const TimePoint now = store_.clock().Now();
  const Actor actor{"vangnet", "system", "scheduler", "berichten verzenden"};
  std::vector<OutboxMessage> due;
  {
    auto uow = store_.BeginRead(actor);
    if (!uow) return uow.error();
    due = uow.value()->Outbox().Due(now, limit);
  }
  DeliveryCount count;
  std::set<std::int64_t> incidents;  // whose messages changed state
  for (auto& message : due) {
    if (still_leads && !still_leads()) {
      std::cerr << "vangnet: een andere server verzendt nu; deze stopt met verzenden\n";
      break;
    }
    MessageSender* sender = message.channel == Channel::kEmail ? email_
                            : message.channel == Channel::kSms ? sms_
                                                               : nullptr;
    // A channel this process cannot send on: failed at once with what to configure, so the
    // board shows it in red instead of the message waiting unseen.
    Status sent = sender ? sender->Send(message)
                         : Status(Error::Io(std::string(EnumCode(CHANNELS, message.channel)),
                                            message.channel == Channel::kEmail ? kNoEmailServer
                                                                               : kNoSmsWebhook));
    ++message.attempts;
    if (sent) {
      message.status = OutboxStatus::kSent;
      message.sent_at = now;
      message.last_error.clear();
      ++count.sent;
    } else {
      message.last_error = sent.error().message;
      message.status = (!sender || message.attempts >= kMaxSendAttempts) ? OutboxStatus::kFailed
                                                                         : OutboxStatus::kPending;
      message.next_attempt_at = now + RetryDelay(message.attempts);
      ++count.failed;
      // The operator sees that mail fails and why; never to whom or what (personal data).
      // A channel that is not configured was announced once when `serve` started.
      if (sender)
        std::cerr << "vangnet: bericht " << message.id << " ("
                  << EnumCode(CHANNELS, message.channel) << ") niet verzonden, poging "
                  << message.attempts << ": " << sent.error().message << "\n";
    }
    auto uow = store_.Begin(actor);
    if (!uow) return uow.error();
    if (auto s = uow.value()->Outbox().Record(message); !s) return s.error();
    if (auto s = uow.value()->Commit(); !s) return s.error();
    if (message.incident_id) incidents.insert(*message.incident_id);
  }
  if (delivered_) {
    for (std::int64_t id : incidents) delivered_(id);
  }
  return count;
}

}  // namespace vangnet
