#include "io/norms_yaml.hpp"

#include "core/embedded_file.hpp"
#include "core/text.hpp"
#include "io/text_file.hpp"
#include "io/yaml_reader.hpp"

namespace vangnet {

std::span<const EmbeddedFile> DefaultNorms();  // generated, see CMakeLists.txt

namespace {

std::optional<double> Number(yaml::Reader& r, const YAML::Node& map, const char* key,
                             const std::string& where) {
  if (!yaml::Reader::Child(map, key)) return std::nullopt;
  std::string text = r.Text(map, key, where);
  auto value = ParseDecimal(text);
  if (!value) {
    r.Fail(yaml::Reader::Child(map, key), where.empty() ? key : where + "." + key,
           "'" + text + "' is geen getal");
  }
  return value;
}

}  // namespace

Result<SignalNorms> ParseNormsYaml(std::string_view content, const std::string& file) {
  auto loaded = yaml::Load(content, file);
  if (!loaded) return loaded.error();
  const YAML::Node root = loaded.value();
  yaml::Reader r(file);
  SignalNorms norms;
  norms.file = file;
  r.OnlyKeys(root, "", {"version", "settings", "signals"});
  if (!root.IsMap()) return Error::Combined(r.Take());
  norms.version = static_cast<int>(ParseInteger(r.Text(root, "version", "")).value_or(0));
  if (const YAML::Node settings = yaml::Reader::Child(root, "settings")) {
    r.OnlyKeys(settings, "settings",
               {"norm_patients_per_fte", "norm_source", "default_stop_age", "conversation_age"});
    auto& s = norms.settings;
    s.norm_patients_per_fte =
        Number(r, settings, "norm_patients_per_fte", "settings").value_or(s.norm_patients_per_fte);
    s.norm_source = r.Text(settings, "norm_source", "settings", false);
    s.default_stop_age = static_cast<int>(
        Number(r, settings, "default_stop_age", "settings").value_or(s.default_stop_age));
    s.conversation_age = static_cast<int>(
        Number(r, settings, "conversation_age", "settings").value_or(s.conversation_age));
  }
  r.List(root, "signals", "", [&](const YAML::Node& n, const std::string& w) {
    r.OnlyKeys(n, w, {"id", "label", "explanation", "threshold", "severity", "source"});
    SignalRule rule;
    rule.line = yaml::Reader::Line(n);
    rule.id = r.Text(n, "id", w);
    rule.label = r.Text(n, "label", w);
    rule.explanation = r.Text(n, "explanation", w);
    rule.threshold = Number(r, n, "threshold", w);
    const std::string severity = r.Text(n, "severity", w);
    if (auto parsed = ParseEnum(SEVERITIES, severity)) {
      rule.severity = *parsed;
    } else if (!severity.empty()) {
      r.Fail(yaml::Reader::Child(n, "severity"), w + ".severity", "kies high, medium of low");
    }
    rule.source = r.Text(n, "source", w);
    norms.rules.push_back(std::move(rule));
  });
  Errors errors = r.Take();
  for (auto& e : ValidateNorms(norms)) errors.push_back(std::move(e));
  if (!errors.empty()) return Error::Combined(std::move(errors));
  return norms;
}

Result<SignalNorms> LoadNorms(const std::string& path) {
  return LoadShippedOrOwn(DefaultNorms(), path, ParseNormsYaml);
}

}  // namespace vangnet
