// One audit event (NEN 7513:2018 style): who, in which role, did what to which record and whose
// data, when, why, with what outcome.
#pragma once

#include <cstdint>
#include <string>

namespace vangnet {

// Who acts, and why: carried by every unit of work so that every write is attributable.
struct Actor {
  std::string user;     // account name, or "cli:<os user>" on the command line
  std::string role;     // admin, coordinator, ...
  std::string source;   // cli, http
  std::string purpose;  // the reason given for the action
};

struct AuditEvent {
  std::int64_t id = 0;
  std::string occurred_at;  // UTC ISO 8601, set by the log when empty
  std::string actor_user;
  std::string actor_role;
  std::string source;
  std::string action;  // create, update, delete, import, export, read
  std::string object_type;
  std::string object_key;
  std::string subject_key;  // whose personal data, if about a person
  std::string purpose;
  std::string outcome = "success";
  std::string details;  // JSON; never values of personal data
  std::string prev_hash;
  std::string hash;

  // An event of `actor` doing `action` to a record; the log fills in time and hashes.
  static AuditEvent Of(const Actor& actor, std::string action, std::string object_type,
                       std::string object_key, std::string subject_key = {},
                       std::string details = {}, std::string outcome = "success") {
    AuditEvent e;
    e.actor_user = actor.user;
    e.actor_role = actor.role;
    e.source = actor.source;
    e.purpose = actor.purpose;
    e.action = std::move(action);
    e.object_type = std::move(object_type);
    e.object_key = std::move(object_key);
    e.subject_key = std::move(subject_key);
    e.details = std::move(details);
    e.outcome = std::move(outcome);
    return e;
  }
};

}  // namespace vangnet
