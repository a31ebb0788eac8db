// `authshift fix` with token-source refresh (rewriters/oauth/common/refresh.h) through the CLI:
// the helper file added once next to the fixed files, its import once, the data centre of each
// request, --dry-run's creation diff, an existing helper reused, withholding where refresh mode
// cannot be written, the flag against the config. The fixed programs are run against a fake Zoho
// by tests/oauth_e2e/refresh_e2e.py.
#include <catch2/catch.hpp>

#include <filesystem>

#include "scanner/ir/url.h"
#include "tests/test_util.h"

using authshift::testing::Has;
using authshift::testing::ReadAll;
using authshift::testing::RunCli;
using authshift::testing::TempDir;

namespace {

size_t Count(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t p = text.find(part); p != std::string::npos; p = text.find(part, p + 1)) ++n;
  return n;
}

// The old scheme, in two pieces (the project's scan of its own sources must not report it).
const std::string kOld = std::string("Zoho-") + "authtoken";

const std::string kBooks =
    "import requests\n"
    "\n"
    "\n"
    "def items(token):\n"
    "    return requests.get(\"https://www.zohoapis.eu/books/v3/items?authtoken=\" + token)\n";

const std::string kDesk =
    "import json\n"
    "\n"
    "import requests\n"
    "\n"
    "\n"
    "def tickets(token):\n"
    "    h = {\"Authorization\": \"" + kOld + " \" + token}\n"
    "    return requests.get(\"https://desk.zoho.com.au/api/v1/tickets\", headers=h).json()\n";

const std::string kPosixScript =
    "#!/bin/sh\n"
    "curl \"https://www.zohoapis.com/books/v3/items?authtoken=$T\"\n";

// One fix in refresh mode: the files written, the fix run once, what the files and the summary must
// then be.
struct FileCheck {
  enum Kind { kEquals, kStartsWith, kContains, kAbsent };
  std::string path;
  Kind kind;
  std::string text;
};
struct RefreshCase {
  std::string name;
  std::vector<std::pair<std::string, std::string>> files;
  std::vector<FileCheck> checks;
  // Summary lines: "=text" must appear exactly once, "!text" never, any other text at least once.
  std::vector<std::string> out;
};

void CheckRefreshCase(const RefreshCase& c) {
  TempDir d;
  for (const auto& [path, text] : c.files) d.Write(path, text);
  auto r = RunCli({"fix", "--no-color", "--token-source", "refresh", d.path()});
  CHECK(r.code == 1);
  for (const FileCheck& f : c.checks) {
    const std::string path = d.path() + "/" + f.path;
    INFO(f.path);
    if (f.kind == FileCheck::kAbsent) {
      CHECK(!std::filesystem::exists(path));
      continue;
    }
    REQUIRE(std::filesystem::exists(path));
    const std::string text = ReadAll(path);
    if (f.kind == FileCheck::kEquals) CHECK(text == f.text);
    if (f.kind == FileCheck::kStartsWith) CHECK(text.rfind(f.text, 0) == 0);
    if (f.kind == FileCheck::kContains) CHECK(Has(text, f.text));
  }
  for (const std::string& o : c.out) {
    INFO(r.out);
    if (o[0] == '=') CHECK(Count(r.out, o.substr(1)) == 1);
    else if (o[0] == '!') CHECK(!Has(r.out, o.substr(1)));
    else CHECK(Has(r.out, o));
  }
}

using K = FileCheck::Kind;

