#include "io/playbook_yaml.hpp"

#include <yaml-cpp/yaml.h>

#include <set>

#include "core/text.hpp"

namespace vangnet {

namespace {

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  void Fail(const YAML::Node& node, const std::string& field, const std::string& message) {
    errors_.emplace_back(ErrorKind::kValidation, message, file_, Line(node), field);
  }
  static int Line(const YAML::Node& node) { return node.Mark().line + 1; }

  // Refuses keys outside `allowed`.
  void OnlyKeys(const YAML::Node& map, const std::string& where, std::set<std::string> allowed) {
    if (!map.IsMap()) {
      Fail(map, where, "verwacht een lijst van sleutels en waarden");
      return;
    }
    for (const auto& entry : map) {
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
    const YAML::Node node = map[key];
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
      Fail(map[key], Field(where, key),
           "'" + text + "' is geen duur; schrijf bijv. 30m, 2h, 3d of 2w");
    return d.value_or(std::chrono::minutes{});
  }

  template <class Fn>
  void List(const YAML::Node& map, const char* key, const std::string& where, Fn each) {
    const YAML::Node node = map[key];
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

}  // namespace

Result<Playbook> ParsePlaybookYaml(std::string_view content, const std::string& file) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(content));
  } catch (const YAML::ParserException& e) {
    return Error(ErrorKind::kValidation, "geen geldige YAML: " + e.msg, file,
                 static_cast<std::size_t>(e.mark.line + 1));
  }
  Reader r(file);
  Playbook p;
  p.file = file;
  r.OnlyKeys(root, "",
             {"id", "version", "title", "source", "derived", "situation", "risks", "roles",
              "phases", "contacts", "communication", "resources", "prevention", "evaluation",
              "conditions", "max_duration"});
  if (!root.IsMap()) return Error::Combined(r.Take());
  p.id = r.Text(root, "id", "");
  p.version = static_cast<int>(ParseInteger(r.Text(root, "version", "")).value_or(0));
  p.title = r.Text(root, "title", "");
  p.source = r.Text(root, "source", "", false);
  p.derived = root["derived"] && root["derived"].as<std::string>() == "true";
  p.situation = r.Text(root, "situation", "");
  if (root["max_duration"]) p.max_duration = r.Duration(root, "max_duration", "");
  r.List(root, "risks", "", [&](const YAML::Node& n, const std::string& w) {
    r.OnlyKeys(n, w, {"risk", "impact", "source"});
    p.risks.push_back({r.Text(n, "risk", w), r.Text(n, "impact", w), r.Text(n, "source", w, false),
                       Reader::Line(n)});
  });
  r.List(root, "roles", "", [&](const YAML::Node& n, const std::string& w) {
    r.OnlyKeys(n, w, {"id", "label", "tasks", "source"});
    p.roles.push_back({r.Text(n, "id", w), r.Text(n, "label", w), r.Text(n, "tasks", w, false),
                       r.Text(n, "source", w, false), Reader::Line(n)});
  });
  r.List(root, "phases", "", [&](const YAML::Node& n, const std::string& w) {
    r.OnlyKeys(n, w, {"id", "title", "starts", "ends", "source", "steps"});
    PlaybookPhase phase;
    phase.id = r.Text(n, "id", w);
    phase.title = r.Text(n, "title", w);
    phase.starts = r.Duration(n, "starts", w);
    if (n["ends"]) phase.ends = r.Duration(n, "ends", w);
    phase.source = r.Text(n, "source", w, false);
    phase.line = Reader::Line(n);
    r.List(n, "steps", w, [&](const YAML::Node& s, const std::string& sw) {
      r.OnlyKeys(s, sw, {"id", "text", "owner", "deadline", "legal", "repeat", "source"});
      PlaybookStep step;
      step.id = r.Text(s, "id", sw);
      step.text = r.Text(s, "text", sw);
      step.owner = r.Text(s, "owner", sw);
      step.deadline = r.Duration(s, "deadline", sw);
      step.legal = s["legal"] && s["legal"].as<std::string>() == "true";
      if (s["repeat"]) step.repeat = r.Duration(s, "repeat", sw);
      step.source = r.Text(s, "source", sw, false);
      step.line = Reader::Line(s);
      phase.steps.push_back(std::move(step));
    });
    p.phases.push_back(std::move(phase));
  });
  r.List(root, "contacts", "", [&](const YAML::Node& n, const std::string& w) {
    r.OnlyKeys(n, w, {"kind", "purpose", "source"});
    p.contacts.push_back({r.Text(n, "kind", w), r.Text(n, "purpose", w),
                          r.Text(n, "source", w, false), Reader::Line(n)});
  });
  r.List(root, "communication", "", [&](const YAML::Node& n, const std::string& w) {
    r.OnlyKeys(n, w, {"audience", "content", "channel", "responsible", "source"});
    p.communication.push_back({r.Text(n, "audience", w), r.Text(n, "content", w),
                               r.Text(n, "channel", w), r.Text(n, "responsible", w),
                               r.Text(n, "source", w, false), Reader::Line(n)});
  });
  p.resources = r.Texts(root, "resources");
  p.prevention = r.Texts(root, "prevention");
  p.evaluation = r.Texts(root, "evaluation");
  p.conditions = r.Texts(root, "conditions");
  p.conditions = r.Texts(root, "conditions");

  Errors errors = r.Take();
  for (auto& e : ValidatePlaybook(p)) errors.push_back(std::move(e));
  if (!errors.empty()) return Error::Combined(std::move(errors));
  return p;
}

}  // namespace vangnet
