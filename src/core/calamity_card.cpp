#include "core/calamity_card.hpp"

#include "core/identifiers.hpp"

namespace vangnet {

const std::vector<FieldSpec<CalamityCard>>& EntityTraits<CalamityCard>::Fields() {
  using C = CalamityCard;
  static const std::vector<FieldSpec<C>> fields{
      TextField<C>("practice_agb", &C::practice_agb, true, "practice.agb"),
      TextField<C>("authorised_persons", &C::authorised_persons),
      TextField<C>("contact_persons", &C::contact_persons),
      TextField<C>("salary_payment_authority", &C::salary_payment_authority),
      TextField<C>("bank_access", &C::bank_access),
      TextField<C>("billing_continuity", &C::billing_continuity),
      TextField<C>("suppliers", &C::suppliers),
      TextField<C>("insurances", &C::insurances),
      TextField<C>("ict_phone_contacts", &C::ict_phone_contacts),
      TextField<C>("his_access_route", &C::his_access_route),
      TextField<C>("password_location", &C::password_location),
      BoolField<C>("second_agb_linked_vektis", &C::second_agb_linked_vektis),
      BoolField<C>("practice_will_present", &C::practice_will_present),
      BoolField<C>("emergency_response_plan", &C::emergency_response_plan),
      DateField<C>("last_updated", &C::last_updated),
  };
  return fields;
}

Errors EntityTraits<CalamityCard>::Validate(const CalamityCard& c) {
  Errors errors;
  const char* hint =
      "lijkt een wachtwoord; noteer alleen wáár het bewaard wordt (bijv. 'kluis praktijkmanager')";
  if (LooksLikeSecret(c.password_location)) {
    errors.push_back(Error::Validation("password_location", hint));
  }
  if (LooksLikeSecret(c.his_access_route)) {
    errors.push_back(Error::Validation("his_access_route", hint));
  }
  return errors;
}

}  // namespace vangnet
