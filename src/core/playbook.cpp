#include "core/playbook.hpp"

#include <set>

#include "core/organisation.hpp"
#include "core/text.hpp"

namespace vangnet {

std::optional<std::chrono::minutes> ParseDuration(std::string_view text) {
  text = Trim(text);
  if (text.size() < 2) return std::nullopt;
  auto number = ParseInteger(text.substr(0, text.size() - 1));
  if (!number || *number < 0) return std::nullopt;
  switch (text.back()) {
    case 'm':
      return std::chrono::minutes(*number);
    case 'h':
      return std::chrono::hours(*number);
    case 'd':
      return std::chrono::days(*number);
    case 'w':
      return std::chrono::weeks(*number);
    default:
      return std::nullopt;
  }
}

std::string FormatDuration(std::chrono::minutes d) {
  const auto m = d.count();
  if (m % (7 * 24 * 60) == 0 && m > 0) return std::to_string(m / (7 * 24 * 60)) + "w";
  if (m % (24 * 60) == 0 && m > 0) return std::to_string(m / (24 * 60)) + "d";
  if (m % 60 == 0 && m > 0) return std::to_string(m / 60) + "h";
  return std::to_string(m) + "m";
}

std::string PlaybookStep::SourceText() const {
  return derived.empty() ? source : source + " (afgeleid: " + derived + ")";
}

std::size_t Playbook::DerivedStepCount() const {
  std::size_t n = 0;
  for (const auto& phase : phases) {
    for (const auto& step : phase.steps) n += derived || !step.derived.empty();
  }
  return n;
}

std::size_t Playbook::StepCount() const {
  std::size_t n = 0;
  for (const auto& phase : phases) n += phase.steps.size();
  return n;
}

namespace {

class Checker {
 public:
  explicit Checker(const Playbook& p) : p_(p) {}

  void Require(bool ok, int line, const std::string& field, const std::string& message) {
    if (ok) return;
    Error e(ErrorKind::kValidation, message, p_.file, static_cast<std::size_t>(line), field);
    errors_.push_back(std::move(e));
  }
  void Source(const std::string& source, int line, const std::string& field) {
    Require(!Trim(source).empty(), line, field + ".source",
            "bron ontbreekt: noem het brondocument en de paragraaf");
  }
  Errors Take() { return std::move(errors_); }

 private:
  const Playbook& p_;
  Errors errors_;
};

std::string At(const char* list, std::size_t i) {
  return std::string(list) + "[" + std::to_string(i) + "]";
}

}  // namespace

Errors ValidatePlaybook(const Playbook& p) {
  Checker c(p);
  c.Require(!p.id.empty(), 1, "id", "id ontbreekt");
  for (char ch : p.id) {
    c.Require((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-', 1, "id",
              "id mag alleen kleine letters, cijfers en '-' bevatten");
  }
  c.Require(p.version >= 1, 1, "version", "version moet 1 of hoger zijn");
  c.Require(!p.title.empty(), 1, "title", "title ontbreekt");
  c.Source(p.source, 1, "playbook");
  c.Require(!p.phases.empty(), 1, "phases", "een playbook heeft minstens één fase");

  std::set<std::string> roles;
  for (std::size_t i = 0; i < p.roles.size(); ++i) {
    const auto& r = p.roles[i];
    c.Require(!r.id.empty() && !r.label.empty(), r.line, At("roles", i), "rol zonder id of label");
    c.Require(roles.insert(r.id).second, r.line, At("roles", i) + ".id",
              "rol '" + r.id + "' staat er twee keer in");
    c.Source(r.source, r.line, At("roles", i));
  }
  for (std::size_t i = 0; i < p.risks.size(); ++i)
    c.Source(p.risks[i].source, p.risks[i].line, At("risks", i));

  std::set<std::string> phase_ids, step_ids;
  std::chrono::minutes previous_start{-1};
  for (std::size_t i = 0; i < p.phases.size(); ++i) {
    const auto& phase = p.phases[i];
    const std::string where = At("phases", i);
    c.Require(phase_ids.insert(phase.id).second, phase.line, where + ".id",
              "fase '" + phase.id + "' staat er twee keer in");
    c.Require(!phase.title.empty(), phase.line, where + ".title", "titel ontbreekt");
    c.Source(phase.source, phase.line, where);
    c.Require(phase.starts >= previous_start, phase.line, where + ".starts",
              "fases moeten op volgorde van begintijd staan");
    previous_start = phase.starts;
    if (phase.ends) {
      c.Require(*phase.ends > phase.starts, phase.line, where + ".ends",
                "een fase moet eindigen na haar begin");
    }
    c.Require(!phase.steps.empty(), phase.line, where + ".steps",
              "een fase heeft minstens één stap");
    for (std::size_t j = 0; j < phase.steps.size(); ++j) {
      const auto& step = phase.steps[j];
      const std::string sw = where + "." + At("steps", j);
      c.Require(step_ids.insert(step.id).second, step.line, sw + ".id",
                "stap '" + step.id + "' staat er twee keer in");
      c.Require(!step.text.empty(), step.line, sw + ".text", "tekst ontbreekt");
      c.Require(roles.count(step.owner) > 0, step.line, sw + ".owner",
                "eigenaar '" + step.owner + "' is geen rol van dit playbook");
      c.Source(step.source, step.line, sw);
      if (step.repeat) {
        c.Require(*step.repeat >= std::chrono::hours(1), step.line, sw + ".repeat",
                  "herhaling moet minstens een uur zijn");
      }
      const bool in_window =
          step.deadline >= phase.starts && (!phase.ends || step.deadline <= *phase.ends);
      // Legal deadlines keep their own clock (AP 72 h) and may fall outside the phase.
      c.Require(in_window || step.legal, step.line, sw + ".deadline",
                "deadline " + FormatDuration(step.deadline) + " valt buiten de fase (" +
                    FormatDuration(phase.starts) + " - " +
                    (phase.ends ? FormatDuration(*phase.ends) : std::string("open")) + ")");
    }
  }
  for (std::size_t i = 0; i < p.contacts.size(); ++i) {
    const auto& contact = p.contacts[i];
    c.Require(
        ParseEnum(ORGANISATION_KINDS, contact.kind).has_value(), contact.line,
        At("contacts", i) + ".kind",
        "soort '" + contact.kind + "' is onbekend; kies uit " + EnumCodeList(ORGANISATION_KINDS));
    c.Source(contact.source, contact.line, At("contacts", i));
  }
  for (std::size_t i = 0; i < p.communication.size(); ++i) {
    const auto& m = p.communication[i];
    c.Require(roles.count(m.responsible) > 0, m.line, At("communication", i) + ".responsible",
              "verantwoordelijke '" + m.responsible + "' is geen rol van dit playbook");
    c.Source(m.source, m.line, At("communication", i));
  }
  for (const auto* list : {&p.resources, &p.prevention, &p.evaluation}) {
    const char* name = list == &p.resources    ? "resources"
                       : list == &p.prevention ? "prevention"
                                               : "evaluation";
    for (std::size_t i = 0; i < list->size(); ++i)
      c.Source((*list)[i].source, (*list)[i].line, At(name, i));
  }
  return c.Take();
}

}  // namespace vangnet
