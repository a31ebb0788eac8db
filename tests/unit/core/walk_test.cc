// Walk tests: each builds a real temporary tree under /tmp and checks exact results.
#include "scanner/core/walk.h"

#include <fcntl.h>
#include <grp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

namespace authshift::core {
namespace {

std::string RealPathOf(const std::string& p) {
  char* r = realpath(p.c_str(), nullptr);
  if (r == nullptr) return p;
  std::string out(r);
  free(r);  // NOLINT(cppcoreguidelines-no-malloc)
  return out;
}

class TempDir {
 public:
  TempDir() {
    std::string tmpl = "/tmp/authshift_walk_XXXXXX";
    if (mkdtemp(tmpl.data()) != nullptr) {
      chmod(tmpl.c_str(), 0755);
      path_ = RealPathOf(tmpl);
    }
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    if (path_.empty()) return;
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& Path() const { return path_; }
  std::string operator/(const std::string& rel) const { return path_ + "/" + rel; }

 private:
  std::string path_;
};

class ScopedChdir {
 public:
  explicit ScopedChdir(const std::string& dir) {
    std::array<char, 4096> buf{};
    if (getcwd(buf.data(), buf.size()) != nullptr) old_ = buf.data();
    ok_ = chdir(dir.c_str()) == 0;
  }
  ScopedChdir(const ScopedChdir&) = delete;
  ScopedChdir& operator=(const ScopedChdir&) = delete;
  ~ScopedChdir() {
    if (!old_.empty() && chdir(old_.c_str()) != 0) old_.clear();
  }
  bool Ok() const { return ok_; }

 private:
  std::string old_;
  bool ok_ = false;
};

// Creates parent directories as needed.
void Write(const std::string& path, std::string_view content) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size()));
  close(fd);
}

void MakeDir(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  REQUIRE(!ec);
}

void Symlink(const std::string& target, const std::string& link) {
  REQUIRE(symlink(target.c_str(), link.c_str()) == 0);
}

// Runs a command without a shell, output discarded; returns its exit status (-1 on failure).
int Run(const std::vector<std::string>& argv) {
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    int devnull = open("/dev/null", O_RDWR);
    if (devnull >= 0) {
      dup2(devnull, 0);
      dup2(devnull, 1);
      dup2(devnull, 2);
    }
    std::vector<char*> args;
    args.reserve(argv.size() + 1);
    std::vector<std::string> copy = argv;
    for (std::string& a : copy) args.push_back(a.data());
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void Git(const std::string& dir, std::initializer_list<std::string> args) {
  std::vector<std::string> argv = {"git",
                                   "-C",
                                   dir,
                                   "-c",
                                   "user.email=a@b",
                                   "-c",
                                   "user.name=n",
                                   "-c",
                                   "init.defaultBranch=main",
                                   "-c",
                                   "commit.gpgsign=false"};
  argv.insert(argv.end(), args.begin(), args.end());
  REQUIRE(Run(argv) == 0);
}

std::vector<std::string> FilePaths(const WalkResult& r) {
  std::vector<std::string> out;
  for (const WalkedFile& f : r.files) out.push_back(f.path);
  return out;
}

using Skips = std::vector<std::pair<std::string, SkipReason>>;
Skips SkipList(const WalkResult& r) {
  Skips out;
  for (const SkippedFile& s : r.skipped) out.emplace_back(s.path, s.reason);
  return out;
}

const SkippedFile* FindSkip(const WalkResult& r, const std::string& path) {
  for (const SkippedFile& s : r.skipped) {
    if (s.path == path) return &s;
  }
  return nullptr;
}

WalkOptions Plain() {
  WalkOptions o;
  o.use_git = false;
  return o;
}

void CheckInvariants(const WalkResult& r) {
  CHECK(std::is_sorted(r.files.begin(), r.files.end(),
                       [](const auto& a, const auto& b) { return a.path < b.path; }));
  CHECK(std::adjacent_find(r.files.begin(), r.files.end(), [](const auto& a, const auto& b) {
          return a.path == b.path;
        }) == r.files.end());
  CHECK(std::is_sorted(r.skipped.begin(), r.skipped.end(),
                       [](const auto& a, const auto& b) { return a.path < b.path; }));
  CHECK(r.seen == r.files.size() + r.skipped.size());
}

}  // namespace

