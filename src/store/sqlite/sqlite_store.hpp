// The embedded default store: one SQLite file in WAL mode.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/audit_anchors.hpp"
#include "store/secret_keys.hpp"
#include "store/sqlite/sqlite_connection.hpp"
#include "store/store.hpp"

namespace vangnet::sqlite {

class SqliteStore final : public Store {
 public:
  SqliteStore(std::string path, const Clock& clock, SecretKeys keys)
      : path_(std::move(path)),
        clock_(clock),
        keys_(std::move(keys)),
        anchors_(AuditAnchors::PathFor(path_), keys_.audit()) {}
  const Clock& clock() const override { return clock_; }
  const SecretKeys& keys() const override { return keys_; }
  const AuditAnchors& anchors() const { return anchors_; }
  Result<int> Migrate() override;
  Result<std::unique_ptr<UnitOfWork>> Begin(const Actor& actor) override;
  Result<std::unique_ptr<UnitOfWork>> BeginRead(const Actor& actor) override;

  // Connections are reused: opening one (file, WAL and pragma set-up) costs more than most
  // requests' own work. A unit of work hands its connection back when it ends.
  void Release(Connection connection);

 private:
  Result<std::unique_ptr<UnitOfWork>> Open(const Actor& actor, bool write);
  Result<Connection> Acquire();

  static constexpr std::size_t kMaxIdleConnections = 16;
  std::string path_;
  const Clock& clock_;
  SecretKeys keys_;
  AuditAnchors anchors_;
  std::mutex pool_mutex_;
  std::vector<Connection> idle_;
};

}  // namespace vangnet::sqlite
