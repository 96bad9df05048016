#include "core/crisis_role.hpp"

namespace vangnet {

const std::vector<FieldSpec<CrisisRole>>& EntityTraits<CrisisRole>::Fields() {
  using R = CrisisRole;
  static const std::vector<FieldSpec<R>> fields{
      TextField<R>("code", &R::code, true),
      EnumField<R>("kind", &R::kind, CRISIS_ROLE_KINDS),
      TextField<R>("gp_group_code", &R::gp_group_code, false, "gp_group.code"),
      TextField<R>("primary_person_code", &R::primary_person_code, false, "person.code"),
      TextField<R>("substitute_person_code", &R::substitute_person_code, false, "person.code"),
  };
  return fields;
}

Errors EntityTraits<CrisisRole>::Validate(const CrisisRole& r) {
  Errors errors;
  const bool is_group = r.kind == CrisisRoleKind::kGroupCrisisCoordinator;
  if (is_group && r.gp_group_code.empty()) {
    errors.push_back(
        Error::Validation("gp_group_code", "een hagro-crisiscoördinator hoort bij een hagro"));
  }
  if (!is_group && !r.gp_group_code.empty()) {
    errors.push_back(Error::Validation("gp_group_code",
                                       "alleen een hagro-crisiscoördinator hoort bij een hagro"));
  }
  // seed 002 §5: every role has a substitute; one person cannot be their own stand-in.
  if (!r.primary_person_code.empty() && r.primary_person_code == r.substitute_person_code) {
    errors.push_back(Error::Validation("substitute_person_code",
                                       "de vervanger moet een ander zijn dan de primaire persoon"));
  }
  return errors;
}

}  // namespace vangnet