const RefreshCase kRefreshCases[] = {
    {"an ES module imports the helper and a CommonJS file requires it",
     {{"esm.mjs",
       "import { log } from './log.mjs';\n"
       "\n"
       "export async function items(t) {\n"
       "  return await fetch('https://www.zohoapis.jp/books/v3/items?authtoken=' + t);\n"
       "}\n"},
      {"cjs.js",
       "'use strict';\n"
       "\n"
       "async function items(t) {\n"
       "  return await fetch('https://www.zohoapis.com/books/v3/items?authtoken=' + t);\n"
       "}\n"}},
     {{"esm.mjs", K::kEquals,
       "import { log } from './log.mjs';\n"
       "import { zohoAccessToken } from './zohoOAuth.cjs';\n"
       "\n"
       "export async function items(t) {\n"
       "  return await fetch('https://www.zohoapis.jp/books/v3/items', { headers: { Authorization: "
       "'Zoho-oauthtoken ' + (await zohoAccessToken('https://accounts.zoho.jp')) } });\n"
       "}\n"},
      {"cjs.js", K::kEquals,
       "'use strict';\n"
       "const { zohoAccessToken } = require('./zohoOAuth.cjs');\n"
       "\n"
       "async function items(t) {\n"
       "  return await fetch('https://www.zohoapis.com/books/v3/items', { headers: { Authorization: "
       "'Zoho-oauthtoken ' + (await zohoAccessToken('https://accounts.zoho.com')) } });\n"
       "}\n"}},
     {"=zohoOAuth.cjs: added"}},
    {"a module of a Python package imports the helper relatively",
     {{"crm/__init__.py", ""},
      {"crm/leads.py",
       "import requests\n"
       "\n"
       "from .settings import BASE\n"
       "\n"
       "\n"
       "def leads(token):\n"
       "    return requests.get(\"https://www.zohoapis.com/crm/v2/Leads?authtoken=\" + token)\n"}},
     {{"crm/leads.py", K::kEquals,
       "import requests\n"
       "\n"
       "from .settings import BASE\n"
       "from . import zoho_oauth\n"
       "\n"
       "\n"
       "def leads(token):\n"
       "    return requests.get(\"https://www.zohoapis.com/crm/v2/Leads\", headers={\"Authorization\": "
       "\"Zoho-oauthtoken \" + zoho_oauth.access_token(\"https://accounts.zoho.com\")})\n"},
      {"crm/zoho_oauth.py", K::kContains, "def access_token("}},
     {"crm/zoho_oauth.py: added"}},
    {"a helper file already there is reused and never overwritten",
     {{"zoho_oauth.py", "def access_token(accounts_url):\n    return vault.get(accounts_url)\n"},
      {"books.py", kBooks}},
     {{"zoho_oauth.py", K::kEquals, "def access_token(accounts_url):\n    return vault.get(accounts_url)\n"},
      {"books.py", K::kContains, "zoho_oauth.access_token(\"https://accounts.zoho.eu\")"}},
     {"!added"}},
    {"a hard-coded token is no longer sent and its variable is left to delete by hand",
     {{"crm.rb",
       "require \"net/http\"\n"
       "\n"
       "TOKEN = \"deadbeefdeadbeefdeadbeefdeadbeef\"\n"
       "\n"
       "def leads\n"
       "  Net::HTTP.get_response(URI(\"https://www.zohoapis.sa/crm/v2/Leads?authtoken=#{TOKEN}\"))\n"
       "end\n"
       "\n"
       "def deals\n"
       "  Net::HTTP.get_response(URI(\"https://www.zohoapis.sa/crm/v2/Deals?authtoken=0123456789abcdef0123456789abcdef\"))\n"
       "end\n"}},
     {{"crm.rb", K::kEquals,
       "require \"net/http\"\n"
       "require_relative \"zoho_oauth\"\n"
       "\n"
       "TOKEN = \"deadbeefdeadbeefdeadbeefdeadbeef\"\n"
       "\n"
       "def leads\n"
       "  Net::HTTP.get_response(URI(\"https://www.zohoapis.sa/crm/v2/Leads\"), { \"Authorization\" => "
       "\"Zoho-oauthtoken \" + ZohoOAuth.access_token(\"https://accounts.zoho.sa\") })\n"
       "end\n"
       "\n"
       "def deals\n"
       "  Net::HTTP.get_response(URI(\"https://www.zohoapis.sa/crm/v2/Deals\"), { \"Authorization\" => "
       "\"Zoho-oauthtoken \" + ZohoOAuth.access_token(\"https://accounts.zoho.sa\") })\n"
       "end\n"},
      {"zoho_oauth.rb", K::kContains, "module ZohoOAuth"}},
     {"delete this hard-coded Authtoken by hand and revoke it", "2 fixed in 1 file, 1 withheld"}},
    {"the Java helper is a class of the fixed file's package",
     {{"Leads.java",
       "package com.acme.crm;\n"
       "\n"
       "import java.net.HttpURLConnection;\n"
       "import java.net.URL;\n"
       "\n"
       "class Leads {\n"
       "  int count(String token) throws Exception {\n"
       "    HttpURLConnection c = (HttpURLConnection) new URL(\"https://www.zohoapis.in/crm/v2/Leads?authtoken=\" + token).openConnection();\n"
       "    return c.getResponseCode();\n"
       "  }\n"
       "}\n"}},
     {{"Leads.java", K::kEquals,
       "package com.acme.crm;\n"
       "\n"
       "import java.net.HttpURLConnection;\n"
       "import java.net.URL;\n"
       "\n"
       "class Leads {\n"
       "  int count(String token) throws Exception {\n"
       "    HttpURLConnection c = (HttpURLConnection) new URL(\"https://www.zohoapis.in/crm/v2/Leads\").openConnection();\n"
       "    c.setRequestProperty(\"Authorization\", \"Zoho-oauthtoken \" + "
       "ZohoOAuth.accessToken(\"https://accounts.zoho.in\"));\n"
       "    return c.getResponseCode();\n"
       "  }\n"
       "}\n"},
      {"ZohoOAuth.java", K::kStartsWith, "package com.acme.crm;\n\nimport java.io.ByteArrayOutputStream;\n"},
      {"ZohoOAuth.java", K::kContains, "static synchronized String accessToken(String accountsUrl)"}},
     {"ZohoOAuth.java: added"}},
    {"the PHP load line goes after namespace and the shell helper needs bash",
     {{"Books.php",
       "<?php\n"
       "declare(strict_types=1);\n"
       "\n"
       "namespace Acme\\Books;\n"
       "\n"
       "function items(string $t): string\n"
       "{\n"
       "    return file_get_contents('https://www.zohoapis.com/books/v3/items?authtoken=' . $t);\n"
       "}\n"},
      {"items.sh", kPosixScript}},
     {{"Books.php", K::kStartsWith,
       "<?php\n"
       "declare(strict_types=1);\n"
       "\n"
       "namespace Acme\\Books;\n"
       "require_once __DIR__ . '/ZohoOAuth.php';\n"},
      {"Books.php", K::kContains, "zoho_oauth_access_token('https://accounts.zoho.com')"},
      {"items.sh", K::kEquals, kPosixScript},
      {"zoho_oauth.sh", K::kAbsent, ""}},
     {"the script runs under sh, and the refresh helper zoho_oauth.sh needs bash"}},
    {"the C# helper is a class of the global namespace, so no using",
     {{"Items.cs",
       "using System.Net.Http;\n"
       "using System.Threading.Tasks;\n"
       "\n"
       "namespace Acme.Books\n"
       "{\n"
       "    public class Items\n"
       "    {\n"
       "        public async Task<string> List(HttpClient client, string token)\n"
       "        {\n"
       "            var request = new HttpRequestMessage(HttpMethod.Get, \"https://www.zohoapis.eu/books/v3/items?authtoken=\" + token);\n"
       "            var response = await client.SendAsync(request);\n"
       "            return await response.Content.ReadAsStringAsync();\n"
       "        }\n"
       "    }\n"
       "}\n"}},
     {{"Items.cs", K::kEquals,
       "using System.Net.Http;\n"
       "using System.Threading.Tasks;\n"
       "\n"
       "namespace Acme.Books\n"
       "{\n"
       "    public class Items\n"
       "    {\n"
       "        public async Task<string> List(HttpClient client, string token)\n"
       "        {\n"
       "            var request = new HttpRequestMessage(HttpMethod.Get, \"https://www.zohoapis.eu/books/v3/items\");\n"
       "            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(\"Zoho-oauthtoken\", ZohoOAuth.AccessToken(\"https://accounts.zoho.eu\"));\n"
       "            var response = await client.SendAsync(request);\n"
       "            return await response.Content.ReadAsStringAsync();\n"
       "        }\n"
       "    }\n"
       "}\n"},
      {"ZohoOAuth.cs", K::kStartsWith, "// Zoho OAuth access tokens"}},
     {"=ZohoOAuth.cs: added"}},
    {"the Go helper's functions belong to the fixed file's package",
     {{"items.go",
       "package books\n"
       "\n"
       "import \"net/http\"\n"
       "\n"
       "func items(token string) (*http.Response, error) {\n"
       "\treturn http.Get(\"https://www.zohoapis.com.au/books/v3/items?authtoken=\" + token)\n"
       "}\n"}},
     {{"items.go", K::kEquals,
       "package books\n"
       "\n"
       "import \"net/http\"\n"
       "\n"
       "func items(token string) (*http.Response, error) {\n"
       "\treq, err := http.NewRequest(http.MethodGet, \"https://www.zohoapis.com.au/books/v3/items\", nil)\n"
       "\tif err != nil {\n"
       "\t\treturn nil, err\n"
       "\t}\n"
       "\treq.Header.Set(\"Authorization\", \"Zoho-oauthtoken \"+zohoAccessToken(\"https://accounts.zoho.com.au\"))\n"
       "\treturn http.DefaultClient.Do(req)\n"
       "}\n"},
      {"zoho_oauth.go", K::kStartsWith, "package books\n\n// Zoho OAuth access tokens"}},
     {"=zoho_oauth.go: added"}},
    {"a TypeScript module imports the helper module",
     {{"items.ts",
       "import axios from 'axios';\n"
       "\n"
       "export async function items(token: string): Promise<unknown> {\n"
       "  const res = await fetch('https://www.zohoapis.in/books/v3/items?authtoken=' + token);\n"
       "  return res.json();\n"
       "}\n"}},
     {{"items.ts", K::kEquals,
       "import axios from 'axios';\n"
       "import { zohoAccessToken } from './zohoOAuth';\n"
       "\n"
       "export async function items(token: string): Promise<unknown> {\n"
       "  const res = await fetch('https://www.zohoapis.in/books/v3/items', { headers: { Authorization: 'Zoho-oauthtoken ' + (await zohoAccessToken('https://accounts.zoho.in')) } });\n"
       "  return res.json();\n"
       "}\n"},
      {"zohoOAuth.ts", K::kContains, "export async function zohoAccessToken("}},
     {"=zohoOAuth.ts: added"}},
};

}  // namespace

