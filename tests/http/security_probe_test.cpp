// What a probe of the running server as an attacker found (issue 17), one regression test per
// finding, named after it: each failed before its fix.
#include <gtest/gtest.h>

#include <string>

#include "test_support/api_fixture.hpp"

namespace vangnet {
namespace {

class SecurityProbeTest : public ApiFixture {
 protected:
  httplib::Result Delete(const Session& s, const std::string& path, const std::string& if_match) {
    return Client().Delete(
        path, {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}, {"If-Match", if_match}});
  }
  // A person who works at another practice than the practice user's (01051037), and only there.
  std::string StrangerCode(const Session& coordinator) {
    auto affiliations =
        json::parse(Get(coordinator, "/api/v1/affiliations?limit=1000")->body)["items"];
    std::set<std::string> own, other;
    for (const auto& a : affiliations) {
      (a["practice_agb"] == "01051037" ? own : other).insert(a["person_code"].get<std::string>());
    }
    for (const auto& code : other) {
      if (!own.count(code)) return code;
    }
    ADD_FAILURE() << "the demo region has no person outside practice 01051037";
    return {};
  }
};

// Finding 1: linking another practice's GP to one's own practice made their record readable.
TEST_F(SecurityProbeTest, PracticeUserCannotLinkAnotherPracticesPersonToReadThem) {
  auto user = Login("praktijk");
  std::string stranger = StrangerCode(Login("coordinator"));
  auto link = Post(user, "/api/v1/affiliations",
                   {{"person_code", stranger}, {"practice_agb", "01051037"}, {"role", "locum"}});
  EXPECT_EQ(link->status, 403) << link->body;
  auto people = json::parse(Get(user, "/api/v1/people?code=" + stranger)->body);
  EXPECT_EQ(people["total"], 0);

  // A new person of their own may be added and then linked.
  auto created = Post(user, "/api/v1/people",
                      {{"code", "HA-PRAKTIJKNIEUW"}, {"name", "Nieuwe waarnemer (demo)"}});
  ASSERT_EQ(created->status, 201) << created->body;
  auto own =
      Post(user, "/api/v1/affiliations",
           {{"person_code", "HA-PRAKTIJKNIEUW"}, {"practice_agb", "01051037"}, {"role", "locum"}});
  EXPECT_EQ(own->status, 201) << own->body;
  EXPECT_EQ(json::parse(Get(user, "/api/v1/people?code=HA-PRAKTIJKNIEUW")->body)["total"], 1);

  // Someone another user added, and who works nowhere yet, is not theirs to link either.
  auto coordinator = Login("coordinator");
  ASSERT_EQ(
      Post(coordinator, "/api/v1/people", {{"code", "HA-POOL"}, {"name", "Pool (demo)"}})->status,
      201);
  EXPECT_EQ(Post(user, "/api/v1/affiliations",
                 {{"person_code", "HA-POOL"}, {"practice_agb", "01051037"}, {"role", "locum"}})
                ->status,
            403);
  // Nor may they change a person who is not on their staff.
  auto stranger_record =
      json::parse(Get(coordinator, "/api/v1/people?code=" + stranger)->body)["items"][0];
  auto change = Put(user, "/api/v1/people/" + std::to_string(stranger_record["id"].get<int>()),
                    {{"phone", "+31600000000"}},
                    "\"" + std::to_string(stranger_record["version"].get<int>()) + "\"");
  EXPECT_EQ(change->status, 403);
}

}  // namespace
}  // namespace vangnet
