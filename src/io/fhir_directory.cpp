#include "io/fhir_directory.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace vangnet::fhir {

using nlohmann::json;

namespace {

constexpr std::string_view kHl7OrganizationType =
    "http://terminology.hl7.org/CodeSystem/organization-type";
// Nictiz's organisation types (AGB's "soort instelling"), as the nl-gf examples type a GP
// practice: Z3 "Huisartspraktijk (zelfstandig of groepspraktijk)".
constexpr std::string_view kNictizOrganizationType =
    "http://nictiz.nl/fhir/NamingSystem/organization-type";
constexpr std::string_view kProvenanceParticipantType =
    "http://terminology.hl7.org/CodeSystem/provenance-participant-type";

std::string Base(std::string_view tail) {
  return std::string(kVangnetBase) + std::string(tail);
}

json Coding(std::string_view system, std::string_view code, std::string_view display = {}) {
  json coding = {{"system", system}, {"code", code}};
  if (!display.empty()) coding["display"] = display;
  return coding;
}

json Concept(std::vector<json> codings) {
  return json{{"coding", std::move(codings)}};
}

json Reference(std::string_view type, const std::string& id, std::string_view display = {}) {
  json ref = {{"reference", std::string(type) + "/" + id}};
  if (!display.empty()) ref["display"] = display;
  return ref;
}

// meta: version, last change and, where the resource meets it, the nl-gf profile.
json Meta(std::int64_t version, std::string_view table, const std::string& key,
          const DirectoryContext& context, std::string_view profile) {
  json meta = {{"versionId", std::to_string(version)}};
  if (context.last_updated) {
    if (auto when = context.last_updated(table, key); !when.empty()) meta["lastUpdated"] = when;
  }
  if (!profile.empty()) meta["profile"] = {std::string(kProfileBase) + std::string(profile)};
  return meta;
}

void AddIdentifier(json& identifiers, std::string_view system, const std::string& value) {
  if (!value.empty()) identifiers.push_back({{"system", system}, {"value", value}});
}

// The nl-gf CustodianAssignedIdentifier: the record's key as the RHO assigned it.
void AddAssignedId(json& identifiers, const DirectoryContext& context, std::string_view kind,
                   const std::string& key) {
  if (!context.custodian) return;
  const Custodian& c = *context.custodian;
  identifiers.push_back(
      {{"use", "official"},
       {"system", "urn:vangnet:" + c.value + ":" + std::string(kind)},
       {"value", key},
       {"assigner",
        {{"identifier",
          {{"type", Concept({Coding(kProvenanceParticipantType, "custodian", "Custodian")})},
           {"system", c.system},
           {"value", c.value}}},
         {"display", c.name}}}});
}

// The registry-record extension: the kind, and every filled field FHIR has no element for.
template <class T>
json RegistryExtension(const T& record, std::initializer_list<std::string_view> in_elements) {
  json parts = json::array();
  parts.push_back({{"url", "kind"}, {"valueCode", EntityTraits<T>::kTable}});
  for (const auto& f : EntityTraits<T>::Fields()) {
    if (std::find(in_elements.begin(), in_elements.end(), f.name) != in_elements.end()) continue;
    if (auto text = f.get(record); text && !text->empty()) {
      parts.push_back({{"url", f.name}, {"valueString", *text}});
    }
  }
  return json::array({{{"url", kRegistryExtension}, {"extension", std::move(parts)}}});
}

std::string IdOf(const std::map<std::string, std::int64_t>& ids, std::string_view prefix,
                 const std::string& key) {
  auto it = ids.find(key);
  return it == ids.end() ? std::string() : std::string(prefix) + "-" + std::to_string(it->second);
}

json Telecom(const std::string& phone, const std::string& email) {
  json telecom = json::array();
  if (!phone.empty()) telecom.push_back({{"system", "phone"}, {"value", phone}, {"use", "work"}});
  if (!email.empty()) telecom.push_back({{"system", "email"}, {"value", email}, {"use", "work"}});
  return telecom;
}

std::string_view Hl7TypeOf(OrganisationKind kind) {
  switch (kind) {
    case OrganisationKind::kInsurer:
      return "ins";
    case OrganisationKind::kMunicipality:
    case OrganisationKind::kGhor:
    case OrganisationKind::kGgd:
    case OrganisationKind::kIgj:
    case OrganisationKind::kNza:
      return "govt";
    case OrganisationKind::kHisSupplier:
      return "bus";
    case OrganisationKind::kOutOfHoursPost:
    case OrganisationKind::kPharmacy:
    case OrganisationKind::kHospital:
    case OrganisationKind::kCareHome:
    case OrganisationKind::kRho:
      return "prov";
    case OrganisationKind::kAssociation:
    case OrganisationKind::kOther:
      return "other";
  }
  return "other";
}

json PracticeAddress(const Practice& p) {
  json address = {{"use", "work"}, {"type", "physical"}, {"country", "NL"}};
  if (!p.street_address.empty()) address["line"] = {p.street_address};
  if (!p.place.empty()) address["city"] = p.place;
  if (!p.postcode.empty()) address["postalCode"] = p.postcode;
  return address;
}

std::string PatientStopText(const Practice& p) {
  return p.patient_stop ? "Patiëntenstop: de praktijk schrijft geen nieuwe patiënten in" : "";
}

}  // namespace

