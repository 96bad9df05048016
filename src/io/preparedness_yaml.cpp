#include "io/preparedness_yaml.hpp"

#include <set>

#include "core/embedded_file.hpp"
#include "core/text.hpp"
#include "io/text_file.hpp"
#include "io/yaml_reader.hpp"

namespace vangnet {

std::span<const EmbeddedFile> DefaultPreparedness();  // generated, see CMakeLists.txt

Result<PreparednessRules> ParsePreparednessYaml(std::string_view content, const std::string& file) {
  auto loaded = yaml::Load(content, file);
  if (!loaded) return loaded.error();
  const YAML::Node root = loaded.value();
  yaml::Reader r(file);
  PreparednessRules out;
  out.file = file;
  r.OnlyKeys(root, "", {"version", "rules"});
  if (!root.IsMap()) return Error::Combined(r.Take());
  out.version = static_cast<int>(ParseInteger(r.Text(root, "version", "")).value_or(0));
  std::set<std::string> ids;
  r.List(root, "rules", "", [&](const YAML::Node& n, const std::string& w) {
    r.OnlyKeys(n, w,
               {"id", "label", "explanation", "scope", "every_months", "owner", "applies_to",
                "source", "exercise_playbook"});
    PreparednessRule rule;
    rule.line = yaml::Reader::Line(n);
    rule.id = r.Text(n, "id", w);
    if (!rule.id.empty() && !ids.insert(rule.id).second)
      r.Fail(yaml::Reader::Child(n, "id"), w + ".id", "id '" + rule.id + "' komt twee keer voor");
    rule.label = r.Text(n, "label", w);
    rule.explanation = r.Text(n, "explanation", w);
    const std::string scope = r.Text(n, "scope", w);
    if (auto parsed = ParseEnum(PREPAREDNESS_SCOPES, scope)) {
      rule.scope = *parsed;
    } else if (!scope.empty()) {
      r.Fail(yaml::Reader::Child(n, "scope"), w + ".scope", "kies regional of practice");
    }
    rule.applies_to = r.Text(n, "applies_to", w, false);
    if (!rule.applies_to.empty() && rule.applies_to != "holder_60_plus" &&
        rule.applies_to != "succession_trajectory") {
      r.Fail(yaml::Reader::Child(n, "applies_to"), w + ".applies_to",
             "alleen holder_60_plus of succession_trajectory, of weglaten");
    }
    // A trajectory's step is due on the date kept in the trajectory, not at an interval.
    const bool own_dates = rule.applies_to == "succession_trajectory";
    const std::string every = r.Text(n, "every_months", w, !own_dates);
    auto months = ParseInteger(every);
    if (!every.empty() && (!months || *months < 1 || *months > 120)) {
      r.Fail(yaml::Reader::Child(n, "every_months"), w + ".every_months",
             "een aantal maanden van 1 tot 120");
    }
    rule.every_months = static_cast<int>(months.value_or(12));
    rule.owner = r.Text(n, "owner", w);
    rule.source = r.Text(n, "source", w);
    rule.exercise_playbook = r.Text(n, "exercise_playbook", w, false);
    out.rules.push_back(std::move(rule));
  });
  Errors errors = r.Take();
  if (!errors.empty()) return Error::Combined(std::move(errors));
  return out;
}

Result<PreparednessRules> LoadPreparednessRules(const std::string& path) {
  return LoadShippedOrOwn(DefaultPreparedness(), path, ParsePreparednessYaml);
}

}  // namespace vangnet
