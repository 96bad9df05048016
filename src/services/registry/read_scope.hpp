// The one read decision for registry records: whether a caller may see a table at all, which
// of its records, and which of their fields. The registry's lists, pages and downloads, the FHIR
// directory and the paper printouts all ask it, so a printout or a download can never show what
// the page hides (a practice user's contact list once printed every crisis role's mobile number
// while the page said "niet zichtbaar voor uw rol").
#pragma once

#include <optional>
#include <set>
#include <string>

#include "core/registry.hpp"
#include "services/registry/access_policy.hpp"
#include "store/store.hpp"

namespace vangnet {

// Which people a practice user may see: those working at their practices.
std::set<std::string> PeopleOfPractices(UnitOfWork& uow, const Caller& caller);

template <class T>
bool InScope(UnitOfWork&, const Caller&, const T&, const std::set<std::string>&) {
  return false;  // types that are never scoped are decided by Access alone
}
bool InScope(UnitOfWork&, const Caller& c, const Practice& p, const std::set<std::string>&);
bool InScope(UnitOfWork&, const Caller& c, const Affiliation& a, const std::set<std::string>&);
bool InScope(UnitOfWork&, const Caller& c, const ContinuityContract& r,
             const std::set<std::string>&);
bool InScope(UnitOfWork&, const Caller& c, const CalamityCard& r, const std::set<std::string>&);
bool InScope(UnitOfWork&, const Caller& c, const GovernanceCheck& r, const std::set<std::string>&);
bool InScope(UnitOfWork&, const Caller& c, const SuccessionTrajectory& r,
             const std::set<std::string>&);
bool InScope(UnitOfWork&, const Caller& c, const PracticeCollaboration& r,
             const std::set<std::string>&);
bool InScope(UnitOfWork&, const Caller& c, const Person& p, const std::set<std::string>& people);

// Whether a practice user may write this record. Mostly the read scope; but a link between a
// person and a practice also decides who can read that person, so a practice user may only link
// someone who already works at one of their practices or whom they created themselves (and who
// works nowhere yet). A new person may be added; an existing one changed only when on the staff.
template <class T>
bool WriteInScope(UnitOfWork& uow, const Caller& c, const T& record, bool is_new) {
  (void)is_new;
  return InScope(uow, c, record, {});
}
bool WriteInScope(UnitOfWork& uow, const Caller& c, const Affiliation& a, bool is_new);
bool WriteInScope(UnitOfWork& uow, const Caller& c, const Person& p, bool is_new);

// The fields of a record that this caller may not see although they see the record (the
// insurer and who is medically responsible). A list neither shows nor searches them.
template <class T>
std::vector<std::string_view> HiddenFields(const Caller&) {
  return {};
}
template <>
std::vector<std::string_view> HiddenFields<Practice>(const Caller& caller);

// Empties the hidden fields of a record before it leaves the service.
template <class T>
void Redact(const Caller& caller, T& record) {
  for (std::string_view hidden : HiddenFields<T>(caller)) {
    for (const auto& f : EntityTraits<T>::Fields()) {
      if (f.name == hidden) f.clear(record);
    }
  }
}


class ReadScope {
 public:
  ReadScope(UnitOfWork& uow, const Caller& caller) : uow_(uow), caller_(caller) {}

  // What the caller's role may read of the table of T: nothing, their own practices' part, all.
  template <class T>
  Access TableAccess() const {
    return ReadAccess(caller_.role, EntityTraits<T>::kTable);
  }

  // Whether the caller may see this record: its table at all, and the record in their scope.
  template <class T>
  bool Sees(const T& record) {
    switch (TableAccess<T>()) {
      case Access::kAll:
        return true;
      case Access::kNone:
        return false;
      case Access::kScoped:
        break;
    }
    if (!people_) people_ = PeopleOfPractices(uow_, caller_);
    return InScope(uow_, caller_, record, *people_);
  }

  // The record as the caller may see it: nothing outside their scope, hidden fields emptied.
  template <class T>
  std::optional<T> Shown(T record) {
    if (!Sees(record)) return std::nullopt;
    Redact(caller_, record);
    return record;
  }

 private:
  UnitOfWork& uow_;
  const Caller& caller_;
  std::optional<std::set<std::string>> people_;  // a practice user's staff, read once when needed
};

}  // namespace vangnet