TEST_CASE("SkipReasonName and DefaultExcludes", "[walk]") {
  CHECK(SkipReasonName(SkipReason::kBinary) == "binary");
  CHECK(SkipReasonName(SkipReason::kTooLarge) == "too-large");
  CHECK(SkipReasonName(SkipReason::kSymlinkOutsideTree) == "symlink-outside-tree");
  CHECK(SkipReasonName(SkipReason::kSymlink) == "symlink");
  CHECK(SkipReasonName(SkipReason::kBrokenSymlink) == "broken-symlink");
  CHECK(SkipReasonName(SkipReason::kSpecialFile) == "special-file");
  CHECK(SkipReasonName(SkipReason::kUnreadable) == "unreadable");
  auto ex = DefaultExcludes();
  std::vector<std::string_view> got(ex.begin(), ex.end());
  CHECK(got == std::vector<std::string_view>{".git", ".hg", ".svn", "node_modules", "vendor",
                                             "third_party", "bower_components", ".venv", "venv",
                                             "__pycache__", "build", "dist", "target", "out",
                                             ".tox", ".mypy_cache", ".gradle", ".idea"});
}

TEST_CASE("LooksBinary looks at the first 8 KiB only", "[walk]") {
  CHECK_FALSE(LooksBinary(""));
  CHECK_FALSE(LooksBinary("plain text\n"));
  CHECK(LooksBinary(std::string_view("a\0b", 3)));
  std::string late(9000, 'x');
  late[8191] = '\0';
  CHECK(LooksBinary(late));
  late[8191] = 'x';
  late[8192] = '\0';
  CHECK_FALSE(LooksBinary(late));
}

TEST_CASE("ScanRootFor", "[walk]") {
  TempDir t;
  MakeDir(t / "sub");
  Write(t / "f.txt", "x");
  ScopedChdir cd(t.Path());
  REQUIRE(cd.Ok());
  CHECK(ScanRootFor({}) == t.Path());
  CHECK(ScanRootFor({"."}) == t.Path());
  CHECK(ScanRootFor({"sub"}) == t / "sub");
  CHECK(ScanRootFor({"sub/"}) == t / "sub");
  CHECK(ScanRootFor({t / "sub/../sub"}) == t / "sub");
  CHECK(ScanRootFor({"f.txt"}) == t.Path());
  CHECK(ScanRootFor({"sub", "f.txt"}) == t.Path());
  CHECK(ScanRootFor({"nope"}) == t.Path());
}

TEST_CASE("plain walk honours the default excludes", "[walk]") {
  TempDir t;
  Write(t / "a.txt", "a\n");
  Write(t / ".env", "SECRET=1\n");
  Write(t / "src/b.cc", "int b;\n");
  Write(t / "src/build/gen.cc", "generated\n");
  Write(t / "src/buildinfo.txt", "kept\n");
  Write(t / "build", "a regular file named like an excluded directory\n");
  Write(t / "node_modules/x/index.js", "x\n");
  Write(t / "vendor/v.go", "v\n");
  Write(t / "third_party/t.c", "t\n");
  Write(t / "deep/er/.git/config", "[core]\n");
  Write(t / "deep/er/.venv/lib.py", "x\n");
  Write(t / "deep/er/__pycache__/m.pyc", "x\n");
  Write(t / "deep/er/keep.py", "x = 1\n");
  Write(t / "target/debug/o", "x\n");
  Write(t / ".idea/ws.xml", "x\n");
  Write(t / "empty.txt", "");

  const std::vector<std::string> expected = {
      ".env", "a.txt", "build", "deep/er/keep.py", "empty.txt", "src/b.cc", "src/buildinfo.txt"};
  SECTION("use_git=false") {
    WalkResult r = Walk({t.Path()}, Plain());
    CHECK(r.root == t.Path());
    CHECK(FilePaths(r) == expected);
    CHECK(r.skipped.empty());
    CHECK(r.errors.empty());
    CHECK(r.seen == expected.size());
    CheckInvariants(r);
    REQUIRE(r.files.size() == expected.size());
    CHECK(r.files[1].abs_path == t / "a.txt");
    CHECK(r.files[1].size == 2);
    CHECK(r.files[4].size == 0);
  }
  SECTION("use_git=true outside a work tree falls back to the plain walk") {
    WalkResult r = Walk({t.Path()}, WalkOptions{});
    CHECK(FilePaths(r) == expected);
    CheckInvariants(r);
  }
  SECTION("a subdirectory argument is the root; an excluded directory given explicitly is walked") {
    WalkResult r = Walk({t / "node_modules"}, Plain());
    CHECK(r.root == t / "node_modules");
    CHECK(FilePaths(r) == std::vector<std::string>{"x/index.js"});
  }
  SECTION("several directory arguments: paths relative to the current directory") {
    ScopedChdir cd(t.Path());
    REQUIRE(cd.Ok());
    WalkResult r = Walk({"src", "deep/", "src"}, Plain());
    CHECK(r.root == t.Path());
    CHECK(FilePaths(r) ==
          std::vector<std::string>{"deep/er/keep.py", "src/b.cc", "src/buildinfo.txt"});
    CheckInvariants(r);
  }
}

