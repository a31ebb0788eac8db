// Two paths that must agree: for every fixture with a `.fixed` file, the unified diff that
// `authshift scan --format diff` prints, applied with `git apply` to the original, gives exactly
// the `.fixed` bytes (the fixture runner checks `fix`'s own result against the same file).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "tests/test_util.h"

namespace fs = std::filesystem;
using authshift::testing::ReadAll;
using authshift::testing::RunCli;
using authshift::testing::SourceDir;
using authshift::testing::TempDir;

TEST_CASE("every fixture's diff applies with git apply and gives its .fixed file", "[fix][diff]") {
  std::vector<std::pair<std::string, std::string>> pairs;  // original, fixed (repo-relative)
  for (const auto& e : fs::recursive_directory_iterator(fs::path(SourceDir()) / "fixtures/rules")) {
    std::string name = e.path().filename().string();
    size_t at = name.find(".fixed");
    if (!e.is_regular_file() || at == std::string::npos) continue;
    std::string original = name.substr(0, at) + name.substr(at + 6);
    fs::path rel = fs::relative(e.path().parent_path(), SourceDir());
    pairs.emplace_back((rel / original).string(), fs::relative(e.path(), SourceDir()).string());
  }
#if !AUTHSHIFT_TEST_WITH_CLANG
  // The lean build: fixtures whose fixes need Clang (tests/lean-skip.txt) are not compared.
  const std::string skips = ReadAll(SourceDir() + "/tests/lean-skip.txt");
  std::erase_if(pairs, [&](const auto& p) { return skips.find(p.first + '\t') != std::string::npos; });
#endif
  std::sort(pairs.begin(), pairs.end());
  REQUIRE(pairs.size() >= 10);
  TempDir repo;
  REQUIRE(std::system(("git -C '" + repo.path() + "' init -q").c_str()) == 0);
  std::string patch;
  for (const auto& [original, fixed] : pairs) {
    repo.Write(original, ReadAll(SourceDir() + "/" + original));
    auto r = RunCli({"scan", "--format", "diff", original}, SourceDir());
    INFO(original);
    // A Markdown document's findings are notes (its Deluge samples are fixed all the same), which
    // do not reach the default --fail-on: the scan exits 0.
    const bool document = original.size() > 3 && original.substr(original.size() - 3) == ".md";
    REQUIRE(r.code == (document ? 0 : 1));
    REQUIRE_FALSE(r.out.empty());
    patch += r.out;
  }
  std::string patch_file = repo.Write("all.patch", patch);
  std::string cmd = "cd '" + repo.path() + "' && git apply --check all.patch && git apply all.patch";
  REQUIRE(std::system(cmd.c_str()) == 0);
  for (const auto& [original, fixed] : pairs) {
    INFO(original);
    CHECK(ReadAll(repo.path() + "/" + original) == ReadAll(SourceDir() + "/" + fixed));
  }
}
