// libFuzzer target: a FHIR Bundle as the registry import and the patient list read it (a
// directory Bundle from another region, a Patient Bundle from an HIS). Nothing may escape but a
// refusal.
#include <cstddef>
#include <cstdint>
#include <string>

#include "io/fhir_directory.hpp"
#include "io/patient_list_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)vangnet::fhir::ReadDirectoryBundle(text, "fuzz.json");
  (void)vangnet::ParsePatientBundle(text, "fuzz.json", 2026);
  return 0;
}