TEST_CASE("git work tree: tracked + untracked-not-ignored", "[walk]") {
  TempDir t;
  const std::string repo = t / "repo";
  MakeDir(repo);
  Git(repo, {"init", "-q"});
  Write(repo + "/.gitignore", "ignored.txt\nignored_dir/\n");
  Write(repo + "/tracked.txt", "t\n");
  Write(repo + "/sub/deep.txt", "d\n");
  Write(repo + "/node_modules/tracked.js", "tracked despite the default excludes\n");
  Write(repo + "/deleted.txt", "soon gone\n");
  Git(repo, {"add", "-A"});
  Git(repo, {"commit", "-q", "-m", "init"});
  REQUIRE(unlink((repo + "/deleted.txt").c_str()) == 0);
  Write(repo + "/untracked.txt", "u\n");
  Write(repo + "/sub/untracked2.txt", "u\n");
  Write(repo + "/ignored.txt", "i\n");
  Write(repo + "/ignored_dir/x.txt", "i\n");
  Write(repo + "/sub/ignored.txt", "i\n");
  Write(repo + "/staged.txt", "s\n");
  Git(repo, {"add", "staged.txt"});

  SECTION("the repository root") {
    WalkResult r = Walk({repo}, WalkOptions{});
    CHECK(r.root == repo);
    CHECK(FilePaths(r) == std::vector<std::string>{
                              ".gitignore", "node_modules/tracked.js", "staged.txt", "sub/deep.txt",
                              "sub/untracked2.txt", "tracked.txt", "untracked.txt"});
    CHECK(r.skipped.empty());
    CHECK(r.errors.empty());
    CheckInvariants(r);
    REQUIRE(!r.files.empty());
    CHECK(r.files.back().abs_path == repo + "/untracked.txt");
  }
  SECTION("a subdirectory of the work tree") {
    WalkResult r = Walk({repo + "/sub"}, WalkOptions{});
    CHECK(r.root == repo + "/sub");
    CHECK(FilePaths(r) == std::vector<std::string>{"deep.txt", "untracked2.txt"});
  }
  SECTION("from inside the repository with a relative directory argument") {
    ScopedChdir cd(repo);
    REQUIRE(cd.Ok());
    WalkResult r = Walk({"sub", "tracked.txt"}, WalkOptions{});
    CHECK(r.root == repo);
    CHECK(FilePaths(r) ==
          std::vector<std::string>{"sub/deep.txt", "sub/untracked2.txt", "tracked.txt"});
  }
  SECTION("git not on the PATH: falls back to the plain walk") {
    const char* old = std::getenv("PATH");
    std::string saved = old != nullptr ? old : "";
    REQUIRE(setenv("PATH", (t / "no-such-bin").c_str(), 1) == 0);
    WalkResult r = Walk({repo}, WalkOptions{});
    if (old != nullptr) {
      setenv("PATH", saved.c_str(), 1);
    } else {
      unsetenv("PATH");
    }
    CHECK(r.errors.empty());
    CHECK(FilePaths(r) == std::vector<std::string>{".gitignore", "ignored.txt", "ignored_dir/x.txt",
                                                   "staged.txt", "sub/deep.txt", "sub/ignored.txt",
                                                   "sub/untracked2.txt", "tracked.txt",
                                                   "untracked.txt"});
  }
  SECTION("use_git=false: plain walk, ignore rules not applied, .git and node_modules excluded") {
    WalkResult r = Walk({repo}, Plain());
    CHECK(FilePaths(r) == std::vector<std::string>{".gitignore", "ignored.txt", "ignored_dir/x.txt",
                                                   "staged.txt", "sub/deep.txt", "sub/ignored.txt",
                                                   "sub/untracked2.txt", "tracked.txt",
                                                   "untracked.txt"});
  }
}

