// The one error type of vangnet: expected failures (bad input, not found, conflict) as values.
//
// Shaped like DuckDB's ErrorData: a kind, a message a coordinator understands (Dutch), and where
// the problem is (file, row, field) when it comes from input. Exceptions are kept for bugs.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace vangnet {

enum class ErrorKind {
  kValidation,       // input breaks a rule; message says which and how to fix it
  kNotFound,         // a referenced record does not exist
  kConflict,         // duplicate key, or a concurrent change
  kIo,               // a file could not be read or written
  kUnauthenticated,  // not logged in, or the session ended
  kForbidden,        // logged in, but this role may not do this
  kRateLimited,      // too many attempts; try again later
  kUnavailable,      // the database cannot be reached (restarting, failing over); nothing was done
  kInternal,         // a broken invariant; reported, never expected
};

struct Error {
  Error() = default;
  Error(ErrorKind kind_, std::string message_, std::string file_ = {}, std::size_t row_ = 0,
        std::string field_ = {})
      : kind(kind_),
        message(std::move(message_)),
        file(std::move(file_)),
        row(row_),
        field(std::move(field_)) {}

  ErrorKind kind = ErrorKind::kInternal;
  std::string message;  // Dutch, self-contained
  std::string file;     // input file name, empty when not from a file
  std::size_t row = 0;  // line in the file as a spreadsheet numbers it (header = 1); 0 = none
  std::string field;    // column / field name (or letter), empty when the whole record is meant
  // Further problems found in the same action (a form with three bad fields gets all three).
  std::vector<Error> more;

  static Error Validation(std::string field, std::string message) {
    return Error{ErrorKind::kValidation, std::move(message), {}, 0, std::move(field)};
  }
  static Error NotFound(std::string field, std::string message) {
    return Error{ErrorKind::kNotFound, std::move(message), {}, 0, std::move(field)};
  }
  static Error Conflict(std::string field, std::string message) {
    return Error{ErrorKind::kConflict, std::move(message), {}, 0, std::move(field)};
  }
  static Error Io(std::string file, std::string message) {
    return Error{ErrorKind::kIo, std::move(message), std::move(file), 0, {}};
  }
  static Error Internal(std::string message) {
    return Error{ErrorKind::kInternal, std::move(message), {}, 0, {}};
  }

  // "practices.csv, regel 5, kolom agb: ..." (or "veld agb" outside a file) - the location first,
  // so a list of errors scans well.
  std::string ToString() const;
  // The first error carrying the others in `more`; `errors` must not be empty.
  static Error Combined(std::vector<Error> errors);
};

const char* ErrorKindName(ErrorKind kind);

using Errors = std::vector<Error>;

// A value or an error. Minimal stand-in for std::expected (C++23, not in g++ 12).
template <class T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}      // NOLINT: implicit on purpose
  Result(Error error) : data_(std::move(error)) {}  // NOLINT: implicit on purpose
  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(data_); }
  const T& value() const& { return std::get<0>(data_); }
  // By value from a temporary: `for (auto& x : Get().value())` then walks a list that lives for
  // the loop; a reference into the temporary (as this once was) dangled, and a test crashed.
  T value() && { return std::get<0>(std::move(data_)); }
  T value_or(T fallback) const& { return ok() ? value() : std::move(fallback); }
  const Error& error() const { return std::get<1>(data_); }

 private:
  std::variant<T, Error> data_;
};

struct Ok {};
using Status = Result<Ok>;

}  // namespace vangnet
