#include "core/organisation.hpp"

#include "core/identifiers.hpp"

namespace vangnet {

const std::vector<FieldSpec<Organisation>>& EntityTraits<Organisation>::Fields() {
  using O = Organisation;
  static const std::vector<FieldSpec<O>> fields{
      TextField<O>("code", &O::code, true),
      TextField<O>("name", &O::name, true),
      EnumField<O>("kind", &O::kind, ORGANISATION_KINDS),
      TextField<O>("phone", &O::phone),
      TextField<O>("email", &O::email),
      TextField<O>("address", &O::address),
      TextField<O>("notes", &O::notes),
      TextField<O>("kvk", &O::kvk),
      TextField<O>("ura", &O::ura),
  };
  return fields;
}

Errors EntityTraits<Organisation>::Validate(const Organisation& o) {
  Errors errors;
  CheckIfFilled(errors, "kvk", o.kvk, CheckKvk);
  CheckIfFilled(errors, "ura", o.ura, CheckUra);
  CheckIfFilled(errors, "phone", o.phone, CheckPhone);
  CheckIfFilled(errors, "email", o.email, CheckEmail);
  return errors;
}

}  // namespace vangnet