TEST_CASE("binary files are skipped", "[walk]") {
  TempDir t;
  Write(t / "bin.dat", std::string_view("\x7f"
                                        "ELF\0\0\x01",
                                        7));
  std::string late(9000, 'x');
  late[8500] = '\0';
  Write(t / "late-nul.txt", late);
  Write(t / "text.txt", "hello\n");
  WalkResult r = Walk({t.Path()}, Plain());
  CHECK(FilePaths(r) == std::vector<std::string>{"late-nul.txt", "text.txt"});
  CHECK(SkipList(r) == Skips{{"bin.dat", SkipReason::kBinary}});
  CheckInvariants(r);
}

TEST_CASE("files over max_file_size are skipped", "[walk]") {
  TempDir t;
  Write(t / "big.txt", "01234567890");  // 11 bytes
  Write(t / "ok.txt", "0123456789");    // 10 bytes
  Write(t / "bigbin.dat", std::string(20, '\0'));
  WalkOptions o = Plain();
  o.max_file_size = 10;
  WalkResult r = Walk({t.Path()}, o);
  CHECK(FilePaths(r) == std::vector<std::string>{"ok.txt"});
  CHECK(SkipList(r) ==
        Skips{{"big.txt", SkipReason::kTooLarge}, {"bigbin.dat", SkipReason::kTooLarge}});
  CheckInvariants(r);
  SECTION("explicit arguments too") {
    WalkResult e = Walk({t / "big.txt"}, o);
    CHECK(e.files.empty());
    CHECK(SkipList(e) == Skips{{t / "big.txt", SkipReason::kTooLarge}});
  }
}

TEST_CASE("broken symlinks and symlink loops", "[walk]") {
  TempDir t;
  Write(t / "real.txt", "r\n");
  Symlink("does-not-exist", t / "dangling");
  Symlink("b", t / "a");
  Symlink("a", t / "b");
  Symlink("self", t / "self");
  MakeDir(t / "dir");
  Symlink("..", t / "dir/loop");
  Write(t / "dir/f.txt", "f\n");
  for (bool use_git : {false, true}) {
    WalkOptions o;
    o.use_git = use_git;
    WalkResult r = Walk({t.Path()}, o);
    CHECK(FilePaths(r) == std::vector<std::string>{"dir/f.txt", "real.txt"});
    CHECK(SkipList(r) == Skips{{"a", SkipReason::kBrokenSymlink},
                               {"b", SkipReason::kBrokenSymlink},
                               {"dangling", SkipReason::kBrokenSymlink},
                               {"dir/loop", SkipReason::kSymlink},
                               {"self", SkipReason::kBrokenSymlink}});
    CheckInvariants(r);
  }
  WalkResult plain = Walk({t.Path()}, Plain());
  const SkippedFile* loop = FindSkip(plain, "a");
  REQUIRE(loop != nullptr);
  CHECK(loop->detail == std::string(std::strerror(ELOOP)));
  SECTION("an explicit broken symlink argument") {
    WalkResult r = Walk({t / "dangling", t / "a"}, Plain());
    CHECK(r.files.empty());
    CHECK(r.errors.empty());
    CHECK(SkipList(r) == Skips{{t / "a", SkipReason::kBrokenSymlink},
                               {t / "dangling", SkipReason::kBrokenSymlink}});
  }
}

