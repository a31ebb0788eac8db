// LinkedFixes::Apply, the end of a run's fixes across files: each file's own edits and the linked
// ones resolved together, every file re-parsed, fixes sharing a file made together or not at all.
#include <catch2/catch.hpp>

#include <string>

#include "rewriters/fix.h"
#include "rewriters/linked_fix.h"
#include "tests/test_util.h"

namespace rw = authshift::rewriters;
using authshift::core::FileChange;
using authshift::core::Finding;
using authshift::engine::ScanResult;
using authshift::testing::TempDir;

namespace {

const std::string kPhp = "<?php\n$cmd->set('authtoken', $token);\n";
const std::string kJson = "{\"p\": {\"location\": \"query\"}}\n";

Finding At(const std::string& path, size_t byte, uint32_t line) {
  Finding f;
  f.path = path;
  f.byte_start = byte;
  f.byte_end = byte + 30;
  f.start.line = line;
  f.rule_id = "test-rule";
  f.fixable = true;
  return f;
}

rw::FileEdits EditsOf(const std::string& path, const std::string& bytes, size_t at, size_t len, std::string text) {
  return {path, bytes.size(), rw::BytesHash(bytes), {{at, len, std::move(text), "test-rule"}}};
}

// A fix of the JSON finding that also edits the PHP file.
rw::LinkedFix JsonAndPhp(const std::string& php_text) {
  rw::LinkedFix l;
  l.path = "a.json";
  l.byte_start = 1;
  l.rule_id = "test-rule";
  l.detail = "made";
  l.files = {EditsOf("a.json", kJson, kJson.find("\"query\""), 7, "\"header\""),
             EditsOf("b.php", php_text, kPhp.find("$token"), 0, "'Zoho-oauthtoken ' . ")};
  return l;
}

ScanResult Result(const TempDir& d) {
  ScanResult r;
  r.root = d.path();
  d.Write("a.json", kJson);
  d.Write("b.php", kPhp);
  r.findings = {At("a.json", 1, 1), At("b.php", kPhp.find("'authtoken'"), 2)};
  return r;
}

}  // namespace

TEST_CASE("linked fix: both files change, the outcome names the other file and line", "[fix][twofile]") {
  TempDir d;
  ScanResult r = Result(d);
  rw::LinkedFixes fixes;
  fixes.Add(JsonAndPhp(kPhp), &r.findings[0]);
  CHECK(r.findings[0].outcome.status == rw::FixStatus::kWithheld);  // until Apply
  fixes.Apply(&r);
  REQUIRE(r.changes.size() == 2);
  CHECK(r.changes[0].path == "a.json");
  CHECK(r.changes[0].after == "{\"p\": {\"location\": \"header\"}}\n");
  CHECK(r.changes[1].path == "b.php");
  CHECK(r.changes[1].after == "<?php\n$cmd->set('authtoken', 'Zoho-oauthtoken ' . $token);\n");
  CHECK(r.findings[0].outcome.status == rw::FixStatus::kFixed);
  CHECK(r.findings[0].outcome.detail == "made; also edits b.php:2");
  // The PHP finding holds the PHP edit: the same change.
  CHECK(r.findings[1].outcome.status == rw::FixStatus::kFixed);
  CHECK(r.findings[1].outcome.detail == "changed by the fix of a.json:1 (the same change across files)");
}

TEST_CASE("linked fix: a file's own fix is kept, and merged with the linked edits", "[fix][twofile]") {
  TempDir d;
  ScanResult r = Result(d);
  const std::string own = "<?php\n$cmd->set('authtoken', $token);\n// fixed\n";
  r.changes.push_back(FileChange{"b.php", kPhp, own, false});
  rw::LinkedFixes fixes;
  fixes.AddOwn("b.php", {{kPhp.size(), 0, "// fixed\n", "own-rule"}});
  fixes.Add(JsonAndPhp(kPhp), &r.findings[0]);
  fixes.Apply(&r);
  REQUIRE(r.changes.size() == 2);
  CHECK(r.changes[1].before == kPhp);
  CHECK(r.changes[1].after == "<?php\n$cmd->set('authtoken', 'Zoho-oauthtoken ' . $token);\n// fixed\n");
}

TEST_CASE("linked fix: withheld in every file when one of them fails", "[fix][twofile]") {
  TempDir d;
  ScanResult r = Result(d);
  rw::LinkedFixes fixes;
  std::string why;
  SECTION("an overlap with the file's own fix") {
    const std::string own = "<?php\n$cmd->set('authtoken', getenv('T'));\n";
    r.changes.push_back(FileChange{"b.php", kPhp, own, false});
    fixes.AddOwn("b.php", {{kPhp.find("$token"), 6, "getenv('T')", "own-rule"}});
    fixes.Add(JsonAndPhp(kPhp), &r.findings[0]);
    why = "conflicting edits in b.php: ";
  }
  SECTION("a syntax error in the other file") {
    rw::LinkedFix l = JsonAndPhp(kPhp);
    l.files[1].edits[0].text = "(";
    fixes.Add(std::move(l), &r.findings[0]);
    why = "the fix would add a syntax error to b.php; fix it by hand";
  }
  SECTION("the other file changed since it was read") {
    fixes.Add(JsonAndPhp(kPhp + "\n"), &r.findings[0]);
    why = "b.php changed while the run read it; run fix again";
  }
  const std::vector<FileChange> before = r.changes;
  fixes.Apply(&r);
  CHECK(r.changes.size() == before.size());
  for (size_t i = 0; i < before.size() && i < r.changes.size(); ++i) CHECK(r.changes[i].after == before[i].after);
  CHECK(r.findings[0].outcome.status == rw::FixStatus::kWithheld);
  CHECK(r.findings[0].outcome.detail.rfind(why, 0) == 0);
  CHECK(r.findings[1].outcome.status == rw::FixStatus::kReportOnly);
}

TEST_CASE("linked fix: fixes sharing a file are one unit; others are made on their own", "[fix][twofile]") {
  TempDir d;
  ScanResult r = Result(d);
  const std::string other = "{\"q\": 1}\n";
  d.Write("c.json", other);
  r.findings.push_back(At("c.json", 1, 1));
  rw::LinkedFixes fixes;
  // Two fixes touch b.php; the second breaks it: both are withheld. A third, on c.json alone, is made.
  fixes.Add(JsonAndPhp(kPhp), &r.findings[0]);
  rw::LinkedFix broken;
  broken.path = "b.php";
  broken.byte_start = r.findings[1].byte_start;
  broken.rule_id = "test-rule";
  broken.files = {EditsOf("b.php", kPhp, kPhp.size(), 0, "function (\n")};
  fixes.Add(std::move(broken), &r.findings[1]);
  rw::LinkedFix alone;
  alone.path = "c.json";
  alone.byte_start = 1;
  alone.rule_id = "test-rule";
  alone.detail = "alone";
  alone.files = {EditsOf("c.json", other, other.find('1'), 1, "2")};
  fixes.Add(std::move(alone), &r.findings[2]);
  fixes.Apply(&r);
  REQUIRE(r.changes.size() == 1);
  CHECK(r.changes[0].path == "c.json");
  CHECK(r.changes[0].after == "{\"q\": 2}\n");
  CHECK(r.findings[0].outcome.status == rw::FixStatus::kWithheld);
  CHECK(r.findings[1].outcome.status == rw::FixStatus::kWithheld);
  CHECK(r.findings[2].outcome.status == rw::FixStatus::kFixed);
  CHECK(r.findings[2].outcome.detail == "alone");
}
