// E-mail through a configured SMTP server, with libcurl (Debian libcurl4-openssl-dev): it
// speaks SMTP, STARTTLS, SMTPS and AUTH, and escapes lines starting with a dot. The message
// text itself (Date, Message-ID, RFC 2047 subject, MIME) is ours: libcurl sends what it gets.
#pragma once

#include <chrono>
#include <string>

#include "core/time.hpp"
#include "io/message_sender.hpp"

namespace vangnet {

struct SmtpSettings {
  std::string url;   // smtp://host:587 (STARTTLS when offered) or smtps://host:465
  std::string from;  // the sender address, e.g. vangnet@rho-example.nl
  std::string from_name = "vangnet";
  std::string username;  // optional AUTH
  std::string password;
  bool require_tls = false;  // refuse to send in the clear over smtp://
  std::chrono::seconds timeout{30};
};

// The message as RFC 5322 text with CRLF line ends: UTF-8 subject as RFC 2047 encoded words,
// body base64 (safe through any server, whatever the accents).
std::string ComposeMail(const SmtpSettings& settings, const OutboxMessage& message,
                        std::chrono::sys_seconds now);

class SmtpSender final : public MessageSender {
 public:
  // `clock` dates the messages (the Date header).
  explicit SmtpSender(SmtpSettings settings, const Clock& clock = WallClock());
  Status Send(const OutboxMessage& message) override;

 private:
  SmtpSettings settings_;
  const Clock& clock_;
};

}  // namespace vangnet
