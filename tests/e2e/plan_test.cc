// `scan --format plan` and `plan-json`: the migration plan of a small repository, exactly.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/test_util.h"

namespace {

using authshift::testing::RunCli;
using authshift::testing::TempDir;

void WriteRepository(TempDir& d) {
  d.Write("books_eu.py",
          "import requests\n"
          "\n"
          "TOKEN = \"0123456789abcdef0123456789abcdef\"\n"
          "\n"
          "\n"
          "def invoices(org):\n"
          "    return requests.get(\"https://www.zohoapis.eu/books/v3/invoices?organization_id=\" + org + "
          "\"&authtoken=\" + TOKEN)\n");
  d.Write("leads.dg",
          "resp = getUrl(\"https://www.zohoapis.com/crm/v2/Leads?authtoken=\" + zohoToken);\n"
          "info resp;\n");
  d.Write("token.php",
          "<?php\n"
          "$r = file_get_contents(\"https://accounts.zoho.com/apiauthtoken/nb/create?SCOPE=ZohoCRM/crmapi&EMAIL_ID=\" . "
          "$email . \"&PASSWORD=\" . $password);\n");
  d.Write("sync.js",
          "// The request is made by a shared helper in another file.\n"
          "const params = { authtoken: process.env.ZOHO_TOKEN, scope: 'ZohoBooks.fullaccess.all' };\n"
          "module.exports = { params, base: 'https://www.zohoapis.com/books/v3' };\n");
}

}  // namespace

TEST_CASE("scan --format plan writes the migration plan in Markdown", "[cli][plan]") {
  TempDir d;
  WriteRepository(d);
  auto r = RunCli({"scan", "--format", "plan", "--no-git", "--no-config", d.path()});
  CHECK(r.code == 1);  // findings at or above --fail-on, as for every format
  CHECK(r.err.empty());
  CHECK(r.out ==
        "# Zoho OAuth migration plan\n"
        "\n"
        "5 Authtoken findings in 4 files; 2 OAuth clients to register (one per data centre and product).\n"
        "\n"
        "## Zoho CRM — https://accounts.zoho.com\n"
        "\n"
        "- Register an OAuth client at https://api-console.zoho.com (a Self Client for jobs without a user, a "
        "server-based client for web apps).\n"
        "- Scopes the calls below need: `ZohoCRM.modules.ALL`.\n"
        "- Deluge: create the connection `zohocrm` (Zoho CRM) in Setup > Developer Space > Connections with those "
        "scopes; the fixed scripts name it.\n"
        "- Calls (1):\n"
        "  - `leads.dg:1` GET www.zohoapis.com/crm/v2/Leads → `ZohoCRM.modules.ALL`\n"
        "\n"
        "## Zoho Books — https://accounts.zoho.eu\n"
        "\n"
        "- Register an OAuth client at https://api-console.zoho.eu (a Self Client for jobs without a user, a "
        "server-based client for web apps).\n"
        "- Scopes the calls below need: `ZohoBooks.invoices.READ`.\n"
        "- Calls (1):\n"
        "  - `books_eu.py:7` GET www.zohoapis.eu/books/v3/invoices → `ZohoBooks.invoices.READ`\n"
        "\n"
        "## Files whose Zoho calls were not seen\n"
        "\n"
        "The token goes to a request in another file, or to a client library: find the calls and add them to the "
        "clients above.\n"
        "\n"
        "- `sync.js`\n"
        "\n"
        "## Environment\n"
        "\n"
        "The fixed code (`authshift fix`) reads: `ZOHO_OAUTH_TOKEN` — an access token, which expires after one "
        "hour: `--token-source refresh` adds a helper that refreshes it.\n"
        "\n"
        "## Secrets to revoke\n"
        "\n"
        "Hard-coded Authtokens: revoke each in the Zoho account that generated it, then remove it from the code "
        "and its history.\n"
        "\n"
        "- `books_eu.py:3` [authtoken-literal]\n"
        "- `books_eu.py:7` [authtoken-url-param]\n"
        "\n"
        "## Passwords in code\n"
        "\n"
        "Authtoken generation sends a user's e-mail and password: remove them, change that password.\n"
        "\n"
        "- `token.php:2` [zoho-authtoken-generation]\n");
  // Never the secret itself.
  CHECK(r.out.find("0123456789abcdef") == std::string::npos);
  // In refresh mode the environment names the refresh token and the client.
  auto refresh = RunCli({"scan", "--format", "plan", "--token-source", "refresh", "--no-git", "--no-config", d.path()});
  CHECK(refresh.out.find("The fixed code (`authshift fix --token-source refresh`) reads: `ZOHO_REFRESH_TOKEN` "
                         "`ZOHO_CLIENT_ID` `ZOHO_CLIENT_SECRET` (and `ZOHO_ACCOUNTS_URL` for a private accounts "
                         "server).\n") != std::string::npos);
}

TEST_CASE("scan --format plan-json carries the same plan", "[cli][plan]") {
  TempDir d;
  WriteRepository(d);
  auto r = RunCli({"scan", "--format", "plan-json", "--no-git", "--no-config", d.path()});
  CHECK(r.code == 1);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j["findings"] == 5);
  CHECK(j["files"] == 4);
  REQUIRE(j["clients"].size() == 2);
  CHECK(j["clients"][1]["product"] == "Zoho Books");
  CHECK(j["clients"][1]["accounts_server"] == "https://accounts.zoho.eu");
  CHECK(j["clients"][1]["api_console"] == "https://api-console.zoho.eu");
  CHECK(j["clients"][1]["scopes"] == nlohmann::json::array({"ZohoBooks.invoices.READ"}));
  CHECK(j["clients"][1]["deluge_connection"] == "");
  CHECK(j["clients"][0]["deluge_connection"] == "zohocrm");
  CHECK(j["clients"][0]["calls"][0] == nlohmann::json({{"path", "leads.dg"}, {"line", 1}, {"method", "GET"},
                                                        {"url", "www.zohoapis.com/crm/v2/Leads"},
                                                        {"scope", "ZohoCRM.modules.ALL"}}));
  CHECK(j["files_without_calls"] == nlohmann::json::array({"sync.js"}));
  CHECK(j["environment"] == nlohmann::json::array({"ZOHO_OAUTH_TOKEN"}));
  CHECK(j["secrets_to_revoke"].size() == 2);
  CHECK(j["passwords"][0]["path"] == "token.php");
  CHECK(r.out.find("0123456789abcdef") == std::string::npos);
}
