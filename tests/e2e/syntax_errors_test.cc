// A file with syntax errors is still scanned (facts from its parsed parts, the text rules as a
// fallback), and the number of such files is in the scan stats (JSON `stats`, text summary line).
#include <catch2/catch.hpp>

#include <string>

#include "tests/test_util.h"

using authshift::testing::RunCli;
using authshift::testing::TempDir;

TEST_CASE("files with syntax errors are scanned and counted in the stats", "[cli][syntax-errors]") {
  TempDir d;
  // Java: a broken statement after the URL; the URL's statement still parses.
  d.Write("Broken.java",
          "class Books {\n"
          "  String items(String t) {\n"
          "    String u = \"https://books.zoho.com/api/v3/items?authtoken=\" + t;\n"
          "    int x = ;\n"
          "    return u;\n"
          "  }\n");
  // Python: an unclosed call; the header dict before it still lowers.
  d.Write("broken.py",
          "h = {'Authorization': 'Zoho-authtoken ' + tok}\n"
          "requests.get(url, headers=h\n");
  // C#: well-formed.
  d.Write("Fine.cs",
          "class Desk {\n"
          "  string U(string t) => \"https://desk.zoho.com/api/v1/tickets?authtoken=\" + t;\n"
          "}\n");
  auto json = RunCli({"scan", "--no-git", "--format", "json", d.path()});
  CHECK(json.code == 1);
  CHECK(json.out.find("\"files_with_syntax_errors\": 2") != std::string::npos);
  CHECK(json.out.find("\"files_scanned\": 3") != std::string::npos);
  // Findings from the parsed parts of both broken files (IR rules), and from the good one.
  CHECK(json.out.find("\"path\": \"Broken.java\"") != std::string::npos);
  CHECK(json.out.find("\"path\": \"broken.py\"") != std::string::npos);
  CHECK(json.out.find("\"rule_id\": \"authtoken-url-param\"") != std::string::npos);
  CHECK(json.out.find("\"rule_id\": \"authtoken-header\"") != std::string::npos);

  auto text = RunCli({"scan", "--no-git", "--no-color", d.path()});
  CHECK(text.code == 1);
  CHECK(text.out.find("3 findings (3 errors, 0 warnings, 0 notes) in 3 of 3 scanned files; 2 with syntax errors\n") !=
        std::string::npos);
}

TEST_CASE("a scan without syntax errors does not mention them", "[cli][syntax-errors]") {
  TempDir d;
  d.Write("Fine.java",
          "class Books {\n"
          "  String u(String t) { return \"https://books.zoho.com/api/v3/items?authtoken=\" + t; }\n"
          "}\n");
  auto json = RunCli({"scan", "--no-git", "--format", "json", d.path()});
  CHECK(json.code == 1);
  CHECK(json.out.find("files_with_syntax_errors") == std::string::npos);
  auto text = RunCli({"scan", "--no-git", "--no-color", d.path()});
  CHECK(text.out.find("syntax errors") == std::string::npos);
  CHECK(text.out.find("1 finding (1 error, 0 warnings, 0 notes) in 1 of 1 scanned files\n") != std::string::npos);
}
