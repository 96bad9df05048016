// Names for the demo region that no one could mistake for real people or practices.
#pragma once

#include <set>
#include <string>

#include "services/demo/demo_random.hpp"

namespace vangnet {

// "Anna van Proefveld": a common first name and a surname built from words that mean
// "made up", "example", "test" or "exercise".
std::string FictionalPersonName(DemoRandom& random);
// "Lindenlaan": a generic street name for a fictional address.
std::string FictionalStreet(DemoRandom& random);
// "Huisartsenpraktijk Lindenlaan (Maastricht)", once: two practices of one name confuse a
// coordinator reading a plan, so the second on a street is named with its house number
// ("Huisartsenpraktijk Lindenlaan 25 (Maastricht)"). `used` holds the names given so far.
std::string FictionalPracticeName(bool health_centre, const std::string& street,
                                  const std::string& street_address, const std::string& place,
                                  std::set<std::string>& used);

}  // namespace vangnet