TEST_CASE("symlinks inside and outside the tree", "[walk]") {
  TempDir t;
  const std::string tree = t / "tree";
  Write(t / "outside.txt", "o\n");
  MakeDir(t / "outside_dir");
  Write(tree + "/real.txt", "r\n");
  Write(tree + "/sub/other.txt", "x\n");
  Symlink("../outside.txt", tree + "/out-file");
  Symlink(t / "outside_dir", tree + "/out-dir");
  Symlink("real.txt", tree + "/in-file");
  Symlink("sub", tree + "/in-dir");
  Symlink("../real.txt", tree + "/sub/up");

  WalkResult r = Walk({tree}, Plain());
  CHECK(FilePaths(r) == std::vector<std::string>{"real.txt", "sub/other.txt"});
  CHECK(SkipList(r) == Skips{{"in-dir", SkipReason::kSymlink},
                             {"in-file", SkipReason::kSymlink},
                             {"out-dir", SkipReason::kSymlinkOutsideTree},
                             {"out-file", SkipReason::kSymlinkOutsideTree},
                             {"sub/up", SkipReason::kSymlink}});
  CheckInvariants(r);
  const SkippedFile* out = FindSkip(r, "out-file");
  REQUIRE(out != nullptr);
  CHECK(out->detail == t / "outside.txt");

  SECTION("git lists committed symlinks; they are classified the same way") {
    Git(tree, {"init", "-q"});
    Git(tree, {"add", "-A"});
    Git(tree, {"commit", "-q", "-m", "m"});
    WalkResult g = Walk({tree}, WalkOptions{});
    CHECK(FilePaths(g) == FilePaths(r));
    CHECK(SkipList(g) == SkipList(r));
  }
  SECTION("an explicit symlink argument is followed and reported under its own name") {
    ScopedChdir cd(tree);
    REQUIRE(cd.Ok());
    WalkResult e = Walk({"in-file", "out-file", "."}, Plain());
    CHECK(e.root == tree);
    CHECK(FilePaths(e) ==
          std::vector<std::string>{"in-file", "out-file", "real.txt", "sub/other.txt"});
    REQUIRE(e.files.size() == 4);
    CHECK(e.files[1].abs_path == tree + "/out-file");
    CHECK(SkipList(e) == Skips{{"in-dir", SkipReason::kSymlink},
                               {"out-dir", SkipReason::kSymlinkOutsideTree},
                               {"sub/up", SkipReason::kSymlink}});
    CheckInvariants(e);
  }
  SECTION("an explicit symlink to a directory is followed") {
    WalkResult e = Walk({tree + "/in-dir"}, Plain());
    CHECK(e.root == tree + "/sub");
    CHECK(FilePaths(e) == std::vector<std::string>{"other.txt"});
  }
}

TEST_CASE("FIFOs and sockets are special files and never opened", "[walk]") {
  TempDir t;
  Write(t / "a.txt", "a\n");
  REQUIRE(mkfifo((t / "pipe").c_str(), 0644) == 0);
  int sock = socket(AF_UNIX, SOCK_STREAM, 0);
  REQUIRE(sock >= 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::string sock_path = t / "sock";
  REQUIRE(sock_path.size() < sizeof(addr.sun_path));
  std::memcpy(addr.sun_path, sock_path.c_str(), sock_path.size() + 1);
  REQUIRE(bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);

  WalkResult r = Walk({t.Path()}, Plain());
  CHECK(FilePaths(r) == std::vector<std::string>{"a.txt"});
  CHECK(SkipList(r) ==
        Skips{{"pipe", SkipReason::kSpecialFile}, {"sock", SkipReason::kSpecialFile}});
  const SkippedFile* fifo = FindSkip(r, "pipe");
  REQUIRE(fifo != nullptr);
  CHECK(fifo->detail == "fifo");

  WalkResult e = Walk({t / "pipe", "/dev/null"}, Plain());
  CHECK(e.files.empty());
  CHECK(SkipList(e) ==
        Skips{{"/dev/null", SkipReason::kSpecialFile}, {t / "pipe", SkipReason::kSpecialFile}});

  std::string content;
  std::string err;
  CHECK_FALSE(ReadFile(t / "pipe", &content, &err));
  CHECK(err == "not a regular file (fifo)");
  close(sock);
}

TEST_CASE("unreadable files as an unprivileged user", "[walk]") {
  TempDir t;
  Write(t / "ok.txt", "ok\n");
  Write(t / "secret.txt", "s\n");
  REQUIRE(chmod((t / "secret.txt").c_str(), 0000) == 0);
  Write(t / "locked/inner.txt", "i\n");
  REQUIRE(chmod((t / "locked").c_str(), 0700) == 0);

  std::array<int, 2> fds{};
  REQUIRE(pipe(fds.data()) == 0);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    close(fds[0]);
    // As root, chmod 000 does not stop reading: drop to nobody first.
    if (getuid() == 0 && (setgroups(0, nullptr) != 0 || setgid(65534) != 0 || setuid(65534) != 0)) {
      _exit(3);
    }
    WalkResult r = Walk({t.Path()}, Plain());
    std::string report;
    for (const WalkedFile& f : r.files) report += "file\t" + f.path + "\n";
    for (const SkippedFile& s : r.skipped) {
      report +=
          "skip\t" + s.path + "\t" + std::string(SkipReasonName(s.reason)) + "\t" + s.detail + "\n";
    }
    std::string content;
    std::string err;
    bool read_ok = ReadFile(t / "secret.txt", &content, &err);
    report += "read\t" + std::string(read_ok ? "ok" : "fail") + "\t" + err + "\n";
    const char* p = report.data();
    size_t left = report.size();
    while (left > 0) {
      ssize_t n = write(fds[1], p, left);
      if (n <= 0) _exit(4);
      p += n;
      left -= static_cast<size_t>(n);
    }
    _exit(0);
  }
  close(fds[1]);
  std::string report;
  std::array<char, 4096> buf{};
  for (;;) {
    ssize_t n = read(fds[0], buf.data(), buf.size());
    if (n <= 0) break;
    report.append(buf.data(), static_cast<size_t>(n));
  }
  close(fds[0]);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  const std::string denied = std::strerror(EACCES);
  CHECK(report ==
        "file\tok.txt\n"
        "skip\tlocked\tunreadable\t" +
            denied +
            "\n"
            "skip\tsecret.txt\tunreadable\t" +
            denied +
            "\n"
            "read\tfail\t" +
            denied + "\n");
}

