#include "services/registry/fhir_directory_service.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/registry.hpp"
#include "core/text.hpp"
#include "io/fhir_directory.hpp"
#include "services/registry/registry_service.hpp"

namespace vangnet {

using nlohmann::json;

namespace fhir_directory {
// One resource a request may return, with what access and the audit need to know of it.
struct Candidate {
  json resource;
  std::string table, key, subject;
  std::string last_updated;
};
using Candidates = std::shared_ptr<const std::vector<Candidate>>;
}  // namespace fhir_directory
using fhir_directory::Candidate;
using fhir_directory::Candidates;

struct FhirDirectoryService::Snapshot {
  std::int64_t change_id = -1;
  // The resources of a type as a role that reads every record of it sees them, made once per
  // snapshot: a directory paging through 40,000 Practitioners then filters, instead of mapping
  // every record again for every page. Callers with a scope (practice users) are served fresh.
  mutable std::mutex cache_mutex;
  mutable std::map<std::pair<std::string, UserRole>, Candidates> cache;
  RegistryRecords records;
  fhir::DirectoryContext context;
  std::vector<RecordChange> writes;  // the newest write per record, oldest first
  std::map<std::pair<std::string, std::string>, std::string> updated;  // (table, key) -> when
};

namespace {

constexpr std::size_t kDefaultCount = 50;
constexpr std::size_t kMaxCount = 1000;

// The registry tables each resource type is made from, and the id prefix of their resources.
const std::map<std::string, std::vector<std::pair<std::string, std::string>>>& SourcesOf() {
  static const std::map<std::string, std::vector<std::pair<std::string, std::string>>> sources{
      {"Organization",
       {{"practice", "practice"}, {"gp_group", "gp-group"}, {"organisation", "organisation"}}},
      {"Location", {{"practice", "practice"}, {"district", "district"}}},
      {"HealthcareService", {{"practice", "practice"}}},
      {"Practitioner", {{"person", "person"}}},
      {"PractitionerRole", {{"affiliation", "affiliation"}}},
      {"OrganizationAffiliation", {{"continuity_contract", "contract"}}},
  };
  return sources;
}

template <class T>
const std::vector<T>& All(const FhirDirectoryService::Snapshot& s) {
  return std::get<std::vector<T>>(s.records);
}

template <class T>
std::map<std::string, std::int64_t> IdsByKey(const std::vector<T>& records) {
  std::map<std::string, std::int64_t> ids;
  for (const auto& r : records) ids[KeyOf(r)] = r.id;
  return ids;
}

// The resources of `type` this caller may see. Forbidden when no record of the type is theirs to
// read (the insurer and Practitioner), NotFound for a type the directory does not serve.
class Collector {
 public:
  Collector(const FhirDirectoryService::Snapshot& s, const Caller& caller, UnitOfWork& uow)
      : s_(s), caller_(caller), scope_(uow, caller) {}

  Result<Candidates> Of(const std::string& type) {
    const auto sources = SourcesOf().find(type);
    if (sources == SourcesOf().end()) {
      return Error(ErrorKind::kNotFound, "het adresboek kent geen resource '" + type + "'");
    }
    bool scoped = false, allowed = false;
    for (const auto& [table, prefix] : sources->second) {
      const Access access = ReadAccess(caller_.role, table);
      scoped = scoped || access == Access::kScoped;
      allowed = allowed || access != Access::kNone;
    }
    if (!allowed) return Forbidden(type);
    if (scoped) return Make(type);
    std::lock_guard lock(s_.cache_mutex);
    auto& cached = s_.cache[{type, caller_.role}];
    if (!cached) {
      auto made = Make(type);
      if (!made) return made.error();
      cached = made.value();
    }
    return cached;
  }