template <>
std::string_view IdPrefix<Practice>() {
  return "practice";
}
template <>
std::string_view IdPrefix<GpGroup>() {
  return "gp-group";
}
template <>
std::string_view IdPrefix<District>() {
  return "district";
}
template <>
std::string_view IdPrefix<Organisation>() {
  return "organisation";
}
template <>
std::string_view IdPrefix<Person>() {
  return "person";
}
template <>
std::string_view IdPrefix<Affiliation>() {
  return "affiliation";
}
template <>
std::string_view IdPrefix<ContinuityContract>() {
  return "contract";
}

template <class T>
std::string ResourceId(std::int64_t id) {
  return std::string(IdPrefix<T>()) + "-" + std::to_string(id);
}
template std::string ResourceId<Practice>(std::int64_t);
template std::string ResourceId<GpGroup>(std::int64_t);
template std::string ResourceId<District>(std::int64_t);
template std::string ResourceId<Organisation>(std::int64_t);
template std::string ResourceId<Person>(std::int64_t);
template std::string ResourceId<Affiliation>(std::int64_t);
template std::string ResourceId<ContinuityContract>(std::int64_t);

std::optional<std::int64_t> RecordIdOf(std::string_view resource_id, std::string_view prefix) {
  if (resource_id.size() <= prefix.size() + 1 || !resource_id.starts_with(prefix) ||
      resource_id[prefix.size()] != '-') {
    return std::nullopt;
  }
  auto id = ParseInteger(resource_id.substr(prefix.size() + 1));
  if (!id || *id <= 0) return std::nullopt;
  return *id;
}

std::optional<Custodian> CustodianOf(const std::vector<Organisation>& organisations) {
  for (const auto& o : organisations) {
    if (o.kind != OrganisationKind::kRho || (o.ura.empty() && o.kvk.empty())) continue;
    const bool ura = !o.ura.empty();
    return Custodian{o.name, std::string(ura ? kUraSystem : kKvkSystem), ura ? o.ura : o.kvk, o.id,
                     ura};
  }
  return std::nullopt;
}

