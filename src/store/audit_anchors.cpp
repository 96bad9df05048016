#include "store/audit_anchors.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "core/text.hpp"

namespace vangnet {

namespace {
// "count<TAB>last_id<TAB>hash<TAB>at": what the MAC covers.
std::string Payload(const AuditHead& head, const std::string& at) {
  return std::to_string(head.count) + "\t" + std::to_string(head.last_id) + "\t" + head.hash +
         "\t" + at;
}
}  // namespace

AuditAnchors::AuditAnchors(std::string path, SecretKey key) : path_(std::move(path)), key_(key) {
  if (const char* mirror = std::getenv("VANGNET_AUDIT_ANCHOR_MIRROR"); mirror && *mirror) {
    if (mirror != path_) mirror_ = mirror;
  }
}

std::vector<std::string> AuditAnchors::files() const {
  if (mirror_.empty()) return {path_};
  return {path_, mirror_};
}

std::string AuditAnchors::PathFor(const std::string& db_path) {
  if (const char* file = std::getenv("VANGNET_AUDIT_ANCHOR_FILE"); file && *file) return file;
  return db_path + ".audit-anchors";
}

std::string AuditAnchors::Line(const AuditHead& head, const std::string& at) const {
  const std::string payload = Payload(head, at);
  return payload + "\t" + Blake2bKeyedHex(payload, key_) + "\n";
}

std::optional<std::pair<AuditHead, std::string>> AuditAnchors::Parse(
    const std::string& line) const {
  std::vector<std::string> parts;
  std::stringstream fields(line);
  for (std::string part; std::getline(fields, part, '\t');) parts.push_back(part);
  if (parts.size() != 5) return std::nullopt;
  auto count = ParseInteger(parts[0]);
  auto last = ParseInteger(parts[1]);
  if (!count || !last) return std::nullopt;
  AuditHead head{*count, *last, parts[2]};
  if (Blake2bKeyedHex(Payload(head, parts[3]), key_) != parts[4]) return std::nullopt;
  return std::pair{std::move(head), line + "\n"};
}

Result<std::string> AuditAnchors::Append(const AuditHead& head, const std::string& at,
                                         bool* appended) const {
  if (appended) *appended = false;
  if (head.count == 0) return std::string();
  // Only the last line matters here: the file grows with every checkpoint, and this runs on
  // every scheduler tick.
  std::string last;
  if (std::ifstream in(path_, std::ios::binary | std::ios::ate); in) {
    const std::streamoff size = in.tellg();
    const std::streamoff from = std::max<std::streamoff>(0, size - 1024);
    in.seekg(from);
    std::string tail(static_cast<std::size_t>(size - from), '\0');
    in.read(tail.data(), static_cast<std::streamsize>(tail.size()));
    while (!tail.empty() && tail.back() == '\n') tail.pop_back();
    last = tail.substr(tail.rfind('\n') == std::string::npos ? 0 : tail.rfind('\n') + 1);
  }
  if (auto previous = Parse(last); previous && previous->first == head) return previous->second;
  const std::string line = Line(head, at);
  for (const auto& file : files()) {
    const mode_t old_mask = umask(077);
    std::ofstream out(file, std::ios::app);
    umask(old_mask);
    out << line;
    out.flush();
    if (!out) return Error::Io(file, "controlepunt van het auditlog kon niet worden geschreven");
  }
  if (appended) *appended = true;
  return line;
}

Result<std::vector<std::string>> AuditAnchors::Macs(const std::string& file) const {
  auto heads = ReadFile(file);  // every line's MAC checked
  if (!heads) return heads.error();
  std::vector<std::string> macs;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    macs.push_back(line.substr(line.rfind('\t') + 1));
  }
  return macs;
}

Result<std::vector<AuditHead>> AuditAnchors::Read() const {
  return ReadFile(path_);
}

Result<std::vector<AuditHead>> AuditAnchors::ReadFile(const std::string& file) const {
  std::vector<AuditHead> heads;
  std::ifstream in(file);
  if (!in) return heads;  // no checkpoint written yet
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    auto parsed = Parse(line);
    if (!parsed) {
      return Error{ErrorKind::kValidation,
                   "controlepunt klopt niet met de sleutel (vervalst of beschadigd)", file, number,
                   "mac"};
    }
    heads.push_back(std::move(parsed->first));
  }
  return heads;
}

}  // namespace vangnet
