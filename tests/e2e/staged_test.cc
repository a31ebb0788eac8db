// `authshift scan --staged` (the index, not the work tree) and `--diff-base REV` (only lines changed
// since REV), in throwaway git repositories; and the native hook, which runs `scan --staged`.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "scanner/core/git.h"
#include "tests/test_util.h"

namespace {

namespace fs = std::filesystem;
using authshift::testing::ScopedEnv;
using authshift::testing::CliResult;
using authshift::testing::ReadAll;
using authshift::testing::RunCli;
using authshift::testing::TempDir;

std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// A git repository in a temporary directory; git sees neither the user's nor the system's
// configuration and no GIT_DIR/GIT_INDEX_FILE from outside.
class Repo {
 public:
  Repo()
      : global_env_("GIT_CONFIG_GLOBAL", dir_.Write("gitconfig",
                                                    "[user]\n\tname = authshift test\n\temail = t@example.invalid\n"
                                                    "[init]\n\tdefaultBranch = main\n")),
        nosystem_env_("GIT_CONFIG_NOSYSTEM", "1"),
        git_dir_env_("GIT_DIR", std::nullopt),
        work_tree_env_("GIT_WORK_TREE", std::nullopt),
        index_env_("GIT_INDEX_FILE", std::nullopt),
        path_(dir_.path() + "/repo") {
    fs::create_directories(path_);
    Git("init -q . && git commit -q --allow-empty -m init");
  }
  const std::string& path() const { return path_; }
  std::string Write(const std::string& rel, const std::string& content) const { return dir_.Write("repo/" + rel, content); }
  // Runs a shell command in the repository ("git " is prepended); REQUIREs success.
  std::string Git(const std::string& cmd) const {
    auto [code, out] = Sh("git " + cmd);
    INFO("git " << cmd << "\n" << out);
    REQUIRE(code == 0);
    return out;
  }
  std::pair<int, std::string> Sh(const std::string& cmd) const {
    std::string full = "cd " + Quote(path_) + " && { " + cmd + "; } 2>&1";
    std::string out;
    FILE* p = popen(full.c_str(), "r");
    REQUIRE(p != nullptr);
    std::array<char, 4096> buf{};
    size_t n = 0;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
    int status = pclose(p);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
  }
  CliResult Scan(std::vector<std::string> args, const std::string& subdir = "") const {
    args.insert(args.begin(), {"scan", "--quiet", "--no-color"});
    return RunCli(args, subdir.empty() ? path_ : path_ + "/" + subdir);
  }

 private:
  TempDir dir_;
  ScopedEnv global_env_;
  ScopedEnv nosystem_env_;
  ScopedEnv git_dir_env_;
  ScopedEnv work_tree_env_;
  ScopedEnv index_env_;
  std::string path_;
};

const std::string kBad = "headers = {\"Authorization\": \"Zoho-authtoken \" + token}\n";
const std::string kBad2 = "h2 = {\"Authorization\": \"Zoho-authtoken \" + other}\n";
const std::string kClean = "headers = {\"Authorization\": \"Zoho-oauthtoken \" + token}\n";

// One --quiet line of the header rule, at `line`:`col`.
std::string Hit(const std::string& path, int line, int col) {
  return path + ":" + std::to_string(line) + ":" + std::to_string(col) +
         ": error: Header map sends Authorization: Zoho-authtoken: Zoho no longer accepts Authtokens "
         "[authtoken-header]\n";
}

}  // namespace

