#include "core/practice.hpp"

#include "core/identifiers.hpp"

namespace vangnet {

const std::vector<FieldSpec<Practice>>& EntityTraits<Practice>::Fields() {
  using P = Practice;
  static const std::vector<FieldSpec<P>> fields = [] {
    std::vector<FieldSpec<P>> f{
        TextField<P>("agb", &P::agb, true),
        TextField<P>("kvk", &P::kvk),
        TextField<P>("name", &P::name, true),
        EnumField<P>("form", &P::form, PRACTICE_FORMS),
        TextField<P>("street_address", &P::street_address),
        TextField<P>("postcode", &P::postcode, true),
        TextField<P>("place", &P::place),
        OptionalRealField<P>("latitude", &P::latitude, -90, 90),
        OptionalRealField<P>("longitude", &P::longitude, -180, 180),
        // The largest Dutch practices have some 15,000 patients; 60,000 catches a typo.
        IntegerField<P>("registered_patients", &P::registered_patients, 0, 60000),
        BoolField<P>("patient_stop", &P::patient_stop),
        EnumField<P>("status", &P::status, PRACTICE_STATUSES, false),
        TextField<P>("gp_group_code", &P::gp_group_code, false, "gp_group.code"),
        TextField<P>("district_code", &P::district_code, false, "district.code"),
        TextField<P>("out_of_hours_post_code", &P::out_of_hours_post_code, false,
                     "organisation.code"),
        EnumField<P>("owner_kind", &P::owner_kind, OWNER_KINDS, false),
        TextField<P>("owner_name", &P::owner_name),
        TextField<P>("medically_responsible_person_code", &P::medically_responsible_person_code,
                     false, "person.code"),
        BoolField<P>("in_out_of_hours_rota", &P::in_out_of_hours_rota),
        TextField<P>("ura", &P::ura),
    };
    return f;
  }();
  return fields;
}

Errors EntityTraits<Practice>::Validate(const Practice& p) {
  Errors errors;
  if (auto m = CheckAgb(p.agb)) errors.push_back(Error::Validation("agb", *m));
  if (!p.kvk.empty()) {
    if (auto m = CheckKvk(p.kvk)) errors.push_back(Error::Validation("kvk", *m));
  }
  CheckIfFilled(errors, "ura", p.ura, CheckUra);
  if (auto m = CheckPostcode(p.postcode)) errors.push_back(Error::Validation("postcode", *m));
  if (p.latitude.has_value() != p.longitude.has_value()) {
    errors.push_back(
        Error::Validation(p.latitude ? "longitude" : "latitude",
                          "vul breedte- en lengtegraad allebei in, of geen van beide"));
  } else if (p.latitude) {
    if (auto m = CheckDutchCoordinates(*p.latitude, *p.longitude)) {
      errors.push_back(Error::Validation("latitude", *m));
    }
  }
  // seed 004 §4.1: when the owner is not a GP, the registry must say who it is.
  if (p.owner_kind == OwnerKind::kOtherParty && p.owner_name.empty()) {
    errors.push_back(Error::Validation(
        "owner_name", "eigenaar is geen huisarts: vul in welke partij de praktijk bezit"));
  }
  if (p.owner_kind == OwnerKind::kGpHolders && !p.owner_name.empty()) {
    errors.push_back(Error::Validation(
        "owner_name", "alleen invullen als de eigenaar geen huisarts is (owner_kind other_party)"));
  }
  return errors;
}

}  // namespace vangnet
