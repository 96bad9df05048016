// /api/v1/incidents and /api/v1/playbooks: start and work incidents; read the playbooks.
#include "http/json/incident_json.hpp"
#include "http/routes.hpp"

namespace vangnet {

namespace {

// The incident as the board shows it, at the service's now.
void Reply(httplib::Response& res, const IncidentService& incidents,
           const Result<Incident>& incident, int status = 200) {
  if (!incident) return ReplyError(res, incident.error());
  res.set_header("ETag", ETag(incident.value().version));  // for stage and status changes
  ReplyJson(res, status, IncidentJson(incident.value(), true, incidents.Now()));
}

}  // namespace

void RegisterIncidentRoutes(Router& router, IncidentService& incidents,
                            const PlaybookCatalog& playbooks) {
  router.Get(
      R"(/api/v1/incidents/(\d+)/drafts)",
      [&incidents](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        auto drafts = incidents.reports.Drafts(ctx.caller, PathId(req, 1));
        if (!drafts) return ReplyError(res, drafts.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& d : drafts.value()) items.push_back(DraftJson(d));
        ReplyJson(res, 200, {{"items", items}});
      });

  router.Get("/api/v1/playbooks",
             [&playbooks](const RequestContext&, const httplib::Request&, httplib::Response& res) {
               nlohmann::json items = nlohmann::json::array();
               for (const auto& p : playbooks.All()) items.push_back(PlaybookSummaryJson(p));
               ReplyJson(res, 200, {{"items", items}});
             });

  router.Get(
      R"(/api/v1/playbooks/([a-z0-9-]+)/lessons)",
      [&incidents](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        auto lessons = incidents.evaluation.Lessons(ctx.caller, req.matches[1]);
        if (!lessons) return ReplyError(res, lessons.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& l : lessons.value()) items.push_back(LessonJson(l));
        ReplyJson(res, 200, {{"items", items}});
      });

  router.Get("/api/v1/incidents", [&incidents](const RequestContext& ctx, const httplib::Request&,
                                               httplib::Response& res) {
    auto list = incidents.List(ctx.caller);
    if (!list) return ReplyError(res, list.error());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& i : list.value()) items.push_back(IncidentJson(i, false, incidents.Now()));
    ReplyJson(
        res, 200,
        {{"items", items},
         {"outside_channels",
          {{"email", incidents.alarm_settings().email}, {"sms", incidents.alarm_settings().sms}}}});
  });

  router.Post(
      "/api/v1/incidents",
      [&incidents](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        auto body = ParseJsonBody(req, res);
        if (!body) return;
        StartIncident request;
        request.playbook_id = body->value("playbook_id", "");
        request.practice_agbs = body->TextList("practice_agbs");
        request.exercise = body->value("exercise", false);
        request.area = body->value("area", "");
        if (auto text = body->OptionalText("activated_at")) {
          auto at = ParseUtc(*text);
          if (!at) {
            return ReplyError(res, Error::Validation("activated_at", "geef datum en tijd"));
          }
          request.activated_at = *at;
        }
        Reply(res, incidents, incidents.Start(ctx.caller, request), 201);
      });

  router.Get(
      R"(/api/v1/incidents/(\d+))",
      [&incidents](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        Reply(res, incidents, incidents.Get(ctx.caller, PathId(req, 1)));
      });

  router.Get(
      R"(/api/v1/incidents/(\d+)/report)",
      [&incidents](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        auto report = incidents.reports.Report(ctx.caller, PathId(req, 1));
        if (!report) return ReplyError(res, report.error());
        res.set_content(report.value(), "text/markdown; charset=utf-8");
      });

  for (const auto& route : {std::pair{"done", TaskStatus::kDone},
                            std::pair{"not-applicable", TaskStatus::kNotApplicable}}) {
    const TaskStatus status = route.second;  // a plain variable: lambdas capture it everywhere
    router.Post(std::string(R"(/api/v1/incidents/(\d+)/tasks/(\d+)/)") + route.first,
                [&incidents, status](const RequestContext& ctx, const httplib::Request& req,
                                     httplib::Response& res) {
                  auto version = IfMatchVersion(req);  // the task's
                  if (!version) return ReplyVersionRequired(res);
                  auto body = ParseJsonBody(req, res);
                  if (!body) return;
                  Reply(res, incidents,
                        incidents.tasks.CloseTask(ctx.caller, PathId(req, 1), PathId(req, 2),
                                                  *version, status, body->value("note", "")));
                });
  }

  router.Post(
      R"(/api/v1/incidents/(\d+)/tasks/(\d+)/reopen)",
      [&incidents](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        auto version = IfMatchVersion(req);  // the task's
        if (!version) return ReplyVersionRequired(res);
        auto body = ParseJsonBody(req, res);
        if (!body) return;
        Reply(res, incidents,
              incidents.tasks.ReopenTask(ctx.caller, PathId(req, 1), PathId(req, 2), *version,
                                         body->value("reason", "")));
      });

