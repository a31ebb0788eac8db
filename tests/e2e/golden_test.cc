// The demo repository's reports are golden files; regenerate with `make golden` (never by hand).
#include <catch2/catch.hpp>

#include <cstdlib>

#include <re2/re2.h>

#include <nlohmann/json.hpp>

#include "tests/test_util.h"

using authshift::testing::MatchesGolden;
using authshift::testing::RunCli;
using authshift::testing::SourceDir;

TEST_CASE("demo text report", "[golden]") {
  auto r = RunCli({"scan", "--no-color", "fixtures/demo"}, SourceDir());
  CHECK(r.code == 1);
  CHECK(r.err.empty());
  // The demo's fake tokens are 32 hex characters: none may appear, fix previews included.
  CHECK_FALSE(RE2::PartialMatch(r.out, "[0-9a-f]{32}"));
  std::string hint;
  CHECK(MatchesGolden("fixtures/golden/demo.txt", r.out, &hint));
  INFO(hint);
  CHECK(hint.empty());
}

TEST_CASE("demo JSON report", "[golden]") {
  auto r = RunCli({"scan", "--format", "json", "fixtures/demo"}, SourceDir());
  CHECK(r.code == 1);
  // Duration is the one field that changes run to run.
  auto j = nlohmann::ordered_json::parse(r.out);
  j["stats"]["duration_ms"] = 0;
  std::string hint;
  CHECK(MatchesGolden("fixtures/golden/demo.json", j.dump(2) + "\n", &hint));
  INFO(hint);
  CHECK(hint.empty());
}

TEST_CASE("output does not depend on the number of threads", "[golden]") {
  auto one = RunCli({"scan", "--format", "json", "--jobs", "1", "fixtures/demo"}, SourceDir());
  auto many = RunCli({"scan", "--format", "json", "--jobs", "8", "fixtures/demo"}, SourceDir());
  auto a = nlohmann::json::parse(one.out);
  auto b = nlohmann::json::parse(many.out);
  a["stats"]["duration_ms"] = 0;
  b["stats"]["duration_ms"] = 0;
  CHECK(a == b);
}

TEST_CASE("demo diff report applies at the repository root", "[golden][fix]") {
  auto r = RunCli({"scan", "--format", "diff", "fixtures/demo"}, SourceDir());
  CHECK(r.code == 1);
  std::string hint;
  CHECK(MatchesGolden("fixtures/golden/demo.diff", r.out, &hint));
  INFO(hint);
  CHECK(hint.empty());
  // The patch is made for `git apply` at the top of the work tree.
  authshift::testing::TempDir d;
  std::string patch = d.Write("demo.patch", r.out);
  std::string cmd = "cd '" + SourceDir() + "' && git apply --check '" + patch + "' 2>&1";
  CHECK(std::system(cmd.c_str()) == 0);
}

TEST_CASE("demo SARIF report", "[golden][sarif]") {
  // Validated against both SARIF schemas by the report:sarif-schema test (every golden *.sarif).
  auto r = RunCli({"scan", "--format", "sarif", "--sarif-category", "demo", "fixtures/demo"}, SourceDir());
  CHECK(r.code == 1);
  CHECK_FALSE(RE2::PartialMatch(r.out, "[0-9a-f]{32}"));
  std::string hint;
  CHECK(MatchesGolden("fixtures/golden/demo.sarif", r.out, &hint));
  INFO(hint);
  CHECK(hint.empty());
}
