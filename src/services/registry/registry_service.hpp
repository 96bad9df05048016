// The registry's verbs for one record at a time: list, get, create, update, delete.
//
// Each verb is one user action: access checked against the caller's role and practices, the
// record validated as an import would be, one transaction, and an audit event for every write
// and for every read of personal data. Callers (HTTP now) map the outcome; listeners hear of
// committed changes (the live event stream).
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/registry.hpp"
#include "services/registry/access_policy.hpp"
#include "services/registry/read_scope.hpp"
#include "services/registry/record_rules.hpp"
#include "store/store.hpp"

namespace vangnet {

struct ListQuery {
  std::size_t limit = 50;  // at most kMaxLimit
  std::size_t offset = 0;
  std::string search;  // case-insensitive, in any text field
  // Field name -> the canonical values it may have (any of them; ?code=A&code=B).
  std::map<std::string, std::vector<std::string>> equals;
  // Enough for every practice in the country in one page (the map, pick-lists).
  static constexpr std::size_t kMaxLimit = 10000;
};

template <class T>
struct Page {
  std::vector<T> items;
  std::size_t total = 0;  // matching records before limit/offset
};

// A committed change, for live updates. Keys only: no personal values travel on the stream.
struct ChangeEvent {
  std::string table;
  std::string action;  // create, update, delete
  std::int64_t id = 0;
  std::string key;
};

// Rules after a write that look beyond the record itself (see record_rules.hpp).
template <class T>
Errors CheckAfterWrite(UnitOfWork&, const T&) {
  return {};
}
Errors CheckAfterWrite(UnitOfWork& uow, const Practice& practice);
Errors CheckAfterWrite(UnitOfWork& uow, const Affiliation& affiliation);

// The audit event of one read of personal data: of the record `key` (about `subject`), or of a
// list (key "list") returning `keys`. The one shape every reader of the registry records, so
// "who saw person X" finds them all.
Status AuditRead(UnitOfWork& uow, std::string_view table, const std::string& key,
                 const std::string& subject, const std::vector<std::string>& keys);

bool MatchesQuery(const std::vector<std::optional<std::string>>& texts,
                  const std::vector<std::string_view>& names, const ListQuery& query);

class RegistryService {
 public:
  using Listener = std::function<void(const ChangeEvent&)>;

  explicit RegistryService(Store& store, Listener listener = {})
      : store_(store), listener_(std::move(listener)) {}

  template <class T>
  Result<Page<T>> List(const Caller& caller, const ListQuery& query);
  template <class T>
  Result<T> Get(const Caller& caller, std::int64_t id);
  template <class T>
  Result<T> Create(const Caller& caller, const std::vector<std::optional<std::string>>& texts);
  template <class T>
  Result<T> Update(const Caller& caller, std::int64_t id, std::int64_t expected_version,
                   const std::vector<std::optional<std::string>>& texts);
  template <class T>
  Status Delete(const Caller& caller, std::int64_t id, std::int64_t expected_version);

 private:
  template <class T>
  Status CheckWrite(UnitOfWork& uow, const Caller& caller, const T& record, bool is_new);
  void Notify(std::string_view table, const char* action, std::int64_t id, std::string key);

