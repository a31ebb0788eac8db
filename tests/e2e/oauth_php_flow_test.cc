// `authshift fix` on PHP whose token reaches the request through another method: a URL builder
// and a sending helper, and maps whose legacy API is only visible from a `scope` put in entry by
// entry or from the URL passed beside them. The fixed shapes are specified by the `.fixed`
// fixtures (fixtures/rules/authtoken-url-param/reports_uri_builder.php); these check the withheld
// reasons.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "tests/test_util.h"

using authshift::testing::ExpectFix;
using authshift::testing::ReadAll;
using authshift::testing::RunCli;
using authshift::testing::TempDir;
using Catch::Matchers::Contains;

namespace {

const std::string kLegacy =
    "withheld: [authtoken-zoho-key] legacy API (CRM v1, Creator v1 or Invoice v2): migrate it to the "
    "current API by hand";

// A Zoho Analytics client: the URL built in exportUrl(), requested by fetch(), which status() also calls.
const std::string kReports =
      "<?php\n"
      "class Reports\n"
      "{\n"
      "    private $token;\n"
      "\n"
      "    public function export($db)\n"
      "    {\n"
      "        return $this->fetch($this->exportUrl($db));\n"
      "    }\n"
      "\n"
      "    public function status()\n"
      "    {\n"
      "        return $this->fetch('https://status.example.com/api/v2/status.json');\n"
      "    }\n"
      "\n"
      "    private function exportUrl($db)\n"
      "    {\n"
      "        return \"https://analyticsapi.zoho.com/api/me/$db?ZOHO_ACTION=EXPORT&auth" "token=$this->token\";\n"
      "    }\n"
      "\n"
      "    private function fetch($url)\n"
      "    {\n"
      "        $ch = curl_init($url);\n"
      "        return curl_exec($ch);\n"
      "    }\n"
      "}\n";

// kReports without status(): one caller of fetch(), which passes the built URL.
std::string WithoutStatus(std::string client) {
  size_t from = client.find("    public function status()");
  return client.erase(from, client.find("    private function exportUrl") - from);
}

// Writes `text` as `name` in `d`, runs fix, checks the file is unchanged and returns the outcomes
// printed: `text` with `from` replaced by `to` when `from` is given.
std::string FixOutcomes(const TempDir& d, const std::string& name, std::string text, const std::string& from = "",
                        const std::string& to = "") {
  if (!from.empty()) text.replace(text.find(from), from.size(), to);
  d.Write(name, text);
  auto r = RunCli({"fix", "--no-color", "--no-git", d.path()});
  CHECK(ReadAll(d.path() + "/" + name) == text);
  return r.out;
}

}  // namespace

TEST_CASE("oauth php: a map filled entry by entry with scope crmapi is a legacy API", "[fix][oauth]") {
  TempDir d;
  const std::string decorator =
      "<?php\n"
      "class TokenDecorator\n"
      "{\n"
      "    private $token;\n"
      "    private $transport;\n"
      "\n"
      "    public function call($module, $method, array $params)\n"
      "    {\n"
      "        $params['auth" "token'] = $this->token;\n"
      "        $params['scope'] = 'crmapi';\n"
      "        return $this->transport->call($module, $method, $params);\n"
      "    }\n"
      "}\n";
  ExpectFix(d, {.files = {{"decorator.php", decorator, {}}},
                .options = {"--no-git"},
                .report = {"decorator.php:9:9: " + kLegacy}});
}

TEST_CASE("oauth php: a map sent beside a CRM v1 URL is a legacy API, whatever its scope key", "[fix][oauth]") {
  TempDir d;
  // The scope key is misspelt in the real code this is modelled on: the URL says CRM v1.
  const std::string leads =
      "<?php\n"
      "class Leads\n"
      "{\n"
      "    private $token;\n"
      "    private $domain = 'https://crm.zoho.com';\n"
      "\n"
      "    public function convert($lead)\n"
      "    {\n"
      "        $post = array('auth" "token' => $this->token, 'scorpe' => 'crmapi', 'leadId' => $lead);\n"
      "        return $this->openUrl(\"{$this->domain}/crm/private/json/Leads/convertLead\", http_build_query($post));\n"
      "    }\n"
      "\n"
      "    protected function openUrl($url, $data)\n"
      "    {\n"
      "        $ch = curl_init($url);\n"
      "        curl_setopt($ch, CURLOPT_POSTFIELDS, $data);\n"
      "        return curl_exec($ch);\n"
      "    }\n"
      "}\n";
  ExpectFix(d, {.files = {{"leads.php", leads, {}}},
                .options = {"--no-git"},
                .report = {"leads.php:9:23: withheld: [authtoken-param-map] legacy API (CRM v1, Creator v1 or "
                           "Invoice v2)"}});
}

