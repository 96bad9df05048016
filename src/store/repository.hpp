// Repository interfaces: how services read and write registry records without seeing SQL.
//
// One generic interface serves every record type, because every type is described by the same
// field table (core/entity.hpp). Implementations: sqlite/ now, postgres/ to follow.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/entity.hpp"
#include "core/error.hpp"

namespace vangnet {

// Type-erased base, so a unit of work can hand out repositories by table name.
class RepositoryBase {
 public:
  virtual ~RepositoryBase() = default;
};

// What a list asks of the database: only matching records, one page of them, and how many match
// in all, so a list of thousands of practices never reads the whole table.
struct RecordFilter {
  // Field name -> the canonical texts it may have, any of them (as the field table writes
  // them; "1"/"0" for yes/no); "" also matches an empty field. Names come from the field
  // table: others are ignored.
  std::vector<std::pair<std::string, std::vector<std::string>>> equals;
  // Part of any of `search_fields`, case-insensitive for ASCII letters; empty: no search.
  std::string search;
  std::vector<std::string> search_fields;
  std::size_t limit = 50;
  std::size_t offset = 0;
};

template <class T>
struct RecordPage {
  std::vector<T> items;   // in natural-key order
  std::size_t total = 0;  // matching records before limit and offset
};

template <class T>
class Repository : public RepositoryBase {
 public:
  // The stored record with the same natural key (EntityTraits<T>::kKeyFields) as `probe`.
  virtual std::optional<T> Find(const T& probe) = 0;
  // The stored record with this id (the API's handle).
  virtual std::optional<T> FindById(std::int64_t id) = 0;
  // All records, ordered by natural key.
  virtual std::vector<T> List() = 0;
  // Number of records.
  virtual std::int64_t Count() = 0;
  // The matching records, one page in natural-key order, with the number matching in all.
  virtual RecordPage<T> Query(const RecordFilter& filter) = 0;
  // Stores a new record; returns it with id and version set. Conflict when the key exists.
  virtual Result<T> Insert(const T& record) = 0;
  // Replaces the record with record.id, only if its stored version is still record.version
  // (optimistic concurrency); returns it with the new version. Conflict otherwise.
  virtual Result<T> Update(const T& record) = 0;
  // Removes the record with the natural key of `probe`; NotFound when there is none, Conflict
  // when other records still refer to it.
  virtual Status Delete(const T& probe) = 0;
};

}  // namespace vangnet