TEST_CASE("refresh: per-language helpers, load lines and withholding", "[fix][oauth][refresh]") {
  for (const RefreshCase& c : kRefreshCases) {
    DYNAMIC_SECTION(c.name) { CheckRefreshCase(c); }
  }
}

TEST_CASE("refresh: the accounts server of each data centre", "[fix][oauth][refresh]") {
  using authshift::ir::AccountsServerFor;
  CHECK(AccountsServerFor("www.zohoapis.com") == "https://accounts.zoho.com");
  CHECK(AccountsServerFor("books.zoho.eu") == "https://accounts.zoho.eu");
  CHECK(AccountsServerFor("www.zohoapis.in") == "https://accounts.zoho.in");
  CHECK(AccountsServerFor("desk.zoho.com.au") == "https://accounts.zoho.com.au");
  CHECK(AccountsServerFor("www.zohoapis.com.cn") == "https://accounts.zoho.com.cn");
  CHECK(AccountsServerFor("www.zohoapis.jp") == "https://accounts.zoho.jp");
  CHECK(AccountsServerFor("www.zohoapis.ca") == "https://accounts.zohocloud.ca");
  CHECK(AccountsServerFor("www.zohoapis.sa") == "https://accounts.zoho.sa");
  CHECK(AccountsServerFor("api.example.com") == std::nullopt);
  CHECK(authshift::ir::AccountsServersIn("a https://books.zoho.eu/x b http://www.zohoapis.com c "
                                         "https://books.zoho.eu/y") ==
        std::vector<std::string>{"https://accounts.zoho.eu", "https://accounts.zoho.com"});
}

