// `authshift fix` on clients of retired Zoho APIs: an Authtoken generation whose file only talks to
// CRM v1 (or another retired API) is withheld as legacy, naming the lines; the Zoho Docs API
// (`apidocs.zoho.<tld>`, retired into Zoho WorkDrive) is a legacy API, by its URLs or by the
// `SCOPE: docsapi` entry beside the token. A generation in a file that also calls a current API
// keeps its reason.
#include <catch2/catch.hpp>

#include <string>

#include "rewriters/retired_clients.h"
#include "tests/test_util.h"

using authshift::testing::ExpectFix;
using authshift::testing::Has;
using authshift::testing::TempDir;

namespace {

const std::string kCrm = "legacy API (CRM v1, Creator v1 or Invoice v2)";
const std::string kTail =
    ": the token generated here is for such calls only; every Auth" "token request and Zoho API URL of this "
    "file is one (";
const std::string kMigrate = "); migrate the client to the current API by hand, where OAuth replaces the generation";
const std::string kLegacyKey = "legacy API (CRM v1, Creator v1 or Invoice v2): migrate it to the current API by hand";

// A CRM v1 client whose generation parses the answer in a loop (the shape of a public one).
const std::string kCrmPy =
      "import requests\n"
      "\n"
      "\n"
      "def get_auth_token(email, password):\n"
      "    url = 'https://accounts.zoho.com/apiauth" "token/nb/create'\n"
      "    params = dict(\n"
      "        SCOPE='ZohoCRM/crmapi',\n"
      "        EMAIL_ID=email,\n"
      "        PASSWORD=password,\n"
      "    )\n"
      "    resp = requests.get(url, params=params)\n"
      "    auth_token = None\n"
      "    for line in resp.text.split('\\n'):\n"
      "        if line.startswith('AUTH" "TOKEN'):\n"
      "            key, value = line.split('=')\n"
      "            auth_token = value\n"
      "    return auth_token\n"
      "\n"
      "\n"
      "class API(object):\n"
      "    def __init__(self, auth_token):\n"
      "        self.auth_token = auth_token\n"
      "        self.session = requests.Session()\n"
      "\n"
      "    def _update_params(self, params):\n"
      "        defaults = dict(\n"
      "            scope='crmapi',\n"
      "            auth" "token=self.auth_token,\n"
      "        )\n"
      "        defaults.update(params)\n"
      "        return defaults\n"
      "\n"
      "    def get_records(self):\n"
      "        url = 'https://crm.zoho.com/crm/private/json/Leads/getRecords'\n"
      "        return self.session.get(url, params=self._update_params({})).json()\n";

}  // namespace

TEST_CASE("retired clients: a CRM v1 client's generation is legacy, naming its requests", "[fix][legacy][lifecycle]") {
  TempDir d;
  // The generation's raw answer goes back to the caller; every request of the class is CRM v1.
  const std::string php =
      "<?php\n"
      "\n"
      "class EZoho {\n"
      "    public $auth" "Token = null;\n"
      "\n"
      "    const SCOPE = 'crmapi';\n"
      "    const SCOPE_AUTH_TOKEN_REQUEST = 'ZohoCRM/crmapi';\n"
      "    const BASE_URL = 'https://crm.zoho.com/crm/private/json/';\n"
      "    const AUTH_TOKEN_REQUEST_URL = 'https://accounts.zoho.com/apiauth" "token/nb/create';\n"
      "\n"
      "    private function call($path, $getParameters = null)\n"
      "    {\n"
      "        $client = new EHttpClient($path);\n"
      "        $defaultGetParameters = array('SCOPE' => self::SCOPE);\n"
      "        if (!empty($this->auth" "Token)) $defaultGetParameters['auth" "token'] = $this->auth" "Token;\n"
      "        $client->setParameterGet(array_merge($defaultGetParameters, (array)$getParameters));\n"
      "        return $client->request()->getBody();\n"
      "    }\n"
      "\n"
      "    public function getRecords($module)\n"
      "    {\n"
      "        return json_decode($this->call(self::BASE_URL . $module . '/getRecords'));\n"
      "    }\n"
      "\n"
      "    public function generateAuth" "Token($email, $password, $print = false)\n"
      "    {\n"
      "        $getParameters = array(\n"
      "            'SCOPE' => self::SCOPE_AUTH_TOKEN_REQUEST,\n"
      "            'EMAIL_ID' => $email,\n"
      "            'PASSWORD' => $password,\n"
      "        );\n"
      "        $response = $this->call(self::AUTH_TOKEN_REQUEST_URL, $getParameters);\n"
      "        if ($print)\n"
      "            echo $response;\n"
      "        else\n"
      "            return $response;\n"
      "    }\n"
      "}\n";
  ExpectFix(d, {.files = {{"api.py", kCrmPy, {}}, {"EZoho.php", php, {}}},
                .report = {"api.py:5:20: withheld: [zoho-authtoken-generation] " + kCrm + kTail + "lines 28, 34" + kMigrate,
                           "api.py:28:13: withheld: [auth" "token-zoho-key] " + kLegacyKey,
                           "EZoho.php:9:45: withheld: [zoho-authtoken-generation] " + kCrm + kTail + "lines 8, 15" + kMigrate,
                           "EZoho.php:15:39: withheld: [auth" "token-zoho-key] " + kLegacyKey,
                           "0 fixed in 0 files, 4 withheld, 0 report-only"}});
}

