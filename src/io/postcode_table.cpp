#include "io/postcode_table.hpp"

#include <cmath>
#include <stdexcept>

#include "core/embedded_file.hpp"
#include "core/text.hpp"
#include "io/csv.hpp"

namespace vangnet {
std::span<const EmbeddedFile> PostcodeData();  // generated, see src/io/CMakeLists.txt

const PostcodeTable& PostcodeTable::Embedded() {
  static const PostcodeTable table = Parse(PostcodeData()[0].content);
  return table;
}

PostcodeTable PostcodeTable::Parse(std::string_view csv) {
  auto parsed = ReadCsv(csv, "nl-pc4-centroids.csv");
  // The embedded file is part of the build; if it does not parse, the build is broken.
  if (!parsed) throw std::runtime_error(parsed.error().ToString());
  const auto& header = parsed.value().header;
  auto column = [&](std::string_view name) {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return i;
    }
    throw std::runtime_error("postcode table lacks column " + std::string(name));
  };
  const auto postcode = column("postcode"), place = column("woonplaats"),
             municipality = column("gemeente"), lat = column("latitude"), lon = column("longitude"),
             province = column("provincie"), kind = column("soort"),
             spellings = column("alternatieve_schrijfwijzen");
  PostcodeTable table;
  for (const auto& record : parsed.value().records) {
    const auto& c = record.cells;
    auto latitude = ParseDecimal(c[lat]);
    auto longitude = ParseDecimal(c[lon]);
    if (!latitude || !longitude) continue;  // a few PO-box rows carry no centroid
    table.by_postcode_[c[postcode]] = table.areas_.size();
    for (const std::string* name : {&c[place], &c[municipality], &c[spellings]}) {
      if (!name->empty()) table.by_place_.emplace(ToLowerAscii(*name), table.areas_.size());
    }
    table.areas_.push_back(PostcodeArea{c[postcode], c[place], c[municipality], c[province],
                                        *latitude, *longitude,
                                        c[kind].find("Adres") != std::string::npos,
                                        c[spellings]});
  }
  return table;
}

const PostcodeArea* PostcodeTable::Find(std::string_view postcode) const {
  auto it = by_postcode_.find(std::string(postcode));
  return it == by_postcode_.end() ? nullptr : &areas_[it->second];
}

std::vector<const PostcodeArea*> PostcodeTable::AddressAreasOf(
    std::string_view municipality) const {
  std::vector<const PostcodeArea*> found;
  for (const auto& area : areas_) {
    if (area.is_address_area && area.municipality == municipality) found.push_back(&area);
  }
  return found;
}

std::vector<const PostcodeArea*> PostcodeTable::AreasOfPlace(std::string_view place) const {
  std::vector<const PostcodeArea*> found;
  auto [begin, end] = by_place_.equal_range(ToLowerAscii(Trim(place)));
  for (auto it = begin; it != end; ++it) found.push_back(&areas_[it->second]);
  return found;
}

std::vector<const PostcodeArea*> PostcodeTable::AddressAreas() const {
  std::vector<const PostcodeArea*> found;
  for (const auto& area : areas_) {
    if (area.is_address_area) found.push_back(&area);
  }
  return found;
}

}  // namespace vangnet