TEST_CASE("refresh: one helper and one import for the files of a folder and a second fix is a no-op",
          "[fix][oauth][refresh]") {
  TempDir d;
  d.Write("books.py", kBooks);
  d.Write("desk.py", kDesk);
  auto r = RunCli({"fix", "--no-color", "--token-source", "refresh", d.path()});
  CHECK(r.code == 1);  // findings were reported (and fixed)
  CHECK(ReadAll(d.path() + "/books.py") ==
        "import requests\n"
        "import zoho_oauth\n"
        "\n"
        "\n"
        "def items(token):\n"
        "    return requests.get(\"https://www.zohoapis.eu/books/v3/items\", headers={\"Authorization\": "
        "\"Zoho-oauthtoken \" + zoho_oauth.access_token(\"https://accounts.zoho.eu\")})\n");
  CHECK(ReadAll(d.path() + "/desk.py") ==
        "import json\n"
        "\n"
        "import requests\n"
        "import zoho_oauth\n"
        "\n"
        "\n"
        "def tickets(token):\n"
        "    h = {\"Authorization\": \"Zoho-oauthtoken \" + "
        "zoho_oauth.access_token(\"https://accounts.zoho.com.au\")}\n"
        "    return requests.get(\"https://desk.zoho.com.au/api/v1/tickets\", headers=h).json()\n");
  const std::string helper = ReadAll(d.path() + "/zoho_oauth.py");
  CHECK(Has(helper, "def access_token(accounts_url=\"https://accounts.zoho.com\"):"));
  CHECK(Has(helper, "ZOHO_ACCOUNTS_URL"));
  CHECK(Count(r.out, "zoho_oauth.py: added") == 1);
  CHECK(Has(r.out, "2 fixed in 2 files, 0 withheld"));
  CHECK(Has(r.out, "stop reading it into 'token'"));

  auto again = RunCli({"fix", "--no-color", "--token-source", "refresh", d.path()});
  CHECK(again.code == 0);
  CHECK(Has(again.out, "0 fixed in 0 files"));
  CHECK(!Has(again.out, "added"));
  CHECK(ReadAll(d.path() + "/zoho_oauth.py") == helper);
  CHECK(Count(ReadAll(d.path() + "/books.py"), "import zoho_oauth") == 1);
}

