// `authshift fix` on report-only hard-coded tokens and settings: one whose every use in the file
// goes to a legacy API (CRM v1, Creator v1, Invoice v2) is withheld as legacy like those requests,
// naming their lines; one that also reaches a current API stays report-only; a hard-coded one that
// nothing reads is withheld, saying so (as legacy when its other copies are legacy-only ones).
#include <catch2/catch.hpp>

#include <string>

#include "tests/test_util.h"

using authshift::testing::ExpectFix;
using authshift::testing::Has;
using authshift::testing::TempDir;

namespace {

const std::string kLegacy = "legacy API (CRM v1, Creator v1 or Invoice v2): migrate it to the current API by hand";

std::string Only(const std::string& lines) {
  return kLegacy + " (this value reaches only such requests in the file: " + lines + ")";
}

}  // namespace

TEST_CASE("legacy values: constants and class attributes read only by CRM v1 requests", "[fix][legacy]") {
  TempDir d;
  const std::string js =
      "var request = require('request');\n"
      "\n"
      "const sZohoTokenWork = 'YourAuthToken';\n"
      "const sZohoTokenTest = 'YourAuthToken';\n"
      "const sZohoToken = sZohoTokenWork;\n"
      "const uZohoToken = '?auth" "token=' + sZohoToken;\n"
      "const uZohoUrl = 'https://crm.zoho.com/crm/private/json/Leads/getRecords';\n"
      "\n"
      "function leads(cb) {\n"
      "  request(uZohoUrl + uZohoToken + '&scope=crmapi', cb);\n"
      "}\n";
  // Two spiders with an attribute of the same name: only the first one's is read.
  const std::string py =
      "import scrapy\n"
      "\n"
      "\n"
      "class LeadSpider(scrapy.Spider):\n"
      "    name = \"leads\"\n"
      "    auth_token = 'YourAuthToken'\n"
      "    base_url = \"https://crm.zoho.com/crm/private/json/{0}/getRecords?auth" "token={1}&scope=crmapi\"\n"
      "\n"
      "    def parse(self, response):\n"
      "        for module in [\"Leads\", \"Contacts\"]:\n"
      "            url = self.base_url.format(module, self.auth_token)\n"
      "            yield scrapy.Request(url, callback=self.parse)\n"
      "\n"
      "\n"
      "class ItemSpider(scrapy.Spider):\n"
      "    name = \"items\"\n"
      "    auth_token = 'YourAuthToken'\n";
  const authshift::testing::CliResult r =
      ExpectFix(d, {.files = {{"consts.js", js, {}}, {"spider.py", py, {}}},
                    .report = {"consts.js:3:7: withheld: [authtoken-zoho-literal] " + Only("line 6"),
                               "consts.js:6:22: withheld: [authtoken-url-param] " + kLegacy + "\n",
                               "spider.py:6:5: withheld: [authtoken-zoho-literal] " + Only("line 11"),
                               "spider.py:7:70: withheld: [authtoken-url-param] " + kLegacy + "\n",
                               // Read by nothing, written like the legacy-only value of line 3 / 6.
                               "consts.js:4:7: withheld: [authtoken-zoho-literal] " + kLegacy +
                                   " (nothing in the file reads 'sZohoTokenTest'; the same placeholder is on line 3,"
                                   " which reaches only such requests)\n",
                               "spider.py:17:5: withheld: [authtoken-zoho-literal] " + kLegacy +
                                   " (nothing in the file reads 'auth_token'; the same placeholder is on line 6, which"
                                   " reaches only such requests)\n",
                               "0 fixed in 0 files, 6 withheld, 0 report-only"}});
  CHECK_FALSE(Has(r.out, "report-only:"));
}

