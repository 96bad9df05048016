// Reading a care-services directory Bundle into registry rows (fhir_directory.hpp). The rows
// then go through the same import as CSV and Excel files (registry_transfer.hpp), so the same
// checks apply and a refusal names the element it came from.
#include <set>

#include "core/text.hpp"
#include "io/json_input.hpp"
#include "io/fhir_directory.hpp"

namespace vangnet::fhir {

using nlohmann::json;

namespace {

// The elements vangnet reads or derives, per resource type. Anything else would be lost on
// import, so it is refused rather than dropped.
const std::map<std::string, std::set<std::string>>& KnownElements() {
  static const std::map<std::string, std::set<std::string>> known{
      {"Organization",
       {"resourceType", "id", "meta", "text", "extension", "identifier", "active", "type", "name",
        "telecom", "address", "partOf"}},
      {"Location",
       {"resourceType", "id", "meta", "text", "extension", "identifier", "status", "name", "mode",
        "type", "physicalType", "address", "position", "managingOrganization",
        "availabilityExceptions"}},
      {"HealthcareService",
       {"resourceType", "id", "meta", "text", "identifier", "active", "providedBy", "type",
        "specialty", "location", "name", "availabilityExceptions"}},
      {"Practitioner",
       {"resourceType", "id", "meta", "text", "extension", "identifier", "active", "name",
        "telecom"}},
      {"PractitionerRole",
       {"resourceType", "id", "meta", "text", "extension", "identifier", "active", "practitioner",
        "organization", "location", "code", "availabilityExceptions"}},
      {"OrganizationAffiliation",
       {"resourceType", "id", "meta", "text", "extension", "identifier", "active", "period",
        "organization", "participatingOrganization", "code"}},
  };
  return known;
}

bool KnownProfile(const std::string& type, const std::string& url) {
  if (url == "http://hl7.org/fhir/StructureDefinition/" + type) return true;
  static const std::set<std::string> nl_gf{"nl-gf-organization", "nl-gf-location",
                                           "nl-gf-healthcareservice",
                                           "nl-gf-organizationaffiliation"};
  return url.starts_with(kProfileBase) && nl_gf.contains(url.substr(kProfileBase.size()));
}

std::string Text(const json& value) {
  return value.is_string() ? value.get<std::string>() : "";
}

class BundleReader {
 public:
  explicit BundleReader(std::string file_name) : file_(std::move(file_name)) {}

  Result<DirectoryRows> Read(std::string_view text) {
    if (JsonNestingDepth(text) > kMaxJsonDepth) return Error::Io(file_, JsonTooDeepMessage());
    bundle_ = json::parse(text, nullptr, false);
    if (bundle_.is_discarded() || !bundle_.is_object()) {
      return Error::Io(file_, "geen geldige JSON; verwacht een FHIR Bundle");
    }
    if (Text(bundle_.value("resourceType", json())) != "Bundle") {
      return Fail("resourceType", "moet 'Bundle' zijn: een FHIR-bundel met de adresboekgegevens");
    }
    if (!bundle_.contains("entry")) return DirectoryRows{};
    const json& entries = bundle_["entry"];
    if (!entries.is_array()) return Fail("entry", "moet een lijst zijn");
    // First the index (fullUrl and Type/id) and each entry's registry key, so references can be
    // followed whatever the order of the entries.
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const json& entry = entries[i];
      if (!entry.is_object() || !entry.contains("resource") || !entry["resource"].is_object()) {
        Add("entry[" + std::to_string(i) + "]", "geen resource in deze entry");
        continue;
      }
      const json& resource = entry["resource"];
      resources_.push_back({i, &resource});
      const std::string type = Text(resource.value("resourceType", json()));
      const std::string id = Text(resource.value("id", json()));
      if (!id.empty()) index_[type + "/" + id] = i;
      if (const std::string full = Text(entry.value("fullUrl", json())); !full.empty()) {
        index_[full] = i;
      }
    }
    for (const auto& [i, resource] : resources_) Classify(i, *resource);
    std::vector<Located> derived;  // a practice's Location and HealthcareService
    for (const auto& [i, resource] : resources_) {
      if (!CheckShape(i, *resource)) continue;
      if (tables_.contains(i)) {
        ReadRows(i, *resource);
      } else {
        derived.push_back({i, resource});
      }
    }
    // After every practice has its row: the positions of their buildings.
    for (const auto& [i, resource] : derived) {
      if (Text(resource->value("resourceType", json())) == "Location") {
        PracticeLocation(i, *resource);
      } else {
        (void)Follow(i, *resource, "providedBy");
      }
    }
    if (!errors_.empty()) return Error::Combined(std::move(errors_));
    DirectoryRows out;
    for (auto& [i, row] : rows_) out.by_table[tables_.at(i)].push_back(std::move(row));
    return out;
  }

