#pragma once
// Helpers shared by the two walks (walk.cc: the listing; walk_parallel.cc: the streaming one). Not
// part of the public interface: include walk.h or walk_parallel.h instead.
#include <sys/stat.h>
#include <sys/types.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "scanner/core/walk.h"

namespace authshift::core {

// strerror text of `err`.
std::string ErrnoText(int err);
// One of the default excludes (walk.h: DefaultExcludes).
bool IsExcludedName(std::string_view name);
// realpath(3) into a std::string; false (errno set) on failure.
bool RealPath(const std::string& path, std::string* out);
// The current directory, symlinks resolved ("." when that fails).
std::string CurrentDir();
// `path` (absolute, symlinks resolved) relative to `root`; false when it is not under it.
bool RelativeTo(const std::string& path, const std::string& root, std::string* rel);
// `dir` + '/' + `name` (one slash).
std::string JoinPath(const std::string& dir, std::string_view name);
std::string StripTrailingSlashes(std::string s);
// How a skipped special file is described ("fifo", "socket", ...).
const char* SpecialKind(mode_t mode);
// st_size, never negative.
uint64_t SizeOf(const struct stat& st);
// A directory entry that is neither a directory nor a regular file (lstat's `mode`): a symlink
// (never followed: kSymlink inside `root`, kSymlinkOutsideTree, kBrokenSymlink) or a special file.
SkippedFile ClassifyNonRegular(const std::string& abs, std::string rel, mode_t mode, const std::string& root);

}  // namespace authshift::core
