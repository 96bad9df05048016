#pragma once
// The one way vangnet reads JSON it did not write itself: request bodies, FHIR Bundles, patient
// lists, planner instances, answers of an OpenID provider. nlohmann's parser itself keeps an
// explicit stack, but much of what comes after it recurses over the tree (copies, comparisons,
// dump(), our own checks), so a document nested 100,000 deep overflows the stack of whoever walks
// it. The nesting is therefore measured before anything is built, in one flat pass over the text.

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace vangnet {

// Deeper than any document vangnet reads or writes (a FHIR Bundle with nested extensions needs
// about 10), far below what a recursive walk on an 8 MiB thread stack survives.
inline constexpr int kMaxJsonDepth = 64;

// The deepest nesting of arrays and objects in `text`, or max_depth + 1 as soon as that is passed
// (the scan stops there). Strings, escapes included, do not count.
int JsonNestingDepth(std::string_view text, int max_depth = kMaxJsonDepth);

// Parses `text`, refusing it whole when it nests deeper than kMaxJsonDepth or is no valid JSON.
// `file` names the input in the error (a file name, "verzoek" for a request body).
Result<nlohmann::json> ParseJsonInput(std::string_view text, const std::string& file);

// The same for callers with their own message for unreadable input: a discarded value (as
// nlohmann::json::parse(text, nullptr, false) gives) when too deep or invalid.
nlohmann::json ParseJsonOrDiscarded(std::string_view text);

// The message of a too-deep refusal, shared so every refusal reads the same.
std::string JsonTooDeepMessage();

// The refusal for a document with an element of another kind than its reader expected (a list
// where an object belongs), which nlohmann reports by throwing: every reader of outside JSON
// catches that at its entry and answers this, naming the file.
Error UnexpectedShape(const std::string& file, const nlohmann::json::exception& e);

}  // namespace vangnet
