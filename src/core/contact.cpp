#include "core/contact.hpp"

#include "core/identifiers.hpp"

namespace vangnet {

const std::vector<FieldSpec<Contact>>& EntityTraits<Contact>::Fields() {
  using C = Contact;
  static const std::vector<FieldSpec<C>> fields{
      TextField<C>("code", &C::code, true),
      TextField<C>("name", &C::name, true),
      TextField<C>("function", &C::function),
      TextField<C>("organisation_code", &C::organisation_code, false, "organisation.code"),
      TextField<C>("practice_agb", &C::practice_agb, false, "practice.agb"),
      TextField<C>("phone", &C::phone),
      TextField<C>("phone_alternative", &C::phone_alternative),
      TextField<C>("email", &C::email),
      TextField<C>("notes", &C::notes),
  };
  return fields;
}

Errors EntityTraits<Contact>::Validate(const Contact& c) {
  Errors errors;
  if (c.phone.empty() && c.email.empty()) {
    errors.push_back(Error::Validation(
        "phone", "een contact zonder telefoonnummer of e-mailadres is onbereikbaar"));
  }
  CheckIfFilled(errors, "phone", c.phone, CheckPhone);
  CheckIfFilled(errors, "phone_alternative", c.phone_alternative, CheckPhone);
  CheckIfFilled(errors, "email", c.email, CheckEmail);
  return errors;
}

}  // namespace vangnet
