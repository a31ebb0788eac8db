// `authshift fix` on Deluge through the CLI: header mode, connection names, in-place writes.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include "tests/test_util.h"

using authshift::testing::ReadAll;
using authshift::testing::RunCli;
using authshift::testing::TempDir;

namespace {

const char* kSource =
    "token = zoho.crm.getOrgVariable(\"books_token\");\n"
    "orgId = organization.get(\"organization_id\");\n"
    "resp = invokeurl\n"
    "[\n"
    "\turl: \"https://books.zoho.com/api/v3/invoices?organization_id=\" + orgId + \"&authtoken=\" + token\n"
    "\ttype: GET\n"
    "];\n"
    "h = Map();\n"
    "h.put(\"X-com-zoho-subscriptions-organizationid\", orgId);\n"
    "r2 = getUrl(\"https://subscriptions.zoho.com/api/v1/plans?authtoken=\" + token, h);\n";

}  // namespace

TEST_CASE("Deluge header mode keeps the token variable in a Zoho-oauthtoken header", "[fix][deluge]") {
  TempDir d;
  d.Write("fn.dg", kSource);
  auto r = RunCli({"fix", "--deluge-mode", "header", d.path()});
  CHECK(r.code == 1);
  CHECK(ReadAll(d.path() + "/fn.dg") ==
        "token = zoho.crm.getOrgVariable(\"books_token\");\n"
        "orgId = organization.get(\"organization_id\");\n"
        "resp = invokeurl\n"
        "[\n"
        "\turl: \"https://books.zoho.com/api/v3/invoices?organization_id=\" + orgId\n"
        "\ttype: GET\n"
        "\theaders: {\"Authorization\": \"Zoho-oauthtoken \" + token}\n"
        "];\n"
        "h = Map();\n"
        "h.put(\"X-com-zoho-subscriptions-organizationid\", orgId);\n"
        "h.put(\"Authorization\", \"Zoho-oauthtoken \" + token);\n"
        "r2 = invokeurl\n"
        "[\n"
        "\turl: \"https://subscriptions.zoho.com/api/v1/plans\"\n"
        "\ttype: GET\n"
        "\theaders: h\n"
        "];\n");
  CHECK(r.out.find("fn.dg:5:77: fixed: [deluge-authtoken-url-param] 'token' must now hold an OAuth access token") !=
        std::string::npos);
  CHECK(r.out.find("2 fixed in 1 file, 0 withheld, 0 report-only") != std::string::npos);
  // Idempotent: a second run finds nothing to fix.
  auto again = RunCli({"fix", "--deluge-mode", "header", d.path()});
  CHECK(again.code == 0);
  CHECK(again.out.find("0 fixed in 0 files") != std::string::npos);
}

TEST_CASE("Deluge connection names: per product by default, or one given name", "[fix][deluge]") {
  TempDir d;
  d.Write("fn.dg", kSource);
  auto by_product = RunCli({"scan", "--format", "diff", d.path()});
  CHECK(by_product.out.find("+\tconnection: \"zohobooks\"\n") != std::string::npos);
  CHECK(by_product.out.find("+\tconnection: \"zohosubscriptions\"\n") != std::string::npos);
  auto named = RunCli({"scan", "--format", "diff", "--deluge-connection", "acme_zoho", d.path()});
  CHECK(named.out.find("connection: \"zohobooks\"") == std::string::npos);
  CHECK(named.out.find("+\tconnection: \"acme_zoho\"\n") != std::string::npos);
  CHECK(RunCli({"fix", "--deluge-mode", "headr", d.path()}).code == 2);
}

TEST_CASE("fix writes in place keeping the mode and CRLF; --dry-run writes nothing", "[fix][deluge]") {
  TempDir d;
  std::string crlf;
  for (char c : std::string(kSource)) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  std::string path = d.Write("fn.dg", crlf);
  REQUIRE(chmod(path.c_str(), 0750) == 0);
  auto dry = RunCli({"fix", "--dry-run", d.path()});
  CHECK(dry.out.find("diff --git a/fn.dg b/fn.dg") == 0);
  CHECK(ReadAll(path) == crlf);
  auto r = RunCli({"fix", d.path()});
  CHECK(r.code == 1);
  std::string fixed = ReadAll(path);
  CHECK(fixed != crlf);
  CHECK(fixed.find("connection: \"zohobooks\"\r\n") != std::string::npos);
  CHECK(fixed.find("\n") != std::string::npos);
  for (size_t i = 0; i < fixed.size(); ++i) {
    if (fixed[i] == '\n') REQUIRE((i > 0 && fixed[i - 1] == '\r'));
  }
  struct stat st {};
  REQUIRE(stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0750);
}

TEST_CASE("Deluge samples in Markdown are fixed in place; prose, CRLF and other blocks stay", "[fix][deluge][markdown]") {
  TempDir d;
  const std::string prose =
      "# Invoices\r\n"
      "\r\n"
      "The old code sent the authtoken in the URL (`&authtoken=` below); keep this sentence.\r\n"
      "\r\n";
  const std::string js =
      "```js\r\n"
      "fetch(`https://books.zoho.com/api/v3/items?authtoken=${t}`);\r\n"
      "```\r\n";
  d.Write("README.md", prose +
                           "```deluge\r\n"
                           "resp = getUrl(\"https://books.zoho.com/api/v3/invoices?organization_id=\" + orgId + \"&authtoken=\" + authtoken);\r\n"
                           "```\r\n"
                           "\r\n" +
                           js);
  auto r = RunCli({"fix", "--no-config", d.path()});
  CHECK(r.out.find("README.md:6:85: fixed: [deluge-authtoken-url-param]") != std::string::npos);
  CHECK(r.out.find("1 fixed in 1 file") != std::string::npos);
  CHECK(ReadAll(d.path() + "/README.md") ==
        prose +
            "```deluge\r\n"
            "resp = invokeurl\r\n"
            "[\r\n"
            "\turl: \"https://books.zoho.com/api/v3/invoices?organization_id=\" + orgId\r\n"
            "\ttype: GET\r\n"
            "\tconnection: \"zohobooks\"\r\n"
            "];\r\n"
            "```\r\n"
            "\r\n" +
            js);
  auto again = RunCli({"fix", "--no-config", d.path()});
  CHECK(again.out.find("0 fixed in 0 files") != std::string::npos);
}
