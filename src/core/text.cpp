#include "core/text.hpp"

#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstdio>

namespace vangnet {

std::string_view Trim(std::string_view text) {
  const char* ws = " \t\r\n";
  auto begin = text.find_first_not_of(ws);
  if (begin == std::string_view::npos) return {};
  auto end = text.find_last_not_of(ws);
  return text.substr(begin, end - begin + 1);
}

std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string ToLowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool IsAllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

namespace {
// The length in bytes of the well-formed UTF-8 character at text[i], or 0 when it is not one.
std::size_t Utf8Length(std::string_view text, std::size_t i) {
  auto c = static_cast<unsigned char>(text[i]);
  std::size_t extra = 0;
  std::uint32_t cp = 0;
  if (c < 0x80) {
    return 1;
  } else if ((c & 0xE0) == 0xC0) {
    extra = 1;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    extra = 2;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    extra = 3;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + extra >= text.size()) return 0;  // sequence cut off at the end
  for (std::size_t k = 1; k <= extra; ++k) {
    auto cc = static_cast<unsigned char>(text[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  const std::uint32_t min_for_length[] = {0, 0x80, 0x800, 0x10000};
  if (cp < min_for_length[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return extra + 1;
}
}  // namespace

bool IsValidUtf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = Utf8Length(text, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string ToValidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = Utf8Length(text, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string CutUtf8(std::string_view text, std::size_t max_bytes) {
  std::string valid = ToValidUtf8(text);
  if (valid.size() <= max_bytes) return valid;
  std::size_t end = max_bytes;
  // Step back over continuation bytes to the start of the character that does not fit.
  while (end > 0 && (static_cast<unsigned char>(valid[end]) & 0xC0) == 0x80) --end;
  return valid.substr(0, end);
}

bool HasControlCharacter(std::string_view text, bool multiline) {
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    const bool line_layout = c == '\t' || c == '\n' || c == '\r';
    if ((c < 0x20 && !(multiline && line_layout)) || c == 0x7F) return true;
  }
  return false;
}

std::size_t CharacterCount(std::string_view text) {
  std::size_t count = 0;
  for (char ch : text) count += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  return count;
}

std::optional<std::string> TooLong(std::string_view text, std::size_t max_characters) {
  const std::size_t count = CharacterCount(text);
  if (count <= max_characters) return std::nullopt;
  return "is te lang: " + FormatDutchNumber(static_cast<double>(count)) + " tekens; ten hoogste " +
         FormatDutchNumber(static_cast<double>(max_characters));
}

std::optional<long long> ParseInteger(std::string_view text) {
  text = Trim(text);
  if (text.empty()) return std::nullopt;
  long long value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<double> ParseDecimal(std::string_view text) {
  std::string normalised(Trim(text));
  if (normalised.empty()) return std::nullopt;
  if (normalised.find('.') == std::string::npos) {
    for (char& c : normalised) {
      if (c == ',') c = '.';
    }
  }
  double value = 0;
  const char* end = normalised.data() + normalised.size();
  auto [ptr, ec] = std::from_chars(normalised.data(), end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

std::string FormatDecimal(double value) {
  char buffer[64];
  auto [ptr, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  // 64 bytes always hold the shortest form of a double.
  return std::string(buffer, ec == std::errc() ? ptr : buffer);
}

std::optional<bool> ParseYesNo(std::string_view text) {
  std::string t = ToLowerAscii(Trim(text));
  if (t == "ja" || t == "j" || t == "yes" || t == "y" || t == "true" || t == "1") return true;
  if (t == "nee" || t == "n" || t == "no" || t == "false" || t == "0") return false;
  return std::nullopt;
}

std::string FormatDutchNumber(double value, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  std::string s = text;
  // Dutch: thousands with a dot, decimals with a comma.
  auto comma = s.find('.');
  std::string whole = s.substr(0, comma),
              fraction = comma == std::string::npos ? "" : s.substr(comma + 1);
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i && (whole.size() - i) % 3 == 0 && whole[i - 1] != '-') grouped += '.';
    grouped += whole[i];
  }
  return fraction.empty() ? grouped : grouped + "," + fraction;
}

}  // namespace vangnet
