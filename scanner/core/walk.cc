#include "scanner/core/walk.h"

#include "scanner/core/git.h"
#include "scanner/core/walk_detail.h"
#include "scanner/core/process.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace authshift::core {
namespace {

// Directory names the plain walk does not descend into. Keep in sync with the README.
constexpr std::array<std::string_view, 18> kDefaultExcludes = {
    ".git",
    ".hg",
    ".svn",
    "node_modules",
    "vendor",
    "third_party",
    "bower_components",
    ".venv",
    "venv",
    "__pycache__",
    "build",
    "dist",
    "target",
    "out",
    ".tox",
    ".mypy_cache",
    ".gradle",
    ".idea",
};

constexpr size_t kProbeBytes = size_t{8} * 1024;    // binary check window
constexpr size_t kReadChunk = size_t{1024} * 1024;  // ReadFile growth step past st_size

// strerror_r comes in a GNU (char*) and an XSI (int) flavour; these overloads accept either.
[[maybe_unused]] std::string StrerrorResult(const char* ret, const char* /*buf*/) { return ret; }
[[maybe_unused]] std::string StrerrorResult(int ret, const char* buf) {
  return ret == 0 ? std::string(buf) : std::string("error");
}

}  // namespace

std::string ErrnoText(int err) {
  std::array<char, 256> buf{};
  return StrerrorResult(strerror_r(err, buf.data(), buf.size()), buf.data());
}

bool IsExcludedName(std::string_view name) {
  return std::find(kDefaultExcludes.begin(), kDefaultExcludes.end(), name) !=
         kDefaultExcludes.end();
}

bool RealPath(const std::string& path, std::string* out) {
  char* resolved = realpath(path.c_str(), nullptr);
  if (resolved == nullptr) return false;
  out->assign(resolved);
  free(resolved);  // NOLINT(cppcoreguidelines-no-malloc): realpath allocates with malloc
  return true;
}

std::string CurrentDir() {
  std::string cwd;
  if (RealPath(".", &cwd)) return cwd;
  return ".";
}

bool RelativeTo(const std::string& path, const std::string& root, std::string* rel) {
  if (path == root) {
    rel->clear();
    return true;
  }
  if (root == "/") {
    if (path.empty() || path[0] != '/') return false;
    rel->assign(path, 1, std::string::npos);
    return true;
  }
  if (path.size() > root.size() && path.compare(0, root.size(), root) == 0 &&
      path[root.size()] == '/') {
    rel->assign(path, root.size() + 1, std::string::npos);
    return true;
  }
  return false;
}

std::string JoinPath(const std::string& dir, std::string_view name) {
  std::string out;
  out.reserve(dir.size() + 1 + name.size());
  out += dir;
  if (out.empty() || out.back() != '/') out += '/';
  out += name;
  return out;
}

