#include "core/organisation.hpp"

#include "core/person.hpp"

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
  };
  return fields;
}

Errors EntityTraits<Organisation>::Validate(const Organisation& o) {
  Errors errors;
  if (!o.phone.empty()) {
    if (auto m = CheckPhone(o.phone)) errors.push_back(Error::Validation("phone", *m));
  }
  if (!o.email.empty()) {
    if (auto m = CheckEmail(o.email)) errors.push_back(Error::Validation("email", *m));
  }
  return errors;
}

}  // namespace vangnet
