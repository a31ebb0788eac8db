#pragma once
// Everything this program asks git, in one place: the files of a work tree (the walk), the prefix
// of a directory in its repository (report paths), the hooks directory (`install-hook`), and what
// `scan --staged` and `--diff-base REV` need — the repository of a directory, the staged files and
// their blobs (one `git cat-file --batch` for all of them), a revision, and the lines a diff adds.
// git runs without a shell (process.h: posix_spawn, found on PATH), with stdin fed from memory and
// `--no-optional-locks -c core.fsmonitor=false -c core.quotepath=off`: repository configuration
// never runs a program or takes a lock.
//
// The environment variables that point git at a repository (kGitRepositoryVars) are handled one of
// two ways, chosen per call (GitEnv):
// - kIgnoreCaller (the walk, the prefix, install-hook): dropped, so git answers about the directory
//   asked, whatever the environment says.
// - kFollowCaller (staged content and changed lines): kept, because git sets GIT_INDEX_FILE for a
//   pre-commit hook (a temporary index for `git commit -a` or `git commit PATH`) and the staged
//   content is that index. Relative paths among them are made absolute first, because git runs
//   with `-C DIR`; when GIT_DIR is set, git runs in our working directory instead (git takes it as
//   the top of the work tree when GIT_WORK_TREE is unset).
//
// Functions return false with a one-line message in `*error` (git's own stderr line included when
// there is one); they never throw for git failures. Not thread-safe with respect to the process
// environment (reads it); otherwise stateless.
#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace authshift::core {

// The variables that point git at another repository, index or object store than the directory
// asked about; path-valued ones are made absolute under kFollowCaller (GIT_NAMESPACE is not a path;
// GIT_ALTERNATE_OBJECT_DIRECTORIES is a ':'-separated list of paths).
inline constexpr std::array<std::string_view, 7> kGitRepositoryVars = {
    "GIT_DIR",        "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR",
    "GIT_NAMESPACE",  "GIT_ALTERNATE_OBJECT_DIRECTORIES",
};

enum class GitEnv {
  kIgnoreCaller,  // drop kGitRepositoryVars: git answers about the directory given
  kFollowCaller,  // keep them (paths made absolute): a hook's GIT_INDEX_FILE is the staged content
};

// The environment git runs with, from this process's environment ("NAME=value" entries).
std::vector<std::string> GitEnvironment(GitEnv mode);

struct GitOutput {
  bool spawned = false;  // git could be started
  int spawn_error = 0;   // errno-style code when !spawned
  int status = -1;       // exit code; -1 when killed by a signal or not started
  std::string out;
  std::string err;
};

// Runs `git --no-optional-locks -c core.fsmonitor=false -c core.quotepath=off -C DIR ARGS...`,
// writing `input` to its stdin (then closing it) while reading stdout and stderr. When !spawned,
// `err` says why ("cannot run git: …").
GitOutput RunGitIn(const std::string& dir, const std::vector<std::string>& args, GitEnv env,
                   const std::string& input = "");

// ---- the work tree of a directory (kIgnoreCaller) -----------------------------------------------

// Whether `dir` is inside a git work tree (false also when git cannot run).
bool GitInsideWorkTree(const std::string& dir);

// The files git would consider in `dir`, relative to it: tracked plus untracked-but-not-ignored
// (`git ls-files --cached --others --exclude-standard`). False when git fails.
bool GitListFiles(const std::string& dir, std::vector<std::string>* paths);

// `dir`'s path relative to the top of its git work tree ("" at the top), with a trailing '/':
// prefixed to report paths so `git apply` and code scanning accept them from the repository root.
// "" outside a work tree.
std::string GitPrefix(const std::string& dir);

// The absolute hooks directory of the repository `repo` is in (`git rev-parse --path-format=absolute
// --git-path hooks`: honours core.hooksPath, and in a linked worktree is the common one).
bool GitHooksDir(const std::string& repo, std::string* dir, std::string* error);

// ---- staged content and changed lines (kFollowCaller) --------------------------------------------

// The absolute top of the work tree `dir` is in (symlinks resolved, as git prints it).
bool GitTopLevel(const std::string& dir, std::string* top, std::string* error);

// The commit `rev` names, as a full object id. A bad revision is an error naming it.
bool GitResolveCommit(const std::string& dir, const std::string& rev, std::string* oid, std::string* error);

// One file that the next commit adds, copies, modifies or renames (new side).
struct StagedEntry {
  std::string path;  // relative to the top of the work tree, '/'-separated, unquoted
  std::string mode;  // "100644", "100755", "120000" (symlink), "160000" (submodule)
  std::string oid;   // the staged blob
};

// `git diff --cached --raw -z --diff-filter=ACMR [BASE] -- PATHSPECS` from `dir`: the staged files
// (against HEAD, or against `base` when it is not empty), restricted to `pathspecs` (taken
// literally; absolute paths are fine). Sorted by path.
bool GitStagedFiles(const std::string& dir, const std::string& base, const std::vector<std::string>& pathspecs,
                    std::vector<StagedEntry>* out, std::string* error);

// A blob read back from git: its size, and its bytes unless it was larger than the limit.
struct Blob {
  bool missing = false;
  uint64_t size = 0;
  bool too_large = false;  // size > max_size: `bytes` left empty (never held in memory)
  std::string bytes;
};

// Reads the blobs `oids` with one `git cat-file --batch` process; (*out)[i] is oids[i].
bool GitReadBlobs(const std::string& dir, const std::vector<std::string>& oids, uint64_t max_size,
                  std::vector<Blob>* out, std::string* error);

// Inclusive 1-based line ranges of the new side that a diff adds or modifies.
using LineRanges = std::vector<std::pair<uint32_t, uint32_t>>;

// `git diff -U0 -M BASE [--cached]` from `dir`: the lines of the work tree (or, with `cached`, of
// the index) added or modified since `base`, by path relative to the top of the work tree. Files
// not changed, deleted, renamed without changes or binary have no entry (or an empty one).
bool GitChangedLines(const std::string& dir, const std::string& base, bool cached,
                     std::map<std::string, LineRanges>* out, std::string* error);

// Untracked files that are not ignored (`git ls-files --others --exclude-standard`), relative to
// the top of the work tree.
bool GitUntrackedFiles(const std::string& dir, std::set<std::string>* out, std::string* error);

// Parses the output of `git diff -U0` (exposed for tests): added lines per new-side path, with
// git's prefix "b/" removed and C-style quoted names unquoted.
std::map<std::string, LineRanges> ParseUnifiedZeroDiff(const std::string& diff);

// Whether line `line` (or any line of [first, last]) is in `ranges` (sorted or not).
bool LinesTouch(const LineRanges& ranges, uint32_t first, uint32_t last);

}  // namespace authshift::core
