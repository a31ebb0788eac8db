// The one git module: which environment git runs with (one list of repository variables, two
// policies), and that the work-tree queries answer about the directory asked even when the
// environment points git elsewhere.
#include "scanner/core/git.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace {

namespace fs = std::filesystem;
using authshift::core::GitEnv;
using authshift::core::GitEnvironment;
using authshift::testing::ScopedEnv;
using authshift::testing::TempDir;

// The value of NAME in `env`, or "<unset>".
std::string ValueIn(const std::vector<std::string>& env, const std::string& name) {
  for (const auto& e : env) {
    if (e.rfind(name + "=", 0) == 0) return e.substr(name.size() + 1);
  }
  return "<unset>";
}

// Runs `cmd` in `dir` with a clean git environment; true on exit status 0.
bool Sh(const std::string& dir, const std::string& cmd) {
  std::string full = "cd '" + dir + "' && env -u GIT_DIR -u GIT_WORK_TREE -u GIT_INDEX_FILE " +
                     "GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null sh -c '" + cmd + "' >/dev/null 2>&1";
  return std::system(full.c_str()) == 0;  // NOLINT(cert-env33-c): test setup with fixed commands
}

}  // namespace

TEST_CASE("git environment: kIgnoreCaller drops every repository variable, keeps the rest", "[core][git]") {
  ScopedEnv dir("GIT_DIR", "/elsewhere/.git");
  ScopedEnv index("GIT_INDEX_FILE", "idx");
  ScopedEnv ns("GIT_NAMESPACE", "team");
  ScopedEnv alt("GIT_ALTERNATE_OBJECT_DIRECTORIES", "/a/objects:rel/objects");
  ScopedEnv other("AUTHSHIFT_GIT_TEST_OTHER", "kept");
  std::vector<std::string> env = GitEnvironment(GitEnv::kIgnoreCaller);
  for (std::string_view name : authshift::core::kGitRepositoryVars) {
    INFO(name);
    CHECK(ValueIn(env, std::string(name)) == "<unset>");
  }
  CHECK(ValueIn(env, "AUTHSHIFT_GIT_TEST_OTHER") == "kept");
}

TEST_CASE("git environment: kFollowCaller keeps them, relative paths made absolute", "[core][git]") {
  std::string cwd = fs::current_path().string();
  ScopedEnv dir("GIT_DIR", "/elsewhere/.git");
  ScopedEnv index("GIT_INDEX_FILE", "sub/../idx");
  ScopedEnv ns("GIT_NAMESPACE", "team/a");
  ScopedEnv alt("GIT_ALTERNATE_OBJECT_DIRECTORIES", "/a/objects:rel/objects");
  ScopedEnv work_tree("GIT_WORK_TREE", std::nullopt);
  std::vector<std::string> env = GitEnvironment(GitEnv::kFollowCaller);
  CHECK(ValueIn(env, "GIT_DIR") == "/elsewhere/.git");
  CHECK(ValueIn(env, "GIT_INDEX_FILE") == cwd + "/idx");
  CHECK(ValueIn(env, "GIT_NAMESPACE") == "team/a");  // a name, not a path
  CHECK(ValueIn(env, "GIT_ALTERNATE_OBJECT_DIRECTORIES") == "/a/objects:" + cwd + "/rel/objects");
  CHECK(ValueIn(env, "GIT_WORK_TREE") == "<unset>");
}

TEST_CASE("git work-tree queries answer about the directory asked, whatever GIT_DIR says", "[core][git]") {
  TempDir tmp;
  tmp.Write("repo/tracked.txt", "a\n");
  tmp.Write("repo/sub/untracked.txt", "b\n");
  tmp.Write("repo/ignored.log", "c\n");
  tmp.Write("repo/.gitignore", "*.log\n");
  std::string repo = tmp.path() + "/repo";
  REQUIRE(Sh(repo, "git init -q . && git add tracked.txt .gitignore && git config core.hooksPath my-hooks"));
  // A hook's environment (or a user's) naming another repository must not leak into the walk.
  ScopedEnv dir("GIT_DIR", tmp.path() + "/nowhere/.git");
  ScopedEnv index("GIT_INDEX_FILE", tmp.path() + "/nowhere/index");

  CHECK(authshift::core::GitInsideWorkTree(repo));
  CHECK_FALSE(authshift::core::GitInsideWorkTree(tmp.path()));
  std::vector<std::string> files;
  REQUIRE(authshift::core::GitListFiles(repo, &files));
  std::sort(files.begin(), files.end());
  CHECK(files == std::vector<std::string>{".gitignore", "sub/untracked.txt", "tracked.txt"});
  CHECK(authshift::core::GitPrefix(repo + "/sub") == "sub/");
  CHECK(authshift::core::GitPrefix(repo).empty());

  std::string hooks;
  std::string error;
  REQUIRE(authshift::core::GitHooksDir(repo, &hooks, &error));
  CHECK(hooks == fs::canonical(repo).string() + "/my-hooks");
  CHECK_FALSE(authshift::core::GitHooksDir(tmp.path(), &hooks, &error));
  CHECK(error.rfind(tmp.path() + " is not in a git repository", 0) == 0);
}
