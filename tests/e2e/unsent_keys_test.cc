// `authshift fix` on Authtoken keys whose request is in another file of the project: an
// `authtoken` entry of a map handed to a class of another module is withheld as legacy when every
// Zoho API URL of the project's files of its kind is a retired API's (here Creator v1), naming those
// lines; a project that also names a current API keeps the report-only outcome. A key whose map is
// handed to a method of its own file (`$this->sendRequest($url, $params)`) is withheld naming that
// method and, when the project has them, its other callers.
#include <catch2/catch.hpp>

#include <string>

#include "tests/test_util.h"

using authshift::testing::ExpectFix;
using authshift::testing::Has;
using authshift::testing::TempDir;

namespace {

// An app object that hands its settings, token included, to a view class of another module.
const std::string kApp =
    "const View = require('./view')\n"
    "\n"
    "class App {\n"
    "  constructor(conf) {\n"
    "    this.owner = conf.owner\n"
    "    this.auth" "token = conf.auth" "token\n"
    "  }\n"
    "\n"
    "  view(name) {\n"
    "    const appconf = {\n"
    "      owner: this.owner,\n"
    "      auth" "token: this.auth" "token\n"
    "    }\n"
    "    return new View(appconf, name)\n"
    "  }\n"
    "}\n"
    "\n"
    "module.exports = App\n";

// The view module: Creator v1 (`creator.zoho.com/api/json/`, `scope=creatorapi`).
const std::string kView =
    "const request = require('request')\n"
    "\n"
    "class View {\n"
    "  constructor(appconf, name) {\n"
    "    this.appconf = appconf\n"
    "    this.name = name\n"
    "    this.endpoint = 'https://creator.zoho.com/api/json/'\n"
    "  }\n"
    "\n"
    "  records(callback) {\n"
    "    const query = {}\n"
    "    query['auth" "token'] = this.appconf.auth" "token\n"
    "    query['scope'] = 'creatorapi'\n"
    "    request.get({ url: this.endpoint + this.name + '/view/records', qs: query }, callback)\n"
    "  }\n"
    "}\n"
    "\n"
    "module.exports = View\n";

const std::string kViewLegacy =
    "src/view.js:12:5: withheld: [auth" "token-param-map] legacy API (CRM v1, Creator v1 or Invoice v2): migrate it "
    "to the current API by hand";

// A PHP client whose call() hands its parameter map to its own sendRequest(); the scope and the
// base URL come from the constructor (a subclass's).
const std::string kClient =
    "<?php\n"
    "\n"
    "class ZohoClient\n"
    "{\n"
    "    protected $scope;\n"
    "    protected $base;\n"
    "    protected $token;\n"
    "\n"
    "    public function __construct($scope, $base, $token)\n"
    "    {\n"
    "        $this->scope = $scope;\n"
    "        $this->base = $base;\n"
    "        $this->token = $token;\n"
    "    }\n"
    "\n"
    "    public function call($path, $params = array())\n"
    "    {\n"
    "        $params['auth" "token'] = $this->token;\n"
    "        $params['scope'] = $this->scope;\n"
    "        // The answer, or an error ('ZohoClient->call()->sendRequest()').\n"
    "        return $this->sendRequest(\"$this->base/json/$path\", $params);\n"
    "    }\n"
    "\n"
    "    protected function sendRequest($url, $params)\n"
    "    {\n"
    "        $ch = curl_init();\n"
    "        curl_setopt($ch, CURLOPT_URL, $url);\n"
    "        curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);\n"
    "        curl_setopt($ch, CURLOPT_POSTFIELDS, $params);\n"
    "        $out = curl_exec($ch);\n"
    "        curl_close($ch);\n"
    "        return $out;\n"
    "    }\n"
    "}\n";

// A subclass that sends its own requests through sendRequest() (a call() in a comment aside).
const std::string kReports =
    "<?php\n"
    "\n"
    "class ZohoReports extends ZohoClient\n"
    "{\n"
    "    public function rows($table, $config)\n"
    "    {\n"
    "        // $rows = $this->call($table, $config);\n"
    "        return $this->sendRequest('https://reportsapi.zoho.com/api/' . $table, $config);\n"
    "    }\n"
    "}\n";

const std::string kHanded =
    "Client.php:18:9: withheld: [auth" "token-zoho-key] the map is handed to $this->sendRequest() (line 21), which "
    "this file defines (line 24) with the map as its parameter; ";

}  // namespace

TEST_CASE("unsent keys: a key handed to a Creator v1 module of the project is legacy, naming its URL",
          "[fix][legacy]") {
  TempDir d;
  const authshift::testing::CliResult r = ExpectFix(
      d, {.files = {{"src/app.js", kApp, {}}, {"src/view.js", kView, {}}},
          .options = {"--no-git", "--no-config"},
          .report = {"src/app.js:12:7: withheld: [auth" "token-zoho-key] legacy API (CRM v1, Creator v1 or Invoice v2): "
                     "the request this value is sent with is not in this file, and every Zoho API URL of the "
                     "project's .js files is one (src/view.js:7); migrate the client to the current API by hand",
                     kViewLegacy, "0 fixed in 0 files, 2 withheld, 0 report-only"}});
  CHECK_FALSE(Has(r.out, "src/app.js:6"));
}

TEST_CASE("unsent keys: a key in a project that also names a current API (Books v3) stays report-only", "[fix][legacy]") {
  TempDir d;
  const authshift::testing::CliResult r = ExpectFix(
      d, {.files = {{"src/app.js", kApp, {}},
                    {"src/view.js", kView, {}},
                    {"src/books.js", "module.exports = 'https://www.zohoapis.com/books/v3/'\n", {}}},
          .options = {"--no-git", "--no-config"},
          .report = {kViewLegacy, "0 fixed in 0 files, 1 withheld, 1 report-only"}});
  CHECK_FALSE(Has(r.out, "src/app.js:12"));
}

TEST_CASE("unsent keys: a map handed to a method of its file that other files call names those callers", "[fix]") {
  TempDir d;
  ExpectFix(d, {.files = {{"Client.php", kClient, {}}, {"Reports.php", kReports, {}}},
                .options = {"--no-git", "--no-config"},
                .report = {kHanded + "the same method sends the requests of other callers too (Reports.php:8): make it "
                                     "send Authorization: Zoho-oauthtoken and drop the auth" "token parameter from every "
                                     "caller, by hand, once every request it makes is to a current Zoho API",
                           "0 fixed in 0 files, 1 withheld, 0 report-only"}});
}

TEST_CASE("unsent keys: a map handed to a method of its file that nothing else calls", "[fix]") {
  TempDir d;
  ExpectFix(d, {.files = {{"Client.php", kClient, {}}},
                .options = {"--no-git", "--no-config"},
                .report = {kHanded + "move the token to an Authorization: Zoho-oauthtoken header of that request by hand",
                           "0 fixed in 0 files, 1 withheld, 0 report-only"}});
}
