// Hostile inputs (README "Limits"): each reproducer's input is generated here (nothing big is
// committed) and the tests assert bounded counts and sizes, never times: the caps on findings per
// line and per file, bounded snippets on huge lines, facts linear in long `+` chains, and the
// per-file budget's fallback to the text rules. tests/bench/hostile.sh prints the times and memory.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "rewriters/fix.h"
#include "scanner/core/redact.h"
#include "scanner/engine/rule_loader.h"
#include "scanner/engine/scan.h"
#include "scanner/frontends/frontends.h"
#include "tests/test_util.h"

namespace authshift::testing {
namespace {

const std::string kTok = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";

const engine::RuleSet& DefaultRules() {
  static const engine::RuleSet* rules = [] {
    auto* r = new engine::RuleSet;
    std::vector<std::string> errors;
    engine::LoadOptions lo;
    lo.fix_names = rewriters::RewriterNames();
    REQUIRE(engine::LoadRules(lo, r, &errors));
    return r;
  }();
  return *rules;
}

engine::ScanResult Scan(const std::string& path, engine::ScanOptions options = {}) {
  options.walk.use_git = false;
  options.walk.max_file_size = uint64_t{1} << 30;
  options.jobs = 1;
  return engine::ScanPaths({path}, DefaultRules(), options);
}

size_t OnLine(const engine::ScanResult& r, uint32_t line) {
  return static_cast<size_t>(std::count_if(r.findings.begin(), r.findings.end(),
                                           [&](const core::Finding& f) { return f.start.line == line; }));
}

TEST_CASE("many hits on one line are capped per line, and counted", "[hostile]") {
  TempDir dir;
  std::string ts = "axios.get(\"https://books.zoho.com/api/v3/invoices\", { params: { authtoken: this.token } });\n";
  ts += "const authToken = \"";
  for (int i = 0; i < 3200; ++i) ts += "&authtoken=" + kTok;
  ts += "\";\n";
  engine::ScanResult r = Scan(dir.Write("a.ts", ts));
  CHECK(OnLine(r, 1) >= 1);
  CHECK(OnLine(r, 2) == engine::kMaxFindingsPerLine);
  CHECK(r.stats.findings_over_limit >= 3200 - engine::kMaxFindingsPerLine);
  for (const auto& f : r.findings) {
    CHECK(f.snippet.size() < 2 * core::kSnippetContext + core::kSnippetMatch + 64);
    CHECK(f.snippet.find(kTok.substr(4)) == std::string::npos);
  }
  // The text report says so.
  CliResult cli = RunCli({"scan", "--no-git", "--format", "text", dir.path() + "/a.ts"});
  CHECK(cli.out.find("more over the limits (20 per line, 1000 per file) not shown") != std::string::npos);
}

TEST_CASE("findings are capped per file, and counted", "[hostile]") {
  TempDir dir;
  std::string py = "import requests\n";
  for (int i = 0; i < 1500; ++i) py += "requests.get(\"https://books.zoho.com/api/v3/x?authtoken=\" + t" + std::to_string(i) + ")\n";
  engine::ScanResult r = Scan(dir.Write("r.py", py));
  CHECK(r.findings.size() == engine::kMaxFindingsPerFile);
  CHECK(r.stats.findings_over_limit >= 500);
  CliResult cli = RunCli({"scan", "--no-git", "--format", "json", dir.path() + "/r.py"});
  CHECK(cli.out.find("\"findings_over_limit\": ") != std::string::npos);
}

TEST_CASE("a multi-megabyte line gives bounded snippets and a bounded number of findings", "[hostile]") {
  TempDir dir;
  const std::string unit =
      "fetch(\"https://crm.zoho.com/crm/private/json/Leads/getRecords?authtoken=\"+t+\"&scope=crmapi\");var a=1;";
  std::string js;
  while (js.size() < 4'000'000) js += unit;
  engine::ScanResult r = Scan(dir.Write("big.js", js));
  REQUIRE(!r.findings.empty());
  CHECK(r.findings.size() <= engine::kMaxFindingsPerLine);
  CHECK(r.stats.findings_over_limit > 0);
  size_t snippet_bytes = 0;
  for (const auto& f : r.findings) snippet_bytes += f.snippet.size();
  CHECK(snippet_bytes < r.findings.size() * (2 * core::kSnippetContext + core::kSnippetMatch + 64));
}

TEST_CASE("long + chains lower to facts linear in the chain", "[hostile]") {
  for (int n : {5000, 20000}) {
    std::string go = "package main\nimport \"net/http\"\nfunc f(x, tok string) {\n\turl := \"https://analytics.zoho.com/api?authtoken=\" + ";
    for (int i = 0; i < n; ++i) go += "x+";
    go += "tok\n\thttp.Get(url)\n}\n";
    auto facts = frontends::BuildFacts("go", go);
    REQUIRE(facts.has_value());
    CHECK(facts->exprs.size() < static_cast<size_t>(3 * n + 100));
    std::string cs = "class A { void F(string a, string tok) { var u = \"https://books.zoho.com/api/v3/x?authtoken=\" + ";
    for (int i = 0; i < n / 2; ++i) cs += "a+(";
    cs += "tok" + std::string(static_cast<size_t>(n / 2), ')') + "; } }\n";
    auto cs_facts = frontends::BuildFacts("csharp", cs);
    REQUIRE(cs_facts.has_value());
    CHECK(cs_facts->exprs.size() < static_cast<size_t>(3 * n + 100));
  }
  // The chain is still reported: by the IR rule when the chain is short, by the text rule when it
  // is so deep that the lowering's query limit cut it (then counted as budget-exceeded).
  for (int n : {100, 20000}) {
    TempDir dir;
    std::string go = "package main\nimport \"net/http\"\nfunc f(x, tok string) {\n\turl := \"https://analytics.zoho.com/api?authtoken=\" + ";
    for (int i = 0; i < n; ++i) go += "x+";
    go += "tok\n\thttp.Get(url)\n}\n";
    engine::ScanResult r = Scan(dir.Write("m.go", go));
    std::set<std::string> ids;
    for (const auto& f : r.findings) ids.insert(f.rule_id);
    bool fell_back = r.stats.skipped[static_cast<size_t>(core::SkipReason::kBudgetExceeded)] == 1;
    CHECK(fell_back == (n == 20000));
    CHECK(ids == std::set<std::string>{fell_back ? "zoho-authtoken-url-param" : "authtoken-url-param"});
  }
}

TEST_CASE("a file over its time budget keeps its text findings and is counted", "[hostile]") {
  TempDir dir;
  std::string py =
      "import requests\n"
      "def f(tok):\n"
      "    return requests.get(\"https://books.zoho.com/api/v3/invoices?authtoken=\" + tok)\n";
  std::string path = dir.Write("r.py", py);
  engine::ScanResult normal = Scan(path);
  engine::ScanOptions spent;
  spent.file_budget = std::chrono::milliseconds(0);
  engine::ScanResult fallback = Scan(path, spent);
  std::set<std::string> normal_ids;
  std::set<std::string> fallback_ids;
  for (const auto& f : normal.findings) normal_ids.insert(f.rule_id);
  for (const auto& f : fallback.findings) fallback_ids.insert(f.rule_id);
  CHECK(normal_ids == std::set<std::string>{"authtoken-url-param"});       // the IR rule supersedes
  CHECK(fallback_ids == std::set<std::string>{"zoho-authtoken-url-param"}); // the text rule alone
  CHECK(normal.stats.skipped[static_cast<size_t>(core::SkipReason::kBudgetExceeded)] == 0);
  CHECK(fallback.stats.skipped[static_cast<size_t>(core::SkipReason::kBudgetExceeded)] == 1);
  REQUIRE(fallback.skipped.size() == 1);
  CHECK(fallback.skipped[0].reason == core::SkipReason::kBudgetExceeded);
  CHECK(fallback.stats.files_scanned == 1);
}

}  // namespace
}  // namespace authshift::testing
