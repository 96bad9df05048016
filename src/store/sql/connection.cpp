#include "store/sql/connection.hpp"

namespace vangnet::sql {

Error StoreError(Connection& db) {
  // The connection went during the action: its transaction is gone with it, nothing was saved.
  if (db.Lost()) {
    return Error{ErrorKind::kUnavailable,
                 "de verbinding met de database viel weg; er is niets opgeslagen, probeer het "
                 "opnieuw"};
  }
  if (IsConstraint(db.LastFailure())) {
    return Error::NotFound({}, std::string("verwijzing bestaat niet: ") + db.LastError());
  }
  return Error::Internal(db.LastError());
}

}  // namespace vangnet::sql
