#pragma once
// `authshift scan` and `authshift fix`: one pipeline (options -> git view -> scan -> filters ->
// report or fixes), told apart by `fix_mode`. Every message names the command that ran.
#include <string>
#include <vector>

#include "scanner/cli/args.h"
#include "scanner/cli/run_main.h"

namespace authshift::cli {

// argv[0] is the command name ("scan" or "fix", as `fix_mode` says).
int RunScanOrFix(const std::vector<std::string>& argv, Io& io, bool fix_mode);

}  // namespace authshift::cli
