// /api/v1/incidents and /api/v1/playbooks: start and work incidents; read the playbooks.
#include "core/escalation.hpp"
#include "http/routes.hpp"
#include "services/incident/communication_drafts.hpp"
#include "services/incident/incident_service.hpp"

namespace vangnet {

namespace {

TimePoint Now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

nlohmann::json TaskJson(const IncidentTask& t, TimePoint now) {
  return {{"id", t.id},
          {"version", t.version},
          {"step_id", t.step_id},
          {"phase", t.phase_title},
          {"text", t.text},
          {"owner_role", t.owner_role},
          {"owner_person_code", t.owner_person_code.empty() ? nlohmann::json(nullptr)
                                                            : nlohmann::json(t.owner_person_code)},
          {"deadline", FormatUtc(t.deadline)},
          {"legal", t.legal},
          {"source", t.source},
          {"status", EnumCode(TASK_STATUSES, t.status)},
          {"overdue", t.IsOverdue(now)},  // decided on the server, never by a browser's clock
          {"closed_at",
           t.closed_at ? nlohmann::json(FormatUtc(*t.closed_at)) : nlohmann::json(nullptr)},
          {"closed_by", t.closed_by},
          {"note", t.note},
          {"entered_at",
           t.entered_at ? nlohmann::json(FormatUtc(*t.entered_at)) : nlohmann::json(nullptr)}};
}

nlohmann::json IncidentJson(const Incident& i, bool full) {
  const TimePoint now = Now();
  std::size_t open = 0, overdue = 0;
  nlohmann::json tasks = nlohmann::json::array();
  for (const auto& t : i.tasks) {
    open += t.status == TaskStatus::kOpen;
    overdue += t.IsOverdue(now);
    if (full) tasks.push_back(TaskJson(t, now));
  }
  nlohmann::json out{
      {"id", i.id},
      {"version", i.version},
      {"number", i.number},
      {"title", i.title},
      {"playbook_id", i.playbook_id},
      {"playbook_version", i.playbook_version},
      {"status", EnumCode(INCIDENT_STATUSES, i.status)},
      {"stage", i.stage},
      {"exercise", i.exercise},
      {"activated_at", FormatUtc(i.activated_at)},
      {"practice_agbs", i.practice_agbs},
      {"open_tasks", open},
      {"overdue_tasks", overdue},
      {"office_hours", IsOfficeHours(now)},
      {"decides",
       {{"who", StageRuleFor(i.stage, IsOfficeHours(now)).decides},
        {"organisation", StageRuleFor(i.stage, IsOfficeHours(now)).organisation},
        {"source", kStageSource}}},
      {"ends_at", i.ends_at ? nlohmann::json(FormatUtc(*i.ends_at)) : nlohmann::json(nullptr)},
      {"now", FormatUtc(now)}};
  if (!full) return out;
  out["tasks"] = tasks;
  nlohmann::json log = nlohmann::json::array();
  for (const auto& e : i.log) {
    log.push_back(
        {{"id", e.id},
         {"at", FormatUtc(e.at)},
         {"author", e.author},
         {"kind", EnumCode(LOG_KINDS, e.kind)},
         {"text", e.text},
         {"decided_by", e.decided_by},
         {"acted_by", e.acted_by},
         {"corrects_id", e.corrects_id ? nlohmann::json(*e.corrects_id) : nlohmann::json(nullptr)},
         {"entered_at",
          e.entered_at ? nlohmann::json(FormatUtc(*e.entered_at)) : nlohmann::json(nullptr)}});
  }
  out["log"] = log;
  nlohmann::json alarms = nlohmann::json::array();
  for (const auto& a : i.alarms) {
    auto time = [](const std::optional<TimePoint>& t) {
      return t ? nlohmann::json(FormatUtc(*t)) : nlohmann::json(nullptr);
    };
    alarms.push_back({{"id", a.id},
                      {"role_code", a.role_code},
                      {"role_label", a.role_label},
                      {"person_code", a.person_code},
                      {"person_name", a.person_name},
                      {"level", EnumCode(ALARM_LEVELS, a.level)},
                      {"status", EnumCode(ALARM_STATUSES, a.status)},
                      {"alarmed_at", FormatUtc(a.alarmed_at)},
                      {"acknowledged_at", time(a.acknowledged_at)},
                      {"acknowledged_by", a.acknowledged_by},
                      {"passed_at", time(a.passed_at)}});
  }
  out["alarms"] = alarms;
  nlohmann::json evaluation = nlohmann::json::array();
  for (const auto& e : i.evaluation) {
    evaluation.push_back(
        {{"point", e.point}, {"source", e.source}, {"finding", e.finding}, {"action", e.action}});
  }
  out["evaluation"] = evaluation;
  if (i.picture) {
    const auto& p = *i.picture;
    out["picture"] = {{"version", p.version},
                      {"situation", p.situation},
                      {"casualties", p.casualties},
                      {"hazardous_substances", p.hazardous_substances},
                      {"communication", p.communication},
                      {"weather", p.weather},
                      {"confirmed_at", FormatUtc(p.confirmed_at)},
                      {"confirmed_by", p.confirmed_by},
                      {"text", SharedPictureText(i.number, p)}};
  } else {
    out["picture"] = nullptr;
  }
  return out;
}

void Reply(httplib::Response& res, const Result<Incident>& incident, int status = 200) {
  if (!incident) return ReplyError(res, incident.error());
  ReplyJson(res, status, IncidentJson(incident.value(), true));
}

}  // namespace

void RegisterIncidentRoutes(Router& router, IncidentService& incidents,
                            const PlaybookCatalog& playbooks, Store& store) {
  router.Get(
      R"(/api/v1/incidents/(\d+)/drafts)",
      [&incidents, &playbooks, &store](const RequestContext& ctx, const httplib::Request& req,
                                       httplib::Response& res) {
        auto incident = incidents.Get(ctx.caller, std::stoll(req.matches[1]));
        if (!incident) return ReplyError(res, incident.error());
        const Playbook* playbook = playbooks.Find(incident.value().playbook_id);
        auto uow = store.BeginRead(ctx.caller.actor);
        if (!uow) return ReplyError(res, uow.error());
        nlohmann::json items = nlohmann::json::array();
        if (playbook) {
          for (const auto& d : DraftCommunication(*uow.value(), *playbook, incident.value())) {
            items.push_back({{"audience", d.audience},
                             {"channel", d.channel},
                             {"responsible", d.responsible},
                             {"text", d.text},
                             {"source", d.source}});
          }
        }
        ReplyJson(res, 200, {{"items", items}});
      });

  router.Get("/api/v1/playbooks",
             [&playbooks](const RequestContext&, const httplib::Request&, httplib::Response& res) {
               nlohmann::json items = nlohmann::json::array();
               for (const auto& p : playbooks.All()) {
                 items.push_back({{"id", p.id},
                                  {"version", p.version},
                                  {"title", p.title},
                                  {"source", p.source},
                                  {"derived", p.derived},
                                  {"steps", p.StepCount()}});
               }
               ReplyJson(res, 200, {{"items", items}});
             });

  router.Get(
      R"(/api/v1/playbooks/([a-z0-9-]+)/lessons)",
      [&incidents](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        auto lessons = incidents.Lessons(ctx.caller, req.matches[1]);
        if (!lessons) return ReplyError(res, lessons.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& l : lessons.value()) {
          items.push_back({{"incident_id", l.incident_id},
                           {"incident_number", l.incident_number},
                           {"exercise", l.exercise},
                           {"playbook_version", l.playbook_version},
                           {"activated_at", FormatUtc(l.activated_at)},
                           {"point", l.point},
                           {"finding", l.finding},
                           {"action", l.action}});
        }
        ReplyJson(res, 200, {{"items", items}});
      });

  router.Get("/api/v1/incidents", [&incidents](const RequestContext& ctx, const httplib::Request&,
                                               httplib::Response& res) {
    auto list = incidents.List(ctx.caller);
    if (!list) return ReplyError(res, list.error());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& i : list.value()) items.push_back(IncidentJson(i, false));
    ReplyJson(res, 200, {{"items", items}});
  });

