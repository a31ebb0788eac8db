#pragma once
// The whole CLI as a function, so tests run it in-process. `main` is one line around it.
// Exit codes: 0 nothing at or above --fail-on, 1 findings (or failed fixtures), 2 usage, config
// or rule errors. Never throws.
#include <ostream>
#include <string>
#include <vector>

#include "scanner/cli/build_info.h"  // kVersion

namespace authshift::cli {

struct Io {
  std::ostream& out;
  std::ostream& err;
  bool out_is_tty = false;  // colour decisions (NO_COLOR always wins)
};

int RunMain(const std::vector<std::string>& args, Io io);

}  // namespace authshift::cli
