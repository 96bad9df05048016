// Every validation rule of the registry's record types, without a database.
#include <gtest/gtest.h>

#include "core/registry.hpp"

namespace vangnet {
namespace {

// The fields an error list names, for compact assertions.
std::vector<std::string> FieldsOf(const Errors& errors) {
  std::vector<std::string> fields;
  for (const auto& e : errors) fields.push_back(e.field);
  return fields;
}

template <class T>
Errors Parse(const std::vector<std::string>& texts, T& record) {
  std::vector<std::optional<std::string>> cells(texts.begin(), texts.end());
  return ParseFields(EntityTraits<T>::Fields(), cells, record);
}

Practice ValidPractice() {
  Practice p;
  p.agb = "01012345";
  p.kvk = "14012345";
  p.name = "Huisartsenpraktijk De Geul";
  p.postcode = "6301";
  p.latitude = 50.865;
  p.longitude = 5.832;
  p.registered_patients = 2400;
  return p;
}

TEST(PracticeValidation, AValidPracticePasses) {
  EXPECT_TRUE(EntityTraits<Practice>::Validate(ValidPractice()).empty());
}

TEST(PracticeValidation, AgbMustBeEightDigits) {
  for (const char* bad : {"0101234", "010123456", "0101234A", "0101 345"}) {
    auto p = ValidPractice();
    p.agb = bad;
    auto errors = EntityTraits<Practice>::Validate(p);
    ASSERT_EQ(FieldsOf(errors), std::vector<std::string>{"agb"}) << bad;
    EXPECT_NE(errors[0].message.find("8 cijfers"), std::string::npos);
  }
}

TEST(PracticeValidation, KvkIsOptionalButMustBeEightDigits) {
  auto p = ValidPractice();
  p.kvk = "";
  EXPECT_TRUE(EntityTraits<Practice>::Validate(p).empty());
  p.kvk = "1234567";
  EXPECT_EQ(FieldsOf(EntityTraits<Practice>::Validate(p)), std::vector<std::string>{"kvk"});
}

TEST(PracticeValidation, PostcodeIsFourDigitsWithoutLetters) {
  for (const char* bad : {"6301AB", "630", "0630", "63O1"}) {
    auto p = ValidPractice();
    p.postcode = bad;
    EXPECT_EQ(FieldsOf(EntityTraits<Practice>::Validate(p)), std::vector<std::string>{"postcode"})
        << bad;
  }
}

TEST(PracticeValidation, CoordinatesComeInPairsAndLieInTheNetherlands) {
  auto p = ValidPractice();
  p.longitude.reset();
  EXPECT_EQ(FieldsOf(EntityTraits<Practice>::Validate(p)), std::vector<std::string>{"longitude"});
  p = ValidPractice();
  p.latitude = 48.85;  // Paris
  p.longitude = 2.35;
  EXPECT_EQ(FieldsOf(EntityTraits<Practice>::Validate(p)), std::vector<std::string>{"latitude"});
}

TEST(PracticeValidation, AnOwnerThatIsNotAGpMustBeNamed) {
  auto p = ValidPractice();
  p.owner_kind = OwnerKind::kOtherParty;
  EXPECT_EQ(FieldsOf(EntityTraits<Practice>::Validate(p)), std::vector<std::string>{"owner_name"});
  p.owner_name = "Zorgketen BV";
  EXPECT_TRUE(EntityTraits<Practice>::Validate(p).empty());
  p.owner_kind = OwnerKind::kGpHolders;
  EXPECT_EQ(FieldsOf(EntityTraits<Practice>::Validate(p)), std::vector<std::string>{"owner_name"});
}

TEST(PracticeFields, ParsesDutchInputAndNamesBadFields) {
  Practice p;
  auto errors = Parse<Practice>(
      {"01012345", "", "Praktijk Zuid", "Groepspraktijk", "Markt 1", "6211", "Maastricht", "50,85",
       "5,69", "3.700", "ja", "actief", "", "", "", "", "", "", "nee"},
      p);
  // "3.700" is Dutch for 3700, not 3.7: refused rather than guessed.
  ASSERT_EQ(FieldsOf(errors), std::vector<std::string>{"registered_patients"});
  EXPECT_EQ(p.form, PracticeForm::kGroup);
  EXPECT_DOUBLE_EQ(*p.latitude, 50.85);
  EXPECT_TRUE(p.patient_stop);
  EXPECT_FALSE(p.in_out_of_hours_rota);
  EXPECT_EQ(p.status, PracticeStatus::kActive);
}

TEST(PracticeFields, UnknownFormListsTheChoices) {
  Practice p;
  auto errors =
      Parse<Practice>({"01012345", "", "X", "maatschap", "", "6211", "", "", "", "10"}, p);
  ASSERT_EQ(FieldsOf(errors), std::vector<std::string>{"form"});
  EXPECT_NE(errors[0].message.find("solo, duo, group, health_centre, hoed"), std::string::npos);
}

TEST(PracticeFields, RequiredFieldsMayNotBeEmpty) {
  Practice p;
  auto errors = Parse<Practice>({"", "", "", "solo", "", "", "", "", "", ""}, p);
  EXPECT_EQ(FieldsOf(errors),
            (std::vector<std::string>{"agb", "name", "postcode", "registered_patients"}));
  EXPECT_EQ(errors[0].message, "is verplicht maar leeg");
}

TEST(PersonValidation, PhoneAndEmailAreChecked) {
  Person person{0, 0, "HA-1", "Dr. Test", 1961, "043-1234567", "test@example.nl", ""};
  EXPECT_TRUE(EntityTraits<Person>::Validate(person).empty());
  person.phone = "bel de balie";
  person.email = "geen-adres";
  EXPECT_EQ(FieldsOf(EntityTraits<Person>::Validate(person)),
            (std::vector<std::string>{"phone", "email"}));
}

TEST(PersonFields, BirthYearMustBePlausible) {
  Person person;
  auto errors = Parse<Person>({"HA-1", "Dr. Test", "1890"}, person);
  ASSERT_EQ(FieldsOf(errors), std::vector<std::string>{"birth_year"});
  EXPECT_NE(errors[0].message.find("1920"), std::string::npos);
}

TEST(AffiliationValidation, KnownSuccessorNeedsAName) {
  Affiliation a;
  a.person_code = "HA-1";
  a.practice_agb = "01012345";
  a.successor = SuccessorStatus::kKnown;
  EXPECT_EQ(FieldsOf(EntityTraits<Affiliation>::Validate(a)),
            std::vector<std::string>{"successor_name"});
  a.successor_name = "Dr. Opvolger";
  EXPECT_TRUE(EntityTraits<Affiliation>::Validate(a).empty());
  a.successor = SuccessorStatus::kNone;
  EXPECT_EQ(FieldsOf(EntityTraits<Affiliation>::Validate(a)),
            std::vector<std::string>{"successor_name"});
}

TEST(AffiliationFields, RolesAcceptDutchNamesAndFteHasLimits) {
  Affiliation a;
  auto errors = Parse<Affiliation>({"HA-1", "01012345", "POH-GGZ", "2,5"}, a);
  ASSERT_EQ(FieldsOf(errors), std::vector<std::string>{"fte"});
  EXPECT_EQ(a.role, AffiliationRole::kMentalHealthPractitioner);
  EXPECT_FALSE(IsGpRole(a.role));
  EXPECT_TRUE(IsGpRole(AffiliationRole::kLocum));
}

TEST(ContinuityContractValidation, NotWithItselfAndReviewAfterSigning) {
  ContinuityContract c;
  c.practice_a_agb = c.practice_b_agb = "01012345";
  c.since = "2020-05-01";
  c.last_reviewed = "2019-01-01";
  EXPECT_EQ(FieldsOf(EntityTraits<ContinuityContract>::Validate(c)),
            (std::vector<std::string>{"practice_b_agb", "last_reviewed"}));
}

TEST(ContinuityContractValidation, PartiesAreOrderedWhicheverWayTyped) {
  ContinuityContract c;
  c.practice_a_agb = "01099999";
  c.practice_b_agb = "01012345";
  Canonicalise(c);
  EXPECT_EQ(c.practice_a_agb, "01012345");
  EXPECT_EQ(c.practice_b_agb, "01099999");
}

TEST(ContinuityContractFields, DatesAcceptDutchOrderAndRefuseImpossibleDays) {
  ContinuityContract c;
  auto errors = Parse<ContinuityContract>({"01012345", "01099999", "27-11-2025", "2025-02-30"}, c);
  ASSERT_EQ(FieldsOf(errors), std::vector<std::string>{"last_reviewed"});
  EXPECT_EQ(c.since, "2025-11-27");
}

TEST(ContactValidation, AContactMustBeReachable) {
  Contact c;
  c.code = "C1";
  c.name = "Meldkamer";
  EXPECT_EQ(FieldsOf(EntityTraits<Contact>::Validate(c)), std::vector<std::string>{"phone"});
  c.email = "meldkamer@example.nl";
  EXPECT_TRUE(EntityTraits<Contact>::Validate(c).empty());
}

TEST(OrganisationValidation, PhoneIsChecked) {
  Organisation o;
  o.code = "VGZ";
  o.name = "Verzekeraar";
  o.phone = "x";
  EXPECT_EQ(FieldsOf(EntityTraits<Organisation>::Validate(o)), std::vector<std::string>{"phone"});
}

TEST(CrisisRoleValidation, HagroCoordinatorBelongsToAHagroAndSubstituteDiffers) {
  CrisisRole r;
  r.code = "HCC-1";
  r.kind = CrisisRoleKind::kGroupCrisisCoordinator;
  r.primary_person_code = r.substitute_person_code = "HA-1";
  EXPECT_EQ(FieldsOf(EntityTraits<CrisisRole>::Validate(r)),
            (std::vector<std::string>{"gp_group_code", "substitute_person_code"}));
  r.kind = CrisisRoleKind::kChair;
  r.gp_group_code = "HAGRO-1";
  r.substitute_person_code = "HA-2";
  EXPECT_EQ(FieldsOf(EntityTraits<CrisisRole>::Validate(r)),
            std::vector<std::string>{"gp_group_code"});
}

TEST(CalamityCardValidation, RecordsWherePasswordsAreNeverAPassword) {
  CalamityCard c;
  c.practice_agb = "01012345";
  c.password_location = "In de kluis bij de praktijkmanager";
  c.his_access_route = "Via de HIS-leverancier, noodaccount in envelop";
  EXPECT_TRUE(EntityTraits<CalamityCard>::Validate(c).empty());
  c.password_location = "Welkom2024!";
  c.his_access_route = "xK9#mq2Lp";
  EXPECT_EQ(FieldsOf(EntityTraits<CalamityCard>::Validate(c)),
            (std::vector<std::string>{"password_location", "his_access_route"}));
}

TEST(EnumTables, EveryValueHasACodeAndALabel) {
  for (const auto& n : PRACTICE_FORMS) EXPECT_FALSE(EnumLabel(PRACTICE_FORMS, n.value).empty());
  for (const auto& n : AFFILIATION_ROLES) {
    EXPECT_EQ(ParseEnum(AFFILIATION_ROLES, n.code), n.value);
    EXPECT_EQ(ParseEnum(AFFILIATION_ROLES, n.label_nl), n.value);
  }
  for (const auto& n : CRISIS_ROLE_KINDS) EXPECT_EQ(ParseEnum(CRISIS_ROLE_KINDS, n.code), n.value);
  for (const auto& n : ORGANISATION_KINDS) {
    EXPECT_EQ(ParseEnum(ORGANISATION_KINDS, n.code), n.value);
  }
}

TEST(FieldRanges, EveryNumberFieldRefusesValuesOutsideItsRange) {
  // 99999999 is beyond every range (patients, years, days, FTE): each must say so.
  auto check = []<class T>() {
    for (const auto& f : EntityTraits<T>::Fields()) {
      if (f.type != FieldType::kInteger && f.type != FieldType::kReal) continue;
      if (f.name == "latitude" || f.name == "longitude") continue;  // checked by Validate
      T record;
      auto message = f.set(record, "99999999");
      ASSERT_TRUE(message.has_value()) << f.name;
      EXPECT_NE(message->find("ligt niet tussen"), std::string::npos) << f.name;
      EXPECT_TRUE(f.set(record, "-1").has_value()) << f.name;
    }
  };
  ForEachRegistryType(check);
}

TEST(EntityKeys, CompoundKeysJoinTheirParts) {
  Affiliation a;
  a.person_code = "HA-1";
  a.practice_agb = "01012345";
  a.role = AffiliationRole::kLocum;
  EXPECT_EQ(KeyOf(a), "HA-1/01012345/locum");
}

}  // namespace
}  // namespace vangnet