std::string StripTrailingSlashes(std::string s) {
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

const char* SpecialKind(mode_t mode) {
  if (S_ISFIFO(mode)) return "fifo";
  if (S_ISSOCK(mode)) return "socket";
  if (S_ISCHR(mode)) return "character device";
  if (S_ISBLK(mode)) return "block device";
  if (S_ISDIR(mode)) return "directory";
  return "not a regular file";
}

uint64_t SizeOf(const struct stat& st) {
  return st.st_size > 0 ? static_cast<uint64_t>(st.st_size) : 0;
}

SkippedFile ClassifyNonRegular(const std::string& abs, std::string rel, mode_t mode, const std::string& root) {
  if (!S_ISLNK(mode)) return SkippedFile{std::move(rel), SkipReason::kSpecialFile, SpecialKind(mode)};
  struct stat st {};
  std::string target;
  if (stat(abs.c_str(), &st) != 0 || !RealPath(abs, &target)) {
    return SkippedFile{std::move(rel), SkipReason::kBrokenSymlink, ErrnoText(errno)};
  }
  std::string ignored;
  bool inside = RelativeTo(target, root, &ignored);
  return SkippedFile{std::move(rel), inside ? SkipReason::kSymlink : SkipReason::kSymlinkOutsideTree,
                     std::move(target)};
}


namespace {


// ---- classification ----------------------------------------------------------------------------

class Walker {
 public:
  Walker(std::string root, const WalkOptions& options, WalkResult* result)
      : root_(std::move(root)), options_(options), result_(result) {}

  // One command-line argument.
  void AddArgument(const std::string& arg) {
    struct stat lst {};
    if (lstat(arg.c_str(), &lst) != 0) {
      int err = errno;
      if (err == ENOENT || err == ENOTDIR) {
        result_->errors.push_back("no such file or directory: " + arg);
      } else {
        result_->errors.push_back("cannot access " + arg + ": " + ErrnoText(err));
      }
      return;
    }
    struct stat st = lst;
    if (S_ISLNK(lst.st_mode) && stat(arg.c_str(), &st) != 0) {
      Skip(ReportedFileArg(arg), SkipReason::kBrokenSymlink, ErrnoText(errno));
      return;
    }
    if (S_ISDIR(st.st_mode)) {
      AddDirectoryArgument(arg);
      return;
    }
    std::string abs;
    std::string reported = ReportedFileArg(arg, &abs);
    if (S_ISREG(st.st_mode)) {
      ProbeRegular(abs, std::move(reported), SizeOf(st), /*follow=*/true);
    } else {
      Skip(std::move(reported), SkipReason::kSpecialFile, SpecialKind(st.st_mode));
    }
  }

 private:
  void AddDirectoryArgument(const std::string& arg) {
    std::string real_dir;
    if (!RealPath(arg, &real_dir)) {
      result_->errors.push_back("cannot access " + arg + ": " + ErrnoText(errno));
      return;
    }
    std::string prefix;
    if (RelativeTo(real_dir, root_, &prefix)) {
      if (!prefix.empty()) prefix += '/';
    } else {
      prefix = StripTrailingSlashes(arg);
      if (prefix.back() != '/') prefix += '/';
    }
    std::vector<std::string> listed;
    if (options_.use_git && GitInsideWorkTree(real_dir) && GitListFiles(real_dir, &listed)) {
      for (const std::string& rel : listed) {
        std::string abs = JoinPath(real_dir, rel);
        struct stat lst {};
        if (lstat(abs.c_str(), &lst) != 0) {
          int err = errno;
          if (err == ENOENT || err == ENOTDIR) continue;  // tracked but deleted from the work tree
          Skip(prefix + rel, SkipReason::kUnreadable, ErrnoText(err));
          continue;
        }
        if (S_ISDIR(lst.st_mode)) continue;  // submodule or nested repository: not descended into
        ClassifyEntry(abs, prefix + rel, lst);
      }
      return;
    }
    PlainWalk(real_dir, prefix);
  }

  // Iterative depth-first walk; symlinked directories are classified, never followed.
  void PlainWalk(const std::string& real_dir, const std::string& prefix) {
    std::vector<std::pair<std::string, std::string>> stack;  // (absolute dir, reported prefix)
    stack.emplace_back(real_dir, prefix);
    while (!stack.empty()) {
      auto [dir, dir_prefix] = std::move(stack.back());
      stack.pop_back();
      DIR* d = opendir(dir.c_str());
      if (d == nullptr) {
        std::string shown =
            dir_prefix.empty() ? std::string(".") : StripTrailingSlashes(dir_prefix);
        Skip(std::move(shown), SkipReason::kUnreadable, ErrnoText(errno));
        continue;
      }
      while (dirent* e = readdir(d)) {
        std::string_view name(e->d_name);
        if (name == "." || name == "..") continue;
        std::string abs = JoinPath(dir, name);
        struct stat lst {};
        if (lstat(abs.c_str(), &lst) != 0) continue;  // vanished since readdir
        std::string rel = dir_prefix;
        rel += name;
        if (S_ISDIR(lst.st_mode)) {
          if (!IsExcludedName(name)) stack.emplace_back(std::move(abs), rel + '/');
          continue;
        }
        ClassifyEntry(abs, std::move(rel), lst);
      }
      closedir(d);
    }
  }

  // A non-directory entry found while listing a directory (symlinks not followed).
  void ClassifyEntry(const std::string& abs, std::string rel, const struct stat& lst) {
    if (S_ISREG(lst.st_mode)) {
      ProbeRegular(abs, std::move(rel), SizeOf(lst), /*follow=*/false);
      return;
    }
    result_->skipped.push_back(ClassifyNonRegular(abs, std::move(rel), lst.st_mode, root_));
  }

  // A regular file (per lstat/stat): size check, then open and read the first 8 KiB.
  void ProbeRegular(const std::string& abs, std::string rel, uint64_t size, bool follow) {
    if (size > options_.max_file_size) {
      Skip(std::move(rel), SkipReason::kTooLarge, std::to_string(size) + " bytes");
      return;
    }
    if (!options_.probe_content) {
      result_->files.push_back(WalkedFile{abs, std::move(rel), size});
      return;
    }
    // O_NONBLOCK: if the path was swapped for a FIFO since stat, open must not block.
    int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (follow ? 0 : O_NOFOLLOW);
    int fd = open(abs.c_str(), flags);
    if (fd < 0) {
      Skip(std::move(rel), SkipReason::kUnreadable, ErrnoText(errno));
      return;
    }
    Fd closer(fd);
    struct stat st {};
    if (fstat(fd, &st) != 0) {
      Skip(std::move(rel), SkipReason::kUnreadable, ErrnoText(errno));
      return;
    }
    if (!S_ISREG(st.st_mode)) {
      Skip(std::move(rel), SkipReason::kSpecialFile, SpecialKind(st.st_mode));
      return;
    }
    size = SizeOf(st);
    if (size > options_.max_file_size) {
      Skip(std::move(rel), SkipReason::kTooLarge, std::to_string(size) + " bytes");
      return;
    }
    std::array<char, kProbeBytes> buf{};
    size_t got = 0;
    while (got < buf.size()) {
      ssize_t n = read(fd, buf.data() + got, buf.size() - got);
      if (n > 0) {
        got += static_cast<size_t>(n);
      } else if (n == 0) {
        break;
      } else if (errno != EINTR) {
        Skip(std::move(rel), SkipReason::kUnreadable, ErrnoText(errno));
        return;
      }
    }
    if (LooksBinary(std::string_view(buf.data(), got))) {
      Skip(std::move(rel), SkipReason::kBinary, "");
      return;
    }
    result_->files.push_back(WalkedFile{abs, std::move(rel), size});
  }

  // How a file argument is reported: relative to the root when inside it (parent directory
  // resolved, the file's own name kept even when it is a symlink), else exactly as given.
  std::string ReportedFileArg(const std::string& arg, std::string* abs_out = nullptr) {
    std::string path = StripTrailingSlashes(arg);
    size_t slash = path.rfind('/');
    std::string parent = slash == std::string::npos ? std::string(".")
                         : slash == 0               ? std::string("/")
                                                    : path.substr(0, slash);
    std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
    std::string real_parent;
    if (!RealPath(parent, &real_parent)) {
      if (abs_out != nullptr) *abs_out = arg;
      return arg;
    }
    std::string abs = JoinPath(real_parent, base);
    if (abs_out != nullptr) *abs_out = abs;
    std::string rel;
    if (RelativeTo(abs, root_, &rel) && !rel.empty()) return rel;
    return arg;
  }

  void Skip(std::string path, SkipReason reason, std::string detail) {
    result_->skipped.push_back(SkippedFile{std::move(path), reason, std::move(detail)});
  }

  std::string root_;
  const WalkOptions& options_;
  WalkResult* result_;
};

bool IsDirectory(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

}  // namespace

std::string_view SkipReasonName(SkipReason r) {
  switch (r) {
    case SkipReason::kBinary:
      return "binary";
    case SkipReason::kTooLarge:
      return "too-large";
    case SkipReason::kSymlinkOutsideTree:
      return "symlink-outside-tree";
    case SkipReason::kSymlink:
      return "symlink";
    case SkipReason::kBrokenSymlink:
      return "broken-symlink";
    case SkipReason::kSpecialFile:
      return "special-file";
    case SkipReason::kUnreadable:
      return "unreadable";
    case SkipReason::kBudgetExceeded:
      return "budget-exceeded";
    case SkipReason::kCount:
      break;
  }
  return "unknown";
}

std::span<const std::string_view> DefaultExcludes() { return kDefaultExcludes; }

std::string ScanRootFor(const std::vector<std::string>& paths) {
  if (paths.size() <= 1) {
    std::string arg = paths.empty() ? std::string(".") : paths[0];
    std::string real;
    if (IsDirectory(arg) && RealPath(arg, &real)) return real;
  }
  return CurrentDir();
}

WalkResult Walk(const std::vector<std::string>& paths, const WalkOptions& options) {
  WalkResult result;
  result.root = ScanRootFor(paths);
  Walker walker(result.root, options, &result);
  if (paths.empty()) {
    walker.AddArgument(".");
  } else {
    for (const std::string& p : paths) walker.AddArgument(p);
  }

  auto by_path = [](const auto& a, const auto& b) { return a.path < b.path; };
  auto same_path = [](const auto& a, const auto& b) { return a.path == b.path; };
  std::sort(result.files.begin(), result.files.end(), by_path);
  result.files.erase(std::unique(result.files.begin(), result.files.end(), same_path),
                     result.files.end());
  std::sort(result.skipped.begin(), result.skipped.end(), by_path);
  result.skipped.erase(std::unique(result.skipped.begin(), result.skipped.end(), same_path),
                       result.skipped.end());
  // A path both scanned and skipped (a symlink listed in a directory and also given explicitly,
  // hence followed): the explicit argument wins.
  if (!result.files.empty() && !result.skipped.empty()) {
    std::erase_if(result.skipped, [&](const SkippedFile& s) {
      return std::binary_search(result.files.begin(), result.files.end(), s,
                                [](const auto& a, const auto& b) { return a.path < b.path; });
    });
  }
  result.seen = result.files.size() + result.skipped.size();
  return result;
}

bool ReadFile(const std::string& abs_path, std::string* out, std::string* err) {
  out->clear();
  int fd = open(abs_path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) {
    if (err != nullptr) *err = ErrnoText(errno);
    return false;
  }
  Fd closer(fd);
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    if (err != nullptr) *err = ErrnoText(errno);
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    if (err != nullptr) *err = std::string("not a regular file (") + SpecialKind(st.st_mode) + ")";
    return false;
  }
  // Read straight into the string: sized for st_size (+1 to see EOF in one go), grown if the file
  // grew meanwhile.
  size_t expected = static_cast<size_t>(SizeOf(st));
  out->resize(expected + 1);
  size_t got = 0;
  for (;;) {
    if (got == out->size()) out->resize(out->size() + kReadChunk);
    size_t want = std::min(out->size() - got, static_cast<size_t>(SSIZE_MAX));
    ssize_t n = read(fd, out->data() + got, want);
    if (n > 0) {
      got += static_cast<size_t>(n);
    } else if (n == 0) {
      break;
    } else if (errno != EINTR) {
      if (err != nullptr) *err = ErrnoText(errno);
      out->clear();
      return false;
    }
  }
  out->resize(got);
  return true;
}

void ReadBuffer::Reserve(size_t n) {
  if (n <= capacity) return;
  size_t grown = std::max(n, capacity + capacity / 2);
  std::unique_ptr<char[]> bigger(new char[grown]);  // NOLINT(modernize-avoid-c-arrays)
  if (size > 0) std::memcpy(bigger.get(), data.get(), size);
  data = std::move(bigger);
  capacity = grown;
}

bool LooksBinary(std::string_view data) {
  size_t n = std::min(data.size(), kProbeBytes);
  return n > 0 && std::memchr(data.data(), 0, n) != nullptr;
}

}  // namespace authshift::core
