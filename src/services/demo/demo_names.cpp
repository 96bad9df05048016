#include "services/demo/demo_names.hpp"

#include <vector>

namespace vangnet {

std::string FictionalPersonName(DemoRandom& random) {
  static const std::vector<std::string> first{
      "Anna",    "Bram",  "Claire", "Daan",  "Eva",  "Femke",  "Gijs", "Hanna",  "Ilse",  "Joost",
      "Karin",   "Lars",  "Maud",   "Niels", "Olga", "Pieter", "Roos", "Sander", "Tessa", "Ulrike",
      "Vincent", "Wendy", "Yara",   "Zef",   "Luc",  "Noor",   "Sem",  "Fleur",  "Thijs", "Iris"};
  static const std::vector<std::string> prefix{"", "", "", "van ", "de ", "van der ", "ter "};
  static const std::vector<std::string> root{"Proef",  "Oefen",     "Verzon",   "Bedacht",
                                             "Schijn", "Voorbeeld", "Test",     "Demo",
                                             "Fictie", "Denkbeeld", "Sjabloon", "Zogenaamd"};
  static const std::vector<std::string> suffix{"man",   "stra", "veld", "berg", "ink",
                                               "hoven", "sma",  "dijk", "kamp", "horst"};
  return random.Pick(first) + " " + random.Pick(prefix) + random.Pick(root) + random.Pick(suffix);
}

std::string FictionalStreet(DemoRandom& random) {
  static const std::vector<std::string> streets{
      "Lindenlaan",        "Kastanjeplein", "Beukenweg",   "Molenstraat",      "Kerkstraat",
      "Schoolstraat",      "Dorpsstraat",   "Stationsweg", "Wilhelminasingel", "Julianastraat",
      "Heerweg",           "Akerweg",       "Bosrand",     "Geulstraat",       "Mergelweg",
      "Heuvelweg",         "Maasboulevard", "Parkweg",     "Vijverdalseweg",   "Kloosterplein",
      "Burgemeesterslaan", "Gasthuisstraat"};
  return random.Pick(streets);
}

std::string FictionalPracticeName(bool health_centre, const std::string& street,
                                  const std::string& street_address, const std::string& place,
                                  std::set<std::string>& used) {
  const std::string kind = health_centre ? "Gezondheidscentrum " : "Huisartsenpraktijk ";
  std::string name = kind + street + " (" + place + ")";
  if (!used.insert(name).second) {
    name = kind + street_address + " (" + place + ")";
    used.insert(name);
  }
  return name;
}

}  // namespace vangnet