TEST_CASE("scan --staged reads the index with its line numbers, not the work tree", "[staged]") {
  Repo repo;
  repo.Write("api.rb", "x = 1\n" + kClean);
  repo.Write("other.rb", kClean);
  repo.Git("add . && git commit -q -m base");

  // Staged: the Authtoken on line 3. Then the work tree moves it to line 6 and adds a second one.
  repo.Write("api.rb", "x = 1\ny = 2\n" + kBad);
  repo.Git("add api.rb");
  repo.Write("api.rb", "# a\n# b\n# c\nx = 1\ny = 2\n" + kBad + kBad2);
  // Work tree only: a modified tracked file and an untracked file are not what the commit holds.
  repo.Write("other.rb", kBad);
  repo.Write("untracked.rb", kBad);

  CliResult r = repo.Scan({"--staged"});
  INFO(r.err);
  CHECK(r.code == 1);
  CHECK(r.out == Hit("api.rb", 3, 12));

  // The plain scan sees the work tree: both lines moved, and the other files.
  CliResult plain = repo.Scan({});
  CHECK(plain.code == 1);
  CHECK(plain.out == Hit("api.rb", 6, 12) + "api.rb:7:7: error: Header map sends Authorization: Zoho-authtoken: "
                                             "Zoho no longer accepts Authtokens [authtoken-header]\n" +
                         Hit("other.rb", 1, 12) + Hit("untracked.rb", 1, 12));

  // From a subdirectory, without paths: still everything staged, reported from the top.
  fs::create_directories(repo.path() + "/sub");
  CliResult sub = repo.Scan({"--staged"}, "sub");
  CHECK(sub.code == 1);
  CHECK(sub.out == Hit("api.rb", 3, 12));

  // JSON: the staged file was the only one scanned.
  CliResult json = RunCli({"scan", "--staged", "--format", "json"}, repo.path());
  CHECK(json.out.find("\"files_scanned\": 1,") != std::string::npos);

  // Nothing staged: a clean scan of nothing.
  repo.Git("reset -q");
  CliResult none = repo.Scan({"--staged"});
  CHECK(none.code == 0);
  CHECK(none.out.empty());
}

TEST_CASE("scan --staged: deletions are not scanned, a staged file deleted from the work tree is", "[staged]") {
  Repo repo;
  repo.Write("old.rb", kBad);
  repo.Write("keep.rb", kClean);
  repo.Git("add . && git commit -q -m base");

  repo.Git("rm -q old.rb");
  CliResult deleted = repo.Scan({"--staged"});
  INFO(deleted.err);
  CHECK(deleted.code == 0);
  CHECK(deleted.out.empty());

  // Staged, then removed from the work tree (not from the index): the commit still holds it.
  repo.Write("keep.rb", "x = 1\n" + kBad);
  repo.Git("add keep.rb");
  fs::remove(repo.path() + "/keep.rb");
  CliResult gone = repo.Scan({"--staged"});
  CHECK(gone.code == 1);
  CHECK(gone.out == Hit("keep.rb", 2, 12));
  // ... also when named as a path argument, although it is not in the work tree.
  CliResult named = repo.Scan({"--staged", "keep.rb"});
  CHECK(named.code == 1);
  CHECK(named.out == Hit("keep.rb", 2, 12));
}

TEST_CASE("scan --staged and --diff-base follow renames", "[staged]") {
  Repo repo;
  repo.Write("lib/old name.rb", "x = 1\n" + kBad);
  repo.Git("add . && git commit -q -m base");

  // A pure rename: the staged file is scanned whole, under its new name ...
  repo.Git("mv 'lib/old name.rb' 'lib/new name.rb'");
  CliResult renamed = repo.Scan({"--staged"});
  INFO(renamed.err);
  CHECK(renamed.code == 1);
  CHECK(renamed.out == Hit("lib/new name.rb", 2, 12));
  // ... but it changes no line since HEAD.
  CliResult base = repo.Scan({"--staged", "--diff-base", "HEAD"});
  CHECK(base.code == 0);
  CHECK(base.out.empty());

  // Renamed and given a new Authtoken: only the new line is new.
  repo.Write("lib/new name.rb", "x = 1\n" + kBad + "y = 2\n" + kBad2);
  repo.Git("add -A");
  CliResult changed = repo.Scan({"--staged", "--diff-base", "HEAD"});
  CHECK(changed.code == 1);
  CHECK(changed.out == "lib/new name.rb:4:7: error: Header map sends Authorization: Zoho-authtoken: Zoho no longer "
                       "accepts Authtokens [authtoken-header]\n");
  // The same against the work tree.
  CliResult work = repo.Scan({"--diff-base", "HEAD"});
  CHECK(work.code == 1);
  CHECK(work.out == changed.out);
}

