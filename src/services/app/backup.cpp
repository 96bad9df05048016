#include "services/app/backup.hpp"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "io/run_program.hpp"
#include "io/sealed_file.hpp"
#include "services/audit/audit_service.hpp"
#include "store/audit_anchors.hpp"
#include "store/store.hpp"

namespace vangnet {

namespace {

namespace fs = std::filesystem;

// A folder only its owner can enter, beside `near` (same file system, so nothing personal
// passes through /tmp), removed with everything in it when this goes.
class PrivateFolder {
 public:
  static Result<PrivateFolder> Beside(const std::string& near) {
    fs::path parent = fs::path(near).parent_path();
    std::string pattern = (parent.empty() ? fs::path(".") : parent) / ".vangnet-XXXXXX";
    if (!::mkdtemp(pattern.data())) {
      return Error::Io(parent.string(), "tijdelijke map kan niet worden gemaakt");
    }
    return PrivateFolder(pattern);  // mkdtemp makes it 0700
  }
  PrivateFolder(PrivateFolder&& other) noexcept : path_(std::move(other.path_)) {
    other.path_.clear();
  }
  ~PrivateFolder() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }
  std::string File(const std::string& name) const { return (fs::path(path_) / name).string(); }

 private:
  explicit PrivateFolder(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

SealKey BackupKey(const SecretKeys& keys) {
  SealKey key;
  std::copy(keys.backup().begin(), keys.backup().end(), key.begin());
  return key;
}

// What a failed restore made is removed again, so nothing starts on half a database.
class Undo {
 public:
  void Remove(std::string path) { paths_.push_back(std::move(path)); }
  void Keep() { paths_.clear(); }
  ~Undo() {
    std::error_code ignored;
    for (const auto& p : paths_) fs::remove(p, ignored);
  }

 private:
  std::vector<std::string> paths_;
};

}  // namespace

Status BackupDatabase(const std::string& address, const std::string& out) {
  if (fs::exists(out)) {
    return Error::Validation("out", "het bestand " + out + " bestaat al; kies een nieuwe naam");
  }
  const bool postgres = IsPostgresAddress(address);
  if (!postgres && !fs::exists(address)) return Error::Io(address, "de database bestaat niet");
  const std::string base = LocalFileBase(address);
  auto keys = SecretKeys::Load(SecretKeys::PathFor(base));
  if (!keys) return keys.error();
  // The chain's head is checkpointed first and the checkpoint file taken as it is now: every
  // checkpoint in it is then inside the snapshot below, so the restored copy verifies against
  // them (README "Backups").
  {
    auto store = OpenStore(address);
    if (!store) return store.error();
    if (auto s = AuditService(*store.value()).Checkpoint(); !s) return s;
  }
  const std::string anchors = ReadAll(AuditAnchors::PathFor(base));
  auto folder = PrivateFolder::Beside(out);
  if (!folder) return folder.error();
  const std::string plain = folder.value().File("database");
  if (!postgres) {
    if (auto s = BackupSqliteFile(address, plain); !s) return s;
  } else if (auto s = RunProgram({"pg_dump", "--format=custom", "--no-owner", "--file", plain,
                                  "--dbname", address});
             !s) {
    return s;
  }
  const nlohmann::json metadata{{"kind", "vangnet-backup"},
                                {"format", postgres ? "pg_dump" : "sqlite"},
                                {"anchors", anchors}};
  return SealFile(plain, out, metadata.dump(), BackupKey(keys.value()));
}

Status RestoreDatabase(const std::string& backup, const std::string& address,
                       const std::string& key_file, const Clock& clock) {
  if (!fs::exists(backup)) return Error::Io(backup, "de reservekopie bestaat niet");
  const bool postgres = IsPostgresAddress(address);
  if (!postgres && fs::exists(address)) {
    return Error::Validation("db", "de database " + address +
                                       " bestaat al; zet een reservekopie terug in een nieuw "
                                       "bestand");
  }
  // The key and the backup are checked against each other before anything is made.
  auto keys = SecretKeys::Load(key_file);
  if (!keys) return keys.error();
  if (!LooksSealed(backup)) {
    return Error::Validation("from", backup + " is geen versleutelde reservekopie van vangnet "
                                              "(vangnet backup maakt die)");
  }
  auto metadata_text = SealedMetadata(backup, BackupKey(keys.value()));
  if (!metadata_text) return metadata_text.error();
  const auto metadata = nlohmann::json::parse(metadata_text.value(), nullptr, false);
  const std::string format = metadata.is_object() ? metadata.value("format", "") : "";
  if (format != (postgres ? "pg_dump" : "sqlite")) {
    return Error::Validation("db", "deze reservekopie is van een " +
                                       std::string(format == "pg_dump" ? "PostgreSQL" : "SQLite") +
                                       "-database; zet haar terug in dezelfde soort");
  }
  Undo undo;
  const std::string base = LocalFileBase(address);
  const std::string key_path = SecretKeys::PathFor(base);
  if (!fs::exists(key_path)) undo.Remove(key_path);
  if (auto s = SecretKeys::Share(key_file, key_path); !s) return s;
  auto folder = PrivateFolder::Beside(postgres ? key_path : address);
  if (!folder) return folder.error();
  const std::string plain = folder.value().File("database");
  if (auto s = OpenSealedFile(backup, plain, BackupKey(keys.value())); !s) return s;
  if (!postgres) {
    undo.Remove(address);
    undo.Remove(address + "-wal");
    undo.Remove(address + "-shm");
    std::error_code ec;
    fs::rename(plain, address, ec);
    if (ec) return Error::Io(address, "kan niet worden geschreven: " + ec.message());
  } else if (auto s = RunProgram({"pg_restore", "--no-owner", "--exit-on-error",
                                  "--single-transaction", "--dbname", address, plain});
             !s) {
    return s;
  }
  // The checkpoints that came with the backup, for the restored database's own file.
  const std::string anchors_path = AuditAnchors::PathFor(base);
  const std::string anchors = metadata.value("anchors", "");
  if (!anchors.empty() && !fs::exists(anchors_path)) {
    if (auto s = WritePrivateFile(anchors_path, anchors); !s) return s;
    undo.Remove(anchors_path);
  }
  {
    auto store = OpenStore(address, clock);
    if (!store) return store.error();
    auto uow = store.value()->BeginRead(Actor{"", "", "cli", "reservekopie controleren"});
    if (!uow) return uow.error();
    if (auto problem = uow.value()->Audit().CheckpointFileProblem()) {
      return Error::Validation("audit", "de teruggezette database: " + *problem);
    }
    if (auto broken = uow.value()->Audit().FirstBrokenLink()) {
      return Error::Validation("audit",
                               "de auditketen van de teruggezette database is gebroken bij "
                               "gebeurtenis " +
                                   std::to_string(*broken));
    }
  }
  undo.Keep();
  return Ok{};
}

}  // namespace vangnet