TEST_CASE("refresh: --dry-run shows the helper as a new file and writes nothing",
          "[fix][oauth][refresh]") {
  TempDir d;
  d.Write(".authshift.yml", "token-source:\n  python: refresh\n");
  d.Write("books.py", kBooks);
  auto r = RunCli({"fix", "--no-color", "--dry-run", d.path()});
  CHECK(r.code == 1);
  CHECK(Has(r.out,
            "diff --git a/zoho_oauth.py b/zoho_oauth.py\n"
            "new file mode 100644\n"
            "--- /dev/null\n"
            "+++ b/zoho_oauth.py\n"
            "@@ -0,0 +1,"));
  CHECK(Has(r.out, "+import zoho_oauth\n"));
  CHECK(Has(r.err, "zoho_oauth.py: added"));
  CHECK(!std::filesystem::exists(d.path() + "/zoho_oauth.py"));
  CHECK(ReadAll(d.path() + "/books.py") == kBooks);
}

TEST_CASE("refresh: what refresh mode cannot write is withheld and the env flag wins",
          "[fix][oauth][refresh]") {
  TempDir d;
  // JavaScript's helper is async: a request that is not awaited is withheld.
  const std::string js =
      "const url = \"https://books.zoho.com/api/v3/items?authtoken=\" + process.env.T;\n"
      "fetch(url).then((r) => r.json());\n";
  d.Write("books.js", js);
  // A header group in a file that calls two data centres: which accounts server is not known.
  const std::string two = kDesk + "\n\ndef eu():\n    return requests.get(\"https://books.zoho.eu/api/v3/x\")\n";
  d.Write("two.py", two);
  auto r = RunCli({"fix", "--no-color", "--token-source", "refresh", d.path()});
  CHECK(r.code == 1);
  CHECK(ReadAll(d.path() + "/books.js") == js);
  CHECK(ReadAll(d.path() + "/two.py") == two);
  CHECK(Has(r.out, "the refresh helper zohoOAuth.cjs is async and this request is not awaited"));
  CHECK(Has(r.out, "the file calls several Zoho data centres"));
  CHECK(!std::filesystem::exists(d.path() + "/zohoOAuth.cjs"));
  CHECK(!std::filesystem::exists(d.path() + "/zoho_oauth.py"));

  // --token-source env wins over the config's refresh: the default lookup.
  d.Write(".authshift.yml", "token-source: refresh\n");
  auto env = RunCli({"fix", "--no-color", "--token-source", "env", d.path()});
  CHECK(Has(ReadAll(d.path() + "/books.js"), "process.env.T"));
  CHECK(Has(env.out, "fixed in 2 files"));
  CHECK(!std::filesystem::exists(d.path() + "/zoho_oauth.py"));
}