TEST_CASE("scan --diff-base reports only findings on lines changed since the revision", "[staged]") {
  Repo repo;
  repo.Write("a.rb", "x = 1\n" + kBad + "y = 2\n");
  repo.Write("b.rb", kBad);  // never changed: no finding, ever
  repo.Git("add . && git commit -q -m base");
  std::string base = repo.Git("rev-parse HEAD");
  base.pop_back();

  // A new Authtoken on line 5 and a modified line 2 (still an Authtoken): both reported; the
  // untouched b.rb is not; an untracked file is new in every line.
  repo.Write("a.rb", "x = 1\n" + kBad2 + "y = 2\nz = 3\n" + kBad);
  repo.Write("new.rb", kBad);
  repo.Git("add -A && git commit -q -m second");
  repo.Write("a.rb", "x = 1\n" + kBad2 + "y = 2\nz = 3\n" + kBad + "w = 4\n");  // work tree: no new finding

  CliResult r = repo.Scan({"--diff-base", base});
  INFO(r.err);
  CHECK(r.code == 1);
  CHECK(r.out == "a.rb:2:7: error: Header map sends Authorization: Zoho-authtoken: Zoho no longer accepts "
                 "Authtokens [authtoken-header]\n" +
                     Hit("a.rb", 5, 12) + Hit("new.rb", 1, 12));
  // Against HEAD nothing new has an Authtoken (line 6 is clean).
  CliResult head = repo.Scan({"--diff-base", "HEAD"});
  INFO(head.out);
  CHECK(head.code == 0);
  CHECK(head.out.empty());
  // Any revision syntax git knows; a path argument restricts as usual.
  CliResult rel = repo.Scan({"--diff-base", "HEAD~1", "new.rb"});
  CHECK(rel.code == 1);
  CHECK(rel.out == Hit("new.rb", 1, 12));
  // Without --diff-base everything is reported.
  CHECK(repo.Scan({}).out.find(Hit("b.rb", 1, 12)) != std::string::npos);
}

TEST_CASE("scan --diff-base with a bad revision, and --staged outside a repository, are usage errors", "[staged]") {
  Repo repo;
  repo.Write("a.rb", kBad);
  repo.Git("add a.rb");
  CliResult bad = repo.Scan({"--diff-base", "no-such-branch"});
  CHECK(bad.code == 2);
  CHECK(bad.out.empty());
  CHECK(bad.err == "authshift scan: --diff-base: unknown revision 'no-such-branch' (not a commit in this repository)\n");
  // Not a commit (a blob), and an option-looking revision, are refused the same way.
  CHECK(repo.Scan({"--diff-base", "HEAD:nothing"}).code == 2);
  CHECK(repo.Scan({"--staged", "--diff-base=--all"}).code == 2);
  // --staged cannot be combined with --no-git.
  CliResult nogit = repo.Scan({"--staged", "--no-git"});
  CHECK(nogit.code == 2);
  CHECK(nogit.err == "authshift scan: --staged reads git; it cannot be combined with --no-git\n");
  // A path that neither exists nor names a staged file is a typo.
  CliResult typo = repo.Scan({"--staged", "nope.rb"});
  CHECK(typo.code == 2);
  CHECK(typo.err == "authshift scan: --staged: no such file or directory, and nothing staged there: nope.rb\n");

  TempDir plain;
  plain.Write("a.rb", kBad);
  CliResult outside = RunCli({"scan", "--staged"}, plain.path());
  CHECK(outside.code == 2);
  CHECK(outside.out.empty());
  CHECK(outside.err.rfind("authshift scan: --staged needs a git repository: ", 0) == 0);
  CHECK(outside.err.find("is not in a git work tree") != std::string::npos);
  CliResult outside_base = RunCli({"scan", "--diff-base", "HEAD", "."}, plain.path());
  CHECK(outside_base.code == 2);
  CHECK(outside_base.err.rfind("authshift scan: --diff-base needs a git repository: ", 0) == 0);
}

