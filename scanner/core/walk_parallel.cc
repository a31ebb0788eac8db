#include "scanner/core/walk_parallel.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <utility>

#include "scanner/core/git.h"
#include "scanner/core/process.h"
#include "scanner/core/profile.h"
#include "scanner/core/walk_detail.h"

namespace authshift::core {
namespace {

constexpr size_t kFirstRead = size_t{64} * 1024;   // a fresh buffer's size: most files fit
constexpr size_t kGrowStep = size_t{1024} * 1024;  // growth past st_size (a file that grows)

bool IsDirectoryPath(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// Lists the scan root on several threads. Plain mode: the workers share a stack of directories; a
// worker lists one (its subdirectories go on the stack for any worker), then hands its files over
// while the directory is still open. Git mode: the workers share git's list by index.
class StreamingWalker {
 public:
  using OnFile = std::function<void(unsigned, const FoundFile&)>;
  StreamingWalker(std::string root, unsigned jobs, const OnFile& on_file)
      : root_(std::move(root)), on_file_(on_file), skipped_(jobs) {}

  void RunPlain(unsigned jobs) {
    stack_.push_back(Dir{root_, std::string()});
    RunOnThreads(jobs, [this](unsigned w) { PlainWorker(w); });
  }

  void RunListed(std::vector<std::string> listed, unsigned jobs) {
    std::sort(listed.begin(), listed.end());
    listed.erase(std::unique(listed.begin(), listed.end()), listed.end());
    std::atomic<size_t> next{0};
    RunOnThreads(jobs, [&](unsigned w) {
      for (size_t k = next++; k < listed.size(); k = next++) ListedFile(w, listed[k]);
    });
  }

  std::vector<SkippedFile> TakeSkipped() {
    std::vector<SkippedFile> all;
    for (auto& part : skipped_) std::move(part.begin(), part.end(), std::back_inserter(all));
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    return all;
  }

 private:
  struct Dir {
    std::string abs;
    std::string prefix;  // reported path of the directory plus '/', or empty at the root
  };
  struct Entry {
    std::string name;
    std::string path;
  };

  static void RunOnThreads(unsigned jobs, const std::function<void(unsigned)>& work) {
    std::vector<std::thread> threads;
    for (unsigned w = 1; w < jobs; ++w) threads.emplace_back(work, w);
    work(0);
    for (auto& t : threads) t.join();
  }

  void PlainWorker(unsigned w) {
    for (;;) {
      Dir dir;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [this] { return !stack_.empty() || busy_ == 0; });
        if (stack_.empty()) return;  // nothing queued and nobody listing: the walk is over
        dir = std::move(stack_.back());
        stack_.pop_back();
        ++busy_;
      }
      ListDirectory(w, dir);
      std::lock_guard<std::mutex> lock(mu_);
      if (--busy_ == 0 && stack_.empty()) cv_.notify_all();
    }
  }

  void ListDirectory(unsigned w, const Dir& dir) {
    std::vector<Entry> files;
    DIR* d = nullptr;
    {
      StageTimer timer(Stage::kWalk);
      d = opendir(dir.abs.c_str());
      if (d == nullptr) {
        int err = errno;
        std::string shown = dir.prefix.empty() ? std::string(".") : StripTrailingSlashes(dir.prefix);
        skipped_[w].push_back({std::move(shown), SkipReason::kUnreadable, ErrnoText(err)});
        return;
      }
      ReadEntries(w, dir, d, &files);
    }
    const int dir_fd = dirfd(d);
    for (const Entry& e : files) on_file_(w, FoundFile{dir_fd, e.name.c_str(), e.path});
    closedir(d);
  }

  // The entries of one open directory: subdirectories onto the shared stack, regular files into
  // `files`, the rest classified as Walk does (the type from d_type, lstat only when it is unknown).
  void ReadEntries(unsigned w, const Dir& dir, DIR* d, std::vector<Entry>* files) {
    std::vector<Dir> subdirs;
    const int dir_fd = dirfd(d);
    while (dirent* e = readdir(d)) {
      std::string_view name(e->d_name);
      if (name == "." || name == "..") continue;
      unsigned char type = e->d_type;
      if (type == DT_UNKNOWN) {
        struct stat lst {};
        if (fstatat(dir_fd, e->d_name, &lst, AT_SYMLINK_NOFOLLOW) != 0) continue;  // vanished
        type = IFTODT(lst.st_mode);
      }
      std::string rel = dir.prefix;
      rel += name;
      if (type == DT_DIR) {
        if (!IsExcludedName(name)) subdirs.push_back(Dir{JoinPath(dir.abs, name), rel + '/'});
      } else if (type == DT_REG) {
        files->push_back(Entry{std::string(name), std::move(rel)});
      } else {
        const auto mode = static_cast<mode_t>(DTTOIF(type));
        skipped_[w].push_back(ClassifyNonRegular(JoinPath(dir.abs, name), std::move(rel), mode, root_));
      }
    }
    if (subdirs.empty()) return;
    std::lock_guard<std::mutex> lock(mu_);
    std::move(subdirs.begin(), subdirs.end(), std::back_inserter(stack_));
    cv_.notify_all();
  }