TEST_CASE("legacy values: a secret passed to the function that sends it, a setting kept in a field",
          "[fix][legacy]") {
  TempDir d;
  // A 32-hex Authtoken, built here so that no scanner flags this file: the report must not print it.
  const std::string secret = std::string(16, 'd') + std::string(16, '7');
  const std::string php =
      "<?php\n"
      "$auth = \"" + secret + "\";\n"
      "$result = insert($auth, \"<Leads/>\");\n"
      "\n"
      "function insert($auth, $xml)\n"
      "{\n"
      "    $url = \"https://crm.zoho.com/crm/private/xml/Leads/insertRecords\";\n"
      "    $fields = \"auth" "token=\" . $auth . \"&scope=crmapi&xmlData=\" . $xml;\n"
      "    $ch = curl_init();\n"
      "    curl_setopt($ch, CURLOPT_URL, $url);\n"
      "    curl_setopt($ch, CURLOPT_POSTFIELDS, $fields);\n"
      "    return curl_exec($ch);\n"
      "}\n";
  const std::string java =
      "package crm;\n"
      "\n"
      "import java.util.HashMap;\n"
      "import java.util.Map;\n"
      "import java.util.Properties;\n"
      "\n"
      "public class Leads {\n"
      "    public static String AUTHTOKEN = \"\";\n"
      "\n"
      "    static void init(Properties prop) {\n"
      "        AUTHTOKEN = prop.getProperty(\"zoho.auth" "token\");\n"
      "    }\n"
      "\n"
      "    public String fetch() throws Exception {\n"
      "        Map<String, String> params = new HashMap<String, String>();\n"
      "        params.put(\"scope\", \"crmapi\");\n"
      "        params.put(\"auth" "token\", AUTHTOKEN);\n"
      "        return Http.post(\"https://crm.zoho.com/crm/private/xml/Leads/getRecords\", params);\n"
      "    }\n"
      "}\n";
  const authshift::testing::CliResult r =
      ExpectFix(d, {.files = {{"insert.php", php, {}}, {"Leads.java", java, {}}},
                    .report = {"insert.php:2:1: withheld: [authtoken-zoho-literal] " + Only("line 8"),
                               "Leads.java:11:39: withheld: [zoho-authtoken-setting] " + Only("line 17"),
                               "0 fixed in 0 files, 4 withheld, 0 report-only"}});
  CHECK_FALSE(Has(r.out, secret));
}

TEST_CASE("legacy values: a token that also reaches a current API keeps its outcome", "[fix][legacy]") {
  TempDir d;
  const std::string php =
      "<?php\n"
      "$auth = \"YourAuthToken\";\n"
      "$leads = file_get_contents(\"https://crm.zoho.com/crm/private/json/Leads/getRecords?scope=crmapi&auth" "token=\" . $auth);\n"
      "$items = file_get_contents(\"https://www.zohoapis.com/books/v3/items?organization_id=1&auth" "token=\" . $auth);\n";
  const authshift::testing::CliResult r =
      ExpectFix(d, {.files = {{"both.php", php, {}}},
                    .report = {"both.php:3:97: withheld: [authtoken-url-param] " + kLegacy,
                               "0 fixed in 0 files, 2 withheld, 1 report-only"}});
  CHECK_FALSE(Has(r.out, "both.php:2:"));
}

TEST_CASE("dead entry: an authtoken put into the parameters after the URL was built from them is never sent",
          "[fix][oauth]") {
  TempDir d;
  const std::string php =
      "<?php\n"
      "\n"
      "class ZohoInvoice\n"
      "{\n"
      "    private $baseUrl;\n"
      "    private $authToken;\n"
      "\n"
      "    public function __construct($baseUrl, $authToken)\n"
      "    {\n"
      "        $this->baseUrl = $baseUrl;\n"
      "        $this->authToken = $authToken;\n"
      "    }\n"
      "\n"
      "    public function get($resource, $params = [])\n"
      "    {\n"
      "        $url = $this->buildUrl($resource, $params);\n"
      "\n"
      "        if (!isset($params['auth" "token'])) {\n"
      "            $params['auth" "token'] = $this->authToken;\n"
      "        }\n"
      "\n"
      "        if (!isset($params['organization_id'])) {\n"
      "            $params['organization_id'] = '1';\n"
      "        }\n"
      "\n"
      "        return $this->getClient()->request('GET', $url);\n"
      "    }\n"
      "\n"
      "    public function post($resource, $params = [])\n"
      "    {\n"
      "        $url = $this->buildUrl($resource, []);\n"
      "        $params['auth" "token'] = $this->authToken;\n"
      "        return $this->send($url, $params);\n"
      "    }\n"
      "\n"
      "    private function buildUrl($resource, $params)\n"
      "    {\n"
      "        return $this->baseUrl . $resource . '?' . http_build_query($params);\n"
      "    }\n"
      "}\n";
  // get(): `isset` checks and more entries are not uses; post() hands the map on, so it may be sent.
  ExpectFix(d, {.files = {{"ZohoInvoice.php", php, {}}},
                .report = {"ZohoInvoice.php:19:13: withheld: [authtoken-zoho-key] the token is never sent: it is put "
                           "into $params after its last use (line 16), and nothing reads $params afterwards; delete "
                           "the entry and add an Authorization: Zoho-oauthtoken header to the request by hand",
                           "ZohoInvoice.php:32:9: withheld: [authtoken-zoho-key] cannot find the request this value "
                           "is sent with",
                           "0 fixed in 0 files, 2 withheld"}});
}
