#include "io/patient_list_csv.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/text.hpp"
#include "io/csv.hpp"
#include "io/fhir_directory.hpp"

namespace vangnet {

Result<std::vector<RedistributionPatient>> ParsePatientList(const std::string& text,
                                                            const std::string& file_name,
                                                            int current_year) {
  if (fhir::LooksLikeFhir(text)) return ParsePatientBundle(text, file_name, current_year);
  auto table = ReadCsv(text, file_name);
  if (!table) return table.error();
  Errors errors;
  auto fail = [&](std::size_t row, const std::string& field, const std::string& message) {
    errors.push_back(Error{ErrorKind::kValidation, message, file_name, row, field});
  };
  std::map<std::string, std::size_t> column;
  const std::set<std::string> known(std::begin(PATIENT_LIST_COLUMNS),
                                    std::end(PATIENT_LIST_COLUMNS));
  for (std::size_t i = 0; i < table.value().header.size(); ++i) {
    std::string name = ToLowerAscii(table.value().header[i]);
    if (!known.contains(name)) {
      fail(1, name,
           "Kolom '" + name +
               "' hoort niet in de patiëntenlijst: alleen patiëntnummer, "
               "huishouden, postcode, huisnummer, geboortejaar en kwetsbaarheid. Namen en "
               "adressen blijven in het HIS.");
    }
    column[name] = i;
  }
  for (const char* required : {"his_patient_number", "household_key", "postcode", "birth_year"}) {
    if (!column.contains(required))
      fail(1, required, std::string("Kolom '") + required + "' ontbreekt.");
  }
  if (!errors.empty()) return Error::Combined(std::move(errors));

  std::vector<RedistributionPatient> patients;
  std::set<std::string> numbers;
  for (const auto& record : table.value().records) {
    auto cell = [&](const char* name) -> std::string {
      auto it = column.find(name);
      if (it == column.end() || it->second >= record.cells.size()) return {};
      std::string text(Trim(record.cells[it->second]));
      if (HasControlCharacter(text, false)) {
        fail(record.line, name, "Bevat een stuurteken (zoals een regeleinde of tab).");
        return {};
      }
      return text;
    };
    RedistributionPatient p;
    p.his_number = cell("his_patient_number");
    p.household_key = cell("household_key");
    if (p.his_number.empty())
      fail(record.line, "his_patient_number", "Het patiëntnummer ontbreekt.");
    else if (!numbers.insert(p.his_number).second) {
      fail(record.line, "his_patient_number",
           "Patiëntnummer " + p.his_number + " staat er twee keer in.");
    }
    if (p.household_key.empty())
      fail(record.line, "household_key", "De huishoudsleutel ontbreekt.");
    std::string postcode = cell("postcode");
    postcode.erase(std::remove(postcode.begin(), postcode.end(), ' '), postcode.end());
    if (postcode.size() >= 4 && IsAllDigits(postcode.substr(0, 4)) &&
        (postcode.size() == 4 || postcode.size() == 6)) {
      p.postcode = postcode.substr(0, 4);
    } else {
      fail(record.line, "postcode", "'" + postcode + "' is geen postcode (1234 of 1234AB).");
    }
    p.house_number = cell("house_number");
    auto year = ParseInteger(cell("birth_year"));
    if (!year || *year < 1900 || *year > current_year) {
      fail(record.line, "birth_year",
           "Geboortejaar '" + cell("birth_year") + "' is geen jaar tussen 1900 en " +
               std::to_string(current_year) + ".");
    } else {
      p.birth_year = static_cast<int>(*year);
    }
    // The most demanding class wins: palliative, then a device, then frail elderly.
    for (const char* flag : {"frail_elderly", "device_dependent", "palliative"}) {
      std::string value = cell(flag);
      if (value.empty()) continue;
      auto yes = ParseYesNo(value);
      if (!yes)
        fail(record.line, flag, "'" + value + "' is geen ja of nee.");
      else if (*yes)
        p.vulnerability = flag;
    }
    patients.push_back(std::move(p));
  }
  if (patients.empty() && errors.empty()) {
    fail(2, "", "De lijst bevat geen patiënten.");
  }
  if (!errors.empty()) return Error::Combined(std::move(errors));
  return patients;
}

std::string WritePatientList(const std::vector<RedistributionPatient>& patients) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& p : patients) {
    rows.push_back({p.his_number, p.household_key, p.postcode, p.house_number,
                    std::to_string(p.birth_year), p.vulnerability == "frail_elderly" ? "ja" : "nee",
                    p.vulnerability == "device_dependent" ? "ja" : "nee",
                    p.vulnerability == "palliative" ? "ja" : "nee"});
  }
  return WriteCsv({std::begin(PATIENT_LIST_COLUMNS), std::end(PATIENT_LIST_COLUMNS)}, rows);
}

}  // namespace vangnet
