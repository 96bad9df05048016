// The hostile client (issue "No request can take vangnet down"): what an attacker on the network
// sends a running server, each refused in words or answered, never a crash or a silence. Each
// test failed on the code before its fix.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sodium.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <future>
#include <chrono>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "http/problem.hpp"
#include "http/request_limits.hpp"
#include "io/json_input.hpp"
#include "io/zip_archive.hpp"
#include "services/registry/import_slots.hpp"
#include "test_support/api_fixture.hpp"
#include "test_support/run_command.hpp"
#include "test_support/temp_dir.hpp"

namespace vangnet {
namespace {

class HostileClientTest : public ApiFixture {
 protected:
  // A raw connection to the server, for what a well-behaved client library would never send.
  int Connect() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port_));
    ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    timeval timeout{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    return fd;
  }
  // Sends `bytes` and reads the answer until the server closes (or 10 s pass).
  std::string Exchange(const std::string& bytes) {
    const int fd = Connect();
    EXPECT_EQ(::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(bytes.size()));
    std::string answer;
    char buffer[4096];
    ssize_t n = 0;
    while ((n = ::recv(fd, buffer, sizeof buffer, 0)) > 0) answer.append(buffer, n);
    ::close(fd);
    return answer;
  }
  static std::string Nested(int depth) {
    return "{\"username\":" + std::string(depth, '[') + std::string(depth, ']') + "}";
  }
  // A new account for one test, with the fixture's password and (optionally) second factor.
  void AddAccount(const std::string& name, UserRole role, bool second_factor) {
    UserAccount user;
    user.username = name;
    user.role = role;
    ASSERT_TRUE(accounts_->AddUser(kTestActor, user, kPassword));
    if (second_factor) ASSERT_TRUE(accounts_->SetSecondFactorSecret(kTestActor, name, kTotpSecret));
  }
  // The password step of a sign-in.
  httplib::Result PasswordStep(const std::string& name) {
    return Client().Post("/api/v1/session",
                         json{{"username", name}, {"password", kPassword}}.dump(), "application/json");
  }
  void ExpectAlive() {
    auto health = Client().Get("/api/v1/health");
    ASSERT_TRUE(health) << "the server no longer answers";
    EXPECT_EQ(health->status, 200);
  }
};

