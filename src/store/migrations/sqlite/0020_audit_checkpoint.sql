-- How many checkpoints of the audit chain each checkpoint file holds, and the MAC of the last
-- one (README "Audit chain and checkpoints"): the file and the database each witness the
-- other, so a deleted, emptied, shortened or rolled-back file fails `vangnet audit verify`
-- instead of looking like a database that never checkpointed.
CREATE TABLE audit_checkpoint (
  anchor_file TEXT PRIMARY KEY,
  checkpoints INTEGER NOT NULL,
  last_mac TEXT NOT NULL
);
