// vangnet user add | passwd | list | disable | enable
#include <sodium.h>

#include <iostream>

#include "cli/cli_args.hpp"
#include "cli/commands.hpp"
#include "services/auth/account_service.hpp"

namespace vangnet::cli {

namespace {

// A password a person can type from a printout: 16 characters without look-alikes (0/O, 1/l).
std::string GeneratePassword() {
  const std::string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string password;
  for (int i = 0; i < 16; ++i) {
    password += alphabet[randombytes_uniform(static_cast<std::uint32_t>(alphabet.size()))];
  }
  return password;
}

// The password from standard input (--password-stdin, for scripts) or a generated one.
std::string PasswordFrom(const Args& args, bool& generated) {
  generated = !args.Has("password-stdin");
  if (generated) return GeneratePassword();
  std::string password;
  std::getline(std::cin, password);
  return password;
}

}  // namespace

int RunUser(const std::vector<std::string>& argv) {
  std::string error;
  auto args = Args::Parse(argv, {"db", "role", "name", "practice"}, {"password-stdin"}, error);
  if (!args) {
    std::cerr << "vangnet: " << error << " (zie --help)\n";
    return kExitUsage;
  }
  const auto& words = args->positionals();
  if (words.empty()) {
    std::cerr << "vangnet: gebruik vangnet user add|passwd|reset-2fa|list|disable|enable (zie "
                 "--help)\n";
    return kExitUsage;
  }
  auto store = OpenStore(args->Get("db", kDefaultDb));
  if (!store) return Fail(store.error());
  AccountService accounts(*store.value(), PasswordCost::FromEnvironment());
  const std::string& verb = words[0];
  Actor actor = CommandLineActor("gebruikersbeheer");

  if (verb == "list") {
    auto users = accounts.ListUsers(Caller::System(actor));
    if (!users) return Fail(users.error());
    for (const auto& u : users.value()) {
      std::string practices;
      for (const auto& agb : u.practice_agbs) practices += (practices.empty() ? "" : ",") + agb;
      std::printf("%-20s %-16s %-30s %s%s\n", u.username.c_str(),
                  std::string(EnumCode(USER_ROLES, u.role)).c_str(), u.display_name.c_str(),
                  practices.c_str(), u.disabled ? "  (geblokkeerd)" : "");
    }
    return kExitOk;
  }
  if (words.size() != 2) {
    std::cerr << "vangnet: geef precies één gebruikersnaam op\n";
    return kExitUsage;
  }
  const std::string& username = words[1];
  bool generated = false;
  if (verb == "add") {
    auto role = ParseEnum(USER_ROLES, args->Get("role"));
    if (!role) {
      std::cerr << "vangnet: --role is verplicht; kies uit " << EnumCodeList(USER_ROLES) << "\n";
      return kExitUsage;
    }
    UserAccount user;
    user.username = username;
    user.display_name = args->Get("name", username);
    user.role = *role;
    if (args->Has("practice")) {
      std::string list = args->Get("practice");
      for (std::size_t start = 0; start < list.size();) {
        auto comma = list.find(',', start);
        if (comma == std::string::npos) comma = list.size();
        user.practice_agbs.push_back(list.substr(start, comma - start));
        start = comma + 1;
      }
    }
    std::string password = PasswordFrom(*args, generated);
    auto added = accounts.AddUser(actor, user, password);
    if (!added) return Fail(added.error());
    std::cout << "Gebruiker " << username << " aangemaakt (" << EnumLabel(USER_ROLES, *role)
              << ").\n";
    if (generated) std::cout << "Wachtwoord: " << password << "\n";
  } else if (verb == "passwd") {
    std::string password = PasswordFrom(*args, generated);
    if (auto s = accounts.SetPassword(actor, username, password); !s) return Fail(s.error());
    std::cout << "Wachtwoord van " << username << " gewijzigd; open sessies zijn beëindigd.\n";
    if (generated) std::cout << "Nieuw wachtwoord: " << password << "\n";
    return kExitOk;
  } else if (verb == "reset-2fa") {
    // The way back in for an admin who lost their own phone: whoever runs this on the server.
    if (auto s = accounts.ResetSecondFactor(Caller::System(actor), username); !s) {
      return Fail(s.error());
    }
    std::cout << "Tweede factor van " << username
              << " gewist; bij de volgende aanmelding stelt de gebruiker een nieuwe in.\n";
    return kExitOk;
  } else if (verb == "disable" || verb == "enable") {
    if (auto s = accounts.SetDisabled(actor, username, verb == "disable"); !s) {
      return Fail(s.error());
    }
    std::cout << "Gebruiker " << username << (verb == "disable" ? " geblokkeerd" : " weer actief")
              << ".\n";
    return kExitOk;
  } else {
    std::cerr << "vangnet: onbekende actie '" << verb << "'\n";
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace vangnet::cli
