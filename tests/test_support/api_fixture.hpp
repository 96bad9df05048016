// A running HTTP server on the demo region with one account per role, and a client that logs
// in as any of them: the fixture of the API and security tests.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "http/http_server.hpp"
#include "services/auth/account_service.hpp"
#include "test_support/registry_fixture.hpp"
#include "test_support/run_command.hpp"

namespace vangnet {

using nlohmann::json;

constexpr const char* kPassword = "wachtwoord-voor-tests";
// Every fixture account's second factor (RFC 6238 test-style secret, base32).
constexpr const char* kTotpSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

struct Session {
  std::string cookie;
  std::string csrf;
};

class ApiFixture : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    // A manual clock at the real time, moved on half a minute before each login: every login's
    // second-factor code is then of a new time step, as a code may be used only once.
    clock_ = new ManualClock(WallClock().Now());
    store_ = OpenTestStore(dir_->Path("api.db"), *clock_).release();
    ASSERT_TRUE(SaveRegistryRecords(*store_, kTestActor, BuildDemoRegion({})));
    accounts_ = new AccountService(*store_, PasswordCost::Minimum());
    for (auto [name, role] :
         std::vector<std::pair<std::string, UserRole>>{{"beheerder", UserRole::kAdmin},
                                                       {"coordinator", UserRole::kCoordinator},
                                                       {"coordinator2", UserRole::kCoordinator},
                                                       {"crisisteam", UserRole::kCrisisTeam},
                                                       {"praktijk", UserRole::kPracticeUser},
                                                       {"verzekeraar", UserRole::kInsurerLiaison},
                                                       {"lezer", UserRole::kReadOnly}}) {
      UserAccount user;
      user.username = name;
      user.role = role;
      if (role == UserRole::kPracticeUser) user.practice_agbs = {"01051037"};
      ASSERT_TRUE(accounts_->AddUser(kTestActor, user, kPassword));
      ASSERT_TRUE(accounts_->SetSecondFactorSecret(kTestActor, name, kTotpSecret));
    }
    AppSettings settings;
    std::filesystem::create_directories(dir_->Path("bundles"));
    settings.bundle.folder = dir_->Path("bundles");  // no scheduler here: only on request
    // Single sign-on with a provider that is not there (nothing listens on port 9): the routes
    // answer, and every step that needs the provider says it cannot be reached.
    std::ofstream(dir_->Path("sso.yaml"))
        << "issuer: http://127.0.0.1:9\n"
           "client_id: vangnet\n"
           "redirect_uri: http://127.0.0.1:8080/api/v1/session/sso/callback\n"
           "label: Inloggen met uw organisatie\n"
           "roles: [{claim: groups, value: rho, role: coordinator}]\n";
    settings.sso_file = dir_->Path("sso.yaml");
    services_ = new AppServices(*store_, *accounts_, settings);
    ServerOptions options;
    options.port = 0;
    options.threads = 8;
    server_ = new HttpServer(*services_, options);
    auto port = server_->Bind();
    ASSERT_TRUE(port);
    port_ = port.value();
    thread_ = new std::thread([] { server_->Run(); });
  }
  static void TearDownTestSuite() {
    server_->Stop();
    thread_->join();
    delete thread_;
    delete server_;
    delete services_;
    delete accounts_;
    delete store_;
    delete dir_;
    delete clock_;
  }

  httplib::Client Client() {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(10, 0);
    return client;
  }

  // Logs in with password and second factor, as the login page does.
  Session Login(const std::string& username) {
    auto client = Client();
    auto first =
        client.Post("/api/v1/session", json{{"username", username}, {"password", kPassword}}.dump(),
                    "application/json");
    EXPECT_TRUE(first);
    EXPECT_EQ(first->status, 200) << first->body;
    auto step = json::parse(first->body);
    EXPECT_EQ(step.value("second_factor", ""), "code") << first->body;
    clock_->Advance(std::chrono::seconds(31));
    auto res = client.Post("/api/v1/session/second-factor",
                           json{{"pending", step.value("pending", "")},
                                {"code", OathtoolCode(kTotpSecret, clock_->Now())}}
                               .dump(),
                           "application/json");
    EXPECT_TRUE(res);
    EXPECT_EQ(res->status, 200) << res->body;
    std::string cookie = res->get_header_value("Set-Cookie");
    return Session{cookie.substr(0, cookie.find(';')), json::parse(res->body)["csrf_token"]};
  }

  httplib::Result Get(const Session& s, const std::string& path) {
    return Client().Get(path, {{"Cookie", s.cookie}});
  }
  httplib::Result Put(const Session& s, const std::string& path, const json& body,
                      const std::string& if_match) {
    httplib::Headers headers{{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}};
    if (!if_match.empty()) headers.emplace("If-Match", if_match);
    return Client().Put(path, headers, body.dump(), "application/json");
  }
  // `if_match`: the version the change was made against, as an ETag ("\"3\"").
  httplib::Result Post(const Session& s, const std::string& path, const json& body,
                       const std::string& if_match = "") {
    httplib::Headers headers{{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}};
    if (!if_match.empty()) headers.emplace("If-Match", if_match);
    return Client().Post(path, headers, body.dump(), "application/json");
  }

  // The id and ETag of the practice with this AGB.
  std::pair<int, std::string> PracticeHandle(const Session& s, const std::string& agb) {
    auto list = Get(s, "/api/v1/practices?agb=" + agb);
    int id = json::parse(list->body)["items"][0]["id"];
    auto one = Get(s, "/api/v1/practices/" + std::to_string(id));
    return {id, one->get_header_value("ETag")};
  }

  static inline TempDir* dir_ = nullptr;
  static inline ManualClock* clock_ = nullptr;
  static inline Store* store_ = nullptr;
  static inline AccountService* accounts_ = nullptr;
  static inline AppServices* services_ = nullptr;
  static inline HttpServer* server_ = nullptr;
  static inline std::thread* thread_ = nullptr;
  static inline int port_ = 0;
};

}  // namespace vangnet