 private:
  Result<Candidates> Make(const std::string& type) {
    const auto& c = s_.context;
    if (type == "Organization") {
      Add(All<Practice>(s_), [&](const Practice& p) { return fhir::PracticeOrganization(p, c); });
      Add(All<GpGroup>(s_), [&](const GpGroup& g) { return fhir::ToResource(g, c); });
      Add(All<Organisation>(s_), [&](const Organisation& o) { return fhir::ToResource(o, c); });
    } else if (type == "Location") {
      Add(All<Practice>(s_), [&](const Practice& p) { return fhir::PracticeLocation(p, c); });
      Add(All<District>(s_), [&](const District& d) { return fhir::ToResource(d, c); });
    } else if (type == "HealthcareService") {
      Add(All<Practice>(s_), [&](const Practice& p) { return fhir::PracticeService(p, c); });
    } else if (type == "Practitioner") {
      Add(All<Person>(s_), [&](const Person& p) { return fhir::ToResource(p, c); });
    } else if (type == "PractitionerRole") {
      Add(All<Affiliation>(s_), [&](const Affiliation& a) { return fhir::ToResource(a, c); });
    } else if (type == "OrganizationAffiliation") {
      Add(All<ContinuityContract>(s_),
          [&](const ContinuityContract& r) { return fhir::ToResource(r, c); });
    } else {
      return Error(ErrorKind::kNotFound, "het adresboek kent geen resource '" + type + "'");
    }
    if (!allowed_) return Forbidden(type);
    return std::make_shared<const std::vector<Candidate>>(std::move(out_));
  }

  template <class T, class Make>
  void Add(const std::vector<T>& records, Make make) {
    const std::string table(EntityTraits<T>::kTable);
    if (scope_.TableAccess<T>() == Access::kNone) return;
    allowed_ = true;
    for (const T& listed : records) {
      auto record = scope_.Shown(listed);
      if (!record) continue;
      Candidate candidate{make(*record), table, KeyOf(*record), SubjectOf(*record), ""};
      if (auto it = s_.updated.find({table, candidate.key}); it != s_.updated.end()) {
        candidate.last_updated = it->second;
      }
      out_.push_back(std::move(candidate));
    }
  }