  // One path from git's list (relative to the root), classified as Walk does.
  void ListedFile(unsigned w, const std::string& rel) {
    std::string abs = JoinPath(root_, rel);
    {
      StageTimer timer(Stage::kWalk);
      struct stat lst {};
      if (lstat(abs.c_str(), &lst) != 0) {
        int err = errno;
        if (err == ENOENT || err == ENOTDIR) return;  // tracked but deleted from the work tree
        skipped_[w].push_back({rel, SkipReason::kUnreadable, ErrnoText(err)});
        return;
      }
      if (S_ISDIR(lst.st_mode)) return;  // submodule or nested repository: not descended into
      if (!S_ISREG(lst.st_mode)) {
        skipped_[w].push_back(ClassifyNonRegular(abs, rel, lst.st_mode, root_));
        return;
      }
    }
    on_file_(w, FoundFile{AT_FDCWD, abs.c_str(), rel});
  }

  std::string root_;
  const OnFile& on_file_;
  std::vector<std::vector<SkippedFile>> skipped_;  // per worker
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Dir> stack_;  // directories not listed yet
  unsigned busy_ = 0;       // workers listing a directory
};

// fstat of an opened file: a regular file of at most `max_size` bytes (its size in `size`).
ReadOutcome CheckOpened(int fd, uint64_t max_size, uint64_t* size, std::string* detail) {
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    *detail = ErrnoText(errno);
    return ReadOutcome::kUnreadable;
  }
  if (!S_ISREG(st.st_mode)) {
    *detail = std::string("not a regular file (") + SpecialKind(st.st_mode) + ")";
    return ReadOutcome::kUnreadable;
  }
  *size = SizeOf(st);
  if (*size > max_size) {
    *detail = std::to_string(*size) + " bytes";
    return ReadOutcome::kTooLarge;
  }
  return ReadOutcome::kOk;
}

ReadOutcome Fail(ReadBuffer* buffer, ReadOutcome why) {
  buffer->size = 0;
  return why;
}

}  // namespace

bool CanWalkStreaming(const std::vector<std::string>& paths) {
  if (paths.size() > 1) return false;
  const std::string arg = paths.empty() ? std::string(".") : paths[0];
  std::string real;
  return IsDirectoryPath(arg) && RealPath(arg, &real) && real == ScanRootFor(paths);
}

StreamedWalk WalkStreaming(const std::vector<std::string>& paths, const WalkOptions& options, unsigned jobs,
                           const std::function<void(unsigned worker, const FoundFile& file)>& on_file) {
  StreamedWalk out;
  out.root = ScanRootFor(paths);
  jobs = std::max(1u, jobs);
  StreamingWalker walker(out.root, jobs, on_file);
  std::vector<std::string> listed;
  bool git = false;
  {
    StageTimer timer(Stage::kWalk);
    git = options.use_git && GitInsideWorkTree(out.root) && GitListFiles(out.root, &listed);
  }
  if (git) {
    walker.RunListed(std::move(listed), jobs);
  } else {
    walker.RunPlain(jobs);
  }
  out.skipped = walker.TakeSkipped();
  return out;
}

ReadOutcome ReadFound(const FoundFile& file, uint64_t max_size, ReadBuffer* buffer, std::string* detail) {
  buffer->size = 0;
  // O_NONBLOCK: a path swapped for a FIFO since it was listed must not block the open.
  int fd = openat(file.dir_fd, file.name, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | O_NOFOLLOW);
  if (fd < 0) {
    *detail = ErrnoText(errno);
    return ReadOutcome::kUnreadable;
  }
  Fd closer(fd);
  // Read first: the listing said it is a regular file, so its size is asked (fstat) only when it
  // fills the buffer or turns out larger than the limit.
  buffer->Reserve(kFirstRead);
  bool sized = false;
  for (;;) {
    if (buffer->size == buffer->capacity) {
      uint64_t size = 0;
      if (!sized) {
        ReadOutcome checked = CheckOpened(fd, max_size, &size, detail);
        if (checked != ReadOutcome::kOk) return Fail(buffer, checked);
      }
      // +1: EOF shows in the next read, not a regrow. A file that grew past st_size: by steps.
      buffer->Reserve(sized ? buffer->capacity + kGrowStep : static_cast<size_t>(size) + 1);
      sized = true;
    }
    size_t want = std::min(buffer->capacity - buffer->size, static_cast<size_t>(SSIZE_MAX));
    ssize_t n = read(fd, buffer->data.get() + buffer->size, want);
    if (n > 0) {
      buffer->size += static_cast<size_t>(n);
    } else if (n == 0) {
      break;
    } else if (errno != EINTR) {
      *detail = ErrnoText(errno);
      return Fail(buffer, ReadOutcome::kUnreadable);
    }
  }
  if (!sized && buffer->size > max_size) {
    uint64_t size = 0;
    ReadOutcome checked = CheckOpened(fd, max_size, &size, detail);
    if (checked != ReadOutcome::kOk) return Fail(buffer, checked);
  }
  return ReadOutcome::kOk;
}

}  // namespace authshift::core
