// `authshift fix` on a hard-coded Authtoken whose variable the fixed requests now send as an OAuth
// access token (`'authToken' must now hold an OAuth access token`): the literal is withheld, naming
// those requests — the value it holds is not an access token. A value that reaches no fixed
// request keeps its outcome.
#include <catch2/catch.hpp>

#include <string>

#include "tests/test_util.h"

using authshift::testing::ExpectFix;
using authshift::testing::Has;
using authshift::testing::RunCli;
using authshift::testing::TempDir;

TEST_CASE("now-OAuth values: a hard-coded default passed to the function whose request was fixed",
          "[fix][oauth-value]") {
  TempDir d;
  // A 32-hex Authtoken, built here so that no scanner flags this file: the report must not print it.
  const std::string secret = std::string(16, 'e') + std::string(16, '5');
  const std::string js =
      "var request = require('request');\n"
      "var authToken = \"" + secret + "\";\n"
      "\n"
      "function getProjects(authToken, callback) {\n"
      "  request('https://people.zoho.eu/people/api/timetracker/getprojects?auth" "token=' + authToken, "
      "function (error, response, body) { callback(body); });\n"
      "}\n"
      "\n"
      "if (authToken == \"\") console.log('go to /setup first');\n"
      "getProjects(authToken, console.log);\n";
  const std::string fixed =
      "var request = require('request');\n"
      "var authToken = \"" + secret + "\";\n"
      "\n"
      "function getProjects(authToken, callback) {\n"
      "  request('https://people.zoho.eu/people/api/timetracker/getprojects', { headers: { Authorization: "
      "'Zoho-oauthtoken ' + authToken } }, function (error, response, body) { callback(body); });\n"
      "}\n"
      "\n"
      "if (authToken == \"\") console.log('go to /setup first');\n"
      "getProjects(authToken, console.log);\n";
  // The same default, but the function's request is a legacy one (not fixed): no such reason.
  std::string legacy = js;
  legacy.replace(legacy.find("https://people.zoho.eu/people/api/timetracker/getprojects?"),
                 std::string("https://people.zoho.eu/people/api/timetracker/getprojects?").size(),
                 "https://crm.zoho.com/crm/private/json/Leads/getRecords?scope=crmapi&");
  const authshift::testing::CliResult r =
      ExpectFix(d, {.files = {{"server.js", js, fixed}, {"legacy.js", legacy, {}}},
                    .report = {"server.js:2:5: withheld: [authtoken-zoho-literal] the fixed requests on line 5 now "
                               "send this value as an OAuth access token, and a hard-coded Authtoken is not one: "
                               "replace it with where an access token comes from (the environment, a token store), "
                               "and revoke the Authtoken",
                               "server.js:5:"}});
  CHECK_FALSE(Has(r.out, "legacy.js:2:5: withheld: [authtoken-zoho-literal] the fixed requests"));
  CHECK_FALSE(Has(r.out, secret));
}

TEST_CASE("now-OAuth values: a hard-coded token given to the constructor that keeps it in a property",
          "[fix][oauth-value]") {
  TempDir d;
  const std::string secret = std::string(16, 'f') + std::string(16, '6');
  const std::string php =
      "<?php\n"
      "class Books\n"
      "{\n"
      "    var $emailId;\n"
      "    var $authtoken;\n"
      "\n"
      "    function __construct($emailId, $authtoken)\n"
      "    {\n"
      "        $this->emailId = $emailId;\n"
      "        $this->authtoken = $authtoken;\n"
      "    }\n"
      "\n"
      "    function getDatabaseList()\n"
      "    {\n"
      "        return file(\"https://reportsapi.zoho.com/api/$this->emailId?ZOHO_ACTION=DATABASEMETADATA&"
      "ZOHO_OUTPUT_FORMAT=JSON&auth" "token=$this->authtoken&ZOHO_API_VERSION=1.0\");\n"
      "    }\n"
      "}\n"
      "\n"
      "$emailId = \"owner@example.com\";\n"
      "$authtoken = \"" + secret + "\";\n"
      "$books = new Books($emailId, $authtoken);\n"
      "print_r($books->getDatabaseList());\n";
  d.Write("reports.php", php);
  const authshift::testing::CliResult r = RunCli({"fix", "--no-color", "--dry-run", d.path()});
  const std::string out = r.out + r.err;
  INFO(out);
  CHECK(Has(out, "reports.php:15:"));
  CHECK(Has(out, "'$this->authtoken' must now hold an OAuth access token"));
  CHECK(Has(out, "reports.php:20:1: withheld: [authtoken-zoho-literal] the fixed requests on line 15 now send this "
                 "value as an OAuth access token"));
  CHECK_FALSE(Has(out, secret));
}