  const FhirDirectoryService::Snapshot& s_;
  const Caller& caller_;
  ReadScope scope_;
  std::vector<Candidate> out_;
  bool allowed_ = false;
};

// Every read of personal data is audited, as the registry's pages do (registry_service.hpp).
Status AuditReads(UnitOfWork& uow, const std::vector<const Candidate*>& shown, bool single) {
  std::map<std::string, std::vector<const Candidate*>> by_table;
  for (const Candidate* c : shown) {
    if (HoldsPersonalData(c->table)) by_table[c->table].push_back(c);
  }
  for (const auto& [table, list] : by_table) {
    if (single && list.size() == 1) {
      if (auto s = AuditRead(uow, table, list[0]->key, list[0]->subject, {}); !s) return s;
      continue;
    }
    std::vector<std::string> keys;
    for (const Candidate* c : list) keys.push_back(c->key);
    if (auto s = AuditRead(uow, table, "list", "", keys); !s) return s;
  }
  return Ok{};
}

Error BadParameter(const std::string& name, std::string message) {
  return Error::Validation(name, std::move(message));
}

std::string Lower(std::string_view text) {
  return ToLowerAscii(std::string(text));
}

// A string search parameter: FHIR's default matches the start of the text, ignoring case;
// :contains anywhere, :exact the whole text.
bool MatchesString(const std::string& text, const std::string& wanted,
                   const std::string& modifier) {
  if (modifier == "exact") return text == wanted;
  const std::string t = Lower(text), w = Lower(wanted);
  if (modifier == "contains") return t.find(w) != std::string::npos;
  return t.starts_with(w);
}

std::string NameOf(const json& resource) {
  const json name = resource.value("name", json());
  if (name.is_string()) return name.get<std::string>();
  if (name.is_array() && !name.empty() && name[0].is_object()) return name[0].value("text", "");
  return {};
}

// identifier=[system|]value
bool MatchesIdentifier(const json& resource, const std::string& token) {
  const auto bar = token.find('|');
  const std::string system = bar == std::string::npos ? "" : token.substr(0, bar);
  const std::string value = bar == std::string::npos ? token : token.substr(bar + 1);
  for (const auto& id : resource.value("identifier", json::array())) {
    if (bar != std::string::npos && id.value("system", "") != system) continue;
    if (id.value("value", "") == value) return true;
  }
  return false;
}

// A reference parameter ("Organization/practice-3" or "practice-3") against elements that hold
// one reference or a list of them.
bool MatchesReference(const json& resource, const std::vector<std::string>& elements,
                      const std::string& type, const std::string& wanted) {
  const std::string full = wanted.find('/') == std::string::npos ? type + "/" + wanted : wanted;
  for (const auto& element : elements) {
    const json value = resource.value(element, json());
    for (const json& ref : value.is_array() ? value : json::array({value})) {
      if (ref.is_object() && ref.value("reference", "") == full) return true;
    }
  }
  return false;
}

// _lastUpdated=[eq|gt|ge|lt|le]instant; plain (eq) matches the instant's prefix ("2026-11").
Result<bool> MatchesInstant(const std::string& when, const std::string& parameter) {
  std::string prefix = parameter.substr(0, 2), value = parameter.substr(2);
  if (prefix != "eq" && prefix != "gt" && prefix != "ge" && prefix != "lt" && prefix != "le") {
    prefix = "eq";
    value = parameter;
  }
  if (value.size() < 4 || !std::isdigit(static_cast<unsigned char>(value[0]))) {
    return BadParameter("_lastUpdated", "geef een datum of tijdstip, zoals ge2026-11-01");
  }
  if (when.empty()) return false;
  const std::string cut = when.substr(0, std::min(when.size(), value.size()));
  if (prefix == "eq") return cut == value;
  if (prefix == "gt") return cut > value;
  if (prefix == "ge") return cut >= value;
  if (prefix == "lt") return cut < value;
  return cut <= value;
}

// The reference parameters per type: name -> (resource type it points at, elements).
const std::map<std::string,
               std::map<std::string, std::pair<std::string, std::vector<std::string>>>>&
ReferenceParameters() {
  static const std::map<std::string,
                        std::map<std::string, std::pair<std::string, std::vector<std::string>>>>
      params{
          {"Organization", {{"partof", {"Organization", {"partOf"}}}}},
          {"Location", {{"organization", {"Organization", {"managingOrganization"}}}}},
          {"HealthcareService",
           {{"organization", {"Organization", {"providedBy"}}},
            {"location", {"Location", {"location"}}}}},
          {"PractitionerRole",
           {{"organization", {"Organization", {"organization"}}},
            {"practitioner", {"Practitioner", {"practitioner"}}},
            {"location", {"Location", {"location"}}}}},
          {"OrganizationAffiliation",
           {{"primary-organization", {"Organization", {"organization"}}},
            {"participating-organization", {"Organization", {"participatingOrganization"}}},
            {"organization", {"Organization", {"organization", "participatingOrganization"}}}}},
      };
  return params;
}

// A page of a search or history: _count (default 50, at most 1000) and _offset.
struct Paging {
  std::size_t count = kDefaultCount;
  std::size_t offset = 0;

