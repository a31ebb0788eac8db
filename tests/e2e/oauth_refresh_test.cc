// `authshift fix` with token-source refresh (rewriters/oauth/common/refresh.h) through the CLI:
// the helper file added once next to the fixed files, its import once, the data centre of each
// request, --dry-run's creation diff, an existing helper reused, withholding where refresh mode
// cannot be written, the flag against the config. The fixed programs are run against a fake Zoho
// by tests/oauth_e2e/refresh_e2e.py.
#include <catch2/catch.hpp>

#include <filesystem>

#include "scanner/ir/url.h"
#include "tests/test_util.h"

using authshift::testing::ReadAll;
using authshift::testing::RunCli;
using authshift::testing::TempDir;

namespace {

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

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

}  // namespace

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

TEST_CASE("refresh: an ES module imports the helper and a CommonJS file requires it",
          "[fix][oauth][refresh]") {
  TempDir d;
  d.Write("esm.mjs",
          "import { log } from './log.mjs';\n"
          "\n"
          "export async function items(t) {\n"
          "  return await fetch('https://www.zohoapis.jp/books/v3/items?authtoken=' + t);\n"
          "}\n");
  d.Write("cjs.js",
          "'use strict';\n"
          "\n"
          "async function items(t) {\n"
          "  return await fetch('https://www.zohoapis.com/books/v3/items?authtoken=' + t);\n"
          "}\n");
  auto r = RunCli({"fix", "--no-color", "--token-source", "refresh", d.path()});
  CHECK(r.code == 1);
  CHECK(ReadAll(d.path() + "/esm.mjs") ==
        "import { log } from './log.mjs';\n"
        "import { zohoAccessToken } from './zohoOAuth.cjs';\n"
        "\n"
        "export async function items(t) {\n"
        "  return await fetch('https://www.zohoapis.jp/books/v3/items', { headers: { Authorization: "
        "'Zoho-oauthtoken ' + (await zohoAccessToken('https://accounts.zoho.jp')) } });\n"
        "}\n");
  CHECK(ReadAll(d.path() + "/cjs.js") ==
        "'use strict';\n"
        "const { zohoAccessToken } = require('./zohoOAuth.cjs');\n"
        "\n"
        "async function items(t) {\n"
        "  return await fetch('https://www.zohoapis.com/books/v3/items', { headers: { Authorization: "
        "'Zoho-oauthtoken ' + (await zohoAccessToken('https://accounts.zoho.com')) } });\n"
        "}\n");
  CHECK(Count(r.out, "zohoOAuth.cjs: added") == 1);
}

TEST_CASE("refresh: a module of a Python package imports the helper relatively",
          "[fix][oauth][refresh]") {
  TempDir d;
  d.Write("crm/__init__.py", "");
  d.Write("crm/leads.py",
          "import requests\n"
          "\n"
          "from .settings import BASE\n"
          "\n"
          "\n"
          "def leads(token):\n"
          "    return requests.get(\"https://www.zohoapis.com/crm/v2/Leads?authtoken=\" + token)\n");
  auto r = RunCli({"fix", "--no-color", "--token-source", "refresh", d.path()});
  CHECK(r.code == 1);
  CHECK(ReadAll(d.path() + "/crm/leads.py") ==
        "import requests\n"
        "\n"
        "from .settings import BASE\n"
        "from . import zoho_oauth\n"
        "\n"
        "\n"
        "def leads(token):\n"
        "    return requests.get(\"https://www.zohoapis.com/crm/v2/Leads\", headers={\"Authorization\": "
        "\"Zoho-oauthtoken \" + zoho_oauth.access_token(\"https://accounts.zoho.com\")})\n");
  CHECK(std::filesystem::exists(d.path() + "/crm/zoho_oauth.py"));
  CHECK(Has(r.out, "crm/zoho_oauth.py: added"));
}