TEST_CASE("oauth php: a sending helper that also requests other URLs is not given the header", "[fix][oauth]") {
  TempDir d;
  ExpectFix(d, {.files = {{"reports.php", kReports, {}}},
                .options = {"--no-git"},
                .report = {"withheld: [authtoken-url-param] fetch() also requests other URLs (line 13); add the "
                           "Authorization: Zoho-oauthtoken header by hand where it requests the Zoho URL"}});
  // Without the other caller, the builder loses the parameter and the helper sends the header.
  d.Write("reports.php", WithoutStatus(kReports));
  RunCli({"fix", "--no-color", "--no-git", d.path()});
  std::string fixed = ReadAll(d.path() + "/reports.php");
  CHECK_THAT(fixed, Contains("?ZOHO_ACTION=EXPORT\";\n"));
  CHECK_THAT(fixed, Contains("        $ch = curl_init($url);\n"
                   "        curl_setopt($ch, CURLOPT_HTTPHEADER, [\"Authorization: Zoho-oauthtoken \" . $this->token]);\n"));
}

TEST_CASE("oauth php: a token that is the URL builder's own parameter does not move to the helper",
          "[fix][oauth]") {
  TempDir d;
  std::string client = WithoutStatus(kReports);
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"    private $token;\n\n", ""},
           {"export($db)", "export($db, $token)"},
           {"exportUrl($db))", "exportUrl($db, $token))"},
           {"exportUrl($db)\n", "exportUrl($db, $token)\n"},
           {"=$this->token", "=$token"}}) {
    client.replace(client.find(from), from.size(), to);
  }
  ExpectFix(d, {.files = {{"reports.php", client, {}}},
                .options = {"--no-git"},
                .report = {"reports.php:11:77: withheld: [authtoken-url-param] '$token' is not the same variable "
                           "where the request is made; add the header by hand"}});
}

TEST_CASE("oauth php: a map given scope crmapi where it is declared and the token later is a legacy API",
          "[fix][oauth]") {
  TempDir d;
  // Modelled on a Yii CRM v1 wrapper: the request is an unknown client class, so the map's scope
  // (a class constant) is the evidence; before, the reason was "cannot find the request".
  const std::string crm =
      "<?php\n"
      "class CrmApi\n"
      "{\n"
      "    const SCOPE = 'crmapi';\n"
      "    public $token = '';\n"
      "\n"
      "    private function apiCall($path, $params = null)\n"
      "    {\n"
      "        $client = new HttpClientWrapper($path, array('timeout' => 30));\n"
      "        $defaults = array('SCOPE' => self::SCOPE);\n"
      "        if (!empty($this->token)) $defaults['auth" "token'] = $this->token;\n"
      "        $client->setParameterGet(empty($params) ? $defaults : array_merge($defaults, $params));\n"
      "        return $client->request()->getBody();\n"
      "    }\n"
      "\n"
      "    private function other($path)\n"
      "    {\n"
      "        $defaults = array('SCOPE' => self::SCOPE);\n"
      "        return $defaults;\n"
      "    }\n"
      "}\n";
  CHECK_THAT(FixOutcomes(d, "crm.php", crm), Contains("crm.php:11:35: " + kLegacy));
  // The map another method declares is not this one: without the scope here, the reason stays.
  CHECK_THAT(FixOutcomes(d, "crm.php", crm, "array('SCOPE' => self::SCOPE)", "array()"),
             Contains("crm.php:11:35: withheld: [authtoken-zoho-key] cannot find the request"));
}

TEST_CASE("oauth php: a token read out of a config field that holds scope crmapi is a legacy API", "[fix][oauth]") {
  TempDir d;
  // Modelled on a Guzzle CRM v1 client: the endpoint is a constructor parameter (its default is
  // CRM v1), and the config field beside the token says `scope => crmapi`.
  const std::string client =
      "<?php\n"
      "class Client\n"
      "{\n"
      "    const TOKEN_PARAM = 'auth" "token';\n"
      "    protected $config;\n"
      "\n"
      "    protected function doRequest($method, $apiMethod, array $data = [])\n"
      "    {\n"
      "        $url = $this->config['endpoint'] . '/' . $apiMethod;\n"
      "        $data = array_merge($this->createAuthData(), $data);\n"
      "        $url = $url . '?' . http_build_query($data);\n"
      "        return (new \\GuzzleHttp\\Client())->request($method, $url);\n"
      "    }\n"
      "\n"
      "    protected function createAuthData()\n"
      "    {\n"
      "        return [self::TOKEN_PARAM => $this->config[self::TOKEN_PARAM]];\n"
      "    }\n"
      "\n"
      "    public function __construct($token, $endPoint)\n"
      "    {\n"
      "        $this->config = [self::TOKEN_PARAM => $token, 'endpoint' => $endPoint, 'scope' => 'crmapi'];\n"
      "    }\n"
      "}\n";
  CHECK_THAT(FixOutcomes(d, "client.php", client), Contains("client.php:17:17: " + kLegacy));
  // Without the scope, the config says nothing about the API: the reason is the map's own.
  CHECK_THAT(FixOutcomes(d, "client.php", client, "'scope' => 'crmapi'", "'host' => 'crm.zoho.com'"),
             Contains("client.php:17:17: withheld: [authtoken-zoho-key] the parameter map would become empty"));
}
