#include "services/demo/demo_geography.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>

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

std::vector<MunicipalityPlan> NationalMunicipalities() {
  std::vector<MunicipalityPlan> plans;
  std::map<std::string, std::size_t> index;
  std::vector<std::size_t> areas;
  for (const PostcodeArea* area : PostcodeTable::Embedded().AddressAreas()) {
    if (area->municipality.empty()) continue;  // a few areas of the 2014 table name none
    auto [it, added] = index.emplace(area->municipality, plans.size());
    if (added) {
      plans.push_back({area->municipality, {area->municipality}, 0, 0, area->province, {}});
      areas.push_back(0);
    }
    ++areas[it->second];
  }
  // Practices by address postcodes, largest remainder first, at least one per municipality.
  std::size_t total_areas = 0;
  for (auto n : areas) total_areas += n;
  std::vector<std::pair<double, std::size_t>> remainders;
  int given = 0;
  for (std::size_t i = 0; i < plans.size(); ++i) {
    const double share = static_cast<double>(kNationalPractices) * areas[i] / total_areas;
    plans[i].practices = std::max(1, static_cast<int>(share));
    given += plans[i].practices;
    remainders.emplace_back(share - std::floor(share), i);
  }
  std::sort(remainders.begin(), remainders.end(), std::greater<>());
  for (std::size_t k = 0; given < kNationalPractices; k = (k + 1) % remainders.size(), ++given) {
    ++plans[remainders[k].second].practices;
  }
  int patients_given = 0;
  for (std::size_t i = 0; i < plans.size(); ++i) {
    plans[i].population =
        i + 1 == plans.size()
            ? kNationalPatients - patients_given
            : static_cast<int>(std::lround(static_cast<double>(kNationalPatients) *
                                           plans[i].practices / kNationalPractices));
    patients_given += plans[i].population;
    char hap[16];
    std::snprintf(hap, sizeof hap, "HAP-%02zu", 1 + i * kNationalOutOfHoursPosts / plans.size());
    plans[i].out_of_hours_post = hap;
  }
  return plans;
}

std::vector<PracticeForm> PracticeForms(int total, bool national) {
  std::vector<PracticeForm> forms;
  if (!national) {
    // 58 practices: 25 solo (seed 000 §2), the rest duo, group, health centre and one HOED.
    forms.insert(forms.end(), 25, PracticeForm::kSolo);
    forms.insert(forms.end(), 20, PracticeForm::kDuo);
    forms.insert(forms.end(), 9, PracticeForm::kGroup);
    forms.insert(forms.end(), 3, PracticeForm::kHealthCentre);
    forms.insert(forms.end(), 1, PracticeForm::kHoed);
    return forms;
  }
  // DOMAIN.md (Nivel 2017): 34 % solo, 43 % duo, 23 % group; how the group share splits into
  // health centres and HOEDs is not published: 3 % and 0.5 % are assumed.
  const auto share = [total](double fraction) {
    return static_cast<std::size_t>(total * fraction);
  };
  forms.insert(forms.end(), share(0.34), PracticeForm::kSolo);
  forms.insert(forms.end(), share(0.43), PracticeForm::kDuo);
  forms.insert(forms.end(), share(0.03), PracticeForm::kHealthCentre);
  forms.insert(forms.end(), share(0.005), PracticeForm::kHoed);
  forms.resize(static_cast<std::size_t>(total), PracticeForm::kGroup);
  return forms;
}

std::string Numbered(const char* prefix, std::size_t index) {
  char code[24];
  std::snprintf(code, sizeof code, "%s-%03zu", prefix, index + 1);
  return code;
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
