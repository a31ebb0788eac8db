// The streaming walk against the listing walk: on the same trees (plain and git, every kind of
// entry Walk distinguishes), with 1 to 8 threads, it must find the same files and the same skips,
// with the same details, and read each file's exact bytes.
#include "scanner/core/walk_parallel.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/test_util.h"

namespace authshift::core {
namespace {

// (path, what): "file" with the bytes read, or the skip reason and detail.
using Outcome = std::map<std::string, std::string>;

Outcome FromWalk(const std::vector<std::string>& paths, WalkOptions options) {
  options.probe_content = true;
  WalkResult r = Walk(paths, options);
  Outcome out;
  for (const WalkedFile& f : r.files) {
    std::string bytes;
    std::string err;
    REQUIRE(ReadFile(f.abs_path, &bytes, &err));
    out[f.path] = "file:" + bytes;
  }
  for (const SkippedFile& s : r.skipped) out[s.path] = std::string(SkipReasonName(s.reason)) + ":" + s.detail;
  return out;
}

Outcome FromStream(const std::vector<std::string>& paths, const WalkOptions& options, unsigned jobs) {
  REQUIRE(CanWalkStreaming(paths));
  Outcome out;
  std::mutex mu;
  std::vector<ReadBuffer> buffers(jobs);
  size_t calls = 0;
  StreamedWalk w = WalkStreaming(paths, options, jobs, [&](unsigned worker, const FoundFile& f) {
    REQUIRE(worker < jobs);
    std::string detail;
    ReadOutcome o = ReadFound(f, options.max_file_size, &buffers[worker], &detail);
    std::string what;
    if (o == ReadOutcome::kTooLarge) {
      what = "too-large:" + detail;
    } else if (o == ReadOutcome::kUnreadable) {
      what = "unreadable:" + detail;
    } else if (LooksBinary(buffers[worker].view())) {
      what = "binary:";
    } else {
      what = "file:" + std::string(buffers[worker].view());
    }
    std::lock_guard<std::mutex> lock(mu);
    ++calls;
    CHECK(out.emplace(f.path, what).second);  // each file once
  });
  CHECK(w.errors.empty());
  CHECK(std::is_sorted(w.skipped.begin(), w.skipped.end(),
                       [](const auto& a, const auto& b) { return a.path < b.path; }));
  for (const SkippedFile& s : w.skipped) {
    CHECK(out.emplace(s.path, std::string(SkipReasonName(s.reason)) + ":" + s.detail).second);
  }
  CHECK(calls + w.skipped.size() == out.size());
  return out;
}

// Every kind of entry: nested and excluded directories, empty, binary, large and odd-named files,
// symlinks to files and directories inside and outside, broken ones, a loop, a FIFO and a socket,
// and enough files over enough directories for the workers to interleave.
void BuildTree(const testing::TempDir& t, const std::string& outside) {
  t.Write("a.txt", "alpha\n");
  t.Write("empty.txt", "");
  t.Write("sub/deep/deeper/d.py", "x = 'authtoken'\n");
  t.Write("node_modules/skipped.js", "never listed\n");
  t.Write("sub/build/skipped.c", "never listed\n");
  t.Write("bin.dat", std::string("ab\0cd", 5));
  t.Write("late-nul.txt", std::string(9000, 'a') + std::string(1, '\0'));
  t.Write("big.txt", std::string(5000, 'b'));
  t.Write("name with spaces\nand newline.txt", "n\n");
  t.Write("caf\xC3\xA9.txt", "c\n");
  for (int d = 0; d < 40; ++d) {
    for (int f = 0; f < 25; ++f) {
      t.Write("many/d" + std::to_string(d) + "/f" + std::to_string(f) + ".txt", std::to_string(d * 100 + f));
    }
  }
  const std::string root = t.path();
  REQUIRE(symlink((root + "/a.txt").c_str(), (root + "/link-in").c_str()) == 0);
  REQUIRE(symlink(outside.c_str(), (root + "/link-out").c_str()) == 0);
  REQUIRE(symlink((root + "/sub").c_str(), (root + "/link-dir").c_str()) == 0);
  REQUIRE(symlink("missing", (root + "/sub/broken").c_str()) == 0);
  REQUIRE(symlink("loop", (root + "/loop").c_str()) == 0);
  REQUIRE(mkfifo((root + "/pipe").c_str(), 0644) == 0);
  int sock = socket(AF_UNIX, SOCK_STREAM, 0);
  REQUIRE(sock >= 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  const std::string sock_path = root + "/sub/sock";
  REQUIRE(sock_path.size() < sizeof(addr.sun_path));
  std::memcpy(addr.sun_path, sock_path.c_str(), sock_path.size() + 1);
  REQUIRE(bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
  close(sock);
}

}  // namespace

TEST_CASE("the streaming walk finds what Walk finds, with any number of threads", "[walk]") {
  testing::TempDir outside_dir;
  const std::string outside = outside_dir.Write("o.txt", "outside\n");
  testing::TempDir t;
  BuildTree(t, outside);
  WalkOptions options;
  options.use_git = false;
  options.max_file_size = 4096;
  const Outcome expected = FromWalk({t.path()}, options);
  // Spot checks that the tree holds what it should (so an empty comparison cannot pass).
  CHECK(expected.size() == 1000 + 15);
  CHECK(expected.at("a.txt") == "file:alpha\n");
  CHECK(expected.at("big.txt") == "too-large:5000 bytes");
  CHECK(expected.at("bin.dat") == "binary:");
  CHECK(expected.at("late-nul.txt").rfind("too-large:", 0) == 0);
  CHECK(expected.at("pipe") == "special-file:fifo");
  CHECK(expected.at("sub/sock") == "special-file:socket");
  CHECK(expected.at("link-in").rfind("symlink:", 0) == 0);
  CHECK(expected.at("link-out").rfind("symlink-outside-tree:", 0) == 0);
  CHECK(expected.at("link-dir").rfind("symlink:", 0) == 0);
  CHECK(expected.at("sub/broken").rfind("broken-symlink:", 0) == 0);
  CHECK(expected.at("loop").rfind("broken-symlink:", 0) == 0);
  CHECK(expected.count("node_modules/skipped.js") == 0);
  for (unsigned jobs : {1u, 2u, 3u, 8u}) {
    INFO("jobs " << jobs);
    CHECK(FromStream({t.path()}, options, jobs) == expected);
  }
  options.max_file_size = 1 << 20;  // the late NUL is past the 8 KiB window: a text file
  const Outcome bigger = FromWalk({t.path()}, options);
  CHECK(bigger.at("late-nul.txt").rfind("file:", 0) == 0);
  CHECK(FromStream({t.path()}, options, 2) == bigger);
}

TEST_CASE("the streaming walk lists a git work tree as Walk does", "[walk]") {
  testing::TempDir t;
  const std::string repo = t.path();
  auto git = [&](const std::string& args) {
    REQUIRE(std::system(("git -C '" + repo + "' -c user.email=a@b -c user.name=n -c commit.gpgsign=false " + args +
                         " >/dev/null 2>&1")
                            .c_str()) == 0);
  };
  git("init -q");
  t.Write(".gitignore", "ignored.txt\n");
  t.Write("tracked.txt", "t\n");
  t.Write("node_modules/tracked.js", "tracked despite the default excludes\n");
  t.Write("deleted.txt", "soon gone\n");
  git("add -A");
  git("commit -q -m init");
  REQUIRE(unlink((repo + "/deleted.txt").c_str()) == 0);
  t.Write("untracked.txt", "u\n");
  t.Write("ignored.txt", "i\n");
  REQUIRE(symlink("tracked.txt", (repo + "/link").c_str()) == 0);
  WalkOptions options;
  const Outcome expected = FromWalk({repo}, options);
  CHECK(expected.size() == 5);
  CHECK(expected.at("node_modules/tracked.js") == "file:tracked despite the default excludes\n");
  CHECK(expected.count("ignored.txt") == 0);
  CHECK(expected.count("deleted.txt") == 0);
  for (unsigned jobs : {1u, 2u, 5u}) {
    INFO("jobs " << jobs);
    CHECK(FromStream({repo}, options, jobs) == expected);
  }
}

TEST_CASE("CanWalkStreaming takes one directory or none", "[walk]") {
  testing::TempDir t;
  const std::string file = t.Write("f.txt", "f\n");
  CHECK(CanWalkStreaming({t.path()}));
  CHECK_FALSE(CanWalkStreaming({file}));
  CHECK_FALSE(CanWalkStreaming({t.path(), t.path()}));
  CHECK_FALSE(CanWalkStreaming({t.path() + "/missing"}));
}

TEST_CASE("ReadFound reads whole files into a reused buffer", "[walk]") {
  testing::TempDir t;
  const std::string big(3 * 1024 * 1024 + 17, 'x');
  t.Write("big.txt", big);
  t.Write("small.txt", "small\n");
  t.Write("empty.txt", "");
  ReadBuffer buffer;
  std::string detail;
  const std::string dir = t.path();
  auto read = [&](const std::string& name) {
    const std::string abs = dir + "/" + name;
    return ReadFound(FoundFile{AT_FDCWD, abs.c_str(), name}, uint64_t{1} << 30, &buffer, &detail);
  };
  REQUIRE(read("big.txt") == ReadOutcome::kOk);
  CHECK(buffer.view() == big);
  REQUIRE(read("small.txt") == ReadOutcome::kOk);
  CHECK(buffer.view() == "small\n");
  CHECK(buffer.capacity > big.size());  // kept for the next file
  REQUIRE(read("empty.txt") == ReadOutcome::kOk);
  CHECK(buffer.view().empty());
  CHECK(read("missing.txt") == ReadOutcome::kUnreadable);
  CHECK(detail == std::strerror(ENOENT));
  CHECK(buffer.view().empty());
}

}  // namespace authshift::core
