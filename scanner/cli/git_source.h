#pragma once
// What `scan --staged` and `--diff-base REV` ask git: the repository of a directory, the staged
// files and their blobs (one `git cat-file --batch` for all of them), a revision, and the lines a
// diff adds. git runs without a shell (posix_spawn, found on PATH), with stdin fed from memory.
//
// Unlike the walk, these calls keep the caller's GIT_DIR / GIT_WORK_TREE / GIT_INDEX_FILE: git
// sets GIT_INDEX_FILE for a pre-commit hook (a temporary index for `git commit -a` or
// `git commit PATH`), and the staged content is that index. Relative values are made absolute
// first, because git runs with `-C DIR`.
//
// Functions return false with a one-line message in `*error` (git's own stderr line included when
// there is one); they never throw for git failures. Not thread-safe with respect to the process
// environment (reads it); otherwise stateless.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace authshift::cli {

struct GitOutput {
  bool spawned = false;  // git could be started
  int status = -1;       // exit code; -1 when killed by a signal or not started
  std::string out;
  std::string err;
};

// Runs `git --no-optional-locks -c core.fsmonitor=false -c core.quotepath=off -C DIR ARGS...`,
// writing `input` to its stdin (then closing it) while reading stdout and stderr.
GitOutput RunGitIn(const std::string& dir, const std::vector<std::string>& args, const std::string& input = "");

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

}  // namespace authshift::cli
