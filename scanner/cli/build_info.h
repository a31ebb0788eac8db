#pragma once
// What this binary was built from. The definition is generated at every build by
// cmake/build_info.cmake (rewritten only when the commit changes, so it costs no rebuild otherwise).
#include <string_view>

namespace authshift::cli {

// The release version: CMake's project(VERSION) (defined in the generated build_info.cc).
extern const char* const kVersion;

// The source commit: 12 hex digits, "-dirty" appended when tracked files differed from it, or
// "unknown" when the source was not a git checkout (a source tarball without -DAUTHSHIFT_GIT_COMMIT).
std::string_view BuildCommit();

}  // namespace authshift::cli