 private:
  struct Located {
    std::size_t entry;
    const json* resource;
  };

  static std::string Path(std::size_t entry, const std::string& tail = "") {
    return "entry[" + std::to_string(entry) + "].resource" + (tail.empty() ? "" : "." + tail);
  }
  void Add(const std::string& path, std::string message) {
    errors_.push_back(Error{ErrorKind::kValidation, std::move(message), file_, 0, path});
  }
  Error Fail(const std::string& path, std::string message) {
    return Error{ErrorKind::kValidation, std::move(message), file_, 0, path};
  }

  // The registry-record extension's parts (field -> value, path), read once per entry.
  struct Parts {
    std::map<std::string, std::pair<std::string, std::string>> values;
  };

  // Which table an entry becomes (or "" when it only adds to another: a practice's Location and
  // HealthcareService) and its key.
  void Classify(std::size_t i, const json& r) {
    const std::string type = Text(r.value("resourceType", json()));
    Parts parts = ExtensionParts(i, r, false);
    const std::string kind = parts.values.contains("kind") ? parts.values["kind"].first : "";
    std::string table;
    if (type == "Organization") {
      if (kind == "practice" || (kind.empty() && !IdentifierValue(r, kAgbSystem).first.empty())) {
        table = "practice";
        keys_[i] = IdentifierValue(r, kAgbSystem).first;
      } else if (kind == "gp_group" || HasCoding(r.value("type", json()), "gp_group")) {
        table = "gp_group";
        keys_[i] = AssignedKey(r, "gp-group");
      } else {
        table = "organisation";
        keys_[i] = AssignedKey(r, "organisation");
        if (keys_[i].empty()) {
          if (auto ura = IdentifierValue(r, kUraSystem).first; !ura.empty())
            keys_[i] = "URA-" + ura;
          else if (auto kvk = IdentifierValue(r, kKvkSystem).first; !kvk.empty())
            keys_[i] = "KVK-" + kvk;
        }
      }
    } else if (type == "Location") {
      const bool area =
          kind == "district" || (r.contains("physicalType") && HasCode(r["physicalType"], "area"));
      if (area) {
        table = "district";
        keys_[i] = AssignedKey(r, "district");
      }
    } else if (type == "Practitioner") {
      table = "person";
      keys_[i] = AssignedKey(r, "person");
      if (keys_[i].empty()) {
        if (auto big = IdentifierValue(r, kBigSystem).first; !big.empty()) keys_[i] = "BIG-" + big;
      }
    } else if (type == "PractitionerRole") {
      table = "affiliation";
    } else if (type == "OrganizationAffiliation") {
      table = "continuity_contract";
    }
    if (!table.empty()) tables_[i] = table;
  }

  // Type, profiles, extensions and elements: everything that vangnet would not keep is named.
  bool CheckShape(std::size_t i, const json& r) {
    const std::string type = Text(r.value("resourceType", json()));
    auto known = KnownElements().find(type);
    if (known == KnownElements().end()) {
      Add(Path(i, "resourceType"), "'" + type +
                                       "' neemt vangnet niet over; het adresboek kent "
                                       "Organization, Location, HealthcareService, Practitioner, "
                                       "PractitionerRole en OrganizationAffiliation");
      return false;
    }
    const std::size_t before = errors_.size();
    for (const auto& [name, value] : r.items()) {
      if (!known->second.contains(name)) {
        Add(Path(i, name),
            "dit element neemt vangnet niet over; laat het weg of houd het bij "
            "in de bron");
      }
    }
    const json profiles =
        r.contains("meta") && r["meta"].is_object() ? r["meta"].value("profile", json::array())
                                                    : json::array();
    for (std::size_t k = 0; profiles.is_array() && k < profiles.size(); ++k) {
      if (!KnownProfile(type, Text(profiles[k]))) {
        Add(Path(i, "meta.profile[" + std::to_string(k) + "]"),
            "onbekend profiel '" + Text(profiles[k]) + "'; vangnet kan niet nagaan wat het eist");
      }
    }
    (void)ExtensionParts(i, r, true);
    if (r.contains("modifierExtension")) {
      Add(Path(i, "modifierExtension"),
          "een modifierExtension verandert de betekenis; vangnet "
          "kan die niet overnemen");
    }
    return errors_.size() == before;
  }