TEST_CASE("refresh: a helper file already there is reused and never overwritten",
          "[fix][oauth][refresh]") {
  TempDir d;
  d.Write("zoho_oauth.py", "def access_token(accounts_url):\n    return vault.get(accounts_url)\n");
  d.Write("books.py", kBooks);
  auto r = RunCli({"fix", "--no-color", "--token-source", "refresh", d.path()});
  CHECK(r.code == 1);
  CHECK(ReadAll(d.path() + "/zoho_oauth.py") ==
        "def access_token(accounts_url):\n    return vault.get(accounts_url)\n");
  CHECK(!Has(r.out, "added"));
  CHECK(Has(ReadAll(d.path() + "/books.py"), "zoho_oauth.access_token(\"https://accounts.zoho.eu\")"));
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

TEST_CASE("refresh: a hard-coded token is no longer sent and its variable is left to delete by hand",
          "[fix][oauth][refresh]") {
  TempDir d;
  d.Write("crm.rb",
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
          "end\n");
  auto r = RunCli({"fix", "--no-color", "--token-source", "refresh", d.path()});
  CHECK(r.code == 1);
  CHECK(ReadAll(d.path() + "/crm.rb") ==
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
        "end\n");
  CHECK(Has(r.out, "delete this hard-coded Authtoken by hand and revoke it"));
  CHECK(Has(r.out, "2 fixed in 1 file, 1 withheld"));
  CHECK(std::filesystem::exists(d.path() + "/zoho_oauth.rb"));
}

TEST_CASE("refresh: the Java helper is a class of the fixed file's package", "[fix][oauth][refresh]") {
  TempDir d;
  d.Write("Leads.java",
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
          "}\n");
  auto r = RunCli({"fix", "--no-color", "--token-source", "refresh", d.path()});
  CHECK(r.code == 1);
  CHECK(ReadAll(d.path() + "/Leads.java") ==
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
        "}\n");
  const std::string helper = ReadAll(d.path() + "/ZohoOAuth.java");
  CHECK(helper.rfind("package com.acme.crm;\n\nimport java.io.ByteArrayOutputStream;\n", 0) == 0);
  CHECK(Has(helper, "static synchronized String accessToken(String accountsUrl)"));
}

TEST_CASE("refresh: the PHP load line goes after namespace and the shell helper needs bash",
          "[fix][oauth][refresh]") {
  TempDir d;
  d.Write("Books.php",
          "<?php\n"
          "declare(strict_types=1);\n"
          "\n"
          "namespace Acme\\Books;\n"
          "\n"
          "function items(string $t): string\n"
          "{\n"
          "    return file_get_contents('https://www.zohoapis.com/books/v3/items?authtoken=' . $t);\n"
          "}\n");
  const std::string sh =
      "#!/bin/sh\n"
      "curl \"https://www.zohoapis.com/books/v3/items?authtoken=$T\"\n";
  d.Write("items.sh", sh);
  auto r = RunCli({"fix", "--no-color", "--token-source", "refresh", d.path()});
  CHECK(r.code == 1);
  const std::string php = ReadAll(d.path() + "/Books.php");
  CHECK(php.rfind("<?php\n"
                  "declare(strict_types=1);\n"
                  "\n"
                  "namespace Acme\\Books;\n"
                  "require_once __DIR__ . '/ZohoOAuth.php';\n",
                  0) == 0);
  CHECK(Has(php, "zoho_oauth_access_token('https://accounts.zoho.com')"));
  CHECK(ReadAll(d.path() + "/items.sh") == sh);
  CHECK(Has(r.out, "the script runs under sh, and the refresh helper zoho_oauth.sh needs bash"));
  CHECK(!std::filesystem::exists(d.path() + "/zoho_oauth.sh"));
}

TEST_CASE("refresh: a language without a helper is withheld in refresh mode",
          "[fix][oauth][refresh]") {
  TempDir d;
  const std::string go =
      "package main\n"
      "\n"
      "import \"net/http\"\n"
      "\n"
      "func items(token string) {\n"
      "\thttp.Get(\"https://books.zoho.com/api/v3/items?authtoken=\" + token)\n"
      "}\n";
  d.Write("items.go", go);
  auto r = RunCli({"fix", "--no-color", "--token-source", "refresh", d.path()});
  CHECK(r.code == 1);
  CHECK(ReadAll(d.path() + "/items.go") == go);
  CHECK(Has(r.out, "token-source refresh has no helper for go yet"));
  auto bad = RunCli({"fix", "--no-color", "--token-source", "sometimes", d.path()});
  CHECK(bad.code == 2);
  CHECK(Has(bad.err, "--token-source must be env or refresh, got 'sometimes'"));
}
