// SARIF 2.1.0: field-level checks on real scans of temp directories. Schema validation of the CLI's
// output is the CTest report:sarif-schema (tests/validate_sarif.py).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "rewriters/fix.h"
#include "scanner/core/git.h"
#include "scanner/core/walk.h"
#include "scanner/engine/rule_loader.h"
#include "scanner/engine/scan.h"
#include "scanner/languages/languages.h"
#include "scanner/report/report.h"
#include "tests/test_util.h"

namespace {

namespace fs = std::filesystem;
using authshift::testing::TempDir;
using json = nlohmann::json;

// Fake tokens (32 hex characters), each used once, so a leak is found by substring search.
constexpr const char* kDelugeToken = "0123456789abcdef0123456789abcdef";
constexpr const char* kPythonToken = "fedcba9876543210fedcba9876543210";

const char* kDeluge =
    "// Books: list the items\n"
    "void automation.listItems()\n"
    "{\n"
    "\tauthtoken = \"0123456789abcdef0123456789abcdef\";\n"
    "\torgId = \"649249007\";\n"
    "\tresp = getUrl(\"https://books.zoho.com/api/v3/items?organization_id=\" + orgId + "
    "\"&authtoken=\" + authtoken);\n"
    "\tinfo resp;\n"
    "}\n";

// "é" is 2 UTF-8 bytes / 1 UTF-16 unit; "😀" is 4 bytes / 2 units.
const char* kPython =
    "import requests\n"
    "\n"
    "label = \"\xC3\xA9\xF0\x9F\x98\x80\"; r = "
    "requests.get(\"https://books.zoho.com/api/v3/items?authtoken="
    "fedcba9876543210fedcba9876543210\")\n";

const authshift::engine::RuleSet& Rules() {
  static const authshift::engine::RuleSet* rules = [] {
    auto* set = new authshift::engine::RuleSet;
    std::vector<std::string> errors;
    authshift::engine::LoadOptions lo;
    if (!authshift::engine::LoadRules(lo, set, &errors))
      throw std::runtime_error("rules failed to load");
    return set;
  }();
  return *rules;
}

authshift::engine::ScanResult Scan(const std::string& dir) {
  authshift::engine::ScanOptions so;
  so.walk.use_git = false;
  so.jobs = 2;
  return authshift::engine::ScanPaths({dir}, Rules(), so);
}

// The same grouping the CLI's ComputeFixes does: one FixFile per file with a fixable finding.
std::vector<authshift::rewriters::FileFix> Fixes(const authshift::engine::ScanResult& result) {
  std::vector<authshift::rewriters::FileFix> fixes;
  size_t i = 0;
  while (i < result.findings.size()) {
    size_t j = i;
    std::vector<authshift::core::Finding> file_findings;
    while (j < result.findings.size() && result.findings[j].path == result.findings[i].path) {
      file_findings.push_back(result.findings[j++]);
    }
    bool any = std::any_of(file_findings.begin(), file_findings.end(),
                           [](const auto& f) { return f.fixable; });
    if (any) {
      std::string bytes;
      std::string err;
      const std::string& rel = result.findings[i].path;
      REQUIRE(authshift::core::ReadFile((fs::path(result.root) / rel).string(), &bytes, &err));
      authshift::core::SourceFile file(rel, std::move(bytes));
      const auto& lang = authshift::languages::Detect(rel, file.bytes());
      fixes.push_back(authshift::rewriters::FixFile(file, lang, file_findings, {}));
    }
    i = j;
  }
  return fixes;
}

std::string Sarif(const authshift::engine::ScanResult& result,
                  const std::vector<authshift::rewriters::FileFix>* fixes,
                  const std::string& category = "", const std::string& prefix = "repo/") {
  authshift::report::SarifOptions options;
  options.category = category;
  options.uri_prefix = prefix;
  options.source_root = result.root;
  options.fixes = fixes;
  std::ostringstream out;
  authshift::report::WriteSarif(result, Rules(), "0.1.0", options, out);
  // For the schema script, run by hand: AUTHSHIFT_SARIF_DUMP=DIR keeps each log written here.
  if (const char* dump = std::getenv("AUTHSHIFT_SARIF_DUMP"); dump != nullptr && *dump != '\0') {
    static int n = 0;
    std::ofstream(fs::path(dump) / ("sarif-test-" + std::to_string(++n) + ".sarif")) << out.str();
  }
  return out.str();
}

const json* ResultFor(const json& log, const std::string& rule_id, const std::string& uri_suffix) {
  for (const auto& r : log["runs"][0]["results"]) {
    std::string uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    if (r["ruleId"] == rule_id && uri.size() >= uri_suffix.size() &&
        uri.compare(uri.size() - uri_suffix.size(), uri_suffix.size(), uri_suffix) == 0) {
      return &r;
    }
  }
  return nullptr;
}

}  // namespace

