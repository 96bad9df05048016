// The senders that carry alarms out: the SMS webhook against a local HTTP endpoint on
// 127.0.0.1, and the e-mail text (RFC 2047 subject split between, never inside, UTF-8 letters).
#include <gtest/gtest.h>
#include <httplib.h>
#include <sodium.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "io/sms_webhook.hpp"
#include "io/smtp_sender.hpp"

namespace vangnet {
namespace {

TEST(SmsWebhook, PostsRecipientAndTextAsJsonWithTheBearerToken) {
  httplib::Server gateway;
  std::string body, auth, idempotency_key;
  gateway.Post("/sms", [&](const httplib::Request& req, httplib::Response& res) {
    body = req.body;
    auth = req.get_header_value("Authorization");
    idempotency_key = req.get_header_value("Idempotency-Key");
    res.status = 202;
  });
  gateway.Post("/kapot", [](const httplib::Request&, httplib::Response& res) { res.status = 503; });
  const int port = gateway.bind_to_any_port("127.0.0.1");
  std::thread serving([&] { gateway.listen_after_bind(); });
  while (!gateway.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));

  OutboxMessage message;
  message.channel = Channel::kSms;
  message.recipient = "+31612345678";
  message.body = "ALARM 2026-001: Praktijkpand onbruikbaar";
  message.id = 42;
  message.created_at = std::chrono::sys_seconds{std::chrono::seconds{1796000000}};
  SmsWebhookSender sender({"http://127.0.0.1:" + std::to_string(port) + "/sms", "geheim", {}});
  ASSERT_TRUE(sender.Send(message));
  auto sent = nlohmann::json::parse(body);
  EXPECT_EQ(sent["to"], "+31612345678");
  EXPECT_EQ(sent["text"], "ALARM 2026-001: Praktijkpand onbruikbaar");
  EXPECT_EQ(auth, "Bearer geheim");
  // The message's own reference, the same when it is sent again (a server that died between
  // sending and recording): a gateway that deduplicates delivers it once.
  EXPECT_EQ(sent["reference"], "vangnet-42-1796000000");
  EXPECT_EQ(idempotency_key, "vangnet-42-1796000000");
  ASSERT_TRUE(sender.Send(message));
  EXPECT_EQ(nlohmann::json::parse(body)["reference"], "vangnet-42-1796000000");

  // A gateway that refuses is an error the outbox retries.
  SmsWebhookSender broken({"http://127.0.0.1:" + std::to_string(port) + "/kapot", "", {}});
  auto refused = broken.Send(message);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("503"), std::string::npos);
  gateway.stop();
  serving.join();
}

std::string DecodeWord(const std::string& word) {
  const std::string payload = word.substr(10, word.size() - 12);  // =?UTF-8?B?...?=
  std::string out(payload.size(), '\0');
  std::size_t length = 0;
  sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), payload.data(),
                    payload.size(), nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL);
  out.resize(length);
  return out;
}

TEST(SmtpText, LongDutchSubjectsAreEncodedWordsThatEachHoldWholeLetters) {
  OutboxMessage message;
  message.id = 7;
  message.recipient = "coordinator@example.nl";
  message.subject =
      "ALARM 2026-001: Praktijkpand onbruikbaar — coördinatie, patiënten, "
      "crisiscoördinator, één overzicht";
  message.body = "Regel één\nRegel twee";
  SmtpSettings settings;
  settings.from = "vangnet@rho-example.nl";
  const std::string mail = ComposeMail(settings, message, std::chrono::sys_seconds{});
  EXPECT_NE(mail.find("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"), std::string::npos);
  // The same Message-ID at every attempt: a mailbox that deduplicates shows a resent alarm once.
  EXPECT_NE(mail.find("Message-ID: <vangnet-7-0@rho-example.nl>"), std::string::npos);
  EXPECT_EQ(ComposeMail(settings, message, std::chrono::sys_seconds{std::chrono::seconds{60}})
                .find("Message-ID: <vangnet-7-0@rho-example.nl>") != std::string::npos,
            true);
  EXPECT_NE(mail.find("@rho-example.nl>\r\n"), std::string::npos);
  // Collect the subject's encoded words; each must decode to valid UTF-8 on its own.
  auto start = mail.find("Subject: ") + 9;
  auto end = mail.find("\r\nMessage-ID");
  std::string subject = mail.substr(start, end - start), decoded;
  int words = 0;
  for (std::size_t at = subject.find("=?UTF-8?B?"); at != std::string::npos;
       at = subject.find("=?UTF-8?B?", at + 1)) {
    const std::string word = subject.substr(at, subject.find("?=", at + 10) + 2 - at);
    EXPECT_LE(word.size(), 75u);
    const std::string part = DecodeWord(word);
    // No word ends inside a multi-byte letter.
    EXPECT_NE(static_cast<unsigned char>(part.back()) & 0xC0, 0xC0) << part;
    decoded += part;
    ++words;
  }
  EXPECT_GT(words, 1);
  EXPECT_EQ(decoded, message.subject);
}

}  // namespace
}  // namespace vangnet
