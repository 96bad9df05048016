// The patient list as a FHIR R4 Bundle of Patient resources (nl-core-Patient), as an HIS exports
// it (README.md, "FHIR"). Only what the CSV list holds is taken; the rest (names, BSN, telecom,
// gender, contacts, other resources) is never copied out of the parsed JSON, so it cannot reach
// the database, a log or an answer. Refusals name the element, never its value, except for the
// few values vangnet keeps anyway (patient number, postcode, birth year).
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/text.hpp"
#include "io/json_input.hpp"
#include "io/patient_list_csv.hpp"

namespace vangnet {

namespace {

using nlohmann::json;

constexpr std::string_view kBsnSystem = "http://fhir.nl/fhir/NamingSystem/bsn";
constexpr std::string_view kVulnerabilityExtension =
    "https://vangnet.nl/fhir/StructureDefinition/vulnerability";
// SNOMED CT codes an HIS puts on a Flag or Condition, and the vulnerability class each means.
const std::map<std::string, std::string>& SnomedVulnerabilities() {
  static const std::map<std::string, std::string> codes{
      {"248279007", "frail_elderly"},     // Frailty (finding)
      {"105501005", "device_dependent"},  // Dependence on enabling machine or device
      {"103735009", "palliative"},        // Palliative care
  };
  return codes;
}
// The most demanding class wins, as in the CSV list.
int Rank(const std::string& vulnerability) {
  if (vulnerability == "palliative") return 3;
  if (vulnerability == "device_dependent") return 2;
  if (vulnerability == "frail_elderly") return 1;
  return 0;
}

std::string Text(const json& value) {
  return value.is_string() ? value.get<std::string>() : "";
}

// A household's key: the same for everyone at one address, and not the address itself (FNV-1a,
// 64 bits, over the full postcode, house number and addition; stable from one import to the
// next, which is all the plan needs of it).
std::string HouseholdKey(const std::string& postcode, const std::string& house) {
  std::uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : postcode + "|" + house) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string key = "HH-";
  for (int shift = 60; shift >= 0; shift -= 4) key += kHex[(hash >> shift) & 15];
  return key;
}

// The house number and its addition from an nl-core address line (its ADXP extensions), or else
// the last number in the line's text.
std::string HouseNumber(const json& address) {
  const json lines = address.value("line", json::array());
  std::string number, addition;
  if (lines.is_array() && !lines.empty()) {
    // FHIR JSON keeps a string's extensions in the "_line" sibling.
    const json extended = address.value("_line", json::array());
    for (const auto& line : extended.is_array() ? extended : json::array()) {
      if (!line.is_object()) continue;
      for (const auto& ext : line.value("extension", json::array())) {
        const std::string url = ext.is_object() ? Text(ext.value("url", json())) : "";
        if (url.ends_with("iso21090-ADXP-houseNumber"))
          number = Text(ext.value("valueString", json()));
        if (url.ends_with("iso21090-ADXP-buildingNumberSuffix")) {
          addition = Text(ext.value("valueString", json()));
        }
      }
    }
    if (number.empty()) {
      const std::string text = Text(lines[0]);
      auto end = text.find_last_of("0123456789");
      if (end != std::string::npos) {
        auto start = text.find_last_not_of("0123456789", end);
        number = text.substr(start == std::string::npos ? 0 : start + 1,
                             end - (start == std::string::npos ? 0 : start + 1) + 1);
        addition = std::string(Trim(text.substr(end + 1)));
      }
    }
  }
  return addition.empty() ? number : number + " " + addition;
}

}  // namespace

