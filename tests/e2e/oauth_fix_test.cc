// `authshift fix` with the OAuth rewriter (rewriters/oauth/) through the CLI: token-source
// configuration, never-partial withholding, imports, idempotence. The per-client rewrites are
// specified by the `.fixed` fixtures under fixtures/rules/authtoken-*/.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "tests/test_util.h"

using authshift::testing::ExpectFix;
using authshift::testing::Has;
using authshift::testing::ReadAll;
using authshift::testing::RunCli;
using authshift::testing::TempDir;

TEST_CASE(
    "oauth: a configured token-source replaces a hard-coded token, without the default import",
    "[fix][oauth]") {
  TempDir d;
  auto r = ExpectFix(d, {.files = {{"desk.py",
          "import requests\n"
          "\n"
          "\n"
          "def tickets():\n"
          "    h = {\"Authorization\": \"Zoho-"
          "authtoken deadbeefdeadbeefdeadbeefdeadbeef\"}\n"
          "    return requests.get(\"https://desk.zoho.com/api/v1/tickets\", headers=h)\n",
        "import requests\n"
        "\n"
        "\n"
        "def tickets():\n"
        "    h = {\"Authorization\": \"Zoho-oauthtoken \" + vault.zoho_access_token()}\n"
        "    return requests.get(\"https://desk.zoho.com/api/v1/tickets\", headers=h)\n"},
      {"books.js",
          "const url = "
          "\"https://books.zoho.com/api/v3/"
          "items?authtoken=deadbeefdeadbeefdeadbeefdeadbeef&organization_id=1\";\n"
          "fetch(url);\n",
        "const url = \"https://books.zoho.com/api/v3/items?organization_id=1\";\n"
        "fetch(url, { headers: { Authorization: \"Zoho-oauthtoken \" + tokens.zoho() } });\n"}},
      .config = "token-source:\n  python: vault.zoho_access_token()\n  javascript: tokens.zoho()\n",
      .report = {"the hard-coded Authtoken was replaced by vault.zoho_access_token(), which must hold "
                 "an OAuth access token; revoke the old Authtoken",
                 "2 fixed in 2 files, 0 withheld"},
      .code = 1});
  // Idempotent: nothing left to fix.
  auto again = RunCli({"fix", "--no-color", d.path()});
  CHECK(again.code == 0);
  CHECK(Has(again.out, "0 fixed in 0 files"));
}

TEST_CASE("oauth: the default lookup brings its import (Python os)", "[fix][oauth]") {
  TempDir d;
  ExpectFix(d, {.files = {{"mail.py",
                           "\"\"\"Mail.\"\"\"\n"
                           "from __future__ import annotations\n"
                           "\n"
                           "import json\n"
                           "import urllib.request\n"
                           "\n"
                           "TOKEN = \"c0ffee00c0ffee00c0ffee00c0ffee00\"\n"
                           "\n"
                           "\n"
                           "def folders(account):\n"
                           "    req = urllib.request.Request(\"https://mail.zoho.com/api/accounts/\" + account + "
                           "\"/folders\")\n"
                           "    req.add_header(\"Authorization\", \"Zoho-"
                           "authtoken \" + TOKEN)\n"
                           "    return json.load(urllib.request.urlopen(req))\n",
                           "\"\"\"Mail.\"\"\"\n"
                           "from __future__ import annotations\n"
                           "\n"
                           "import json\n"
                           "import os\n"
                           "import urllib.request\n"
                           "\n"
                           "TOKEN = os.environ[\"ZOHO_OAUTH_TOKEN\"]\n"
                           "\n"
                           "\n"
                           "def folders(account):\n"
                           "    req = urllib.request.Request(\"https://mail.zoho.com/api/accounts/\" + account + "
                           "\"/folders\")\n"
                           "    req.add_header(\"Authorization\", \"Zoho-oauthtoken \" + TOKEN)\n"
                           "    return json.load(urllib.request.urlopen(req))\n"}},
                .report = {"2 fixed in 1 file, 0 withheld"},
                .code = 1});
}

