#include "store/sql/sql_outbox_repository.hpp"

#include "store/sql/rows.hpp"

namespace vangnet::sql {

namespace {

constexpr const char* kOutboxColumns =
    "id, dedup_key, created_at, channel, recipient, subject, body, incident_id, status, "
    "attempts, next_attempt_at, last_error, sent_at";

OutboxMessage ReadMessage(const Statement& s) {
  OutboxMessage m;
  Row row(s);
  m.id = row.Int();
  m.dedup_key = row.Text();
  m.created_at = row.RequiredTime();
  m.channel = ParseEnum(CHANNELS, row.Text()).value_or(Channel::kEmail);
  m.recipient = row.Text();
  m.subject = row.Text();
  m.body = row.Text();
  m.incident_id = row.OptionalInt();
  m.status = ParseEnum(OUTBOX_STATUSES, row.Text()).value_or(OutboxStatus::kPending);
  m.attempts = row.Int32();
  m.next_attempt_at = row.RequiredTime();
  m.last_error = row.Text();
  m.sent_at = row.Time();
  return m;
}

}  // namespace

Result<bool> SqlOutboxRepository::Enqueue(const OutboxMessage& m) {
  Statement s(
      db_,
      "INSERT INTO outbox (dedup_key, created_at, channel, recipient, subject, body, "
      "incident_id, status, attempts, next_attempt_at, sent_at) VALUES (?,?,?,?,?,?,?,?,0,?,?) "
      "ON CONFLICT (dedup_key) DO NOTHING RETURNING id");
  Bind(s, m.dedup_key, m.created_at, EnumCode(CHANNELS, m.channel), m.recipient, m.subject, m.body,
       m.incident_id, EnumCode(OUTBOX_STATUSES, m.status), m.next_attempt_at, m.sent_at);
  int rc = s.Step();
  if (rc == kRow) return true;
  if (rc == kDone) return false;
  return StoreError(db_);
}

// Messages of an incident go before routine ones (the monthly reminders): an alarm at 08:00
// on the 1st must not wait behind the region's reminder e-mails.
std::vector<OutboxMessage> SqlOutboxRepository::Due(TimePoint now, int limit) {
  std::vector<OutboxMessage> due;
  Statement s(db_, std::string("SELECT ") + kOutboxColumns +
                       " FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? "
                       "ORDER BY incident_id IS NULL, next_attempt_at, id LIMIT ?");
  Bind(s, FormatUtc(now), limit);
  while (s.Step() == kRow) due.push_back(ReadMessage(s));
  return due;
}

Status SqlOutboxRepository::Record(const OutboxMessage& m) {
  Statement s(db_,
              "UPDATE outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?, "
              "sent_at = ? WHERE id = ?");
  Bind(s, EnumCode(OUTBOX_STATUSES, m.status), m.attempts, FormatUtc(m.next_attempt_at),
       OrNull(m.last_error), m.sent_at, m.id);
  if (s.Step() != kDone) return StoreError(db_);
  return Ok{};
}

std::vector<OutboxMessage> SqlOutboxRepository::ForIncident(std::int64_t incident_id) {
  std::vector<OutboxMessage> messages;
  Statement s(db_, std::string("SELECT ") + kOutboxColumns +
                       " FROM outbox WHERE incident_id = ? ORDER BY id DESC");
  Bind(s, incident_id);
  while (s.Step() == kRow) messages.push_back(ReadMessage(s));
  return messages;
}

}  // namespace vangnet::sql
