// Checkpoints of the audit chain's head, kept outside the database. Recomputing the chain finds
// an edited row, but not a cut tail or a chain rewritten from scratch by someone who can write
// the database. Each checkpoint (count, last id, head hash) goes into an append-only file, every
// line with a MAC under the audit key from the key file, so the checkpoints cannot be forged
// without that key either; verification then demands that every checkpoint is still in the
// chain. By default the file lies beside the database (`<db>.audit-anchors`); put it elsewhere
// with VANGNET_AUDIT_ANCHOR_FILE, ideally on storage the database's editor cannot write
// (`chattr +a`, another host). The nightly offline bundle carries a copy of the latest one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "store/secret_keys.hpp"

namespace vangnet {

struct AuditHead {
  std::int64_t count = 0;    // events in the chain
  std::int64_t last_id = 0;  // the newest event's id
  std::string hash;          // its hash
  bool operator==(const AuditHead&) const = default;
};

class AuditAnchors {
 public:
  // The second destination, VANGNET_AUDIT_ANCHOR_MIRROR when set (a file on another host's
  // storage, an append-only mount): every checkpoint goes to both, and each is counted.
  AuditAnchors(std::string path, SecretKey key);
  // VANGNET_AUDIT_ANCHOR_FILE when set, else `<db_path>.audit-anchors`.
  static std::string PathFor(const std::string& db_path);

  // Appends `head` (stamped `at`) unless it equals the last checkpoint; returns the checkpoint
  // line (with its MAC) for `head`, which the offline bundle keeps. An empty chain has nothing
  // to anchor (empty line).
  // `appended` (when given) says whether a new line was written.
  Result<std::string> Append(const AuditHead& head, const std::string& at,
                             bool* appended = nullptr) const;
  // The MAC of every checkpoint line of `file` (the checkpoint file or its mirror), oldest first,
  // each line checked with the key.
  Result<std::vector<std::string>> Macs(const std::string& file) const;
  // The checkpoint file and, when set, its mirror.
  std::vector<std::string> files() const;
  // Every checkpoint, oldest first; an error names the line whose MAC does not match.
  Result<std::vector<AuditHead>> Read() const;
  const std::string& path() const { return path_; }

 private:
  std::string Line(const AuditHead& head, const std::string& at) const;
  // A checkpoint line back into its head (and the line), when its MAC matches.
  std::optional<std::pair<AuditHead, std::string>> Parse(const std::string& line) const;

  Result<std::vector<AuditHead>> ReadFile(const std::string& file) const;

  std::string path_;
  std::string mirror_;
  SecretKey key_;
};

}  // namespace vangnet
