// The registry as a FHIR R4 care-services directory (IHE mCSD, as the Dutch "Generieke Functies"
// adressering profiles it: http://fhir.generiekefuncties.nl/csd), and a directory Bundle back
// into registry rows (README.md, "FHIR").
//
//   practice      -> Organization (the practice), Location (its building), HealthcareService
//                    (general practice care), all with id "practice-<id>"
//   hagro         -> Organization "gp-group-<id>", partOf the RHO
//   wijk          -> Location "district-<id>" (an area)
//   organisation  -> Organization "organisation-<id>"
//   person        -> Practitioner "person-<id>"
//   werkrelatie   -> PractitionerRole "affiliation-<id>"
//   contract      -> OrganizationAffiliation "contract-<id>"
//
// Fields FHIR has no element for travel in one extension per resource (kRegistryExtension, a
// sub-extension per field name), so an exported registry imports back unchanged.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/registry.hpp"

namespace vangnet::fhir {

// Dutch identifier systems (nl-core NamingSystems).
inline constexpr std::string_view kAgbSystem = "http://fhir.nl/fhir/NamingSystem/agb-z";
inline constexpr std::string_view kKvkSystem = "http://fhir.nl/fhir/NamingSystem/kvk";
inline constexpr std::string_view kUraSystem = "http://fhir.nl/fhir/NamingSystem/ura";
inline constexpr std::string_view kBigSystem = "http://fhir.nl/fhir/NamingSystem/big";
// The nl-gf profiles (canonical base of the Generieke Functies implementation guide).
inline constexpr std::string_view kProfileBase =
    "http://fhir.generiekefuncties.nl/csd/StructureDefinition/";
// vangnet's own definitions: the registry-record extension and the code systems for its kinds
// and roles. Not (yet) published at this address; a receiving directory treats them as opaque.
inline constexpr std::string_view kVangnetBase = "https://vangnet.nl/fhir/";
inline constexpr std::string_view kRegistryExtension =
    "https://vangnet.nl/fhir/StructureDefinition/registry-record";

// Who keeps the records: the region's RHO, by its URA or else its KvK number. The nl-gf
// profiles demand an identifier assigned by such a custodian (CustodianAssignedIdentifier, its
// assigner named by URA or KvK); without one no resource claims them.
struct Custodian {
  std::string name;
  std::string system;    // kUraSystem or kKvkSystem
  std::string value;     // the number
  std::int64_t id = 0;   // the RHO's organisation record
  bool has_ura = false;  // the RHO itself has a URA (HealthcareService derives it)
};
std::optional<Custodian> CustodianOf(const std::vector<Organisation>& organisations);

// What a resource needs beyond its own record: the custodian, the ids its references point at
// (by natural key), and when each record last changed (ISO 8601 UTC, from the audit trail).
struct DirectoryContext {
  std::optional<Custodian> custodian;
  std::map<std::string, std::int64_t> practice_ids, gp_group_ids, district_ids, organisation_ids,
      person_ids;
  // (table, key) -> last change; empty when unknown.
  std::function<std::string(std::string_view table, const std::string& key)> last_updated;
};

// The FHIR id of a record ("practice-12") and back ("practice-12" -> 12 for prefix "practice").
template <class T>
std::string ResourceId(std::int64_t id);
std::optional<std::int64_t> RecordIdOf(std::string_view resource_id, std::string_view prefix);
template <class T>
std::string_view IdPrefix();

// The resources a record is published as: a practice as three (its Organization, its building
// and the care it offers, all with the practice's id), the rest one each.
nlohmann::json PracticeOrganization(const Practice& practice, const DirectoryContext& context);
nlohmann::json PracticeLocation(const Practice& practice, const DirectoryContext& context);
nlohmann::json PracticeService(const Practice& practice, const DirectoryContext& context);
nlohmann::json ToResource(const GpGroup& group, const DirectoryContext& context);
nlohmann::json ToResource(const District& district, const DirectoryContext& context);
nlohmann::json ToResource(const Organisation& organisation, const DirectoryContext& context);
nlohmann::json ToResource(const Person& person, const DirectoryContext& context);
nlohmann::json ToResource(const Affiliation& affiliation, const DirectoryContext& context);
nlohmann::json ToResource(const ContinuityContract& contract, const DirectoryContext& context);

// ---- reading a directory Bundle ---------------------------------------------------------------

// One registry record read from a Bundle: its fields as the texts a CSV cell would hold (every
// field of the kind; an element that is absent is an empty field), and for each field the
// element path it came from, so a refusal names it ("entry[3].resource.identifier[1].value").
struct DirectoryRow {
  std::size_t entry = 0;  // index in Bundle.entry
  std::map<std::string, std::string> texts;
  std::map<std::string, std::string> paths;
};

// The rows per registry table ("practice", "person", ...), in the Bundle's order.
struct DirectoryRows {
  std::map<std::string, std::vector<DirectoryRow>> by_table;
};

// Whether a file is a FHIR resource (JSON with a resourceType) rather than CSV or Excel.
bool LooksLikeFhir(std::string_view content);

// Reads a Bundle of the resource types above. Everything that would be lost is refused, each
// named by its element path: other resource types, unknown profiles and extensions, elements
// vangnet does not keep, references that point outside the Bundle. `file_name` names the file.
Result<DirectoryRows> ReadDirectoryBundle(std::string_view json, const std::string& file_name);

}  // namespace vangnet::fhir
