// End-to-end tests of the CLI, run in-process through RunMain.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>

#include "tests/test_util.h"

using authshift::testing::ReadAll;
using authshift::testing::RunCli;
using authshift::testing::TempDir;
using Catch::Matchers::Contains;

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

TEST_CASE("advisories are counted into the plan unless asked for", "[cli][advisories]") {
  TempDir d;
  d.Write("fn.dg",
          "deal = zoho.crm.getRecordById(\"Deals\", dealId);\n"
          "inv = zoho.books.getRecords(\"Invoices\", orgId);\n"
          "ok = zoho.crm.getRecordById(\"Deals\", dealId, Map(), \"zohocrm\");\n");
  // Default: no finding, exit 0 whatever --fail-on, and a plan line with the count.
  auto r = RunCli({"scan", "--no-color", "--no-git", "--fail-on", "note", d.path()});
  CHECK(r.code == 0);
  CHECK(r.out.find("fn.dg:1") == std::string::npos);
  CHECK(r.out.find("0 findings in 0 of 1 scanned files") != std::string::npos);
  CHECK(r.out.find("plan: 2 x Zoho integration task without a connection argument "
                   "[deluge-task-without-connection]") != std::string::npos);
  auto j = RunCli({"scan", "--format", "json", "--no-git", d.path()});
  CHECK(j.out.find("\"findings\": []") != std::string::npos);
  CHECK(j.out.find("\"advisories_held\": {\n      \"deluge-task-without-connection\": 2\n    }") != std::string::npos);
  auto s = RunCli({"scan", "--format", "sarif", "--no-git", d.path()});
  CHECK(s.out.find("\"results\": []") != std::string::npos);
  // --advisories, or `advisories: true`, lists them as before.
  auto a = RunCli({"scan", "--no-color", "--no-git", "--fail-on", "note", "--advisories", d.path()});
  CHECK(a.code == 1);
  CHECK(a.out.find("fn.dg:1:8: note:") != std::string::npos);
  CHECK(a.out.find("fn.dg:2:7: note:") != std::string::npos);
  CHECK(a.out.find("fn.dg:3") == std::string::npos);
  CHECK(a.out.find("plan:") == std::string::npos);
  d.Write(".authshift.yml", "advisories: true\n");
  auto c = RunCli({"scan", "--no-color", "--no-git", "--fail-on", "note", d.path()});
  CHECK(c.code == 1);
  CHECK(c.out.find("fn.dg:2:7: note:") != std::string::npos);
  d.Write(".authshift.yml", "advisories: sometimes\n");
  auto bad = RunCli({"scan", "--no-git", d.path()});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("field 'advisories': expected true or false, got 'sometimes'") != std::string::npos);
}

TEST_CASE("a finding names the request that sends the token, across methods", "[cli][flow]") {
  TempDir d;
  // The parameters are built in one method and sent in another (a Guzzle query option).
  d.Write("ZohoCrmClient.php",
          "<?php\n"                                                                          // 1
          "class ZohoCrmClient\n"                                                            // 2
          "{\n"                                                                              // 3
          "    private $token;\n"                                                            // 4
          "    protected function getParams()\n"                                             // 5
          "    {\n"                                                                          // 6
          "        return ['authtoken' => $this->token, 'scope' => 'crmapi'];\n"             // 7
          "    }\n"                                                                          // 8
          "    public function records($module)\n"                                           // 9
          "    {\n"                                                                          // 10
          "        $url = 'https://crm.zoho.com/crm/private/json/' . $module . '/getRecords';\n"  // 11
          "        return $this->client->get($url, ['query' => $this->getParams()]);\n"      // 12
          "    }\n"                                                                          // 13
          "}\n");
  // A field set in the constructor and read in a request method.
  d.Write("books.py",
          "import requests\n"                                                               // 1
          "class Books:\n"                                                                   // 2
          "    def __init__(self, token):\n"                                                 // 3
          "        self.params = {'authtoken': token, 'organization_id': '1'}\n"             // 4
          "    def items(self):\n"                                                           // 5
          "        url = 'https://books.zoho.com/api/v3/items'\n"                            // 6
          "        return requests.get(url, params=self.params)\n");                         // 7
  auto r = RunCli({"scan", "--format", "json", "--no-git", d.path()});
  // authtoken-zoho-key at 7 (no known sink takes the key directly), sent at 12.
  auto php = r.out.find("\"path\": \"ZohoCrmClient.php\"");
  REQUIRE(php != std::string::npos);
  CHECK(r.out.find("\"rule_id\": \"authtoken-zoho-key\"") != std::string::npos);
  auto rel = r.out.find("\"related\": [", php);
  REQUIRE(rel != std::string::npos);
  CHECK(r.out.find("\"line\": 12", rel) < r.out.find("\"message\": \"the request that sends it\"", rel));
  // authtoken-param-map at 4, sent at 7.
  auto py = r.out.find("\"path\": \"books.py\"");
  REQUIRE(py != std::string::npos);
  auto rel2 = r.out.find("\"related\": [", py);
  REQUIRE(rel2 != std::string::npos);
  CHECK(r.out.find("\"line\": 7", rel2) != std::string::npos);
  auto s = RunCli({"scan", "--format", "sarif", "--no-git", d.path()});
  CHECK(s.out.find("\"relatedLocations\"") != std::string::npos);
  auto t = RunCli({"scan", "--no-color", "--no-git", d.path()});
  CHECK(t.out.find("  the request that sends it: line 12\n") != std::string::npos);
  CHECK(t.out.find("  the request that sends it: line 7\n") != std::string::npos);
}