TEST_CASE("SARIF: GitHub's line hash matches codeql-action's own test vectors", "[sarif]") {
  using authshift::report::GitHubLineHashes;
  CHECK(GitHubLineHashes("") == std::vector<std::string>{"c129715d7a2bc9a3:1"});
  CHECK(GitHubLineHashes(" a\nb\n  \t\tc\n d") ==
        std::vector<std::string>{"271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1",
                                 "a23a3dc5e078b07b:1"});
  CHECK(GitHubLineHashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End") ==
        std::vector<std::string>{"8b7cf3e952e7aeb2:1", "b1ae1287ec4718d9:1", "bff680108adb0fcc:1",
                                 "c6805c5e1288b612:1", "b86d3392aea1be30:1", "e6ceba753e1a442:1"});
  const std::vector<std::string> terminated = {
      "e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1", "e20e36e16fcb0cc8:1",
      "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1", "c129715d7a2bc9a3:1"};
  CHECK(GitHubLineHashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n") == terminated);
  CHECK(GitHubLineHashes(" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r") == terminated);
  CHECK(GitHubLineHashes(" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n") ==
        terminated);
  CHECK(GitHubLineHashes(" hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n") == terminated);
  std::string lorem;
  for (int i = 0; i < 10; ++i) lorem += "Lorem ipsum dolor sit amet.\n";
  CHECK(GitHubLineHashes(lorem) ==
        std::vector<std::string>{"a7f2ff13bc495cf2:1", "a7f2ff13bc495cf2:2", "a7f2ff13bc495cf2:3",
                                 "a7f2ff13bc495cf2:4", "a7f2ff13bc495cf2:5", "a7f2ff13bc495cf2:6",
                                 "a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1", "55ec222b86bcae53:1",
                                 "cc97dc7b1d7d8f7b:1", "c129715d7a2bc9a3:1"});
}

TEST_CASE("SARIF: log shape, rules, results, columns, fingerprints and fixes", "[sarif]") {
  TempDir d;
  d.Write("functions/items.dg", kDeluge);
  d.Write("app/client.txt", kPython);
  d.Write("assets/logo.bin", std::string("PNG\0\0\x01", 6));
  auto result = Scan(d.path());
  REQUIRE(result.errors.empty());
  auto fixes = Fixes(result);
  REQUIRE(fixes.size() == 1);
  REQUIRE(fixes[0].after != fixes[0].before);
  std::string text = Sarif(result, &fixes, "authshift-ci");
  json log = json::parse(text);

  CHECK(log["version"] == "2.1.0");
  CHECK(log["$schema"].get<std::string>().find("sarif-schema-2.1.0.json") != std::string::npos);
  REQUIRE(log["runs"].size() == 1);
  const json& run = log["runs"][0];
  CHECK(run["automationDetails"]["id"] == "authshift-ci/");
  CHECK(run["columnKind"] == "utf16CodeUnits");
  CHECK(run["originalUriBaseIds"].contains("%SRCROOT%"));

  // Driver and rules: every loaded rule, sorted by id, with what GitHub reads.
  const json& driver = run["tool"]["driver"];
  CHECK(driver["name"] == "authshift");
  CHECK(driver["version"] == "0.1.0");
  CHECK(driver["informationUri"].is_string());
  const json& rules = driver["rules"];
  REQUIRE(rules.size() == Rules().rules.size());
  for (size_t i = 0; i < rules.size(); ++i) {
    const auto& rule = *Rules().rules[i];
    CHECK(rules[i]["id"] == rule.id);
    if (i > 0) CHECK(rules[i - 1]["id"].get<std::string>() < rules[i]["id"].get<std::string>());
    CHECK(!rules[i]["name"].get<std::string>().empty());
    CHECK(rules[i]["shortDescription"]["text"] == rule.message);
    CHECK(!rules[i]["fullDescription"]["text"].get<std::string>().empty());
    CHECK(!rules[i]["help"]["text"].get<std::string>().empty());
    CHECK(rules[i]["help"]["markdown"] == rule.help);
    std::string level = rules[i]["defaultConfiguration"]["level"];
    CHECK(level == std::string(authshift::core::SeverityName(rule.severity)));
    const json& props = rules[i]["properties"];
    auto tags = props["tags"].get<std::vector<std::string>>();
    CHECK(std::find(tags.begin(), tags.end(), "security") != tags.end());
    CHECK(props["precision"] == rule.precision);
    REQUIRE(props["security-severity"].is_string());
    std::string sev = props["security-severity"];
    CHECK(sev == (level == "error" ? "8.0" : level == "warning" ? "5.0" : "2.0"));
  }

  const json& results = run["results"];
  REQUIRE(results.size() == result.findings.size());
  for (size_t i = 0; i < results.size(); ++i) {
    const json& r = results[i];
    const auto& f = result.findings[i];
    CHECK(r["ruleId"] == f.rule_id);
    REQUIRE(r["ruleIndex"].is_number_unsigned());
    CHECK(rules[r["ruleIndex"].get<size_t>()]["id"] == r["ruleId"]);
    CHECK(r["level"] == std::string(authshift::core::SeverityName(f.severity)));
    CHECK(r["message"]["text"] == f.message);
    REQUIRE(r["locations"].size() == 1);
    const json& loc = r["locations"][0]["physicalLocation"];
    CHECK(loc["artifactLocation"]["uri"] == "repo/" + f.path);
    CHECK(loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
    CHECK(loc["region"]["startLine"] == f.start.line);
    CHECK(r["partialFingerprints"]["authshift/v1"] == f.fingerprint);
    std::string line_hash = r["partialFingerprints"]["primaryLocationLineHash"];
    CHECK(line_hash.find(':') != std::string::npos);
  }

  // UTF-16 columns on a line with "é😀" before the match: é is 2 bytes / 1 unit, 😀 4 bytes / 2
  // units.
  const json* py = ResultFor(log, "zoho-authtoken-url-param", "app/client.txt");
  REQUIRE(py != nullptr);
  const json& py_region = (*py)["locations"][0]["physicalLocation"]["region"];
  const auto& py_finding = *std::find_if(result.findings.begin(), result.findings.end(),
                                         [](const auto& x) { return x.path == "app/client.txt"; });
  CHECK(py_finding.start.column - py_finding.start.column_utf16 == 3);
  CHECK(py_region["startLine"] == 3);
  CHECK(py_region["startColumn"] == 34);
  CHECK(py_region["endLine"] == 3);
  CHECK(py_region["endColumn"] == 112);
  CHECK((*py)["level"] == "error");
  CHECK(!py->contains("fixes"));

  // The Deluge file's fix: attached once, to the file's first fixed finding.
  size_t with_fixes = 0;
  for (const auto& r : results) {
    if (!r.contains("fixes")) continue;
    ++with_fixes;
    const json& fix = r["fixes"][0];
    CHECK(!fix["description"]["text"].get<std::string>().empty());
    const json& change = fix["artifactChanges"][0];
    CHECK(change["artifactLocation"]["uri"] == "repo/functions/items.dg");
    CHECK(change["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
    const json& rep = change["replacements"][0];
    const json& del = rep["deletedRegion"];
    CHECK(del["startLine"].get<int>() >= 1);
    CHECK(del["endLine"].get<int>() >= del["startLine"].get<int>());
    std::string inserted = rep["insertedContent"]["text"];
    CHECK(inserted.find("invokeurl") != std::string::npos);
    CHECK(inserted.find(kDelugeToken) == std::string::npos);
    CHECK(inserted.find("authtoken") == std::string::npos);
    // Applying the replacement to the original gives the fixed file.
    std::string before = fixes[0].before;
    authshift::core::SourceFile src("x", before);
    auto offset = [&](uint32_t line, uint32_t col16) {
      size_t o = src.LineStart(line);
      uint32_t units = 1;
      while (units < col16) {
        auto c = static_cast<unsigned char>(before[o]);
        size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        units += len == 4 ? 2 : 1;
        o += len;
      }
      return o;
    };
    size_t a = offset(del["startLine"], del["startColumn"]);
    size_t b = offset(del["endLine"], del["endColumn"]);
    CHECK(before.substr(0, a) + inserted + before.substr(b) == fixes[0].after);
  }
  CHECK(with_fixes == 1);

  // Skipped files are notifications; the run succeeded.
  const json& inv = run["invocations"][0];
  CHECK(inv["executionSuccessful"] == true);
  bool saw_binary = false;
  for (const auto& n : inv["toolExecutionNotifications"]) {
    CHECK(n["level"] == "note");
    if (n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "repo/assets/logo.bin") {
      saw_binary = true;
      CHECK(n["message"]["text"] == "skipped: binary");
    }
  }
  CHECK(saw_binary);

  // No secret anywhere in the log, not even a long part of one.
  for (const char* token : {kDelugeToken, kPythonToken}) {
    CHECK(text.find(token) == std::string::npos);
    CHECK(text.find(std::string(token).substr(4, 16)) == std::string::npos);
  }
}

TEST_CASE("SARIF: fingerprints are stable across runs and line moves", "[sarif]") {
  TempDir d;
  d.Write("app/client.txt", kPython);
  auto first = json::parse(Sarif(Scan(d.path()), nullptr));
  auto second = json::parse(Sarif(Scan(d.path()), nullptr));
  REQUIRE(first["runs"][0]["results"].size() == 1);
  CHECK(first["runs"][0]["results"] == second["runs"][0]["results"]);
  const json before = first["runs"][0]["results"][0]["partialFingerprints"];

  // Lines inserted above the finding: its line number changes, its fingerprints do not (the line
  // hash covers the text from the line on, and this text is unique: occurrence 1 either way).
  std::string moved = std::string(kPython);
  moved.insert(moved.find("label"), "# a comment\n\nx = 1\n");
  d.Write("app/client.txt", moved);
  auto third = json::parse(Sarif(Scan(d.path()), nullptr));
  REQUIRE(third["runs"][0]["results"].size() == 1);
  const json& r = third["runs"][0]["results"][0];
  CHECK(r["locations"][0]["physicalLocation"]["region"]["startLine"] == 6);
  CHECK(r["partialFingerprints"] == before);

  // A duplicate line above: the hash part stays, the occurrence suffix moves.
  std::string dup = std::string(kPython);
  size_t at = dup.find("label");
  dup.insert(at, dup.substr(at));
  d.Write("app/client.txt", dup);
  auto fourth = json::parse(Sarif(Scan(d.path()), nullptr));
  REQUIRE(fourth["runs"][0]["results"].size() == 2);
  std::string h_old = before["primaryLocationLineHash"];
  std::string h_second =
      fourth["runs"][0]["results"][1]["partialFingerprints"]["primaryLocationLineHash"];
  CHECK(h_second.substr(0, h_second.find(':')) == h_old.substr(0, h_old.find(':')));
}

TEST_CASE("SARIF: severity levels map to SARIF levels", "[sarif]") {
  TempDir d;
  // An error (URL parameter), a warning (config key) and a note (a comment only mentions it).
  d.Write("a.py", "# see https://books.zoho.com/api/v3/items?authtoken=<token>\n");
  d.Write("b.env", "ZOHO_AUTHTOKEN=fedcba9876543210fedcba9876543210\n");
  d.Write("c.py", std::string(kPython));
  auto result = Scan(d.path());
  auto log = json::parse(Sarif(result, nullptr, "", ""));
  std::vector<std::string> levels;
  for (const auto& r : log["runs"][0]["results"]) levels.push_back(r["level"]);
  REQUIRE(levels.size() == result.findings.size());
  for (size_t i = 0; i < levels.size(); ++i) {
    CHECK(levels[i] == std::string(authshift::core::SeverityName(result.findings[i].severity)));
  }
  CHECK(std::find(levels.begin(), levels.end(), "error") != levels.end());
  CHECK(std::find(levels.begin(), levels.end(), "warning") != levels.end());
  CHECK(std::find(levels.begin(), levels.end(), "note") != levels.end());
  // No prefix: URIs are the scan-root-relative paths, still under %SRCROOT%.
  CHECK(
      log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
      "a.py");
  CHECK(log.dump().find("fedcba9876543210fedcba9876543210") == std::string::npos);
}

TEST_CASE("SARIF: an empty scan is a valid log with empty results", "[sarif]") {
  TempDir d;
  d.Write("clean.py", "print('hello')\n");
  auto result = Scan(d.path());
  REQUIRE(result.findings.empty());
  std::string text = Sarif(result, nullptr);
  auto log = json::parse(text);
  CHECK(log["runs"][0]["results"].is_array());
  CHECK(log["runs"][0]["results"].empty());
  CHECK(log["runs"][0]["invocations"][0]["executionSuccessful"] == true);
  CHECK(!log["runs"][0].contains("automationDetails"));
  CHECK(!log["runs"][0]["tool"]["driver"]["rules"].empty());
}

TEST_CASE("SARIF: paths are percent-encoded URIs", "[sarif]") {
  TempDir d;
  d.Write("dir with space/100%#x.py", std::string(kPython));
  auto log = json::parse(Sarif(Scan(d.path()), nullptr, "", "sub/"));
  REQUIRE(log["runs"][0]["results"].size() == 1);
  CHECK(
      log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
      "sub/dir%20with%20space/100%25%23x.py");
}

TEST_CASE("SARIF: the demo repository, with its fixes, holds no token", "[sarif]") {
  std::string demo = (fs::path(authshift::testing::SourceDir()) / "fixtures" / "demo").string();
  authshift::engine::ScanOptions so;
  auto result = authshift::engine::ScanPaths({demo}, Rules(), so);
  REQUIRE(!result.findings.empty());
  auto fixes = Fixes(result);
  std::string text = Sarif(result, &fixes, "demo", authshift::core::GitPrefix(result.root));
  auto log = json::parse(text);
  const json& results = log["runs"][0]["results"];
  REQUIRE(results.size() == result.findings.size());
  size_t with_fixes = 0;
  for (const auto& r : results) {
    std::string uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    CHECK(uri.rfind("fixtures/demo/", 0) == 0);
    CHECK(r["partialFingerprints"].contains("primaryLocationLineHash"));
    with_fixes += r.contains("fixes") ? 1u : 0u;
  }
  CHECK(with_fixes >= 1);
  // Nothing shaped like an Authtoken (32 hex characters) anywhere in the log.
  size_t run = 0;
  size_t longest = 0;
  for (char c : text) {
    bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    run = hex ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  CHECK(longest < 32);
}
