// Deluge through the CLI: findings name their function or Creator workflow in every report format,
// `--verbose` prints each parsed file's first syntax error, and fixes inside a Creator application
// export (.ds) keep the container intact.
#include <catch2/catch.hpp>

#include <string>

#include "scanner/frontends/deluge/cst.h"
#include "tests/test_util.h"

using authshift::testing::ReadAll;
using authshift::testing::RunCli;
using authshift::testing::TempDir;

namespace {

const char* kApp =
    "application \"Shop\"\n"
    "{\n"
    "\tforms\n"
    "\t{\n"
    "\t\tform Order\n"
    "\t\t{\n"
    "\t\t\tEmail\n"
    "\t\t\t(\n"
    "\t\t\t\ttype = email\n"
    "\t\t\t)\n"
    "\t\t}\n"
    "\t}\n"
    "\tworkflow\n"
    "\t{\n"
    "\t\tform\n"
    "\t\t{\n"
    "\t\t\tOrder_on_success as \"Push order\"\n"
    "\t\t\t{\n"
    "\t\t\t\ttype = form\n"
    "\t\t\t\tform = Order\n"
    "\t\t\t\ton success\n"
    "\t\t\t\t{\n"
    "\t\t\t\t\tactions\n"
    "\t\t\t\t\t{\n"
    "\t\t\t\t\t\tcustom deluge script\n"
    "\t\t\t\t\t\t(\n"
    "\t\t\t\t\t\t\tt = zoho.creator.getOrgVariable(\"books\");\n"
    "\t\t\t\t\t\t\tr = getUrl(\"https://books.zoho.com/api/v3/items?authtoken=\" + t);\n"
    "\t\t\t\t\t\t)\n"
    "\t\t\t\t\t}\n"
    "\t\t\t\t}\n"
    "\t\t\t}\n"
    "\t\t}\n"
    "\t}\n"
    "\tfunctions\n"
    "\t{\n"
    "\t\tDeluge\n"
    "\t\t{\n"
    "\t\t\tvoid Crm.pushContact(string e)\n"
    "\t\t\t{\n"
    "\t\t\t\tm = Map();\n"
    "\t\t\t\tm.put(\"authtoken\", zoho.creator.getOrgVariable(\"crm\"));\n"
    "\t\t\t\tr = postUrl(\"https://www.zohoapis.com/crm/v2/Contacts\", m);\n"
    "\t\t\t}\n"
    "\t\t}\n"
    "\t}\n"
    "}\n";

}  // namespace

TEST_CASE("Deluge findings name their workflow or function in text, JSON and SARIF", "[deluge][e2e]") {
  TempDir d;
  d.Write("shop.ds", kApp);
  auto text = RunCli({"scan", "--no-color", d.path()});
  CHECK(text.code == 1);
  CHECK(text.out.find("shop.ds:28:") != std::string::npos);  // the .ds file's own line
  CHECK(text.out.find("  in workflow Order_on_success in form Order\n") != std::string::npos);
  CHECK(text.out.find("  in function Crm.pushContact\n") != std::string::npos);
  auto json = RunCli({"scan", "--format", "json", d.path()});
  CHECK(json.out.find("\"location_name\": \"workflow Order_on_success in form Order\"") != std::string::npos);
  CHECK(json.out.find("\"location_name\": \"function Crm.pushContact\"") != std::string::npos);
  auto sarif = RunCli({"scan", "--format", "sarif", d.path()});
  CHECK(sarif.out.find("\"fullyQualifiedName\": \"workflow Order_on_success in form Order\"") != std::string::npos);
  CHECK(sarif.out.find("\"fullyQualifiedName\": \"function Crm.pushContact\"") != std::string::npos);
}

TEST_CASE("Deluge fixes inside a Creator application export keep the container", "[deluge][e2e]") {
  TempDir d;
  d.Write("shop.ds", kApp);
  auto r = RunCli({"fix", "--no-color", d.path()});
  CHECK(r.code == 1);
  const std::string fixed = ReadAll(d.path() + "/shop.ds");
  CHECK(fixed.find("authtoken") == std::string::npos);
  CHECK(fixed.find("\t\t\t\t\t\t\tr = invokeurl\n\t\t\t\t\t\t\t[\n") != std::string::npos);
  CHECK(fixed.find("\t\t\t\t\t\tcustom deluge script\n\t\t\t\t\t\t(\n") != std::string::npos);
  CHECK(fixed.find("\t\t\tvoid Crm.pushContact(string e)\n") != std::string::npos);
  CHECK(fixed.substr(0, 20) == "application \"Shop\"\n{");
  CHECK(authshift::frontends::deluge::Parse(fixed).errors.empty());
  auto again = RunCli({"scan", "--no-color", d.path()});
  CHECK(again.code == 0);
}

TEST_CASE("scan --verbose prints each parsed Deluge file's first syntax error", "[deluge][e2e]") {
  TempDir d;
  d.Write("broken.dg", "t = zoho.crm.getOrgVariable(\"x\");\nr = getUrl(\"https://crm.zoho.com/crm/v2/Leads?authtoken=\" + t \"&a=1\");\n");
  d.Write("fine.dg", "r = getUrl(\"https://crm.zoho.com/crm/v2/Leads?authtoken=\" + t);\n");
  auto r = RunCli({"scan", "--verbose", "--no-color", "--no-git", d.path()});
  CHECK(r.err.find("broken.dg:2:63: unparsable statement") != std::string::npos);
  CHECK(r.err.find("fine.dg:") == std::string::npos);
  // The broken statement's request is still found.
  CHECK(r.out.find("broken.dg:2:") != std::string::npos);
  auto quiet = RunCli({"scan", "--no-color", "--no-git", d.path()});
  CHECK(quiet.err.find("unparsable") == std::string::npos);
}