TEST_CASE("file names with spaces, newlines, quotes and non-ASCII", "[walk]") {
  TempDir t;
  const std::vector<std::string> names = {"dir with space/a b.txt",
                                          "new\nline.txt",
                                          "quote\"s'.txt",
                                          "tab\there.txt",
                                          "\xc3\xbcn\xc3\xaf-\xe6\x97\xa5\xe6\x9c\xac.txt",
                                          "\xe6\x97\xa5\xe6\x9c\xac/\xc3\xa9t\xc3\xa9.txt"};
  for (const std::string& n : names) Write(t / n, "content of " + n);
  std::vector<std::string> expected = names;
  std::sort(expected.begin(), expected.end());

  SECTION("plain") {
    WalkResult r = Walk({t.Path()}, Plain());
    CHECK(FilePaths(r) == expected);
    CheckInvariants(r);
    for (const WalkedFile& f : r.files) {
      std::string content;
      std::string err;
      REQUIRE(ReadFile(f.abs_path, &content, &err));
      CHECK(content == "content of " + f.path);
    }
  }
  SECTION("git: half committed, half untracked") {
    Git(t.Path(), {"init", "-q"});
    Git(t.Path(), {"add", "--", names[0], names[1], names[4]});
    Git(t.Path(), {"commit", "-q", "-m", "m"});
    WalkResult r = Walk({t.Path()}, WalkOptions{});
    CHECK(FilePaths(r) == expected);
    CHECK(r.skipped.empty());
    CheckInvariants(r);
  }
}

TEST_CASE("explicit file arguments", "[walk]") {
  TempDir t;
  TempDir elsewhere;
  const std::string repo = t / "repo";
  MakeDir(repo);
  Git(repo, {"init", "-q"});
  Write(repo + "/.gitignore", "ignored.txt\nnode_modules/\n");
  Write(repo + "/ignored.txt", "i\n");
  Write(repo + "/kept.txt", "k\n");
  Write(repo + "/node_modules/m.js", "m\n");
  Write(elsewhere / "far.txt", "f\n");
  ScopedChdir cd(repo);
  REQUIRE(cd.Ok());

  WalkResult r = Walk({"ignored.txt", "node_modules/m.js", "./kept.txt", "kept.txt",
                       repo + "/kept.txt", elsewhere / "far.txt"},
                      WalkOptions{});
  CHECK(r.root == repo);
  CHECK(FilePaths(r) == std::vector<std::string>{elsewhere / "far.txt", "ignored.txt", "kept.txt",
                                                 "node_modules/m.js"});
  REQUIRE(r.files.size() == 4);
  CHECK(r.files[0].abs_path == elsewhere / "far.txt");
  CHECK(r.files[2].abs_path == repo + "/kept.txt");
  CHECK(r.errors.empty());
  CheckInvariants(r);

  SECTION("a directory plus a file inside it: listed once") {
    WalkResult d = Walk({".", "kept.txt", "ignored.txt"}, WalkOptions{});
    CHECK(FilePaths(d) == std::vector<std::string>{".gitignore", "ignored.txt", "kept.txt"});
  }
  SECTION("a single file argument: the root is the current directory") {
    WalkResult s = Walk({"ignored.txt"}, WalkOptions{});
    CHECK(s.root == repo);
    CHECK(FilePaths(s) == std::vector<std::string>{"ignored.txt"});
  }
}

