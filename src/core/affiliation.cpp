#include "core/affiliation.hpp"

namespace vangnet {

bool IsGpRole(AffiliationRole role) {
  return role == AffiliationRole::kHolder || role == AffiliationRole::kEmployedGp ||
         role == AffiliationRole::kLocum;
}

const std::vector<FieldSpec<Affiliation>>& EntityTraits<Affiliation>::Fields() {
  using A = Affiliation;
  static const std::vector<FieldSpec<A>> fields{
      TextField<A>("person_code", &A::person_code, true, "person.code"),
      TextField<A>("practice_agb", &A::practice_agb, true, "practice.agb"),
      EnumField<A>("role", &A::role, AFFILIATION_ROLES),
      // Above 1.5 FTE at one practice is more than 60 hours a week: a typo, not a person.
      OptionalRealField<A>("fte", &A::fte, 0, 1.5),
      OptionalIntegerField<A>("days_present_per_week", &A::days_present_per_week, 0, 7),
      OptionalIntegerField<A>("expected_stop_year", &A::expected_stop_year, 2000, 2100),
      EnumField<A>("successor", &A::successor, SUCCESSOR_STATUSES, false),
      TextField<A>("successor_name", &A::successor_name),
  };
  return fields;
}

Errors EntityTraits<Affiliation>::Validate(const Affiliation& a) {
  Errors errors;
  if (a.successor == SuccessorStatus::kKnown && a.successor_name.empty()) {
    errors.push_back(Error::Validation("successor_name", "opvolger is bekend: vul in wie het is"));
  }
  if (a.successor != SuccessorStatus::kKnown && !a.successor_name.empty()) {
    errors.push_back(Error::Validation("successor_name",
                                       "een naam van de opvolger hoort bij successor 'known'"));
  }
  return errors;
}

}  // namespace vangnet
