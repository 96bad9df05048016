// A playbook: a scenario of the source documents as data (playbooks/*.yaml), with its phases,
// timed steps and owners, and the source section of every item.
//
// Pure types and rules; reading YAML is io/playbook_yaml. Each item remembers the line it came
// from, so a broken file is refused with file, line and field.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace vangnet {

// "30m", "2h", "3d", "2w" -> minutes; nullopt when malformed.
std::optional<std::chrono::minutes> ParseDuration(std::string_view text);
std::string FormatDuration(std::chrono::minutes duration);

struct PlaybookText {
  std::string text;
  std::string source;
  int line = 0;
};

struct PlaybookRisk {
  std::string risk;
  std::string impact;
  std::string source;
  int line = 0;
};

// A role in the scenario (the affected practice's holder, the RHO's continuity team, ...);
// steps name one as their owner, and incidents resolve it to people.
struct PlaybookRole {
  std::string id;
  std::string label;  // Dutch
  std::string tasks;
  std::string source;
  int line = 0;
};

struct PlaybookStep {
  std::string id;
  std::string text;
  std::string owner;                           // a PlaybookRole id
  std::chrono::minutes deadline{};             // after activation
  bool legal = false;                          // a deadline set by law or regulator (AP 72 h, IGJ)
  std::optional<std::chrono::minutes> repeat;  // recurring (a weekly update): the interval
  std::string source;
  int line = 0;
  // Why this step is not written in its source: it is composed from the cited sections (or is
  // a regional choice). Empty: the cited section says it.
  std::string derived;

  // The source as a task shows it: with "afgeleid: <why>" for a derived step.
  std::string SourceText() const;
};

struct PlaybookPhase {
  std::string id;
  std::string title;
  std::chrono::minutes starts{};             // after activation
  std::optional<std::chrono::minutes> ends;  // none: open-ended (after-care)
  std::string source;
  std::vector<PlaybookStep> steps;
  int line = 0;
};

struct PlaybookContact {
  std::string kind;  // an organisation kind (core/organisation.hpp), filled from the directory
  std::string purpose;
  std::string source;
  int line = 0;
};

struct PlaybookMessage {
  std::string audience;
  std::string content;
  std::string channel;
  std::string responsible;  // a PlaybookRole id
  std::string source;
  int line = 0;
};

struct Playbook {
  std::string file;  // where it was read from, for messages
  std::string id;
  int version = 0;
  std::string title;
  std::string source;    // the scenario's section
  bool derived = false;  // not written out in the sources; composed from related sections
  std::string situation;
  std::vector<PlaybookRisk> risks;
  std::vector<PlaybookRole> roles;
  std::vector<PlaybookPhase> phases;
  std::vector<PlaybookContact> contacts;
  std::vector<PlaybookMessage> communication;
  std::vector<PlaybookText> resources;
  std::vector<PlaybookText> prevention;
  std::vector<PlaybookText> evaluation;
  // Conditions to record before the playbook may start (the takeover's nine, seed 000 §5).
  std::vector<PlaybookText> conditions;
  // A long-running case ends by activation + this at the latest (the takeover's two years);
  // the coordinator is warned before. None: no maximum.
  std::optional<std::chrono::minutes> max_duration;

  std::size_t StepCount() const;
  // Steps that are composed rather than written in their source: every step of a derived
  // playbook, else those marked derived.
  std::size_t DerivedStepCount() const;
};

// Rules on a whole playbook: every item has a source, owners are declared roles, ids are unique,
// phases are ordered and every deadline lies within its phase. Errors name file, line and field.
Errors ValidatePlaybook(const Playbook& playbook);

}  // namespace vangnet
