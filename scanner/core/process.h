#pragma once
// Runs a program without a shell (posix_spawnp: argv[0] found on PATH), feeding its stdin from
// memory and reading stdout and stderr together (poll), so neither side can block the other.
// The one place this program starts another: every git call goes through it (git.h).
// With non-empty input not thread-safe: SIGPIPE is ignored in this process while the child's stdin
// is written. Without input, safe to call from several threads.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace authshift::core {

// An owned file descriptor, closed when it goes (or by Close); -1 when none.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() { Close(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int Get() const { return fd_; }
  void Close();

 private:
  int fd_;
};

struct ProcessResult {
  bool spawned = false;  // the program could be started
  int spawn_error = 0;   // errno-style code when !spawned
  int status = -1;       // exit code; -1 when killed by a signal or not started
  std::string err;       // everything it wrote to stderr
};

// Runs `argv` with the environment `env` ("NAME=value" entries), writing `input` to its stdin and
// then closing it (empty: stdin is at end of file at once). `on_out` receives stdout as it arrives.
// The child starts with an empty signal mask and SIGPIPE at its default action.
ProcessResult RunProcess(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                         const std::string& input, const std::function<void(const char*, size_t)>& on_out);

}  // namespace authshift::core
