#include <sodium.h>

#include "http/json/registry_json.hpp"
#include "http/problem.hpp"
#include "http/routes.hpp"
#include "services/registry/registry_workbook.hpp"

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

  // The same list as a download (?format=xlsx, else CSV), with the same filters and search,
  // as many rows as a list may have, and what the caller may not see left empty.
  router.Get(base + "/export", [&registry](const RequestContext& ctx, const httplib::Request& req,
                                           httplib::Response& res) {
    ListQuery query = QueryFrom(req);
    query.equals.erase("format");
    query.limit = ListQuery::kMaxLimit;
    query.offset = 0;
    if (auto s = CheckFilterFields<T>(query); !s) return ReplyError(res, s.error());
    auto page = registry.List<T>(ctx.caller, query);
    if (!page) return ReplyError(res, page.error());
    ReplyTable(res, req, RegistrySheet(page.value().items), ResourceName<T>());
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

namespace {

constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

void ReplyWorkbook(httplib::Response& res, const Result<std::string>& workbook,
                   const std::string& file_name) {
  if (!workbook) return ReplyError(res, workbook.error());
  SetDownloadName(res, file_name, false);
  res.set_header("Cache-Control", "no-store");
  res.set_content(workbook.value(), kXlsxType);
}

std::optional<std::string> FromBase64(const std::string& text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), " \r\n", &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

}  // namespace

void RegisterRegistryTransferRoutes(Router& router, RegistryTransferService& transfer) {
  router.Post("/api/v1/registry/import", [&transfer](const RequestContext& ctx,
                                                     const httplib::Request& req,
                                                     httplib::Response& res) {
    auto body = ParseJsonBody(req, res);
    if (!body) return;
    const bool apply = body->value("apply", false);
    const nlohmann::json& list =
        body->json().contains("files") ? body->json()["files"] : nlohmann::json::array();
    if (!list.is_array() || list.empty()) {
      return ReplyError(res, Error::Validation("files", "kies een of meer bestanden"));
    }
    std::vector<ImportFile> files;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string field = "files[" + std::to_string(i) + "]";
      if (!list[i].is_object())
        return ReplyError(res, Error::Validation(field, "moet een object zijn"));
      JsonBody file(list[i]);
      std::string name = file.value("name", "");
      if (name.empty())
        return ReplyError(res, Error::Validation(field + ".name", "naam ontbreekt"));
      auto content = FromBase64(file.value("content_base64", ""));
      if (!content || content->empty()) {
        return ReplyError(res, Error::Validation(field + ".content_base64",
                                                 "geen geldige bestandsinhoud (base64)"));
      }
      files.push_back(ImportFile{std::move(name), file.value("kind", ""), std::move(*content)});
    }
    ImportReport report = transfer.Import(ctx.caller, std::move(files), apply);
    if (!report.errors.empty()) {
      // What is wrong with the files (also an unreadable one) is the user's to fix: 422; the
      // role, the database or a bug keep their own status.
      const Error& first = report.errors.front();
      if (first.kind == ErrorKind::kForbidden || first.kind == ErrorKind::kUnavailable ||
          first.kind == ErrorKind::kInternal || first.kind == ErrorKind::kRateLimited) {
        return ReplyError(res, first);
      }
      return ReplyJson(res, 422,
                       ProblemJson(422, "Import geweigerd; er is niets opgeslagen", report.errors));
    }
    ReplyJson(res, 200, ImportReportJson(report, report.committed));
  });

  router.Get(
      "/api/v1/registry/export.xlsx",
      [&transfer](const RequestContext& ctx, const httplib::Request&, httplib::Response& res) {
        ReplyWorkbook(res, transfer.Workbook(ctx.caller), "vangnet-register.xlsx");
      });
  router.Get("/api/v1/registry/template.xlsx",
             [&transfer](const RequestContext&, const httplib::Request&, httplib::Response& res) {
               ReplyWorkbook(res, transfer.Template(), "vangnet-sjabloon.xlsx");
             });
}

}  // namespace vangnet