json PracticeOrganization(const Practice& p, const DirectoryContext& context) {
  const std::string id = ResourceId<Practice>(p.id);
  const bool custodian = context.custodian.has_value();
  const std::string hagro = IdOf(context.gp_group_ids, IdPrefix<GpGroup>(), p.gp_group_code);
  const bool active = p.status != PracticeStatus::kClosed;
  json organization = {{"resourceType", "Organization"}, {"id", id}};
  json identifiers = json::array();
  AddAssignedId(identifiers, context, "practice", p.agb);
  AddIdentifier(identifiers, kAgbSystem, p.agb);
  AddIdentifier(identifiers, kKvkSystem, p.kvk);
  AddIdentifier(identifiers, kUraSystem, p.ura);
  // nl-gf-organization: a custodian-assigned id, and a URA or KvK number or a parent.
  const bool organization_conforms =
      custodian && (!p.ura.empty() || !p.kvk.empty() || !hagro.empty());
  organization["meta"] = Meta(p.version, "practice", p.agb, context,
                              organization_conforms ? "nl-gf-organization" : "");
  organization["extension"] =
      RegistryExtension(p, {"agb", "kvk", "ura", "name", "street_address", "postcode", "place",
                            "latitude", "longitude", "gp_group_code"});
  organization["identifier"] = identifiers;
  organization["active"] = active;
  organization["type"] = {Concept(
      {Coding(kNictizOrganizationType, "Z3", "Huisartspraktijk (zelfstandig of groepspraktijk)"),
       Coding(kHl7OrganizationType, "prov", "Healthcare Provider")})};
  organization["name"] = p.name;
  organization["address"] = {PracticeAddress(p)};
  if (!hagro.empty()) organization["partOf"] = Reference("Organization", hagro);
  return organization;
}

json PracticeLocation(const Practice& p, const DirectoryContext& context) {
  const std::string id = ResourceId<Practice>(p.id);
  const bool custodian = context.custodian.has_value();
  const bool active = p.status != PracticeStatus::kClosed;
  json location = {{"resourceType", "Location"}, {"id", id}};
  json location_ids = json::array();
  AddAssignedId(location_ids, context, "practice-location", p.agb);
  location["meta"] = Meta(p.version, "practice", p.agb, context, custodian ? "nl-gf-location" : "");
  location["identifier"] = location_ids;
  location["status"] = active ? "active" : "inactive";
  location["name"] = p.name;
  location["mode"] = "instance";
  location["type"] = {Concept(
      {Coding("http://terminology.hl7.org/CodeSystem/v3-RoleCode", "PROFF", "Provider's Office")})};
  location["address"] = PracticeAddress(p);
  if (p.latitude && p.longitude) {
    location["position"] = {{"latitude", *p.latitude}, {"longitude", *p.longitude}};
  }
  location["managingOrganization"] = Reference("Organization", id, p.name);
  if (p.patient_stop) location["availabilityExceptions"] = PatientStopText(p);
  return location;
}

json PracticeService(const Practice& p, const DirectoryContext& context) {
  const std::string id = ResourceId<Practice>(p.id);
  const bool custodian = context.custodian.has_value();
  const std::string hagro = IdOf(context.gp_group_ids, IdPrefix<GpGroup>(), p.gp_group_code);
  const bool active = p.status != PracticeStatus::kClosed;
  // nl-gf-healthcareservice: its provider must have a URA, itself or one or two levels up
  // (practice -> hagro -> RHO).
  const bool derivable_ura =
      !p.ura.empty() || (!hagro.empty() && custodian && context.custodian->has_ura);
  json service = {{"resourceType", "HealthcareService"}, {"id", id}};
  json service_ids = json::array();
  AddAssignedId(service_ids, context, "practice-service", p.agb);
  service["meta"] = Meta(p.version, "practice", p.agb, context,
                         custodian && derivable_ura ? "nl-gf-healthcareservice" : "");
  service["identifier"] = service_ids;
  service["active"] = active;
  service["providedBy"] = Reference("Organization", id, p.name);
  service["type"] = {Concept(
      {Coding("http://terminology.hl7.org/CodeSystem/service-type", "124", "General Practice")})};
  service["specialty"] = {
      Concept({Coding("http://snomed.info/sct", "419772000", "Family practice")})};
  service["location"] = {Reference("Location", id)};
  service["name"] = "Huisartsenzorg " + p.name;
  if (p.patient_stop) service["availabilityExceptions"] = PatientStopText(p);
  return service;
}