  router.Post(
      R"(/api/v1/incidents/(\d+)/log)",
      [&incidents](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        auto body = ParseJsonBody(req, res);
        if (!body) return;
        LogInput input;
        auto kind = ParseEnum(LOG_KINDS, body->value("kind", "observation"));
        if (!kind) return ReplyError(res, Error::Validation("kind", "onbekende soort logregel"));
        input.kind = *kind;
        input.text = body->value("text", "");
        input.decided_by = body->value("decided_by", "");
        input.acted_by = body->value("acted_by", "");
        input.corrects_id = body->OptionalInteger("corrects_id");
        Reply(res, incidents, incidents.logbook.AddLog(ctx.caller, PathId(req, 1), input));
      });

  // The paper record typed in afterwards: {"source", "tasks":[{"id","version","done_at",
  // "done_by","note"}], "entries":[{"kind","at","text","decided_by","acted_by"}]}; times UTC.
  router.Post(R"(/api/v1/incidents/(\d+)/paper)", [&incidents](const RequestContext& ctx,
                                                               const httplib::Request& req,
                                                               httplib::Response& res) {
    auto body = ParseJsonBody(req, res);
    if (!body) return;
    Errors errors;
    auto text = [](const nlohmann::json& row, const char* key) {
      return row.contains(key) && row[key].is_string() ? row[key].get<std::string>() : "";
    };
    auto time = [&](const nlohmann::json& row, const char* key, const std::string& field) {
      auto at = ParseUtc(text(row, key));
      if (!at) errors.push_back(Error::Validation(field, "vul datum en tijd in"));
      return at.value_or(TimePoint{});
    };
    auto rows = [&](const char* key) {
      if (!body->contains(key)) return nlohmann::json::array();
      if (!body->json()[key].is_array()) {
        errors.push_back(Error::Validation(key, "verwacht een lijst"));
        return nlohmann::json::array();
      }
      return body->json()[key];
    };
    PaperRecord record;
    record.source = text(body->json(), "source");
    const auto tasks = rows("tasks");
    for (std::size_t i = 0; i < tasks.size(); ++i) {
      const auto& row = tasks[i];
      const std::string at = "tasks[" + std::to_string(i) + "].";
      if (!row.is_object() || !row.contains("id") || !row["id"].is_number_integer() ||
          !row.contains("version") || !row["version"].is_number_integer()) {
        errors.push_back(Error::Validation(at + "id", "taak zonder id en versie"));
        continue;
      }
      record.tasks.push_back({row["id"].get<std::int64_t>(), row["version"].get<std::int64_t>(),
                              time(row, "done_at", at + "done_at"), text(row, "done_by"),
                              text(row, "note")});
    }
    const auto entries = rows("entries");
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const auto& row = entries[i];
      const std::string at = "entries[" + std::to_string(i) + "].";
      if (!row.is_object()) {
        errors.push_back(Error::Validation(at + "text", "verwacht een logregel"));
        continue;
      }
      auto kind = ParseEnum(LOG_KINDS, text(row, "kind"));
      if (!kind) errors.push_back(Error::Validation(at + "kind", "onbekende soort logregel"));
      record.entries.push_back({kind.value_or(LogKind::kObservation), time(row, "at", at + "at"),
                                text(row, "text"), text(row, "decided_by"), text(row, "acted_by")});
    }
    if (!errors.empty()) return ReplyError(res, Error::Combined(std::move(errors)));
    Reply(res, incidents, incidents.logbook.EnterAfterwards(ctx.caller, PathId(req, 1), record));
  });

  router.Post(R"(/api/v1/incidents/(\d+)/tasks)", [&incidents](const RequestContext& ctx,
                                                               const httplib::Request& req,
                                                               httplib::Response& res) {
    auto body = ParseJsonBody(req, res);
    if (!body) return;
    auto deadline = ParseUtc(body->value("deadline", ""));
    if (!deadline) {
      return ReplyError(res, Error::Validation("deadline", "geef een deadline (datum en tijd)"));
    }
    Reply(res, incidents,
          incidents.tasks.AddTask(ctx.caller, PathId(req, 1), body->value("text", ""),
                                  body->value("owner_role", ""),
                                  body->value("owner_person_code", ""), *deadline));
  });

  router.Post(
      R"(/api/v1/incidents/(\d+)/tasks/(\d+)/assign)",
      [&incidents](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        auto version = IfMatchVersion(req);  // the task's
        if (!version) return ReplyVersionRequired(res);
        auto body = ParseJsonBody(req, res);
        if (!body) return;
        Reply(res, incidents,
              incidents.tasks.AssignTask(ctx.caller, PathId(req, 1), PathId(req, 2), *version,
                                         body->value("person_code", "")));
      });

  router.Post(
      R"(/api/v1/incidents/(\d+)/status)",
      [&incidents](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        auto version = IfMatchVersion(req);  // the incident's, as the board showed it
        if (!version) return ReplyVersionRequired(res);
        auto body = ParseJsonBody(req, res);
        if (!body) return;
        auto status = ParseEnum(INCIDENT_STATUSES, body->value("status", ""));
        if (!status) {
          return ReplyError(res, Error::Validation("status", "kies active, scaled_down of closed"));
        }
        Reply(res, incidents,
              incidents.ChangeStatus(ctx.caller, PathId(req, 1), *version, *status,
                                     body->value("reason", "")));
      });

  router.Post(
      R"(/api/v1/incidents/(\d+)/picture)",
      [&incidents](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        auto version = IfMatchVersion(req);  // the picture's the user saw (0: none yet)
        if (!version) return ReplyVersionRequired(res);
        auto body = ParseJsonBody(req, res);
        if (!body) return;
        SharedPicture picture;
        picture.situation = body->value("situation", "");
        picture.casualties = body->value("casualties", "");
        picture.hazardous_substances = body->value("hazardous_substances", "");
        picture.communication = body->value("communication", "");
        picture.weather = body->value("weather", "");
        Reply(res, incidents,
              incidents.logbook.SavePicture(ctx.caller, PathId(req, 1), static_cast<int>(*version),
                                            picture));
      });

  router.Post(
      R"(/api/v1/incidents/(\d+)/stage)",
      [&incidents](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        auto version = IfMatchVersion(req);  // the incident's, as the board showed it
        if (!version) return ReplyVersionRequired(res);
        auto body = ParseJsonBody(req, res);
        if (!body) return;
        Reply(res, incidents,
              incidents.ChangeStage(ctx.caller, PathId(req, 1), *version, body->value("stage", 0),
                                    body->value("reason", "")));
      });

  router.Post(
      R"(/api/v1/incidents/(\d+)/alarms/(\d+)/acknowledge)",
      [&incidents](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        Reply(res, incidents,
              incidents.alarms.Acknowledge(ctx.caller, PathId(req, 1), PathId(req, 2)));
      });

  // The one-time link in an alarm message: public, the token is the proof. The page that
  // calls this is /bevestig#TOKEN (the token in the fragment never reaches a server log).
  router.Post(
      "/api/v1/alarm-acknowledgements",
      [&incidents](const RequestContext&, const httplib::Request& req, httplib::Response& res) {
        auto body = ParseJsonBody(req, res);
        if (!body) return;
        auto done = incidents.alarms.AcknowledgeByToken(body->value("token", ""));
        if (!done) return ReplyError(res, done.error());
        ReplyJson(res, 200,
                  {{"incident_number", done.value().incident_number},
                   {"role_label", done.value().role_label},
                   {"person_name", done.value().person_name}});
      },
      Router::Auth::kPublic);

  router.Post(R"(/api/v1/incidents/(\d+)/handover)", [&incidents](const RequestContext& ctx,
                                                                  const httplib::Request& req,
                                                                  httplib::Response& res) {
    auto body = ParseJsonBody(req, res);
    if (!body) return;
    Reply(res, incidents,
          incidents.alarms.HandOverRole(ctx.caller, PathId(req, 1), body->value("role_code", ""),
                                        body->value("person_code", ""), body->value("reason", "")));
  });

  router.Put(R"(/api/v1/incidents/(\d+)/evaluation)", [&incidents](const RequestContext& ctx,
                                                                   const httplib::Request& req,
                                                                   httplib::Response& res) {
    auto body = ParseJsonBody(req, res);
    if (!body) return;
    EvaluationPoint point{body->value("point", ""), "", body->value("finding", ""),
                          body->value("action", "")};
    Reply(res, incidents, incidents.evaluation.SaveEvaluation(ctx.caller, PathId(req, 1), point));
  });

  router.Get(
      R"(/api/v1/incidents/(\d+)/alarms)",
      [&incidents](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        auto overview = incidents.alarms.Overview(ctx.caller, PathId(req, 1));
        if (!overview) return ReplyError(res, overview.error());
        ReplyJson(res, 200, AlarmOverviewJson(overview.value()));
      });

  router.Get(
      R"(/api/v1/incidents/(\d+)/messages)",
      [&incidents](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        auto messages = incidents.alarms.Messages(ctx.caller, PathId(req, 1));
        if (!messages) return ReplyError(res, messages.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& m : messages.value()) items.push_back(MessageJson(m));
        ReplyJson(res, 200, {{"items", items}});
      });
}

}  // namespace vangnet
