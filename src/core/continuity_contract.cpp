#include "core/continuity_contract.hpp"

#include <utility>

namespace vangnet {

void Canonicalise(ContinuityContract& c) {
  if (c.practice_b_agb < c.practice_a_agb) std::swap(c.practice_a_agb, c.practice_b_agb);
}

const std::vector<FieldSpec<ContinuityContract>>& EntityTraits<ContinuityContract>::Fields() {
  using C = ContinuityContract;
  static const std::vector<FieldSpec<C>> fields{
      TextField<C>("practice_a_agb", &C::practice_a_agb, true, "practice.agb"),
      TextField<C>("practice_b_agb", &C::practice_b_agb, true, "practice.agb"),
      DateField<C>("since", &C::since),
      DateField<C>("last_reviewed", &C::last_reviewed),
      IntegerField<C, int>("cover_days", &C::cover_days, 1, 366, 7),  // seed 000 §4
      TextField<C>("patients_covered", &C::patients_covered),
      TextField<C>("triage_and_phone", &C::triage_and_phone),
      TextField<C>("responsibility_shift", &C::responsibility_shift),
  };
  return fields;
}

Errors EntityTraits<ContinuityContract>::Validate(const ContinuityContract& c) {
  Errors errors;
  if (c.practice_a_agb == c.practice_b_agb) {
    errors.push_back(Error::Validation(
        "practice_b_agb", "een praktijk kan geen continuïteitscontract met zichzelf hebben"));
  }
  // ISO dates compare correctly as text.
  if (!c.since.empty() && !c.last_reviewed.empty() && c.last_reviewed < c.since) {
    errors.push_back(Error::Validation(
        "last_reviewed",
        "laatste evaluatie (" + c.last_reviewed + ") ligt vóór de startdatum (" + c.since + ")"));
  }
  return errors;
}

}  // namespace vangnet
