#include "io/json_input.hpp"

namespace vangnet {

int JsonNestingDepth(std::string_view text, int max_depth) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character, whatever it is, cannot end the string
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        break;
      case '[':
      case '{':
        if (++depth > deepest) {
          deepest = depth;
          if (deepest > max_depth) return deepest;
        }
        break;
      case ']':
      case '}':
        if (depth > 0) --depth;  // unbalanced input is the parser's to refuse
        break;
      default:
        break;
    }
  }
  return deepest;
}

std::string JsonTooDeepMessage() {
  return "te diep genest: meer dan " + std::to_string(kMaxJsonDepth) +
         " niveaus lijsten en objecten in elkaar; dat neemt vangnet niet aan";
}

Result<nlohmann::json> ParseJsonInput(std::string_view text, const std::string& file) {
  if (JsonNestingDepth(text) > kMaxJsonDepth) {
    return Error{ErrorKind::kValidation, JsonTooDeepMessage(), file};
  }
  auto parsed = nlohmann::json::parse(text, nullptr, false);
  if (parsed.is_discarded()) return Error{ErrorKind::kValidation, "geen geldige JSON", file};
  return parsed;
}

nlohmann::json ParseJsonOrDiscarded(std::string_view text) {
  if (JsonNestingDepth(text) > kMaxJsonDepth) return nlohmann::json(nlohmann::json::value_t::discarded);
  return nlohmann::json::parse(text, nullptr, false);
}

Error UnexpectedShape(const std::string& file, const nlohmann::json::exception& e) {
  // nlohmann's text starts with "[json.exception.type_error.302] "; the rest says which kinds.
  std::string what = e.what();
  if (const auto end = what.find("] "); end != std::string::npos) what.erase(0, end + 2);
  return Error{ErrorKind::kValidation,
               "een element heeft een andere vorm dan verwacht (bijvoorbeeld een lijst of tekst "
               "waar een object hoort): " + what,
               file};
}

}  // namespace vangnet