json ToResource(const GpGroup& g, const DirectoryContext& context) {
  json identifiers = json::array();
  AddAssignedId(identifiers, context, "gp-group", g.code);
  const bool part_of_rho = context.custodian && context.custodian->id > 0;
  json resource = {{"resourceType", "Organization"},
                   {"id", ResourceId<GpGroup>(g.id)},
                   {"meta", Meta(g.version, "gp_group", g.code, context,
                                 part_of_rho ? "nl-gf-organization" : "")},
                   {"extension", RegistryExtension(g, {"code", "name"})},
                   {"identifier", identifiers},
                   {"active", true},
                   {"type",
                    {Concept({Coding(kHl7OrganizationType, "team", "Organizational team"),
                              Coding(Base("CodeSystem/registry-kind"), "gp_group", "Hagro")})}},
                   {"name", g.name}};
  if (part_of_rho) {
    resource["partOf"] = Reference("Organization", ResourceId<Organisation>(context.custodian->id),
                                   context.custodian->name);
  }
  return resource;
}

json ToResource(const District& d, const DirectoryContext& context) {
  json identifiers = json::array();
  AddAssignedId(identifiers, context, "district", d.code);
  // An area, not a building: no nl-gf-location claim (its type binding has no code for it).
  json resource = {{"resourceType", "Location"},
                   {"id", ResourceId<District>(d.id)},
                   {"meta", Meta(d.version, "district", d.code, context, "")},
                   {"extension", RegistryExtension(d, {"code", "name"})},
                   {"identifier", identifiers},
                   {"status", "active"},
                   {"name", d.name},
                   {"mode", "instance"},
                   {"physicalType",
                    Concept({Coding("http://terminology.hl7.org/CodeSystem/location-physical-type",
                                    "area", "Area")})}};
  if (context.custodian && context.custodian->id > 0) {
    resource["managingOrganization"] =
        Reference("Organization", ResourceId<Organisation>(context.custodian->id));
  }
  return resource;
}

json ToResource(const Organisation& o, const DirectoryContext& context) {
  json identifiers = json::array();
  AddAssignedId(identifiers, context, "organisation", o.code);
  AddIdentifier(identifiers, kKvkSystem, o.kvk);
  AddIdentifier(identifiers, kUraSystem, o.ura);
  const bool conforms = context.custodian && (!o.ura.empty() || !o.kvk.empty());
  json resource = {
      {"resourceType", "Organization"},
      {"id", ResourceId<Organisation>(o.id)},
      {"meta",
       Meta(o.version, "organisation", o.code, context, conforms ? "nl-gf-organization" : "")},
      {"extension",
       RegistryExtension(o, {"code", "name", "kind", "kvk", "ura", "phone", "email", "address"})},
      {"identifier", identifiers},
      {"active", true},
      {"type",
       {Concept({Coding(kHl7OrganizationType, Hl7TypeOf(o.kind)),
                 Coding(Base("CodeSystem/organisation-kind"), EnumCode(ORGANISATION_KINDS, o.kind),
                        EnumLabel(ORGANISATION_KINDS, o.kind))})}},
      {"name", o.name}};
  if (auto telecom = Telecom(o.phone, o.email); !telecom.empty()) resource["telecom"] = telecom;
  if (!o.address.empty()) resource["address"] = {{{"use", "work"}, {"text", o.address}}};
  return resource;
}

