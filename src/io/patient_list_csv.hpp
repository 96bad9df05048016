// The closed practice's patient list as exported from its HIS (README "patient list"): minimal
// fields only. A CSV column beyond them is refused, so names or addresses cannot slip in; a FHIR
// Bundle of Patient resources gives the same fields and the rest is dropped unread.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/redistribution.hpp"

namespace vangnet {

inline constexpr const char* PATIENT_LIST_COLUMNS[] = {
    "his_patient_number", "household_key", "postcode",         "house_number",
    "birth_year",         "frail_elderly", "device_dependent", "palliative"};

// Every problem with its row and field (or element); nothing is returned unless the whole file
// is right. A FHIR Bundle (JSON) is read by ParsePatientBundle.
Result<std::vector<RedistributionPatient>> ParsePatientList(const std::string& text,
                                                            const std::string& file_name,
                                                            int current_year);
// From a Bundle: the HIS patient number (an identifier other than the BSN), the household (a
// key made from postcode and house number), PC4 and house number of the home address, the year
// of birthDate, and the vulnerability from vangnet's extension or an active Flag or Condition
// with one of the SNOMED codes in README.md ("FHIR").
Result<std::vector<RedistributionPatient>> ParsePatientBundle(const std::string& text,
                                                              const std::string& file_name,
                                                              int current_year);
std::string WritePatientList(const std::vector<RedistributionPatient>& patients);

}  // namespace vangnet
