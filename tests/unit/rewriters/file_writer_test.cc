#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <string>
#include <vector>

#include "rewriters/edit.h"
#include "rewriters/file_writer.h"
#include "tests/test_util.h"

using authshift::rewriters::ApplyEditsToFile;
using authshift::rewriters::Edit;
using authshift::rewriters::EditSet;
using authshift::rewriters::WriteFileAtomically;
using authshift::testing::ReadAll;
using authshift::testing::TempDir;

namespace {

namespace fs = std::filesystem;

std::vector<std::string> Entries(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

struct stat Stat(const std::string& path) {
  struct stat st {};
  REQUIRE(lstat(path.c_str(), &st) == 0);
  return st;
}

// An edit replacing the first occurrence of `from` in `text` with `to`.
Edit Replace(const std::string& text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return Edit{at, from.size(), to, "test-rule"};
}

void SetOldMtime(const std::string& path) {
  struct timespec times[2] = {{1000000000, 0}, {1000000000, 0}};
  REQUIRE(utimensat(AT_FDCWD, path.c_str(), times, 0) == 0);
}

}  // namespace

TEST_CASE("edits are applied byte-exactly: BOM, CRLF and no final newline survive", "[fix]") {
  TempDir dir;
  const std::string original =
      "\xEF\xBB\xBFimport requests\r\nurl = base + '?authtoken=' + tok\r\nrequests.get(url)";
  const std::string path = dir.Write("client.py", original);
  EditSet edits;
  edits.Add(Replace(original, "'?authtoken=' + tok", "''"));
  edits.Add(Replace(original, "requests.get(url)", "requests.get(url, headers=h)"));
  std::string err;
  REQUIRE(ApplyEditsToFile(path, edits, &err));
  CHECK(err.empty());
  CHECK(ReadAll(path) == "\xEF\xBB\xBFimport requests\r\nurl = base + ''\r\nrequests.get(url, headers=h)");
  CHECK(Entries(dir.path()) == std::vector<std::string>{"client.py"});  // no temp file left
}

TEST_CASE("the file's mode is kept", "[fix]") {
  TempDir dir;
  const std::string path = dir.Write("run.sh", "#!/bin/sh\ncurl \"$URL?authtoken=$T\"\n");
  REQUIRE(chmod(path.c_str(), 0755) == 0);
  EditSet edits;
  edits.Add(Replace(ReadAll(path), "?authtoken=$T", ""));
  std::string err;
  REQUIRE(ApplyEditsToFile(path, edits, &err));
  CHECK(ReadAll(path) == "#!/bin/sh\ncurl \"$URL\"\n");
  CHECK((Stat(path).st_mode & 07777) == 0755);

  REQUIRE(chmod(path.c_str(), 0640) == 0);
  REQUIRE(WriteFileAtomically(path, "x", &err));
  CHECK((Stat(path).st_mode & 07777) == 0640);
}

TEST_CASE("the owner is kept when running as root", "[fix]") {
  if (geteuid() != 0) {
    WARN("not root: owner preservation not tested");
    return;
  }
  TempDir dir;
  const std::string path = dir.Write("owned.txt", "old\n");
  REQUIRE(chown(path.c_str(), 12345, 23456) == 0);
  std::string err;
  REQUIRE(WriteFileAtomically(path, "new\n", &err));
  CHECK(Stat(path).st_uid == 12345);
  CHECK(Stat(path).st_gid == 23456);
  CHECK(ReadAll(path) == "new\n");
}

TEST_CASE("no edits, or edits that change nothing, write nothing", "[fix]") {
  TempDir dir;
  const std::string path = dir.Write("same.txt", "keep me\n");
  SetOldMtime(path);
  const ino_t inode = Stat(path).st_ino;
  EditSet none;
  std::string err;
  REQUIRE(ApplyEditsToFile(path, none, &err));
  EditSet same;
  same.Add({0, 4, "keep", "r"});
  REQUIRE(ApplyEditsToFile(path, same, &err));
  CHECK(Stat(path).st_mtime == 1000000000);
  CHECK(Stat(path).st_ino == inode);
  CHECK(ReadAll(path) == "keep me\n");
}

TEST_CASE("conflicting or out-of-range edits fail and leave the file alone", "[fix]") {
  TempDir dir;
  const std::string path = dir.Write("f.txt", "0123456789");
  SetOldMtime(path);
  std::string err;
  EditSet conflict;
  conflict.Add({0, 5, "x", "rule-a"});
  conflict.Add({3, 4, "y", "rule-b"});
  CHECK_FALSE(ApplyEditsToFile(path, conflict, &err));
  CHECK(err == path + ": edits of rule-a and rule-b overlap at bytes 3-7");
  EditSet outside;
  outside.Add({8, 5, "x", "rule-c"});
  CHECK_FALSE(ApplyEditsToFile(path, outside, &err));
  CHECK(err == path + ": edit of rule-c at bytes 8-13 lies outside the file (10 bytes)");
  CHECK(ReadAll(path) == "0123456789");
  CHECK(Stat(path).st_mtime == 1000000000);
  CHECK(Entries(dir.path()) == std::vector<std::string>{"f.txt"});
}

TEST_CASE("a target that is a directory or in a missing directory fails cleanly", "[fix]") {
  TempDir dir;
  dir.Write("victim/inside.txt", "untouched\n");
  std::string err;
  CHECK_FALSE(WriteFileAtomically(dir.path() + "/victim", "data", &err));
  CHECK(err.find("not a regular file") != std::string::npos);
  CHECK(ReadAll(dir.path() + "/victim/inside.txt") == "untouched\n");
  CHECK(Entries(dir.path()) == std::vector<std::string>{"victim"});

  CHECK_FALSE(WriteFileAtomically(dir.path() + "/missing/f.txt", "data", &err));
  CHECK(err.find("cannot create a temporary file") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path() + "/missing"));

