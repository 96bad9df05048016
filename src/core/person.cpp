#include "core/person.hpp"

#include "core/identifiers.hpp"

namespace vangnet {

const std::vector<FieldSpec<Person>>& EntityTraits<Person>::Fields() {
  using P = Person;
  static const std::vector<FieldSpec<P>> fields{
      TextField<P>("code", &P::code, true),
      TextField<P>("name", &P::name, true),
      OptionalIntegerField<P>("birth_year", &P::birth_year, 1920, 2015),
      TextField<P>("phone", &P::phone),
      TextField<P>("email", &P::email),
      DateField<P>("unavailable_until", &P::unavailable_until),
      TextField<P>("big", &P::big),
  };
  return fields;
}

Errors EntityTraits<Person>::Validate(const Person& p) {
  Errors errors;
  CheckIfFilled(errors, "big", p.big, CheckBig);
  CheckIfFilled(errors, "phone", p.phone, CheckPhone);
  CheckIfFilled(errors, "email", p.email, CheckEmail);
  return errors;
}

}  // namespace vangnet