TEST_CASE("refresh: --token-source takes env or refresh", "[fix][oauth][refresh]") {
  TempDir d;
  d.Write("books.py", kBooks);
  auto bad = RunCli({"fix", "--no-color", "--token-source", "sometimes", d.path()});
  CHECK(bad.code == 2);
  CHECK(Has(bad.err, "--token-source must be env or refresh, got 'sometimes'"));
  CHECK(ReadAll(d.path() + "/books.py") == kBooks);
}

TEST_CASE("refresh: a helper the config names is imported and called, and no file is added",
          "[fix][oauth][refresh]") {
  TempDir d;
  d.Write(".authshift.yml",
          "token-source:\n"
          "  python: {helper: \"myapp.auth:get_token\"}\n"
          "  javascript:\n"
          "    helper: ./lib/zohoToken:getToken\n");
  d.Write("books.py", kBooks);
  d.Write("items.mjs",
          "import { log } from './log.mjs';\n"
          "\n"
          "export async function items(t) {\n"
          "  return await fetch('https://www.zohoapis.jp/books/v3/items?authtoken=' + t);\n"
          "}\n");
  d.Write("items.js",
          "async function items(t) {\n"
          "  return await fetch('https://www.zohoapis.com/books/v3/items?authtoken=' + t);\n"
          "}\n");
  auto r = RunCli({"fix", "--no-color", d.path()});
  CHECK(r.code == 1);
  const std::string books =
      "import requests\n"
      "from myapp.auth import get_token\n"
      "\n"
      "\n"
      "def items(token):\n"
      "    return requests.get(\"https://www.zohoapis.eu/books/v3/items\", headers={\"Authorization\": "
      "\"Zoho-oauthtoken \" + get_token(\"https://accounts.zoho.eu\")})\n";
  CHECK(ReadAll(d.path() + "/books.py") == books);
  CHECK(ReadAll(d.path() + "/items.mjs") ==
        "import { log } from './log.mjs';\n"
        "import { getToken } from './lib/zohoToken';\n"
        "\n"
        "export async function items(t) {\n"
        "  return await fetch('https://www.zohoapis.jp/books/v3/items', { headers: { Authorization: "
        "'Zoho-oauthtoken ' + (await getToken('https://accounts.zoho.jp')) } });\n"
        "}\n");
  CHECK(ReadAll(d.path() + "/items.js") ==
        "const { getToken } = require('./lib/zohoToken');\n"
        "async function items(t) {\n"
        "  return await fetch('https://www.zohoapis.com/books/v3/items', { headers: { Authorization: "
        "'Zoho-oauthtoken ' + (await getToken('https://accounts.zoho.com')) } });\n"
        "}\n");
  CHECK(Has(r.out, "the access token now comes from the configured helper (get_token(\"https://accounts.zoho.eu\"))"));
  CHECK(!Has(r.out, "added"));
  CHECK(!std::filesystem::exists(d.path() + "/zoho_oauth.py"));
  CHECK(!std::filesystem::exists(d.path() + "/zohoOAuth.cjs"));

  auto again = RunCli({"fix", "--no-color", d.path()});
  CHECK(again.code == 0);
  CHECK(ReadAll(d.path() + "/books.py") == books);
  CHECK(Count(ReadAll(d.path() + "/items.js"), "require('./lib/zohoToken')") == 1);
}
