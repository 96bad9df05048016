#include "services/registry/record_rules.hpp"

#include <limits>

#include "core/geo.hpp"
#include "core/identifiers.hpp"
#include "core/text.hpp"
#include "io/postcode_table.hpp"

namespace vangnet {

// ISO dates compare correctly as text.
template <>
Errors CheckNotInFuture(const ContinuityContract& c, std::chrono::year_month_day today) {
  if (!c.last_reviewed.empty() && c.last_reviewed > FormatDate(today)) {
    return {Error::Validation("last_reviewed", "laatste evaluatie ligt in de toekomst")};
  }
  return {};
}

template <>
Errors CheckNotInFuture(const GovernanceCheck& check, std::chrono::year_month_day today) {
  if (!check.checked_on.empty() && check.checked_on > FormatDate(today)) {
    return {Error::Validation("checked_on", "een controle ligt niet in de toekomst")};
  }
  return {};
}

template <>
Errors Normalise(ContinuityContract& contract) {
  Canonicalise(contract);
  return {};
}

// Further than this from its own postcode's centre, a practice's postcode or position is wrong;
// the largest Dutch PC4 areas (Wadden islands, Noordoostpolder) span about 15 km.
constexpr double kPostcodeMismatchKm = 25;

template <>
Errors Normalise(Practice& practice) {
  if (CheckPostcode(practice.postcode)) return {};  // a malformed postcode is Validate's to report
  const PostcodeArea* area = PostcodeTable::Embedded().Find(practice.postcode);
  // A postcode far from where the practice is on the map is a typing error (9999 for a practice
  // in Bemelen): the map, the planner and the distances would all be wrong without a word.
  if (area && practice.latitude && practice.longitude) {
    const double km =
        DistanceKm(*practice.latitude, *practice.longitude, area->latitude, area->longitude);
    if (km > kPostcodeMismatchKm) {
      return {Error::Validation(
          "postcode", "postcode " + practice.postcode + " hoort bij " + area->place + ", " +
                          FormatDutchNumber(km) +
                          " km van waar deze praktijk op de kaart staat; klopt de postcode? "
                          "Verhuist de praktijk echt, maak dan ook latitude en longitude leeg")};
    }
  }
  // A postcode of another place than the one given (9999, which is in Groningen, for a practice
  // in Maastricht): the position would come from the postcode and put the practice at the other
  // end of the country. Judged by distance, since a postcode area may hold several villages of
  // one municipality; a place the table does not know is not judged.
  if (area && !practice.place.empty()) {
    const auto places = PostcodeTable::Embedded().AreasOfPlace(practice.place);
    if (!places.empty()) {
      double nearest = std::numeric_limits<double>::max();
      for (const PostcodeArea* p : places) {
        nearest = std::min(nearest,
                           DistanceKm(p->latitude, p->longitude, area->latitude, area->longitude));
      }
      if (nearest > kPostcodeMismatchKm) {
        return {Error::Validation("postcode", "postcode " + practice.postcode + " hoort bij " +
                                                  area->place + " (gemeente " +
                                                  area->municipality + "), niet bij " +
                                                  practice.place +
                                                  "; klopt de postcode of de plaats?")};
      }
    }
  }
  if (practice.latitude && practice.place.size()) return {};
  if (!area) {
    if (practice.latitude) return {};
    return {Error::Validation("postcode", "postcode " + practice.postcode +
                                              " is onbekend; vul latitude en longitude zelf in")};
  }
  if (!practice.latitude) {
    practice.latitude = area->latitude;
    practice.longitude = area->longitude;
  }
  if (practice.place.empty()) practice.place = area->place;
  return {};
}

Errors CheckPracticeConsistency(UnitOfWork& uow, const Practice& practice) {
  if (practice.medically_responsible_person_code.empty()) return {};
  Affiliation probe;
  probe.person_code = practice.medically_responsible_person_code;
  probe.practice_agb = practice.agb;
  for (auto role :
       {AffiliationRole::kHolder, AffiliationRole::kEmployedGp, AffiliationRole::kLocum}) {
    probe.role = role;
    if (uow.Table<Affiliation>().Find(probe)) return {};
  }
  return {Error::Validation("medically_responsible_person_code",
                            practice.medically_responsible_person_code +
                                " is geen huisarts (praktijkhouder, HIDHA of waarnemer) van "
                                "praktijk " +
                                practice.agb)};
}

}  // namespace vangnet

namespace vangnet {

Result<SaveCounts> SaveRegistryRecords(Store& store, const Actor& actor,
                                       const RegistryRecords& records) {
  auto uow = store.Begin(actor);
  if (!uow) return uow.error();
  SaveCounts counts;
  Errors errors;
  ForEachRegistryType([&]<class T>() {
    for (const auto& record : std::get<std::vector<T>>(records)) {
      if (!errors.empty()) return;
      auto outcome = SaveRecord(*uow.value(), record, errors);
      if (outcome) {
        if (outcome.value() == SaveOutcome::kCreated) ++counts.created;
        if (outcome.value() == SaveOutcome::kUpdated) ++counts.updated;
        if (outcome.value() == SaveOutcome::kUnchanged) ++counts.unchanged;
      } else if (errors.empty()) {
        errors.push_back(outcome.error());
      }
      for (auto& e : errors) {
        e.message = std::string(EntityTraits<T>::kLabelNl) + " " + KeyOf(record) + ": " + e.message;
      }
    }
  });
  for (const auto& practice : std::get<std::vector<Practice>>(records)) {
    if (!errors.empty()) break;
    errors = CheckPracticeConsistency(*uow.value(), practice);
  }
  if (!errors.empty()) return errors.front();
  if (auto s = uow.value()->Commit(); !s) return s.error();
  return counts;
}

}  // namespace vangnet
