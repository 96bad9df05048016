// JSON from outside is measured before it is parsed: no reader of a Bundle, a patient list or a
// planner instance gets a document deeper than kMaxJsonDepth to walk.
#include <gtest/gtest.h>

#include <string>

#include "io/fhir_directory.hpp"
#include "io/json_input.hpp"
#include "io/patient_list_csv.hpp"
#include "io/plan_json.hpp"
#include "io/playbook_yaml.hpp"

namespace vangnet {
namespace {

std::string Deep(int depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

TEST(JsonInput, NestingIsMeasuredOutsideStringsOnly) {
  EXPECT_EQ(JsonNestingDepth("{}"), 1);
  EXPECT_EQ(JsonNestingDepth(R"({"a":[{"b":[]}]})"), 4);
  // Brackets and escaped quotes inside strings do not count.
  EXPECT_EQ(JsonNestingDepth(R"({"a":"[[[[\"[[[["})"), 1);
  EXPECT_EQ(JsonNestingDepth(R"(["\\", [1]])"), 2);
  // The scan stops one past the limit, so a 100,000-deep document costs no more than that.
  EXPECT_EQ(JsonNestingDepth(Deep(100000)), kMaxJsonDepth + 1);
}

TEST(JsonInput, TooDeepIsRefusedInWordsNamingTheFileAndTheLimit) {
  auto parsed = ParseJsonInput(Deep(kMaxJsonDepth + 1), "bundel.json");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().file, "bundel.json");
  EXPECT_NE(parsed.error().message.find("te diep genest"), std::string::npos);
  EXPECT_NE(parsed.error().message.find(std::to_string(kMaxJsonDepth)), std::string::npos);
  EXPECT_TRUE(ParseJsonInput(Deep(kMaxJsonDepth), "bundel.json"));
  EXPECT_FALSE(ParseJsonInput("{", "x.json"));
  EXPECT_TRUE(ParseJsonOrDiscarded(Deep(kMaxJsonDepth + 1)).is_discarded());
}

TEST(JsonInput, EveryFileReaderRefusesABomb) {
  const std::string extension =
      R"({"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Organization","extension":)" +
      Deep(100000) + "}}]}";
  auto directory = fhir::ReadDirectoryBundle(extension, "regio.json");
  ASSERT_FALSE(directory);
  EXPECT_NE(directory.error().message.find("te diep genest"), std::string::npos);
  auto patients = ParsePatientBundle(
      R"({"resourceType":"Bundle","entry":)" + Deep(50000) + "}", "patienten.json", 2026);
  ASSERT_FALSE(patients);
  EXPECT_NE(patients.error().message.find("te diep genest"), std::string::npos);
  auto instance = ParsePlanInstance(R"({"parameters":)" + Deep(50000) + "}", "instantie.json");
  ASSERT_FALSE(instance);
  EXPECT_NE(instance.error().message.find("te diep genest"), std::string::npos);
}

// An element of another kind than its reader expects (a list where an object belongs) is
// refused naming the file, or passed over where the reader does not need it, but never an
// exception out of the reader: a command-line import would end on it. The first case is what a
// fuzzer found: "meta" as a list.
TEST(JsonInput, EveryFileReaderRefusesAnElementOfTheWrongKind) {
  const std::string organization =
      R"({"resourceType":"Bundle","type":"collection","entry":[{"fullUrl":"urn:x",)"
      R"("resource":{"resourceType":"Organization","meta":%}}]})";
  const auto with = [](std::string text, const std::string& value) {
    return text.replace(text.find('%'), 1, value);
  };
  for (const std::string value : {R"(["x"])", R"("x")", "1", "null", R"({"profile":"x"})"}) {
    Result<fhir::DirectoryRows> directory = Error::Internal("not read");
    EXPECT_NO_THROW(directory = fhir::ReadDirectoryBundle(with(organization, value), "regio.json"))
        << value;
    if (!directory) {
      EXPECT_EQ(directory.error().file, "regio.json") << value;
    }
  }
  for (const std::string text :
       {R"({"resourceType":"Bundle","entry":["x"]})", R"({"resourceType":"Bundle","entry":[[]]})",
        R"({"resourceType":"Bundle","entry":[{"resource":[]}]})",
        R"({"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient","name":"x"}}]})",
        R"({"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Patient","address":[1]}}]})"}) {
    Result<std::vector<RedistributionPatient>> patients = Error::Internal("not read");
    EXPECT_NO_THROW(patients = ParsePatientBundle(text, "patienten.json", 2026)) << text;
    if (!patients) {
      EXPECT_EQ(patients.error().file, "patienten.json") << text;
    }
  }
  for (const std::string text : {R"({"parameters":[]})", R"({"practices":{}})",
                                 R"({"practices":[1]})"}) {
    Result<solver::PlanInput> instance = Error::Internal("not read");
    EXPECT_NO_THROW(instance = ParsePlanInstance(text, "instantie.json")) << text;
    if (!instance) {
      EXPECT_EQ(instance.error().file, "instantie.json") << text;
    }
  }
}

// A number far outside what a field can hold is refused with its field before it is converted
// (2e108 places once made the conversion to a whole number undefined; a fuzzer found it).
TEST(JsonInput, APlanInstanceRefusesNumbersBeyondTheirFieldsRange) {
  const std::string text =
      R"({"parameters":{"max_distance_km":15},"households":[{"id":"h","postcode":"6211",)"
      R"("latitude":50.85,"longitude":5.69,"patients":[{"birth_year":1e300}]}],)"
      R"("receivers":[{"id":"r","latitude":50.85,"longitude":5.7,"capacity":2e108}]})";
  auto instance = ParsePlanInstance(text, "instantie.json");
  ASSERT_FALSE(instance);
  std::string fields;
  for (const auto& e : instance.error().more) fields += e.field + " ";
  fields += instance.error().field;
  EXPECT_NE(fields.find("receivers[0].capacity"), std::string::npos) << fields;
  EXPECT_NE(fields.find("birth_year"), std::string::npos) << fields;
}

// The same for YAML: yaml-cpp recurses per level, so a file of brackets is measured first.
TEST(YamlInput, DeepNestingIsRefusedWithItsLine) {
  auto flow = ParsePlaybookYaml("id: x\nsteps: " + std::string(100000, '[') + "\n", "diep.yaml");
  ASSERT_FALSE(flow);
  EXPECT_EQ(flow.error().file, "diep.yaml");
  EXPECT_EQ(flow.error().row, 2u);
  EXPECT_NE(flow.error().message.find("te diep genest"), std::string::npos);
  auto block = ParsePlaybookYaml("id: x\n" + std::string(300, ' ') + "a: 1\n", "diep.yaml");
  ASSERT_FALSE(block);
  EXPECT_NE(block.error().message.find("ingesprongen"), std::string::npos);
  // Brackets in quotes and comments do not count.
  auto quoted = ParsePlaybookYaml("id: '" + std::string(100, '[') + "' # " +
                                      std::string(100, '{') + "\n",
                                  "vlak.yaml");
  if (!quoted) {
    EXPECT_EQ(quoted.error().message.find("te diep"), std::string::npos);
  }
}

}  // namespace
}  // namespace vangnet
