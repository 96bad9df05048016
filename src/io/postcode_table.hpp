// Dutch 4-digit postcodes with place, municipality and centroid (data/nl-pc4-centroids.csv,
// MIT licence, compiled into the binary).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/geo.hpp"

namespace vangnet {

struct PostcodeArea {
  std::string postcode;  // PC4
  std::string place;
  std::string municipality;  // as of the 2014 snapshot (see data/README.md)
  std::string province;
  double latitude = 0;
  double longitude = 0;
  bool is_address_area = false;  // kind contains "Adres": people live here
  std::string other_spellings;    // of the place, as the table gives them ("Amsterdam Zuidoost")
};

class PostcodeTable {
 public:
  // The table compiled into the binary; parsed once, on first use.
  static const PostcodeTable& Embedded();
  // Parses the CSV format of data/nl-pc4-centroids.csv.
  static PostcodeTable Parse(std::string_view csv);

  const PostcodeArea* Find(std::string_view postcode) const;
  // Address areas of one municipality, in postcode order.
  std::vector<const PostcodeArea*> AddressAreasOf(std::string_view municipality) const;
  // Every address area of the country, in postcode order.
  std::vector<const PostcodeArea*> AddressAreas() const;
  // The areas whose place or municipality is `place` (any spelling the table knows, case
  // ignored); empty for a place the table does not know.
  std::vector<const PostcodeArea*> AreasOfPlace(std::string_view place) const;
  std::size_t size() const { return areas_.size(); }
  const PostcodeArea& At(std::size_t index) const { return areas_[index]; }

 private:
  std::vector<PostcodeArea> areas_;
  std::unordered_map<std::string, std::size_t> by_postcode_;
  std::unordered_multimap<std::string, std::size_t> by_place_;  // lower-case place names
};

}  // namespace vangnet
