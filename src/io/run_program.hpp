// Running another program (pg_dump, pg_restore) with its arguments as a list: no shell, so no
// argument is ever interpreted. Its standard error is kept for the message when it fails.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"

namespace vangnet {

// Runs argv[0] (looked up in PATH) and waits. Ok when it exited with 0; else an Io error naming
// the program, with the last lines of its standard error.
Status RunProgram(const std::vector<std::string>& argv);

}  // namespace vangnet
