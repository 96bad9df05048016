#include "http/request_head.hpp"

#include <algorithm>
#include <cctype>

#include "core/text.hpp"

namespace vangnet {

namespace {

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

HeadFacts ReadHead(std::string_view head) {
  HeadFacts facts;
  std::size_t line_begin = head.find('\n');  // the request line says nothing about the body
  while (line_begin != std::string_view::npos && line_begin + 1 < head.size()) {
    ++line_begin;
    std::size_t line_end = head.find('\n', line_begin);
    if (line_end == std::string_view::npos) line_end = head.size();
    std::string_view line = head.substr(line_begin, line_end - line_begin);
    const auto colon = line.find(':');
    if (colon != std::string_view::npos) {
      const std::string_view name = Trim(line.substr(0, colon));
      const std::string_view value = Trim(line.substr(colon + 1));
      if (EqualsIgnoringCase(name, "content-length")) {
        std::size_t length = 0;
        bool digits = !value.empty() && value.size() <= 12;
        for (char c : value) {
          if (c < '0' || c > '9') digits = false;
          if (digits) length = length * 10 + static_cast<std::size_t>(c - '0');
        }
        // Two different lengths are a request smuggling trick, one unreadable length a fault.
        if (!digits || (facts.content_length && *facts.content_length != length)) {
          facts.bad_length = true;
        }
        facts.content_length = length;
      } else if (EqualsIgnoringCase(name, "transfer-encoding")) {
        facts.transfer_encoding = true;
      } else if (EqualsIgnoringCase(name, "expect") && EqualsIgnoringCase(value, "100-continue")) {
        facts.expects_continue = true;
        facts.expect_line_begin = line_begin;
        facts.expect_line_end = line_end + 1;
      }
    }
    line_begin = line_end;
  }
  return facts;
}

std::size_t HeadEnd(const std::string& buffer, std::size_t from) {
  for (std::size_t i = from; i < buffer.size(); ++i) {
    if (buffer[i] != '\n') continue;
    if (i + 1 < buffer.size() && buffer[i + 1] == '\n') return i + 2;
    if (i + 2 < buffer.size() && buffer[i + 1] == '\r' && buffer[i + 2] == '\n') return i + 3;
  }
  return 0;
}

}  // namespace vangnet
