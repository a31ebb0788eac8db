#include "rewriters/file_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

namespace authshift::rewriters {

namespace {

namespace fs = std::filesystem;

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

int MakeTemp(const fs::path& dir, const std::string& name, std::string* temp_path) {
  for (const std::string& stem : {"." + name + ".authshift-", std::string(".authshift-")}) {
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
