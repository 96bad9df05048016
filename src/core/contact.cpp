#include "core/contact.hpp"

#include "core/person.hpp"

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
  if (!c.phone.empty()) {
    if (auto m = CheckPhone(c.phone)) errors.push_back(Error::Validation("phone", *m));
  }
  if (!c.phone_alternative.empty()) {
    if (auto m = CheckPhone(c.phone_alternative)) {
      errors.push_back(Error::Validation("phone_alternative", *m));
    }
  }
  if (!c.email.empty()) {
    if (auto m = CheckEmail(c.email)) errors.push_back(Error::Validation("email", *m));
  }
  return errors;
}

}  // namespace vangnet