  // Takes `name` when it is _count or _offset (true), refusing a value that is no count.
  Result<bool> Take(const std::string& name, const std::string& text) {
    if (name != "_count" && name != "_offset") return false;
    if (text.empty()) return true;
    auto n = ParseInteger(text);
    if (!n || *n < 0) return BadParameter(name, "moet een heel getal van 0 of meer zijn");
    const auto value = static_cast<std::size_t>(*n);
    (name == "_count" ? count : offset) = name == "_count" ? std::min(value, kMaxCount) : value;
    return true;
  }
};

std::string Query(const FhirParams& params, std::size_t offset) {
  std::string query;
  for (const auto& [name, value] : params) {
    if (name == "_offset") continue;
    query += (query.empty() ? "?" : "&") + PercentEncode(name) + "=" + PercentEncode(value);
  }
  return query + (query.empty() ? "?" : "&") + "_offset=" + std::to_string(offset);
}

json BundleOf(const std::string& type, std::size_t total) {
  return json{{"resourceType", "Bundle"},
              {"type", type},
              {"total", total},
              {"link", json::array()},
              {"entry", json::array()}};
}

}  // namespace

const std::vector<std::string>& FhirDirectoryService::ResourceTypes() {
  static const std::vector<std::string> types{"Organization",      "Location",
                                              "HealthcareService", "Practitioner",
                                              "PractitionerRole",  "OrganizationAffiliation"};
  return types;
}

Result<std::shared_ptr<const FhirDirectoryService::Snapshot>> FhirDirectoryService::Current(
    const Caller& caller) {
  auto uow = store_.BeginRead(caller.actor);
  if (!uow) return uow.error();
  const std::int64_t change_id = uow.value()->Audit().LastChangeId();
  std::lock_guard lock(mutex_);
  if (snapshot_ && snapshot_->change_id == change_id) return snapshot_;
  auto s = std::make_shared<Snapshot>();
  s->change_id = change_id;
  std::vector<std::string> tables;
  ForEachRegistryType([&]<class T>() {
    std::get<std::vector<T>>(s->records) = uow.value()->template Table<T>().List();
    tables.emplace_back(EntityTraits<T>::kTable);
  });
  s->writes = uow.value()->Audit().LastWrites(tables);
  for (const auto& w : s->writes) s->updated[{w.object_type, w.object_key}] = w.occurred_at;
  auto& c = s->context;
  c.custodian = fhir::CustodianOf(All<Organisation>(*s));
  c.practice_ids = IdsByKey(All<Practice>(*s));
  c.gp_group_ids = IdsByKey(All<GpGroup>(*s));
  c.district_ids = IdsByKey(All<District>(*s));
  c.organisation_ids = IdsByKey(All<Organisation>(*s));
  c.person_ids = IdsByKey(All<Person>(*s));
  const auto* updated = &s->updated;
  c.last_updated = [updated](std::string_view table, const std::string& key) {
    auto it = updated->find({std::string(table), key});
    return it == updated->end() ? std::string() : it->second;
  };
  snapshot_ = s;
  return snapshot_;
}

json FhirDirectoryService::Capabilities(const std::string& base) const {
  json resources = json::array();
  for (const auto& type : ResourceTypes()) {
    json params = json::array({json{{"name", "_id"}, {"type", "token"}},
                               json{{"name", "_lastUpdated"}, {"type", "date"}},
                               json{{"name", "identifier"}, {"type", "token"}}});
    if (type != "PractitionerRole" && type != "OrganizationAffiliation") {
      params.push_back({{"name", "name"}, {"type", "string"}});
    }
    if (auto it = ReferenceParameters().find(type); it != ReferenceParameters().end()) {
      for (const auto& [name, target] : it->second) {
        params.push_back({{"name", name}, {"type", "reference"}});
      }
    }
    resources.push_back(
        {{"type", type},
         {"interaction",
          {{{"code", "read"}}, {{"code", "search-type"}}, {{"code", "history-type"}}}},
         {"versioning", "versioned"},
         {"readHistory", false},
         {"searchParam", params}});
  }
  return {{"resourceType", "CapabilityStatement"},
          {"status", "active"},
          {"date", "2026-12-01"},
          {"kind", "instance"},
          {"publisher", "vangnet"},
          {"description",
           "Het regionale register van vangnet als zorgaanbiedersadresboek (IHE mCSD, profielen "
           "nl-gf van de Generieke Functies), alleen lezen."},
          {"software", {{"name", "vangnet"}}},
          {"implementation", {{"description", "vangnet FHIR-adresboek"}, {"url", base}}},
          {"fhirVersion", "4.0.1"},
          {"format", {"json"}},
          {"rest",
           {{{"mode", "server"},
             {"security",
              {{"description",
                "Aanmelden bij vangnet (sessie) of Authorization: Bearer "
                "met het sessietoken; toegang per rol als in de rest van "
                "vangnet."}}},
             {"resource", resources}}}}};
}

Result<FhirDirectoryService::Opened> FhirDirectoryService::Open(const Caller& caller,
                                                                const std::string& type) {
  auto snapshot = Current(caller);
  if (!snapshot) return snapshot.error();
  // A write transaction: reads of people are audited in it.
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  Opened opened{std::move(snapshot.value()), std::move(uow.value()), nullptr};
  if (type.empty()) return opened;
  auto candidates = Collector(*opened.snapshot, caller, *opened.uow).Of(type);
  if (!candidates) return candidates.error();
  opened.candidates = std::move(candidates.value());
  return opened;
}

Result<json> FhirDirectoryService::Read(const Caller& caller, const std::string& type,
                                        const std::string& id) {
  auto opened = Open(caller, type);
  if (!opened) return opened.error();
  auto& [snapshot, uow, candidates] = opened.value();
  for (const auto& c : *candidates) {
    if (c.resource.value("id", "") != id) continue;
    if (auto s = AuditReads(*uow, {&c}, true); !s) return s.error();
    if (auto s = uow->Commit(); !s) return s.error();
    return c.resource;
  }
  return Error(ErrorKind::kNotFound, type + "/" + id + " bestaat niet (of niet voor u)");
}

Result<json> FhirDirectoryService::Search(const Caller& caller, const std::string& type,
                                          const FhirParams& params, const std::string& base) {
  Paging paging;
  for (const auto& [name, value] : params) {
    if (auto taken = paging.Take(name, value); !taken) return taken.error();
  }
  const auto [count, offset] = paging;
  auto opened = Open(caller, type);
  if (!opened) return opened.error();
  auto& [snapshot, uow, candidates] = opened.value();
  const auto references = ReferenceParameters().find(type);
  std::vector<const Candidate*> matches;
  for (const auto& c : *candidates) {
    bool keep = true;
    for (const auto& [full_name, value] : params) {
      const auto colon = full_name.find(':');
      const std::string name = full_name.substr(0, colon);
      const std::string modifier = colon == std::string::npos ? "" : full_name.substr(colon + 1);
      if (name == "_count" || name == "_offset" || name == "_format") continue;
      if (name == "_id") {
        keep = keep && c.resource.value("id", "") == value;
      } else if (name == "identifier") {
        keep = keep && MatchesIdentifier(c.resource, value);
      } else if (name == "name" && type != "PractitionerRole" &&
                 type != "OrganizationAffiliation") {
        if (!modifier.empty() && modifier != "exact" && modifier != "contains") {
          return BadParameter(full_name, "alleen name, name:exact en name:contains");
        }
        keep = keep && MatchesString(NameOf(c.resource), value, modifier);
      } else if (name == "_lastUpdated") {
        auto match = MatchesInstant(c.last_updated, value);
        if (!match) return match.error();
        keep = keep && match.value();
      } else if (references != ReferenceParameters().end() && references->second.contains(name)) {
        const auto& [target, elements] = references->second.at(name);
        keep = keep && MatchesReference(c.resource, elements, target, value);
      } else {
        return BadParameter(full_name, "deze zoekparameter kent het adresboek niet voor " + type +
                                           "; zie /fhir/r4/metadata");
      }
    }
    if (keep) matches.push_back(&c);
  }
  json bundle = BundleOf("searchset", matches.size());
  const std::string self = base + "/" + type;
  bundle["link"].push_back({{"relation", "self"}, {"url", self + Query(params, offset)}});
  if (offset + count < matches.size()) {
    bundle["link"].push_back({{"relation", "next"}, {"url", self + Query(params, offset + count)}});
  }
  if (offset > 0) {
    bundle["link"].push_back({{"relation", "previous"},
                              {"url", self + Query(params, offset > count ? offset - count : 0)}});
  }
  std::vector<const Candidate*> page;
  for (std::size_t i = offset; i < matches.size() && page.size() < count; ++i) {
    page.push_back(matches[i]);
    bundle["entry"].push_back({{"fullUrl", self + "/" + matches[i]->resource.value("id", "")},
                               {"resource", matches[i]->resource},
                               {"search", {{"mode", "match"}}}});
  }
  if (auto s = AuditReads(*uow, page, false); !s) return s.error();
  if (auto s = uow->Commit(); !s) return s.error();
  return bundle;
}

Result<json> FhirDirectoryService::History(const Caller& caller, const std::string& type,
                                           const FhirParams& params, const std::string& base) {
  Paging paging;
  std::string since;
  for (const auto& [name, value] : params) {
    auto taken = paging.Take(name, value);
    if (!taken) return taken.error();
    if (taken.value()) continue;
    if (name == "_since") {
      if (value.size() < 10 || !std::isdigit(static_cast<unsigned char>(value[0]))) {
        return BadParameter(name, "geef een tijdstip, zoals 2026-11-30T08:00:00Z");
      }
      since = value;
    } else if (name != "_format") {
      return BadParameter(name, "_history kent alleen _since, _count en _offset");
    }
  }
  const auto [count, offset] = paging;
  auto opened = Open(caller, type);
  if (!opened) return opened.error();
  auto& [snapshot, uow, candidates] = opened.value();
  std::map<std::pair<std::string, std::string>, const Candidate*> visible;
  for (const auto& c : *candidates) visible[{c.table, c.key}] = &c;
  const auto& sources = SourcesOf().at(type);
  const std::string self = base + "/" + type;
  // First which writes make an entry (cheap), then the JSON of the page's entries only.
  struct Change {
    const RecordChange* write;
    std::string prefix;
    const Candidate* current;  // null for a deletion
  };
  std::vector<Change> changes;
  const auto& writes = snapshot->writes;
  for (auto w = writes.rbegin(); w != writes.rend(); ++w) {
    auto source = std::find_if(sources.begin(), sources.end(),
                               [&](const auto& s) { return s.first == w->object_type; });
    if (source == sources.end() || (!since.empty() && w->occurred_at < since)) continue;
    if (w->action == "delete") {
      // Only those who may read every record of the kind learn which ones went.
      if (w->record_id == 0 || ReadAccess(caller.role, w->object_type) != Access::kAll) continue;
      changes.push_back({&*w, source->second, nullptr});
    } else if (auto it = visible.find({w->object_type, w->object_key}); it != visible.end()) {
      changes.push_back({&*w, source->second, it->second});
    }
  }
  json bundle = BundleOf("history", changes.size());
  const std::string url = self + "/_history";
  bundle["link"].push_back({{"relation", "self"}, {"url", url + Query(params, offset)}});
  if (offset + count < changes.size()) {
    bundle["link"].push_back({{"relation", "next"}, {"url", url + Query(params, offset + count)}});
  }
  std::vector<const Candidate*> shown;
  for (std::size_t i = offset; i < changes.size() && i < offset + count; ++i) {
    const Change& c = changes[i];
    if (!c.current) {
      const std::string id = c.prefix + "-" + std::to_string(c.write->record_id);
      bundle["entry"].push_back(
          {{"fullUrl", self + "/" + id},
           {"request", {{"method", "DELETE"}, {"url", type + "/" + id}}},
           {"response", {{"status", "204"}, {"lastModified", c.write->occurred_at}}}});
      continue;
    }
    const std::string id = c.current->resource.value("id", "");
    const bool created = c.write->action == "create";
    bundle["entry"].push_back(
        {{"fullUrl", self + "/" + id},
         {"resource", c.current->resource},
         {"request", {{"method", created ? "POST" : "PUT"}, {"url", type + "/" + id}}},
         {"response",
          {{"status", created ? "201" : "200"}, {"lastModified", c.write->occurred_at}}}});
    shown.push_back(c.current);
  }
  if (auto s = AuditReads(*uow, shown, false); !s) return s.error();
  if (auto s = uow->Commit(); !s) return s.error();
  return bundle;
}

Result<json> FhirDirectoryService::ExportBundle(const Caller& caller, const std::string& base) {
  auto opened = Open(caller, "");
  if (!opened) return opened.error();
  auto& [snapshot, uow, nothing] = opened.value();
  json bundle = {{"resourceType", "Bundle"}, {"type", "collection"}, {"entry", json::array()}};
  json details = json::object();
  for (const auto& type : ResourceTypes()) {
    auto candidates = Collector(*snapshot, caller, *uow).Of(type);
    if (!candidates) continue;  // a type this caller may not read is left out
    details[type] = candidates.value()->size();
    for (const auto& c : *candidates.value()) {
      bundle["entry"].push_back({{"fullUrl", base + "/" + type + "/" + c.resource.value("id", "")},
                                 {"resource", c.resource}});
    }
  }
  bundle["timestamp"] = store_.clock().NowIso();
  if (auto s = RecordAudit(*uow, "export", "registry", "registry.fhir.json", "", details.dump());
      !s)
    return s.error();
  if (auto s = uow->Commit(); !s) return s.error();
  return bundle;
}

}  // namespace vangnet
