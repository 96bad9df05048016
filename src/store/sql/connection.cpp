#include "store/sql/connection.hpp"

namespace vangnet::sql {

Error StoreError(Connection& db) {
  if (IsConstraint(db.LastFailure())) {
    return Error::NotFound({}, std::string("verwijzing bestaat niet: ") + db.LastError());
  }
  return Error::Internal(db.LastError());
}

}  // namespace vangnet::sql
