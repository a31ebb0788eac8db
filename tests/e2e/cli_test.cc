// End-to-end tests of the CLI, run in-process through RunMain.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>

#include "tests/test_util.h"

using authshift::testing::ReadAll;
using authshift::testing::RunCli;
using authshift::testing::TempDir;

namespace {
const std::string kTok = "5c1e0f2a9b8d7c6e5f4a3b2c1d0e9f8a";  // fake, Authtoken-shaped
}

TEST_CASE("exit codes: 0 clean, 1 findings, 2 usage", "[cli]") {
  TempDir d;
  d.Write("clean.py", "print('hello')\n");
  CHECK(RunCli({"scan", d.path()}).code == 0);
  d.Write("bad.py", "h = {'Authorization': 'Zoho-authtoken ' + tok}\n");
  auto r = RunCli({"scan", "--no-color", d.path()});
  CHECK(r.code == 1);
  CHECK(r.out.find("bad.py:1:6: error:") == 0);  // the dict entry (authtoken-header)
  CHECK(RunCli({"scan", "--fail-on", "none", d.path()}).code == 0);
  CHECK(RunCli({"scan", "--fail-on", "error", d.path()}).code == 1);
  auto u = RunCli({"scan", "--formt", "json", d.path()});
  CHECK(u.code == 2);
  CHECK(u.err.find("unknown option '--formt'; did you mean '--format'?") != std::string::npos);
  CHECK(RunCli({"scan", "--format", "xml", d.path()}).code == 2);
  CHECK(RunCli({"scan", "--fail-on", "fatal", d.path()}).code == 2);
  CHECK(RunCli({"scan", "--jobs", "0", d.path()}).code == 2);
  CHECK(RunCli({"scan", "--max-file-size", "lots", d.path()}).code == 2);
  auto missing = RunCli({"scan", d.path() + "/nope"});
  CHECK(missing.code == 2);
  CHECK(missing.out.empty());
  auto cmd = RunCli({"scna"});
  CHECK(cmd.code == 2);
  CHECK(cmd.err.find("did you mean 'scan'?") != std::string::npos);
  CHECK(RunCli({}).code == 2);
  CHECK(RunCli({"version"}).out.rfind("authshift 0.1.0 (commit ", 0) == 0);
}

TEST_CASE("secrets never appear in any output", "[cli][redact]") {
  TempDir d;
  d.Write("a.py", "URL = 'https://books.zoho.com/api/v3/invoices?authtoken=" + kTok + "&organization_id=1'\n");
  d.Write("b.js", "headers: { Authorization: 'Zoho-authtoken " + kTok + "' }\n");
  d.Write(".env", "ZOHO_AUTHTOKEN=" + kTok + "\n");
  for (const char* fmt : {"text", "json"}) {
    auto r = RunCli({"scan", "--format", fmt, "--no-git", d.path()});
    CHECK(r.code == 1);
    CHECK(r.out.find(kTok) == std::string::npos);
    CHECK(r.err.find(kTok) == std::string::npos);
    CHECK(r.out.find("5c1e********") != std::string::npos);
  }
  // The CI formats carry the same redacted snippet (JUnit) or only the message (GitLab).
  for (const char* fmt : {"gitlab-sast", "codeclimate", "junit"}) {
    auto r = RunCli({"scan", "--format", fmt, "--no-git", d.path()});
    CHECK(r.code == 1);
    CHECK(r.out.find(kTok) == std::string::npos);
    CHECK(r.err.find(kTok) == std::string::npos);
    if (std::string(fmt) == "junit") CHECK(r.out.find("5c1e********") != std::string::npos);
  }
}

TEST_CASE("the report file is written whole and atomically", "[cli]") {
  TempDir d;
  d.Write("src/a.py", "h = 'Zoho-authtoken ' + t\n");
  std::string out = d.path() + "/report.json";
  auto r = RunCli({"scan", "--format", "json", "--output", out, d.path() + "/src"});
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  std::string json = ReadAll(out);
  CHECK(json.find("\"schema_version\": 1") != std::string::npos);
  // A failing run (rule error) leaves the previous report untouched.
  d.Write("bad.yaml", "severity: [\n");
  auto bad = RunCli({"scan", "--rules", d.path() + "/bad.yaml", "--format", "json", "--output", out, d.path() + "/src"});
  CHECK(bad.code == 2);
  CHECK(ReadAll(out) == json);
  // No temporary files are left beside it.
  int entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(d.path())) ++entries;
  CHECK(entries == 3);  // src, report.json, bad.yaml
}

