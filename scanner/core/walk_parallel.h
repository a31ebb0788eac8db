#pragma once
// The streaming walk: lists one directory argument on several threads and hands each file to the
// caller as soon as it is found, on the thread that found it, so reading and prefiltering start at
// once and the listing is no longer a serial step before the workers (docs/performance.md, "The
// file pipeline").
//
// Same files, same skips, same reported paths as Walk (walk.h) for the same argument: git's listing
// inside a work tree, the plain walk with the default excludes elsewhere. Differences are in the
// cost only: the plain walk takes an entry's type from readdir (d_type) instead of an lstat, a
// file's size check happens when it is read (ReadFound), and files are opened relative
// to their directory's descriptor. Order is not deterministic; callers sort what they keep.
#include <functional>
#include <string>
#include <vector>

#include "scanner/core/walk.h"

namespace authshift::core {

// A file to scan. `dir_fd` and `name` are valid only during the callback that receives it.
struct FoundFile {
  int dir_fd = -1;            // the directory it was listed in (AT_FDCWD: `name` is absolute)
  const char* name = nullptr;
  std::string path;           // as reported: relative to the scan root
};

struct StreamedWalk {
  std::string root;                  // absolute scan root
  std::vector<SkippedFile> skipped;  // found by the listing (symlinks, special files, ...), sorted by path
  std::vector<std::string> errors;   // as Walk's
};

// True when WalkStreaming can take `paths`: none, or exactly one that is a directory. Anything else
// (files, several arguments, a missing path) goes to Walk.
bool CanWalkStreaming(const std::vector<std::string>& paths);

// Walks `paths` (CanWalkStreaming) on `jobs` threads (the calling one included) and calls
// `on_file(worker, file)` for each file to scan, `worker` in [0, jobs). Returns when every call has
// returned. `on_file` must be thread-safe across workers.
StreamedWalk WalkStreaming(const std::vector<std::string>& paths, const WalkOptions& options, unsigned jobs,
                           const std::function<void(unsigned worker, const FoundFile& file)>& on_file);

// Why ReadFound did not return a file's bytes.
enum class ReadOutcome { kOk, kTooLarge, kUnreadable };

// Reads a found file whole into `buffer` (kept for the next file): one open relative to its
// directory, then reads until EOF. Its size is asked (one fstat) only when it fills the buffer or
// exceeds `max_size`: over it, kTooLarge with "N bytes" (st_size) in `detail`; not a regular file
// (swapped since the listing), kUnreadable. kUnreadable carries the strerror text.
ReadOutcome ReadFound(const FoundFile& file, uint64_t max_size, ReadBuffer* buffer, std::string* detail);

}  // namespace authshift::core
