#include "core/alarm.hpp"

#include <algorithm>

namespace vangnet {

std::vector<AlarmLink> AlarmChain(const CrisisRole& role, const CrisisRole* reporting_point,
                                  const std::function<bool(const std::string&)>& available) {
  std::vector<AlarmLink> chain;
  auto add = [&](const std::string& person, AlarmLevel level) {
    if (person.empty() || !available(person)) return;
    if (std::any_of(chain.begin(), chain.end(),
                    [&](const AlarmLink& l) { return l.person_code == person; })) {
      return;
    }
    chain.push_back({person, level});
  };
  add(role.primary_person_code, AlarmLevel::kPrimary);
  add(role.substitute_person_code, AlarmLevel::kSubstitute);
  if (reporting_point && reporting_point->code != role.code) {
    add(reporting_point->primary_person_code, AlarmLevel::kReportingPoint);
    add(reporting_point->substitute_person_code, AlarmLevel::kReportingPoint);
  }
  return chain;
}

std::optional<AlarmLink> NextInChain(const std::vector<AlarmLink>& chain,
                                     const std::string& person_code) {
  for (std::size_t i = 0; i + 1 < chain.size(); ++i) {
    if (chain[i].person_code == person_code) return chain[i + 1];
  }
  return std::nullopt;
}

}  // namespace vangnet