  Store& store_;
  Listener listener_;
};

// ---- template implementations ----------------------------------------------------------------

// Adds the whole-record rules' errors for fields that parsed, so a form learns of every
// problem at once instead of one per attempt.
template <class T>
void AddRecordErrors(const T& record, std::chrono::year_month_day today, Errors& errors) {
  T normalised = record;
  for (auto& e : Normalise(normalised)) errors.push_back(std::move(e));
  Errors rules = EntityTraits<T>::Validate(normalised);
  for (auto& e : CheckNotInFuture(normalised, today)) rules.push_back(std::move(e));
  for (auto& e : rules) {
    bool already = false;
    for (const auto& known : errors) already = already || known.field == e.field;
    if (!already) errors.push_back(std::move(e));
  }
}

template <class T>
Error NotFoundError() {
  return Error(ErrorKind::kNotFound, std::string(EntityTraits<T>::kLabelNl) + " bestaat niet");
}

inline Error Forbidden(std::string_view what) {
  return Error{
      ErrorKind::kForbidden, "uw rol geeft geen toegang tot " + std::string(what), {}, 0, {}};
}

template <class T>
Result<Page<T>> RegistryService::List(const Caller& caller, const ListQuery& query) {
  const std::string_view table = EntityTraits<T>::kTable;
  Access access = ReadAccess(caller.role, table);
  if (access == Access::kNone) return Forbidden(EntityTraits<T>::kLabelNl);
  // Personal data: a write transaction, so the read and its audit event commit together.
  auto uow = HoldsPersonalData(table) ? store_.Begin(caller.actor) : store_.BeginRead(caller.actor);
  if (!uow) return uow.error();
  Page<T> page;
  const std::vector<std::string_view> hidden = HiddenFields<T>(caller);
  const auto is_hidden = [&hidden](std::string_view name) {
    return std::find(hidden.begin(), hidden.end(), name) != hidden.end();
  };
  if (access == Access::kAll) {
    // The filter, the search and the page run in the database. A hidden field is searched as
    // the empty text the caller sees.
    RecordFilter filter;
    filter.search = query.search;
    filter.limit = std::min(query.limit, ListQuery::kMaxLimit);
    filter.offset = query.offset;
    for (const auto& f : EntityTraits<T>::Fields()) {
      if (!is_hidden(f.name)) filter.search_fields.emplace_back(f.name);
    }
    for (const auto& [field, wanted] : query.equals) {
      if (!is_hidden(field)) {
        filter.equals.emplace_back(field, wanted);
      } else if (std::find(wanted.begin(), wanted.end(), "") == wanted.end()) {
        return page;  // a hidden field is empty to this caller: nothing else matches
      }
    }
    auto found = uow.value()->template Table<T>().Query(filter);
    page.total = found.total;
    page.items = std::move(found.items);
    for (auto& record : page.items) Redact(caller, record);
  } else {
    // A practice user's own practices and people: what is in scope is decided per record.
    ReadScope scope(*uow.value(), caller);
    std::vector<std::string_view> names;
    for (const auto& f : EntityTraits<T>::Fields()) names.push_back(f.name);
    for (auto& listed : uow.value()->template Table<T>().List()) {
      auto record = scope.Shown(std::move(listed));
      if (!record) continue;
      if (!MatchesQuery(FieldTexts(*record), names, query)) continue;
      if (page.total++ < query.offset) continue;
      if (page.items.size() < std::min(query.limit, ListQuery::kMaxLimit)) {
        page.items.push_back(std::move(*record));
      }
    }
  }
  if (HoldsPersonalData(table)) {
    // Whose data was shown: the keys of the returned records, so "who saw person X" has an
    // answer (NEN 7513), not just a count.
    std::vector<std::string> keys;
    for (const auto& record : page.items) keys.push_back(KeyOf(record));
    if (auto s = AuditRead(*uow.value(), table, "list", "", keys); !s) return s.error();
    if (auto s = uow.value()->Commit(); !s) return s.error();
  }
  return page;
}

template <class T>
Result<T> RegistryService::Get(const Caller& caller, std::int64_t id) {
  const std::string_view table = EntityTraits<T>::kTable;
  Access access = ReadAccess(caller.role, table);
  if (access == Access::kNone) return Forbidden(EntityTraits<T>::kLabelNl);
  // A write transaction: reading personal data and its audit event commit together.
  auto uow = HoldsPersonalData(table) ? store_.Begin(caller.actor) : store_.BeginRead(caller.actor);
  if (!uow) return uow.error();
  auto record = uow.value()->template Table<T>().FindById(id);
  if (!record) {
    return NotFoundError<T>();
  }
  auto shown = ReadScope(*uow.value(), caller).Shown(std::move(*record));
  if (!shown) {
    return Forbidden("deze " + std::string(EntityTraits<T>::kLabelNl) + " (andere praktijk)");
  }
  record = std::move(shown);
  if (HoldsPersonalData(table)) {
    if (auto s = AuditRead(*uow.value(), table, KeyOf(*record), SubjectOf(*record), {}); !s) {
      return s.error();
    }
    if (auto s = uow.value()->Commit(); !s) return s.error();
  }
  return *record;
}

template <class T>
Status RegistryService::CheckWrite(UnitOfWork& uow, const Caller& caller, const T& record,
                                   bool is_new) {
  Access access = WriteAccess(caller.role, EntityTraits<T>::kTable);
  if (access == Access::kNone)
    return Forbidden("het wijzigen van " + std::string(EntityTraits<T>::kLabelNl));
  if (access == Access::kScoped && !WriteInScope(uow, caller, record, is_new)) {
    return Forbidden("gegevens van een andere praktijk");
  }
  return Ok{};
}

template <class T>
Result<T> RegistryService::Create(const Caller& caller,
                                  const std::vector<std::optional<std::string>>& texts) {
  if (WriteAccess(caller.role, EntityTraits<T>::kTable) == Access::kNone) {
    return Forbidden("het toevoegen van " + std::string(EntityTraits<T>::kLabelNl));
  }
  const auto& fields = EntityTraits<T>::Fields();
  T record;
  Errors errors;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].required && (!texts[i] || Trim(*texts[i]).empty())) {
      errors.push_back(Error::Validation(std::string(fields[i].name), "is verplicht maar leeg"));
    }
  }
  std::vector<std::optional<std::string>> filled = texts;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].required && (!filled[i] || Trim(*filled[i]).empty())) filled[i].reset();
  }
  for (auto& e : ParseFields(fields, filled, record)) errors.push_back(std::move(e));
  AddRecordErrors(record, store_.clock().Today(), errors);
  if (!errors.empty()) return Error::Combined(std::move(errors));
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  (void)Normalise(record);
  if (auto s = CheckWrite(*uow.value(), caller, record, true); !s) return s.error();
  if (uow.value()->template Table<T>().Find(record)) {
    return Error::Conflict(
        std::string(EntityTraits<T>::kKeyFields[0]),
        std::string(EntityTraits<T>::kLabelNl) + " " + KeyOf(record) + " bestaat al");
  }
  auto outcome = SaveRecord(*uow.value(), std::optional<T>{}, record, errors);
  if (!errors.empty()) return Error::Combined(std::move(errors));
  if (!outcome) return outcome.error();
  auto stored = uow.value()->template Table<T>().Find(record);
  for (auto& e : CheckAfterWrite(*uow.value(), *stored)) errors.push_back(std::move(e));
  if (!errors.empty()) return Error::Combined(std::move(errors));
  if (auto s = uow.value()->Commit(); !s) return s.error();
  Notify(EntityTraits<T>::kTable, "create", stored->id, KeyOf(*stored));
  return *stored;
}

