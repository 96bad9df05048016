#include "store/sql/sql_audit_log.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/date.hpp"
#include "store/digest.hpp"
#include "store/sql/rows.hpp"

namespace vangnet::sql {

namespace {
// The chain's anchor: the prev_hash of the first event.
constexpr const char* kGenesisHash = "0";
// Marks a hash made with the audit key; older events have a plain hash.
constexpr std::string_view kKeyedPrefix = "k1:";

constexpr const char* kColumns =
    "id, occurred_at, actor_user, actor_role, source, action, object_type, object_key, "
    "subject_key, purpose, outcome, details, prev_hash, hash";

AuditEvent ReadEvent(const Statement& stmt) {
  AuditEvent e;
  Row row(stmt);
  e.id = row.Int();
  e.occurred_at = row.Text();
  e.actor_user = row.Text();
  e.actor_role = row.Text();
  e.source = row.Text();
  e.action = row.Text();
  e.object_type = row.Text();
  e.object_key = row.Text();
  e.subject_key = row.Text();
  e.purpose = row.Text();
  e.outcome = row.Text();
  e.details = row.Text();
  e.prev_hash = row.Text();
  e.hash = row.Text();
  return e;
}
}  // namespace

std::string AuditEventHash(const AuditEvent& e, const SecretKey* key) {
  // Fields separated by the ASCII unit separator, which no field is allowed to contain
  // unnoticed: a shifted boundary would change the hash anyway.
  std::string material;
  for (const std::string* part :
       {&e.prev_hash, &e.occurred_at, &e.actor_user, &e.actor_role, &e.source, &e.action,
        &e.object_type, &e.object_key, &e.subject_key, &e.purpose, &e.outcome, &e.details}) {
    material += *part;
    material += '\x1f';
  }
  return key ? std::string(kKeyedPrefix) + Blake2bKeyedHex(material, *key) : Blake2bHex(material);
}

Status SqlAuditLog::Append(AuditEvent event) {
  if (last_hash_.empty()) {
    Statement head(db_, "SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1");
    last_hash_ = head.Step() == kRow ? head.Text(0) : kGenesisHash;
  }
  if (event.occurred_at.empty()) event.occurred_at = clock_.NowIso();
  event.prev_hash = last_hash_;
  event.hash = AuditEventHash(event, &key_);
  if (!insert_) {
    insert_ = std::make_unique<Statement>(
        db_,
        "INSERT INTO audit_event (occurred_at, actor_user, actor_role, source, action, "
        "object_type, object_key, subject_key, purpose, outcome, details, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  }
  Statement& stmt = *insert_;
  stmt.Reset();
  Bind(stmt, event.occurred_at, event.actor_user, event.actor_role, event.source, event.action,
       event.object_type, event.object_key, event.subject_key, event.purpose, event.outcome,
       event.details, event.prev_hash, event.hash);
  int rc = stmt.Step();
  stmt.Reset();
  if (rc != kDone)
    return db_.Lost() ? StoreError(db_) : Error::Internal("audit: " + db_.LastError());
  last_hash_ = event.hash;
  return Ok{};
}

std::vector<AuditEvent> SqlAuditLog::List(const AuditFilter& filter) {
  // The position of a text in another: instr in SQLite, strpos in PostgreSQL.
  const std::string find = db_.dialect() == Dialect::kPostgres ? "strpos" : "instr";
  Statement stmt(db_, std::string("SELECT ") + kColumns +
                          " FROM audit_event WHERE id > ? AND (? = '' OR object_type = ?) AND "
                          "(? = '' OR object_key = ? OR subject_key = ? OR "
                          "(object_key = 'list' AND " +
                          find +
                          "(details, '\"' || ? || '\"') > 0)) AND "
                          "(? = '' OR actor_user = ?) "
                          "ORDER BY id " +
                          (filter.newest_first ? "DESC" : "ASC") + " LIMIT ?");
  Bind(stmt, filter.after_id, filter.object_type, filter.object_type, filter.object_key,
       filter.object_key, filter.object_key, filter.object_key, filter.actor_user,
       filter.actor_user, filter.limit);
  std::vector<AuditEvent> events;
  while (stmt.Step() == kRow) events.push_back(ReadEvent(stmt));
  return events;
}

std::int64_t SqlAuditLog::LastChangeId() {
  // Backwards along the primary key from the newest event: reads and logins are skipped, few
  // in a row compared to a table scan.
  Statement stmt(db_,
                 "SELECT id FROM audit_event WHERE action NOT IN ('read', 'login', 'export') AND "
                 "object_type NOT IN ('user_account', 'second_factor', 'calendar_feed') "
                 "ORDER BY id DESC LIMIT 1");
  return stmt.Step() == kRow ? stmt.Int(0) : 0;
}

std::vector<RecordChange> SqlAuditLog::LastWrites(const std::vector<std::string>& tables) {
  std::string in;
  for (std::size_t i = 0; i < tables.size(); ++i) in += i == 0 ? "?" : ", ?";
  if (in.empty()) return {};
  // Every write, oldest first; the newest per record wins (a scan of the writes only, through
  // audit_event_writes; callers keep the answer until LastChangeId moves).
  Statement stmt(
      db_,
      "SELECT id, object_type, object_key, action, occurred_at, details FROM audit_event "
      "WHERE action IN ('create', 'update', 'delete') AND object_type IN (" +
          in + ") ORDER BY id");
  for (std::size_t i = 0; i < tables.size(); ++i) {
    BindValue(stmt, static_cast<int>(i) + 1, tables[i]);
  }
  std::map<std::pair<std::string, std::string>, RecordChange> latest;
  while (stmt.Step() == kRow) {
    Row row(stmt);
    RecordChange change;
    change.event_id = row.Int();
    change.object_type = row.Text();
    change.object_key = row.Text();
    change.action = row.Text();
    change.occurred_at = row.Text();
    const auto details = nlohmann::json::parse(row.Text(), nullptr, false);
    if (details.is_object() && details.contains("id") && details["id"].is_number_integer()) {
      change.record_id = details["id"].get<std::int64_t>();
    }
    latest[{change.object_type, change.object_key}] = std::move(change);
  }
  std::vector<RecordChange> out;
  out.reserve(latest.size());
  for (auto& [key, change] : latest) out.push_back(std::move(change));
  std::sort(out.begin(), out.end(),
            [](const RecordChange& a, const RecordChange& b) { return a.event_id < b.event_id; });
  return out;
}

AuditHead SqlAuditLog::Head() {
  Statement stmt(db_,
                 "SELECT (SELECT count(*) FROM audit_event), id, hash FROM audit_event "
                 "ORDER BY id DESC LIMIT 1");
  AuditHead head;
  if (stmt.Step() == kRow) {
    Row row(stmt);
    head.count = row.Int();
    head.last_id = row.Int();
    head.hash = row.Text();
  }
  return head;
}

std::optional<std::int64_t> SqlAuditLog::FirstBrokenLink() {
  auto anchors = anchors_.Read();
  if (!anchors) return 0;  // a forged checkpoint: the trail cannot be trusted from the start
  std::map<std::int64_t, const AuditHead*> expected;  // by last_id
  for (const auto& a : anchors.value()) expected[a.last_id] = &a;
  Statement stmt(db_, std::string("SELECT ") + kColumns + " FROM audit_event ORDER BY id");
  std::string expected_prev = kGenesisHash;
  std::int64_t count = 0;
  bool keyed_seen = false;
  while (stmt.Step() == kRow) {
    AuditEvent e = ReadEvent(stmt);
    ++count;
    const bool keyed = std::string_view(e.hash).starts_with(kKeyedPrefix);
    // Once the key exists every event is keyed: a plain hash after a keyed one is a rewrite.
    if (keyed_seen && !keyed) return e.id;
    keyed_seen = keyed_seen || keyed;
    if (e.prev_hash != expected_prev || AuditEventHash(e, keyed ? &key_ : nullptr) != e.hash) {
      return e.id;
    }
    if (auto it = expected.find(e.id); it != expected.end()) {
      if (it->second->hash != e.hash || it->second->count != count) return e.id;
      expected.erase(it);
    }
    expected_prev = e.hash;
  }
  // A checkpoint whose event is gone: the tail was cut (or the chain rebuilt with other ids).
  if (!expected.empty()) return expected.begin()->first;
  return std::nullopt;
}

Result<std::string> SqlAuditLog::WriteCheckpoint() {
  // The count's rows are locked first (an UPDATE, which SQLite and PostgreSQL both hold to the
  // end of the transaction), so two servers writing checkpoints take turns: file lines and
  // counts always move together. One row per destination: the file and its mirror.
  for (const auto& file : anchors_.files()) {
    Statement ensure(db_,
                     "INSERT INTO audit_checkpoint (anchor_file, checkpoints, last_mac) "
                     "VALUES (?, 0, '') ON CONFLICT(anchor_file) DO NOTHING");
    Bind(ensure, file);
    if (ensure.Step() != kDone) return StoreError(db_);
    Statement lock(db_,
                   "UPDATE audit_checkpoint SET checkpoints = checkpoints WHERE anchor_file = ?");
    Bind(lock, file);
    if (lock.Step() != kDone) return StoreError(db_);
  }
  // A file that no longer holds what the database counted is not written on: that would hide
  // the damage (the server's log says so at every tick until someone looks).
  if (auto problem = CheckpointFileProblem()) return Error::Io(anchors_.path(), *problem);
  bool appended = false;
  auto line = anchors_.Append(Head(), clock_.NowIso(), &appended);
  if (!line || !appended) return line;
  // Each count becomes its file's: one more, or every line of a file from before the count (or
  // the mirror) existed, each checked with the key.
  for (const auto& file : anchors_.files()) {
    auto macs = anchors_.Macs(file);
    if (!macs) return macs.error();
    if (macs.value().empty()) continue;
    Statement count(db_,
                    "UPDATE audit_checkpoint SET checkpoints = ?, last_mac = ? "
                    "WHERE anchor_file = ?");
    Bind(count, static_cast<std::int64_t>(macs.value().size()), macs.value().back(), file);
    if (count.Step() != kDone) return StoreError(db_);
  }
  return line;
}

std::optional<std::string> SqlAuditLog::CheckpointFileProblem() {
  for (const auto& file : anchors_.files()) {
    Statement state(db_,
                    "SELECT checkpoints, last_mac FROM audit_checkpoint WHERE anchor_file = ?");
    Bind(state, file);
    if (state.Step() != kRow) continue;  // never checkpointed to this file
    Row row(state);
    const std::int64_t counted = row.Int();
    const std::string last_mac = row.Text();
    while (state.Step() == kRow) {
    }
    if (counted == 0) continue;
    auto macs = anchors_.Macs(file);
    if (!macs) return macs.error().ToString();
    const auto in_file = static_cast<std::int64_t>(macs.value().size());
    if (in_file < counted) {
      return "het controlepuntbestand " + file + " heeft " + std::to_string(in_file) +
             " controlepunten, de database weet van " + std::to_string(counted) +
             ": het is verwijderd, geleegd of ingekort";
    }
    if (macs.value()[static_cast<std::size_t>(counted - 1)] != last_mac) {
      return "controlepunt " + std::to_string(counted) + " in " + file +
             " is niet het controlepunt dat de database kent: het bestand is teruggezet of "
             "vervangen";
    }
  }
  return std::nullopt;
}

}  // namespace vangnet::sql
