// A continuity contract: two practices absorb each other's care for a short time (seed 000 §4).
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "core/entity.hpp"

namespace vangnet {

struct ContinuityContract {
  std::int64_t id = 0;
  std::int64_t version = 0;
  std::string practice_a_agb;  // the lower AGB of the two, see Canonicalise
  std::string practice_b_agb;
  std::string since;                 // date signed
  std::string last_reviewed;         // date of the last review; empty = never reviewed
  int cover_days = 7;                // seed 000 §4: covers at least 7 days
  std::string patients_covered;      // which patients are and are not absorbed
  std::string triage_and_phone;      // how triage and phone reachability are split
  std::string responsibility_shift;  // which care responsibility moves temporarily
};

// A contract between A and B is the same as one between B and A: order the parties so that the
// natural key is unique whichever way a user typed them.
void Canonicalise(ContinuityContract& contract);

template <>
struct EntityTraits<ContinuityContract> {
  static constexpr std::string_view kTable = "continuity_contract";
  static constexpr std::string_view kFileName = "contracts.csv";
  static constexpr std::string_view kLabelNl = "continuïteitscontract";
  static constexpr std::string_view kPluralNl = "continuïteitscontracten";
  static constexpr std::array<std::string_view, 2> kKeyFields{"practice_a_agb", "practice_b_agb"};
  static const std::vector<FieldSpec<ContinuityContract>>& Fields();
  static Errors Validate(const ContinuityContract& contract);
};

}  // namespace vangnet
