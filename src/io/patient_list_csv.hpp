// The closed practice's patient list as exported from its HIS (README "patient list"): minimal
// fields only. A column beyond them is refused, so names or addresses cannot slip in.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/redistribution.hpp"

namespace vangnet {

inline constexpr const char* PATIENT_LIST_COLUMNS[] = {
    "his_patient_number", "household_key", "postcode",         "house_number",
    "birth_year",         "frail_elderly", "device_dependent", "palliative"};

// Every problem with its row and field; nothing is returned unless the whole file is right.
Result<std::vector<RedistributionPatient>> ParsePatientList(const std::string& text,
                                                            const std::string& file_name,
                                                            int current_year);
std::string WritePatientList(const std::vector<RedistributionPatient>& patients);

}  // namespace vangnet