  Parts ExtensionParts(std::size_t i, const json& r, bool report) {
    Parts parts;
    const json ext = r.value("extension", json::array());
    for (std::size_t k = 0; ext.is_array() && k < ext.size(); ++k) {
      const std::string here = "extension[" + std::to_string(k) + "]";
      if (Text(ext[k].value("url", json())) != kRegistryExtension) {
        if (report)
          Add(Path(i, here + ".url"),
              "onbekende extensie '" + Text(ext[k].value("url", json())) + "'");
        continue;
      }
      const json sub = ext[k].value("extension", json::array());
      for (std::size_t s = 0; sub.is_array() && s < sub.size(); ++s) {
        const std::string url = Text(sub[s].value("url", json()));
        const json value = sub[s].contains("valueString") ? sub[s]["valueString"]
                                                          : sub[s].value("valueCode", json());
        parts.values[url] = {Text(value), Path(i, here + ".extension[" + std::to_string(s) + "]")};
      }
    }
    return parts;
  }

  static bool HasCode(const json& codeable, std::string_view code) {
    for (const auto& c : codeable.value("coding", json::array())) {
      if (Text(c.value("code", json())) == code) return true;
    }
    return false;
  }
  static bool HasCoding(const json& concepts, std::string_view code) {
    if (!concepts.is_array()) return false;
    for (const auto& codeable : concepts) {
      if (codeable.is_object() && HasCode(codeable, code)) return true;
    }
    return false;
  }
  // The first code of `system` in a list of concepts, with its path.
  static std::pair<std::string, std::string> CodeOf(const json& concepts,
                                                    const std::string& element,
                                                    std::string_view system) {
    for (std::size_t k = 0; concepts.is_array() && k < concepts.size(); ++k) {
      const json codings =
          concepts[k].is_object() ? concepts[k].value("coding", json::array()) : json::array();
      for (std::size_t c = 0; codings.is_array() && c < codings.size(); ++c) {
        if (Text(codings[c].value("system", json())) == system) {
          return {Text(codings[c].value("code", json())),
                  element + "[" + std::to_string(k) + "].coding[" + std::to_string(c) + "].code"};
        }
      }
    }
    return {};
  }
  static std::pair<std::string, std::string> IdentifierValue(const json& r,
                                                             std::string_view system) {
    const json ids = r.value("identifier", json::array());
    for (std::size_t k = 0; ids.is_array() && k < ids.size(); ++k) {
      if (ids[k].is_object() && Text(ids[k].value("system", json())) == system) {
        return {Text(ids[k].value("value", json())), "identifier[" + std::to_string(k) + "].value"};
      }
    }
    return {};
  }
  // The key a vangnet custodian assigned ("urn:vangnet:<number>:<kind>").
  static std::string AssignedKey(const json& r, std::string_view kind) {
    for (const auto& id : r.value("identifier", json::array())) {
      const std::string system = id.is_object() ? Text(id.value("system", json())) : "";
      if (system.starts_with("urn:vangnet:") && system.ends_with(":" + std::string(kind))) {
        return Text(id.value("value", json()));
      }
    }
    return {};
  }

  // The entry a reference points at, or nullopt with the refusal added.
  std::optional<std::size_t> Follow(std::size_t i, const json& r, const std::string& element) {
    const json ref = r.value(element, json());
    const std::string target = ref.is_object() ? Text(ref.value("reference", json())) : "";
    if (auto it = index_.find(target); it != index_.end()) return it->second;
    Add(Path(i, element + ".reference"),
        target.empty() ? "de verwijzing ontbreekt"
                       : "verwijst naar '" + target + "', dat niet in deze bundel staat");
    return std::nullopt;
  }

  void Set(DirectoryRow& row, const std::string& field, std::string text, std::string path) {
    row.texts[field] = std::move(text);
    row.paths[field] = std::move(path);
  }

  template <class T>
  DirectoryRow NewRow(std::size_t i) {
    DirectoryRow row;
    row.entry = i;
    for (const auto& f : EntityTraits<T>::Fields()) {
      row.texts[std::string(f.name)] = "";
      row.paths[std::string(f.name)] = Path(i);
    }
    return row;
  }

