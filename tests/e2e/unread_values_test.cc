// `authshift fix` on hard-coded Authtokens and placeholders (authtoken-zoho-literal) that nothing
// in their file reads: withheld with that reason and "delete it", or as legacy when the file's other
// copies of the same value reach only legacy requests; kept report-only when anything may read them
// (an export list, a lookup of the settings key, a log line). In Deluge, a placeholder read only by
// the requests the Connection fix converts is deleted with them.
#include <catch2/catch.hpp>

#include <string>

#include "tests/test_util.h"

using authshift::testing::ExpectFix;
using authshift::testing::Has;
using authshift::testing::RunCli;
using authshift::testing::TempDir;

namespace {

// A 32-hex Authtoken, built here so that no scanner flags this file: the report must not print it.
const std::string kSecret = std::string(16, 'c') + std::string(16, '4');

}  // namespace

TEST_CASE("unread values: a token nothing reads, beside a current API, is withheld with 'delete it'",
          "[fix][unread]") {
  TempDir d;
  const std::string js =
      "const request = require('request');\n"
      "const liveToken = process.env.ZOHO_OAUTH_TOKEN;\n"
      "const oldAuthToken = '" + kSecret + "';\n"
      "\n"
      "request({url: 'https://www.zohoapis.com/books/v3/items?organization_id=1',\n"
      "         headers: {Authorization: 'Zoho-oauthtoken ' + liveToken}}, console.log);\n";
  // The same constant, but exported: another module may read it.
  const std::string exported = js + "module.exports = { oldAuthToken };\n";
  const authshift::testing::CliResult r =
      ExpectFix(d, {.files = {{"items.js", js, {}}, {"exported.js", exported, {}}},
                    .report = {"items.js:3:7: withheld: [authtoken-zoho-literal] nothing in the file reads "
                               "'oldAuthToken': delete it, and revoke this Authtoken in Zoho Accounts: it was in the code",
                               "0 fixed in 0 files, 1 withheld, 1 report-only"}});
  CHECK_FALSE(Has(r.out, "exported.js:3:"));
  CHECK_FALSE(Has(r.out, kSecret));
}

TEST_CASE("unread values: a settings entry whose key the file never looks up; one it looks up stays",
          "[fix][unread]") {
  TempDir d;
  const std::string py =
      "import requests\n"
      "\n"
      "SETTINGS = {\n"
      "    'FEED_FORMAT': 'json',\n"
      "    'ZOHO_CRM_AUTH_TOKEN': 'YourAuthToken'\n"
      "}\n"
      "\n"
      "\n"
      "def items(token):\n"
      "    return requests.get('https://www.zohoapis.com/crm/v2/Leads',\n"
      "                        headers={'Authorization': 'Zoho-oauthtoken ' + token})\n";
  const std::string looked_up = py + "\n\nprint(items(SETTINGS.get('ZOHO_CRM_AUTH_TOKEN')))\n";
  const authshift::testing::CliResult r =
      ExpectFix(d, {.files = {{"unread.py", py, {}}, {"lookup.py", looked_up, {}}},
                    .report = {"unread.py:5:5: withheld: [authtoken-zoho-literal] nothing in the file reads the "
                               "setting 'ZOHO_CRM_AUTH_TOKEN': delete it (a placeholder)",
                               "0 fixed in 0 files, 1 withheld, 1 report-only"}});
  CHECK_FALSE(Has(r.out, "lookup.py:5:"));
}

TEST_CASE("unread values: a copy of a value that a fixed request also sent is not legacy", "[fix][unread]") {
  TempDir d;
  const std::string php =
      "<?php\n"
      "$spareToken = \"YourAuthToken\";\n"
      "$leads = file_get_contents(\"https://crm.zoho.com/crm/private/json/Leads/getRecords?scope=crmapi&auth"
      "token=YourAuthToken\");\n"
      "$items = file_get_contents(\"https://www.zohoapis.com/books/v3/items?organization_id=1&auth"
      "token=YourAuthToken\");\n";
  d.Write("copies.php", php);
  const authshift::testing::CliResult r = RunCli({"fix", "--no-color", "--dry-run", d.path()});
  const std::string out = r.out + r.err;
  INFO(out);
  CHECK(Has(out, "copies.php:2:1: withheld: [authtoken-zoho-literal] nothing in the file reads '$spareToken': delete it "
                 "(a placeholder)"));
  CHECK(Has(out, "copies.php:4:"));  // the Books request's own outcome (not legacy)
}

TEST_CASE("unread values: a Deluge placeholder read only by the converted requests is deleted with them",
          "[fix][unread][deluge]") {
  TempDir d;
  const std::string dg =
      "authtoken = \"AuthToken\";\n"
      "organisationId = \"655712049\";\n"
      "resp = getUrl(\"https://books.zoho.com/api/v3/contacts?auth" "token=\" + authtoken + \"&organization_id=\" + "
      "organisationId);\n"
      "info resp;\n";
  const std::string fixed =
      "organisationId = \"655712049\";\n"
      "resp = invokeurl\n"
      "[\n"
      "\turl: \"https://books.zoho.com/api/v3/contacts?organization_id=\" + organisationId\n"
      "\ttype: GET\n"
      "\tconnection: \"zohobooks\"\n"
      "];\n"
      "info resp;\n";
  // Still read by a log line after the fix: it stays.
  const std::string kept = "authtoken = \"AuthToken\";\ninfo \"using \" + authtoken;\n";
  const std::string logged = kept + dg.substr(dg.find('\n') + 1);
  ExpectFix(d, {.files = {{"contacts.dg", dg, fixed}, {"logged.dg", logged, kept + fixed}},
                .report = {"contacts.dg:1:1: fixed: [authtoken-zoho-literal] nothing reads 'authtoken' after the "
                           "fix: deleted (a placeholder)",
                           "3 fixed in 2 files, 0 withheld, 1 report-only"}});
}
