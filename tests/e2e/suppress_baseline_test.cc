// Suppression comments and baselines through the CLI.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/test_util.h"

using authshift::testing::ReadAll;
using authshift::testing::RunCli;
using authshift::testing::TempDir;
using nlohmann::json;

TEST_CASE("suppressions: same line, line before, rule lists, file-wide; visible in JSON and SARIF", "[suppress][cli]") {
  TempDir d;
  d.Write("a.txt",
          "h1 = {'Authorization': 'Zoho-authtoken ' + t}  # authshift: ignore\n"
          "# authshift: ignore[zoho-authtoken-header]\n"
          "h2 = {'Authorization': 'Zoho-authtoken ' + t}\n"
          "# authshift: ignore[zoho-authtoken-config]\n"
          "h3 = {'Authorization': 'Zoho-authtoken ' + t}\n"
          "x = 1  # authshift: ignore[zoho-authtoken-heder]\n");
  d.Write("b.txt", "// authshift: ignore-file\nh = ['Authorization' => 'Zoho-authtoken ' . t];\n");
  auto text = RunCli({"scan", "--no-color", d.path()});
  CHECK(text.code == 1);  // h3 is not covered (wrong rule)
  CHECK(text.out.find("a.txt:5:") != std::string::npos);
  CHECK(text.out.find("a.txt:1:") == std::string::npos);
  CHECK(text.out.find("a.txt:3:") == std::string::npos);
  CHECK(text.out.find("b.txt") == std::string::npos);
  CHECK(text.out.find("3 suppressed") != std::string::npos);
  CHECK(text.out.find("a.txt:4:3: note: Suppression comment suppresses nothing: remove it [authshift-suppression]") !=
        std::string::npos);
  CHECK(text.out.find("a.txt:6:10: note: Suppression comment names unknown rule 'zoho-authtoken-heder'; did you mean "
                      "'zoho-authtoken-header'? [authshift-suppression]") != std::string::npos);
  auto j = json::parse(RunCli({"scan", "--format", "json", d.path()}).out);
  int suppressed = 0;
  for (const auto& f : j["findings"]) suppressed += f["suppressed"].get<bool>() ? 1 : 0;
  CHECK(suppressed == 3);
  auto sarif = json::parse(RunCli({"scan", "--format", "sarif", d.path()}).out);
  int in_source = 0;
  for (const auto& r : sarif["runs"][0]["results"]) {
    if (r.contains("suppressions")) in_source += r["suppressions"][0]["kind"] == "inSource" ? 1 : 0;
  }
  CHECK(in_source == 3);
  // Only suppressed findings left: exit 0.
  d.Write("a.txt", "h1 = {'Authorization': 'Zoho-authtoken ' + t}  # authshift: ignore\n");
  CHECK(RunCli({"scan", d.path()}).code == 0);
}

TEST_CASE("a directive in a string is not a suppression", "[suppress][cli]") {
  TempDir d;
  d.Write("a.txt", "h = {'Authorization': 'Zoho-authtoken ' + t, 'X': 'authshift: ignore'}\n");
  CHECK(RunCli({"scan", d.path()}).code == 1);
}

TEST_CASE("baseline: write, then only new findings are reported", "[baseline][cli]") {
  TempDir d;
  d.Write("src/a.txt", "h = {'Authorization': 'Zoho-authtoken ' + t}\n");
  std::string base = d.path() + "/authshift.baseline";
  auto w = RunCli({"scan", "--write-baseline", base, d.path() + "/src"});
  CHECK(w.code == 0);
  std::string text = ReadAll(base);
  CHECK(text.rfind("# authshift baseline v1", 0) == 0);
  CHECK(text.find("\tzoho-authtoken-header\ta.txt\n") != std::string::npos);
  CHECK(text.find(":1") == std::string::npos);  // no line numbers
  // Moving the finding down keeps it known; a new one is reported as new.
  d.Write("src/a.txt", "notes\n\nh = {'Authorization': 'Zoho-authtoken ' + t}\n");
  CHECK(RunCli({"scan", "--baseline", base, d.path() + "/src"}).code == 0);
  d.Write("src/b.txt", "g = {'Authorization': 'Zoho-authtoken ' + u}\n");
  auto r = RunCli({"scan", "--format", "json", "--baseline", base, d.path() + "/src"});
  CHECK(r.code == 1);
  auto j = json::parse(r.out);
  REQUIRE(j["findings"].size() == 1);
  CHECK(j["findings"][0]["path"] == "b.txt");
  CHECK(j["findings"][0]["baseline_state"] == "new");
  // Rewriting the baseline gives the same bytes for the same findings (stable, sorted).
  RunCli({"scan", "--write-baseline", base, d.path() + "/src"});
  std::string first = ReadAll(base);
  RunCli({"scan", "--write-baseline", base, "--jobs", "1", d.path() + "/src"});
  CHECK(ReadAll(base) == first);
  d.Write("bad.baseline", "not-a-fingerprint\n");
  auto bad = RunCli({"scan", "--baseline", d.path() + "/bad.baseline", d.path() + "/src"});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("bad.baseline:1: expected a 16-hex-digit fingerprint") != std::string::npos);
}