  EditSet edits;
  edits.Add({0, 0, "x", "r"});
  CHECK_FALSE(ApplyEditsToFile(dir.path() + "/nope.txt", edits, &err));
  CHECK(err.find("cannot read") != std::string::npos);
}

TEST_CASE("a write that fails midway leaves the original and no temp file", "[fix]") {
  // RLIMIT_FSIZE binds root too: the temp file hits the limit like a full disk (EFBIG).
  TempDir dir;
  const std::string original = "original contents\n";
  const std::string path = dir.Write("big.txt", original);
  REQUIRE(chmod(path.c_str(), 0600) == 0);
  struct rlimit old_limit {};
  REQUIRE(getrlimit(RLIMIT_FSIZE, &old_limit) == 0);
  auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit small = old_limit;
  small.rlim_cur = 4096;
  REQUIRE(setrlimit(RLIMIT_FSIZE, &small) == 0);
  std::string err;
  bool ok = WriteFileAtomically(path, std::string(100000, 'x'), &err);
  setrlimit(RLIMIT_FSIZE, &old_limit);
  std::signal(SIGXFSZ, old_handler);
  CHECK_FALSE(ok);
  CHECK(err.find("write failed") != std::string::npos);
  CHECK(ReadAll(path) == original);
  CHECK((Stat(path).st_mode & 07777) == 0600);
  CHECK(Entries(dir.path()) == std::vector<std::string>{"big.txt"});
}

TEST_CASE("a symlink is written through and kept, a new file gets 0666 & ~umask", "[fix]") {
  TempDir dir;
  const std::string target = dir.Write("real/target.txt", "old\n");
  const std::string link = dir.path() + "/link.txt";
  REQUIRE(symlink("real/target.txt", link.c_str()) == 0);
  std::string err;
  REQUIRE(WriteFileAtomically(link, "new\n", &err));
  CHECK(S_ISLNK(Stat(link).st_mode));
  CHECK(ReadAll(target) == "new\n");
  CHECK(Entries(dir.path() + "/real") == std::vector<std::string>{"target.txt"});

  mode_t old_mask = umask(027);
  bool created = WriteFileAtomically(dir.path() + "/fresh.txt", "", &err);
  umask(old_mask);
  REQUIRE(created);
  CHECK((Stat(dir.path() + "/fresh.txt").st_mode & 07777) == 0640);
  CHECK(ReadAll(dir.path() + "/fresh.txt").empty());
}

TEST_CASE("temp files left by a killed writer are removed by the next write", "[fix]") {
  TempDir dir;
  std::string target = dir.Write("a.py", "old\n");
  // A pid that is certainly dead: a child that has exited and been reaped.
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) _exit(0);
  REQUIRE(waitpid(child, nullptr, 0) == child);
  std::string dead = std::to_string(child);
  std::string live = std::to_string(getpid());
  dir.Write(".a.py.authshift-" + dead + "-Ab12Cd", "half-written");    // killed run: removed
  dir.Write(".b.py.authshift-" + dead + "-Xy34Zw", "half-written");    // other file, same dir: removed
  dir.Write(".a.py.authshift-" + live + "-Ef56Gh", "in progress");     // a live writer: kept
  dir.Write(".a.py.authshift-Ij78Kl", "old format, old");              // no pid, 1 hour old: removed
  dir.Write(".a.py.authshift-Mn90Op", "old format, fresh");            // no pid, fresh: kept
  dir.Write("notes.authshift-Qr12St", "not ours");                     // not a dot file: kept
  struct timespec times[2] = {{time(nullptr) - 3600, 0}, {time(nullptr) - 3600, 0}};
  REQUIRE(utimensat(AT_FDCWD, (dir.path() + "/.a.py.authshift-Ij78Kl").c_str(), times, 0) == 0);
  std::string err;
  REQUIRE(WriteFileAtomically(target, "new\n", &err));
  CHECK(ReadAll(target) == "new\n");
  CHECK(Entries(dir.path()) == std::vector<std::string>{".a.py.authshift-" + live + "-Ef56Gh", ".a.py.authshift-Mn90Op",
                                                        "a.py", "notes.authshift-Qr12St"});
}