template <class T>
Result<T> RegistryService::Update(const Caller& caller, std::int64_t id,
                                  std::int64_t expected_version,
                                  const std::vector<std::optional<std::string>>& texts) {
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto existing = uow.value()->template Table<T>().FindById(id);
  if (!existing) {
    return NotFoundError<T>();
  }
  if (auto s = CheckWrite(*uow.value(), caller, *existing, false); !s) return s.error();
  if (existing->version != expected_version) {
    return Error::Conflict("version", std::string(EntityTraits<T>::kLabelNl) + " " +
                                          KeyOf(*existing) +
                                          " is intussen door iemand anders gewijzigd; laad "
                                          "opnieuw en probeer het nog eens");
  }
  T record = *existing;
  Errors errors = ParseFields(EntityTraits<T>::Fields(), texts, record);
  AddRecordErrors(record, store_.clock().Today(), errors);
  if (!errors.empty()) return Error::Combined(std::move(errors));
  (void)Normalise(record);
  if (KeyOf(record) != KeyOf(*existing)) {
    return Error::Validation(std::string(EntityTraits<T>::kKeyFields[0]),
                             "de sleutel kan niet worden gewijzigd; maak een nieuw record");
  }
  if (auto s = CheckWrite(*uow.value(), caller, record, false); !s) return s.error();
  auto outcome = SaveRecord(*uow.value(), existing, record, errors);
  if (!errors.empty()) return Error::Combined(std::move(errors));
  if (!outcome) return outcome.error();
  auto stored = uow.value()->template Table<T>().FindById(id);
  for (auto& e : CheckAfterWrite(*uow.value(), *stored)) errors.push_back(std::move(e));
  if (!errors.empty()) return Error::Combined(std::move(errors));
  if (auto s = uow.value()->Commit(); !s) return s.error();
  if (outcome.value() != SaveOutcome::kUnchanged) {
    Notify(EntityTraits<T>::kTable, "update", stored->id, KeyOf(*stored));
  }
  return *stored;
}

template <class T>
Status RegistryService::Delete(const Caller& caller, std::int64_t id,
                               std::int64_t expected_version) {
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto existing = uow.value()->template Table<T>().FindById(id);
  if (!existing) {
    return NotFoundError<T>();
  }
  if (auto s = CheckWrite(*uow.value(), caller, *existing, false); !s) return s;
  if (existing->version != expected_version) {
    return Error::Conflict(
        "version", std::string(EntityTraits<T>::kLabelNl) + " is intussen gewijzigd; laad opnieuw");
  }
  // Say what depends on it, so the user can end or move those first; nothing is left dangling.
  if (const std::string dependents = DependentsOf(*uow.value(), *existing, caller.IsRho());
      !dependents.empty()) {
    return Error::Conflict(std::string(EntityTraits<T>::kKeyFields[0]),
                           std::string(EntityTraits<T>::kLabelNl) + " " + KeyOf(*existing) +
                               " is nog in gebruik: " + dependents +
                               ". Wijzig of verwijder die eerst.");
  }
  if (auto s = uow.value()->template Table<T>().Delete(*existing); !s) return s;
  if constexpr (std::is_same_v<T, Affiliation>) {
    // Removing the medically responsible GP's role leaves the practice without one.
    Practice probe;
    probe.agb = existing->practice_agb;
    if (auto practice = uow.value()->template Table<Practice>().Find(probe)) {
      Errors errors = CheckPracticeConsistency(*uow.value(), *practice);
      if (!errors.empty()) return Error::Combined(std::move(errors));
    }
  }
  if (auto s = uow.value()->Commit(); !s) return s;
  Notify(EntityTraits<T>::kTable, "delete", id, KeyOf(*existing));
  return Ok{};
}

}  // namespace vangnet
