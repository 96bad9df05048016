// The demo region's shape: its municipalities with their inhabitants and number of practices,
// the wijken and hagros a practice falls in, list sizes per practice form, and the synthetic
// contact details (example.nl addresses, 043-555 numbers) that can never reach a real person.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/practice.hpp"
#include "io/postcode_table.hpp"
#include "services/demo/demo_random.hpp"

namespace vangnet::demo {

// DOMAIN.md: inhabitants per municipality (CBS 2024; Vaals 2019). The postcode table is a 2014
// snapshot, in which Eijsden-Margraten still appears as Eijsden and Margraten.
struct MunicipalityPlan {
  std::string name;
  std::vector<std::string> table_names;
  int population;
  int practices;  // proportional to population, 58 in all
  // The national registry only: the province, and the out-of-hours post (HAP-01..HAP-53).
  std::string province = {};
  std::string out_of_hours_post = {};
};
const std::vector<MunicipalityPlan>& Municipalities();

// The whole country for `vangnet demo --national`: every municipality of the 2014 postcode
// table with address areas (431), the 4,874 practices of DOMAIN.md (Nivel 2022) shared out by
// its number of address postcodes (at least one each), and 17.9 million registered patients in
// proportion. Neighbouring municipalities (in postcode order) share one of 53 out-of-hours
// structures (DOMAIN.md: 105 HAPs in 53 structures).
std::vector<MunicipalityPlan> NationalMunicipalities();
constexpr int kNationalPractices = 4874;
constexpr int kNationalPatients = 17'900'000;
constexpr int kNationalOutOfHoursPosts = 53;

// The forms of `total` practices, unshuffled: the demo region's 58 (seed 000 §2: 25 solo) or,
// nationally, DOMAIN.md's mix.
std::vector<PracticeForm> PracticeForms(int total, bool national);

// "HAG", 0 -> "HAG-001": the national registry's codes for a municipality's hagro, wijk, etc.
std::string Numbered(const char* prefix, std::size_t index);

// Relative list size per practice form: a solo practice runs about one norm practice
// (2095 per FTE, seed 004 §4.2.1), larger forms several.
double ListWeight(PracticeForm form);

// Maastricht's wijken: the centre, and west/east of the Maas split north/south; elsewhere the
// (2014) municipality. The hagro groups wijken. Returns {wijk code, hagro code}.
std::pair<std::string, std::string> DistrictAndGroup(const std::string& municipality,
                                                     const PostcodeArea& area, double lat,
                                                     double lon);

std::string Phone(DemoRandom& random);
std::string Email(const std::string& local);
// "HA-1001" -> "ha.1001": the local part of an e-mail address.
std::string LowerCode(std::string code);

}  // namespace vangnet::demo