json ToResource(const Person& p, const DirectoryContext& context) {
  json identifiers = json::array();
  AddAssignedId(identifiers, context, "person", p.code);
  AddIdentifier(identifiers, kBigSystem, p.big);
  json resource = {{"resourceType", "Practitioner"},
                   {"id", ResourceId<Person>(p.id)},
                   {"meta", Meta(p.version, "person", p.code, context, "")},
                   {"extension", RegistryExtension(p, {"code", "big", "name", "phone", "email"})},
                   {"identifier", identifiers},
                   {"active", true},
                   {"name", {{{"use", "official"}, {"text", p.name}}}}};
  if (auto telecom = Telecom(p.phone, p.email); !telecom.empty()) resource["telecom"] = telecom;
  return resource;
}

json ToResource(const Affiliation& a, const DirectoryContext& context) {
  json identifiers = json::array();
  AddAssignedId(identifiers, context, "affiliation", KeyOf(a));
  std::vector<json> codings{Coding(Base("CodeSystem/affiliation-role"),
                                   EnumCode(AFFILIATION_ROLES, a.role),
                                   EnumLabel(AFFILIATION_ROLES, a.role))};
  // GPs also with the UZI role code "01.015 Huisarts", as the nl-gf examples code them.
  if (IsGpRole(a.role))
    codings.push_back(Coding("urn:oid:2.16.840.1.113883.2.4.15.111", "01.015", "Huisarts"));
  json resource = {{"resourceType", "PractitionerRole"},
                   {"id", ResourceId<Affiliation>(a.id)},
                   {"meta", Meta(a.version, "affiliation", KeyOf(a), context, "")},
                   {"extension", RegistryExtension(a, {"person_code", "practice_agb", "role"})},
                   {"identifier", identifiers},
                   {"active", true},
                   {"code", {Concept(std::move(codings))}}};
  if (auto person = IdOf(context.person_ids, IdPrefix<Person>(), a.person_code); !person.empty()) {
    resource["practitioner"] = Reference("Practitioner", person);
  }
  if (auto practice = IdOf(context.practice_ids, IdPrefix<Practice>(), a.practice_agb);
      !practice.empty()) {
    resource["organization"] = Reference("Organization", practice);
    resource["location"] = {Reference("Location", practice)};
  }
  if (a.days_present_per_week) {
    resource["availabilityExceptions"] =
        "Aanwezig op " + std::to_string(*a.days_present_per_week) + " dag(en) per week";
  }
  return resource;
}

json ToResource(const ContinuityContract& c, const DirectoryContext& context) {
  json identifiers = json::array();
  AddAssignedId(identifiers, context, "contract", KeyOf(c));
  json resource = {
      {"resourceType", "OrganizationAffiliation"},
      {"id", ResourceId<ContinuityContract>(c.id)},
      {"meta", Meta(c.version, "continuity_contract", KeyOf(c), context,
                    context.custodian ? "nl-gf-organizationaffiliation" : "")},
      {"extension", RegistryExtension(c, {"practice_a_agb", "practice_b_agb", "since"})},
      {"identifier", identifiers},
      {"active", true},
      // Each practice absorbs the other's care: a provider for the other (organization-role).
      {"code",
       {Concept({Coding("http://hl7.org/fhir/organization-role", "provider", "Provider"),
                 Coding(Base("CodeSystem/registry-kind"), "continuity_contract",
                        "Continuïteitscontract")})}}};
  if (!c.since.empty()) resource["period"] = {{"start", c.since}};
  if (auto a = IdOf(context.practice_ids, IdPrefix<Practice>(), c.practice_a_agb); !a.empty()) {
    resource["organization"] = Reference("Organization", a);
  }
  if (auto b = IdOf(context.practice_ids, IdPrefix<Practice>(), c.practice_b_agb); !b.empty()) {
    resource["participatingOrganization"] = Reference("Organization", b);
  }
  return resource;
}

bool LooksLikeFhir(std::string_view content) {
  const auto first = content.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || content[first] != '{') return false;
  return content.substr(0, 4096).find("\"resourceType\"") != std::string_view::npos;
}

}  // namespace vangnet::fhir
