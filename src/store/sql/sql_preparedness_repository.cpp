#include "store/sql/sql_preparedness_repository.hpp"

#include "store/sql/rows.hpp"

namespace vangnet::sql {

Result<PreparednessCompletion> SqlPreparednessRepository::Add(
    const PreparednessCompletion& completion) {
  Statement s(db_,
              "INSERT INTO preparedness_completion (rule_id, practice_agb, done_on, done_by, "
              "evidence, recorded_by, recorded_at) VALUES (?,?,?,?,?,?,?) RETURNING id");
  Bind(s, completion.rule_id, completion.practice_agb, completion.done_on, completion.done_by,
       completion.evidence, completion.recorded_by, completion.recorded_at);
  if (s.Step() != kRow) return StoreError(db_);
  PreparednessCompletion stored = completion;
  stored.id = s.Int(0);
  return stored;
}

std::vector<PreparednessCompletion> SqlPreparednessRepository::All() {
  std::vector<PreparednessCompletion> all;
  Statement s(db_,
              "SELECT id, rule_id, practice_agb, done_on, done_by, evidence, recorded_by, "
              "recorded_at FROM preparedness_completion ORDER BY done_on, id");
  while (s.Step() == kRow) {
    all.push_back(
        {s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5), s.Text(6), s.Text(7)});
  }
  return all;
}

}  // namespace vangnet::sql