namespace {
Result<std::vector<RedistributionPatient>> ReadPatientBundle(const std::string& text,
                                                             const std::string& file_name,
                                                             int current_year) {
  if (JsonNestingDepth(text) > kMaxJsonDepth) {
    return Error{ErrorKind::kValidation, JsonTooDeepMessage(), file_name};
  }
  const json bundle = json::parse(text, nullptr, false);
  Errors errors;
  auto fail = [&](const std::string& path, const std::string& message) {
    errors.push_back(Error{ErrorKind::kValidation, message, file_name, 0, path});
  };
  if (bundle.is_discarded() || !bundle.is_object() ||
      Text(bundle.value("resourceType", json())) != "Bundle") {
    return Error{ErrorKind::kValidation, "geen FHIR-bundel (resourceType Bundle)", file_name, 0,
                 "resourceType"};
  }
  const json& entries = bundle.contains("entry") ? bundle["entry"] : json::array();
  if (!entries.is_array()) return Error::Validation("entry", "moet een lijst zijn");
  // First the vulnerabilities that Flags and Conditions record, per Patient reference.
  std::map<std::string, std::string> flagged;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const json& r =
        entries[i].is_object() && entries[i].contains("resource") ? entries[i]["resource"] : json();
    const std::string type = r.is_object() ? Text(r.value("resourceType", json())) : "";
    if (type != "Flag" && type != "Condition") continue;
    if (type == "Flag" && Text(r.value("status", json())) != "active") continue;
    const json subject = r.value("subject", json());
    const std::string ref = subject.is_object() ? Text(subject.value("reference", json())) : "";
    const json code = r.value("code", json());
    for (const auto& c : code.is_object() ? code.value("coding", json::array()) : json::array()) {
      auto it = SnomedVulnerabilities().find(Text(c.value("code", json())));
      if (it != SnomedVulnerabilities().end() &&
          Text(c.value("system", json())) == "http://snomed.info/sct" &&
          Rank(it->second) > Rank(flagged[ref])) {
        flagged[ref] = it->second;
      }
    }
  }
  std::vector<RedistributionPatient> patients;
  std::set<std::string> numbers;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const json& entry = entries[i];
    const json& r = entry.is_object() && entry.contains("resource") ? entry["resource"] : json();
    if (!r.is_object() || Text(r.value("resourceType", json())) != "Patient") continue;
    const std::string at = "entry[" + std::to_string(i) + "].resource.";
    RedistributionPatient p;
    // The HIS's own patient number: an identifier that is not the BSN.
    const json ids = r.value("identifier", json::array());
    for (std::size_t k = 0; ids.is_array() && k < ids.size(); ++k) {
      if (!ids[k].is_object() || Text(ids[k].value("system", json())) == kBsnSystem) continue;
      p.his_number = std::string(Trim(Text(ids[k].value("value", json()))));
      if (!p.his_number.empty()) break;
    }
    if (p.his_number.empty() || HasControlCharacter(p.his_number, false)) {
      fail(at + "identifier",
           "geen patiëntnummer van het HIS (een identifier naast het BSN; het "
           "BSN neemt vangnet niet over)");
    } else if (!numbers.insert(p.his_number).second) {
      fail(at + "identifier", "patiëntnummer " + p.his_number + " staat er twee keer in");
    }
    // The home address: the postcode's four digits and the house number, for the household.
    const json addresses = r.value("address", json::array());
    std::size_t home = 0;
    for (std::size_t k = 0; addresses.is_array() && k < addresses.size(); ++k) {
      if (addresses[k].is_object() && Text(addresses[k].value("use", json())) == "home") home = k;
    }
    if (!addresses.is_array() || addresses.empty() || !addresses[home].is_object()) {
      fail(at + "address",
           "het adres ontbreekt; vangnet heeft postcode en huisnummer nodig om "
           "een huishouden samen te plaatsen");
    } else {
      const json& address = addresses[home];
      const std::string where = at + "address[" + std::to_string(home) + "]";
      std::string postcode = Text(address.value("postalCode", json()));
      std::erase(postcode, ' ');
      if (postcode.size() >= 4 && IsAllDigits(postcode.substr(0, 4)) &&
          (postcode.size() == 4 || postcode.size() == 6)) {
        p.postcode = postcode.substr(0, 4);
      } else {
        fail(where + ".postalCode", "geen postcode (1234 of 1234AB)");
      }
      p.house_number = HouseNumber(address);
      if (HasControlCharacter(p.house_number, false)) p.house_number.clear();
      p.household_key = HouseholdKey(ToLowerAscii(postcode), ToLowerAscii(p.house_number));
      if (p.house_number.empty()) p.household_key = "HH-" + p.his_number;  // alone, to be safe
    }
    // Only the year of birth.
    const std::string born = Text(r.value("birthDate", json()));
    auto year = born.size() >= 4 ? ParseInteger(born.substr(0, 4)) : std::nullopt;
    if (!year || *year < 1900 || *year > current_year) {
      fail(at + "birthDate",
           "geen geboortedatum met een jaar tussen 1900 en " + std::to_string(current_year));
    } else {
      p.birth_year = static_cast<int>(*year);
    }
    // Vulnerability: vangnet's extension on the Patient, or a Flag/Condition about them.
    for (const auto& ext : r.value("extension", json::array())) {
      if (!ext.is_object() || Text(ext.value("url", json())) != kVulnerabilityExtension) continue;
      const std::string code = Text(ext.value("valueCode", json()));
      if (Rank(code) == 0) {
        fail(at + "extension", "kwetsbaarheid is frail_elderly, device_dependent of palliative");
      } else if (Rank(code) > Rank(p.vulnerability)) {
        p.vulnerability = code;
      }
    }
    const std::string id = Text(r.value("id", json()));
    for (const std::string& ref : {"Patient/" + id, Text(entry.value("fullUrl", json()))}) {
      auto it = flagged.find(ref);
      if (!ref.empty() && it != flagged.end() && Rank(it->second) > Rank(p.vulnerability)) {
        p.vulnerability = it->second;
      }
    }
    patients.push_back(std::move(p));
  }
  if (patients.empty() && errors.empty()) fail("entry", "de bundel bevat geen Patient");
  if (!errors.empty()) return Error::Combined(std::move(errors));
  return patients;
}

}  // namespace

Result<std::vector<RedistributionPatient>> ParsePatientBundle(const std::string& text,
                                                              const std::string& file_name,
                                                              int current_year) {
  // The net under a kind check that was missed: a refusal naming the file, never a crash.
  try {
    return ReadPatientBundle(text, file_name, current_year);
  } catch (const nlohmann::json::exception& e) {
    return UnexpectedShape(file_name, e);
  }
}

}  // namespace vangnet
