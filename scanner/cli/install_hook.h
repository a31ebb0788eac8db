#pragma once
// `authshift install-hook`: writes a native git pre-commit hook that scans the staged files.
//
// The hook goes where git looks for hooks — `git rev-parse --path-format=absolute --git-path hooks`,
// which honours `core.hooksPath` and, in a linked worktree, resolves to the common hooks directory
// shared by every worktree. The file carries the marker line `# installed by authshift install-hook`;
// an existing `pre-commit` without it is somebody else's hook and is only replaced with `--force`.
// The hook runs `authshift scan --staged`: the staged blobs of the added, copied, modified and
// renamed files (what the commit will hold, not the work tree), from the index git names in
// GIT_INDEX_FILE; nothing staged is a clean scan (exit 0).
#include <ostream>
#include <string>
#include <vector>

namespace authshift::cli {

// argv[0] == "install-hook". Options: --force, --path DIR (the repository; default: the current
// directory), --binary PATH (what the hook runs; default: this executable's absolute path from
// /proc/self/exe, else `authshift` from PATH). `--opt=value` works too.
// Exit codes: 0 written (one line on `out`), 2 usage error, not a git repository, a foreign hook
// without --force, or a write error (a message on `err`). Never throws for these.
int RunInstallHook(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err);

// The hook script for `binary` (exposed for tests).
std::string PreCommitHookScript(const std::string& binary);

inline constexpr const char* kInstallHookMarker = "# installed by authshift install-hook";

}  // namespace authshift::cli