TEST_CASE("malformed rules: a clear message, exit 2, no partial report", "[cli][rules]") {
  TempDir d;
  d.Write("code/a.py", "h = 'Zoho-authtoken ' + t\n");
  const std::string ok_rule =
      "severity: warning\nmessage: m.\nhelp: h.\nforms: [F6]\nlanguages: [any]\nprecision: high\nfix: none\n"
      "match:\n  kind: text\n  regex: 'Zoho-authtoken'\nexamples:\n  bad: ['Zoho-authtoken']\n";
  struct Case {
    std::string name;
    std::string yaml;
    std::string expect;
  };
  std::vector<Case> cases = {
      {"bad-yaml", "severity: error\nmessage: [oops\n", "bad-yaml.yaml:3:1: invalid YAML"},
      {"unknown-key", ok_rule + "sevrity: error\n", "unknown-key.yaml:13:1: field 'sevrity': unknown key 'sevrity'; did you mean 'severity'?"},
      {"bad-regex", ok_rule.substr(0, ok_rule.find("  regex")) + "  regex: '(unclosed'\nexamples:\n  bad: ['x']\n",
       "bad-regex.yaml:10:10: field 'match.regex': invalid RE2 regex: missing )"},
      {"missing-field", ok_rule.substr(ok_rule.find("message")), "missing-field.yaml:1:1: field 'severity': required field is missing"},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.name) {
      std::string path = d.Write("rules-" + c.name + "/" + c.name + ".yaml", c.yaml);
      auto r = RunCli({"scan", "--rules", path, d.path() + "/code"});
      CHECK(r.code == 2);
      CHECK(r.out.empty());
      CHECK(r.err.find(c.expect) != std::string::npos);
    }
  }
  SECTION("duplicate id") {
    d.Write("dup1/same-id.yaml", ok_rule);
    d.Write("dup2/same-id.yaml", ok_rule);
    auto r = RunCli({"scan", "--no-default-rules", "--rules", d.path() + "/dup1", "--rules", d.path() + "/dup2", d.path() + "/code"});
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("duplicate rule id 'same-id' (already defined by") != std::string::npos);
  }
  SECTION("a user rule adds to the default pack") {
    d.Write("mine/my-rule.yaml", ok_rule);
    auto r = RunCli({"scan", "--no-color", "--rules", d.path() + "/mine", d.path() + "/code"});
    CHECK(r.code == 1);
    CHECK(r.out.find("[my-rule]") != std::string::npos);
    CHECK(r.out.find("[zoho-authtoken-header]") != std::string::npos);
    auto only = RunCli({"scan", "--no-color", "--no-default-rules", "--rules", d.path() + "/mine", d.path() + "/code"});
    CHECK(only.out.find("[zoho-authtoken-header]") == std::string::npos);
    auto disabled = RunCli({"scan", "--no-color", "--disable", "my-rule", "--rules", d.path() + "/mine", d.path() + "/code"});
    CHECK(disabled.out.find("[my-rule]") == std::string::npos);
  }
}

TEST_CASE("rules lists and explains, with did-you-mean", "[cli][rules]") {
  auto list = RunCli({"rules"});
  CHECK(list.code == 0);
  CHECK(list.out.find("zoho-authtoken-header") != std::string::npos);
  auto explain = RunCli({"rules", "--explain", "zoho-authtoken-header"});
  CHECK(explain.code == 0);
  CHECK(explain.out.find("severity:   error") != std::string::npos);
  auto typo = RunCli({"rules", "--explain", "zoho-authtoken-heade"});
  CHECK(typo.code == 2);
  CHECK(typo.err.find("did you mean 'zoho-authtoken-header'?") != std::string::npos);
}

TEST_CASE("authshift test: strict fixtures pass and fail for the right reasons", "[cli][fixture]") {
  TempDir d;
  d.Write("pass.txt",
          "# ruleid: zoho-authtoken-header\n"
          "h = {'Authorization': 'Zoho-authtoken ' + t}\n"
          "# ok: zoho-authtoken-header\n"
          "h = {'Authorization': 'Zoho-oauthtoken ' + t}\n");
  auto r = RunCli({"test", d.path() + "/pass.txt"});
  CHECK(r.code == 0);
  CHECK(r.out == "1 passed, 0 failed\n");
  d.Write("unannotated.txt", "h = {'Authorization': 'Zoho-authtoken ' + t}\n");
  d.Write("missing.txt", "# ruleid: zoho-authtoken-header\nh = {'Authorization': 'Zoho-oauthtoken ' + t}\n");
  d.Write("typo.txt", "# ok: zoho-authtoken-headr\nx = 1\n");
  auto f = RunCli({"test", d.path()});
  CHECK(f.code == 1);
  CHECK(f.out.find("missing.txt: line 2: expected zoho-authtoken-header, not reported") != std::string::npos);
  CHECK(f.out.find("unannotated.txt: line 1: unexpected finding zoho-authtoken-header") != std::string::npos);
  CHECK(f.out.find("typo.txt: line 1: annotation names unknown rule 'zoho-authtoken-headr'; did you mean 'zoho-authtoken-header'?") != std::string::npos);
  CHECK(f.out.find("1 passed, 3 failed\n") != std::string::npos);
}

TEST_CASE("colour only when asked or on a terminal, never with NO_COLOR", "[cli]") {
  TempDir d;
  d.Write("a.py", "h = 'Zoho-authtoken ' + t\n");
  unsetenv("NO_COLOR");
  auto plain = RunCli({"scan", d.path()});  // RunCli's stdout is not a terminal
  CHECK(plain.out.find("\x1b[") == std::string::npos);
  auto forced = RunCli({"scan", "--color", "always", d.path()});
  CHECK(forced.out.find("\x1b[1;31merror:") != std::string::npos);
  setenv("NO_COLOR", "1", 1);
  auto no_color = RunCli({"scan", "--color", "always", d.path()});
  unsetenv("NO_COLOR");
  CHECK(no_color.out.find("\x1b[") == std::string::npos);
  CHECK(no_color.out == plain.out);
}

TEST_CASE("a report sent to a device is written to it, never renamed over it", "[cli]") {
  TempDir d;
  d.Write("a.txt", "h = 'Zoho-authtoken ' + t\n");
  struct stat before {};
  REQUIRE(stat("/dev/null", &before) == 0);
  auto r = RunCli({"scan", "--format", "json", "--output", "/dev/null", d.path()});
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  struct stat after {};
  REQUIRE(stat("/dev/null", &after) == 0);
  CHECK(S_ISCHR(after.st_mode));
  CHECK(after.st_rdev == before.st_rdev);
}
