#include "core/governance_check.hpp"

#include "core/date.hpp"

namespace vangnet {

const std::vector<FieldSpec<GovernanceCheck>>& EntityTraits<GovernanceCheck>::Fields() {
  using G = GovernanceCheck;
  static const std::vector<FieldSpec<G>> fields{
      TextField<G>("practice_agb", &G::practice_agb, true, "practice.agb"),
      EnumField<G>("item", &G::item, GOVERNANCE_ITEMS),
      EnumField<G>("status", &G::status, CHECK_STATUSES),
      DateField<G>("checked_on", &G::checked_on),
      TextField<G>("note", &G::note),
  };
  return fields;
}

Errors EntityTraits<GovernanceCheck>::Validate(const GovernanceCheck& check) {
  Errors errors;
  if (check.status != CheckStatus::kNotApplicable && check.checked_on.empty()) {
    errors.push_back(Error::Validation("checked_on", "noteer wanneer dit is gecontroleerd"));
  }
  return errors;
}

}  // namespace vangnet
