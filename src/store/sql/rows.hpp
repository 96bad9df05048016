// The one way every repository binds values, reads rows and updates optimistically, on either
// database (sql/connection.hpp).
//
//   Bind(stmt, incident_id, task.text, OrNull(task.note), task.closed_at);   // ?1, ?2, ?3, ?4
//   Row row(stmt); task.id = row.Int(); task.text = row.Text(); task.closed_at = row.Time();
//   auto version = StepVersioned(db, stmt, "deze taak is intussen gewijzigd; laad opnieuw");
//
// Values bind by position in the order given; columns read in the order selected. Times are
// stored as ISO 8601 UTC text (core/time.hpp), optional values as NULL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "core/time.hpp"
#include "store/sql/connection.hpp"

namespace vangnet::sql {

// Text that is stored as NULL when empty (optional references, notes).
struct NullIfEmpty {
  std::string_view text;
};
inline NullIfEmpty OrNull(std::string_view text) {
  return {text};
}

inline void BindValue(Statement& s, int i, std::nullptr_t) {
  s.BindNull(i);
}
inline void BindValue(Statement& s, int i, std::string_view text) {
  s.BindText(i, text);
}
inline void BindValue(Statement& s, int i, const std::string& text) {
  s.BindText(i, text);
}
inline void BindValue(Statement& s, int i, const char* text) {
  s.BindText(i, text);
}
inline void BindValue(Statement& s, int i, NullIfEmpty value) {
  if (value.text.empty()) {
    s.BindNull(i);
  } else {
    s.BindText(i, value.text);
  }
}
inline void BindValue(Statement& s, int i, double value) {
  s.BindDouble(i, value);
}
template <class Integer>
requires std::is_integral_v<Integer>
void BindValue(Statement& s, int i, Integer value) {
  s.BindInt(i, static_cast<std::int64_t>(value));
}
inline void BindValue(Statement& s, int i, TimePoint t) {
  s.BindText(i, FormatUtc(t));
}
template <class T>
void BindValue(Statement& s, int i, const std::optional<T>& value) {
  if (value) {
    BindValue(s, i, *value);
  } else {
    s.BindNull(i);
  }
}

// Binds `values` to ?1, ?2, ... in order.
template <class... Values>
void Bind(Statement& s, const Values&... values) {
  int i = 0;
  (BindValue(s, ++i, values), ...);
}

// Reads the columns of the current row in the order they were selected.
class Row {
 public:
  explicit Row(const Statement& s, int first = 0) : s_(s), column_(first) {}
  std::int64_t Int() { return s_.Int(column_++); }
  int Int32() { return static_cast<int>(s_.Int(column_++)); }
  bool Bool() { return s_.Int(column_++) != 0; }
  double Double() { return s_.Double(column_++); }
  std::string Text() { return s_.Text(column_++); }
  std::optional<double> OptionalDouble() {
    const int c = column_++;
    return s_.IsNull(c) ? std::nullopt : std::optional<double>(s_.Double(c));
  }
  std::optional<std::int64_t> OptionalInt() {
    const int c = column_++;
    return s_.IsNull(c) ? std::nullopt : std::optional<std::int64_t>(s_.Int(c));
  }
  // A stored time; nullopt when NULL (or not a time, which the schema does not allow).
  std::optional<TimePoint> Time() {
    const int c = column_++;
    return s_.IsNull(c) ? std::nullopt : ParseUtc(s_.Text(c));
  }
  // A time that is never NULL.
  TimePoint RequiredTime() { return Time().value_or(TimePoint{}); }

 private:
  const Statement& s_;
  int column_;
};

// Steps an optimistic update - "UPDATE ... SET ..., version = version + 1 WHERE id = ? AND
// version = ? RETURNING version" - and returns the new version. No row means someone changed
// the record since it was read: a conflict on "version" (HTTP 412) with `stale_message`.
// `on_error(rc)` maps any other failure (a broken constraint) to an Error.
template <class OnError>
Result<std::int64_t> StepVersioned(Statement& s, const std::string& stale_message,
                                   OnError on_error) {
  const int rc = s.Step();
  if (rc == kDone) return Error::Conflict("version", stale_message);
  if (rc != kRow) return on_error(rc);
  return s.Int(0);
}
inline Result<std::int64_t> StepVersioned(Connection& db, Statement& s,
                                          const std::string& stale_message) {
  return StepVersioned(s, stale_message, [&db](int) { return StoreError(db); });
}

}  // namespace vangnet::sql
