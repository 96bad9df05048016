#include "io/sso_settings_yaml.hpp"

#include <algorithm>
#include <filesystem>

#include "core/enum_names.hpp"
#include "core/identifiers.hpp"
#include "core/text.hpp"
#include "io/text_file.hpp"
#include "io/yaml_reader.hpp"

namespace vangnet {

namespace {

constexpr std::string_view kCallbackPath = "/api/v1/session/sso/callback";

// https, or plain http to this machine only (a test provider): a token or a secret must never
// cross a network unencrypted.
bool SafeUrl(std::string_view url) {
  if (url.starts_with("https://")) return url.size() > 8;
  for (std::string_view local : {"http://127.0.0.1", "http://localhost", "http://[::1]"}) {
    if (url.starts_with(local) &&
        (url.size() == local.size() || url[local.size()] == ':' || url[local.size()] == '/'))
      return true;
  }
  return false;
}

}  // namespace

Result<SsoSettings> ParseSsoSettingsYaml(std::string_view content, const std::string& file) {
  auto loaded = yaml::Load(content, file);
  if (!loaded) return loaded.error();
  const YAML::Node root = loaded.value();
  yaml::Reader r(file);
  SsoSettings out;
  out.file = file;
  r.OnlyKeys(root, "",
             {"issuer", "client_id", "client_secret_file", "redirect_uri", "scopes", "label",
              "username_claim", "name_claim", "require_mfa", "roles"});
  if (!root.IsMap()) return Error::Combined(r.Take());
  auto child = [&](const char* key) { return yaml::Reader::Child(root, key); };

  out.issuer = r.Text(root, "issuer", "");
  if (!out.issuer.empty() && !SafeUrl(out.issuer))
    r.Fail(child("issuer"), "issuer", "gebruik https:// (http alleen voor 127.0.0.1)");
  out.client_id = r.Text(root, "client_id", "");
  out.client_secret_file = r.Text(root, "client_secret_file", "", false);
  out.redirect_uri = r.Text(root, "redirect_uri", "");
  if (!out.redirect_uri.empty()) {
    if (!SafeUrl(out.redirect_uri))
      r.Fail(child("redirect_uri"), "redirect_uri",
             "gebruik https:// (http alleen voor 127.0.0.1)");
    else if (!out.redirect_uri.ends_with(kCallbackPath))
      r.Fail(child("redirect_uri"), "redirect_uri",
             "moet eindigen op " + std::string(kCallbackPath));
  }
  if (child("scopes")) {
    out.scopes.clear();
    r.List(root, "scopes", "", [&](const YAML::Node& n, const std::string& w) {
      const std::string scope = n.IsScalar() ? n.as<std::string>() : "";
      if (scope.empty() || scope.find_first_of(" \t\r\n\"") != std::string::npos)
        r.Fail(n, w, "een scope is één woord");
      else
        out.scopes.push_back(scope);
    });
    if (std::find(out.scopes.begin(), out.scopes.end(), "openid") == out.scopes.end())
      r.Fail(child("scopes"), "scopes", "'openid' moet erbij staan");
  }
  for (auto [key, target] :
       {std::pair{"label", &out.label}, std::pair{"username_claim", &out.username_claim},
        std::pair{"name_claim", &out.name_claim}}) {
    const std::string text = r.Text(root, key, "", false);
    if (!text.empty()) *target = text;
  }
  if (child("require_mfa")) {
    const std::string text = r.Text(root, "require_mfa", "");
    if (text == "true" || text == "false")
      out.require_mfa = text == "true";
    else
      r.Fail(child("require_mfa"), "require_mfa", "verwacht true of false");
  }

  r.List(root, "roles", "", [&](const YAML::Node& n, const std::string& w) {
    r.OnlyKeys(n, w, {"claim", "value", "role", "practices"});
    SsoRoleRule rule;
    rule.line = yaml::Reader::Line(n);
    rule.claim = r.Text(n, "claim", w);
    rule.value = r.Text(n, "value", w);
    const std::string role = r.Text(n, "role", w);
    if (auto parsed = ParseEnum(USER_ROLES, role)) {
      rule.role = *parsed;
    } else if (!role.empty()) {
      std::string known;
      for (const auto& e : USER_ROLES) known += (known.empty() ? "" : ", ") + std::string(e.code);
      r.Fail(yaml::Reader::Child(n, "role"), w + ".role",
             "onbekende rol '" + role + "'; kies uit " + known);
    }
    r.List(n, "practices", w, [&](const YAML::Node& p, const std::string& pw) {
      const std::string agb = p.IsScalar() ? p.as<std::string>() : "";
      if (auto problem = CheckAgb(agb))
        r.Fail(p, pw, *problem);
      else
        rule.practices.push_back(agb);
    });
    if (rule.role == UserRole::kPracticeUser && rule.practices.empty() && !role.empty())
      r.Fail(n, w + ".practices", "een praktijkgebruiker hoort bij minstens één praktijk (AGB)");
    if (rule.role != UserRole::kPracticeUser && !rule.practices.empty())
      r.Fail(yaml::Reader::Child(n, "practices"), w + ".practices",
             "alleen een praktijkgebruiker heeft praktijken");
    out.roles.push_back(std::move(rule));
  });
  if (out.roles.empty() && root.IsMap())
    r.Fail(root, "roles", "minstens één regel nodig: wie krijgt welke rol");

  Errors errors = r.Take();
  if (!errors.empty()) return Error::Combined(std::move(errors));
  return out;
}

Result<SsoSettings> LoadSsoSettings(const std::string& path) {
  auto content = ReadTextFile(path);
  if (!content) return content.error();
  auto settings = ParseSsoSettingsYaml(content.value(), path);
  if (!settings || settings.value().client_secret_file.empty()) return settings;
  std::filesystem::path secret_path(settings.value().client_secret_file);
  if (secret_path.is_relative())
    secret_path = std::filesystem::path(path).parent_path() / secret_path;
  auto secret = ReadTextFile(secret_path.string());
  if (!secret) return secret.error();
  std::string value(Trim(secret.value()));
  if (value.empty())
    return Error::Io(secret_path.string(), "het bestand met het clientgeheim is leeg");
  settings.value().client_secret = std::move(value);
  return settings;
}

}  // namespace vangnet
