// One audit event (NEN 7513:2018 style): who, in which role, did what to which record and whose
// data, when, why, with what outcome.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/text.hpp"

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

  // An event of `actor` doing `action` to a record; the log fills in time and hashes. Text
  // that came from outside (a purpose header, a refused key) is made valid UTF-8 first: the
  // trail must be readable whatever a request held.
  static AuditEvent Of(const Actor& actor, std::string_view action, std::string_view object_type,
                       std::string_view object_key, std::string_view subject_key = {},
                       std::string_view details = {}, std::string_view outcome = "success") {
    AuditEvent e;
    e.actor_user = ToValidUtf8(actor.user);
    e.actor_role = ToValidUtf8(actor.role);
    e.source = ToValidUtf8(actor.source);
    e.purpose = ToValidUtf8(actor.purpose);
    e.action = ToValidUtf8(action);
    e.object_type = ToValidUtf8(object_type);
    e.object_key = ToValidUtf8(object_key);
    e.subject_key = ToValidUtf8(subject_key);
    e.details = ToValidUtf8(details);
    e.outcome = ToValidUtf8(outcome);
    return e;
  }
};

}  // namespace vangnet