TEST_CASE("retired clients: the Zoho Docs API is legacy", "[fix][legacy][lifecycle]") {
  TempDir d;
  // The generation URL is an entry of a table whose other URLs are Zoho Docs calls.
  const std::string conf =
      "URL_DEFAULTS = {\n"
      "    \"auth\": \"https://accounts.zoho.com/apiauth" "token/nb/create\",\n"
      "    \"upload\": \"https://apidocs.zoho.com/files/v1/upload\",\n"
      "    \"files\": \"https://apidocs.zoho.com/files/v1/folders/files\",\n"
      "    \"delete\": \"https://apidocs.zoho.com/files/v1/delete\"\n"
      "}\n";
  const std::string auth =
      "import re\n"
      "\n"
      "import requests\n"
      "\n"
      "from conf import URL_DEFAULTS\n"
      "\n"
      "\n"
      "class ZohoAuth(object):\n"
      "    def __init__(self, auth_token=None):\n"
      "        self.auth_token = auth_token\n"
      "        self.default_params = {\n"
      "            \"SCOPE\": \"docsapi\",\n"
      "            \"auth" "token\": self.auth_token\n"
      "        }\n"
      "\n"
      "    def list_files(self):\n"
      "        return requests.get(URL_DEFAULTS.get(\"files\"), self.default_params).json()\n"
      "\n"
      "    def get_auth_token(self, email, password):\n"
      "        params = {\"SCOPE\": \"ZohoPC/docsapi\", \"EMAIL_ID\": email, \"PASSWORD\": password}\n"
      "        res = requests.post(URL_DEFAULTS.get(\"auth\"), params=params).text\n"
      "        return re.search('(?<=AUTH" "TOKEN=)(.*)', res)\n";
  ExpectFix(d, {.files = {{"conf.py", conf, {}}, {"zohoauth.py", auth, {}}},
                .report = {"conf.py:2:22: withheld: [zoho-authtoken-generation] legacy API (Zoho Docs, retired into Zoho "
                           "WorkDrive, whose API is a different one)" + kTail + "lines 3-5" + kMigrate,
                           "zohoauth.py:13:13: withheld: [auth" "token-param-map] legacy API (Zoho Docs, retired: its files "
                           "moved to Zoho WorkDrive, whose API is a different one): migrate it to the WorkDrive API by hand",
                           "0 fixed in 0 files, 2 withheld, 0 report-only"}});
  // Direct calls are withheld by the rewriters (a retired API), with the Docs wording.
  TempDir direct;
  const std::string calls =
      "import requests\n"
      "\n"
      "\n"
      "def files(token):\n"
      "    return requests.get(\"https://apidocs.zoho.com/files/v1/files?auth" "token=\" + token + \"&scope=docsapi\").json()\n"
      "\n"
      "\n"
      "def files_in(token, folder):\n"
      "    params = {\"auth" "token\": token, \"folder_id\": folder}\n"
      "    return requests.get(\"https://apidocs.zoho.com/files/v1/files\", params=params).json()\n";
  const std::string docs = "legacy API (Zoho Docs, retired: its files moved to Zoho WorkDrive, whose API is a "
                           "different one): migrate it to the WorkDrive API by hand";
  ExpectFix(direct, {.files = {{"calls.py", calls, {}}},
                     .report = {"calls.py:5:66: withheld: [auth" "token-url-param] " + docs,
                                "calls.py:9:15: withheld: [auth" "token-param-map] " + docs,
                                "0 fixed in 0 files, 2 withheld, 0 report-only"}});
  CHECK(authshift::rewriters::IsZohoDocsApi("https://apidocs.zoho.eu/files/v1/upload"));
  CHECK_FALSE(authshift::rewriters::IsZohoDocsApi("https://workdrive.zoho.com/api/v1/files"));
  CHECK_FALSE(authshift::rewriters::IsZohoDocsApi("https://www.zoho.com/docs/help/api/"));
}

