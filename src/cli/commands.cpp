#include "cli/commands.hpp"

#include <pwd.h>
#include <unistd.h>

#include <iostream>

#include "cli/cli_args.hpp"

namespace vangnet::cli {

const std::vector<Command>& Commands() {
  static const std::vector<Command> commands{
      {"serve", "de webserver starten (API en web-UI)",
       "Gebruik: vangnet serve [--db PAD] [--listen HOST:POORT] [--web MAP] [--tile-url URL]\n"
       "                     [--behind-tls] [--public-url URL] [--smtp-url URL ...]\n"
       "                     [--sms-webhook URL] [--alarm-timeout DUUR]\n\n"
       "Start de webserver. Open daarna het getoonde adres in de browser.\n\n"
       "  --db PAD          databasebestand (standaard vangnet.db)\n"
       "  --listen ADRES    standaard 127.0.0.1:8080\n"
       "  --web MAP         de gebouwde web-UI (standaard web/dist naast de build)\n"
       "  --tile-url URL    kaarttegels, bijv. https://tiles.example.nl/{z}/{x}/{y}.png;\n"
       "                    zonder deze optie toont de kaart een achtergrond zonder internet\n"
       "  --behind-tls      er staat een HTTPS-proxy voor: cookies alleen via HTTPS\n"
       "  --require-2fa on|except-read-only|off\n"
       "                    tweede factor (TOTP-app) bij het aanmelden; standaard on: voor\n"
       "                    iedereen\n"
       "  --sso BESTAND     aanmelden via de eigen identiteitsprovider van de organisatie\n"
       "                    (OpenID Connect, bijv. Microsoft Entra ID); zie README\n"
       "  --playbooks MAP   eigen draaiboeken van de regio (naast de meegeleverde)\n"
       "  --norms BESTAND   eigen drempels voor de continuïteitsmonitor\n"
       "  --areas BESTAND   eigen gebieden voor de stresstest\n"
       "  --preparedness BESTAND  eigen paraatheidsregels (kalender)\n\n"
       "Alarmering (zonder deze opties verschijnen alarmen alleen in vangnet zelf):\n"
       "  --public-url URL       het adres waarop men vangnet opent, voor de\n"
       "                         bevestigingslink in alarmberichten\n"
       "  --smtp-url URL         e-mail via smtp://host:587 (STARTTLS) of smtps://host:465\n"
       "  --smtp-from ADRES      afzender (standaard vangnet@localhost)\n"
       "  --smtp-user NAAM       inlognaam; wachtwoord in VANGNET_SMTP_PASSWORD\n"
       "  --smtp-require-tls     nooit onversleuteld verzenden\n"
       "  --sms-webhook URL      sms via een gateway: POST {\"to\",\"text\"} als JSON;\n"
       "                         token (optioneel) in VANGNET_SMS_TOKEN\n"
       "  --alarm-timeout DUUR   wachttijd op bevestiging voor de vervanger wordt\n"
       "                         gealarmeerd (standaard 10m; ook 90s, 1h)\n"
       "  --digest-interval DUUR overzicht van te late taken aan de coördinator (standaard 1h)\n"
       "  --tick DUUR            hoe vaak de klok loopt (standaard 15s)\n"
       "  --reminder-hour UUR    vanaf dit uur (Nederlandse tijd) gaan de maandelijkse\n"
       "                         herinneringen van de paraatheidskalender uit (standaard 8)\n\n"
       "Offline-bundel (zie vangnet bundle --help):\n"
       "  --bundle-dir MAP       elke nacht de offline-bundel in deze map\n"
       "  --bundle-hour UUR      vanaf dit uur (Nederlandse tijd, standaard 2)\n",
       RunServe},
      {"monitor", "continuïteitssignalen en opvolgingsradar van de regio",
       "Gebruik: vangnet monitor [--db PAD] [--format table|csv|json] [--norms BESTAND]\n"
       "                       [--record]\n\n"
       "Toont per praktijk de signalen die afgaan (met de cijfers erachter), de praktijken\n"
       "met het hoogste risico eerst, per wijk en hagro de aantallen en de ruimte bij de\n"
       "norm, en de opvolgingsradar voor tien jaar.\n\n"
       "  --format      table (standaard), csv (één regel per praktijk) of json\n"
       "  --norms       eigen drempels van de regio (standaard de meegeleverde\n"
       "                norms/signals.yaml)\n"
       "  --record      het maandoverzicht vastleggen voor de trend (één keer per maand)\n",
       RunMonitor},
      {"programme", "de lange programma's: opvolgingstrajecten en van solo naar samen",
       "Gebruik: vangnet programme succession|collaboration [--db PAD]\n"
       "                         [--format table|csv|json] [--norms BESTAND]\n\n"
       "succession     de opvolgingstrajecten (bron 003) naast de praktijken met een\n"
       "               houder van 60+ zonder traject; te late stappen eerst\n"
       "collaboration  van solo naar samen (bron 000 §2): de fasen en activiteiten van\n"
       "               het regionale programma, per jaar hoeveel solopraktijken\n"
       "               waarneming bij uitval hebben, en per praktijk wat is afgesproken\n\n"
       "Bijhouden gaat in het register (webpagina Programma's, of vangnet import met\n"
       "succession_trajectories.csv, collaborations.csv, programme_activities.csv).\n\n"
       "  --format   table (standaard), csv of json\n"
       "  --norms    eigen drempels (de leeftijd voor het opvolgingsgesprek)\n",
       RunProgramme},
      {"stress", "stresstest: welke uitval kan de regio opvangen, nu of in een later jaar",
       "Gebruik: vangnet stress [--db PAD] [--year JAAR] [--area GEBIED ...]\n"
       "                      [--format table|csv|json] [--max-km KM] [--threads N]\n"
       "                      [--capacity-per-fte N]\n"
       "                      [--norms BESTAND] [--areas BESTAND]\n\n"
       "Sluit elke praktijk om de beurt (N-1), elke gemeente en elk gebied uit\n"
       "norms/stress_areas.yaml, en verdeelt de patiënten telkens over de buren met hun\n"
       "ruimte tot de normpraktijk. Toont per scenario hoeveel patiënten een plek vinden,\n"
       "welke buren vollopen en de zwakke plekken van de regio, minst op te vangen eerst.\n"
       "Waar geen patiëntenlijst is, worden huishoudens verzonnen uit de lijstgrootte.\n\n"
       "  --year JAAR     de regio in dat jaar: praktijken waarvan alle houders dan gestopt\n"
       "                  zijn zonder bekende opvolger, zijn eerst gesloten\n"
       "  --area GEBIED   alleen dit gebied (vaker te geven):\n"
       "                    municipality:Meerssen      alle praktijken in een gemeente\n"
       "                    zone:geul-overstroming     een gebied uit het gebiedenbestand\n"
       "                    postcodes:6301,6305        praktijken in deze postcodes\n"
       "                    practices:01051037,...     precies deze praktijken\n"
       "  --format        table (standaard), csv (één regel per scenario) of json\n"
       "  --max-km KM     maximale afstand (standaard 15; kwetsbaren 10)\n"
       "  --capacity-per-fte N  buren vullen aan tot N patiënten per fte huisarts\n"
       "                  (standaard de normpraktijk, 2095; in een crisis bijv. 2500)\n"
       "  --threads N     rekenkernen (standaard 0: alle)\n"
       "  --areas BESTAND eigen gebieden van de regio (standaard norms/stress_areas.yaml)\n",
       RunStress},
      {"bundle", "offline-bundel: alle papieren terugvalopties en het register in één zip",
       "Gebruik: vangnet bundle --out MAP [--db PAD] [--keep N] [--playbooks MAP]\n\n"
       "Schrijft vangnet-offline-JJJJ-MM-DD.zip in MAP: de contactlijst, alle\n"
       "calamiteitenkaarten, elk draaiboek met logblad, lege triage- en receptformulieren,\n"
       "het rapport van elk lopend incident en het register als CSV. Geen patiëntgegevens.\n"
       "Voor als vangnet zelf onbereikbaar is; bijvoorbeeld elke nacht via cron.\n\n"
       "  --out MAP    de map (moet bestaan), bijv. een netwerkschijf\n"
       "  --keep N     bewaar de N nieuwste bundels (standaard 7)\n",
       RunBundle},
      {"plan", "patiënten van een gesloten praktijk verdelen (losse instantie)",
       "Gebruik: vangnet plan --instance BESTAND.json [--out PLAN.json]\n\n"
       "Verdeelt de huishoudens uit het instantiebestand over de ontvangende praktijken:\n"
       "capaciteit nooit overschreden, huishoudens nooit gesplitst, niemand verder dan de\n"
       "maximale afstand, kwetsbare patiënten eerst, contractpartners bij voorkeur, dan de\n"
       "kortste reisafstand. Schrijft de toewijzing, de ondergrens, het verschil ertoe en de\n"
       "uitleg als JSON (formaten in README.md). Zonder --out naar standaarduitvoer; de\n"
       "uitleg in gewone woorden gaat altijd naar standaardfout.\n",
       RunPlan},
      {"migrate", "database aanmaken of bijwerken naar het nieuwste schema",
       "Gebruik: vangnet migrate [--db PAD]\n\n"
       "Maakt de SQLite-database aan als die nog niet bestaat en voert ontbrekende\n"
       "migraties uit. Veilig om vaker te draaien.\n\n"
       "  --db PAD    databasebestand (standaard vangnet.db)\n",
       RunMigrate},
      {"demo", "de demo-regio Maastricht-Heuvelland aanmaken en tonen",
       "Gebruik: vangnet demo [--db PAD] [--seed N] [--reset] [--national]\n\n"
       "Bouwt een verzonnen maar realistische regio Maastricht-Heuvelland (58 praktijken,\n"
       "ongeveer 210.000 patiënten) als de database nog leeg is, en toont het overzicht.\n"
       "Alle namen zijn fictief. Dezelfde seed en datum geven dezelfde regio.\n\n"
       "  --db PAD    databasebestand (standaard vangnet.db)\n"
       "  --seed N    andere variant van de regio (standaard 20251127)\n"
       "  --reset     bestaande database eerst verwijderen (alle gegevens gaan verloren)\n"
       "  --national  een verzonnen landelijk register (4.874 praktijken) in plaats van de\n"
       "              demo-regio, om grootte en snelheid te beproeven\n",
       RunDemo},
      {"import", "registergegevens inlezen uit CSV, Excel of een FHIR-bundel (alles of niets)",
       "Gebruik: vangnet import [--db PAD] [--kind SOORT] [--reason TEKST] [--check] "
       "BESTAND|MAP...\n\n"
       "Leest CSV-bestanden, Excel-werkmappen (.xlsx, één blad per soort, het blad genoemd\n"
       "naar de soort) of een FHIR R4-bundel (.json, zie README, FHIR) in. CSV-bestanden: "
       "practices.csv, people.csv, affiliations.csv, "
       "contracts.csv,\n"
       "organisations.csv, contacts.csv, crisis_roles.csv, calamity_cards.csv, gp_groups.csv,\n"
       "governance_checks.csv, "
       "districts.csv. Een map staat voor de bekende bestanden erin. Bestaande records\n"
       "(zelfde AGB of code) worden bijgewerkt, nieuwe toegevoegd. Bij één fout wordt niets\n"
       "opgeslagen en staat elke fout met bestand, (blad,) regel en kolom op het scherm.\n\n"
       "  --kind SOORT   soort van een bestand met een andere naam, bijv. practices\n"
       "  --check        alleen controleren en tonen wat er zou veranderen; niets opslaan\n"
       "  --reason TEKST reden voor het auditlog (standaard 'import registergegevens')\n\n"
       "Afsluitcodes: 0 ingelezen, 65 geweigerd (niets opgeslagen), 66 bestand onleesbaar.\n",
       RunImport},
      {"export", "het hele register naar CSV-bestanden of een Excel-werkmap schrijven",
       "Gebruik: vangnet export [--db PAD] [--reason TEKST] MAP\n"
       "         vangnet export --format xlsx [--db PAD] [--reason TEKST] BESTAND.xlsx\n"
       "         vangnet export --format fhir [--db PAD] [--reason TEKST] BESTAND.json\n\n"
       "Schrijft één CSV-bestand per soort gegevens in MAP (wordt aangemaakt), met\n"
       "--format xlsx één werkmap met een blad per soort, of met --format fhir het register\n"
       "als één FHIR R4-bundel (praktijken, hagro's, wijken, organisaties, personen,\n"
       "werkrelaties en contracten; zie README, FHIR). Een export kan ongewijzigd weer\n"
       "worden ingelezen met vangnet import.\n",
       RunExport},
      {"copy", "een hele database kopiëren, tussen SQLite en PostgreSQL",
       "Gebruik: vangnet copy --from BRON --to DOEL\n\n"
       "Kopieert alles (register, accounts, incidenten, auditlog) naar een nieuwe, lege\n"
       "database: een SQLite-bestand of postgresql://... . Het doel krijgt het sleutelbestand\n"
       "en de controlepunten van de bron. Daarna worden beide registers geëxporteerd en\n"
       "vergeleken en de auditketen van het doel gecontroleerd. Bij een fout blijft het doel\n"
       "leeg.\n\n"
       "  --from BRON   bestaande database (bestand of postgresql://...)\n"
       "  --to DOEL     nieuwe database; moet leeg zijn\n",
       RunCopy},
      {"backup", "reservekopie van de hele database, ook terwijl de server draait",
       "Gebruik: vangnet backup [--db PAD] --out BESTAND\n\n"
       "SQLite: een consistente kopie van het bestand (online backup). PostgreSQL: pg_dump\n"
       "(eigen formaat). Het sleutelbestand zit er bewust niet in: bewaar dat apart.\n",
       RunBackup},
      {"restore", "een reservekopie terugzetten in een nieuwe database",
       "Gebruik: vangnet restore --from KOPIE --key SLEUTELBESTAND --db NIEUWE_DATABASE\n\n"
       "Zet de kopie terug in een nieuw SQLite-bestand of een lege PostgreSQL-database\n"
       "(pg_restore, in één transactie), met het bewaarde sleutelbestand, en controleert de\n"
       "auditketen.\n",
       RunRestore},
      {"summary", "overzicht van de regio tonen", "Gebruik: vangnet summary [--db PAD]\n",
       RunSummary},
      {"audit", "auditlog tonen of de keten controleren",
       "Gebruik: vangnet audit list [--db PAD] [--limit N] [--type TABEL] [--key SLEUTEL]\n"
       "       vangnet audit verify [--db PAD]\n\n"
       "verify rekent de hash-keten van het auditlog na; afsluitcode 65 als een regel is\n"
       "gewijzigd of verwijderd.\n",
       RunAudit},
      {"user", "gebruikers beheren (toevoegen, wachtwoord, blokkeren)",
       "Gebruik: vangnet user add NAAM --role ROL [--name \"Volledige naam\"] [--practice "
       "AGB,...]\n"
       "       vangnet user passwd NAAM\n"
       "       vangnet user reset-2fa NAAM\n"
       "       vangnet user disable NAAM | enable NAAM\n"
       "       vangnet user list\n\n"
       "Rollen: admin, coordinator, crisis_team, practice_user (met --practice),\n"
       "insurer_liaison, read_only. Zonder --password-stdin maakt vangnet een wachtwoord\n"
       "aan en toont het eenmalig; met --password-stdin wordt het van de invoer gelezen\n"
       "(minstens 10 tekens). Een nieuw wachtwoord of blokkeren beëindigt open sessies.\n"
       "reset-2fa wist de tweede factor (telefoon kwijt); de volgende aanmelding stelt een\n"
       "nieuwe in.\n\n"
       "  --db PAD    databasebestand (standaard vangnet.db)\n",
       RunUser},
      {"incident", "incidenten starten, tonen en exporteren",
       "Gebruik: vangnet incident start --playbook ID --practice AGB[,AGB...] [--exercise]\n"
       "       vangnet incident list\n"
       "       vangnet incident show NUMMER\n"
       "       vangnet incident export NUMMER [--out BESTAND]\n\n"
       "Start een draaiboek voor een of meer praktijken (taken met deadlines vanaf nu),\n"
       "toont de incidenten met open en te late taken, of schrijft het verslag (Markdown).\n"
       "  --db PAD          databasebestand (standaard vangnet.db)\n"
       "  --playbooks MAP   eigen draaiboeken van de regio\n",
       RunIncident},
      {"playbook", "draaiboeken tonen en controleren",
       "Gebruik: vangnet playbook list [--dir MAP]\n"
       "       vangnet playbook show ID [--dir MAP]\n"
       "       vangnet playbook validate BESTAND...\n\n"
       "Toont de draaiboeken (playbooks/*.yaml, met de bron van elke stap) of controleert\n"
       "een eigen draaiboek. --dir MAP: draaiboeken van de regio die de meegeleverde met\n"
       "hetzelfde id vervangen. Afsluitcode 65 als een bestand niet in orde is.\n",
       RunPlaybook},
      {"version", "versie tonen", "Gebruik: vangnet version\n", RunVersion},
  };
  return commands;
}

Actor CommandLineActor(const std::string& purpose) {
  std::string user = "unknown";
  if (const passwd* pw = getpwuid(geteuid())) user = pw->pw_name;
  return Actor{"cli:" + user, "admin", "cli", purpose};
}

int Fail(const Error& error) {
  std::cerr << "vangnet: " << error.ToString() << "\n";
  switch (error.kind) {
    case ErrorKind::kValidation:
    case ErrorKind::kNotFound:
      return kExitDataError;
    case ErrorKind::kConflict:
    case ErrorKind::kRateLimited:
    case ErrorKind::kUnavailable:
      return kExitTempFail;
    case ErrorKind::kUnauthenticated:
    case ErrorKind::kForbidden:
      return kExitUsage;
    case ErrorKind::kIo:
      return kExitIoError;
    case ErrorKind::kInternal:
      return kExitSoftware;
  }
  return kExitSoftware;
}

int RunVersion(const std::vector<std::string>&) {
  std::cout << "vangnet " << VANGNET_VERSION << "\n";
  return kExitOk;
}

std::optional<Args> ParseOrFail(const std::vector<std::string>& argv,
                                const std::set<std::string>& value_options,
                                const std::set<std::string>& flags, int& exit_code) {
  std::string error;
  auto args = Args::Parse(argv, value_options, flags, error);
  if (!args) {
    std::cerr << "vangnet: " << error << " (zie --help)\n";
    exit_code = kExitUsage;
  }
  return args;
}

std::optional<std::string> ReportFormat(const Args& args, int& exit_code) {
  std::string format = args.Get("format", "table");
  if (format != "table" && format != "csv" && format != "json") {
    std::cerr << "vangnet: --format is table, csv of json\n";
    exit_code = kExitUsage;
    return std::nullopt;
  }
  return format;
}

}  // namespace vangnet::cli
