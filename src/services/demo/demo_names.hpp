// Names for the demo region that no one could mistake for real people or practices.
#pragma once

#include <string>

#include "services/demo/demo_random.hpp"

namespace vangnet {

// "Anna van Proefveld": a common first name and a surname built from words that mean
// "made up", "example", "test" or "exercise".
std::string FictionalPersonName(DemoRandom& random);
// "Lindenlaan": a generic street name for a fictional address.
std::string FictionalStreet(DemoRandom& random);

}  // namespace vangnet
