// The server's watch on its database (see sql::SqlStore::WatchDatabase): a database server
// that hangs is noticed within a second, requests are answered 503 at once while it does, and
// work goes on when it (or its promoted standby) answers again. The command line does without.
#pragma once

#include "store/store.hpp"

namespace vangnet {

void WatchDatabase(Store& store);

}  // namespace vangnet
