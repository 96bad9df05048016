// The programmes over HTTP, per verb and role: the overviews and their downloads, a trajectory
// created, changed (with If-Match) and refused through the registry routes, and who may do what.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "io/csv.hpp"
#include "io/xlsx.hpp"
#include "test_support/api_fixture.hpp"

namespace vangnet {
namespace {

using nlohmann::json;

class ProgrammeApiTest : public ApiFixture {};

TEST_F(ProgrammeApiTest, TheOverviewsAndTheirDownloadsPerRole) {
  auto coordinator = Login("coordinator");
  auto succession = Get(coordinator, "/api/v1/programmes/succession");
  ASSERT_EQ(succession->status, 200) << succession->body;
  const auto s = json::parse(succession->body);
  EXPECT_GT(s["counts"]["running"].get<int>(), 0);
  EXPECT_EQ(s["stages"].size(), 6u);
  EXPECT_EQ(s["mentoring"]["meetings"], 6);
  EXPECT_EQ(s["mentoring"]["months"], 9);
  // Every step of the plan has a source or says why it is derived, never neither.
  for (const auto& step : s["step_plan"]) {
    EXPECT_NE(step["source"].is_null(), step["derived"].is_null()) << step.dump();
  }
  auto xlsx = Get(coordinator, "/api/v1/programmes/succession/export?format=xlsx");
  ASSERT_EQ(xlsx->status, 200);
  auto sheets = ReadXlsx(xlsx->body, "opvolging.xlsx");
  ASSERT_TRUE(sheets) << sheets.error().ToString();
  ASSERT_EQ(sheets.value().size(), 1u);
  EXPECT_EQ(sheets.value()[0].table.records.size(), s["rows"].size());
  auto csv = Get(coordinator, "/api/v1/programmes/collaboration/export");
  ASSERT_EQ(csv->status, 200);
  auto table = ReadCsv(csv->body, "samenwerking.csv");
  ASSERT_TRUE(table) << table.error().ToString();
  EXPECT_EQ(table.value().header[0], "AGB praktijk");
  auto workbook = Get(coordinator, "/api/v1/programmes/collaboration/export?format=xlsx");
  auto three = ReadXlsx(workbook->body, "samenwerking.xlsx");
  ASSERT_TRUE(three);
  EXPECT_EQ(three.value().size(), 3u);  // practices, programme, figures

  // The insurer: the collaboration programme, no trajectories, in JSON nor as a download.
  auto insurer = Login("verzekeraar");
  EXPECT_EQ(Get(insurer, "/api/v1/programmes/succession")->status, 403);
  EXPECT_EQ(Get(insurer, "/api/v1/programmes/succession/export")->status, 403);
  EXPECT_EQ(Get(insurer, "/api/v1/succession-trajectories")->status, 403);
  EXPECT_EQ(Get(insurer, "/api/v1/programmes/collaboration")->status, 200);
  // A practice user: their own practice only.
  auto practice = Login("praktijk");
  auto own = json::parse(Get(practice, "/api/v1/programmes/succession")->body);
  for (const auto& row : own["rows"]) EXPECT_EQ(row["practice_agb"], "01051037");
  // Without a session: nothing.
  EXPECT_EQ(Client().Get("/api/v1/programmes/collaboration")->status, 401);
}

TEST_F(ProgrammeApiTest, ATrajectoryIsKeptThroughTheRegistryRoutes) {
  auto coordinator = Login("coordinator");
  const auto s = json::parse(Get(coordinator, "/api/v1/programmes/succession")->body);
  std::string agb;
  for (const auto& row : s["rows"]) {
    if (row["trajectory"].is_null()) {
      agb = row["practice_agb"];
      break;
    }
  }
  ASSERT_FALSE(agb.empty());
  // Refused with the fields a running trajectory needs; nothing written.
  auto refused = Post(coordinator, "/api/v1/succession-trajectories",
                      {{"practice_agb", agb}, {"stage", "search"}, {"owner", "RHO"}});
  ASSERT_EQ(refused->status, 422) << refused->body;
  for (const char* field : {"next_step", "next_due", "conversation_on"}) {
    EXPECT_NE(refused->body.find(field), std::string::npos) << field << refused->body;
  }
  auto created = Post(coordinator, "/api/v1/succession-trajectories",
                      {{"practice_agb", agb},
                       {"stage", "search"},
                       {"owner", "consulent RHO"},
                       {"conversation_on", "2026-10-01"},
                       {"conversation_outcome", "seeks_successor"},
                       {"search_route", "vacancy"},
                       {"next_step", "Vacature plaatsen"},
                       {"next_due", "2026-12-20"}});
  ASSERT_EQ(created->status, 201) << created->body;
  const auto id = json::parse(created->body)["id"].get<int>();
  const std::string path = "/api/v1/succession-trajectories/" + std::to_string(id);
  auto one = Get(coordinator, path);
  ASSERT_EQ(one->status, 200);
  const std::string etag = one->get_header_value("ETag");
  // Signed: the monitor's signal for this practice stops.
  auto signed_up = Put(coordinator, path,
                       {{"stage", "transfer"},
                        {"successor_name", "Dr. Fictief"},
                        {"successor_signed", true},
                        {"next_step", "Overdracht voorbereiden"}},
                       etag);
  ASSERT_EQ(signed_up->status, 200) << signed_up->body;
  EXPECT_EQ(Put(coordinator, path, {{"note", "oud"}}, etag)->status, 412);
  auto monitor = json::parse(Get(coordinator, "/api/v1/monitor?practice=" + agb)->body);
  for (const auto& p : monitor["practices"]) {
    for (const auto& signal : p["signals"]) EXPECT_NE(signal["id"], "holder_60_without_successor");
  }
  auto listed = json::parse(Get(coordinator, "/api/v1/programmes/succession")->body);
  EXPECT_EQ(listed["counts"]["successor_signed"].get<int>(),
            s["counts"]["successor_signed"].get<int>() + 1);
  // A practice user may not keep a trajectory, even of their own practice.
  auto practice = Login("praktijk");
  EXPECT_EQ(Post(practice, "/api/v1/succession-trajectories",
                 {{"practice_agb", "01051037"}, {"stage", "stopped"}, {"owner", "x"}})
                ->status,
            403);
}

}  // namespace
}  // namespace vangnet