TEST_CASE(
    "oauth: never partial — a token or URL shared with code that is not fixed withholds the fix",
    "[fix][oauth]") {
  TempDir d;
  const std::string shared_literal =
      "import logging\n"
      "import os\n"
      "\n"
      "import requests\n"
      "\n"
      "TOKEN = \"deadbeefdeadbeefdeadbeefdeadbeef\"\n"
      "\n"
      "\n"
      "def items():\n"
      "    h = {\"Authorization\": \"Zoho-"
      "authtoken \" + TOKEN}\n"
      "    logging.info(\"using %s\", TOKEN)\n"
      "    return requests.get(\"https://books.zoho.com/api/v3/items\", headers=h)\n";
  const std::string shared_url =
      "import requests\n"
      "\n"
      "\n"
      "def both(token):\n"
      "    url = \"https://books.zoho.com/api/v3/items?authtoken=\" + token\n"
      "    requests.get(url)\n"
      "    return requests.post(url, json={})\n";
  const std::string legacy =
      "import requests\n"
      "\n"
      "\n"
      "def leads(token):\n"
      "    return "
      "requests.get(\"https://crm.zoho.com/crm/private/json/Leads/getRecords?authtoken=\" + token "
      "+ \"&scope=crmapi\")\n";
  ExpectFix(d, {.files = {{"shared_literal.py", shared_literal, {}},
                          {"shared_url.py", shared_url, {}},
                          {"legacy.py", legacy, {}}},
                .report = {"shared_literal.py:10:10: withheld: [authtoken-header] the hard-coded token 'TOKEN' is "
                           "also used elsewhere (line 11); replace it with an OAuth access token by hand and "
                           "revoke it",
                           "shared_literal.py:6:1: withheld: [authtoken-literal] the requests this token is sent "
                           "with were not fixed",
                           "shared_url.py:5:48: withheld: [authtoken-url-param] the value is sent by more than "
                           "one request (lines 6, 7); add the Authorization: Zoho-oauthtoken header to each by hand",
                           "legacy.py:5:81: withheld: [authtoken-url-param] legacy API (CRM v1, Creator v1 or "
                           "Invoice v2): migrate it to the current API by hand",
                           "0 fixed in 0 files, 4 withheld"}});
}

TEST_CASE("oauth: no place for the import withholds a fix that needs the lookup", "[fix][oauth]") {
  TempDir d;
  ExpectFix(d, {.files = {{"bare.py",
                           "requests.get(\"https://books.zoho.com/api/v3/"
                           "items?authtoken=deadbeefdeadbeefdeadbeefdeadbeef\")\n",
                           {}}},
                .report = {"withheld: [authtoken-url-param] cannot place 'import os' for the token lookup"}});
}

TEST_CASE("oauth: --format diff applies with the same result as fix, CRLF kept", "[fix][oauth]") {
  TempDir d;
  d.Write(
      "a.ts",
      "export async function f(token: string) {\r\n"
      "  return axios.post(\"https://books.zoho.com/api/v3/invoices?authtoken=\" + token, {});\r\n"
      "}\r\n");
  auto r = RunCli({"scan", "--format", "diff", "--no-color", d.path()});
  CHECK(r.code == 1);
  CHECK(Has(
      r.out,
      "-  return axios.post(\"https://books.zoho.com/api/v3/invoices?authtoken=\" + token, {});\r\n"
      "+  return axios.post(\"https://books.zoho.com/api/v3/invoices\", {}, { headers: { "
      "Authorization: "
      "\"Zoho-oauthtoken \" + token } });\r\n"));
}

TEST_CASE("oauth: headers held in variables are merged without touching other users",
          "[fix][oauth]") {
  TempDir d;
  ExpectFix(d, {.files = {{"py_shared.py",
                           "import requests\n"
                           "\n"
                           "\n"
                           "def f(token, org):\n"
                           "    h = {\"orgId\": org}\n"
                           "    requests.get(\"https://desk.zoho.com/api/v1/agents?authtoken=\" + token, headers=h)\n"
                           "    return requests.get(\"https://example.com/status\", headers=h)\n",
                           "import requests\n"
                           "\n"
                           "\n"
                           "def f(token, org):\n"
                           "    h = {\"orgId\": org}\n"
                           "    requests.get(\"https://desk.zoho.com/api/v1/agents\", headers={**h, "
                           "\"Authorization\": \"Zoho-oauthtoken \" + token})\n"
                           "    return requests.get(\"https://example.com/status\", headers=h)\n"},
                          {"js_shared.js",
                           "const common = { Accept: 'application/json' };\n"
                           "async function f(token) {\n"
                           "  await axios.get('https://desk.zoho.com/api/v1/agents?authtoken=' + token, { headers: "
                           "common, success: (r) => r });\n"
                           "  return axios.get('https://example.com/status', { headers: common });\n"
                           "}\n",
                           "const common = { Accept: 'application/json' };\n"
                           "async function f(token) {\n"
                           "  await axios.get('https://desk.zoho.com/api/v1/agents', { headers: { ...common, "
                           "Authorization: 'Zoho-oauthtoken ' + token }, success: (r) => r });\n"
                           "  return axios.get('https://example.com/status', { headers: common });\n"
                           "}\n"}},
                .code = 1});
}

