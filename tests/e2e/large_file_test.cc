// Files over 1 MiB are parsed only around their keyword hits (scanner/engine/scan.cc,
// StructuralWindows): the findings there must be the ones a whole parse gives, at the same lines.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/test_util.h"

namespace authshift::testing {
namespace {

// `n` unrelated Python functions, ~100 bytes each.
std::string Filler(int n, int from) {
  std::string s;
  for (int i = from; i < from + n; ++i) {
    s += "def helper_" + std::to_string(i) + "(items):\n    total = 0\n    for it in items:\n        total += it * " +
         std::to_string(i % 7) + "\n    return total\n\n";
  }
  return s;
}

const char kCall[] =
    "def sync_invoices(org, token):\n"
    "    url = \"https://books.zoho.com/api/v3/invoices?organization_id=\" + org\n"
    "    url = url + \"&authtoken=\" + token\n"
    "    return requests.get(url).json()\n";

// "rule_id line" for every finding of the JSON report, in report order.
std::vector<std::string> Findings(const std::string& json) {
  std::vector<std::string> out;
  size_t pos = 0;
  while ((pos = json.find("\"rule_id\": \"", pos)) != std::string::npos) {
    pos += 12;
    std::string id = json.substr(pos, json.find('"', pos) - pos);
    size_t line = json.find("\"line\": ", pos);
    out.push_back(id + " " + json.substr(line + 8, json.find_first_of(",\n}", line + 8) - line - 8));
  }
  return out;
}

TEST_CASE("a file over 1 MiB gives the findings of a whole parse around its hits", "[large-file]") {
  TempDir dir;
  std::string head = "import requests\n\n" + Filler(6000, 0);
  std::string big = head + kCall + "\n" + Filler(6000, 6000);
  REQUIRE(big.size() > (size_t{1} << 20));
  size_t line = 1 + static_cast<size_t>(std::count(head.begin(), head.end(), '\n')) + 2;
  dir.Write("big.py", big);
  dir.Write("small.py", std::string("import requests\n\n") + kCall);
  CliResult r = RunCli({"scan", "--no-git", "--max-file-size", "8M", "--format", "json", dir.path() + "/big.py"});
  CHECK(r.code == 1);
  CHECK(Findings(r.out) == std::vector<std::string>{"authtoken-url-param " + std::to_string(line)});
  CliResult s = RunCli({"scan", "--no-git", "--format", "json", dir.path() + "/small.py"});
  CHECK(Findings(s.out) == std::vector<std::string>{"authtoken-url-param 5"});
}

TEST_CASE("a minified line over 1 MiB is cut around the hit and still scanned", "[large-file]") {
  TempDir dir;
  std::string pad;
  for (int i = 0; i < 40000; ++i) pad += "var a" + std::to_string(i) + "=" + std::to_string(i) + ";";
  std::string js = pad + "fetch(\"https://www.zohoapis.com/crm/v2/Leads?authtoken=\"+t);" + pad + "\n";
  REQUIRE(js.size() > (size_t{1} << 20));
  dir.Write("bundle.js", js);
  CliResult r = RunCli({"scan", "--no-git", "--max-file-size", "8M", "--format", "json", dir.path() + "/bundle.js"});
  CHECK(r.code == 1);
  CHECK(Findings(r.out) == std::vector<std::string>{"authtoken-url-param 1"});
}

}  // namespace
}  // namespace authshift::testing
