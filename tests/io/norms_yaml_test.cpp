// The shipped norms load; a broken norms file is refused with file, line and field.
#include "io/norms_yaml.hpp"

#include <gtest/gtest.h>

#include "io/playbook_yaml.hpp"
#include "io/preparedness_yaml.hpp"
#include "io/stress_areas_yaml.hpp"

namespace vangnet {
namespace {

TEST(NormsYaml, TheShippedNormsLoadWithEverySignalAndItsSource) {
  auto norms = LoadNorms();
  ASSERT_TRUE(norms) << norms.error().ToString();
  EXPECT_EQ(norms.value().rules.size(), KnownSignalIds().size());
  EXPECT_EQ(norms.value().settings.norm_patients_per_fte, 2095);
  EXPECT_EQ(norms.value().settings.conversation_age, 60);
  for (const auto& rule : norms.value().rules) {
    EXPECT_FALSE(rule.source.empty()) << rule.id;
    EXPECT_FALSE(rule.explanation.empty()) << rule.id;
  }
  EXPECT_EQ(norms.value().Find("patients_per_fte")->threshold, 4000);
}

TEST(NormsYaml, ABrokenFileIsRefusedWithLineAndField) {
  auto norms = ParseNormsYaml(
      "version: 1\n"
      "signals:\n"
      "  - id: owner_not_gp\n"
      "    label: x\n"
      "    explanation: y\n"
      "    severity: enorm\n"
      "    source: s\n"
      "  - id: patients_per_fte\n"
      "    label: x\n"
      "    explanation: y\n"
      "    threshold: veel\n"
      "    severity: high\n"
      "    source: s\n",
      "eigen.yaml");
  ASSERT_FALSE(norms);
  const Error& e = norms.error();
  EXPECT_EQ(e.file, "eigen.yaml");
  EXPECT_EQ(e.row, 6u);
  EXPECT_EQ(e.field, "signals[0].severity");
  ASSERT_GE(e.more.size(), 2u);
  EXPECT_EQ(e.more[0].field, "signals[1].threshold");
  EXPECT_EQ(e.more[0].row, 11u);
}

// Found by fuzzing (issue 17, bench/fuzz): a scalar or list where a map belongs made yaml-cpp
// throw out of the reader. Every YAML file a region supplies is now refused with an error.
TEST(RegionYaml, AScalarOrListWhereAMapBelongsIsAnErrorNotACrash) {
  for (const char* text : {"rules: [5]\n", "rules:\n  - x\n", "settings: 3\n", "rules:\n  - [a]\n",
                           "? [a]\n: b\n", "areas: [1, 2]\n", "rules:\n  - id: [x]\n"}) {
    EXPECT_NO_THROW({
      EXPECT_FALSE(ParseNormsYaml(text, "normen.yaml")) << text;
      EXPECT_FALSE(ParsePreparednessYaml(text, "paraatheid.yaml")) << text;
      EXPECT_FALSE(ParseStressAreasYaml(text, "gebieden.yaml")) << text;
      EXPECT_FALSE(ParsePlaybookYaml(text, "draaiboek.yaml")) << text;
    }) << text;
  }
}

}  // namespace
}  // namespace vangnet