// One unauthenticated 40 KB request overflowed the stack of the request reader's checks.
TEST_F(HostileClientTest, DeeplyNestedJsonIsRefusedBeforeAnythingWalksIt) {
  auto refused = Client().Post("/api/v1/session", Nested(20000), "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400);
  EXPECT_NE(refused->body.find("te diep genest"), std::string::npos) << refused->body;
  EXPECT_NE(refused->body.find(std::to_string(kMaxJsonDepth)), std::string::npos);
  ExpectAlive();
  // At the limit a document is read as usual (here: a wrong type for the field).
  auto at_limit = Client().Post(
      "/api/v1/session",
      "{\"username\":" + std::string(kMaxJsonDepth - 1, '[') + std::string(kMaxJsonDepth - 1, ']') +
          ",\"password\":\"x\"}",
      "application/json");
  ASSERT_TRUE(at_limit);
  EXPECT_LT(at_limit->status, 500);
  EXPECT_EQ(at_limit->body.find("te diep genest"), std::string::npos) << at_limit->body;
}

// Every route that takes a body, as an admin (so no role check answers first): deep JSON is
// refused with a 4xx and the server goes on.
TEST_F(HostileClientTest, EveryWriteRouteRefusesDeepJson) {
  auto admin = Login("beheerder");
  int walked = 0, refused = 0;
  for (const auto& [method, pattern] : server_->Routes()) {
    if (method != "POST" && method != "PUT") continue;
    // Path parameters ("(\d+)", "([^/]+)") become "1".
    const std::string path = std::regex_replace(pattern, std::regex(R"(\([^)]*\))"), "1");
    httplib::Headers headers{{"Cookie", admin.cookie}, {"X-CSRF-Token", admin.csrf},
                             {"If-Match", "\"1\""}};
    auto res = method == "POST" ? Client().Post(path, headers, Nested(50000), "application/json")
                                : Client().Put(path, headers, Nested(50000), "application/json");
    ASSERT_TRUE(res) << method << " " << path << ": no answer";
    EXPECT_LT(res->status, 500) << method << " " << path << ": " << res->body;
    ++walked;
    // A route that reads a body refuses it; the few that take none (make a bundle now) answer.
    if (res->status >= 400) ++refused;
  }
  EXPECT_GT(walked, 40);
  EXPECT_GE(refused, walked - 3);
  ExpectAlive();
}

// 140 clients that send a byte now and then held every worker thread: nobody else was answered.
TEST_F(HostileClientTest, SlowSendersDoNotSilenceTheServer) {
  std::vector<int> slow;
  for (int i = 0; i < 300; ++i) {
    const int fd = Connect();
    const std::string start =
        "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        "Content-Length: 1000\r\n\r\n{\"username\":";
    ::send(fd, start.data(), start.size(), MSG_NOSIGNAL);
    slow.push_back(fd);
  }
  const auto before = std::chrono::steady_clock::now();
  auto client = Client();
  client.set_read_timeout(5, 0);
  auto health = client.Get("/api/v1/health");
  const auto took = std::chrono::steady_clock::now() - before;
  ASSERT_TRUE(health) << "not answered while 300 slow connections were open";
  EXPECT_EQ(health->status, 200);
  std::cout << "answered in "
            << std::chrono::duration_cast<std::chrono::milliseconds>(took).count()
            << " ms with 300 slow connections open\n";
  // The address's oldest waiting connections made room (kMaxConnectionsPerAddress): the first
  // slow senders were closed.
  char byte = 0;
  const ssize_t got = ::recv(slow.front(), &byte, 1, 0);
  // Closed: an orderly end, or a reset (the server closed with the half request unread).
  EXPECT_TRUE(got == 0 || (got < 0 && errno == ECONNRESET)) << "the oldest slow sender is still open";
  for (int fd : slow) ::close(fd);
  ExpectAlive();
}

TEST_F(HostileClientTest, ATooLargeRequestIsRefusedBeforeItsBodyArrives) {
  const std::string answer = Exchange(
      "POST /api/v1/registry/import HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
      "application/json\r\nContent-Length: " +
      std::to_string(kMaxRequestBodyBytes + 1) + "\r\n\r\n{");
  EXPECT_EQ(answer.rfind("HTTP/1.1 413", 0), 0u) << answer;
  EXPECT_NE(answer.find("groter dan 8 MB"), std::string::npos) << answer;
  EXPECT_NE(answer.find("\"status\":413"), std::string::npos) << answer;
  // The same while the body keeps coming: the answer arrives, the connection is not reset
  // under it (the refused body is read and dropped for a moment before the close).
  const std::string streaming = Exchange(
      "POST /api/v1/registry/import HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
      "application/json\r\nContent-Length: " +
      std::to_string(kMaxRequestBodyBytes + 1) + "\r\n\r\n" + std::string(2u << 20, 'x'));
  EXPECT_EQ(streaming.rfind("HTTP/1.1 413", 0), 0u) << streaming.substr(0, 200);
  // In pieces without a length: refused in words too.
  const std::string chunked = Exchange(
      "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\nhallo\r\n0\r\n\r\n");
  EXPECT_EQ(chunked.rfind("HTTP/1.1 411", 0), 0u) << chunked;
  // Two different lengths (request smuggling) are refused.
  const std::string twice = Exchange(
      "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n"
      "Content-Length: 3\r\n\r\n{}x");
  EXPECT_EQ(twice.rfind("HTTP/1.1 400", 0), 0u) << twice;
  ExpectAlive();
}

TEST_F(HostileClientTest, PipelinedRequestsAreEachAnsweredInOrder) {
  const std::string one = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  const std::string answer =
      Exchange(one + one + "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  std::size_t count = 0;
  for (auto at = answer.find("HTTP/1.1 200"); at != std::string::npos;
       at = answer.find("HTTP/1.1 200", at + 1)) {
    ++count;
  }
  EXPECT_EQ(count, 3u) << answer;
}

// 120 wrong passwords sent at once were all checked: the count was read before it was written.
TEST_F(HostileClientTest, ParallelPasswordGuessesAreCountedOneByOne) {
  AddAccount("doelwit", UserRole::kReadOnly, false);
  std::atomic<int> checked{0}, refused{0}, other{0};
  std::vector<std::thread> guessers;
  for (int i = 0; i < 40; ++i) {
    guessers.emplace_back([&, i] {
      auto res = Client().Post(
          "/api/v1/session",
          json{{"username", "doelwit"}, {"password", "gok-" + std::to_string(i)}}.dump(),
          "application/json");
      if (res && res->status == 401) {
        ++checked;
      } else if (res && res->status == 429) {
        ++refused;
      } else {
        ++other;
      }
    });
  }
  for (auto& t : guessers) t.join();
  EXPECT_EQ(other.load(), 0);
  EXPECT_LE(checked.load(), 5) << "more guesses were checked than the lock-out allows";
  EXPECT_EQ(checked.load() + refused.load(), 40);
  // The right password is refused too until the window ends.
  auto right = PasswordStep("doelwit");
  EXPECT_EQ(right->status, 429);
  clock_->Advance(std::chrono::minutes(16));
  right = PasswordStep("doelwit");
  EXPECT_EQ(right->status, 200) << right->body;
}

// Of 120 parallel second-factor guesses 18 were checked.
TEST_F(HostileClientTest, ParallelCodeGuessesAreCountedOneByOne) {
  AddAccount("codedoelwit", UserRole::kCoordinator, true);
  auto first = PasswordStep("codedoelwit");
  ASSERT_EQ(first->status, 200) << first->body;
  const std::string pending = json::parse(first->body)["pending"];
  std::atomic<int> checked{0}, refused{0};
  std::vector<std::thread> guessers;
  for (int i = 0; i < 40; ++i) {
    guessers.emplace_back([&, i] {
      char code[7];
      std::snprintf(code, sizeof code, "%06d", 100000 + i * 7919 % 900000);
      auto res = Client().Post("/api/v1/session/second-factor",
                               json{{"pending", pending}, {"code", code}}.dump(),
                               "application/json");
      if (res && res->status == 401) ++checked;
      if (res && res->status == 429) ++refused;
    });
  }
  for (auto& t : guessers) t.join();
  EXPECT_LE(checked.load(), 5);
  EXPECT_EQ(checked.load() + refused.load(), 40);
}

TEST_F(HostileClientTest, APendingSignInEndsWhenThePasswordChanges) {
  AddAccount("wisselaar", UserRole::kCoordinator, true);
  auto first = PasswordStep("wisselaar");
  ASSERT_EQ(first->status, 200) << first->body;
  ASSERT_TRUE(accounts_->SetPassword(kTestActor, "wisselaar", "een-heel-nieuw-wachtwoord"));
  clock_->Advance(std::chrono::seconds(31));
  auto second = Client().Post(
      "/api/v1/session/second-factor",
      json{{"pending", json::parse(first->body)["pending"]},
           {"code", OathtoolCode(kTotpSecret, clock_->Now())}}
          .dump(),
      "application/json");
  EXPECT_EQ(second->status, 401) << second->body;
  EXPECT_NE(second->body.find("verlopen"), std::string::npos) << second->body;
}

// The practice user's paper contact list held every crisis role's name and mobile number while
// the page said "niet zichtbaar voor uw rol".
TEST_F(HostileClientTest, ThePaperContactListShowsWhatThePageShows) {
  auto coordinator = Login("coordinator");
  auto practice = Login("praktijk");
  TempDir dir;
  auto text_of = [&](const Session& s) {
    auto pdf = Get(s, "/api/v1/printouts/contact-list");
    EXPECT_EQ(pdf->status, 200) << pdf->body;
    std::ofstream(dir.Path("list.pdf"), std::ios::binary) << pdf->body;
    return RunTool("pdftotext -layout " + dir.Path("list.pdf") + " -");
  };
  const std::string full = text_of(coordinator);
  const std::string own = text_of(practice);
  // The practice user's own staff, as the people list gives them.
  std::set<std::string> staff;
  const json own_people = json::parse(Get(practice, "/api/v1/people?limit=1000")->body);
  for (const auto& p : own_people["items"]) staff.insert(p["name"].get<std::string>());
  std::map<std::string, std::pair<std::string, std::string>> people;  // code -> name, phone
  const json all_people = json::parse(Get(coordinator, "/api/v1/people?limit=1000")->body);
  for (const auto& p : all_people["items"]) {
    people[p["code"]] = {p["name"], p["phone"].is_string() ? p["phone"] : ""};
  }
  int hidden = 0;
  const json roles = json::parse(Get(coordinator, "/api/v1/crisis-roles?limit=1000")->body);
  for (const auto& role : roles["items"]) {
    for (const char* field : {"primary_person_code", "substitute_person_code"}) {
      if (!role.contains(field) || !role[field].is_string()) continue;
      auto person = people.find(role[field].get<std::string>());
      if (person == people.end()) continue;
      const auto& [name, phone] = person->second;
      if (staff.contains(name) || phone.empty()) continue;
      // Numbers, not names: the PDF's columns may wrap a name over two lines.
      ASSERT_NE(full.find(phone), std::string::npos) << name << " " << phone;
      EXPECT_EQ(own.find(phone), std::string::npos)
          << name << "'s number is on the practice's paper list";
      ++hidden;
    }
  }
  EXPECT_GT(hidden, 0);
  EXPECT_NE(own.find("niet zichtbaar voor"), std::string::npos);  // pdftotext may wrap the rest
}

// Every printout and download follows the read rule of the page it prints, for every role: a
// PDF is given exactly when the page (or list) shows the same thing to that role.
TEST_F(HostileClientTest, EveryPrintoutAndDownloadObeysTheReadRuleOfItsPage) {
  auto coordinator = Login("coordinator");
  auto started = Post(coordinator, "/api/v1/incidents",
                      {{"playbook_id", "holder-permanently-out"},
                       {"practice_agbs", json::array({"01051037"})},
                       {"exercise", false},
                       {"area", ""},
                       {"activated_at", nullptr}});
  ASSERT_LT(started->status, 300) << started->body;
  const std::string id = std::to_string(json::parse(started->body)["id"].get<int>());
  ASSERT_EQ(Post(coordinator, "/api/v1/incidents/" + id + "/redistribution/patients",
                 {{"practice_agb", "01051037"}, {"demo", true}})
                ->status,
            200);
  struct Pair {
    std::string printout, page;
    bool page_is_list;  // the page shows it when its list is not empty
  };
  const std::vector<Pair> pairs{
      {"/api/v1/printouts/incident/" + id, "/api/v1/incidents/" + id, false},
      {"/api/v1/printouts/calamity-card/01051037",
       "/api/v1/calamity-cards?practice_agb=01051037", true},
      {"/api/v1/printouts/calamity-card/01051222",
       "/api/v1/calamity-cards?practice_agb=01051222", true},
      {"/api/v1/printouts/contact-list", "/api/v1/crisis-roles", false},
      {"/api/v1/printouts/triage-form?agb=01051037", "/api/v1/practices?agb=01051037", true},
      {"/api/v1/printouts/playbook/holder-permanently-out", "/api/v1/playbooks", false},
      {"/api/v1/people/export?format=xlsx", "/api/v1/people", false},
      {"/api/v1/crisis-roles/export?format=xlsx", "/api/v1/crisis-roles", false},
      {"/api/v1/practices/export?format=xlsx", "/api/v1/practices", false},
  };
  int compared = 0;
  for (const char* role :
       {"beheerder", "coordinator", "crisisteam", "praktijk", "verzekeraar", "lezer"}) {
    auto session = Login(role);
    for (const auto& pair : pairs) {
      auto printout = Get(session, pair.printout);
      auto page = Get(session, pair.page);
      ASSERT_TRUE(printout && page);
      bool shown = page->status == 200;
      if (shown && pair.page_is_list) shown = !json::parse(page->body)["items"].empty();
      EXPECT_EQ(printout->status == 200, shown)
          << role << ": " << pair.printout << " -> " << printout->status << ", " << pair.page
          << " -> " << page->status;
      ++compared;
    }
    // The vulnerable patients of a closed practice: the RHO, or that practice itself.
    const bool may = std::string(role) != "verzekeraar" && std::string(role) != "lezer";
    EXPECT_EQ(Get(session, "/api/v1/printouts/incident/" + id + "/vulnerable/01051037")->status ==
                  200,
              may)
        << role;
  }
  EXPECT_EQ(compared, 54);
}

TEST_F(HostileClientTest, HostileWorkbooksAreRefusedBeforeTheyTakeTheMemory) {
  auto coordinator = Login("coordinator");
  TempDir dir;
  auto upload = [&](const std::vector<ArchiveEntry>& entries) {
    const std::string path = dir.Path("w.xlsx");
    EXPECT_TRUE(WriteZip(path, entries));
    std::ifstream in(path, std::ios::binary);
    const std::string bytes(std::istreambuf_iterator<char>(in), {});
    std::string base64(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL),
                       '\0');
    sodium_bin2base64(base64.data(), base64.size(),
                      reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    base64.pop_back();
    return Post(coordinator, "/api/v1/registry/import",
                {{"files", json::array({{{"name", "regio.xlsx"}, {"content_base64", base64}}})}});
  };
  const std::string rels =
      "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
      "</Relationships>";
  const std::string workbook =
      "<workbook xmlns:r=\"r\"><sheets><sheet name=\"people\" r:id=\"rId1\"/></sheets></workbook>";
  // A million and one empty shared strings (about 5 MB of XML, a few KB zipped).
  std::string many = "<sst>";
  for (int i = 0; i <= 1'000'000; ++i) many += "<si/>";
  many += "</sst>";
  auto strings = upload({{"xl/workbook.xml", workbook},
                         {"xl/_rels/workbook.xml.rels", rels},
                         {"xl/sharedStrings.xml", many},
                         {"xl/worksheets/sheet1.xml", "<worksheet><sheetData/></worksheet>"}});
  ASSERT_EQ(strings->status, 422) << strings->body;
  EXPECT_NE(strings->body.find("meer dan 1000000 verschillende teksten"), std::string::npos)
      << strings->body;
  // A header of 101 columns.
  std::string wide = "<worksheet><sheetData><row r=\"1\">";
  for (int c = 0; c < 101; ++c) {
    wide += "<c t=\"inlineStr\"><is><t>kolom" + std::to_string(c) + "</t></is></c>";
  }
  wide += "</row></sheetData></worksheet>";
  auto columns = upload({{"xl/workbook.xml", workbook},
                         {"xl/_rels/workbook.xml.rels", rels},
                         {"xl/worksheets/sheet1.xml", wide}});
  ASSERT_EQ(columns->status, 422) << columns->body;
  EXPECT_NE(columns->body.find("meer dan 100 kolommen"), std::string::npos) << columns->body;
  // One header cell in column XFD and 20,000 rows: each row takes two slots, not 16,384 (the
  // file is read through; its rows are then refused for what they hold).
  std::string far = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>code"
                    "</t></is></c><c r=\"XFD1\" t=\"inlineStr\"><is><t>x</t></is></c></row>";
  for (int r = 2; r < 20002; ++r) {
    far += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) +
           "\" t=\"inlineStr\"><is><t>P" + std::to_string(r) + "</t></is></c></row>";
  }
  far += "</sheetData></worksheet>";
  auto xfd = upload({{"xl/workbook.xml", workbook},
                     {"xl/_rels/workbook.xml.rels", rels},
                     {"xl/worksheets/sheet1.xml", far}});
  ASSERT_EQ(xfd->status, 422) << xfd->body;
  EXPECT_NE(xfd->body.find("regio.xlsx"), std::string::npos) << xfd->body;
  ExpectAlive();
}

// An admin's session alone reset another admin's second factor, after which that admin's
// password alone enrolled a new authenticator and gave an admin session.
TEST_F(HostileClientTest, DangerousAdminActionsAskAFreshCodeOfTheAdminsOwn) {
  AddAccount("tweedebeheerder", UserRole::kAdmin, true);
  auto admin = Login("beheerder");
  const std::string reset = "/api/v1/users/tweedebeheerder/second-factor/reset";
  auto without = Post(admin, reset, json::object());
  EXPECT_EQ(without->status, 422) << without->body;
  EXPECT_EQ(json::parse(without->body)["errors"][0]["field"], "step_up_code");
  EXPECT_EQ(Post(admin, reset, {{"step_up_code", "000000"}})->status, 422);
  EXPECT_EQ(Post(admin, "/api/v1/users/tweedebeheerder/password",
                 {{"password", "overgenomen-wachtwoord"}})
                ->status,
            422);
  EXPECT_EQ(Post(admin, "/api/v1/users",
                 {{"username", "nieuwebaas"}, {"role", "admin"}, {"password", "lang-genoeg-12"}})
                ->status,
            422);
  // Not even with a code: one's own factor is reset by another admin or on the command line.
  clock_->Advance(std::chrono::seconds(31));
  auto own = Post(admin, "/api/v1/users/beheerder/second-factor/reset",
                  {{"step_up_code", OathtoolCode(kTotpSecret, clock_->Now())}});
  EXPECT_EQ(own->status, 403) << own->body;
  // With a fresh code it is done, once: the same code again is refused.
  clock_->Advance(std::chrono::seconds(31));
  const std::string code = OathtoolCode(kTotpSecret, clock_->Now());
  EXPECT_EQ(Post(admin, reset, {{"step_up_code", code}})->status, 204);
  EXPECT_EQ(Post(admin, "/api/v1/users/tweedebeheerder/password",
                 {{"password", "overgenomen-wachtwoord"}, {"step_up_code", code}})
                ->status,
            422);
  // A coordinator is told it is not theirs to do, not asked for a code.
  auto coordinator = Login("coordinator");
  EXPECT_EQ(Post(coordinator, reset, {{"step_up_code", "123456"}})->status, 403);
}

// The live stream went on after logout; the insurer's stream got an empty line at each hidden
// change of personal data (a timing signal); a practice user's stream showed the row ids of
// other practices' people.
TEST_F(HostileClientTest, TheEventStreamEndsWithItsSessionAndTellsNothingHidden) {
  auto coordinator = Login("coordinator");
  auto leaving = Login("coordinator2");
  auto insurer = Login("verzekeraar");
  auto practice = Login("praktijk");
  std::atomic<bool> done{false};
  auto listen = [&](const Session& who, std::string& received, int timeout_s) {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(timeout_s, 0);
    client.Get("/api/v1/events", {{"Cookie", who.cookie}}, [&](const char* data, size_t length) {
      received.append(data, length);
      return !done.load();
    });
  };
  std::string for_insurer, for_practice, for_leaving;
  std::thread a([&] { listen(insurer, for_insurer, 8); });  // beyond the 5 s heartbeat
  std::thread b([&] { listen(practice, for_practice, 8); });
  // Only the server can end this one (its read timeout is longer than the test waits).
  auto ended = std::async(std::launch::async, [&] { listen(leaving, for_leaving, 60); });
  auto person = json::parse(Get(coordinator, "/api/v1/people?limit=1")->body)["items"][0];
  const std::string path = "/api/v1/people/" + std::to_string(person["id"].get<int>());
  std::string etag = "\"" + std::to_string(person["version"].get<int>()) + "\"";
  for (int i = 0; i < 50 && for_practice.find("\"person\"") == std::string::npos; ++i) {
    auto res = Put(coordinator, path, {{"phone", "+3161234560" + std::to_string(i % 10)}}, etag);
    ASSERT_EQ(res->status, 200) << res->body;
    etag = res->get_header_value("ETag");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(Client().Delete("/api/v1/session", {{"Cookie", leaving.cookie},
                                                {"X-CSRF-Token", leaving.csrf}})
                ->status,
            204);
  EXPECT_EQ(ended.wait_for(std::chrono::seconds(20)), std::future_status::ready)
      << "the stream outlived its session";
  done = true;
  a.join();
  b.join();
  ended.wait();
  EXPECT_NE(for_practice.find("data: {\"table\":\"person\"}"), std::string::npos) << for_practice;
  EXPECT_EQ(for_practice.find("\"id\":" + std::to_string(person["id"].get<int>())),
            std::string::npos)
      << for_practice;
  EXPECT_EQ(for_insurer.find(": \n\n"), std::string::npos) << "an empty line per hidden change";
}

// FHIR links echoed the Host header: whoever sent the request chose the addresses in the answer.
TEST_F(HostileClientTest, FhirLinksDoNotEchoTheHostHeader) {
  auto metadata = Client().Get("/fhir/r4/metadata", {{"Host", "evil.example"}});
  ASSERT_TRUE(metadata);
  ASSERT_EQ(metadata->status, 200) << metadata->body;
  EXPECT_EQ(metadata->body.find("evil.example"), std::string::npos) << metadata->body;
  EXPECT_NE(metadata->body.find("http://127.0.0.1:" + std::to_string(port_) + "/fhir/r4"),
            std::string::npos)
      << metadata->body;
}

TEST(ImportSlots, AThirdImportAtOnceIsRefusedAndASlotComesBack) {
  auto first = ImportSlot::Take();
  auto second = ImportSlot::Take();
  ASSERT_TRUE(first);
  ASSERT_TRUE(second);
  auto third = ImportSlot::Take();
  ASSERT_FALSE(third);
  EXPECT_EQ(third.error().kind, ErrorKind::kRateLimited);
  EXPECT_EQ(HttpStatusFor(third.error()), 429);
  { auto released = std::move(first.value()); }
  EXPECT_TRUE(ImportSlot::Take());
}

// Every 503 said "Interne fout ... probeer het opnieuw" with status 500 in its body.
TEST(ProblemAnswers, AnUnavailableDatabaseIsSaidAsItIsWithItsOwnStatus) {
  const auto problem = ProblemJson(Error{ErrorKind::kUnavailable,
                                         "de database is nu niet bereikbaar; er is niets "
                                         "gewijzigd, probeer het over een paar seconden opnieuw"});
  EXPECT_EQ(problem["status"], 503);
  EXPECT_EQ(problem["title"], "Tijdelijk niet beschikbaar");
  EXPECT_NE(problem["detail"].get<std::string>().find("er is niets gewijzigd"), std::string::npos);
  // A real internal error still tells the client nothing of the server's insides.
  const auto internal = ProblemJson(Error::Internal("sqlite: no such column x"));
  EXPECT_EQ(internal["status"], 500);
  EXPECT_EQ(internal.dump().find("no such column"), std::string::npos);
}

}  // namespace
}  // namespace vangnet
