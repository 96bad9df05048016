// The JSON API as browsers and scripts use it, per role: who may read and change what, how
// errors look, and that two coordinators cannot overwrite each other's edits.
#include <gtest/gtest.h>
#include <httplib.h>
#include <sodium.h>

#include <atomic>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "io/csv.hpp"
#include "io/xlsx.hpp"
#include "services/registry/registry_workbook.hpp"
#include "test_support/api_fixture.hpp"

namespace vangnet {
namespace {

using nlohmann::json;

class ApiTest : public ApiFixture {};

TEST_F(ApiTest, WithoutASessionEverythingButHealthAndLoginIsRefused) {
  auto res = Client().Get("/api/v1/practices");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json; charset=utf-8");
  EXPECT_EQ(json::parse(res->body)["status"], 401);
  EXPECT_EQ(Client().Get("/api/v1/health")->status, 200);
}

TEST_F(ApiTest, AWrongPasswordIsRefusedAndRepeatedTriesAreThrottled) {
  UserAccount user;
  user.username = "doelwit";
  user.role = UserRole::kReadOnly;
  ASSERT_TRUE(accounts_->AddUser(kTestActor, user, kPassword));
  int last = 0;
  for (int i = 0; i <= AccountService::kMaxFailedLogins; ++i) {
    last = Client()
               .Post("/api/v1/session", json{{"username", "doelwit"}, {"password", "fout"}}.dump(),
                     "application/json")
               ->status;
    if (i == 0) {
      EXPECT_EQ(last, 401);
    }
  }
  EXPECT_EQ(last, 429);
}

TEST_F(ApiTest, EachRoleReadsWhatItMayAndNoMore) {
  // resource -> roles that may list it (practice users get a scoped list, still 200)
  const std::vector<std::pair<std::string, std::vector<std::string>>> allowed{
      {"practices", {"beheerder", "coordinator", "crisisteam", "praktijk", "verzekeraar", "lezer"}},
      {"organisations",
       {"beheerder", "coordinator", "crisisteam", "praktijk", "verzekeraar", "lezer"}},
      {"people", {"beheerder", "coordinator", "crisisteam", "praktijk", "lezer"}},
      {"affiliations", {"beheerder", "coordinator", "crisisteam", "praktijk", "lezer"}},
      {"contracts", {"beheerder", "coordinator", "crisisteam", "praktijk", "lezer"}},
      {"contacts", {"beheerder", "coordinator", "crisisteam", "praktijk", "lezer"}},
      {"crisis-roles", {"beheerder", "coordinator", "crisisteam", "praktijk", "lezer"}},
      {"calamity-cards", {"beheerder", "coordinator", "crisisteam", "praktijk", "lezer"}},
      {"gp-groups", {"beheerder", "coordinator", "crisisteam", "praktijk", "verzekeraar", "lezer"}},
      {"districts", {"beheerder", "coordinator", "crisisteam", "praktijk", "verzekeraar", "lezer"}},
  };
  std::map<std::string, Session> sessions;
  for (const char* who :
       {"beheerder", "coordinator", "crisisteam", "praktijk", "verzekeraar", "lezer"}) {
    sessions[who] = Login(who);
  }
  for (const auto& [resource, roles] : allowed) {
    for (const auto& [who, session] : sessions) {
      bool may = std::find(roles.begin(), roles.end(), who) != roles.end();
      auto res = Get(session, "/api/v1/" + resource);
      ASSERT_TRUE(res);
      EXPECT_EQ(res->status, may ? 200 : 403) << who << " on " << resource;
    }
  }
  for (const auto& [who, session] : sessions) {
    EXPECT_EQ(Get(session, "/api/v1/region/summary")->status, 200) << who;
    EXPECT_EQ(Get(session, "/api/v1/audit")->status, who == "beheerder" ? 200 : 403) << who;
  }
}

TEST_F(ApiTest, TheInsurerSeesPracticesButNeverAPerson) {
  auto insurer = Login("verzekeraar");
  auto people = Get(insurer, "/api/v1/people/1");
  EXPECT_EQ(people->status, 403);
  auto practices = json::parse(Get(insurer, "/api/v1/practices?limit=100")->body);
  ASSERT_EQ(practices["total"], 58);
  for (const auto& p : practices["items"]) {
    EXPECT_TRUE(p["medically_responsible_person_code"].is_null());
  }
  auto summary = json::parse(Get(insurer, "/api/v1/region/summary")->body);
  EXPECT_EQ(summary["registered_patients"], 210386);
}

TEST_F(ApiTest, APracticeUserEditsTheirOwnPracticeButNoOther) {
  auto user = Login("praktijk");
  auto [own_id, own_etag] = PracticeHandle(user, "01051037");
  auto own =
      Put(user, "/api/v1/practices/" + std::to_string(own_id), {{"patient_stop", true}}, own_etag);
  EXPECT_EQ(own->status, 200) << own->body;
  auto [other_id, other_etag] = PracticeHandle(user, "01051074");
  auto other = Put(user, "/api/v1/practices/" + std::to_string(other_id), {{"patient_stop", true}},
                   other_etag);
  EXPECT_EQ(other->status, 403);
  // They see only the people of their own practice.
  auto people = json::parse(Get(user, "/api/v1/people?limit=1000")->body);
  EXPECT_GT(people["total"], 0);
  EXPECT_LT(people["total"], 20);
  auto affiliations = json::parse(Get(user, "/api/v1/affiliations?limit=1000")->body);
  for (const auto& a : affiliations["items"]) EXPECT_EQ(a["practice_agb"], "01051037");
}

// A program (a directory pulling /fhir/r4, a script) sends the session token as a bearer token:
// it reads and writes with the same role, needs no CSRF token (no browser sends that header by
// itself), and a wrong or ended token gets nothing.
TEST_F(ApiTest, TheSessionTokenWorksAsABearerTokenForPrograms) {
  auto coordinator = Login("coordinator");
  const std::string token = coordinator.cookie.substr(coordinator.cookie.find('=') + 1);
  const httplib::Headers bearer{{"Authorization", "Bearer " + token}};
  auto list = Client().Get("/api/v1/practices?limit=1", bearer);
  EXPECT_EQ(list->status, 200) << list->body;
  auto directory = Client().Get("/fhir/r4/Practitioner?_count=1", bearer);
  EXPECT_EQ(directory->status, 200) << directory->body;
  EXPECT_NE(directory->get_header_value("Content-Type").find("application/fhir+json"),
            std::string::npos);
  auto [id, etag] = PracticeHandle(coordinator, "01051037");
  httplib::Headers write = bearer;
  write.emplace("If-Match", etag);
  auto changed = Client().Put("/api/v1/practices/" + std::to_string(id), write,
                              json{{"patient_stop", true}}.dump(), "application/json");
  EXPECT_EQ(changed->status, 200) << changed->body;
  // The cookie still needs its CSRF token.
  auto no_csrf = Client().Put(
      "/api/v1/practices/" + std::to_string(id),
      {{"Cookie", coordinator.cookie}, {"If-Match", changed->get_header_value("ETag")}},
      json{{"patient_stop", false}}.dump(), "application/json");
  EXPECT_EQ(no_csrf->status, 403);
  EXPECT_EQ(Client()
                .Get("/api/v1/practices", {{"Authorization", "Bearer " + std::string(64, 'a')}})
                ->status,
            401);
  EXPECT_EQ(Client().Get("/fhir/r4/Organization", {{"Authorization", "Basic " + token}})->status,
            401);
  // Logged out: the token is dead everywhere.
  EXPECT_EQ(Client()
                .Delete("/api/v1/session",
                        {{"Cookie", coordinator.cookie}, {"X-CSRF-Token", coordinator.csrf}})
                ->status,
            204);
  EXPECT_EQ(Client().Get("/fhir/r4/Organization", bearer)->status, 401);
}

TEST_F(ApiTest, ConcurrentEditsGetAConflictInsteadOfALostUpdate) {
  auto first = Login("coordinator");
  auto second = Login("coordinator2");
  auto [id, etag] = PracticeHandle(first, "01051111");
  auto path = "/api/v1/practices/" + std::to_string(id);
  auto a = Put(first, path, {{"registered_patients", 3001}}, etag);
  ASSERT_EQ(a->status, 200) << a->body;
  auto b = Put(second, path, {{"registered_patients", 2999}}, etag);  // stale copy
  EXPECT_EQ(b->status, 412);
  EXPECT_EQ(json::parse(b->body)["errors"][0]["field"], "version");
  EXPECT_EQ(json::parse(Get(first, path)->body)["registered_patients"], 3001);
  EXPECT_EQ(Put(second, path, {{"registered_patients", 2999}}, "")->status, 428);
}

TEST_F(ApiTest, BadInputIsAProblemThatNamesEveryField) {
  auto s = Login("coordinator");
  auto [id, etag] = PracticeHandle(s, "01051148");
  auto res = Put(s, "/api/v1/practices/" + std::to_string(id),
                 {{"registered_patients", -5}, {"postcode", "62AB"}}, etag);
  ASSERT_EQ(res->status, 422);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json; charset=utf-8");
  auto problem = json::parse(res->body);
  std::set<std::string> fields;
  for (const auto& e : problem["errors"]) fields.insert(e["field"]);
  EXPECT_EQ(fields, (std::set<std::string>{"registered_patients", "postcode"}));
  auto unknown = Put(s, "/api/v1/practices/" + std::to_string(id), {{"patienten", 5}}, etag);
  EXPECT_EQ(unknown->status, 422);
  EXPECT_EQ(json::parse(unknown->body)["errors"][0]["field"], "patienten");
  auto created = Post(s, "/api/v1/people", {{"code", "HA-NEW"}});
  EXPECT_EQ(created->status, 422);
  EXPECT_EQ(json::parse(created->body)["errors"][0]["field"], "name");
}

TEST_F(ApiTest, WritesNeedTheCsrfTokenAndTheSameOrigin) {
  auto s = Login("coordinator");
  auto [id, etag] = PracticeHandle(s, "01051185");
  httplib::Headers no_token{{"Cookie", s.cookie}, {"If-Match", etag}};
  auto res = Client().Put("/api/v1/practices/" + std::to_string(id), no_token,
                          json{{"patient_stop", true}}.dump(), "application/json");
  EXPECT_EQ(res->status, 403);
  httplib::Headers cross_site{{"Cookie", s.cookie},
                              {"X-CSRF-Token", s.csrf},
                              {"If-Match", etag},
                              {"Sec-Fetch-Site", "cross-site"}};
  res = Client().Put("/api/v1/practices/" + std::to_string(id), cross_site,
                     json{{"patient_stop", true}}.dump(), "application/json");
  EXPECT_EQ(res->status, 403);
}

TEST_F(ApiTest, CreateAndDeleteARecord) {
  auto s = Login("coordinator");
  auto created =
      Post(s, "/api/v1/organisations",
           {{"code", "APO-NIEUW"}, {"name", "Nieuwe apotheek (demo)"}, {"kind", "pharmacy"}});
  ASSERT_EQ(created->status, 201) << created->body;
  auto location = created->get_header_value("Location");
  auto again = Post(s, "/api/v1/organisations",
                    {{"code", "APO-NIEUW"}, {"name", "Dubbel"}, {"kind", "pharmacy"}});
  EXPECT_EQ(again->status, 409);
  httplib::Headers headers{{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}, {"If-Match", "\"1\""}};
  EXPECT_EQ(Client().Delete(location, headers)->status, 204);
  EXPECT_EQ(Get(s, location)->status, 404);
  // Something still referred to cannot be deleted.
  auto hap = json::parse(Get(s, "/api/v1/organisations?code=HAP-MAA")->body)["items"][0];
  httplib::Headers in_use{{"Cookie", s.cookie},
                          {"X-CSRF-Token", s.csrf},
                          {"If-Match", "\"" + std::to_string(hap["version"].get<int>()) + "\""}};
  EXPECT_EQ(Client()
                .Delete("/api/v1/organisations/" + std::to_string(hap["id"].get<int>()), in_use)
                ->status,
            409);
}

TEST_F(ApiTest, ReadingAPersonIsAudited) {
  auto s = Login("lezer");
  auto person = Get(s, "/api/v1/people/3");
  ASSERT_EQ(person->status, 200);
  std::string code = json::parse(person->body)["code"];
  auto uow = store_->BeginRead(kTestActor);
  AuditFilter filter;
  filter.object_type = "person";
  filter.actor_user = "lezer";
  auto events = uow.value()->Audit().List(filter);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().action, "read");
  EXPECT_EQ(events.back().subject_key, code);
  EXPECT_EQ(events.back().actor_role, "read_only");
}

TEST_F(ApiTest, ListsPaginateSearchAndFilter) {
  auto s = Login("coordinator");
  auto page = json::parse(Get(s, "/api/v1/practices?limit=10&offset=50")->body);
  EXPECT_EQ(page["total"], 58);
  EXPECT_EQ(page["items"].size(), 8u);
  auto solo = json::parse(Get(s, "/api/v1/practices?form=solo&limit=100")->body);
  EXPECT_EQ(solo["total"], 25);
  auto maastricht = json::parse(Get(s, "/api/v1/practices?q=MAASTRICHT")->body);
  EXPECT_EQ(maastricht["total"], 34);  // case-insensitive, in any text field
  auto heuvelland = json::parse(Get(s, "/api/v1/practices?out_of_hours_post_code=HAP-HEU")->body);
  EXPECT_EQ(heuvelland["total"], 7);  // Gulpen-Wittem and Vaals
  EXPECT_EQ(Get(s, "/api/v1/practices?vorm=solo")->status, 422);
}

TEST_F(ApiTest, AnotherUsersChangeArrivesOnTheEventStream) {
  auto watcher = Login("lezer");
  auto editor = Login("coordinator");
  std::atomic<bool> seen = false;
  std::string received;
  std::thread listener([&] {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(5, 0);
    client.Get("/api/v1/events", {{"Cookie", watcher.cookie}},
               [&](const char* data, size_t length) {
                 received.append(data, length);
                 if (received.find("01051222") != std::string::npos) seen = true;
                 return !seen.load();
               });
  });
  // Edit until the listener has connected and seen it (bounded: at most 50 edits).
  auto [id, etag] = PracticeHandle(editor, "01051222");
  for (int i = 0; i < 50 && !seen; ++i) {
    auto res = Put(editor, "/api/v1/practices/" + std::to_string(id),
                   {{"registered_patients", 3000 + i}}, etag);
    ASSERT_EQ(res->status, 200);
    etag = res->get_header_value("ETag");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  listener.join();
  EXPECT_TRUE(seen);
  EXPECT_NE(received.find("\"table\":\"practice\""), std::string::npos);
}

TEST_F(ApiTest, ACoordinatorStartsTheFireScenarioAndWorksItsTasks) {
  auto s = Login("coordinator");
  auto playbooks = json::parse(Get(s, "/api/v1/playbooks")->body)["items"];
  EXPECT_EQ(playbooks.size(), 12u);
  auto started = Post(s, "/api/v1/incidents",
                      {{"playbook_id", "practice-unusable"}, {"practice_agbs", {"01051037"}}});
  ASSERT_EQ(started->status, 201) << started->body;
  auto incident = json::parse(started->body);
  EXPECT_EQ(incident["tasks"].size(), 16u);
  EXPECT_EQ(incident["tasks"][0]["overdue"], false);
  EXPECT_EQ(incident["stage"], 1);
  const std::string base = "/api/v1/incidents/" + std::to_string(incident["id"].get<int>());

  auto task = incident["tasks"][0];
  const std::string task_version = "\"" + std::to_string(task["version"].get<int>()) + "\"";
  EXPECT_EQ(Post(s, base + "/tasks/" + std::to_string(task["id"].get<int>()) + "/done",
                 {{"note", "112 gebeld"}})
                ->status,
            428);  // a change without the version it was made against is refused
  auto done = Post(s, base + "/tasks/" + std::to_string(task["id"].get<int>()) + "/done",
                   {{"note", "112 gebeld"}}, task_version);
  ASSERT_EQ(done->status, 200) << done->body;
  EXPECT_EQ(json::parse(done->body)["tasks"][0]["status"], "done");
  auto again = Post(s, base + "/tasks/" + std::to_string(task["id"].get<int>()) + "/done",
                    json::object(), task_version);
  EXPECT_EQ(again->status, 412);

  auto decision =
      Post(s, base + "/log",
           {{"kind", "decision"}, {"text", "Spreekuur in de HAP"}, {"decided_by", "voorzitter"}});
  ASSERT_EQ(decision->status, 200) << decision->body;
  const json stage_change{{"stage", 2}, {"reason", "Tweede praktijk dicht"}};
  EXPECT_EQ(Post(s, base + "/stage", stage_change)->status, 428);
  auto stage = Post(s, base + "/stage", stage_change, Get(s, base)->get_header_value("ETag"));
  ASSERT_EQ(stage->status, 200);
  auto log = json::parse(stage->body)["log"];
  EXPECT_TRUE(
      std::any_of(log.begin(), log.end(), [](const json& e) { return e["kind"] == "stage"; }));
  auto report = Get(s, base + "/report");
  EXPECT_EQ(report->status, 200);
  EXPECT_NE(report->body.find("Spreekuur in de HAP"), std::string::npos);
}

TEST_F(ApiTest, OnlyTheRightRolesStartOrWorkIncidents) {
  auto coordinator = Login("coordinator");
  auto started = Post(coordinator, "/api/v1/incidents",
                      {{"playbook_id", "power-outage"}, {"practice_agbs", {"01051074"}}});
  ASSERT_EQ(started->status, 201);
  const std::string path =
      "/api/v1/incidents/" + std::to_string(json::parse(started->body)["id"].get<int>());
  auto reader = Login("lezer");
  EXPECT_EQ(Post(reader, "/api/v1/incidents",
                 {{"playbook_id", "power-outage"}, {"practice_agbs", {"01051074"}}})
                ->status,
            403);
  EXPECT_EQ(Get(reader, path)->status, 200);
  EXPECT_EQ(Post(reader, path + "/log", {{"text", "x"}})->status, 403);
  auto other_practice = Login("praktijk");  // practice 01051037, not 01051074
  EXPECT_EQ(Get(other_practice, path)->status, 403);
  auto bad = Post(coordinator, "/api/v1/incidents",
                  {{"playbook_id", "bestaat-niet"}, {"practice_agbs", {"01051074"}}});
  EXPECT_EQ(bad->status, 422);
  EXPECT_EQ(json::parse(bad->body)["errors"][0]["field"], "playbook_id");
}

TEST_F(ApiTest, UnknownApiPathsAreProblems) {
  auto s = Login("coordinator");
  auto res = Get(s, "/api/v1/bestaat-niet");
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(json::parse(res->body)["status"], 404);
}

TEST_F(ApiTest, AlarmsShowOnTheBoardAndAreAcknowledgedOrHandedOver) {
  auto s = Login("coordinator");
  auto started = Post(s, "/api/v1/incidents",
                      {{"playbook_id", "practice-unusable"}, {"practice_agbs", {"01051037"}}});
  ASSERT_EQ(started->status, 201) << started->body;
  auto incident = json::parse(started->body);
  const std::string base = "/api/v1/incidents/" + std::to_string(incident["id"].get<int>());
  ASSERT_FALSE(incident["alarms"].empty());
  auto alarm = incident["alarms"][0];
  EXPECT_EQ(alarm["status"], "alarmed");
  EXPECT_FALSE(alarm["person_name"].get<std::string>().empty());
  EXPECT_FALSE(alarm.contains("ack_token_hash"));  // never leaves the server

  auto acknowledged =
      Post(s, base + "/alarms/" + std::to_string(alarm["id"].get<int>()) + "/acknowledge", {});
  ASSERT_EQ(acknowledged->status, 200) << acknowledged->body;
  EXPECT_EQ(json::parse(acknowledged->body)["alarms"][0]["status"], "acknowledged");

  auto handed = Post(s, base + "/handover",
                     {{"role_code", alarm["role_code"]},
                      {"person_code", "HA-1001"},
                      {"reason", "Aflossing ochtenddienst"}});
  ASSERT_EQ(handed->status, 200) << handed->body;
  auto after = json::parse(handed->body)["alarms"];
  EXPECT_EQ(after.back()["person_code"], "HA-1001");
  EXPECT_EQ(after.back()["level"], "handover");

  // The evaluation form lists the playbook's points; one is filled in.
  auto points = json::parse(handed->body)["evaluation"];
  ASSERT_FALSE(points.empty());
  auto evaluated = Put(s, base + "/evaluation",
                       {{"point", points[0]["point"]}, {"finding", "Telefoon snel doorgezet"}}, "");
  ASSERT_EQ(evaluated->status, 200) << evaluated->body;
  EXPECT_EQ(json::parse(evaluated->body)["evaluation"][0]["finding"], "Telefoon snel doorgezet");

  // What went out: at least the alarms in the app, without their one-time links.
  auto messages = json::parse(Get(s, base + "/messages")->body)["items"];
  ASSERT_FALSE(messages.empty());
  EXPECT_FALSE(messages[0].contains("body"));

  // The acknowledgement link needs no session, but a made-up token gets nowhere.
  auto bad = Client().Post("/api/v1/alarm-acknowledgements",
                           json{{"token", std::string(48, 'b')}}.dump(), "application/json");
  EXPECT_EQ(bad->status, 404);
}

TEST_F(ApiTest, TheMonitorGivesTheInsurerFiguresButNeverAPerson) {
  auto coordinator = json::parse(Get(Login("coordinator"), "/api/v1/monitor")->body);
  ASSERT_FALSE(coordinator["conversations"].empty());
  const std::string holder = coordinator["conversations"][0]["name"];
  EXPECT_EQ(coordinator["signals"].size(), 21u);
  EXPECT_FALSE(coordinator["practices"][0]["signals"].empty());

  auto res = Get(Login("verzekeraar"), "/api/v1/monitor");
  ASSERT_EQ(res->status, 200) << res->body;
  auto insurer = json::parse(res->body);
  EXPECT_TRUE(insurer["conversations"].empty());
  EXPECT_EQ(insurer["practices"].size(), coordinator["practices"].size());
  EXPECT_FALSE(insurer["succession"].empty());
  // No holder's name anywhere in what the insurer receives.
  EXPECT_EQ(res->body.find(holder), std::string::npos);
}

TEST_F(ApiTest, TheInsurerRunsTheStressTestAPracticeUserMayNot) {
  auto insurer = Login("verzekeraar");
  auto res =
      Get(insurer, "/api/v1/stress?year=2031&area=zone:geul-overstroming&capacity_per_fte=2500");
  ASSERT_EQ(res->status, 200) << res->body;
  auto report = json::parse(res->body);
  EXPECT_EQ(report["year"], 2031);
  EXPECT_EQ(report["capacity_patients_per_fte"], 2500);
  ASSERT_EQ(report["scenarios"].size(), 1u);
  EXPECT_EQ(report["scenarios"][0]["kind"], "flood_zone");
  EXPECT_FALSE(report["weak_points"].empty());
  EXPECT_FALSE(report["zones"].empty());
  EXPECT_FALSE(report["base"].is_null());

  auto csv = Get(insurer, "/api/v1/stress?area=municipality:Vaals&format=csv");
  ASSERT_EQ(csv->status, 200);
  EXPECT_EQ(csv->body.rfind("rank,kind,id,name,", 0), 0u) << csv->body;
  EXPECT_NE(csv->body.find("municipality:Vaals"), std::string::npos);

  auto bad = Get(insurer, "/api/v1/stress?area=gemeente:Atlantis");
  EXPECT_EQ(bad->status, 422);
  EXPECT_NE(bad->body.find("area"), std::string::npos);
  EXPECT_EQ(Get(insurer, "/api/v1/stress?year=volgend")->status, 422);
  EXPECT_EQ(Get(Login("praktijk"), "/api/v1/stress?area=municipality:Vaals")->status, 403);
}

TEST_F(ApiTest, TheCalamityCardPrintsAsPdfForWhoMayReadIt) {
  auto res = Get(Login("coordinator"), "/api/v1/printouts/calamity-card/01051037");
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/pdf");
  EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(res->body.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(Get(Login("verzekeraar"), "/api/v1/printouts/calamity-card/01051037")->status, 403);
  EXPECT_EQ(Get(Login("coordinator"), "/api/v1/printouts/calamity-card/09999999")->status, 404);
  auto list = Get(Login("coordinator"), "/api/v1/printouts/contact-list");
  ASSERT_EQ(list->status, 200);
  EXPECT_EQ(list->body.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(Get(Login("verzekeraar"), "/api/v1/printouts/contact-list")->status, 403);
  auto playbook = Get(Login("verzekeraar"), "/api/v1/printouts/playbook/power-outage");
  ASSERT_EQ(playbook->status, 200);  // no personal data in a playbook
  EXPECT_EQ(playbook->body.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(Get(Login("coordinator"), "/api/v1/printouts/playbook/bestaat-niet")->status, 404);
  // Blank forms: no personal data; a bad number of copies is refused with the field.
  auto triage = Get(Login("crisisteam"), "/api/v1/printouts/triage-form?agb=01051037&copies=2");
  ASSERT_EQ(triage->status, 200);
  EXPECT_EQ(triage->get_header_value("Content-Type"), "application/pdf");
  auto bad = Get(Login("crisisteam"), "/api/v1/printouts/prescription-form?copies=nul");
  EXPECT_EQ(bad->status, 422);
  EXPECT_NE(bad->body.find("copies"), std::string::npos);
}

TEST_F(ApiTest, AnAdminMakesTheOfflineBundleNowAndSeesHowTheLastOneWent) {
  EXPECT_EQ(Get(Login("coordinator"), "/api/v1/admin/offline-bundle")->status, 403);
  auto admin = Login("beheerder");
  auto before = json::parse(Get(admin, "/api/v1/admin/offline-bundle")->body);
  EXPECT_EQ(before["folder"], dir_->Path("bundles"));
  EXPECT_TRUE(before["last"].is_null());
  auto made = Post(admin, "/api/v1/admin/offline-bundle", json::object());
  ASSERT_EQ(made->status, 201) << made->body;
  auto status = json::parse(made->body);
  EXPECT_GT(status["last"]["files"].get<int>(), 50);
  EXPECT_TRUE(status["last"]["error"].is_null());
  EXPECT_TRUE(std::filesystem::exists(status["last"]["path"].get<std::string>()));
  EXPECT_EQ(Post(Login("coordinator"), "/api/v1/admin/offline-bundle", json::object())->status,
            403);
}

}  // namespace
}  // namespace vangnet

namespace vangnet {
namespace {

// Issue 20: forms for every record kind are built from the server's own description of it, and
// removing a record that others still refer to says which ones, instead of leaving them dangling.
TEST_F(ApiTest, TheSchemaDescribesEveryKindAndARemovalNamesWhatDependsOnIt) {
  auto coordinator = Login("coordinator");
  auto schema = json::parse(Get(coordinator, "/api/v1/registry/schema")->body);
  ASSERT_EQ(schema["kinds"].size(), 14u);
  const json* practices = nullptr;
  for (const auto& kind : schema["kinds"]) {
    if (kind["resource"] == "practices") practices = &kind;
  }
  ASSERT_NE(practices, nullptr);
  EXPECT_EQ((*practices)["label"], "praktijk");
  EXPECT_EQ((*practices)["plural"], "praktijken");
  EXPECT_TRUE((*practices)["write"].get<bool>());
  bool form_options = false, group_reference = false;
  for (const auto& field : (*practices)["fields"]) {
    if (field["name"] == "form") form_options = field["options"].size() == 5;
    if (field["name"] == "gp_group_code") {
      group_reference =
          field["references"]["resource"] == "gp-groups" && field["references"]["field"] == "code";
    }
  }
  EXPECT_TRUE(form_options);
  EXPECT_TRUE(group_reference);
  // The insurer may read practices but write nothing, and never read people.
  auto insurer = Login("verzekeraar");
  for (const auto& kind : json::parse(Get(insurer, "/api/v1/registry/schema")->body)["kinds"]) {
    EXPECT_FALSE(kind["write"].get<bool>()) << kind["resource"];
    if (kind["resource"] == "people") {
      EXPECT_FALSE(kind["read"].get<bool>());
    }
  }

  // A hagro with practices cannot go; the refusal says which practices still belong to it.
  auto group = json::parse(Get(coordinator, "/api/v1/gp-groups?limit=1")->body)["items"][0];
  auto refused =
      Client().Delete("/api/v1/gp-groups/" + std::to_string(group["id"].get<int>()),
                      {{"Cookie", coordinator.cookie},
                       {"X-CSRF-Token", coordinator.csrf},
                       {"If-Match", "\"" + std::to_string(group["version"].get<int>()) + "\""}});
  ASSERT_EQ(refused->status, 409) << refused->body;
  const std::string message = json::parse(refused->body)["errors"][0]["message"];
  EXPECT_NE(message.find("is nog in gebruik: "), std::string::npos) << message;
  EXPECT_NE(message.find(" praktijken (0105"), std::string::npos) << message;
  EXPECT_NE(message.find("Wijzig of verwijder die eerst."), std::string::npos) << message;
  EXPECT_EQ(
      json::parse(Get(coordinator, "/api/v1/gp-groups?code=" + group["code"].get<std::string>())
                      ->body)["total"],
      1);
}

// Issue 20: the import page checks a workbook and shows what would change before anything is
// written, then applies it in one go; the registry and the template download as Excel.
TEST_F(ApiTest, AnImportIsPreviewedThenAppliedAndTheRegistryDownloadsAsExcel) {
  auto coordinator = Login("coordinator");
  auto person = json::parse(Get(coordinator, "/api/v1/people?limit=1")->body)["items"][0];
  const std::string code = person["code"], name = person["name"];
  auto workbook = [&](const std::string& birth_year, const std::string& new_name) {
    Table people{"personen",
                 {{"code"}, {"name"}, {"birth_year", CellType::kInteger}},
                 {},
                 {{code, new_name, ""}, {"HA-9300", "Nieuwe Invaller", birth_year}}};
    std::string bytes = WriteXlsx({people}).value();
    std::string base64(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL),
                       '\0');
    sodium_bin2base64(base64.data(), base64.size(),
                      reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    base64.pop_back();  // the terminating zero
    return json{{"files", json::array({{{"name", "team.xlsx"}, {"content_base64", base64}}})}};
  };

  // A mistake: refused whole, with file, sheet, row and column, as the command line says it.
  auto refused = Post(coordinator, "/api/v1/registry/import", workbook("negentien", "X"));
  ASSERT_EQ(refused->status, 422) << refused->body;
  auto problem = json::parse(refused->body);
  EXPECT_EQ(problem["title"], "Import geweigerd; er is niets opgeslagen");
  const std::string text = problem["errors"][0]["text"];
  EXPECT_EQ(text.rfind("team.xlsx, blad personen, regel 3, kolom birth_year: ", 0), 0u) << text;

  // Corrected: the preview lists the new person and the change, and writes nothing.
  auto body = workbook("1990", "Gewijzigde Naam");
  auto preview = Post(coordinator, "/api/v1/registry/import", body);
  ASSERT_EQ(preview->status, 200) << preview->body;
  auto report = json::parse(preview->body);
  EXPECT_FALSE(report["applied"].get<bool>());
  ASSERT_EQ(report["files"].size(), 1u);
  const auto& file = report["files"][0];
  EXPECT_EQ(file["name"], "team.xlsx, blad personen");
  EXPECT_EQ(file["kind"], "people");
  EXPECT_EQ(file["created"], 1);
  EXPECT_EQ(file["updated"], 1);
  ASSERT_EQ(file["changes"].size(), 2u);
  EXPECT_EQ(file["changes"][0]["key"], code);
  EXPECT_EQ(file["changes"][0]["fields"][0],
            (json{{"field", "name"}, {"before", name}, {"after", "Gewijzigde Naam"}}));
  EXPECT_TRUE(file["changes"][1]["added"].get<bool>());
  EXPECT_EQ(json::parse(Get(coordinator, "/api/v1/people?code=HA-9300")->body)["total"], 0);

  // Applied: one transaction, and the change is there.
  body["apply"] = true;
  auto applied = Post(coordinator, "/api/v1/registry/import", body);
  ASSERT_EQ(applied->status, 200) << applied->body;
  EXPECT_TRUE(json::parse(applied->body)["applied"].get<bool>());
  EXPECT_EQ(json::parse(Get(coordinator, "/api/v1/people?code=HA-9300")->body)["total"], 1);
  // The old name back, so the other tests see the demo as it was.
  auto back = workbook("1990", name);
  back["apply"] = true;
  ASSERT_EQ(Post(coordinator, "/api/v1/registry/import", back)->status, 200);

  // An import passes the per-practice checks of the forms: not for a practice user.
  EXPECT_EQ(Post(Login("praktijk"), "/api/v1/registry/import", body)->status, 403);

  // The template: every kind, its explanation row, example rows.
  auto template_file = Get(coordinator, "/api/v1/registry/template.xlsx");
  ASSERT_EQ(template_file->status, 200);
  EXPECT_EQ(template_file->get_header_value("Content-Type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  auto sheets = ReadXlsx(template_file->body, "sjabloon.xlsx");
  ASSERT_TRUE(sheets) << sheets.error().ToString();
  ASSERT_EQ(sheets.value().size(), 14u);
  const auto& practices = sheets.value()[4];
  EXPECT_EQ(practices.name, "practices");
  ASSERT_EQ(practices.table.records.size(), 3u);
  EXPECT_TRUE(IsExplanationRow(practices.table.records[0]));
  EXPECT_NE(practices.table.records[0].cells[0].find("8 cijfers"), std::string::npos);

  // The insurer's download holds what the insurer may see: no people, no medically responsible.
  auto insurer_file = Get(Login("verzekeraar"), "/api/v1/registry/export.xlsx");
  ASSERT_EQ(insurer_file->status, 200);
  auto insurer_sheets = ReadXlsx(insurer_file->body, "register.xlsx").value();
  for (const auto& sheet : insurer_sheets) {
    EXPECT_NE(sheet.name, "people");
    EXPECT_NE(sheet.name, "affiliations");
    EXPECT_NE(sheet.name, "contacts");
    if (sheet.name != "practices") continue;
    auto column = std::find(sheet.table.header.begin(), sheet.table.header.end(),
                            "medically_responsible_person_code") -
                  sheet.table.header.begin();
    EXPECT_GT(sheet.table.records.size(), 50u);
    for (const auto& row : sheet.table.records) EXPECT_EQ(row.cells[column], "");
  }
}

// Every list a coordinator or insurer looks at downloads as a workbook with the page's filters.
TEST_F(ApiTest, ListsDownloadAsExcelWithTheirFilters) {
  auto coordinator = Login("coordinator");
  auto sheets = [&](const Session& s, const std::string& path) {
    auto res = Get(s, path);
    EXPECT_EQ(res->status, 200) << path << " " << res->body.substr(0, 200);
    EXPECT_EQ(res->get_header_value("Content-Type"),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    auto read = ReadXlsx(res->body, path);
    EXPECT_TRUE(read) << path;
    return read ? read.value() : std::vector<XlsxSheet>{};
  };
  auto solo = sheets(coordinator, "/api/v1/practices/export?format=xlsx&form=solo");
  ASSERT_EQ(solo.size(), 1u);
  const auto total = json::parse(Get(coordinator, "/api/v1/practices?form=solo")->body)["total"];
  EXPECT_EQ(solo[0].table.records.size(), total.get<std::size_t>());
  const auto form = std::find(solo[0].table.header.begin(), solo[0].table.header.end(), "form") -
                    solo[0].table.header.begin();
  for (const auto& row : solo[0].table.records) EXPECT_EQ(row.cells[form], "solo");
  // The same list as CSV has the same rows.
  auto csv = Get(coordinator, "/api/v1/practices/export?form=solo");
  EXPECT_EQ(ReadCsv(csv->body, "x.csv").value().records.size(), total.get<std::size_t>());

  auto monitor = sheets(coordinator, "/api/v1/monitor/export?format=xlsx");
  ASSERT_EQ(monitor.size(), 2u);  // the ranked practices, the wijk and hagro figures
  EXPECT_GE(monitor[0].table.records.size(), 58u);
  EXPECT_EQ(monitor[0].table.records[0].cells[0], "1");
  EXPECT_FALSE(monitor[1].table.records.empty());
  EXPECT_EQ(sheets(coordinator, "/api/v1/stress?format=xlsx").size(), 1u);
  auto preparedness = sheets(coordinator, "/api/v1/preparedness/export?format=xlsx");
  ASSERT_EQ(preparedness.size(), 1u);
  EXPECT_FALSE(preparedness[0].table.records.empty());

  // The insurer: the practices without the medically responsible person, no preparedness list.
  auto insurer = Login("verzekeraar");
  auto practices = sheets(insurer, "/api/v1/practices/export?format=xlsx");
  ASSERT_EQ(practices.size(), 1u);
  const auto responsible =
      std::find(practices[0].table.header.begin(), practices[0].table.header.end(),
                "medically_responsible_person_code") -
      practices[0].table.header.begin();
  for (const auto& row : practices[0].table.records) EXPECT_EQ(row.cells[responsible], "");
  EXPECT_EQ(Get(insurer, "/api/v1/people/export?format=xlsx")->status, 403);
  EXPECT_EQ(Get(insurer, "/api/v1/preparedness/export?format=xlsx")->status, 403);
}

}  // namespace
}  // namespace vangnet
