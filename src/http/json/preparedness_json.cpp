#include "http/json/preparedness_json.hpp"

#include "core/sources.hpp"

namespace vangnet {

nlohmann::json PreparednessItemJson(const PreparednessItem& item) {
  auto optional = [](const std::optional<std::string>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  return {{"rule_id", item.rule->id},
          {"label", item.rule->label},
          {"explanation", item.rule->explanation},
          {"scope", std::string(EnumCode(PREPAREDNESS_SCOPES, item.rule->scope))},
          {"every_months", item.rule->every_months},
          {"owner", item.rule->owner},
          {"source", SourceText(item.rule->source)},
          {"practice_agb", item.practice_agb},
          {"practice_name", item.practice_name},
          {"subject", item.subject},
          {"last_done", optional(item.last_done)},
          {"last_done_by", item.last_done_by},
          {"evidence", item.evidence},
          {"due", optional(item.due)},
          {"status", std::string(EnumCode(ITEM_STATUSES, item.status))},
          {"kept_in_registry", item.kept_in_registry},
          {"exercise_playbook", item.rule->exercise_playbook.empty()
                                    ? nlohmann::json(nullptr)
                                    : nlohmann::json(item.rule->exercise_playbook)},
          {"exercise_incident_id", item.exercise_incident_id
                                       ? nlohmann::json(*item.exercise_incident_id)
                                       : nlohmann::json(nullptr)}};
}

nlohmann::json PreparednessOverviewJson(const PreparednessOverview& o) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : o.items) items.push_back(PreparednessItemJson(item));
  return {{"date", o.date},
          {"overdue", o.overdue},
          {"due_this_month", o.due_this_month},
          {"upcoming", o.upcoming},
          {"items", std::move(items)}};
}

nlohmann::json BundleStatusJson(const BundleStatus& b) {
  nlohmann::json last = nullptr;
  if (!b.at.empty()) {
    last = {{"at", b.at},
            {"path", b.path},
            {"files", b.files},
            {"bytes", b.bytes},
            {"error", b.error.empty() ? nlohmann::json(nullptr) : nlohmann::json(b.error)}};
  }
  return {{"folder", b.folder.empty() ? nlohmann::json(nullptr) : nlohmann::json(b.folder)},
          {"hour", b.hour},
          {"last", last}};
}

}  // namespace vangnet
