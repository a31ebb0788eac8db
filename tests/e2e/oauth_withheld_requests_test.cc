// `authshift fix` on requests that must not get the header here, withheld whole with the reason:
// RestSharp requests to CRM v1 (the base URL or a `scope=crmapi` setter says so) or whose Resource
// URL template the token fills (`?authtoken={authtoken}` with its UrlSegment parameter), and Java
// parameters handed to another class of the project that builds the request in its own file; JavaScript
// request options whose builder also serves other code; a URL handed to an inherited method or built by a
// method only other files call.
#include <catch2/catch.hpp>

#include <string>

#include "tests/test_util.h"

using authshift::testing::ExpectFix;
using authshift::testing::TempDir;

TEST_CASE("oauth: RestSharp requests to CRM v1 are withheld as legacy, a Resource template with the token too",
          "[fix][oauth]") {
  TempDir d;
  const std::string crm =
      "using RestSharp;\n"
      "\n"
      "public class CrmV1Client {\n"
      "  private const string BaseUrl = \"https://crm.zoho.com/crm/private/xml/\";\n"
      "  private readonly string token;\n"
      "\n"
      "  public CrmV1Client(string token) { this.token = token; }\n"
      "\n"
      "  public string Records(string module) {\n"
      "    var client = new RestClient(BaseUrl);\n"
      "    var request = new RestRequest(Method.GET);\n"
      "    request.Resource = \"{module}/getRecords\";\n"
      "    request.AddParameter(\"module\", module, ParameterType.UrlSegment);\n"
      "    request.AddParameter(\"auth" "token\", token);\n"
      "    return client.Execute(request).Content;\n"
      "  }\n"
      "\n"
      "  public byte[] Download(string id) {\n"
      "    var client = new RestClient(\"https://www.zohoapis.com/crm/v2/\");\n"
      "    var request = new RestRequest(Method.GET);\n"
      "    request.Resource = \"Attachments/{id}?auth" "token={auth" "token}&scope={scope}\";\n"
      "    request.AddParameter(\"id\", id, ParameterType.UrlSegment);\n"
      "    request.AddParameter(\"auth" "token\", token, ParameterType.UrlSegment);\n"
      "    request.AddParameter(\"scope\", \"crmapi\", ParameterType.UrlSegment);\n"
      "    return client.Execute(request).RawBytes;\n"
      "  }\n"
      "}\n";
  const std::string books =
      "using RestSharp;\n"
      "\n"
      "public class BooksFiles {\n"
      "  private readonly string token;\n"
      "\n"
      "  public BooksFiles(string token) { this.token = token; }\n"
      "\n"
      "  public byte[] Receipt(string id) {\n"
      "    var client = new RestClient(\"https://books.zoho.com/api/v3/\");\n"
      "    var request = new RestRequest(Method.GET);\n"
      "    request.Resource = \"expenses/{id}/receipt?auth" "token={auth" "token}\";\n"
      "    request.AddParameter(\"id\", id, ParameterType.UrlSegment);\n"
      "    request.AddParameter(\"auth" "token\", token, ParameterType.UrlSegment);\n"
      "    return client.Execute(request).RawBytes;\n"
      "  }\n"
      "}\n";
  const std::string legacy =
      "legacy API (CRM v1, Creator v1 or Invoice v2): migrate it to the current API by hand";
  ExpectFix(d, {.files = {{"CrmV1Client.cs", crm, {}}, {"BooksFiles.cs", books, {}}},
                .report = {
                    // The base URL names CRM v1; the second request sends scope=crmapi (its template too).
                    "CrmV1Client.cs:14:26: withheld: [authtoken-param-map] " + legacy,
                    "CrmV1Client.cs:21:42: withheld: [authtoken-url-param] " + legacy,
                    "CrmV1Client.cs:23:26: withheld: [authtoken-param-map] " + legacy,
                    // Books v3: the AddParameter fills {authtoken}; removing it alone would leave the
                    // placeholder.
                    "BooksFiles.cs:11:47: withheld: [authtoken-url-param] the token fills the URL segment "
                    "template {auth" "token} of the RestSharp Resource",
                    "BooksFiles.cs:13:26: withheld: [authtoken-param-map] the token fills the URL segment "
                    "template {auth" "token} of the RestSharp Resource; remove it from the template together "
                    "with its AddParameter",
                    "0 fixed"}});
}

