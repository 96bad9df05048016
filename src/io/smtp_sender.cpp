#include "io/smtp_sender.hpp"

#include <sodium.h>

#include <array>
#include <cstring>
#include <mutex>

#include "core/date.hpp"
#include "io/curl_init.hpp"

namespace vangnet {

namespace {

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

bool IsAscii(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80 || c < 0x20) return false;
  }
  return true;
}

// RFC 2047: "=?UTF-8?B?...?=" words of at most 75 characters, split between (never inside)
// UTF-8 sequences, folded onto continuation lines.
std::string EncodedWords(std::string_view text) {
  if (IsAscii(text)) return std::string(text);
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = std::min(start + 45, text.size());  // 45 bytes -> 60 base64 characters
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(text.substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

std::string RfcDate(std::chrono::sys_seconds now) {
  static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed",
                                                    "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto day = std::chrono::floor<std::chrono::days>(now);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::weekday weekday{day};
  const std::chrono::hh_mm_ss hms{now - day};
  char text[64];
  std::snprintf(text, sizeof text, "%s, %02u %s %d %02d:%02d:%02d +0000",
                kDays[weekday.c_encoding()], static_cast<unsigned>(ymd.day()),
                kMonths[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return text;
}

std::string Domain(const std::string& address) {
  auto at = address.rfind('@');
  return at == std::string::npos ? "vangnet.invalid" : address.substr(at + 1);
}

struct Upload {
  std::string data;
  std::size_t offset = 0;
};

std::size_t ReadChunk(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, upload->data.size() - upload->offset);
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

}  // namespace

std::string ComposeMail(const SmtpSettings& settings, const OutboxMessage& message,
                        std::chrono::sys_seconds now) {
  std::string body;
  for (char c : message.body) {
    if (c == '\n') body += '\r';
    body += c;
  }
  std::string encoded = Base64(body);
  std::string wrapped;
  for (std::size_t i = 0; i < encoded.size(); i += 76) {
    wrapped += encoded.substr(i, 76) + "\r\n";
  }
  return "Date: " + RfcDate(now) + "\r\n" + "From: " + EncodedWords(settings.from_name) + " <" +
         settings.from + ">\r\n" + "To: <" + message.recipient + ">\r\n" +
         "Subject: " + EncodedWords(message.subject) + "\r\n" + "Message-ID: <" +
         MessageReference(message) + "@" + Domain(settings.from) + ">\r\n" +
         "MIME-Version: 1.0\r\n" + "Content-Type: text/plain; charset=UTF-8\r\n" +
         "Content-Transfer-Encoding: base64\r\n" + "Auto-Submitted: auto-generated\r\n\r\n" +
         wrapped;
}

SmtpSender::SmtpSender(SmtpSettings settings, const Clock& clock)
    : settings_(std::move(settings)), clock_(clock) {
  CurlGlobalInit();
}

Status SmtpSender::Send(const OutboxMessage& message) {
  // Header injection: a recipient comes from the registry, but never trust a line break.
  if (message.recipient.find_first_of("\r\n<>") != std::string::npos) {
    return Error::Validation("recipient", "ongeldig e-mailadres");
  }
  CURL* curl = curl_easy_init();
  if (!curl) return Error::Internal("libcurl start niet");
  Upload upload{ComposeMail(settings_, message, clock_.Now()), 0};
  const std::string from = "<" + settings_.from + ">";
  curl_slist* recipients = curl_slist_append(nullptr, ("<" + message.recipient + ">").c_str());
  curl_easy_setopt(curl, CURLOPT_URL, settings_.url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadChunk);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(settings_.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_USE_SSL,
                   settings_.require_tls ? static_cast<long>(CURLUSESSL_ALL)
                                         : static_cast<long>(CURLUSESSL_TRY));
  if (!settings_.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, settings_.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, settings_.password.c_str());
  }
  const CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(recipients);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) {
    return Error::Io(settings_.url,
                     std::string("e-mail niet afgeleverd: ") + curl_easy_strerror(rc));
  }
  return Ok{};
}

}  // namespace vangnet