  template <class T>
  void AddExtensionFields(std::size_t i, const json& r, DirectoryRow& row) {
    for (auto& [url, value] : ExtensionParts(i, r, false).values) {
      if (url == "kind") continue;
      if (!row.texts.contains(url)) {
        Add(value.second + ".url",
            "onbekend veld '" + url + "' voor een " + std::string(EntityTraits<T>::kLabelNl));
        continue;
      }
      Set(row, url, value.first, value.second + ".valueString");
    }
  }

  void SetKeyOf(std::size_t i, const json& r, DirectoryRow& row, const std::string& field,
                const std::string& element, std::string_view table) {
    auto target = Follow(i, r, element);
    if (!target) return;
    auto t = tables_.find(*target);
    if (t == tables_.end() || t->second != table) {
      Add(Path(i, element + ".reference"),
          "verwijst naar iets anders dan een " + std::string(TableLabelNl(table)));
      return;
    }
    Set(row, field, keys_[*target], Path(i, element + ".reference"));
  }

  void ReadRows(std::size_t i, const json& r) {
    const std::string& t = tables_.at(i);
    DirectoryRow row;
    if (t == "practice") {
      row = NewRow<Practice>(i);
      auto [agb, agb_path] = IdentifierValue(r, kAgbSystem);
      Set(row, "agb", agb, Path(i, agb_path));
      for (auto [field, system] : {std::pair{"kvk", kKvkSystem}, std::pair{"ura", kUraSystem}}) {
        auto [value, path] = IdentifierValue(r, system);
        if (!value.empty()) Set(row, field, value, Path(i, path));
      }
      Set(row, "name", Text(r.value("name", json())), Path(i, "name"));
      const json address = r.value("address", json::array());
      if (address.is_array() && !address.empty() && address[0].is_object()) {
        const json& a = address[0];
        const json lines = a.value("line", json::array());
        if (lines.is_array() && !lines.empty())
          Set(row, "street_address", Text(lines[0]), Path(i, "address[0].line[0]"));
        Set(row, "postcode", Text(a.value("postalCode", json())), Path(i, "address[0].postalCode"));
        Set(row, "place", Text(a.value("city", json())), Path(i, "address[0].city"));
      }
      if (r.contains("partOf")) SetKeyOf(i, r, row, "gp_group_code", "partOf", "gp_group");
      AddExtensionFields<Practice>(i, r, row);
      practice_rows_[i] = rows_.size();
    } else if (t == "gp_group" || t == "district") {
      row = t == "gp_group" ? NewRow<GpGroup>(i) : NewRow<District>(i);
      Set(row, "code", keys_[i], Path(i, "identifier"));
      Set(row, "name", Text(r.value("name", json())), Path(i, "name"));
      if (t == "gp_group")
        AddExtensionFields<GpGroup>(i, r, row);
      else
        AddExtensionFields<District>(i, r, row);
    } else if (t == "organisation") {
      row = NewRow<Organisation>(i);
      Set(row, "code", keys_[i], Path(i, "identifier"));
      Set(row, "name", Text(r.value("name", json())), Path(i, "name"));
      auto [kind, kind_path] =
          CodeOf(r.value("type", json()), "type",
                 kVangnetBase.data() + std::string("CodeSystem/organisation-kind"));
      if (kind.empty()) {
        auto [hl7, hl7_path] = CodeOf(r.value("type", json()), "type",
                                      "http://terminology.hl7.org/CodeSystem/organization-type");
        kind = hl7 == "ins" ? "insurer" : "other";
        kind_path = hl7_path;
      }
      Set(row, "kind", kind, Path(i, kind_path));
      for (auto [field, system] : {std::pair{"kvk", kKvkSystem}, std::pair{"ura", kUraSystem}}) {
        auto [value, path] = IdentifierValue(r, system);
        if (!value.empty()) Set(row, field, value, Path(i, path));
      }
      ReadTelecom(i, r, row);
      const json address = r.value("address", json::array());
      if (address.is_array() && !address.empty() && address[0].is_object()) {
        Set(row, "address", Text(address[0].value("text", json())), Path(i, "address[0].text"));
      }
      AddExtensionFields<Organisation>(i, r, row);
    } else if (t == "person") {
      row = NewRow<Person>(i);
      Set(row, "code", keys_[i], Path(i, "identifier"));
      auto [big, big_path] = IdentifierValue(r, kBigSystem);
      if (!big.empty()) Set(row, "big", big, Path(i, big_path));
      const json names = r.value("name", json::array());
      if (names.is_array() && !names.empty() && names[0].is_object()) {
        std::string name = Text(names[0].value("text", json()));
        if (name.empty()) {
          for (const auto& given : names[0].value("given", json::array()))
            name += Text(given) + " ";
          name += Text(names[0].value("family", json()));
        }
        Set(row, "name", std::string(Trim(name)), Path(i, "name[0]"));
      }
      ReadTelecom(i, r, row);
      AddExtensionFields<Person>(i, r, row);
    } else if (t == "affiliation") {
      row = NewRow<Affiliation>(i);
      SetKeyOf(i, r, row, "person_code", "practitioner", "person");
      SetKeyOf(i, r, row, "practice_agb", "organization", "practice");
      auto [role, role_path] =
          CodeOf(r.value("code", json()), "code",
                 kVangnetBase.data() + std::string("CodeSystem/affiliation-role"));
      if (role.empty())
        Add(Path(i, "code"), "geef de rol met een code uit " + std::string(kVangnetBase) +
                                 "CodeSystem/affiliation-role");
      Set(row, "role", role, Path(i, role_path));
      AddExtensionFields<Affiliation>(i, r, row);
    } else if (t == "continuity_contract") {
      row = NewRow<ContinuityContract>(i);
      SetKeyOf(i, r, row, "practice_a_agb", "organization", "practice");
      SetKeyOf(i, r, row, "practice_b_agb", "participatingOrganization", "practice");
      if (r.contains("period") && r["period"].is_object()) {
        Set(row, "since", Text(r["period"].value("start", json())).substr(0, 10),
            Path(i, "period.start"));
      }
      AddExtensionFields<ContinuityContract>(i, r, row);
    }
    rows_.emplace_back(i, std::move(row));
  }

