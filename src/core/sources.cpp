#include "core/sources.hpp"

#include <array>
#include <utility>

namespace vangnet {

namespace {

// Titles in our own words, after the documents' own (see ../shared/seeds/README.md).
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kTitles{{
    {"000_5a37fb5747e2df6f.txt", "Regionaal continuïteitsplan Maastricht-Heuvelland"},
    {"001_e80bb17fdf402f8a.txt", "LHV/InEen-handreiking noodplan acuut tekort huisartsenzorg"},
    {"002_b828ddde7ad66e33.txt", "Model Integraal Crisisplan huisartsenzorg"},
    {"003_20bf74208b19e42d.txt", "Praktijkopvolging en de rol van de zorggroep"},
    {"004_b94aa58857644a59.txt", "LHV/NHG Kernwaarden huisartsenzorg"},
}};

}  // namespace

std::string SourceText(std::string_view source) {
  std::string text(source);
  for (const auto& [file, title] : kTitles) {
    for (auto at = text.find(file); at != std::string::npos; at = text.find(file, at)) {
      text.replace(at, file.size(), title);
      at += title.size();
    }
  }
  return text;
}

}  // namespace vangnet