TEST_CASE("oauth: Java parameters handed to another class's request helper are withheld, naming it",
          "[fix][oauth]") {
  TempDir d;
  const std::string module =
      "package shop.crm;\n"
      "\n"
      "import java.util.HashMap;\n"
      "import java.util.Map;\n"
      "import shop.util.HttpHelper;\n"
      "\n"
      "public class Leads {\n"
      "    private static String token;\n"
      "\n"
      "    public String items() {\n"
      "        Map<String, String> params = new HashMap<String, String>();\n"
      "        params.put(\"targetUrl\", \"https://books.zoho.com/api/v3/items\");\n"
      "        params.put(\"auth" "token\", token);\n"
      "        return HttpHelper.post(params);\n"
      "    }\n"
      "}\n";
  ExpectFix(d, {.files = {{"Leads.java", module, {}}},
                .report = {"Leads.java:13:20: withheld: [authtoken-zoho-key] the parameters are handed to "
                           "HttpHelper.post(…), which builds the request in another file: remove the auth" "token "
                           "parameter and add the Authorization: Zoho-oauthtoken header there by hand"}});
}

TEST_CASE("oauth: JavaScript request options built by a method whose result is also used elsewhere are withheld",
          "[fix][oauth]") {
  TempDir d;
  const std::string module =
      "const _ = require(\"underscore\");\n"
      "const request = require(\"request\");\n"
      "\n"
      "const Client = (module.exports = function (config) { _.defaults(this, config); });\n"
      "\n"
      "Client.prototype.options = function (d) {\n"
      "  const opts = { method: \"POST\", url: \"https://analyticsapi.zoho.com/api/\" + d.table };\n"
      "  opts.qs = _.extend({ ZOHO_ACTION: d.action }, _.pick(this, [\"ZOHO_API_VERSION\", \"auth" "token\"]));\n"
      "  return opts;\n"
      "};\n"
      "\n"
      "Client.prototype.insert = function (table, done) {\n"
      "  request(this.options({ table: table, action: \"ADDROW\" }), done);\n"
      "};\n"
      "\n"
      "Client.prototype.preview = function (table) {\n"
      "  return this.options({ table: table, action: \"EXPORT\" });\n"
      "};\n";
  ExpectFix(d, {.files = {{"client.js", module, {}}},
                .report = {"client.js:8:83: withheld: [authtoken-zoho-key] options() is also called on line 17, "
                           "where request() does not send its result; add the Authorization: Zoho-oauthtoken "
                           "header by hand"}});
}

TEST_CASE("oauth: a URL handed to an inherited method, or built by a method only other files call, is withheld, naming it",
          "[fix][oauth]") {
  TempDir d;
  const std::string php =
      "<?php\n"
      "class AnalyticsClient extends BaseClient\n"
      "{\n"
      "    public function export($tableUri)\n"
      "    {\n"
      "        $url = $this->getUrl($tableUri);\n"
      "        return $this->sendRequest($url, [], true);\n"
      "    }\n"
      "\n"
      "    public function getUrl($tableUri)\n"
      "    {\n"
      "        return $tableUri . '?ZOHO_ACTION=EXPORT&auth" "token=' . $this->token;\n"
      "    }\n"
      "}\n";
  const std::string ruby =
      "class API\n"
      "  def construct_uri(path = '')\n"
      "    URI.parse(\"https://inventory.zoho.com/api/v1/items#{path}#{config_uri}\")\n"
      "  end\n"
      "\n"
      "  def config_uri\n"
      "    \"?auth" "token=#{Shop.configuration.auth_token}\"\n"
      "  end\n"
      "end\n";
  ExpectFix(d, {.files = {{"AnalyticsClient.php", php, {}}, {"api.rb", ruby, {}}},
                .report = {"AnalyticsClient.php:12:49: withheld: [authtoken-url-param] the URL is handed to "
                           "$this->sendRequest() (line 7), which this file does not define (inherited from a parent "
                           "class or trait): remove the auth" "token parameter and add the Authorization: "
                           "Zoho-oauthtoken header where that method makes the request, by hand, once every request "
                           "it makes is to a current Zoho API",
                           "api.rb:7:7: withheld: [authtoken-url-param] construct_uri() builds the URL and returns it, "
                           "and no code of this file calls it: its callers are in other files, and which requests "
                           "they send it with cannot be told here; remove the auth" "token parameter and add the "
                           "Authorization: Zoho-oauthtoken header where they request it, by hand"}});
}