  void ReadTelecom(std::size_t i, const json& r, DirectoryRow& row) {
    const json telecom = r.value("telecom", json::array());
    for (std::size_t k = 0; telecom.is_array() && k < telecom.size(); ++k) {
      const std::string system = Text(telecom[k].value("system", json()));
      if (system != "phone" && system != "email") {
        Add(Path(i, "telecom[" + std::to_string(k) + "].system"),
            "vangnet houdt alleen telefoon en e-mail bij");
        continue;
      }
      Set(row, system, Text(telecom[k].value("value", json())),
          Path(i, "telecom[" + std::to_string(k) + "].value"));
    }
  }

  // A practice's building: its position goes onto the practice's row (Organization has none).
  void PracticeLocation(std::size_t i, const json& r) {
    auto target = Follow(i, r, "managingOrganization");
    if (!target) return;
    auto it = practice_rows_.find(*target);
    if (it == practice_rows_.end()) {
      Add(Path(i, "managingOrganization.reference"), "verwijst niet naar een praktijk");
      return;
    }
    if (r.contains("position")) SetPosition(rows_[it->second].second, i, r["position"]);
  }

  void SetPosition(DirectoryRow& row, std::size_t i, const json& position) {
    for (const char* axis : {"latitude", "longitude"}) {
      const json value = position.value(axis, json());
      if (!value.is_number()) {
        Add(Path(i, std::string("position.") + axis), "moet een getal zijn");
        continue;
      }
      Set(row, axis, FormatDecimal(value.get<double>()), Path(i, std::string("position.") + axis));
    }
  }

 private:
  std::string file_;
  json bundle_;
  Errors errors_;
  std::vector<Located> resources_;
  std::map<std::string, std::size_t> index_;   // "Organization/practice-1" or fullUrl -> entry
  std::map<std::size_t, std::string> tables_;  // entry -> registry table
  std::map<std::size_t, std::string> keys_;    // entry -> natural key
  std::vector<std::pair<std::size_t, DirectoryRow>> rows_;
  std::map<std::size_t, std::size_t> practice_rows_;  // Organization entry -> index in rows_
};

}  // namespace

Result<DirectoryRows> ReadDirectoryBundle(std::string_view json_text,
                                          const std::string& file_name) {
  BundleReader reader(file_name);
  // Every element's kind is checked before it is read; this is the net under a check that was
  // missed (a fuzzer found one): a clear refusal naming the file, never a crash of the import.
  try {
    return reader.Read(json_text);
  } catch (const nlohmann::json::exception& e) {
    return UnexpectedShape(file_name, e);
  }
}

}  // namespace vangnet::fhir