TEST_CASE("oauth: urlopen(url) is wrapped in the imported Request; import os.path already binds os",
          "[fix][oauth]") {
  TempDir d;
  ExpectFix(d, {.files = {{"inv.py",
                           "import os.path\n"
                           "from urllib.request import Request, urlopen\n"
                           "\n"
                           "\n"
                           "def items():\n"
                           "    return "
                           "urlopen(\"https://inventory.zoho.com/api/v1/"
                           "items?authtoken=deadbeefdeadbeefdeadbeefdeadbeef\").read()\n",
                           "import os.path\n"
                           "from urllib.request import Request, urlopen\n"
                           "\n"
                           "\n"
                           "def items():\n"
                           "    return urlopen(Request(\"https://inventory.zoho.com/api/v1/items\", "
                           "headers={\"Authorization\": "
                           "\"Zoho-oauthtoken \" + os.environ[\"ZOHO_OAUTH_TOKEN\"]})).read()\n"}},
                .code = 1});
}

TEST_CASE("oauth: %-formatted URLs lose the placeholder and its argument", "[fix][oauth]") {
  TempDir d;
  ExpectFix(d, {.files = {{"fmt.py",
                           "import requests\n"
                           "\n"
                           "\n"
                           "def f(token, org, page):\n"
                           "    a = "
                           "requests.get(\"https://books.zoho.com/api/v3/"
                           "items?organization_id=%s&authtoken=%s&page=%d\" % (org, token, page))\n"
                           "    b = "
                           "requests.get(\"https://books.zoho.com/api/v3/bills?organization_id=%s&authtoken=%s\" % "
                           "(org, token))\n"
                           "    return a, b\n",
                           "import requests\n"
                           "\n"
                           "\n"
                           "def f(token, org, page):\n"
                           "    a = requests.get(\"https://books.zoho.com/api/v3/items?organization_id=%s&page=%d\" % "
                           "(org, page), "
                           "headers={\"Authorization\": \"Zoho-oauthtoken \" + token})\n"
                           "    b = requests.get(\"https://books.zoho.com/api/v3/bills?organization_id=%s\" % (org,), "
                           "headers={\"Authorization\": \"Zoho-oauthtoken \" + token})\n"
                           "    return a, b\n"}},
                .code = 1});
}