TEST_CASE("a nonexistent argument is an error", "[walk]") {
  TempDir t;
  Write(t / "a.txt", "a\n");
  ScopedChdir cd(t.Path());
  REQUIRE(cd.Ok());
  WalkResult r = Walk({"nope", "a.txt", "missing/dir/"}, Plain());
  CHECK(r.errors == std::vector<std::string>{"no such file or directory: nope",
                                             "no such file or directory: missing/dir/"});
  CHECK(FilePaths(r) == std::vector<std::string>{"a.txt"});
  WalkResult f = Walk({"a.txt/x"}, Plain());
  CHECK(f.errors == std::vector<std::string>{"no such file or directory: a.txt/x"});
  CHECK(f.files.empty());
}

TEST_CASE("ReadFile reads whole files", "[walk]") {
  TempDir t;
  std::string big(3 * 1024 * 1024 + 17, 'a');
  for (size_t i = 0; i < big.size(); i += 4099) big[i] = static_cast<char>('0' + i % 10);
  Write(t / "big.txt", big);
  Write(t / "empty.txt", "");
  std::string content;
  std::string err;
  REQUIRE(ReadFile(t / "big.txt", &content, &err));
  CHECK(content == big);
  REQUIRE(ReadFile(t / "empty.txt", &content, &err));
  CHECK(content.empty());
  CHECK_FALSE(ReadFile(t / "missing", &content, &err));
  CHECK(err == std::strerror(ENOENT));
  CHECK_FALSE(ReadFile(t.Path(), &content, &err));
  CHECK_FALSE(err.empty());
}

// Speed is measured by tests/bench, not asserted here (shared machines are noisy); this checks
// that a large tree is listed completely and in order.
TEST_CASE("50,000 files are all listed", "[walk]") {
  TempDir t;
  constexpr int kDirs = 50;
  constexpr int kPerDir = 1000;
  // One real file per directory, the rest hard links to it: the walker sees 50,000 distinct paths
  // (each lstat'ed, opened and probed), while creation avoids allocating 50,000 inodes, which on
  // some CI disks costs ~0.5 ms each and would dominate the test.
  int failures = 0;
  for (int d = 0; d < kDirs; ++d) {
    std::string dir = t / ("d" + std::to_string(d));
    REQUIRE(mkdir(dir.c_str(), 0755) == 0);
    std::string first = dir + "/f0.txt";
    Write(first, "file " + std::to_string(d) + "\n");
    for (int f = 1; f < kPerDir; ++f) {
      std::string path = dir + "/f" + std::to_string(f) + ".txt";
      if (link(first.c_str(), path.c_str()) != 0) ++failures;
    }
  }
  REQUIRE(failures == 0);
  const auto check = [&](const WalkResult& r) {
    REQUIRE(r.files.size() == static_cast<size_t>(kDirs * kPerDir));
    CHECK(r.files.front().path == "d0/f0.txt");
    CHECK(r.files.back().path == "d9/f999.txt");
    CHECK(r.skipped.empty());
    CHECK(r.seen == static_cast<uint64_t>(kDirs * kPerDir));
    CheckInvariants(r);
  };
  WalkResult plain = Walk({t.Path()}, Plain());
  check(plain);

  SECTION("git mode (all untracked)") {
    Git(t.Path(), {"init", "-q"});
    WalkResult git = Walk({t.Path()}, WalkOptions{});
    check(git);
  }
}

}  // namespace authshift::core
