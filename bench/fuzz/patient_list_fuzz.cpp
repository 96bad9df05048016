// libFuzzer target: a patient list (HIS export) as the opvang import reads it.
#include <cstddef>
#include <cstdint>
#include <string>

#include "io/patient_list_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  (void)vangnet::ParsePatientList(text, "fuzz.csv", 2026);
  return 0;
}