TEST_CASE("oauth: Bash -d parameter alone on a continuation line goes with its line",
          "[fix][oauth][oauth-bash]") {
  // Fixture annotations cannot sit inside a continued command, so this layout is tested here.
  TempDir d;
  ExpectFix(d, {.files = {{"comment.sh",
                           "#!/bin/sh\n"
                           "curl -sS -X POST \\\n"
                           "  -d \"authtoken=$DESK_TOKEN\" \\\n"
                           "  -d \"content=$1\" \\\n"
                           "  \"https://desk.zoho.com/api/v1/tickets/1/comments\"\n"
                           "wget -q 'https://desk.zoho.com/api/v1/agents?authtoken=deadbeefdeadbeefdeadbeefdeadbeef'\n",
                           "#!/bin/sh\n"
                           "curl -H \"Authorization: Zoho-oauthtoken $DESK_TOKEN\" -sS -X POST \\\n"
                           "  -d \"content=$1\" \\\n"
                           "  \"https://desk.zoho.com/api/v1/tickets/1/comments\"\n"
                           "wget --header=\"Authorization: Zoho-oauthtoken $(vault read -field=token zoho/desk)\" -q "
                           "'https://desk.zoho.com/api/v1/agents'\n"}},
                .config = "token-source:\n  bash: \"$(vault read -field=token zoho/desk)\"\n",
                .report = {"2 fixed in 1 file, 0 withheld"},
                .code = 1});
  auto again = RunCli({"fix", "--no-color", d.path()});
  CHECK(again.code == 0);
  CHECK(Has(again.out, "0 fixed in 0 files"));
}
TEST_CASE("oauth: browser code and an OAuth-or-Authtoken fallback arm with an arm after it are withheld, with the reason",
          "[fix][oauth]") {
  TempDir d;
  const std::string page =
      "$(document).ready(function () {\n"
      "  $.ajax({ url: \"https://www.zohoapis.com/crm/v2/Leads?auth"
      "token=\" + window.zohoToken, success: render });\n"
      "});\n";
  // The same call in Node (a require): fixed.
  const std::string node =
      "const $ = require(\"jquery\");\n"
      "$.ajax({ url: \"https://www.zohoapis.com/crm/v2/Leads?auth"
      "token=\" + token, success: render });\n";
  // An Authtoken arm with another arm after it (removing it would hand its cases to that arm):
  // withheld, removed by hand.
  const std::string fallback =
      "def headers(oauth, key):\n"
      "    if oauth:\n"
      "        return {\"Authorization\": \"Zoho-oauthtoken \" + oauth}\n"
      "    elif key:\n"
      "        return {\"Authorization\": \"Zoho-auth"
      "token \" + key}\n"
      "    else:\n"
      "        raise ValueError(\"no Zoho credentials\")\n";
  const std::vector<std::pair<std::string, const std::string*>> files = {
      {"page.js", &page}, {"server.js", &node}, {"fallback.py", &fallback}};
  for (const auto& [name, text] : files) d.Write(name, *text);
  // --verbose says where each JavaScript file was judged to run.
  auto v = RunCli({"scan", "--no-color", "--verbose", d.path()});
  CHECK(Has(v.err, "JavaScript page.js: browser (DOM, jQuery or JSX; no Node.js evidence)\n"));
  CHECK(Has(v.err, "JavaScript server.js: Node.js or unknown\n"));
  auto r = RunCli({"fix", "--no-color", d.path()});
  for (const auto& [name, text] : files) CHECK((ReadAll(d.path() + "/" + name) == *text) == (name != "server.js"));
  CHECK(Has(r.out, "page.js:2:56: withheld: [authtoken-url-param] browser code (DOM, jQuery or JSX and no "
                   "Node.js evidence): a token here is visible to every visitor; move the call server-side"));
  CHECK(Has(r.out, "fallback.py:5:17: withheld"));
  CHECK(Has(r.out, "withheld: [authtoken-header] an OAuth branch already sends Zoho-oauthtoken (line 3): "
                   "remove this Authtoken fallback branch by hand instead of relabelling it"));
  CHECK(Has(r.out, "server.js:2:54: fixed"));
}

TEST_CASE("oauth: legacy APIs behind joined constants or index-assigned scopes stay withheld as legacy",
          "[fix][oauth]") {
  TempDir d;
  // The URL reaches several requests from constants: the first request's URL is CRM v1.
  const std::string joined =
      "const request = require('request');\n"
      "const base = 'https://crm.zoho.com/crm/private/json/Leads/';\n"
      "const auth = '?authtoken=' + process.env.ZOHO_TOKEN;\n"
      "function find(email, cb) { request(base + 'searchRecords' + auth + '&criteria=' + email, cb); }\n"
      "function update(id, cb) { request(base + 'updateRecords' + auth + '&id=' + id, cb); }\n";
  // The map goes to a request in another file; its legacy scope is put into the same variable.
  const std::string assigned =
      "const api = require('./api');\n"
      "function add(conf, data) {\n"
      "  data['authtoken'] = conf.token;\n"
      "  data['scope'] = 'creatorapi';\n"
      "  return api.post(conf.url, data);\n"
      "}\n";
  // The encoded map is read twice: it cannot go.
  const std::string twice =
      "import urllib.parse\n"
      "import urllib.request\n"
      "\n"
      "\n"
      "def get(base, token):\n"
      "    params = {\"authtoken\": token}\n"
      "    print(params)\n"
      "    return urllib.request.urlopen(base + \"?\" + urllib.parse.urlencode(params))\n";
  // A keyword map with a legacy scope, sent by a request elsewhere.
  const std::string keywords =
      "class Crm:\n"
      "    def _params(self, token):\n"
      "        return dict(\n"
      "            scope=\"crmapi\",\n"
      "            authtoken=token,\n"
      "        )\n";
  const std::string legacy =
      "legacy API (CRM v1, Creator v1 or Invoice v2): migrate it to the current API by hand";
  ExpectFix(d, {.files = {{"keywords.py", keywords, {}},
                          {"joined.js", joined, {}},
                          {"assigned.js", assigned, {}},
                          {"twice.py", twice, {}}},
                .report = {"keywords.py:5:13: withheld: [authtoken-zoho-key] " + legacy,
                           "joined.js:3:16: withheld: [authtoken-url-param] " + legacy,
                           "assigned.js:3:3: withheld: [authtoken-param-map] " + legacy,
                           "twice.py:6:15: withheld: [authtoken-param-map] the parameter map would become "
                           "empty and cannot be removed cleanly; remove it by hand"}});
}
