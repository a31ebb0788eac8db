#include "rewriters/file_writer.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <vector>

namespace authshift::rewriters {

namespace {

namespace fs = std::filesystem;

constexpr const char* kTempInfix = ".authshift-";

bool Fail(std::string* err, const std::string& message) {
  if (err != nullptr) *err = message;
  return false;
}

std::string ErrnoText() { return std::strerror(errno); }

// The process umask without changing it (umask(2) can only be read by setting it, which races with
// other threads): Linux reports it in /proc/self/status.
mode_t CurrentUmask() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("Umask:", 0) == 0) {
      return static_cast<mode_t>(std::strtoul(line.c_str() + 6, nullptr, 8) & 0777);
    }
  }
  return 022;
}

bool WriteAll(int fd, std::string_view data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return true;
}

bool ReadWholeFile(const std::string& path, std::string* out, std::string* err) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Fail(err, "cannot read " + path + ": " + ErrnoText());
  struct stat st {};
  bool stat_ok = fstat(fd, &st) == 0;
  if (!stat_ok || !S_ISREG(st.st_mode)) {
    std::string why = stat_ok ? "not a regular file" : ErrnoText();
    close(fd);
    return Fail(err, "cannot read " + path + ": " + why);
  }
  out->clear();
  out->reserve(static_cast<size_t>(st.st_size));
  std::vector<char> buf(1 << 16);
  for (;;) {
    ssize_t n = read(fd, buf.data(), buf.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string why = ErrnoText();
      close(fd);
      return Fail(err, "cannot read " + path + ": " + why);
    }
    if (n == 0) break;
    out->append(buf.data(), static_cast<size_t>(n));
  }
  close(fd);
  return true;
}

// The temporary file's name is ".<name>.authshift-<pid>-XXXXXX" (".authshift-<pid>-XXXXXX" when
// that is too long): the writer's pid tells a leftover of a killed run from a write in progress.
int MakeTemp(const fs::path& dir, const std::string& name, std::string* temp_path) {
  std::string pid = std::to_string(getpid()) + "-";
  for (const std::string& stem : {"." + name + kTempInfix + pid, std::string(kTempInfix) + pid}) {
    std::string tmpl = (dir / (stem + "XXXXXX")).string();
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    int fd = mkostemp(buf.data(), O_CLOEXEC);
    if (fd >= 0) {
      *temp_path = buf.data();
      return fd;
    }
    if (errno != ENAMETOOLONG) return -1;  // a long name: retry with the short stem
  }
  return -1;
}

// True when the temporary file `entry` (named "<prefix><pid>-XXXXXX", or "<prefix>XXXXXX" by
// versions that did not record the pid) belongs to no running writer: its pid is not a live
// process, or, without a pid, it was last written more than kStaleAge ago.
bool IsStaleTemp(std::string_view rest, const struct stat& st) {
  constexpr time_t kStaleAge = time_t{10} * 60;
  size_t dash = rest.find('-');
  if (dash != std::string_view::npos && dash > 0 && rest.size() - dash - 1 == 6 &&
      rest.substr(0, dash).find_first_not_of("0123456789") == std::string_view::npos && dash <= 9) {
    auto pid = static_cast<pid_t>(std::stol(std::string(rest.substr(0, dash))));
    return pid > 0 && kill(pid, 0) != 0 && errno == ESRCH;
  }
  if (rest.size() != 6) return false;
  return time(nullptr) - st.st_mtime > kStaleAge;
}

// Removes the temporary files a killed run left beside `name` in `dir` (see IsStaleTemp): regular
// files of this user only. Each directory is listed once per process, so a fix of many files in
// one directory stays linear.
void RemoveStaleTemps(const fs::path& dir) {
  static std::mutex mutex;
  static std::set<std::string> listed;
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (!listed.insert(dir.string()).second) return;
  }
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::string file = it->path().filename().string();
    if (file.empty() || file[0] != '.') continue;
    size_t at = file.rfind(kTempInfix);
    if (at == std::string::npos) continue;
    std::string_view rest = std::string_view(file).substr(at + std::string_view(kTempInfix).size());
    struct stat st {};
    if (lstat(it->path().c_str(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid()) continue;
    if (IsStaleTemp(rest, st)) unlink(it->path().c_str());
  }
}

}  // namespace

