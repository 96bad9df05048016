// vangnet migrate | import | export | summary | audit | demo
#include <sodium.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/cli_args.hpp"
#include "cli/commands.hpp"
#include "core/registry.hpp"
#include "io/text_file.hpp"
#include "services/audit/audit_service.hpp"
#include "services/auth/account_service.hpp"
#include "services/auth/totp.hpp"
#include "services/demo/demo_region.hpp"
#include "services/registry/fhir_directory_service.hpp"
#include "services/registry/record_rules.hpp"
#include "services/registry/region_service.hpp"
#include "services/registry/registry_transfer.hpp"
#include "store/store.hpp"

namespace vangnet::cli {

namespace {

// Parses arguments; on error prints it and sets `exit_code`.
double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// One account per role, with random passwords kept beside the database (readable only by its
// owner) so that `serve` can show them: a demo is useless if nobody can log in.
Status CreateDemoAccounts(Store& store, const Actor& actor, const std::string& db_path) {
  AccountService accounts(store, PasswordCost::FromEnvironment());
  struct DemoUser {
    const char* username;
    const char* name;
    UserRole role;
  };
  const DemoUser users[] = {
      {"beheerder", "Beheerder (demo)", UserRole::kAdmin},
      {"coordinator", "Continuïteitscoördinator (demo)", UserRole::kCoordinator},
      {"crisisteam", "Lid crisisteam (demo)", UserRole::kCrisisTeam},
      {"praktijk", "Praktijkhouder (demo)", UserRole::kPracticeUser},
      {"verzekeraar", "Zorgverzekeraar (demo)", UserRole::kInsurerLiaison},
      {"lezer", "Alleen lezen (demo)", UserRole::kReadOnly},
  };
  std::string first_practice;
  {
    auto uow = store.BeginRead(actor);
    if (!uow) return uow.error();
    auto practices = uow.value()->Table<Practice>().List();
    if (!practices.empty()) first_practice = practices.front().agb;
  }
  std::string listing;
  for (const auto& u : users) {
    UserAccount account;
    account.username = u.username;
    account.display_name = u.name;
    account.role = u.role;
    if (u.role == UserRole::kPracticeUser) account.practice_agbs = {first_practice};
    unsigned char bytes[9];
    randombytes_buf(bytes, sizeof bytes);
    char password[32];
    sodium_bin2base64(password, sizeof password, bytes, sizeof bytes,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    auto added = accounts.AddUser(actor, account, password);
    if (!added) return added.error();
    // A known second factor per demo account, so the demo stays usable: add the secret to an
    // authenticator app, or compute a code with `oathtool --totp -b SECRET`.
    const std::string secret = totp::NewSecretBase32();
    if (auto s = accounts.SetSecondFactorSecret(actor, u.username, secret); !s) return s;
    char line[200];
    std::snprintf(line, sizeof line, "  %-12s %-14s %-34s %s\n", u.username, password,
                  secret.c_str(), std::string(EnumLabel(USER_ROLES, u.role)).c_str());
    listing += line;
  }
  listing = "  gebruiker    wachtwoord     tweede factor (TOTP-geheim)        rol\n" + listing;
  const std::string file = DemoLoginsPath(db_path);
  {
    std::ofstream out(file, std::ios::trunc);
    out << listing;
    if (!out) return Error::Io(file, "demo-inloggegevens konden niet worden bewaard");
  }
  std::filesystem::permissions(
      file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  std::cout << "Demo-inloggegevens (ook bewaard in " << file << "):\n" << listing << "\n";
  return Ok{};
}

}  // namespace

int RunMigrate(const std::vector<std::string>& argv) {
  int code = kExitOk;
  auto args = ParseOrFail(argv, {"db"}, {}, code);
  if (!args) return code;
  std::string path = args->Get("db", kDefaultDb);
  auto store = OpenStore(path);  // opening applies pending migrations
  if (!store) return Fail(store.error());
  std::cout << "Database " << path << " is bijgewerkt naar het nieuwste schema.\n";
  return kExitOk;
}

int RunSummary(const std::vector<std::string>& argv) {
  int code = kExitOk;
  auto args = ParseOrFail(argv, {"db"}, {}, code);
  if (!args) return code;
  auto store = OpenStore(args->Get("db", kDefaultDb));
  if (!store) return Fail(store.error());
  RegionService region(*store.value());
  auto summary = region.Summary(Caller::System(CommandLineActor("overzicht regio")));
  if (!summary) return Fail(summary.error());
  std::cout << FormatRegionSummary(summary.value());
  return kExitOk;
}

int RunDemo(const std::vector<std::string>& argv) {
  int code = kExitOk;
  auto args = ParseOrFail(argv, {"db", "seed"}, {"reset", "national"}, code);
  if (!args) return code;
  std::string path = args->Get("db", kDefaultDb);
  if (args->Has("reset") && IsPostgresAddress(path)) {
    std::cerr << "vangnet: --reset werkt alleen op een SQLite-bestand; maak op PostgreSQL een "
                 "nieuwe, lege database (dropdb en createdb)\n";
    return kExitUsage;
  }
  if (args->Has("reset")) {
    for (const char* suffix : {"", "-wal", "-shm", ".demo-logins.txt"}) {
      std::filesystem::remove(path + suffix);
    }
  }
  DemoRegionOptions options;
  options.today = WallClock().Today();  // the demo is made as of the real today
  options.national = args->Has("national");
  if (args->Has("seed")) {
    auto seed = ParseInteger(args->Get("seed"));
    if (!seed || *seed < 0) {
      std::cerr << "vangnet: --seed verwacht een positief geheel getal\n";
      return kExitUsage;
    }
    options.seed = static_cast<std::uint64_t>(*seed);
  }
  auto store = OpenStore(path);
  if (!store) return Fail(store.error());
  Actor actor = CommandLineActor("demo-regio aanmaken");
  {
    auto uow = store.value()->BeginRead(actor);
    if (!uow) return Fail(uow.error());
    if (uow.value()->Table<Practice>().Count() > 0) {
      std::cout << "De database " << path << " bevat al een regio; er is niets veranderd.\n"
                << "(Opnieuw beginnen: vangnet demo --reset)\n\n"
                << FormatRegionSummary(SummariseRegion(*uow.value(), options.today));
      return kExitOk;
    }
  }
  auto start = std::chrono::steady_clock::now();
  RegistryRecords region = BuildDemoRegion(options);
  auto saved = SaveRegistryRecords(*store.value(), actor, region);
  if (!saved) return Fail(saved.error());
  std::printf(
      "%s aangemaakt in %s (%zu records, %.2f s).\n\n",
      options.national ? "Landelijk demo-register (verzonnen)" : "Demo-regio Maastricht-Heuvelland",
      path.c_str(), saved.value().created, SecondsSince(start));
  if (auto s = CreateDemoAccounts(*store.value(), actor, path); !s) return Fail(s.error());
  auto uow = store.value()->BeginRead(actor);
  if (!uow) return Fail(uow.error());
  std::cout << FormatRegionSummary(SummariseRegion(*uow.value(), options.today));
  return kExitOk;
}

int RunImport(const std::vector<std::string>& argv) {
  int code = kExitOk;
  auto args = ParseOrFail(argv, {"db", "kind", "reason"}, {"check"}, code);
  if (!args) return code;
  if (args->positionals().empty()) {
    std::cerr << "vangnet: geef een of meer CSV-bestanden of een map op (zie --help)\n";
    return kExitUsage;
  }
  auto files = ReadImportFiles(args->positionals(), args->Get("kind"));
  if (!files) {
    std::cerr << "vangnet: " << files.error().ToString() << "\n";
    return kExitNoInput;
  }
  auto store = OpenStore(args->Get("db", kDefaultDb));
  if (!store) return Fail(store.error());
  auto start = std::chrono::steady_clock::now();
  ImportOptions options;
  options.apply = !args->Has("check");
  options.max_listed_changes = options.apply ? 0 : 20;
  auto report = ImportRegistry(
      *store.value(),
      Caller::System(CommandLineActor(args->Get("reason", "import registergegevens"))),
      std::move(files.value()), options);
  if (!options.apply && report.errors.empty()) {
    std::cout << "Gecontroleerd; er is niets opgeslagen. Bij inlezen zou veranderen:\n";
    for (const auto& f : report.files) {
      std::printf("%-40s %6zu nieuw, %6zu bijgewerkt, %6zu ongewijzigd\n", f.name.c_str(),
                  f.created, f.updated, f.unchanged);
      for (const auto& c : f.changes) {
        std::cout << "  regel " << c.line << ": " << (c.added ? "nieuw " : "") << c.key;
        for (const auto& field : c.fields) {
          std::cout << "; " << field.field << ": '" << field.before << "' -> '" << field.after
                    << "'";
        }
        std::cout << "\n";
      }
    }
    return kExitOk;
  }
  if (!report.committed) {
    std::cerr << "Import geweigerd; er is niets opgeslagen. Gevonden fouten:\n";
    for (const auto& e : report.errors) std::cerr << "  " << e.ToString() << "\n";
    if (report.errors.size() >= 100) std::cerr << "  (na 100 fouten gestopt met zoeken)\n";
    bool data = !report.errors.empty() && (report.errors[0].kind == ErrorKind::kValidation ||
                                           report.errors[0].kind == ErrorKind::kNotFound ||
                                           report.errors[0].kind == ErrorKind::kConflict ||
                                           report.errors[0].kind == ErrorKind::kIo);
    return data ? kExitDataError : kExitSoftware;
  }
  std::size_t rows = 0;
  for (const auto& f : report.files) {
    std::printf("%-40s %6zu nieuw, %6zu bijgewerkt, %6zu ongewijzigd\n", f.name.c_str(), f.created,
                f.updated, f.unchanged);
    rows += f.created + f.updated + f.unchanged;
  }
  std::printf("Ingelezen: %zu regels in %.2f s.\n", rows, SecondsSince(start));
  return kExitOk;
}

int RunExport(const std::vector<std::string>& argv) {
  int code = kExitOk;
  auto args = ParseOrFail(argv, {"db", "reason", "format"}, {}, code);
  if (!args) return code;
  const std::string format = args->Get("format", "csv");
  if (format != "csv" && format != "xlsx" && format != "fhir") {
    std::cerr << "vangnet: --format is csv (een map met CSV-bestanden), xlsx (één Excel-werkmap) "
                 "of fhir (één FHIR-bundel, JSON)\n";
    return kExitUsage;
  }
  if (args->positionals().size() != 1) {
    std::cerr << (format == "csv" ? "vangnet: geef precies één doelmap op (zie --help)\n"
                                  : "vangnet: geef precies één doelbestand op, zoals regio." +
                                        std::string(format == "fhir" ? "json" : "xlsx") + "\n");
    return kExitUsage;
  }
  auto store = OpenStore(args->Get("db", kDefaultDb));
  if (!store) return Fail(store.error());
  const Actor actor = CommandLineActor(args->Get("reason", "export registergegevens"));
  const std::string& target = args->positionals()[0];
  if (format == "fhir") {
    // The directory's own export (fhir_directory_service.hpp): every resource, one Bundle.
    FhirDirectoryService directory(*store.value());
    auto bundle = directory.ExportBundle(Caller::System(actor), "urn:vangnet:export");
    if (!bundle) return Fail(bundle.error());
    const std::string text =
        bundle.value().dump(1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (auto s = WriteFileAtomically(target, text + "\n"); !s) return Fail(s.error());
    std::printf("%s geschreven (%zu resources).\n", target.c_str(), bundle.value()["entry"].size());
    return kExitOk;
  }
  if (format == "xlsx") {
    auto workbook = ExportRegistryWorkbook(*store.value(), Caller::System(actor));
    if (!workbook) return Fail(workbook.error());
    if (auto s = WriteFileAtomically(target, workbook.value()); !s) return Fail(s.error());
    std::printf("%s geschreven (%zu bytes).\n", target.c_str(), workbook.value().size());
    return kExitOk;
  }
  auto report = ExportRegistry(*store.value(), actor, target);
  if (!report) return Fail(report.error());
  for (const auto& f : report.value().files) {
    std::printf("%-40s %6zu regels\n", f.name.c_str(), f.created);
  }
  return kExitOk;
}

int RunAudit(const std::vector<std::string>& argv) {
  int code = kExitOk;
  auto args = ParseOrFail(argv, {"db", "limit", "type", "key"}, {}, code);
  if (!args) return code;
  const auto& verb = args->positionals();
  if (verb.size() != 1 || (verb[0] != "list" && verb[0] != "verify")) {
    std::cerr << "vangnet: gebruik 'vangnet audit list' of 'vangnet audit verify'\n";
    return kExitUsage;
  }
  auto store = OpenStore(args->Get("db", kDefaultDb));
  if (!store) return Fail(store.error());
  AuditService audit(*store.value());
  const Caller caller = Caller::System(CommandLineActor("auditlog inzien"));
  if (verb[0] == "verify") {
    auto broken = audit.FirstBrokenLink(caller);
    if (!broken) return Fail(broken.error());
    if (broken.value()) {
      std::cerr << "Auditlog is aangetast vanaf regel " << *broken.value() << ".\n";
      return kExitDataError;
    }
    // What was just found intact becomes a checkpoint: a later cut or rewrite shows.
    if (auto s = audit.Checkpoint(); !s) return Fail(s.error());
    std::cout << "Auditlog is intact (sleutel: " << store.value()->keys().path() << ").\n";
    return kExitOk;
  }
  AuditFilter filter;
  filter.object_type = args->Get("type");
  filter.object_key = args->Get("key");
  filter.limit = static_cast<int>(ParseInteger(args->Get("limit", "100")).value_or(100));
  auto events = audit.List(caller, filter);  // the read itself is recorded
  if (!events) return Fail(events.error());
  for (const auto& e : events.value()) {
    std::cout << e.id << "  " << e.occurred_at << "  " << e.actor_user << " (" << e.actor_role
              << ")  " << e.action << "  " << e.object_type << " " << e.object_key << "  "
              << e.details << "\n";
  }
  return kExitOk;
}

}  // namespace vangnet::cli
