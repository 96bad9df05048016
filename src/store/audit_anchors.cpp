#include "store/audit_anchors.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/text.hpp"

namespace vangnet {

namespace {
// "count<TAB>last_id<TAB>hash<TAB>at": what the MAC covers.
std::string Payload(const AuditHead& head, const std::string& at) {
  return std::to_string(head.count) + "\t" + std::to_string(head.last_id) + "\t" + head.hash +
         "\t" + at;
}
}  // namespace

std::string AuditAnchors::PathFor(const std::string& db_path) {
  if (const char* file = std::getenv("VANGNET_AUDIT_ANCHOR_FILE"); file && *file) return file;
  return db_path + ".audit-anchors";
}

std::string AuditAnchors::Line(const AuditHead& head, const std::string& at) const {
  const std::string payload = Payload(head, at);
  return payload + "\t" + Blake2bKeyedHex(payload, key_) + "\n";
}

Status AuditAnchors::Append(const AuditHead& head, const std::string& at) const {
  if (head.count == 0) return Ok{};
  auto existing = Read();
  if (existing && !existing.value().empty() && existing.value().back() == head) return Ok{};
  const mode_t old_mask = umask(077);
  std::ofstream out(path_, std::ios::app);
  umask(old_mask);
  out << Line(head, at);
  out.flush();
  if (!out) return Error::Io(path_, "controlepunt van het auditlog kon niet worden geschreven");
  return Ok{};
}

Result<std::vector<AuditHead>> AuditAnchors::Read() const {
  std::vector<AuditHead> heads;
  std::ifstream in(path_);
  if (!in) return heads;  // no checkpoint written yet
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    std::vector<std::string> parts;
    std::stringstream fields(line);
    for (std::string part; std::getline(fields, part, '\t');) parts.push_back(part);
    const auto fail = [&] {
      return Error{ErrorKind::kValidation,
                   "controlepunt klopt niet met de sleutel (vervalst of beschadigd)", path_,
                   static_cast<std::size_t>(number), "mac"};
    };
    if (parts.size() != 5) return fail();
    AuditHead head;
    auto count = ParseInteger(parts[0]);
    auto last = ParseInteger(parts[1]);
    if (!count || !last) return fail();
    head.count = *count;
    head.last_id = *last;
    head.hash = parts[2];
    if (Blake2bKeyedHex(Payload(head, parts[3]), key_) != parts[4]) return fail();
    heads.push_back(std::move(head));
  }
  return heads;
}

}  // namespace vangnet
