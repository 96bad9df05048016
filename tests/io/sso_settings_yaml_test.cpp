// The single sign-on file: the README's example loads, and a wrong file is refused with file,
// line and field before the server starts.
#include "io/sso_settings_yaml.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "io/text_file.hpp"
#include "test_support/temp_dir.hpp"

namespace vangnet {
namespace {

TEST(SsoSettingsYaml, TheShippedEntraExampleLoads) {
  const std::string path = std::string(VANGNET_SOURCE_DIR) + "/examples/sso-entra.yaml";
  auto content = ReadTextFile(path);
  ASSERT_TRUE(content);
  auto settings = ParseSsoSettingsYaml(content.value(), path);
  ASSERT_TRUE(settings) << settings.error().ToString();
  EXPECT_TRUE(settings.value().issuer.starts_with("https://login.microsoftonline.com/"));
  EXPECT_TRUE(settings.value().require_mfa);
  ASSERT_EQ(settings.value().roles.size(), 3u);
  EXPECT_EQ(settings.value().roles[0].role, UserRole::kCoordinator);
  EXPECT_EQ(settings.value().roles[2].practices, std::vector<std::string>{"01234567"});
  EXPECT_EQ(settings.value().client_secret_file, "sso-client-secret.txt");
}

TEST(SsoSettingsYaml, TheClientSecretComesFromItsOwnFileNextToTheSettings) {
  TempDir dir;
  std::ofstream(dir.Path("secret.txt")) << "  geheim-van-de-client \n";
  std::ofstream(dir.Path("sso.yaml"))
      << "issuer: https://idp.example.nl\n"
         "client_id: vangnet\n"
         "client_secret_file: secret.txt\n"
         "redirect_uri: https://vangnet.example.nl/api/v1/session/sso/callback\n"
         "roles: [{claim: groups, value: rho, role: coordinator}]\n";
  auto settings = LoadSsoSettings(dir.Path("sso.yaml"));
  ASSERT_TRUE(settings) << settings.error().ToString();
  EXPECT_EQ(settings.value().client_secret, "geheim-van-de-client");
  EXPECT_EQ(settings.value().scopes, (std::vector<std::string>{"openid", "profile", "email"}));
}

TEST(SsoSettingsYaml, AnUnsafeOrIncompleteFileIsRefusedWithLineAndField) {
  auto settings = ParseSsoSettingsYaml(
      "issuer: http://idp.example.nl\n"
      "client_id: vangnet\n"
      "redirect_uri: https://vangnet.example.nl/terug\n"
      "scopes: [profile]\n"
      "require_mfa: misschien\n"
      "roles:\n"
      "  - claim: groups\n"
      "    value: a\n"
      "    role: superuser\n"
      "  - claim: groups\n"
      "    value: b\n"
      "    role: practice_user\n"
      "  - claim: groups\n"
      "    value: c\n"
      "    role: coordinator\n"
      "    practices: ['01234567']\n"
      "  - claim: groups\n"
      "    value: d\n"
      "    role: practice_user\n"
      "    practices: ['123']\n"
      "    extra: 1\n",
      "sso.yaml");
  ASSERT_FALSE(settings);
  std::string text = settings.error().ToString();
  for (const auto& more : settings.error().more) text += "\n" + more.ToString();
  for (const char* expected :
       {"regel 1, veld issuer", "regel 3, veld redirect_uri", "regel 4, veld scopes",
        "regel 5, veld require_mfa", "regel 9, veld roles[0].role", "veld roles[1].practices",
        "regel 16, veld roles[2].practices", "regel 20, veld roles[3].practices[0]",
        "regel 21, veld roles[3].extra"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " in:\n" << text;
  }
  EXPECT_NE(text.find("sso.yaml"), std::string::npos);
}

TEST(SsoSettingsYaml, PlainHttpIsAllowedForAProviderOnThisMachineOnly) {
  auto settings = ParseSsoSettingsYaml(
      "issuer: http://127.0.0.1:4010\n"
      "client_id: vangnet\n"
      "redirect_uri: http://127.0.0.1:8080/api/v1/session/sso/callback\n"
      "roles: [{claim: groups, value: rho, role: coordinator}]\n",
      "sso.yaml");
  ASSERT_TRUE(settings) << settings.error().ToString();
  EXPECT_FALSE(
      ParseSsoSettingsYaml("issuer: http://127.0.0.1.evil.example\nclient_id: v\n"
                           "redirect_uri: http://127.0.0.1:8080/api/v1/session/sso/callback\n"
                           "roles: [{claim: g, value: r, role: coordinator}]\n",
                           "sso.yaml"));
}

}  // namespace
}  // namespace vangnet
