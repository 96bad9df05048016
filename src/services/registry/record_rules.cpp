#include "services/registry/record_rules.hpp"

#include "core/identifiers.hpp"
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

template <>
Errors Normalise(Practice& practice) {
  if (practice.latitude && practice.place.size()) return {};
  if (CheckPostcode(practice.postcode)) return {};  // a malformed postcode is Validate's to report
  const PostcodeArea* area = PostcodeTable::Embedded().Find(practice.postcode);
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
