#include "services/preparedness/offline_bundle.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/date.hpp"
#include "core/registry.hpp"
#include "io/zip_archive.hpp"
#include "services/preparedness/paper_printouts.hpp"
#include "services/registry/registry_transfer.hpp"

namespace vangnet {

namespace {

namespace fs = std::filesystem;

// A file name anyone can open: letters, digits and dashes only.
std::string Slug(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c)) {
      out += static_cast<char>(std::tolower(c));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace

std::string OfflineBundleName(TimePoint now) {
  return "vangnet-offline-" + FormatDate(AmsterdamDate(now)) + ".zip";
}

Result<BundleResult> WriteOfflineBundle(Store& store, const PlaybookCatalog& playbooks,
                                        const Caller& caller, const std::string& folder, int keep) {
  const TimePoint now = store.clock().Now();
  if (auto s = caller.RequireAdmin("alleen een beheerder maakt de offline-bundel"); !s) {
    return s.error();
  }
  std::error_code error;
  if (folder.empty() || !fs::is_directory(folder, error)) {
    return Error::Validation("folder", "De map '" + folder + "' bestaat niet.");
  }
  const std::string local = LocalTimeText(now);  // "23-11-2026 14:05"
  const std::string date = FormatDate(AmsterdamDate(now));
  std::vector<ArchiveEntry> entries;
  PaperPrintouts printouts(store);

  auto contacts = printouts.ContactListPdf(caller);
  if (!contacts) return contacts.error();
  entries.push_back({"contactlijst-crisisrollen.pdf", std::move(contacts).value()});

  std::vector<Practice> practices;
  std::vector<std::int64_t> open_incidents;
  {
    auto uow = store.BeginRead(caller.actor);
    if (!uow) return uow.error();
    practices = uow.value()->Table<Practice>().List();
    std::vector<std::string> with_card;
    for (const auto& card : uow.value()->Table<CalamityCard>().List())
      with_card.push_back(card.practice_agb);
    std::erase_if(practices, [&](const Practice& p) {
      return std::find(with_card.begin(), with_card.end(), p.agb) == with_card.end();
    });
    open_incidents = uow.value()->Incidents().OpenIncidentIds();
  }
  for (const auto& p : practices) {
    auto card = printouts.CalamityCardPdf(caller, p.agb);
    if (!card) return card.error();
    entries.push_back(
        {"calamiteitenkaarten/" + p.agb + "-" + Slug(p.name) + ".pdf", std::move(card).value()});
  }
  for (const auto& playbook : playbooks.All()) {
    auto pdf = PlaybookChecklistPdf(playbook, caller.actor.user, now);
    if (!pdf) return pdf.error();
    entries.push_back({"draaiboeken/" + playbook.id + ".pdf", std::move(pdf).value()});
  }
  auto triage = printouts.TriageFormsPdf(caller, "", 10);
  if (!triage) return triage.error();
  entries.push_back({"formulieren/triageformulieren.pdf", std::move(triage).value()});
  auto recipes = printouts.PrescriptionFormsPdf(caller, "", 2);
  if (!recipes) return recipes.error();
  entries.push_back({"formulieren/telefonische-recepten.pdf", std::move(recipes).value()});
  for (std::int64_t id : open_incidents) {
    std::optional<Incident> incident;
    {
      auto uow = store.BeginRead(caller.actor);
      if (!uow) return uow.error();
      incident = uow.value()->Incidents().Find(id);
    }
    if (!incident) continue;
    auto report = printouts.IncidentReportPdf(caller, *incident);
    if (!report) return report.error();
    entries.push_back(
        {"incidenten/" + incident->number + "-rapport.pdf", std::move(report).value()});
  }

  // The registry as the same CSV files `vangnet export` writes (README "Data formats").
  const fs::path scratch = fs::path(folder) / (".vangnet-bundle-" + date);
  fs::remove_all(scratch, error);
  auto exported = ExportRegistry(store, caller.actor, scratch.string());
  if (!exported) {
    fs::remove_all(scratch, error);
    return exported.error();
  }
  for (const auto& file : exported.value().files) {
    const fs::path written(file.name);  // the path the export wrote
    entries.push_back({"register/" + written.filename().string(), ReadAll(written)});
  }
  fs::remove_all(scratch, error);

  // A copy of the audit chain's checkpoint, outside the server: a later cut or rewrite of the
  // trail shows against it (README, Security).
  {
    auto uow = store.Begin(caller.actor);
    if (!uow) return uow.error();
    auto checkpoint = uow.value()->Audit().WriteCheckpoint();
    if (!checkpoint) return checkpoint.error();
    if (auto s = uow.value()->Commit(); !s) return s.error();
    entries.push_back({"auditlog-controlepunt.txt",
                       "aantal\tlaatste-id\thash\ttijd\tmac\r\n" + checkpoint.value()});
  }

  std::string readme =
      "vangnet offline-bundel van " + local + " (Nederlandse tijd), gemaakt door " +
      caller.actor.user +
      ".\r\n\r\nVoor als vangnet zelf niet bereikbaar is. Gebruik de nieuwste bundel; elke PDF "
      "zegt onderaan welke versie hij toont en wanneer hij is afgedrukt.\r\n\r\n"
      "Inhoud:\r\n";
  for (const auto& e : entries) readme += "- " + e.name + "\r\n";
  readme +=
      "\r\nGeen patiëntgegevens: de lijsten met kwetsbare patiënten druk je tijdens een incident "
      "af vanuit vangnet. Bewaar deze bundel vertrouwelijk: er staan namen en telefoonnummers "
      "in.\r\n";
  entries.insert(entries.begin(), {"LEESMIJ.txt", readme});

  BundleResult result;
  result.path = (fs::path(folder) / OfflineBundleName(now)).string();
  if (auto s = WriteZip(result.path, entries); !s) return s.error();
  for (const auto& e : entries) result.files.push_back(e.name);
  result.bytes = fs::file_size(result.path, error);

  // Keep the newest `keep` bundles (their names sort by date).
  std::vector<fs::path> bundles;
  for (const auto& item : fs::directory_iterator(folder, error)) {
    const std::string name = item.path().filename().string();
    if (name.starts_with("vangnet-offline-") && name.ends_with(".zip"))
      bundles.push_back(item.path());
  }
  std::sort(bundles.begin(), bundles.end());
  for (std::size_t i = 0; i + keep < bundles.size(); ++i) fs::remove(bundles[i], error);

  auto uow = store.Begin(caller.actor);
  if (!uow) return uow.error();
  if (auto s = RecordAudit(
          *uow.value(), "export", "offline_bundle", date, "",
          nlohmann::json{
              {"file", result.path}, {"files", result.files.size()}, {"bytes", result.bytes}}
              .dump());
      !s)
    return s.error();
  if (auto s = uow.value()->Commit(); !s) return s.error();
  return result;
}

Result<BundleStatus> OfflineBundles::State(const Caller& caller) {
  if (auto s = caller.RequireAdmin("alleen voor beheerders"); !s) return s.error();
  return Snapshot();
}

Result<BundleStatus> OfflineBundles::MakeNow(const Caller& caller) {
  if (auto s = caller.RequireAdmin("alleen voor beheerders"); !s) return s.error();
  if (settings_.folder.empty()) {
    return Error::Validation("folder",
                             "Er is geen map ingesteld: start vangnet serve met --bundle-dir MAP.");
  }
  auto made = Make(caller);
  if (!made) return made.error();
  return Snapshot();
}

Status OfflineBundles::MakeIfDue() {
  if (settings_.folder.empty()) return Ok{};
  const TimePoint now = store_.clock().Now();
  if (AmsterdamHour(now) < settings_.hour) return Ok{};
  const std::string date = FormatDate(AmsterdamDate(now));
  {
    std::lock_guard lock(status_mutex_);
    if (status_.date == date) return Ok{};
  }
  if (fs::exists(fs::path(settings_.folder) / OfflineBundleName(now))) {
    std::lock_guard lock(status_mutex_);
    status_.date = date;
    return Ok{};
  }
  auto made = Make(Caller::System(Actor{"vangnet", "system", "scheduler", "offline-bundel"}));
  if (!made) return made.error();
  return Ok{};
}

Result<BundleResult> OfflineBundles::Make(const Caller& caller) {
  std::lock_guard run(run_mutex_);
  const TimePoint now = store_.clock().Now();
  auto made = WriteOfflineBundle(store_, playbooks_, caller, settings_.folder);
  std::lock_guard lock(status_mutex_);
  status_.date = FormatDate(AmsterdamDate(now));
  status_.at = FormatUtc(now);
  if (made) {
    status_.error.clear();
    status_.path = made.value().path;
    status_.files = made.value().files.size();
    status_.bytes = made.value().bytes;
  } else {
    status_.error = made.error().message;
  }
  return made;
}

BundleStatus OfflineBundles::Snapshot() {
  std::lock_guard lock(status_mutex_);
  return status_;
}

}  // namespace vangnet
