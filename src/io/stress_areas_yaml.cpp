#include "io/stress_areas_yaml.hpp"

#include <algorithm>
#include <set>

#include "core/embedded_file.hpp"
#include "core/text.hpp"
#include "io/postcode_table.hpp"
#include "io/text_file.hpp"
#include "io/yaml_reader.hpp"

namespace vangnet {

std::span<const EmbeddedFile> DefaultStressAreas();  // generated, see CMakeLists.txt

const StressArea* StressAreas::Find(std::string_view id) const {
  for (const auto& a : areas) {
    if (a.id == id) return &a;
  }
  return nullptr;
}

Result<StressAreas> ParseStressAreasYaml(std::string_view content, const std::string& file) {
  auto loaded = yaml::Load(content, file);
  if (!loaded) return loaded.error();
  const YAML::Node root = loaded.value();
  yaml::Reader r(file);
  StressAreas out;
  out.file = file;
  r.OnlyKeys(root, "", {"version", "areas"});
  if (!root.IsMap()) return Error::Combined(r.Take());
  out.version = static_cast<int>(ParseInteger(r.Text(root, "version", "")).value_or(0));
  std::set<std::string> ids;
  const auto& table = PostcodeTable::Embedded();
  r.List(root, "areas", "", [&](const YAML::Node& n, const std::string& w) {
    r.OnlyKeys(n, w, {"id", "name", "kind", "source", "postcodes"});
    StressArea area;
    area.line = yaml::Reader::Line(n);
    area.id = r.Text(n, "id", w);
    area.name = r.Text(n, "name", w);
    area.kind = r.Text(n, "kind", w);
    area.source = r.Text(n, "source", w);
    if (!area.id.empty()) {
      bool plain = std::all_of(area.id.begin(), area.id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      });
      if (!plain)
        r.Fail(yaml::Reader::Child(n, "id"), w + ".id", "alleen kleine letters, cijfers en '-'");
      if (!ids.insert(area.id).second)
        r.Fail(yaml::Reader::Child(n, "id"), w + ".id", "id '" + area.id + "' komt twee keer voor");
    }
    if (!area.kind.empty() && std::find(std::begin(kStressAreaKinds), std::end(kStressAreaKinds),
                                        area.kind) == std::end(kStressAreaKinds)) {
      r.Fail(yaml::Reader::Child(n, "kind"), w + ".kind", "kies flood_zone, power_cut of other");
    }
    r.List(n, "postcodes", w, [&](const YAML::Node& pc, const std::string& pw) {
      std::string code = pc.IsScalar() ? pc.as<std::string>() : "";
      if (code.size() != 4 || !IsAllDigits(code)) {
        r.Fail(pc, pw, "'" + code + "' is geen postcode van vier cijfers");
      } else if (!table.Find(code)) {
        r.Fail(pc, pw, "postcode " + code + " staat niet in de postcodetabel");
      } else {
        area.postcodes.push_back(code);
      }
    });
    if (!yaml::Reader::Child(n, "postcodes") || yaml::Reader::Child(n, "postcodes").size() == 0) {
      r.Fail(n, w + ".postcodes", "een gebied heeft minstens één postcode");
    }
    out.areas.push_back(std::move(area));
  });
  Errors errors = r.Take();
  if (!errors.empty()) return Error::Combined(std::move(errors));
  return out;
}

Result<StressAreas> LoadStressAreas(const std::string& path) {
  return LoadShippedOrOwn(DefaultStressAreas(), path, ParseStressAreasYaml);
}

}  // namespace vangnet
