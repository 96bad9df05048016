#include "store/sqlite/sqlite_preparedness_repository.hpp"

#include "store/sqlite/sqlite_rows.hpp"

namespace vangnet::sqlite {

Result<PreparednessCompletion> SqlitePreparednessRepository::Add(
    const PreparednessCompletion& completion) {
  Statement s(db_,
              "INSERT INTO preparedness_completion (rule_id, practice_agb, done_on, done_by, "
              "evidence, recorded_by, recorded_at) VALUES (?,?,?,?,?,?,?)");
  Bind(s, completion.rule_id, completion.practice_agb, completion.done_on, completion.done_by,
       completion.evidence, completion.recorded_by, completion.recorded_at);
  if (s.Step() != SQLITE_DONE) return StoreError(db_);
  PreparednessCompletion stored = completion;
  stored.id = sqlite3_last_insert_rowid(db_);
  return stored;
}

std::vector<PreparednessCompletion> SqlitePreparednessRepository::All() {
  std::vector<PreparednessCompletion> all;
  Statement s(db_,
              "SELECT id, rule_id, practice_agb, done_on, done_by, evidence, recorded_by, "
              "recorded_at FROM preparedness_completion ORDER BY done_on, id");
  while (s.Step() == SQLITE_ROW) {
    all.push_back(
        {s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5), s.Text(6), s.Text(7)});
  }
  return all;
}

}  // namespace vangnet::sqlite