TEST_CASE("scan --staged with path arguments scans only the staged files under them", "[staged]") {
  Repo repo;
  repo.Write("a/x.rb", kBad);
  repo.Write("b/y.rb", kBad);
  repo.Write("c/z.rb", kBad);
  repo.Write("c/skip.rb", "x = 1\n" + kBad);
  repo.Git("add .");

  // One directory: the scan root, as for a normal scan.
  CliResult one = repo.Scan({"--staged", "a"});
  INFO(one.err);
  CHECK(one.code == 1);
  CHECK(one.out == Hit("x.rb", 1, 12));
  // Several paths, one a file: relative to the current directory. Names are literal, not globs.
  CliResult two = repo.Scan({"--staged", "a/x.rb", "c/z.rb"});
  CHECK(two.code == 1);
  CHECK(two.out == Hit("a/x.rb", 1, 12) + Hit("c/z.rb", 1, 12));
  CHECK(repo.Scan({"--staged", "c/*.rb"}).code == 2);
  // From a subdirectory, relative paths are relative to it.
  CliResult sub = repo.Scan({"--staged", "../b", "."}, "c");
  CHECK(sub.code == 1);
  CHECK(sub.out == Hit("../b/y.rb", 1, 12) + Hit("skip.rb", 2, 12) + Hit("z.rb", 1, 12));
}

TEST_CASE("scan --staged honours .authshift.yml, suppressions, baselines, sizes and binaries", "[staged]") {
  Repo repo;
  repo.Write(".authshift.yml", "exclude: [\"legacy/**\"]\n");
  repo.Write("legacy/old.rb", kBad);
  repo.Write("ok.rb", "x = 1  # authshift: ignore-file\n" + kBad);
  repo.Write("big.rb", std::string(3000, '#') + "\n" + kBad);
  repo.Write("blob.bin", std::string(2, '\0') + kBad);
  repo.Write("bad.rb", kBad);
  repo.Git("add .");

  CliResult r = RunCli({"scan", "--staged", "--quiet", "--verbose", "--max-file-size", "2K"}, repo.path());
  INFO(r.err);
  CHECK(r.code == 1);
  CHECK(r.out == Hit("bad.rb", 1, 12));
  CHECK(r.err == "skipped big.rb: too-large (3056 bytes)\nskipped blob.bin: binary\n");

  // A baseline written from the staged scan accepts its findings.
  std::string baseline = repo.path() + "/../baseline";
  CHECK(RunCli({"scan", "--staged", "--write-baseline", baseline}, repo.path()).code == 0);
  CHECK(ReadAll(baseline).find("\tauthtoken-header\tbad.rb\n") != std::string::npos);
  CliResult known = RunCli({"scan", "--staged", "--quiet", "--baseline", baseline}, repo.path());
  CHECK(known.code == 0);
  CHECK(known.out.empty());
}

TEST_CASE("fix --staged writes only when the work tree equals the index", "[staged]") {
  const std::string before =
      "token = zoho.crm.getOrgVariable(\"books_token\");\n"
      "resp = getUrl(\"https://books.zoho.com/api/v3/invoices?authtoken=\" + token);\n";
  Repo repo;
  repo.Write("fn.dg", before);
  repo.Git("add fn.dg");

  // The work tree differs from the index: nothing is written, exit 2.
  repo.Write("fn.dg", before + "info resp;\n");
  CliResult refused = RunCli({"fix", "--staged"}, repo.path());
  CHECK(refused.code == 2);
  CHECK(refused.err.find("nothing was written: the work tree differs from the index in\n  fn.dg\n") !=
        std::string::npos);
  CHECK(ReadAll(repo.path() + "/fn.dg") == before + "info resp;\n");

  // --dry-run: a patch of the staged content, which `git apply --cached` takes.
  CliResult patch = RunCli({"fix", "--staged", "--dry-run"}, repo.path());
  INFO(patch.err);
  REQUIRE(patch.out.find("--- a/fn.dg\n+++ b/fn.dg\n") != std::string::npos);
  CHECK(patch.out.find("+info resp;") == std::string::npos);
  repo.Write("../fix.patch", patch.out);
  repo.Git("apply --cached --check ../fix.patch");

  // Identical: fixed in place (and left for the user to stage).
  repo.Write("fn.dg", before);
  CliResult fixed = RunCli({"fix", "--staged"}, repo.path());
  INFO(fixed.err);
  CHECK(fixed.out.find("1 fixed in 1 file") != std::string::npos);
  CHECK(ReadAll(repo.path() + "/fn.dg") ==
        "token = zoho.crm.getOrgVariable(\"books_token\");\n"
        "resp = invokeurl\n"
        "[\n"
        "\turl: \"https://books.zoho.com/api/v3/invoices\"\n"
        "\ttype: GET\n"
        "\tconnection: \"zohobooks\"\n"
        "];\n");
  CHECK(repo.Git("diff --name-only") == "fn.dg\n");
}

