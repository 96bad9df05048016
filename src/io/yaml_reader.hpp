// Reading our YAML data files (playbooks, norms) with yaml-cpp: every error names the file,
// the line and the field, and keys we do not know are refused (a typo must not silently drop a
// step or a threshold).
#pragma once

#include <yaml-cpp/yaml.h>

#include <chrono>
#include <optional>
#include <set>
#include <string>

#include "core/error.hpp"
#include "core/playbook.hpp"

namespace vangnet::yaml {

// yaml-cpp parses nested collections recursively: a file of 100,000 '[' overflows the stack.
// Nesting is measured first, in one flat pass: flow brackets outside quotes and comments, and
// block indentation (a deeper level needs more spaces). Our files nest five or six levels.
inline constexpr int kMaxYamlFlowDepth = 64;
inline constexpr std::size_t kMaxYamlIndent = 256;

inline std::optional<Error> TooDeep(std::string_view content, const std::string& file) {
  int depth = 0;
  std::size_t line = 1, column = 0;
  char quote = 0;
  bool comment = false, indent = true;
  char previous = '\n';
  for (std::size_t i = 0; i < content.size(); ++i) {
    const char c = content[i];
    if (c == '\n') {
      ++line;
      column = 0;
      comment = false;
      indent = true;
      previous = c;
      continue;
    }
    ++column;
    if (indent && c == ' ') {
      if (column > kMaxYamlIndent) {
        return Error(ErrorKind::kValidation,
                     "te diep ingesprongen (meer dan " + std::to_string(kMaxYamlIndent) +
                         " spaties); dat neemt vangnet niet aan",
                     file, line);
      }
      previous = c;
      continue;
    }
    indent = false;
    if (comment) continue;
    if (quote == '"') {
      if (c == '\\') ++i;
      else if (c == '"') quote = 0;
    } else if (quote == '\'') {
      if (c == '\'') quote = 0;  // '' inside reopens at the next character, as good as
    } else if (c == '#' && (previous == ' ' || previous == '\t' || previous == '\n')) {
      comment = true;
    } else if ((c == '"' || c == '\'') &&
               std::string_view(" \t\n[{,:-").find(previous) != std::string_view::npos) {
      quote = c;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxYamlFlowDepth) {
        return Error(ErrorKind::kValidation,
                     "te diep genest: meer dan " + std::to_string(kMaxYamlFlowDepth) +
                         " niveaus [ ] of { } in elkaar; dat neemt vangnet niet aan",
                     file, line);
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
    previous = c;
  }
  return std::nullopt;
}

// Parses a whole document; a syntax error names the file and line.
inline Result<YAML::Node> Load(std::string_view content, const std::string& file) {
  if (auto deep = TooDeep(content, file)) return *deep;
  try {
    return YAML::Load(std::string(content));
  } catch (const YAML::ParserException& e) {
    return Error(ErrorKind::kValidation, "geen geldige YAML: " + e.msg, file,
                 static_cast<std::size_t>(e.mark.line + 1));
  }
}

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  void Fail(const YAML::Node& node, const std::string& field, const std::string& message) {
    errors_.emplace_back(ErrorKind::kValidation, message, file_, Line(node), field);
  }
  static int Line(const YAML::Node& node) { return node.Mark().line + 1; }
  // map[key], or an undefined node when `map` is not a map: yaml-cpp throws when a scalar or a
  // list is indexed by a key, and a file must never make the reader throw (found by fuzzing).
  static YAML::Node Child(const YAML::Node& map, const char* key) {
    if (!map.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
    return map[key];
  }

  // Refuses keys outside `allowed`.
  void OnlyKeys(const YAML::Node& map, const std::string& where, std::set<std::string> allowed) {
    if (!map.IsMap()) {
      Fail(map, where, "verwacht een lijst van sleutels en waarden");
      return;
    }
    for (const auto& entry : map) {
      if (!entry.first.IsScalar()) {
        Fail(entry.first, where, "een sleutel moet tekst zijn");
        continue;
      }
      auto key = entry.first.as<std::string>();
      if (!allowed.count(key)) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        Fail(entry.first, where.empty() ? key : where + "." + key,
             "onbekende sleutel '" + key + "'; toegestaan: " + list);
      }
    }
  }

  std::string Text(const YAML::Node& map, const char* key, const std::string& where,
                   bool required = true) {
    const YAML::Node node = Child(map, key);
    if (!node || node.IsNull()) {
      if (required) Fail(map, Field(where, key), "verplicht veld ontbreekt");
      return {};
    }
    if (!node.IsScalar()) {
      Fail(node, Field(where, key), "verwacht tekst");
      return {};
    }
    return node.as<std::string>();
  }

  std::chrono::minutes Duration(const YAML::Node& map, const char* key, const std::string& where) {
    std::string text = Text(map, key, where);
    if (text.empty()) return {};
    auto d = ParseDuration(text);
    if (!d)
      Fail(Child(map, key), Field(where, key),
           "'" + text + "' is geen duur; schrijf bijv. 30m, 2h, 3d of 2w");
    return d.value_or(std::chrono::minutes{});
  }

  template <class Fn>
  void List(const YAML::Node& map, const char* key, const std::string& where, Fn each) {
    const YAML::Node node = Child(map, key);
    if (!node) return;
    if (!node.IsSequence()) {
      Fail(node, Field(where, key), "verwacht een lijst");
      return;
    }
    for (std::size_t i = 0; i < node.size(); ++i) {
      each(node[i], Field(where, key) + "[" + std::to_string(i) + "]");
    }
  }

  std::vector<PlaybookText> Texts(const YAML::Node& map, const char* key) {
    std::vector<PlaybookText> items;
    List(map, key, "", [&](const YAML::Node& n, const std::string& w) {
      OnlyKeys(n, w, {"text", "source"});
      items.push_back({Text(n, "text", w), Text(n, "source", w, false), Line(n)});
    });
    return items;
  }

  Errors Take() { return std::move(errors_); }

 private:
  static std::string Field(const std::string& where, const char* key) {
    return where.empty() ? key : where + "." + key;
  }
  std::string file_;
  Errors errors_;
};

}  // namespace vangnet::yaml
