// What the connection gate needs to know of a request's head before its body arrives: where
// the head ends and what it says about the body (length, chunks, "100 Continue").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace vangnet {

struct HeadFacts {
  std::optional<std::size_t> content_length;
  bool bad_length = false;
  bool transfer_encoding = false;
  bool expects_continue = false;
  std::size_t expect_line_begin = 0, expect_line_end = 0;
};

// The head's header lines (the request line is skipped) read for what they say of the body.
HeadFacts ReadHead(std::string_view head);

// The end of the head ("\r\n\r\n", or "\n\n" from a lax client), searched from `from`; 0 when
// the head is not complete yet.
std::size_t HeadEnd(const std::string& buffer, std::size_t from);

}  // namespace vangnet
