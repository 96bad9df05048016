// Playbooks as data: every shipped playbook loads with a source on every item, and a broken
// file is refused whole, naming file, line and field.
#include "io/playbook_yaml.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "core/escalation.hpp"
#include "services/playbook/playbook_catalog.hpp"
#include "test_support/temp_dir.hpp"

namespace vangnet {
namespace {

// A small valid playbook; tests break one thing at a time.
const std::string kValid = R"(id: test-scenario
version: 1
title: Testscenario
source: 000_5a37fb5747e2df6f.txt §6 Scenario 1
situation: Een situatie.
roles:
  - id: holder
    label: Praktijkhouder
    source: 000_5a37fb5747e2df6f.txt §6 Scenario 1
phases:
  - id: first
    title: Eerste fase
    starts: 0m
    ends: 2h
    source: 000_5a37fb5747e2df6f.txt §6 Scenario 1, Fase 1
    steps:
      - id: report
        text: Meld het bij de RHO.
        owner: holder
        deadline: 30m
        source: 000_5a37fb5747e2df6f.txt §6 Scenario 1, Fase 1
)";

Error Refused(const std::string& yaml) {
  auto result = ParsePlaybookYaml(yaml, "test.yaml");
  EXPECT_FALSE(result) << "a broken playbook was accepted";
  return result ? Error() : result.error();
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

TEST(PlaybookYaml, AValidPlaybookLoads) {
  auto p = ParsePlaybookYaml(kValid, "test.yaml");
  ASSERT_TRUE(p) << p.error().ToString();
  EXPECT_EQ(p.value().StepCount(), 1u);
  EXPECT_EQ(p.value().phases[0].steps[0].deadline, std::chrono::minutes(30));
  EXPECT_EQ(p.value().phases[0].ends, std::chrono::hours(2));
}

TEST(PlaybookYaml, AStepWithoutSourceIsRefusedAtItsLine) {
  auto e = Refused(
      Replace(kValid, "        source: 000_5a37fb5747e2df6f.txt §6 Scenario 1, Fase 1\n", ""));
  EXPECT_EQ(e.file, "test.yaml");
  EXPECT_EQ(e.row, 17u);  // the line where the step starts
  EXPECT_EQ(e.field, "phases[0].steps[0].source");
}

TEST(PlaybookYaml, AnOwnerMustBeADeclaredRole) {
  auto e = Refused(Replace(kValid, "owner: holder", "owner: chair"));
  EXPECT_EQ(e.field, "phases[0].steps[0].owner");
  EXPECT_NE(e.message.find("'chair' is geen rol"), std::string::npos);
}

TEST(PlaybookYaml, ADeadlineOutsideItsPhaseIsRefused) {
  auto e = Refused(Replace(kValid, "deadline: 30m", "deadline: 3h"));
  EXPECT_EQ(e.field, "phases[0].steps[0].deadline");
  EXPECT_NE(e.message.find("valt buiten de fase"), std::string::npos);
}

TEST(PlaybookYaml, ALegalDeadlineMayRunPastItsPhase) {
  auto p = ParsePlaybookYaml(Replace(kValid, "deadline: 30m", "deadline: 72h\n        legal: true"),
                             "test.yaml");
  EXPECT_TRUE(p) << p.error().ToString();
}

TEST(PlaybookYaml, AMalformedDurationSaysHowToWriteIt) {
  auto e = Refused(Replace(kValid, "deadline: 30m", "deadline: half uur"));
  EXPECT_EQ(e.field, "phases[0].steps[0].deadline");
  EXPECT_NE(e.message.find("30m, 2h, 3d of 2w"), std::string::npos);
}

TEST(PlaybookYaml, AMisspeltKeyIsRefusedNotIgnored) {
  auto e = Refused(Replace(kValid, "    text: Meld", "    tekst: Meld"));
  EXPECT_EQ(e.field, "phases[0].steps[0].tekst");
  EXPECT_EQ(e.row, 18u);
}

TEST(PlaybookYaml, InvalidYamlNamesTheLine) {
  auto e = Refused(Replace(kValid, "title: Eerste fase", "title: Eerste: fase: ["));
  EXPECT_EQ(e.file, "test.yaml");
  EXPECT_GT(e.row, 0u);
  EXPECT_NE(e.message.find("geen geldige YAML"), std::string::npos);
}

TEST(PlaybookYaml, DuplicateStepIdsAreRefused) {
  std::string twice = kValid + R"(      - id: report
        text: Nog eens.
        owner: holder
        deadline: 1h
        source: 000_5a37fb5747e2df6f.txt §6 Scenario 1, Fase 1
)";
  auto e = Refused(twice);
  EXPECT_EQ(e.field, "phases[0].steps[1].id");
}

TEST(PlaybookYaml, DurationsReadAndWriteBack) {
  EXPECT_EQ(ParseDuration("90m"), std::chrono::minutes(90));
  EXPECT_EQ(ParseDuration("3d"), std::chrono::days(3));
  EXPECT_EQ(ParseDuration("2w"), std::chrono::weeks(2));
  EXPECT_FALSE(ParseDuration("2 uur"));
  EXPECT_FALSE(ParseDuration("-1h"));
  EXPECT_EQ(FormatDuration(std::chrono::hours(72)), "3d");
  EXPECT_EQ(FormatDuration(std::chrono::minutes(150)), "150m");
}

TEST(PlaybookCatalog, EveryShippedPlaybookLoadsWithSourcesEverywhere) {
  auto catalog = PlaybookCatalog::Load();
  ASSERT_TRUE(catalog) << catalog.error().ToString();
  ASSERT_GE(catalog.value().All().size(), 2u);
  for (const auto& p : catalog.value().All()) {
    EXPECT_FALSE(p.source.empty()) << p.id;
    EXPECT_GE(p.StepCount(), 5u) << p.id;  // every phase of the source has its steps
    for (const auto& phase : p.phases) {
      for (const auto& step : phase.steps) {
        EXPECT_TRUE(step.source.starts_with("000_") || step.source.starts_with("001_") ||
                    step.source.starts_with("002_") || step.source.starts_with("003_") ||
                    step.source.starts_with("004_"))
            << p.id << "/" << step.id << ": " << step.source;
      }
    }
  }
  // seed 000 §6 Scenario 6: once the outage has lasted more than four hours the cold chain moves
  // out - not before, so the step falls due after the fourth hour, and when exactly is marked as
  // the region's choice (issue 22).
  const Playbook* power = catalog.value().Find("power-outage");
  ASSERT_NE(power, nullptr);
  bool cold_chain = false;
  for (const auto& phase : power->phases) {
    for (const auto& step : phase.steps) {
      cold_chain |= step.id == "cold-chain-move" && step.deadline > std::chrono::hours(4) &&
                    !step.derived.empty() &&
                    step.text.find("langer dan vier uur") != std::string::npos;
    }
  }
  EXPECT_TRUE(cold_chain);
  // seed 000 §6 Scenario 7 (and DOMAIN.md): a data breach goes to the AP within 72 hours.
  const Playbook* cyber = catalog.value().Find("cyber-attack");
  ASSERT_NE(cyber, nullptr);
  bool ap_report = false;
  for (const auto& phase : cyber->phases) {
    for (const auto& step : phase.steps) {
      ap_report |= step.legal && step.deadline == std::chrono::hours(72);
    }
  }
  EXPECT_TRUE(ap_report);
  // seed 000 §5: the takeover's nine conditions, a weekly update and a monthly report.
  const Playbook* takeover = catalog.value().Find("temporary-takeover");
  ASSERT_NE(takeover, nullptr);
  EXPECT_EQ(takeover->conditions.size(), 9u);
  std::vector<std::chrono::minutes> repeats;
  for (const auto& phase : takeover->phases) {
    for (const auto& step : phase.steps) {
      if (step.repeat) repeats.push_back(*step.repeat);
    }
  }
  EXPECT_EQ(repeats,
            (std::vector<std::chrono::minutes>{std::chrono::weeks(1), std::chrono::weeks(4)}));
}

TEST(PlaybookCatalog, ShipsEveryScenarioTheSourcesHold) {
  auto catalog = PlaybookCatalog::Load();
  ASSERT_TRUE(catalog);
  std::vector<std::string> ids;
  for (const auto& p : catalog.value().All()) ids.push_back(p.id);
  EXPECT_EQ(ids, (std::vector<std::string>{
                     "acute-shortage",          // seed 001
                     "cyber-attack",            // seed 000 §6 scenario 7
                     "financial-trouble",       // 4
                     "gp-temporarily-out",      // 3
                     "holder-permanently-out",  // 2
                     "infectious-outbreak",     // seed 002 §3.2, §4.2, §4.4
                     "legal-trouble",           // 5
                     "power-outage",            // 6
                     "practice-unusable",       // 1
                     "regional-crisis",         // seed 002
                     "support-staff-out",       // named in seed 000, not written out
                     "temporary-takeover",      // seed 000 §5
                 }));
  // Only the scenario the sources do not write out is marked as derived.
  for (const auto& p : catalog.value().All())
    EXPECT_EQ(p.derived, p.id == "support-staff-out") << p.id;
}

TEST(PlaybookCatalog, ARegionsPlaybookReplacesTheShippedOneAndABrokenOneRefusesAll) {
  TempDir dir;
  std::string mine = Replace(kValid, "id: test-scenario", "id: power-outage");
  mine = Replace(mine, "title: Testscenario", "title: Stroomuitval (regio)");
  std::ofstream(dir.Path("power.yaml")) << mine;
  auto catalog = PlaybookCatalog::Load(dir.Path());
  ASSERT_TRUE(catalog) << catalog.error().ToString();
  EXPECT_EQ(catalog.value().Find("power-outage")->title, "Stroomuitval (regio)");
  EXPECT_NE(catalog.value().Find("practice-unusable"), nullptr);

  std::ofstream(dir.Path("kapot.yaml")) << Replace(kValid, "owner: holder", "owner: niemand");
  auto broken = PlaybookCatalog::Load(dir.Path());
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().file.find("kapot.yaml"), std::string::npos);
}

}  // namespace
}  // namespace vangnet

