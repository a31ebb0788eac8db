// The unified-diff writer against `git apply`: for any two texts (split from the input at the
// position its first two bytes give), the diff of before -> after, applied by git to a file
// holding `before`, gives exactly `after`. NUL bytes are replaced (git treats them as binary).
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "fuzz/fuzz_util.h"
#include "scanner/core/unified_diff.h"

extern char** environ;

namespace {

const std::string& WorkDir() {
  static const std::string dir = [] {
    std::string tmpl = "/tmp/authshift-diff-fuzz-XXXXXX";
    authshift::fuzz::Check(mkdtemp(tmpl.data()) != nullptr, "a temporary directory");
    return tmpl;
  }();
  return dir;
}

void WriteFile(const std::string& path, std::string_view bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  authshift::fuzz::Check(static_cast<bool>(f), "writing a temporary file");
}

std::string ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

// `git apply --whitespace=nowarn p.diff` in WorkDir() (with --unidiff-zero for a diff without
// context lines, which git otherwise refuses by design), output discarded; its exit status.
int GitApply(bool zero_context) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  std::string dir = WorkDir();
  char* argv[] = {const_cast<char*>("git"),
                  const_cast<char*>("-C"),
                  dir.data(),
                  const_cast<char*>("apply"),
                  const_cast<char*>("--whitespace=nowarn"),
                  const_cast<char*>(zero_context ? "--unidiff-zero" : "--verbose"),
                  const_cast<char*>("p.diff"),
                  nullptr};
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, "git", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  authshift::fuzz::Check(rc == 0, "git can be started");
  int status = 0;
  // libFuzzer's timer signal interrupts waitpid: without the retry the harness read f.txt while git
  // was still writing it (two "git apply gives exactly the new text" reports that never reproduced).
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace authshift;
  if (size < 2 || size > 8192) return 0;
  std::string body(reinterpret_cast<const char*>(data + 2), size - 2);
  for (char& c : body) {
    if (c == '\0') c = '@';
  }
  std::string before;
  std::string after;
  if ((data[0] & 1) != 0) {
    // Two unrelated texts: the input cut where its first two bytes say.
    size_t cut = (static_cast<size_t>(data[0]) | static_cast<size_t>(data[1]) << 8) % (body.size() + 1);
    before = body.substr(0, cut);
    after = body.substr(cut);
  } else {
    // An edited text: each line of the input is kept, dropped, doubled or changed, as a hash of
    // its index and the second byte says (a fix's kind of change).
    before = body;
    size_t pos = 0;
    for (uint32_t i = 0; pos < body.size(); ++i) {
      size_t nl = body.find('\n', pos);
      size_t end = nl == std::string::npos ? body.size() : nl + 1;
      std::string line = body.substr(pos, end - pos);
      uint32_t h = (i * 2654435761U) ^ (data[1] * 40503U);
      switch ((h >> 13) % 5) {
        case 0: break;                                   // dropped
        case 1: after += line + line; break;             // doubled
        case 2: after += "+" + line; break;              // changed
        default: after += line; break;                   // kept
      }
      pos = end;
    }
  }
  int context = data[0] % 4;
  std::string diff = core::UnifiedDiff("f.txt", before, after, context);
  fuzz::Check(diff.empty() == (before == after), "a diff exactly when the texts differ");
  if (diff.empty()) return 0;
  WriteFile(WorkDir() + "/f.txt", before);
  WriteFile(WorkDir() + "/p.diff", diff);
  fuzz::Check(GitApply(context == 0) == 0, "git apply accepts the diff");
  const std::string applied = ReadFile(WorkDir() + "/f.txt");
  if (applied != after) {
    // Say what differed, for the log.
    size_t at = 0;
    while (at < applied.size() && at < after.size() && applied[at] == after[at]) ++at;
    std::fprintf(stderr, "context %d; before %zu bytes, after %zu, applied %zu, first difference at %zu\n--- diff\n%s\n",
                 context, before.size(), after.size(), applied.size(), at, diff.c_str());
  }
  fuzz::Check(applied == after, "git apply gives exactly the new text");
  return 0;
}
