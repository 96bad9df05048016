// Rules that need the store: references exist, practices get their coordinates, a medically
// responsible GP works at the practice. Shared by single edits and imports, so both refuse the
// same things with the same words.
#pragma once

#include "core/registry.hpp"
#include "store/store.hpp"

namespace vangnet {

enum class SaveOutcome { kCreated, kUpdated, kUnchanged };

// Puts a record in canonical form before it is compared or stored: contract parties ordered,
// practice coordinates and place filled from the postcode when missing.
template <class T>
Errors Normalise(T&) {
  return {};
}
template <>
Errors Normalise(ContinuityContract& contract);
template <>
Errors Normalise(Practice& practice);

// Dates that record something already done (a contract's review, a governance check) do not
// lie after `today`. Kept out of core's Validate because it needs the clock.
template <class T>
Errors CheckNotInFuture(const T&, std::chrono::year_month_day) {
  return {};
}
template <>
Errors CheckNotInFuture(const ContinuityContract& contract, std::chrono::year_month_day today);
template <>
Errors CheckNotInFuture(const GovernanceCheck& check, std::chrono::year_month_day today);

// Every filled reference field names an existing record.
template <class T>
Errors CheckReferences(UnitOfWork& uow, const T& record) {
  Errors errors;
  for (const auto& f : EntityTraits<T>::Fields()) {
    if (f.references.empty()) continue;
    auto value = f.get(record);
    if (!value || uow.ReferenceExists(f.references, *value)) continue;
    auto table = f.references.substr(0, f.references.find('.'));
    errors.push_back(Error::NotFound(
        std::string(f.name), "er is geen " + std::string(TableLabelNl(table)) + " '" + *value +
                                 "'; voeg die eerst toe of kies een bestaande"));
  }
  return errors;
}

// What still refers to `record`, for a removal that must not leave anything dangling:
// "3 werkrelaties (HA-1 @ 01051037, ...), 1 crisisrol (...)"; empty when nothing does. Without
// `name_them` only the counts (for a caller who may not see records outside their practices).
template <class T>
std::string DependentsOf(UnitOfWork& uow, const T& record, bool name_them) {
  constexpr std::size_t kNamed = 3;
  std::string text;
  ForEachRegistryType([&]<class U>() {
    for (const auto& f : EntityTraits<U>::Fields()) {
      const std::string_view ref = f.references;
      const auto dot = ref.find('.');
      if (dot == std::string_view::npos || ref.substr(0, dot) != EntityTraits<T>::kTable) continue;
      std::optional<std::string> value;
      for (const auto& own : EntityTraits<T>::Fields()) {
        if (own.name == ref.substr(dot + 1)) value = own.get(record);
      }
      if (!value) continue;
      RecordFilter filter;
      filter.equals.emplace_back(std::string(f.name), std::vector<std::string>{*value});
      filter.limit = kNamed;
      auto found = uow.Table<U>().Query(filter);
      if (found.total == 0) continue;
      std::string keys;
      for (const auto& item : found.items) keys += (keys.empty() ? "" : ", ") + KeyOf(item);
      if (found.total > found.items.size()) keys += ", ...";
      text +=
          (text.empty() ? "" : "; ") + std::to_string(found.total) + " " +
          std::string(found.total == 1 ? EntityTraits<U>::kLabelNl : EntityTraits<U>::kPluralNl) +
          (name_them ? " (" + keys + ")" : "");
    }
  });
  return text;
}

// seed 004 §4.1 (unclear organisation): the medically responsible person must be a GP
// (holder, employed GP or locum) of this very practice. Checked once all of an action's
// records are in, because practice and affiliations may arrive in the same import.
Errors CheckPracticeConsistency(UnitOfWork& uow, const Practice& practice);

// Validates `record` and creates it, or updates `existing` (the stored record with the same
// natural key, looked up by the caller). Errors leave the store as it was for this record; the
// caller's transaction decides about the rest.
template <class T>
Result<SaveOutcome> SaveRecord(UnitOfWork& uow, const std::optional<T>& existing, T record,
                               Errors& errors) {
  std::size_t before = errors.size();
  for (auto& e : Normalise(record)) errors.push_back(std::move(e));
  for (auto& e : EntityTraits<T>::Validate(record)) errors.push_back(std::move(e));
  for (auto& e : CheckNotInFuture(record, uow.clock().Today())) errors.push_back(std::move(e));
  for (auto& e : CheckReferences(uow, record)) errors.push_back(std::move(e));
  if (errors.size() > before) return Error::Validation({}, "record refused");
  auto& table = uow.Table<T>();
  if (!existing) {
    auto inserted = table.Insert(record);
    if (!inserted) return inserted.error();
    return SaveOutcome::kCreated;
  }
  if (SameContent(*existing, record)) return SaveOutcome::kUnchanged;
  record.id = existing->id;
  if (record.version == 0) record.version = existing->version;  // imports overwrite by key
  auto updated = table.Update(record);
  if (!updated) return updated.error();
  return SaveOutcome::kUpdated;
}

// As above, looking up the stored record itself.
template <class T>
Result<SaveOutcome> SaveRecord(UnitOfWork& uow, T record, Errors& errors) {
  (void)Normalise(record);  // the key of a contract depends on the parties' order
  auto existing = uow.Table<T>().Find(record);
  return SaveRecord(uow, existing, std::move(record), errors);
}

}  // namespace vangnet

namespace vangnet {

struct SaveCounts {
  std::size_t created = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;
};

// Saves a whole in-memory registry as one action: every record validated as an import would
// be, all or nothing. The first error refuses the whole set; its message names the record.
Result<SaveCounts> SaveRegistryRecords(Store& store, const Actor& actor,
                                       const RegistryRecords& records);

}  // namespace vangnet
