#include "services/preparedness/preparedness_service.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/date.hpp"
#include "core/registry.hpp"
#include "core/sources.hpp"
#include "services/incident/alarming.hpp"
#include "services/monitor/monitor_service.hpp"
#include "store/digest.hpp"

namespace vangnet {

namespace {

void SetDue(PreparednessItem& item, std::chrono::year_month_day today) {
  std::optional<std::chrono::year_month_day> last;
  if (item.last_done) last = ParseDate(*item.last_done);
  DueDate due = DueAfter(*item.rule, last, today);
  item.status = due.status;
  if (due.due) item.due = FormatDate(*due.due);
}

// iCalendar text: escape backslash, semicolon, comma and newline (RFC 5545 §3.3.11).
std::string IcalText(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == ';' || c == ',') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

// Lines longer than 75 octets are folded (RFC 5545 §3.1), never inside a UTF-8 sequence.
std::string Fold(const std::string& line) {
  std::string out;
  std::size_t start = 0, width = 75;
  while (line.size() - start > width) {
    std::size_t cut = start + width;
    while (cut > start && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out += line.substr(start, cut - start) + "\r\n ";
    start = cut;
    width = 74;
  }
  return out + line.substr(start) + "\r\n";
}

}  // namespace

Result<PreparednessOverview> PreparednessService::Overview(const Caller& caller) {
  const auto today = store_.clock().Today();
  if (caller.role == UserRole::kInsurerLiaison) {
    return Error(ErrorKind::kForbidden, "uw rol geeft geen toegang tot de paraatheidskalender");
  }
  // Names who recorded what and which holders near 60: the read is audited in its transaction.
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto& work = *uow.value();
  auto overview = Build(work, caller, ReadSnapshots(work), today);
  if (auto s = RecordAudit(work, "read", "preparedness", "overview", "",
                           nlohmann::json{{"items", overview.items.size()}}.dump());
      !s) {
    return s.error();
  }
  if (auto s = work.Commit(); !s) return s.error();
  return overview;
}

PreparednessOverview PreparednessService::Build(UnitOfWork& work, const Caller& caller,
                                                const std::vector<PracticeSnapshot>& snapshots,
                                                std::chrono::year_month_day today) const {
  std::map<std::pair<std::string, std::string>, PreparednessCompletion> latest;
  for (auto& c : work.Preparedness().All())
    latest[{c.rule_id, c.practice_agb}] = c;  // oldest first
  std::map<std::string, std::string> names;
  for (const auto& snapshot : snapshots) names[snapshot.practice.agb] = snapshot.practice.name;
  // Practices with a holder the RHO should talk with this year (seed 003).
  std::set<std::string> holder_60;
  for (const auto& c : ConversationsThisYear(snapshots, settings_, static_cast<int>(today.year())))
    holder_60.insert(c.practice_agb);

  PreparednessOverview out;
  out.date = FormatDate(today);
  // Closed exercise incidents (OTO): per playbook and practice, the latest one counts as done
  // on the day it was closed, after its evaluation.
  std::map<std::pair<std::string, std::string>, const Incident*> exercises;
  const auto incidents = work.Incidents().List();
  for (const auto& incident : incidents) {
    if (!incident.exercise || incident.status != IncidentStatus::kClosed || !incident.closed_at)
      continue;
    for (const auto& agb : incident.practice_agbs) {
      auto& best = exercises[{incident.playbook_id, agb}];
      if (!best || *best->closed_at < *incident.closed_at) best = &incident;
    }
  }
  auto from_completions = [&](PreparednessItem& item) {
    auto found = latest.find({item.rule->id, item.practice_agb});
    if (found != latest.end()) {
      item.last_done = found->second.done_on;
      item.last_done_by = found->second.done_by;
      item.evidence = found->second.evidence;
    }
    if (item.rule->exercise_playbook.empty()) return;
    auto exercise = exercises.find({item.rule->exercise_playbook, item.practice_agb});
    if (exercise == exercises.end()) return;
    const Incident& done = *exercise->second;
    const std::string day = FormatDate(AmsterdamDate(*done.closed_at));
    if (item.last_done && *item.last_done >= day) return;
    item.last_done = day;
    item.last_done_by = "oefening " + done.number;
    item.evidence = "Oefening " + done.number + " gehouden en geëvalueerd in vangnet";
    item.exercise_incident_id = done.id;
  };
  // The read-only role reads the whole region, as the RHO does.
  const bool rho = caller.IsRho() || caller.role == UserRole::kReadOnly;
  for (const auto& rule : rules_.rules) {
    if (rule.scope == PreparednessScope::kRegional) {
      if (!rho) continue;
      PreparednessItem item;
      item.rule = &rule;
      from_completions(item);
      SetDue(item, today);
      out.items.push_back(std::move(item));
      continue;
    }
    for (const auto& snapshot : snapshots) {
      const Practice& p = snapshot.practice;
      if (p.status == PracticeStatus::kClosed) continue;
      if (!rho && !caller.HasPractice(p.agb)) continue;
      if (rule.applies_to == "holder_60_plus" && !holder_60.contains(p.agb)) continue;
      if (rule.applies_to == "succession_trajectory") {
        // Kept in the trajectory: its next step, due on its own date.
        if (!snapshot.trajectory || !IsRunning(*snapshot.trajectory)) continue;
        PreparednessItem item;
        item.rule = &rule;
        item.practice_agb = p.agb;
        item.practice_name = p.name;
        item.subject = snapshot.trajectory->next_step;
        item.kept_in_registry = true;
        item.due = snapshot.trajectory->next_due;
        item.status = StatusOn(ParseDate(snapshot.trajectory->next_due), today);
        out.items.push_back(std::move(item));
        continue;
      }
      PreparednessItem base;
      base.rule = &rule;
      base.practice_agb = p.agb;
      base.practice_name = p.name;
      if (rule.id == "continuity_contract_review") {
        for (const auto& view : snapshot.contracts) {
          const std::string& other = view.partner.agb;
          PreparednessItem item = base;
          item.subject = "contract met " + (names.contains(other) ? names[other] : other);
          item.kept_in_registry = true;
          if (!view.contract.last_reviewed.empty()) item.last_done = view.contract.last_reviewed;
          SetDue(item, today);
          out.items.push_back(std::move(item));
        }
        continue;
      }
      PreparednessItem item = base;
      if (rule.id == "calamity_card_refresh") {
        item.kept_in_registry = true;
        if (snapshot.card && !snapshot.card->last_updated.empty())
          item.last_done = snapshot.card->last_updated;
      } else {
        from_completions(item);
      }
      SetDue(item, today);
      out.items.push_back(std::move(item));
    }
  }
  std::stable_sort(out.items.begin(), out.items.end(), [](const auto& a, const auto& b) {
    // Never done first among the overdue, then by due date.
    return std::make_tuple(static_cast<int>(a.status), a.due.has_value(), a.due.value_or("")) <
           std::make_tuple(static_cast<int>(b.status), b.due.has_value(), b.due.value_or(""));
  });
  for (const auto& item : out.items) {
    out.overdue += item.status == ItemStatus::kOverdue;
    out.due_this_month += item.status == ItemStatus::kDueThisMonth;
    out.upcoming += item.status == ItemStatus::kUpcoming;
  }
  return out;
}

Result<PreparednessCompletion> PreparednessService::RecordDone(const Caller& caller,
                                                               const CompletionRequest& request) {
  const auto today = store_.clock().Today();
  const PreparednessRule* rule = rules_.Find(request.rule_id);
  if (!rule)
    return Error::Validation("rule_id", "Onbekende verplichting '" + request.rule_id + "'.");
  if (!caller.IsRho() &&
      !(caller.role == UserRole::kPracticeUser && !request.practice_agb.empty() &&
        caller.HasPractice(request.practice_agb))) {
    return Error(ErrorKind::kForbidden, "uw rol mag dit niet als gedaan vastleggen");
  }
  Errors errors;
  if (rule->id == "continuity_contract_review" || rule->id == "calamity_card_refresh") {
    errors.push_back(Error::Validation(
        "rule_id", rule->id == "calamity_card_refresh"
                       ? "Dit wordt bijgehouden op de calamiteitenkaart: werk daar 'laatst "
                         "bijgewerkt' bij."
                       : "Dit wordt bijgehouden op het contract: werk daar 'laatst herzien' bij."));
  }
  if (rule->applies_to == "succession_trajectory") {
    errors.push_back(Error::Validation(
        "rule_id",
        "Dit wordt bijgehouden in het opvolgingstraject: zet daar de volgende stap en "
        "datum."));
  }
  if (rule->scope == PreparednessScope::kRegional && !request.practice_agb.empty()) {
    errors.push_back(Error::Validation("practice_agb",
                                       "Dit is een regionale verplichting; laat "
                                       "de praktijk leeg."));
  }
  if (rule->scope == PreparednessScope::kPractice && request.practice_agb.empty()) {
    errors.push_back(Error::Validation("practice_agb", "Kies de praktijk."));
  }
  auto done_on = ParseDate(request.done_on);
  if (!done_on) {
    errors.push_back(Error::Validation("done_on", "Schrijf de datum als JJJJ-MM-DD."));
  } else if (std::chrono::sys_days{*done_on} > std::chrono::sys_days{today}) {
    errors.push_back(Error::Validation("done_on", "De datum ligt in de toekomst."));
  }
  if (request.done_by.empty())
    errors.push_back(Error::Validation("done_by", "Vul in wie het gedaan heeft."));
  if (request.done_by.size() > 200 || request.evidence.size() > 4000)
    errors.push_back(Error::Validation("evidence", "De tekst is te lang."));
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  if (!request.practice_agb.empty()) {
    Practice probe;
    probe.agb = request.practice_agb;
    if (!uow.value()->Table<Practice>().Find(probe)) {
      errors.push_back(
          Error::Validation("practice_agb", "Praktijk " + request.practice_agb + " bestaat niet."));
    }
  }
  if (!errors.empty()) return Error::Combined(std::move(errors));
  PreparednessCompletion completion{0,
                                    rule->id,
                                    request.practice_agb,
                                    FormatDate(*done_on),
                                    request.done_by,
                                    request.evidence,
                                    caller.actor.user,
                                    uow.value()->clock().NowIso()};
  auto stored = uow.value()->Preparedness().Add(completion);
  if (!stored) return stored.error();
  if (auto s =
          RecordAudit(*uow.value(), "create", "preparedness_completion",
                      rule->id + (request.practice_agb.empty() ? "" : ":" + request.practice_agb),
                      "", nlohmann::json{{"done_on", completion.done_on}}.dump());
      !s)
    return s.error();
  if (auto s = uow.value()->Commit(); !s) return s.error();
  return stored;
}

namespace {

// "2026-03-15" -> "15-03-2026", as a Dutch reader writes a date.
std::string DutchDate(const std::string& iso) {
  if (iso.size() != 10) return iso;
  return iso.substr(8, 2) + "-" + iso.substr(5, 2) + "-" + iso.substr(0, 4);
}

// Whose desk an item lands on: the RHO's (regional, or owned by the RHO such as the succession
// conversation, seed 003) or the practice's.
bool OwnedByRho(const PreparednessRule& rule) {
  return rule.scope == PreparednessScope::kRegional || rule.owner.starts_with("RHO") ||
         rule.owner.find(" RHO") != std::string::npos;
}

std::string ItemLine(const PreparednessItem& item, bool with_practice) {
  std::string line = "- " + item.rule->label;
  if (with_practice && !item.practice_name.empty()) line += " · " + item.practice_name;
  if (!item.subject.empty()) line += " (" + item.subject + ")";
  if (item.status == ItemStatus::kOverdue) {
    line += item.due ? ": was uiterlijk " + DutchDate(*item.due) : ": nog nooit vastgelegd";
  } else {
    line += ": uiterlijk " + DutchDate(item.due.value_or(""));
  }
  return line + ". Wie: " + item.rule->owner + ".";
}

std::string ItemBlock(const std::vector<const PreparednessItem*>& items, bool with_practice) {
  std::string overdue, this_month;
  int n_overdue = 0, n_month = 0;
  for (const auto* item : items) {
    if (item->status == ItemStatus::kOverdue) {
      overdue += ItemLine(*item, with_practice) + "\n";
      ++n_overdue;
    } else {
      this_month += ItemLine(*item, with_practice) + "\n";
      ++n_month;
    }
  }
  std::string out;
  if (n_overdue) out += "Te laat (" + std::to_string(n_overdue) + "):\n" + overdue + "\n";
  if (n_month) out += "Deze maand (" + std::to_string(n_month) + "):\n" + this_month + "\n";
  return out;
}

std::string CountText(const std::vector<const PreparednessItem*>& items) {
  int overdue = 0;
  for (const auto* item : items) overdue += item->status == ItemStatus::kOverdue;
  const int month = static_cast<int>(items.size()) - overdue;
  std::string out;
  if (overdue) out += std::to_string(overdue) + " te laat";
  if (month) out += std::string(out.empty() ? "" : ", ") + std::to_string(month) + " deze maand";
  return out;
}

}  // namespace

Result<std::string> PreparednessService::Calendar(const Caller& caller) {
  auto overview = Overview(caller);
  if (!overview) return overview.error();
  return PreparednessIcal(overview.value(), store_.clock().NowIso());
}

Result<std::string> PreparednessService::SubscribeFeed(const Caller& caller, std::int64_t user_id) {
  if (caller.role == UserRole::kInsurerLiaison) {
    return Error(ErrorKind::kForbidden, "uw rol geeft geen toegang tot de paraatheidskalender");
  }
  if (!accounts_) return Error::Internal("geen accounts voor agenda-adressen");
  auto token = accounts_->NewCalendarFeedToken(caller.actor, user_id);
  if (!token) return token.error();
  return "/api/v1/preparedness/feed/" + token.value() + ".ics";
}

Status PreparednessService::EndFeed(const Caller& caller, std::int64_t user_id) {
  if (!accounts_) return Error::Internal("geen accounts voor agenda-adressen");
  return accounts_->EndCalendarFeed(caller.actor, user_id);
}

Result<std::string> PreparednessService::FeedCalendar(const std::string& token) {
  auto user = accounts_ ? accounts_->UserForCalendarFeed(token) : std::nullopt;
  if (!user) {
    return Error::NotFound("",
                           "dit agenda-adres bestaat niet (meer); maak in vangnet een nieuw aan");
  }
  return Calendar(Caller::Of(*user, "agenda", "paraatheidskalender"));
}

Result<int> PreparednessService::QueueMonthlyReminders(const ReminderSettings& settings) {
  const TimePoint now = store_.clock().Now();
  if (!settings.email) return 0;
  if (AmsterdamHour(now) < settings.hour) return 0;
  const std::chrono::year_month_day today = AmsterdamDate(now);
  const std::string month_key = FormatDate(today).substr(0, 7);
  const std::string month_name = std::string(DutchMonthName(today.month())) + " " +
                                 std::to_string(static_cast<int>(today.year()));
  const std::string link =
      settings.public_url.empty()
          ? "Open vangnet en kies Paraatheid."
          : "Vastleggen wat gedaan is: " + settings.public_url + "/#/paraatheid";

  const Actor actor{"vangnet", "system", "scheduler", "herinneringen paraatheid"};
  auto uow = store_.Begin(actor);
  if (!uow) return uow.error();
  auto& work = *uow.value();
  const auto snapshots = ReadSnapshots(work);
  const PreparednessOverview overview = Build(work, Caller::System(actor), snapshots, today);

  std::map<std::string, std::vector<const PreparednessItem*>> per_practice;
  std::vector<const PreparednessItem*> rho_items;
  std::map<std::string, std::pair<std::string, int>> overdue_per_practice;  // AGB: name, count
  int region_overdue = 0;
  for (const auto& item : overview.items) {
    if (item.status == ItemStatus::kUpcoming) continue;
    if (item.status == ItemStatus::kOverdue && !item.practice_agb.empty()) {
      auto& [name, count] = overdue_per_practice[item.practice_agb];
      name = item.practice_name;
      ++count;
      ++region_overdue;
    }
    if (OwnedByRho(*item.rule)) {
      rho_items.push_back(&item);
    } else {
      per_practice[item.practice_agb].push_back(&item);
    }
  }

  int queued = 0;
  auto enqueue = [&](const Person& person, const std::string& scope, const std::string& subject,
                     const std::string& body) -> Status {
    OutboxMessage message;
    message.dedup_key = "preparedness:" + month_key + ":" + scope + ":" + person.code;
    message.created_at = now;
    message.next_attempt_at = now;
    message.channel = Channel::kEmail;
    message.recipient = person.email;
    message.subject = subject;
    message.body = body;
    auto fresh = work.Outbox().Enqueue(message);
    if (!fresh) return fresh.error();
    queued += fresh.value();
    return Ok{};
  };
  auto find_person = [&](const std::string& code) -> std::optional<Person> {
    if (code.empty()) return std::nullopt;
    Person probe;
    probe.code = code;
    auto person = work.Table<Person>().Find(probe);
    if (!person || person->email.empty()) return std::nullopt;
    return person;
  };

  for (const auto& snapshot : snapshots) {
    auto found = per_practice.find(snapshot.practice.agb);
    if (found == per_practice.end()) continue;
    const Practice& p = snapshot.practice;
    std::set<std::string> sent_to;
    for (const auto& staff : snapshot.staff) {
      const auto role = staff.affiliation.role;
      if (role != AffiliationRole::kHolder && role != AffiliationRole::kPracticeManager) continue;
      auto person = find_person(staff.affiliation.person_code);
      if (!person || !sent_to.insert(person->code).second) continue;
      std::string body = "Beste " + person->name + ",\n\nDit is de maandelijkse herinnering van " +
                         "vangnet over de paraatheid van " + p.name + " (AGB " + p.agb + ").\n\n" +
                         ItemBlock(found->second, false) + link + "\n\n" +
                         "Waarom en wat telt als gedaan staat bij elke verplichting op die "
                         "pagina, met de bron.\nU krijgt dit bericht eens per maand zolang er "
                         "iets openstaat.\n";
      if (auto s = enqueue(
              *person, p.agb,
              "Paraatheid " + month_name + " · " + p.name + ": " + CountText(found->second), body);
          !s) {
        return s.error();
      }
    }
  }

  // The RHO: its own items and where the region stands.
  const std::size_t practices_late = overdue_per_practice.size();
  std::vector<std::pair<int, std::string>> worst;  // most overdue first, then by name
  for (const auto& [agb, late] : overdue_per_practice) worst.push_back({-late.second, late.first});
  std::sort(worst.begin(), worst.end());
  std::string region = "In de regio staan " + std::to_string(region_overdue) +
                       " verplichtingen van praktijken te laat, bij " +
                       std::to_string(practices_late) + " praktijken.\n";
  for (std::size_t i = 0; i < worst.size() && i < 5; ++i) {
    region += "- " + worst[i].second + ": " + std::to_string(-worst[i].first) + " te laat\n";
  }
  std::set<std::string> coordinators;
  for (const auto& role : work.Table<CrisisRole>().List()) {
    if (role.kind != CrisisRoleKind::kCrisisCoordinator) continue;
    auto person = find_person(CurrentHolder(work, role, now));
    if (!person || !coordinators.insert(person->code).second) continue;
    std::string body = "Beste " + person->name + ",\n\nDit is de maandelijkse herinnering van " +
                       "vangnet over de paraatheid van de regio.\n\n" +
                       (rho_items.empty() ? "Voor de RHO zelf staat deze maand niets open.\n\n"
                                          : "Voor de RHO:\n" + ItemBlock(rho_items, true)) +
                       region + "\n" + link + "\n";
    const std::string subject =
        "Paraatheid " + month_name + " · regio: " +
        (rho_items.empty() ? std::string("niets open voor de RHO") : CountText(rho_items)) + ", " +
        std::to_string(practices_late) + " praktijken met achterstand";
    if (auto s = enqueue(*person, "rho", subject, body); !s) return s.error();
  }
  if (auto s = work.Commit(); !s) return s.error();
  return queued;
}

std::string PreparednessIcal(const PreparednessOverview& overview, const std::string& stamp_utc) {
  std::string out =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//vangnet//paraatheid//NL\r\n"
      "CALSCALE:GREGORIAN\r\nX-WR-CALNAME:vangnet paraatheid\r\n";
  std::string stamp;
  for (char c : stamp_utc.substr(0, 19)) {
    if (c != '-' && c != ':') stamp += c;
  }
  stamp += "Z";
  std::map<std::string, int> uids;
  for (const auto& item : overview.items) {
    std::string day = item.due.value_or(overview.date);
    std::string compact = day.substr(0, 4) + day.substr(5, 2) + day.substr(8, 2);
    std::string summary = item.rule->label +
                          (item.practice_name.empty() ? "" : " · " + item.practice_name) +
                          (item.subject.empty() ? "" : " (" + item.subject + ")");
    // Stable across refreshes (a calendar app then moves the event instead of adding one) and
    // unique: the subject names which contract or card, and its digest is the same on every
    // machine (std::hash is not, and cut to five digits it collided).
    std::string uid = item.rule->id + "-" +
                      (item.practice_agb.empty() ? "regio" : item.practice_agb) + "-" +
                      Blake2bHex(item.subject).substr(0, 16);
    if (const int seen = uids[uid]++; seen > 0) uid += "-" + std::to_string(seen + 1);
    uid += "@vangnet";
    out += "BEGIN:VEVENT\r\n";
    out += Fold("UID:" + uid);
    out += "DTSTAMP:" + stamp + "\r\n";
    out += "DTSTART;VALUE=DATE:" + compact + "\r\n";
    out += Fold("SUMMARY:" + IcalText(summary));
    out += Fold("DESCRIPTION:" +
                IcalText(item.rule->explanation + "\nWie: " + item.rule->owner +
                         "\nBron: " + SourceText(item.rule->source) +
                         (item.last_done ? "\nLaatst gedaan: " + DutchDate(*item.last_done)
                                         : "\nNog nooit gedaan")));
    out += "END:VEVENT\r\n";
  }
  return out + "END:VCALENDAR\r\n";
}

Table PreparednessTable(const PreparednessOverview& overview) {
  Table table{"paraatheid " + overview.date,
              {{"status"},
               {"obligation"},
               {"practice_agb"},
               {"practice_name"},
               {"subject"},
               {"last_done", CellType::kDate},
               {"last_done_by"},
               {"evidence"},
               {"due", CellType::kDate},
               {"owner"},
               {"every_months", CellType::kInteger},
               {"source"}},
              {},
              {}};
  for (const auto& item : overview.items) {
    table.rows.push_back({std::string(EnumLabel(ITEM_STATUSES, item.status)), item.rule->label,
                          item.practice_agb, item.practice_name, item.subject,
                          item.last_done.value_or(""), item.last_done_by, item.evidence,
                          item.due.value_or(""), item.rule->owner,
                          std::to_string(item.rule->every_months), SourceText(item.rule->source)});
  }
  return table;
}

}  // namespace vangnet