  router.Post(
      "/api/v1/incidents",
      [&incidents](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        auto body = ParseJsonBody(req, res);
        if (!body) return;
        StartIncident request;
        request.playbook_id = body->value("playbook_id", "");
        if (body->contains("practice_agbs") && (*body)["practice_agbs"].is_array()) {
          for (const auto& agb : (*body)["practice_agbs"]) {
            if (agb.is_string()) request.practice_agbs.push_back(agb.get<std::string>());
          }
        }
        request.exercise = body->value("exercise", false);
        request.area = body->value("area", "");
        // Started on paper while vangnet was unreachable: the real start time, so the deadlines
        // and the logbook are right.
        if (body->contains("activated_at") && !(*body)["activated_at"].is_null()) {
          auto at = (*body)["activated_at"].is_string()
                        ? ParseUtc((*body)["activated_at"].get<std::string>())
                        : std::nullopt;
          // At most a week back (a longer outage is a different story), never ahead (a few
          // minutes of clock difference allowed).
          if (!at) {
            return ReplyError(res, Error::Validation("activated_at", "geef datum en tijd"));
          }
          if (*at > Now() + std::chrono::minutes(5)) {
            return ReplyError(
                res, Error::Validation("activated_at", "de starttijd ligt in de toekomst"));
          }
          if (*at < Now() - std::chrono::days(7)) {
            return ReplyError(res, Error::Validation("activated_at",
                                                     "de starttijd ligt meer dan een week terug"));
          }
          request.activated_at = *at;
        }
        Reply(res, incidents.Start(ctx.caller, request), 201);
      });

