// `authshift install-hook`: where the hook lands (plain repository, core.hooksPath, a linked
// worktree), what it refuses to overwrite, and that the installed hook really stops a commit.
#include <sys/stat.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "scanner/cli/install_hook.h"
#include "tests/test_util.h"

namespace {

namespace fs = std::filesystem;
using authshift::testing::ScopedEnv;
using authshift::testing::ReadAll;
using authshift::testing::TempDir;

struct Result {
  int code = 0;
  std::string out;
  std::string err;
};

Result Install(const std::vector<std::string>& args) {
  std::vector<std::string> argv;
  argv.reserve(args.size() + 1);
  argv.emplace_back("install-hook");
  for (const std::string& a : args) argv.push_back(a);
  std::ostringstream out;
  std::ostringstream err;
  Result r;
  r.code = authshift::cli::RunInstallHook(argv, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

// A scratch area whose git sees neither the user's nor the system's configuration (a global
// core.hooksPath would move the hook), with an identity for commits.
class GitSandbox {
 public:
  GitSandbox()
      : global_(dir_.Write("gitconfig",
                           "[user]\n\tname = authshift test\n\temail = test@example.invalid\n"
                           "[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n")),
        global_env_("GIT_CONFIG_GLOBAL", global_),
        nosystem_env_("GIT_CONFIG_NOSYSTEM", "1"),
        git_dir_env_("GIT_DIR", std::nullopt),
        work_tree_env_("GIT_WORK_TREE", std::nullopt),
        index_env_("GIT_INDEX_FILE", std::nullopt) {}
  std::string Path(const std::string& rel) const { return dir_.path() + "/" + rel; }
  std::string Write(const std::string& rel, const std::string& content) const { return dir_.Write(rel, content); }

 private:
  TempDir dir_;
  std::string global_;
  ScopedEnv global_env_;
  ScopedEnv nosystem_env_;
  ScopedEnv git_dir_env_;
  ScopedEnv work_tree_env_;
  ScopedEnv index_env_;
};

std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs `cmd` in a shell from `cwd`; stdout and stderr together.
Result Sh(const std::string& cwd, const std::string& cmd) {
  std::string full = "cd " + Quote(cwd) + " && { " + cmd + "; } 2>&1";
  Result r;
  FILE* p = popen(full.c_str(), "r");
  REQUIRE(p != nullptr);
  std::array<char, 4096> buf{};
  size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string InitRepo(const GitSandbox& box, const std::string& name) {
  std::string repo = box.Path(name);
  fs::create_directories(repo);
  Result r = Sh(repo, "git init -q . && git commit -q --allow-empty -m init");
  INFO(r.out);
  REQUIRE(r.code == 0);
  return repo;
}

bool IsExecutable(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111) == 0111;
}

const std::string kBinary = AUTHSHIFT_BINARY;
const std::string kBadRuby = "headers = {\"Authorization\": \"Zoho-authtoken \" + token}\n";
const std::string kCleanRuby = "headers = {\"Authorization\": \"Zoho-oauthtoken \" + token}\n";

}  // namespace

TEST_CASE("install-hook writes an executable pre-commit hook with the marker", "[hooks]") {
  GitSandbox box;
  std::string repo = InitRepo(box, "repo");
  Result r = Install({"--path", repo, "--binary", kBinary});
  INFO(r.err);
  REQUIRE(r.code == 0);
  std::string hook = repo + "/.git/hooks/pre-commit";
  CHECK(r.out == "authshift install-hook: wrote " + hook + " (runs " + kBinary + " scan --staged)\n");
  REQUIRE(IsExecutable(hook));
  std::string script = ReadAll(hook);
  CHECK(script.rfind("#!/bin/sh\n# installed by authshift install-hook\n", 0) == 0);
  CHECK(script.find("authshift=" + Quote(kBinary) + "\n") != std::string::npos);
  CHECK(script.find("exec \"$authshift\" scan --staged\n") != std::string::npos);

  // Our own hook (the marker) is replaced without --force.
  Result again = Install({"--path=" + repo, "--binary=" + kBinary});
  CHECK(again.code == 0);
  CHECK(again.out.find("replaced " + hook) != std::string::npos);

  // No temporary files are left next to it.
  size_t entries = 0;
  for (const auto& e : fs::directory_iterator(repo + "/.git/hooks")) {
    if (e.path().filename().string().find("authshift") != std::string::npos) ++entries;
  }
  CHECK(entries == 0);
}

TEST_CASE("install-hook refuses a foreign hook unless --force", "[hooks]") {
  GitSandbox box;
  std::string repo = InitRepo(box, "repo");
  std::string hook = repo + "/.git/hooks/pre-commit";
  std::string foreign = "#!/bin/sh\necho someone else's hook\n";
  box.Write("repo/.git/hooks/pre-commit", foreign);

  Result r = Install({"--path", repo, "--binary", kBinary});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find(hook) != std::string::npos);
  CHECK(r.err.find("--force") != std::string::npos);
  CHECK(ReadAll(hook) == foreign);

  Result forced = Install({"--force", "--path", repo, "--binary", kBinary});
  INFO(forced.err);
  CHECK(forced.code == 0);
  CHECK(forced.out.find("replaced " + hook) != std::string::npos);
  CHECK(ReadAll(hook).find(authshift::cli::kInstallHookMarker) != std::string::npos);
  CHECK(IsExecutable(hook));
}

TEST_CASE("install-hook honours core.hooksPath, also from a subdirectory", "[hooks]") {
  GitSandbox box;
  std::string repo = InitRepo(box, "repo");
  fs::create_directories(repo + "/src/deep");
  REQUIRE(Sh(repo, "git config core.hooksPath .githooks").code == 0);

  Result r = Install({"--path", repo + "/src/deep", "--binary", kBinary});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(IsExecutable(repo + "/.githooks/pre-commit"));  // created, relative to the work tree top
  CHECK(!fs::exists(repo + "/.git/hooks/pre-commit"));
  CHECK(!fs::exists(repo + "/src/deep/.githooks"));

  // An absolute core.hooksPath too; git runs the hook from there.
  std::string shared = box.Path("shared hooks");
  REQUIRE(Sh(repo, "git config core.hooksPath " + Quote(shared)).code == 0);
  REQUIRE(Install({"--path", repo, "--binary", kBinary}).code == 0);
  CHECK(IsExecutable(shared + "/pre-commit"));
  box.Write("repo/bad.rb", kBadRuby);
  Result commit = Sh(repo, "git add bad.rb && git commit -q -m bad");
  CHECK(commit.code != 0);
  CHECK(commit.out.find("authtoken-header]") != std::string::npos);
}

TEST_CASE("install-hook in a linked worktree puts the hook where git looks", "[hooks]") {
  GitSandbox box;
  std::string repo = InitRepo(box, "repo");
  std::string wt = box.Path("wt");
  Result add = Sh(repo, "git worktree add -q " + Quote(wt));
  INFO(add.out);
  REQUIRE(add.code == 0);

  Result r = Install({"--path", wt, "--binary", kBinary});
  INFO(r.err);
  REQUIRE(r.code == 0);
  // Hooks are shared by all worktrees: the common directory's hooks/, not .git/worktrees/wt/.
  CHECK(IsExecutable(repo + "/.git/hooks/pre-commit"));
  CHECK(!fs::exists(repo + "/.git/worktrees/wt/hooks"));

  box.Write("wt/api.rb", kBadRuby);
  Result bad = Sh(wt, "git add api.rb && git commit -q -m bad");
  CHECK(bad.code != 0);
  CHECK(bad.out.find("api.rb:1:") != std::string::npos);
  box.Write("wt/api.rb", kCleanRuby);
  Result good = Sh(wt, "git add api.rb && git commit -q -m good");
  INFO(good.out);
  CHECK(good.code == 0);
}

TEST_CASE("the installed hook refuses a commit with an Authtoken and lets a clean one through", "[hooks]") {
  GitSandbox box;
  std::string repo = InitRepo(box, "repo");
  REQUIRE(Install({"--path", repo, "--binary", kBinary}).code == 0);

  // A finding: the commit is refused and the finding is shown.
  box.Write("repo/lib/zoho client.rb", kBadRuby);
  Result bad = Sh(repo, "git add . && git commit -q -m bad");
  CHECK(bad.code != 0);
  CHECK(bad.out.find("lib/zoho client.rb:1:") != std::string::npos);
  CHECK(bad.out.find("authtoken-header]") != std::string::npos);
  CHECK(Sh(repo, "git rev-list --count HEAD").out == "1\n");

  // Fixed by hand: the same files commit. Odd names (space, newline) reach authshift intact.
  box.Write("repo/lib/zoho client.rb", kCleanRuby);
  box.Write("repo/odd\nname.rb", kCleanRuby);
  Result good = Sh(repo, "git add . && git commit -q -m good");
  INFO(good.out);
  CHECK(good.code == 0);
  CHECK(Sh(repo, "git rev-list --count HEAD").out == "2\n");

  // Only the staged files are scanned: an unstaged bad file does not block a clean commit.
  box.Write("repo/untracked.rb", kBadRuby);
  box.Write("repo/notes.txt", "clean\n");
  Result partial = Sh(repo, "git add notes.txt && git commit -q -m notes");
  INFO(partial.out);
  CHECK(partial.code == 0);

  // Nothing to scan (a deletion only): the hook exits 0 and does not scan the whole tree.
  Result del = Sh(repo, "git rm -q notes.txt && git commit -q -m delete");
  INFO(del.out);
  CHECK(del.code == 0);
  CHECK(Sh(repo, "git rev-list --count HEAD").out == "4\n");
}

TEST_CASE("install-hook usage errors exit 2", "[hooks]") {
  GitSandbox box;
  std::string repo = InitRepo(box, "repo");
  CHECK(Install({"--nope"}).code == 2);
  CHECK(Install({"--path"}).code == 2);
  CHECK(Install({"--force=yes", "--path", repo}).code == 2);
  CHECK(Install({"stray", "--path", repo}).code == 2);

  Result not_exe = Install({"--path", repo, "--binary", box.Path("missing/authshift")});
  CHECK(not_exe.code == 2);
  CHECK(not_exe.err.find("not an executable file") != std::string::npos);

  fs::create_directories(box.Path("plain"));
  Result not_repo = Install({"--path", box.Path("plain"), "--binary", kBinary});
  CHECK(not_repo.code == 2);
  CHECK(not_repo.err.find("not in a git repository") != std::string::npos);
  CHECK(!fs::exists(repo + "/.git/hooks/pre-commit"));
}