namespace vangnet {
namespace {

// Seed 002 treats an infectious-disease outbreak apart from a disaster: its own playbook, whose
// steps all cite seed 002, and the only incidents whose stage tables come straight from it.
TEST(PlaybookCatalog, AnOutbreakHasItsOwnPlaybookAndStageTables) {
  auto catalog = PlaybookCatalog::Load();
  ASSERT_TRUE(catalog);
  const Playbook* outbreak = catalog.value().Find("infectious-outbreak");
  ASSERT_NE(outbreak, nullptr);
  EXPECT_TRUE(StagesFromSource(outbreak->id));
  EXPECT_FALSE(StagesFromSource("regional-crisis"));
  std::set<std::string> steps;
  for (const auto& phase : outbreak->phases) {
    for (const auto& step : phase.steps) {
      steps.insert(step.id);
      EXPECT_EQ(step.source.rfind("002_b828ddde7ad66e33.txt §", 0), 0u) << step.id;
    }
  }
  for (const char* id :
       {"inform-ghor-stage-3", "limit-intake", "protective-equipment", "step-down"})
    EXPECT_TRUE(steps.count(id)) << id;
  // The disaster playbook no longer carries the outbreak's alarm step.
  for (const auto& phase : catalog.value().Find("regional-crisis")->phases) {
    for (const auto& step : phase.steps) EXPECT_NE(step.id, "inform-ghor-stage-3");
  }
}

}  // namespace
}  // namespace vangnet
