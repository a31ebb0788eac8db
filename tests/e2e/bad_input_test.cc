// Bad input, each case a clear message or a counted skip: never a crash, a hang or a partial report.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/test_util.h"

using authshift::testing::ReadAll;
using authshift::testing::RunCli;
using authshift::testing::TempDir;
using nlohmann::json;

namespace {

const std::string kLine = "h = {'Authorization': 'Zoho-authtoken ' + t}\n";

json ScanJson(const std::vector<std::string>& extra, const std::string& path) {
  std::vector<std::string> args = {"scan", "--format", "json", "--no-git"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(path);
  auto r = RunCli(args);
  REQUIRE((r.code == 0 || r.code == 1));
  return json::parse(r.out);
}

}  // namespace

TEST_CASE("invalid UTF-8, CRLF, BOM and empty files", "[bad-input]") {
  TempDir d;
  d.Write("invalid.py", "x = '\xff\xfe\xc3'  \n" + kLine);
  d.Write("crlf.py", "import x\r\n" + kLine.substr(0, kLine.size() - 1) + "\r\n");
  d.Write("bom.py", "\xEF\xBB\xBF" + kLine);
  d.Write("empty.py", "");
  json j = ScanJson({}, d.path());
  REQUIRE(j["findings"].size() == 3);
  // Sorted by path: bom, crlf, invalid.
  CHECK(j["findings"][0]["path"] == "bom.py");
  CHECK(j["findings"][0]["start"]["line"] == 1);
  CHECK(j["findings"][0]["start"]["column"] == 6);  // the dict entry; the BOM is not a column
  CHECK(j["findings"][1]["path"] == "crlf.py");
  CHECK(j["findings"][1]["start"]["line"] == 2);
  CHECK(j["findings"][1]["snippet"] == kLine.substr(0, kLine.size() - 1));  // no CR
  CHECK(j["findings"][2]["path"] == "invalid.py");
  CHECK(j["findings"][2]["start"]["line"] == 2);
  CHECK(j["stats"]["files_scanned"] == 4);
  // The text report survives the invalid bytes too.
  auto t = RunCli({"scan", "--no-git", d.path()});
  CHECK(t.code == 1);
  CHECK(t.out.find("3 findings") != std::string::npos);
}

TEST_CASE("a 100 MB file is skipped by default and scanned when allowed", "[bad-input][slow]") {
  TempDir d;
  {
    std::ofstream big(d.path() + "/big.py", std::ios::binary);
    std::string chunk(1 << 20, 'a');
    for (size_t i = 0; i < chunk.size(); i += 64) chunk[i] = '\n';
    for (int i = 0; i < 100; ++i) big << chunk;
    big << kLine;
  }
  json skipped = ScanJson({}, d.path());
  CHECK(skipped["findings"].empty());
  CHECK(skipped["stats"]["skipped_by_reason"]["too-large"] == 1);
  json scanned = ScanJson({"--max-file-size", "200M"}, d.path());
  REQUIRE(scanned["findings"].size() == 1);
  CHECK(scanned["findings"][0]["start"]["line"] == 100 * 16384 + 1);
}

TEST_CASE("a tree of 50,000 small files", "[bad-input][slow]") {
  TempDir d;
  // Creating 50,000 fresh inodes is slow on some disks: one real file, the rest hard links to it
  // (each is still its own path to list, open and read), plus one file that holds a finding.
  std::string seed = d.Write("seed.txt", "x = 1\n");
  for (int dir = 0; dir < 100; ++dir) {
    std::string sub = d.path() + "/d" + std::to_string(dir);
    std::filesystem::create_directory(sub);
    for (int f = 0; f < 500; ++f) {
      std::string p = sub + "/f" + std::to_string(f) + ".py";
      if (dir == 42 && f == 7) {
        d.Write("d42/f7.py", kLine);
      } else {
        REQUIRE(link(seed.c_str(), p.c_str()) == 0);
      }
    }
  }
  std::filesystem::remove(seed);
  json j = ScanJson({"--jobs", "2"}, d.path());
  CHECK(j["stats"]["files_scanned"] == 50000);
  REQUIRE(j["findings"].size() == 1);
  CHECK(j["findings"][0]["path"] == "d42/f7.py");
}

TEST_CASE("symlinks: broken, looping, leaving the tree; special files", "[bad-input]") {
  TempDir outside;
  outside.Write("secret.py", kLine);
  TempDir d;
  d.Write("real.py", kLine);
  std::filesystem::create_symlink("missing.py", d.path() + "/broken.py");
  std::filesystem::create_symlink("loop2", d.path() + "/loop1");
  std::filesystem::create_symlink("loop1", d.path() + "/loop2");
  std::filesystem::create_directory(d.path() + "/sub");
  std::filesystem::create_directory_symlink("..", d.path() + "/sub/up");
  std::filesystem::create_symlink(outside.path() + "/secret.py", d.path() + "/out.py");
  std::filesystem::create_symlink("real.py", d.path() + "/alias.py");
  REQUIRE(mkfifo((d.path() + "/pipe").c_str(), 0644) == 0);
  json j = ScanJson({}, d.path());
  REQUIRE(j["findings"].size() == 1);
  CHECK(j["findings"][0]["path"] == "real.py");
  CHECK(j["stats"]["skipped_by_reason"]["broken-symlink"] == 3);
  CHECK(j["stats"]["skipped_by_reason"]["symlink-outside-tree"] == 1);
  CHECK(j["stats"]["skipped_by_reason"]["special-file"] == 1);
  auto v = RunCli({"scan", "--verbose", "--no-git", d.path()});
  CHECK(v.err.find("skipped out.py: symlink-outside-tree") != std::string::npos);
  CHECK(v.err.find("skipped pipe: special-file") != std::string::npos);
}

TEST_CASE("file names with spaces, newlines and non-ASCII", "[bad-input]") {
  TempDir d;
  d.Write("with space.py", kLine);
  d.Write("new\nline.py", kLine);
  d.Write("ünïcødé/日本.py", kLine);
  for (bool git : {false, true}) {
    if (git) {
      REQUIRE(std::system(("git -C '" + d.path() + "' init -q").c_str()) == 0);
    }
    auto r = RunCli({"scan", "--format", "json", d.path()});
    REQUIRE(r.code == 1);
    json j = json::parse(r.out);
    REQUIRE(j["findings"].size() == 3);
    CHECK(j["findings"][0]["path"] == "new\nline.py");
    CHECK(j["findings"][1]["path"] == "with space.py");
    CHECK(j["findings"][2]["path"] == "ünïcødé/日本.py");
  }
}

TEST_CASE("unreadable files are skipped and counted", "[bad-input]") {
  // Root reads anything, so the scan runs in a child that has dropped to nobody.
  TempDir d;
  d.Write("ok.py", kLine);
  std::string locked = d.Write("locked.py", kLine);
  REQUIRE(chmod(locked.c_str(), 0) == 0);
  REQUIRE(chmod(d.path().c_str(), 0777) == 0);
  std::string report = d.path() + "/report.json";
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    if (getuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(99);
    auto r = RunCli({"scan", "--no-git", "--format", "json", "--output", report, d.path() + "/ok.py", locked});
    _exit(r.code);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 1);
  json j = json::parse(ReadAll(report));
  CHECK(j["findings"].size() == 1);
  CHECK(j["stats"]["skipped_by_reason"]["unreadable"] == 1);
  REQUIRE(j["skipped"].size() == 1);
  CHECK(j["skipped"][0]["reason"] == "unreadable");
}

TEST_CASE("binary files are skipped by the CLI", "[bad-input]") {
  TempDir d;
  d.Write("blob.bin", std::string("PK\0\0", 4) + kLine);
  json j = ScanJson({}, d.path());
  CHECK(j["findings"].empty());
  CHECK(j["stats"]["skipped_by_reason"]["binary"] == 1);
}