  router.Get(
      R"(/api/v1/incidents/(\d+))",
      [&incidents](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        Reply(res, incidents.Get(ctx.caller, std::stoll(req.matches[1])));
      });

  router.Get(
      R"(/api/v1/incidents/(\d+)/report)",
      [&incidents](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        auto incident = incidents.Get(ctx.caller, std::stoll(req.matches[1]));
        if (!incident) return ReplyError(res, incident.error());
        res.set_content(IncidentReportMarkdown(incident.value(), Now()),
                        "text/markdown; charset=utf-8");
      });

  for (const auto& [action, status] : {std::pair{"done", TaskStatus::kDone},
                                       std::pair{"not-applicable", TaskStatus::kNotApplicable}}) {
    router.Post(std::string(R"(/api/v1/incidents/(\d+)/tasks/(\d+)/)") + action,
                [&incidents, status](const RequestContext& ctx, const httplib::Request& req,
                                     httplib::Response& res) {
                  auto body = ParseJsonBody(req, res);
                  if (!body) return;
                  Reply(res, incidents.CloseTask(
                                 ctx.caller, std::stoll(req.matches[1]), std::stoll(req.matches[2]),
                                 body->value("version", 0LL), status, body->value("note", "")));
                });
  }

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
        if (body->contains("corrects_id") && (*body)["corrects_id"].is_number_integer()) {
          input.corrects_id = (*body)["corrects_id"].get<std::int64_t>();
        }
        Reply(res, incidents.AddLog(ctx.caller, std::stoll(req.matches[1]), input));
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
      if (!(*body)[key].is_array()) {
        errors.push_back(Error::Validation(key, "verwacht een lijst"));
        return nlohmann::json::array();
      }
      return (*body)[key];
    };
    PaperRecord record;
    record.source = text(*body, "source");
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
    Reply(res, incidents.EnterAfterwards(ctx.caller, std::stoll(req.matches[1]), record));
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
    Reply(res, incidents.AddTask(ctx.caller, std::stoll(req.matches[1]), body->value("text", ""),
                                 body->value("owner_role", ""),
                                 body->value("owner_person_code", ""), *deadline));
  });

  router.Post(
      R"(/api/v1/incidents/(\d+)/tasks/(\d+)/assign)",
      [&incidents](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        auto body = ParseJsonBody(req, res);
        if (!body) return;
        Reply(res, incidents.AssignTask(ctx.caller, std::stoll(req.matches[1]),
                                        std::stoll(req.matches[2]), body->value("version", 0LL),
                                        body->value("person_code", "")));
      });

  router.Post(
      R"(/api/v1/incidents/(\d+)/status)",
      [&incidents](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        auto body = ParseJsonBody(req, res);
        if (!body) return;
        auto status = ParseEnum(INCIDENT_STATUSES, body->value("status", ""));
        if (!status) {
          return ReplyError(res, Error::Validation("status", "kies active, scaled_down of closed"));
        }
        Reply(res, incidents.ChangeStatus(ctx.caller, std::stoll(req.matches[1]), *status,
                                          body->value("reason", "")));
      });

  router.Post(
      R"(/api/v1/incidents/(\d+)/picture)",
      [&incidents](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        auto body = ParseJsonBody(req, res);
        if (!body) return;
        SharedPicture picture;
        picture.situation = body->value("situation", "");
        picture.casualties = body->value("casualties", "");
        picture.hazardous_substances = body->value("hazardous_substances", "");
        picture.communication = body->value("communication", "");
        picture.weather = body->value("weather", "");
        Reply(res, incidents.SavePicture(ctx.caller, std::stoll(req.matches[1]),
                                         body->value("version", 0), picture));
      });

  router.Post(
      R"(/api/v1/incidents/(\d+)/stage)",
      [&incidents](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        auto body = ParseJsonBody(req, res);
        if (!body) return;
        Reply(res, incidents.ChangeStage(ctx.caller, std::stoll(req.matches[1]),
                                         body->value("stage", 0), body->value("reason", "")));
      });

  router.Post(
      R"(/api/v1/incidents/(\d+)/alarms/(\d+)/acknowledge)",
      [&incidents](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        Reply(res, incidents.Acknowledge(ctx.caller, std::stoll(req.matches[1]),
                                         std::stoll(req.matches[2])));
      });

  // The one-time link in an alarm message: public, the token is the proof. The page that
  // calls this is /bevestig#TOKEN (the token in the fragment never reaches a server log).
  router.Post(
      "/api/v1/alarm-acknowledgements",
      [&incidents](const RequestContext&, const httplib::Request& req, httplib::Response& res) {
        auto body = ParseJsonBody(req, res);
        if (!body) return;
        auto done = incidents.AcknowledgeByToken(body->value("token", ""));
        if (!done) return ReplyError(res, done.error());
        ReplyJson(res, 200,
                  {{"incident_number", done.value().incident_number},
                   {"role_label", done.value().role_label},
                   {"person_name", done.value().person_name}});
      },
      Router::Auth::kPublic);

  router.Post(
      R"(/api/v1/incidents/(\d+)/handover)",
      [&incidents](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        auto body = ParseJsonBody(req, res);
        if (!body) return;
        Reply(res, incidents.HandOverRole(
                       ctx.caller, std::stoll(req.matches[1]), body->value("role_code", ""),
                       body->value("person_code", ""), body->value("reason", "")));
      });

  router.Put(
      R"(/api/v1/incidents/(\d+)/evaluation)",
      [&incidents](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        auto body = ParseJsonBody(req, res);
        if (!body) return;
        EvaluationPoint point{body->value("point", ""), "", body->value("finding", ""),
                              body->value("action", "")};
        Reply(res, incidents.SaveEvaluation(ctx.caller, std::stoll(req.matches[1]), point));
      });

  router.Get(
      R"(/api/v1/incidents/(\d+)/messages)",
      [&incidents](const RequestContext& ctx, const httplib::Request& req, httplib::Response& res) {
        auto messages = incidents.Messages(ctx.caller, std::stoll(req.matches[1]));
        if (!messages) return ReplyError(res, messages.error());
        // Addresses are staff contact data: only the RHO's own roles see them.
        const bool rho = ctx.caller.role == UserRole::kAdmin ||
                         ctx.caller.role == UserRole::kCoordinator ||
                         ctx.caller.role == UserRole::kCrisisTeam;
        nlohmann::json items = nlohmann::json::array();
        for (const auto& m : messages.value()) {
          items.push_back(
              {{"id", m.id},
               {"created_at", FormatUtc(m.created_at)},
               {"channel", EnumCode(CHANNELS, m.channel)},
               {"recipient", rho ? m.recipient : ""},
               {"subject", m.subject},
               {"status", EnumCode(OUTBOX_STATUSES, m.status)},
               {"attempts", m.attempts},
               {"last_error", m.last_error},
               {"sent_at", m.sent_at ? nlohmann::json(FormatUtc(*m.sent_at)) : nlohmann::json()}});
        }
        ReplyJson(res, 200, {{"items", items}});
      });
}

}  // namespace vangnet
