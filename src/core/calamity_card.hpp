// The calamity information card of a practice: what others need when the holder cannot act
// (seed 000 §6, "Belangrijke informatie om te verzamelen" and "Overige maatregelen").
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "core/entity.hpp"

namespace vangnet {

struct CalamityCard {
  std::int64_t id = 0;
  std::int64_t version = 0;
  std::string practice_agb;
  std::string authorised_persons;        // gemachtigden / volmachtigen
  std::string contact_persons;           // names, functions, phone numbers
  std::string salary_payment_authority;  // who may pay salaries when the holder cannot
  std::string bank_access;               // who has access to the bank account
  std::string billing_continuity;        // who keeps claims and bookkeeping going
  std::string suppliers;
  std::string insurances;
  std::string ict_phone_contacts;         // whom to call when IT or telephony fails
  std::string his_access_route;           // how a stand-in gets into the HIS
  std::string password_location;          // WHERE the password overview is kept, never a password
  bool second_agb_linked_vektis = false;  // a second GP AGB linked to the practice AGB
  bool practice_will_present = false;     // praktijktestament
  bool emergency_response_plan = false;   // BHV plan
  std::string last_updated;               // date the card was last checked
};

template <>
struct EntityTraits<CalamityCard> {
  static constexpr std::string_view kTable = "calamity_card";
  static constexpr std::string_view kFileName = "calamity_cards.csv";
  static constexpr std::string_view kLabelNl = "calamiteitenkaart";
  static constexpr std::string_view kPluralNl = "calamiteitenkaarten";
  static constexpr std::array<std::string_view, 1> kKeyFields{"practice_agb"};
  static const std::vector<FieldSpec<CalamityCard>>& Fields();
  static Errors Validate(const CalamityCard& card);
};

}  // namespace vangnet