TEST_CASE("retired clients: a generation beside a current API keeps its reason", "[fix][legacy][lifecycle]") {
  TempDir d;
  std::string py = kCrmPy;
  py.replace(py.find("https://crm.zoho.com/crm/private/json/Leads/getRecords"),
             std::string("https://crm.zoho.com/crm/private/json/Leads/getRecords").size(),
             "https://www.zohoapis.com/crm/v2/Leads");
  py.erase(py.find("            scope='crmapi',\n"), std::string("            scope='crmapi',\n").size());
  const authshift::testing::CliResult r = ExpectFix(
      d, {.files = {{"api.py", py, {}}},
          .report = {"api.py:5:20: withheld: [zoho-authtoken-generation] the token is taken out of the response inside "
                     "a loop or condition (line 13)"}});
  CHECK_FALSE(Has(r.out, "legacy API"));
}

namespace {

// A Go package whose generation hands the answer to a helper that takes the token out; the token
// goes to a sub-package through a getter (the shape of a public client).
const std::string kGoAuth =
    "package zoho\n"
    "\n"
    "import (\n"
    "\t\"fmt\"\n"
    "\t\"io/ioutil\"\n"
    "\t\"net/http\"\n"
    "\t\"regexp\"\n"
    ")\n"
    "\n"
    "type Zoho struct {\n"
    "\tauth" "token string\n"
    "\tclient    *http.Client\n"
    "}\n"
    "\n"
    "func (z *Zoho) GenerateAuthToken(email, password, scope string) error {\n"
    "\tresource := \"https://accounts.zoho.com/apiauthtoken/nb/create?EMAIL_ID=\" + email + \"&PASSWORD=\" + password + \"&SCOPE=\" + scope\n"
    "\tresp, err := z.client.Get(resource)\n"
    "\tif err != nil {\n"
    "\t\treturn fmt.Errorf(\"Error requesting auth" "token: %s\", err.Error())\n"
    "\t}\n"
    "\tz.auth" "token, err = extractAuthToken(resp)\n"
    "\treturn err\n"
    "}\n"
    "\n"
    "func extractAuthToken(r *http.Response) (string, error) {\n"
    "\tdefer r.Body.Close()\n"
    "\tb, err := ioutil.ReadAll(r.Body)\n"
    "\tif err != nil {\n"
    "\t\treturn \"\", err\n"
    "\t}\n"
    "\ttoken := regexp.MustCompile(`AUTH" "TOKEN=([a-zA-Z0-9]+)`).FindStringSubmatch(string(b))\n"
    "\tif len(token) == 0 {\n"
    "\t\treturn \"\", fmt.Errorf(\"no auth" "token in the response\")\n"
    "\t}\n"
    "\treturn token[1], nil\n"
    "}\n"
    "\n"
    "func (z *Zoho) GetAuthToken() string { return z.auth" "token }\n";

std::string GoCrm(const std::string& base) {
  return "package crm\n"
         "\n"
         "import (\n"
         "\t\"net/http\"\n"
         "\t\"net/url\"\n"
         "\n"
         "\t\"example.com/zoho\"\n"
         ")\n"
         "\n"
         "const (\n"
         "\tbaseURL = \"" + base + "\"\n"
         "\txmlURL  = baseURL + \"xml/\"\n"
         ")\n"
         "\n"
         "func Get(z *zoho.Zoho, module string) (*http.Response, error) {\n"
         "\tv := url.Values{}\n"
         "\tv.Add(\"auth" "token\", z.GetAuthToken())\n"
         "\treturn http.Get(xmlURL + module + \"/getRecords?\" + v.Encode())\n"
         "}\n";
}

}  // namespace

TEST_CASE("retired clients: a generation whose token goes to a CRM v1 package of the project is legacy",
          "[fix][legacy][lifecycle]") {
  TempDir d;
  const authshift::testing::CliResult r = ExpectFix(
      d, {.files = {{"auth.go", kGoAuth, {}}, {"crm/methods.go", GoCrm("https://crm.zoho.com/crm/private/"), {}}},
          .report = {"auth.go:16:23: withheld: [zoho-authtoken-generation] " + kCrm +
                     ": the token generated here is for such calls only; every Zoho API URL of the project's .go files "
                     "is one (crm/methods.go:11" + kMigrate}});
  CHECK(Has(r.out, "auth.go:21:"));
}

TEST_CASE("retired clients: a generation whose project also names a current API (Books v3) keeps its reason",
          "[fix][legacy][lifecycle]") {
  TempDir d;
  const authshift::testing::CliResult r = ExpectFix(
      d, {.files = {{"auth.go", kGoAuth, {}},
                    {"crm/methods.go", GoCrm("https://crm.zoho.com/crm/private/"), {}},
                    {"books/books.go", "package books\n\nconst baseURL = \"https://www.zohoapis.com/books/v3/\"\n", {}}},
          .report = {"auth.go:16:23: withheld: [zoho-authtoken-generation] the answer of the generation (resp) is passed "
                     "to extractAuthToken() (line 21)"}});
  CHECK_FALSE(Has(r.out, "[zoho-authtoken-generation] legacy API"));
}
