// The preparedness calendar over the registry: every obligation of the region and of each
// practice, when it was last done, when it is due and whether it is overdue. Contract reviews and
// calamity-card refreshes are read from the registry's own dates (the contract's "last
// reviewed", the card's "last updated"); the other obligations from completions recorded here.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/monitor.hpp"
#include "core/preparedness.hpp"
#include "io/table.hpp"
#include "services/auth/account_service.hpp"
#include "services/registry/access_policy.hpp"
#include "store/store.hpp"

namespace vangnet {

struct PreparednessItem {
  const PreparednessRule* rule = nullptr;
  std::string practice_agb;  // empty: regional
  std::string practice_name;
  std::string subject;                   // what exactly, e.g. "contract met Huisartsenpraktijk X"
  std::optional<std::string> last_done;  // YYYY-MM-DD
  std::string last_done_by;
  std::string evidence;
  std::optional<std::string> due;  // YYYY-MM-DD; nullopt: never done
  ItemStatus status = ItemStatus::kOverdue;
  // Recorded in its own record (contract, calamity card), not with "done" here.
  bool kept_in_registry = false;
  // The latest closed exercise incident that counts as done, if it is the latest completion.
  std::optional<std::int64_t> exercise_incident_id;
};

struct PreparednessOverview {
  std::string date;
  std::vector<PreparednessItem> items;  // overdue first, then by due date
  int overdue = 0, due_this_month = 0, upcoming = 0;
};

// The calendar's items as a download table, in the overview's order.
Table PreparednessTable(const PreparednessOverview& overview);

struct CompletionRequest {
  std::string rule_id;
  std::string practice_agb;  // empty for a regional obligation
  std::string done_on;       // YYYY-MM-DD, not in the future
  std::string done_by;
  std::string evidence;  // a note, or where the report or file is kept
};

// When and how the monthly reminders go out (e-mail through the outbox, like the alarms).
struct ReminderSettings {
  bool email = false;      // an SMTP server is configured
  std::string public_url;  // for the link to the Paraatheid page; empty: "open vangnet"
  int hour = 8;            // Amsterdam time from which the month's reminders are queued
};

class PreparednessService {
 public:
  // `accounts` (optional) lets agenda apps subscribe to a user's items (the feed verbs).
  PreparednessService(Store& store, PreparednessRules rules, MonitorSettings settings = {},
                      AccountService* accounts = nullptr)
      : store_(store), rules_(std::move(rules)), settings_(settings), accounts_(accounts) {}

  // The RHO roles see every item; a practice user the items of their own practice(s); the
  // insurer liaison none (who did what is about people).
  Result<PreparednessOverview> Overview(const Caller& caller);
  // Records that an obligation was done; the RHO for any, a practice user for their own
  // practice. One transaction with its audit event; bad input refused whole with the field.
  Result<PreparednessCompletion> RecordDone(const Caller& caller, const CompletionRequest& request);

  // Once a month (from the 1st at `settings.hour`, Amsterdam time; later in the month when the
  // server was down then), queues one e-mail per person with what is overdue or due this month:
  // a practice's items to its holders and practice managers, the RHO's items (regional ones and
  // those the RHO owns, such as succession conversations) with a summary of the region to the
  // current holder of each crisis-coordinator role. Keyed per month and person, so a restart
  // never sends twice. Returns how many e-mails were queued now.
  Result<int> QueueMonthlyReminders(const ReminderSettings& settings);

  // The caller's items as an iCalendar file (PreparednessIcal).
  Result<std::string> Calendar(const Caller& caller);
  // A secret address an agenda app subscribes to, for the items `user_id` sees; replaces the
  // user's previous address. Not for the insurer liaison. Returns the address's path.
  Result<std::string> SubscribeFeed(const Caller& caller, std::int64_t user_id);
  // Ends the user's address.
  Status EndFeed(const Caller& caller, std::int64_t user_id);
  // The items behind a feed address, as its owner would see them now; not found when the
  // address is unknown or ended.
  Result<std::string> FeedCalendar(const std::string& token);

  const PreparednessRules& rules() const { return rules_; }

 private:
  PreparednessOverview Build(UnitOfWork& work, const Caller& caller,
                             const std::vector<PracticeSnapshot>& snapshots,
                             std::chrono::year_month_day today) const;

  Store& store_;
  PreparednessRules rules_;
  MonitorSettings settings_;
  AccountService* accounts_;
};

// The items as an iCalendar (RFC 5545) file: one all-day event per item on its due date (today
// for never-done items), so people see them in their own agenda.
std::string PreparednessIcal(const PreparednessOverview& overview, const std::string& stamp_utc);

}  // namespace vangnet
