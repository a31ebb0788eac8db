#pragma once
// Which files a scan looks at. Thread-compatible (no shared state); never throws.
//
// - A directory inside a git work tree: what git tracks there plus untracked files that are not
//   ignored (git's own semantics, from `git ls-files --cached --others --exclude-standard`).
// - A directory outside one (or when git is unavailable): a recursive walk that never descends into
//   the default excludes (.git, node_modules, vendor, third_party, build output, ...).
// - A file argument: taken as given (symlinks followed), even if ignored or excluded.
// Files that cannot be scanned are skipped and counted with a reason; nothing here is fatal except
// a path argument that does not exist (reported in `errors`).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace authshift::core {

enum class SkipReason {
  kBinary = 0,          // NUL byte in the first 8 KiB
  kTooLarge,            // over WalkOptions::max_file_size
  kSymlinkOutsideTree,  // a symlink whose target is outside the scan root
  kSymlink,             // a symlink to a file inside the tree (the target is scanned on its path)
  kBrokenSymlink,       // dangling target or a symlink loop
  kSpecialFile,         // FIFO, socket, character or block device
  kUnreadable,          // open() or read() failed
  kBudgetExceeded,      // scanned, but by the text rules only: its parse/IR stage outlasted the
                        // per-file time budget (engine::ScanOptions::file_budget)
  kCount
};
// "binary", "too-large", "symlink-outside-tree", "symlink", "broken-symlink", "special-file",
// "unreadable", "budget-exceeded".
std::string_view SkipReasonName(SkipReason r);

struct WalkOptions {
  uint64_t max_file_size = uint64_t{2} * 1024 * 1024;
  bool use_git = true;  // false: always a plain directory walk
  // true: open each regular file and read its first 8 KiB here (binary and unreadable files are
  // skipped by the walk). false: list regular files without opening them; the caller reads each
  // file once anyway and checks it itself (the scan does, on all cores).
  bool probe_content = true;
};

struct WalkedFile {
  std::string abs_path;  // path to open
  std::string path;      // as reported: relative to the scan root, '/'-separated
  uint64_t size = 0;
};

struct SkippedFile {
  std::string path;
  SkipReason reason;
  std::string detail;  // e.g. strerror text for kUnreadable
};

struct WalkResult {
  std::string root;                  // absolute scan root
  std::vector<WalkedFile> files;     // sorted by path, no duplicates
  std::vector<SkippedFile> skipped;  // sorted by path
  std::vector<std::string> errors;   // e.g. "no such file or directory: foo"
  uint64_t seen = 0;                 // files considered (files.size() + skipped.size())
};

// Directory names the plain walk never descends into (at any depth). Not applied in git mode (git's
// own ignore rules decide there) nor to a directory given explicitly as an argument.
std::span<const std::string_view> DefaultExcludes();

// Scan root: the single directory argument when exactly one directory is given, otherwise the
// current directory. `paths` empty means ".". Absolute, with symlinks resolved (realpath).
// Reported paths are relative to it; a path outside it is reported as given on the command line.
std::string ScanRootFor(const std::vector<std::string>& paths);

// Lists the files to scan. Reading a file's content is not done here except the first 8 KiB for
// the binary check (and a failed open is reported as kUnreadable). Symlinks found while listing a
// directory are never followed (kSymlink / kSymlinkOutsideTree / kBrokenSymlink); directories
// listed by git (submodules, nested repositories) are not descended into. A tracked file missing
// from the work tree is dropped silently.
WalkResult Walk(const std::vector<std::string>& paths, const WalkOptions& options);


// Reads a whole file (not a FIFO or device: those fail). Fails with a strerror message.
bool ReadFile(const std::string& abs_path, std::string* out, std::string* err);

// A read buffer reused across files: grown to the largest file read, never zero-filled.
struct ReadBuffer {
  std::unique_ptr<char[]> data;  // NOLINT(modernize-avoid-c-arrays): uninitialised storage on purpose
  size_t capacity = 0;
  size_t size = 0;  // bytes held
  std::string_view view() const { return {data.get(), size}; }
  // Capacity at least `n`, the bytes held kept.
  void Reserve(size_t n);
};

// True when `data` holds a NUL in its first 8 KiB.
bool LooksBinary(std::string_view data);

}  // namespace authshift::core
