#include "services/registry/registry_service.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace vangnet {

std::set<std::string> PeopleOfPractices(UnitOfWork& uow, const Caller& caller) {
  std::set<std::string> people;
  for (const auto& a : uow.Table<Affiliation>().List()) {
    if (caller.HasPractice(a.practice_agb)) people.insert(a.person_code);
  }
  return people;
}

bool InScope(UnitOfWork&, const Caller& c, const Practice& p, const std::set<std::string>&) {
  return c.HasPractice(p.agb);
}
bool InScope(UnitOfWork&, const Caller& c, const Affiliation& a, const std::set<std::string>&) {
  return c.HasPractice(a.practice_agb);
}
bool InScope(UnitOfWork&, const Caller& c, const ContinuityContract& r,
             const std::set<std::string>&) {
  return c.HasPractice(r.practice_a_agb) || c.HasPractice(r.practice_b_agb);
}
bool InScope(UnitOfWork&, const Caller& c, const CalamityCard& r, const std::set<std::string>&) {
  return c.HasPractice(r.practice_agb);
}
bool InScope(UnitOfWork&, const Caller& c, const GovernanceCheck& r, const std::set<std::string>&) {
  return c.HasPractice(r.practice_agb);
}
bool InScope(UnitOfWork&, const Caller& c, const SuccessionTrajectory& r,
             const std::set<std::string>&) {
  return c.HasPractice(r.practice_agb);
}
bool InScope(UnitOfWork&, const Caller& c, const PracticeCollaboration& r,
             const std::set<std::string>&) {
  return c.HasPractice(r.practice_agb);
}
bool InScope(UnitOfWork&, const Caller&, const Person& p, const std::set<std::string>& people) {
  return people.count(p.code) > 0;
}

bool WriteInScope(UnitOfWork& uow, const Caller& c, const Affiliation& a, bool) {
  if (!c.HasPractice(a.practice_agb)) return false;
  // One pass over the links: on the caller's staff, or linked nowhere at all.
  bool linked = false;
  for (const auto& other : uow.Table<Affiliation>().List()) {
    if (other.person_code != a.person_code) continue;
    if (c.HasPractice(other.practice_agb)) return true;
    linked = true;
  }
  if (linked) return false;
  // A person nobody has linked yet, added by this very user: theirs to link to their practice.
  AuditFilter filter;
  filter.object_type = "person";
  filter.object_key = a.person_code;
  filter.actor_user = c.actor.user;
  filter.limit = 1000;
  for (const auto& event : uow.Audit().List(filter)) {
    if (event.action == "create" && event.outcome == "success") return true;
  }
  return false;
}

bool WriteInScope(UnitOfWork& uow, const Caller& c, const Person& p, bool is_new) {
  return is_new || PeopleOfPractices(uow, c).count(p.code) > 0;
}

template <>
std::vector<std::string_view> HiddenFields<Practice>(const Caller& caller) {
  // The insurer sees practices, not who is medically responsible (a person's record).
  if (caller.role == UserRole::kInsurerLiaison) return {"medically_responsible_person_code"};
  return {};
}

Errors CheckAfterWrite(UnitOfWork& uow, const Practice& practice) {
  return CheckPracticeConsistency(uow, practice);
}

Errors CheckAfterWrite(UnitOfWork& uow, const Affiliation& affiliation) {
  Practice probe;
  probe.agb = affiliation.practice_agb;
  auto practice = uow.Table<Practice>().Find(probe);
  return practice ? CheckPracticeConsistency(uow, *practice) : Errors{};
}

bool MatchesQuery(const std::vector<std::optional<std::string>>& texts,
                  const std::vector<std::string_view>& names, const ListQuery& query) {
  for (const auto& [field, wanted] : query.equals) {
    bool matched = false;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i] == field) {
        matched = std::find(wanted.begin(), wanted.end(), texts[i].value_or("")) != wanted.end();
      }
    }
    if (!matched) return false;
  }
  if (query.search.empty()) return true;
  const std::string needle = ToLowerAscii(query.search);
  for (const auto& text : texts) {
    if (text && ToLowerAscii(*text).find(needle) != std::string::npos) return true;
  }
  return false;
}

Status AuditRead(UnitOfWork& uow, std::string_view table, const std::string& key,
                 const std::string& subject, const std::vector<std::string>& keys) {
  nlohmann::json details{{"records", key == "list" ? keys.size() : 1}};
  if (key == "list") details["keys"] = keys;
  return RecordAudit(uow, "read", std::string(table), key, subject, details.dump());
}

void RegistryService::Notify(std::string_view table, const char* action, std::int64_t id,
                             std::string key) {
  if (listener_) listener_(ChangeEvent{std::string(table), action, id, std::move(key)});
}

}  // namespace vangnet
