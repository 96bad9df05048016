// The single sign-on file (`vangnet serve --sso FILE`) -> SsoSettings, validated at start: every
// error names the file, line and field. README "Single sign-on" shows an example.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/sso_settings.hpp"

namespace vangnet {

// Parses and validates the file's content; client_secret_file is kept as a path.
Result<SsoSettings> ParseSsoSettingsYaml(std::string_view content, const std::string& file);
// Reads the file and then the client secret from client_secret_file (relative to the file's
// folder), so the secret can live with tighter permissions than the settings.
Result<SsoSettings> LoadSsoSettings(const std::string& path);

}  // namespace vangnet