TEST_CASE("flow reaches the request through in-place merges, implicit returns, form bodies and constants",
          "[cli][flow]") {
  TempDir d;
  // Ruby: a hash merged into a parameter in place and sent after `to_query`; a method whose last
  // expression (no `return`) is the map, called without parentheses.
  d.Write("reports_client.rb",
          "class ReportsClient\n"                                                                  // 1
          "  def defaults\n"                                                                       // 2
          "    { 'authtoken' => @token, 'ZOHO_OUTPUT_FORMAT' => 'JSON' }\n"                        // 3
          "  end\n"                                                                                // 4
          "\n"                                                                                     // 5
          "  def export(db, url_params)\n"                                                         // 6
          "    url_params.merge!({ :authtoken => @token, :ZOHO_API_VERSION => '1.0' })\n"          // 7
          "    url = \"https://reportsapi.zoho.com/api/#{db}?#{url_params.to_query}\"\n"           // 8
          "    request = Net::HTTP::Post.new(url)\n"                                               // 9
          "    options = {}\n"                                                                     // 10
          "    options[:query] = defaults.merge!(options[:query] || {})\n"                         // 11
          "    self.class.send(:get, url, options)\n"                                              // 12
          "  end\n"                                                                                // 13
          "end\n");
  // PHP: a form body built in a variable and posted with CURLOPT_POSTFIELDS.
  d.Write("insert_leads.php",
          "<?php\n"                                                                                // 1
          "function insert($auth, $xml)\n"                                                         // 2
          "{\n"                                                                                    // 3
          "    $url = \"https://crm.zoho.com/crm/private/xml/Leads/insertRecords\";\n"             // 4
          "    $fields = \"authtoken=\" . $auth . \"&scope=crmapi&xmlData=\" . $xml;\n"            // 5
          "    $ch = curl_init();\n"                                                               // 6
          "    curl_setopt($ch, CURLOPT_URL, $url);\n"                                             // 7
          "    curl_setopt($ch, CURLOPT_POSTFIELDS, $fields);\n"                                   // 8
          "    return curl_exec($ch);\n"                                                           // 9
          "}\n");
  // Java: the parameter name is a local constant; the URL is joined two lines below it.
  d.Write("Invoices.java",
          "class Invoices {\n"                                                                     // 1
          "  String create(String authtoken, String json) {\n"                                     // 2
          "    final String AUTHTOKEN_PARAM = \"authtoken\";\n"                                    // 3
          "    final String BASE_URL = \"https://books.zoho.com/api/v3/invoices?\";\n"             // 4
          "    String url = BASE_URL + AUTHTOKEN_PARAM + \"=\" + authtoken\n"                      // 5
          "        + \"&JSONString=\" + json;\n"                                                   // 6
          "    return connect(url, \"POST\");\n"                                                   // 7
          "  }\n"                                                                                  // 8
          "}\n");
  auto t = RunCli({"scan", "--no-color", "--no-git", "--no-config", d.path()});
  CHECK(t.code == 1);
  CHECK(t.out.find("Invoices.java:3:37: error: ") != std::string::npos);
  CHECK(t.out.find("[authtoken-url-param]\n") != std::string::npos);
  CHECK(t.out.find("  the URL it is joined into: line 5\n") != std::string::npos);
  CHECK(t.out.find("insert_leads.php:5:16: error: ") != std::string::npos);
  CHECK(t.out.find("[authtoken-param-map]\n") != std::string::npos);
  CHECK(t.out.find("  the request that sends it: line 8\n") != std::string::npos);
  const auto rb3 = t.out.find("reports_client.rb:3:7: warning: ");
  const auto rb7 = t.out.find("reports_client.rb:7:25: warning: ");
  REQUIRE(rb3 != std::string::npos);
  REQUIRE(rb7 != std::string::npos);
  CHECK(t.out.substr(rb3, rb7 - rb3).find("  the request that sends it: line 12\n") != std::string::npos);
  CHECK(t.out.substr(rb7).find("  the request that sends it: line 9\n  the request that sends it: line 12\n") !=
        std::string::npos);
  CHECK(t.out.find("4 findings (2 errors, 2 warnings, 0 notes) in 3 of 3 scanned files") != std::string::npos);
}

