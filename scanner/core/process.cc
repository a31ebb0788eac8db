#include "scanner/core/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>

namespace authshift::core {
void Fd::Close() {
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
}

namespace {

std::vector<char*> Pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

ProcessResult RunProcess(const std::vector<std::string>& argv_in, const std::vector<std::string>& env_in,
                         const std::string& input, const std::function<void(const char*, size_t)>& on_out) {
  ProcessResult result;
  std::vector<std::string> argv_storage = argv_in;
  std::vector<std::string> env_storage = env_in;
  std::vector<char*> argv = Pointers(argv_storage);
  std::vector<char*> envp = Pointers(env_storage);
  if (argv_storage.empty()) {
    result.spawn_error = EINVAL;
    return result;
  }

  std::array<int, 2> in_fds{};
  std::array<int, 2> out_fds{};
  std::array<int, 2> err_fds{};
  if (pipe2(in_fds.data(), O_CLOEXEC) != 0) {
    result.spawn_error = errno;
    return result;
  }
  Fd in_read(in_fds[0]);
  Fd in_write(in_fds[1]);
  if (pipe2(out_fds.data(), O_CLOEXEC) != 0) {
    result.spawn_error = errno;
    return result;
  }
  Fd out_read(out_fds[0]);
  Fd out_write(out_fds[1]);
  if (pipe2(err_fds.data(), O_CLOEXEC) != 0) {
    result.spawn_error = errno;
    return result;
  }
  Fd err_read(err_fds[0]);
  Fd err_write(err_fds[1]);

  posix_spawn_file_actions_t actions;
  if (posix_spawn_file_actions_init(&actions) != 0) {
    result.spawn_error = ENOMEM;
    return result;
  }
  posix_spawnattr_t attr;
  if (posix_spawnattr_init(&attr) != 0) {
    posix_spawn_file_actions_destroy(&actions);
    result.spawn_error = ENOMEM;
    return result;
  }
  sigset_t empty_mask;
  sigset_t default_signals;
  sigemptyset(&empty_mask);
  sigemptyset(&default_signals);
  sigaddset(&default_signals, SIGPIPE);
  bool setup_ok = posix_spawn_file_actions_adddup2(&actions, in_read.Get(), 0) == 0 &&
                  posix_spawn_file_actions_adddup2(&actions, out_write.Get(), 1) == 0 &&
                  posix_spawn_file_actions_adddup2(&actions, err_write.Get(), 2) == 0 &&
                  posix_spawnattr_setsigmask(&attr, &empty_mask) == 0 &&
                  posix_spawnattr_setsigdefault(&attr, &default_signals) == 0 &&
                  posix_spawnattr_setflags(
                      &attr, static_cast<short>(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)) == 0;
  pid_t pid = -1;
  int rc = setup_ok ? posix_spawnp(&pid, argv[0], &actions, &attr, argv.data(), envp.data()) : ENOMEM;
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    result.spawn_error = rc;
    return result;
  }
  result.spawned = true;
  in_read.Close();
  out_write.Close();
  err_write.Close();
  if (input.empty()) in_write.Close();
  // Our end of stdin must not block: the child may be writing a large answer while we still feed it.
  if (in_write.Get() >= 0) fcntl(in_write.Get(), F_SETFL, fcntl(in_write.Get(), F_GETFL) | O_NONBLOCK);
  // A write to a child that exited must fail with EPIPE, not kill us. Without input nothing is
  // written, and the process-wide disposition is left alone (so such calls are thread-safe).
  const bool feeding = in_write.Get() >= 0;
  struct sigaction ignore {};
  struct sigaction old {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  if (feeding) sigaction(SIGPIPE, &ignore, &old);

  size_t written = 0;
  std::array<char, size_t{64} * 1024> buf{};
  bool out_open = true;
  bool err_open = true;
  while (out_open || err_open) {
    std::array<pollfd, 3> fds = {pollfd{out_open ? out_read.Get() : -1, POLLIN, 0},
                                 pollfd{err_open ? err_read.Get() : -1, POLLIN, 0},
                                 pollfd{in_write.Get(), POLLOUT, 0}};
    if (poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[2].fd >= 0 && fds[2].revents != 0) {
      ssize_t n = write(in_write.Get(), input.data() + written, input.size() - written);
      if (n > 0) written += static_cast<size_t>(n);
      if ((n < 0 && errno != EAGAIN && errno != EINTR) || written == input.size()) in_write.Close();
    }
    for (size_t i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      ssize_t n = read(fds[i].fd, buf.data(), buf.size());
      if (n > 0) {
        if (i == 0) {
          on_out(buf.data(), static_cast<size_t>(n));
        } else {
          result.err.append(buf.data(), static_cast<size_t>(n));
        }
      } else if (n == 0 || errno != EINTR) {
        (i == 0 ? out_open : err_open) = false;
      }
    }
  }
  in_write.Close();
  if (feeding) sigaction(SIGPIPE, &old, nullptr);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return result;
  }
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace authshift::core
