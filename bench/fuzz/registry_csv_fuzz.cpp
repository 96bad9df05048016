// libFuzzer target: a registry CSV file as an import reads it (CSV, column mapping, fields).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/registry.hpp"
#include "io/csv.hpp"
#include "io/registry_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto table = vangnet::ReadCsv(text, "fuzz.csv");
  if (!table) return 0;
  auto rows = vangnet::MapCsvColumns<vangnet::Practice>(table.value(), "fuzz.csv");
  if (!rows) return 0;
  for (const auto& row : rows.value()) {
    vangnet::Practice practice;
    (void)vangnet::ParseFields(vangnet::EntityTraits<vangnet::Practice>::Fields(), row.texts,
                               practice);
  }
  // What is written must read back to the same cells (formula guards included).
  std::vector<std::vector<std::string>> cells;
  for (const auto& r : table.value().records) cells.push_back(r.cells);
  auto again = vangnet::ReadCsv(vangnet::WriteCsv(table.value().header, cells), "again.csv");
  if (again && again.value().records.size() == cells.size()) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (again.value().records[i].cells.size() != cells[i].size()) __builtin_trap();
    }
  }
  return 0;
}
