// The registry's record types, in the order that respects their references: a type only refers
// to types listed before it. Import, export and the store walk this list.
#pragma once

#include <tuple>
#include <vector>

#include "core/affiliation.hpp"
#include "core/area.hpp"
#include "core/calamity_card.hpp"
#include "core/contact.hpp"
#include "core/continuity_contract.hpp"
#include "core/crisis_role.hpp"
#include "core/governance_check.hpp"
#include "core/organisation.hpp"
#include "core/person.hpp"
#include "core/practice.hpp"
#include "core/programme.hpp"

namespace vangnet {

using RegistryTypes =
    std::tuple<GpGroup, District, Organisation, Person, Practice, Affiliation, ContinuityContract,
               Contact, CrisisRole, CalamityCard, GovernanceCheck, SuccessionTrajectory,
               PracticeCollaboration, ProgrammeActivity>;

// A whole registry in memory: one vector per record type, e.g.
// std::get<std::vector<Practice>>(records). The demo region is built as one.
template <class Tuple>
struct VectorsOf;
template <class... T>
struct VectorsOf<std::tuple<T...>> {
  using type = std::tuple<std::vector<T>...>;
};
using RegistryRecords = VectorsOf<RegistryTypes>::type;

// Calls fn.template operator()<T>() for each registry type in reference order.
template <class Fn>
void ForEachRegistryType(Fn&& fn) {
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (fn.template operator()<std::tuple_element_t<I, RegistryTypes>>(), ...);
  }
  (std::make_index_sequence<std::tuple_size_v<RegistryTypes>>{});
}

// The Dutch name of a registry table ("gp_group" -> "hagro") for messages a coordinator reads;
// the table name itself when it is none of the registry's.
inline std::string_view TableLabelNl(std::string_view table) {
  std::string_view label = table;
  ForEachRegistryType([&]<class T>() {
    if (EntityTraits<T>::kTable == table) label = EntityTraits<T>::kLabelNl;
  });
  return label;
}

}  // namespace vangnet
