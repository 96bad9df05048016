#include "http/registry_routes.hpp"

#include "http/json/registry_json.hpp"
#include "http/problem.hpp"

namespace vangnet {

namespace {

ListQuery QueryFrom(const httplib::Request& req) {
  ListQuery query;
  for (const auto& [key, value] : req.params) {
    if (key == "limit") {
      query.limit = static_cast<std::size_t>(std::clamp<long long>(
          ParseInteger(value).value_or(50), 1, static_cast<long long>(ListQuery::kMaxLimit)));
    } else if (key == "offset") {
      query.offset =
          static_cast<std::size_t>(std::max<long long>(0, ParseInteger(value).value_or(0)));
    } else if (key == "q") {
      query.search = value;
    } else {
      query.equals[key].push_back(value);  // a field given twice: either value
    }
  }
  return query;
}

template <class T>
Status CheckFilterFields(const ListQuery& query) {
  for (const auto& [field, value] : query.equals) {
    bool known = false;
    for (const auto& f : EntityTraits<T>::Fields()) known = known || f.name == field;
    if (!known) return Error::Validation(field, "onbekend filterveld");
  }
  return Ok{};
}

template <class T>
void RegisterResource(Router& router, RegistryService& registry) {
  const std::string base = "/api/v1/" + ResourceName<T>();
  const std::string one = base + R"(/(\d+))";

  router.Get(base, [&registry](const RequestContext& ctx, const httplib::Request& req,
                               httplib::Response& res) {
    ListQuery query = QueryFrom(req);
    if (auto s = CheckFilterFields<T>(query); !s) return ReplyError(res, s.error());
    auto page = registry.List<T>(ctx.caller, query);
    if (!page) return ReplyError(res, page.error());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& record : page.value().items) items.push_back(EntityToJson(record));
    ReplyJson(res, 200,
              {{"items", items},
               {"total", page.value().total},
               {"limit", query.limit},
               {"offset", query.offset}});
  });

  router.Get(one, [&registry](const RequestContext& ctx, const httplib::Request& req,
                              httplib::Response& res) {
    auto record = registry.Get<T>(ctx.caller, PathId(req, 1));
    if (!record) return ReplyError(res, record.error());
    res.set_header("ETag", ETag(record.value().version));
    ReplyJson(res, 200, EntityToJson(record.value()));
  });

  router.Post(base, [&registry](const RequestContext& ctx, const httplib::Request& req,
                                httplib::Response& res) {
    auto body = ParseJsonBody(req, res);
    if (!body) return;
    auto texts = JsonToFieldTexts<T>(body->json());
    if (!texts) return ReplyError(res, texts.error());
    auto created = registry.Create<T>(ctx.caller, texts.value());
    if (!created) return ReplyError(res, created.error());
    res.set_header("ETag", ETag(created.value().version));
    res.set_header("Location",
                   "/api/v1/" + ResourceName<T>() + "/" + std::to_string(created.value().id));
    ReplyJson(res, 201, EntityToJson(created.value()));
  });

  router.Put(one, [&registry](const RequestContext& ctx, const httplib::Request& req,
                              httplib::Response& res) {
    auto version = IfMatchVersion(req);
    if (!version) return ReplyVersionRequired(res);
    auto body = ParseJsonBody(req, res);
    if (!body) return;
    auto texts = JsonToFieldTexts<T>(body->json());
    if (!texts) return ReplyError(res, texts.error());
    auto updated = registry.Update<T>(ctx.caller, PathId(req, 1), *version, texts.value());
    if (!updated) return ReplyError(res, updated.error());
    res.set_header("ETag", ETag(updated.value().version));
    ReplyJson(res, 200, EntityToJson(updated.value()));
  });

  router.Delete(one, [&registry](const RequestContext& ctx, const httplib::Request& req,
                                 httplib::Response& res) {
    auto version = IfMatchVersion(req);
    if (!version) return ReplyVersionRequired(res);
    if (auto s = registry.Delete<T>(ctx.caller, PathId(req, 1), *version); !s) {
      return ReplyError(res, s.error());
    }
    res.status = 204;
  });
}

}  // namespace

void RegisterRegistryRoutes(Router& router, RegistryService& registry) {
  ForEachRegistryType([&]<class T>() { RegisterResource<T>(router, registry); });
  // Every record kind in reference order (a kind only refers to kinds before it).
  router.Get("/api/v1/registry/schema",
             [](const RequestContext& ctx, const httplib::Request&, httplib::Response& res) {
               nlohmann::json kinds = nlohmann::json::array();
               ForEachRegistryType([&]<class T>() { kinds.push_back(KindJson<T>(ctx.caller)); });
               ReplyJson(res, 200, {{"kinds", kinds}});
             });
}

}  // namespace vangnet
