#include "services/demo/demo_geography.hpp"

#include <cctype>

#include "core/geo.hpp"

namespace vangnet::demo {

const std::vector<MunicipalityPlan>& Municipalities() {
  static const std::vector<MunicipalityPlan> plans{
      {"Maastricht", {"Maastricht"}, 125203, 34},
      {"Eijsden-Margraten", {"Eijsden", "Margraten"}, 26034, 7},
      {"Meerssen", {"Meerssen"}, 18568, 5},
      {"Valkenburg aan de Geul", {"Valkenburg aan de Geul"}, 16425, 5},
      {"Gulpen-Wittem", {"Gulpen-Wittem"}, 14056, 4},
      {"Vaals", {"Vaals"}, 10100, 3},
  };
  return plans;
}

// Relative list size per practice form: a solo practice runs about one norm practice
// (2095 per FTE, seed 004 §4.2.1), larger forms several.
double ListWeight(PracticeForm form) {
  switch (form) {
    case PracticeForm::kSolo:
      return 1.0;
    case PracticeForm::kDuo:
      return 1.75;
    case PracticeForm::kGroup:
      return 3.0;
    case PracticeForm::kHealthCentre:
      return 4.0;
    case PracticeForm::kHoed:
      return 2.5;
  }
  return 1.0;
}

// Maastricht's wijken: the centre, and west/east of the Maas split north/south; elsewhere the
// (2014) municipality. The hagro groups wijken.
std::pair<std::string, std::string> DistrictAndGroup(const std::string& municipality,
                                                     const PostcodeArea& area, double lat,
                                                     double lon) {
  if (municipality == "Maastricht") {
    if (DistanceKm(lat, lon, 50.8489, 5.6887) < 1.0) return {"MAA-CEN", "HAG-MAA-W"};
    bool west = lon<5.693, north = lat> 50.85;
    if (west) return {north ? "MAA-WN" : "MAA-WZ", "HAG-MAA-W"};
    return {north ? "MAA-ON" : "MAA-OZ", "HAG-MAA-O"};
  }
  if (area.municipality == "Eijsden") return {"EIJ", "HAG-EM"};
  if (area.municipality == "Margraten") return {"MAR", "HAG-EM"};
  if (municipality == "Meerssen") return {"MEE", "HAG-MEE"};
  if (municipality == "Valkenburg aan de Geul") return {"VAL", "HAG-VAL"};
  if (municipality == "Gulpen-Wittem") return {"GUW", "HAG-HEU"};
  return {"VAA", "HAG-HEU"};
}

std::string Phone(DemoRandom& random) {
  return "043-555" + std::to_string(random.Between(1000, 9999));
}

std::string Email(const std::string& local) {
  return local + "@example.nl";
}

std::string LowerCode(std::string code) {
  std::string out;
  for (char c : code) out += (c == '-') ? '.' : static_cast<char>(std::tolower(c));
  return out;
}

}  // namespace vangnet::demo