bool WriteFileAtomically(const std::string& path, std::string_view data, std::string* err) {
  std::string target = path;
  struct stat st {};
  bool exists = false;
  if (lstat(path.c_str(), &st) == 0) {
    if (S_ISLNK(st.st_mode)) {  // write through the link, keep the link
      char* real = realpath(path.c_str(), nullptr);
      if (real == nullptr) return Fail(err, "cannot resolve symlink " + path + ": " + ErrnoText());
      target = real;
      std::free(real);
      if (stat(target.c_str(), &st) != 0) return Fail(err, "cannot stat " + target + ": " + ErrnoText());
    }
    if (!S_ISREG(st.st_mode)) return Fail(err, "cannot write " + path + ": not a regular file");
    exists = true;
  } else if (errno != ENOENT) {
    return Fail(err, "cannot stat " + path + ": " + ErrnoText());
  }

  fs::path target_path(target);
  fs::path dir = target_path.has_parent_path() ? target_path.parent_path() : fs::path(".");
  RemoveStaleTemps(dir);
  std::string temp;
  int fd = MakeTemp(dir, target_path.filename().string(), &temp);
  if (fd < 0) {
    return Fail(err, "cannot write " + path + ": cannot create a temporary file in " + dir.string() +
                         ": " + ErrnoText());
  }
  auto abandon = [&](const std::string& what) {
    std::string why = ErrnoText();
    if (fd >= 0) close(fd);
    unlink(temp.c_str());
    return Fail(err, "cannot write " + path + ": " + what + ": " + why);
  };

  if (!WriteAll(fd, data)) return abandon("write failed");
  if (exists) {
    // Owner first: chown may clear set-id bits that fchmod then restores. Best-effort: only root
    // (or the owner changing to one of its own groups) may do this.
    if ((st.st_uid != geteuid() || st.st_gid != getegid()) && fchown(fd, st.st_uid, st.st_gid) != 0) {
      // Not fatal: the contents are what matters; the mode is still kept below.
    }
    if (fchmod(fd, st.st_mode & 07777) != 0) return abandon("cannot set the mode");
  } else if (fchmod(fd, 0666 & ~CurrentUmask()) != 0) {
    return abandon("cannot set the mode");
  }
  if (fsync(fd) != 0) return abandon("fsync failed");
  int closing = fd;
  fd = -1;
  if (close(closing) != 0) return abandon("close failed");
  if (rename(temp.c_str(), target.c_str()) != 0) return abandon("rename failed");

  // Make the rename itself durable; best-effort (some file systems refuse fsync on directories).
  int dir_fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    if (fsync(dir_fd) != 0) {
      // Ignored: the data is in place either way.
    }
    close(dir_fd);
  }
  return true;
}

bool ApplyEditsToFile(const std::string& path, EditSet& edits, std::string* err) {
  if (edits.edits().empty()) return true;
  std::string conflict;
  if (!edits.Resolve(&conflict)) return Fail(err, path + ": " + conflict);
  std::string original;
  if (!ReadWholeFile(path, &original, err)) return false;
  for (const Edit& e : edits.edits()) {
    if (e.offset > original.size() || e.length > original.size() - e.offset) {
      return Fail(err, path + ": edit of " + e.rule_id + " at bytes " + std::to_string(e.offset) + "-" +
                           std::to_string(e.offset + e.length) + " lies outside the file (" +
                           std::to_string(original.size()) + " bytes)");
    }
  }
  std::string updated = edits.Apply(original);
  if (updated == original) return true;
  return WriteFileAtomically(path, updated, err);
}

}  // namespace authshift::rewriters