TEST_CASE("the native hook scans the index git commits, also for commit -a", "[staged][hooks]") {
  Repo repo;
  CliResult install = RunCli({"install-hook", "--binary", AUTHSHIFT_BINARY}, repo.path());
  INFO(install.err);
  REQUIRE(install.code == 0);
  repo.Write("api.rb", kClean);
  repo.Git("add api.rb && git commit -q -m clean");

  // Staged clean, work tree bad: the commit holds the clean version and goes through.
  repo.Write("api.rb", "x = 1\n" + kClean);
  repo.Git("add api.rb");
  repo.Write("api.rb", "x = 1\n" + kBad);
  auto [ok_code, ok_out] = repo.Sh("git commit -q -m staged-clean");
  INFO(ok_out);
  CHECK(ok_code == 0);

  // commit -a stages the bad work tree into a temporary index (GIT_INDEX_FILE): refused.
  auto [a_code, a_out] = repo.Sh("git commit -q -a -m all");
  CHECK(a_code != 0);
  CHECK(a_out.find("api.rb:2:12:") != std::string::npos);
  // commit PATH too.
  auto [p_code, p_out] = repo.Sh("git commit -q -m path api.rb");
  CHECK(p_code != 0);
  CHECK(p_out.find("api.rb:2:12:") != std::string::npos);
  CHECK(repo.Git("rev-list --count HEAD") == "3\n");
}

TEST_CASE("git diff -U0 parsing: quoted names, prefixes, deletions, body lines that look like headers",
          "[staged]") {
  const std::string diff =
      "diff --git a/x.rb b/x.rb\n"
      "index 1..2 100644\n"
      "--- a/x.rb\n"
      "+++ b/x.rb\n"
      "@@ -1,0 +2,2 @@ def f\n"
      "++++ b/not-a-file\n"
      "+@@ -9 +9 @@\n"
      "@@ -7 +8 @@\n"
      "--- old\n"
      "+new\n"
      "@@ -20,3 +21,0 @@\n"
      "-a\n"
      "-b\n"
      "-c\n"
      "diff --git \"a/odd\\nname\" \"b/odd\\nname\"\n"
      "--- \"a/odd\\nname\"\n"
      "+++ \"b/odd\\nname\"\n"
      "@@ -1 +1 @@\n"
      "-x\n"
      "+y\n"
      "\\ No newline at end of file\n"
      "diff --git a/with space.rb b/with space.rb\n"
      "--- a/with space.rb\t\n"
      "+++ b/with space.rb\t\n"
      "@@ -0,0 +1 @@\n"
      "+z\n"
      "diff --git a/caf\303\251 b/caf\303\251\n"
      "--- \"a/caf\\303\\251\"\n"
      "+++ \"b/caf\\303\\251\"\n"
      "@@ -3 +3,2 @@\n"
      "-p\n"
      "+q\n"
      "+r\n"
      "diff --git a/gone.rb b/gone.rb\n"
      "deleted file mode 100644\n"
      "--- a/gone.rb\n"
      "+++ /dev/null\n"
      "@@ -1 +0,0 @@\n"
      "-x\n";
  auto ranges = authshift::core::ParseUnifiedZeroDiff(diff);
  using R = authshift::core::LineRanges;
  CHECK(ranges.size() == 4);
  CHECK(ranges["x.rb"] == R{{2, 3}, {8, 8}});
  CHECK(ranges["odd\nname"] == R{{1, 1}});
  CHECK(ranges["with space.rb"] == R{{1, 1}});
  CHECK(ranges["caf\303\251"] == R{{3, 4}});
  CHECK(ranges.count("gone.rb") == 0);
  CHECK(authshift::core::LinesTouch(R{{2, 3}, {8, 8}}, 3, 3));
  CHECK(authshift::core::LinesTouch(R{{2, 3}, {8, 8}}, 5, 9));
  CHECK(!authshift::core::LinesTouch(R{{2, 3}, {8, 8}}, 4, 7));
}