TEST_CASE("scan with --profile prints the CPU time per stage and per language, and --cfamily is checked", "[cli][profile]") {
  TempDir d;
  d.Write("books.py",
          "import requests\n"
          "requests.get('https://www.zohoapis.com/books/v3/items?authtoken=' + token)\n");
  auto r = RunCli({"scan", "--no-color", "--no-git", "--no-config", "--profile", d.path()});
  CHECK(r.code == 1);
  CHECK(r.err.find("profile: CPU time per stage (milliseconds; stages exclude the stages nested in them)\n") !=
        std::string::npos);
  for (const char* line : {"\n  rules ", "\n  walk ", "\n  read ", "\n  prefilter ", "\n  text ", "\n  queries ",
                           "\n    queries python ", "\n  parse ", "\n    parse python ", "\n  match ", "\n  report ",
                           "\n  other ", "\n  process CPU "}) {
    INFO(line);
    CHECK(r.err.find(line) != std::string::npos);
  }
  // Without the flag: no profile, and the report is the same.
  auto plain = RunCli({"scan", "--no-color", "--no-git", "--no-config", d.path()});
  CHECK(plain.err.find("profile:") == std::string::npos);
  CHECK(plain.out == r.out);
  auto bad = RunCli({"scan", "--no-git", "--no-config", "--cfamily", "fast", d.path()});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("--cfamily must be auto, clang or tree-sitter, got 'fast'") != std::string::npos);
  d.Write(".authshift.yml", "cfamily: fast\n");
  auto cfg = RunCli({"scan", "--no-git", d.path()});
  CHECK(cfg.code == 2);
  CHECK(cfg.err.find("field 'cfamily': expected one of auto, clang, tree-sitter, got 'fast'") != std::string::npos);
}

TEST_CASE("a withheld fix of a retired API says so, even where no request is seen", "[cli][fix]") {
  TempDir d;
  // A Scrapy spider: the URLs go to the framework, not to a request call of the file.
  d.Write("spider.py",
          "class ModuleSpider(scrapy.Spider):\n"
          "    start_urls = [\n"
          "        'https://crm.zoho.com/crm/private/json/Info/getModules?authtoken={0}&scope=crmapi'.format(TOKEN)\n"
          "    ]\n"
          "    books = 'https://www.zohoapis.com/books/v3/items?authtoken={0}'.format(TOKEN)\n");
  auto r = RunCli({"fix", "--dry-run", "--no-color", "--no-git", "--no-config", d.path()});
  const std::string all = r.out + r.err;  // the outcomes go to stderr when the diff takes stdout
  CHECK(all.find("spider.py:3:64: withheld: [authtoken-url-param] legacy API (CRM v1, Creator v1 or Invoice "
                   "v2): migrate it to the current API by hand") != std::string::npos);
  CHECK(all.find("spider.py:5:54: withheld: [authtoken-url-param] cannot find the request this value is sent "
                   "with") != std::string::npos);
}

TEST_CASE("a token literal formatted into the URL from a line of its own is named as a related location",
          "[cli][flow]") {
  TempDir d;
  const std::string hex = "0123456789abcdef0123456789abcdef";
  d.Write("spider.py",
          "class ModuleSpider(scrapy.Spider):\n"                                                   // 1
          "    start_urls = [\n"                                                                   // 2
          "        'https://crm.zoho.com/crm/private/json/Info/getModules?authtoken={0}'.format(\n" // 3
          "            '" + hex + "')\n"                                                           // 4
          "    ]\n"                                                                                // 5
          "    books = 'https://www.zohoapis.com/books/v3/items?authtoken={0}'.format('" + hex + "')\n");  // 6
  auto t = RunCli({"scan", "--no-color", "--no-git", "--no-config", d.path()});
  CHECK(t.out.find("spider.py:3:64: error: ") != std::string::npos);
  CHECK(t.out.find("  the hard-coded token it sends: line 4\n") != std::string::npos);
  // On the URL's own line, the finding's line already shows it: no second location.
  CHECK(t.out.find("the hard-coded token it sends: line 6") == std::string::npos);
  CHECK(t.out.find(hex) == std::string::npos);
}

TEST_CASE("a report-only finding on a retired API's URL says it is a legacy API", "[cli][fix]") {
  TempDir d;
  // Creator v1 with the token in the path (no query, so no fix applies), and a Books v3 URL whose
  // token sits in the path the same way, which stays report-only.
  const std::string php =
      "<?php\n"
      "function pull() {\n"
      "    $url = \"https://creator.zoho.com/api/json/acme/view/Report/auth" "token=XXXX&scope=creatorapi&raw=true\";\n"
      "    return file_get_contents($url);\n"
      "}\n"
      "function items() {\n"
      "    $url = \"https://www.zohoapis.com/books/v3/items/auth" "token=XXXX\";\n"
      "    return file_get_contents($url);\n"
      "}\n";
  d.Write("pull.php", php);
  auto r = RunCli({"fix", "--no-color", "--no-git", "--no-config", d.path()});
  CHECK(ReadAll(d.path() + "/pull.php") == php);
  CHECK_THAT(r.out, Contains("pull.php:3:13: withheld: [zoho-authtoken-url-param] legacy API (CRM v1, Creator v1 or "
                             "Invoice v2): migrate it to the current API by hand"));
  CHECK_THAT(r.out, !Contains("pull.php:7:"));
  CHECK_THAT(r.out, Contains("0 fixed in 0 files, 1 withheld, 1 report-only"));
}
