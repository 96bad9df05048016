#include "io/playbook_yaml.hpp"

#include <set>

#include "core/text.hpp"
#include "io/yaml_reader.hpp"

namespace vangnet {

using yaml::Reader;

Result<Playbook> ParsePlaybookYaml(std::string_view content, const std::string& file) {
  auto loaded = yaml::Load(content, file);
  if (!loaded) return loaded.error();
  const YAML::Node root = loaded.value();
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
  p.derived = r.Text(root, "derived", "", false) == "true";
  p.situation = r.Text(root, "situation", "");
  if (Reader::Child(root, "max_duration")) p.max_duration = r.Duration(root, "max_duration", "");
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
    if (Reader::Child(n, "ends")) phase.ends = r.Duration(n, "ends", w);
    phase.source = r.Text(n, "source", w, false);
    phase.line = Reader::Line(n);
    r.List(n, "steps", w, [&](const YAML::Node& s, const std::string& sw) {
      r.OnlyKeys(s, sw,
                 {"id", "text", "owner", "deadline", "legal", "repeat", "source", "derived"});
      PlaybookStep step;
      step.id = r.Text(s, "id", sw);
      step.text = r.Text(s, "text", sw);
      step.owner = r.Text(s, "owner", sw);
      step.deadline = r.Duration(s, "deadline", sw);
      step.legal = r.Text(s, "legal", sw, false) == "true";
      if (Reader::Child(s, "repeat")) step.repeat = r.Duration(s, "repeat", sw);
      step.source = r.Text(s, "source", sw, false);
      step.derived = r.Text(s, "derived", sw, false);
      if (step.derived == "true") {
        r.Fail(s, sw + ".derived", "zeg waarom deze stap is afgeleid, in plaats van 'true'");
      }
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
