// Authtoken generation and revocation rewritten (rewriters/oauth/common/lifecycle.h) through the CLI:
// what the outcomes say (the scope, the removed credentials, never the password), refresh mode's
// helper added once with the header fix of the same file, the reasons of withheld shapes, and the
// statement model and scope table underneath. The fixtures hold the exact fixed files; the fixed
// programs run against a fake Zoho in tests/oauth_e2e/refresh_e2e.py.
#include <catch2/catch.hpp>

#include "rewriters/oauth/common/lifecycle.h"
#include "rewriters/oauth/common/lifecycle_lines.h"
#include "tests/test_util.h"

using authshift::testing::ExpectFix;
using authshift::testing::Has;
using authshift::testing::kRetiredCreate;
using authshift::testing::kRetiredDelete;
using authshift::testing::ReadAll;
using authshift::testing::RunCli;
using authshift::testing::TempDir;

namespace {

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
          "    r = requests.post(\"https://accounts.zoho.eu" + kRetiredCreate + "\", data={\"SCOPE\": \"ZohoCRM/crmapi\", "
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
      "curl -s \"https://accounts.zoho.com" + kRetiredCreate + "?SCOPE=ZohoCRM/crmapi&EMAIL_ID=a@example.com&PASSWORD=" +
      kPassword + "\"\n";
  const std::string formatted =
      "import requests\n"
      "\n"
      "URL = \"https://accounts.zoho.com" + kRetiredDelete + "{t}\"\n"
      "\n"
      "\n"
      "def out(t):\n"
      "    requests.get(URL.format(t=t))\n";
  auto r = ExpectFix(d, {.files = {{"print_token.sh", printed, {}}, {"logout.py", formatted, {}}},
                         .report = {"the response of the generation is not parsed for AUTHTOKEN",
                                    "the Authtoken is a format placeholder filled elsewhere",
                                    "0 fixed in 0 files, 2 withheld"}});
  CHECK_FALSE(Has(r.out + r.err, kPassword));
}

TEST_CASE("lifecycle: typed statements — Allman braces, comments, Go's several names", "[fix][oauth][lifecycle]") {
  using authshift::rewriters::oauth::Lines;
  const std::string src =
      "    string Get()\n"            // 0
      "    {\n"                       // 1
      "        // the answer\n"       // 2
      "        Match m = R(body);\n"  // 3
      "        if (!m.Success)\n"     // 4
      "        {\n"                   // 5
      "            throw new E();\n"  // 6
      "        }\n"                   // 7
      "        return m.Value;\n"     // 8
      "    }\n";                      // 9
  const Lines lines(src);
  CHECK(lines.StatementEnd(4) == 7);  // the lone `{` and the block belong to the if
  CHECK(lines.Next(4) == std::optional<size_t>(8));
  CHECK(lines.Previous(8) == std::optional<size_t>(4));
  CHECK_FALSE(lines.Previous(3).has_value());  // a comment line is not a statement
  CHECK(lines.Comment(2));
  CHECK(lines.Opener(3) == std::optional<size_t>(0));
}

TEST_CASE("lifecycle: Go generation keeps the error result and drops the imports only it used", "[fix][oauth][lifecycle]") {
  TempDir d;
  ExpectFix(d, {.files = {{"login.go",
          "package crm\n"
          "\n"
          "import (\n"
          "\t\"io\"\n"
          "\t\"net/http\"\n"
          "\t\"regexp\"\n"
          ")\n"
          "\n"
          "func token(email, password string) (string, error) {\n"
          "\tresp, err := http.Get(\"https://accounts.zoho.com" + kRetiredCreate + "?SCOPE=ZohoCRM/crmapi&EMAIL_ID=\" + email + \"&PASSWORD=\" + password)\n"
          "\tif err != nil {\n"
          "\t\treturn \"\", err\n"
          "\t}\n"
          "\tbody, _ := io.ReadAll(resp.Body)\n"
          "\tm := regexp.MustCompile(`AUTHTOKEN=(\\w+)`).FindSubmatch(body)\n"
          "\treturn string(m[1]), nil\n"
          "}\n"
          "\n"
          "var client = http.DefaultClient\n",
        "package crm\n"
        "\n"
        "import (\n"
        "\t\"net/http\"\n"
        "\t\"os\"\n"
        ")\n"
        "\n"
        "func token(email, password string) (string, error) {\n"
        "\treturn os.Getenv(\"ZOHO_OAUTH_TOKEN\"), nil\n"
        "}\n"
        "\n"
        "var client = http.DefaultClient\n"}},
                .report = {"the parameters email, password are no longer used"},
                .code = 1});
}

TEST_CASE("lifecycle: where an unparsed answer goes, and shapes that stay by hand", "[fix][oauth][lifecycle]") {
  TempDir d;
  d.Write("auth.go",
          "package zoho\n"
          "\n"
          "func (c *Client) Login(email, password string) error {\n"
          "\tu := \"https://accounts.zoho.com" + kRetiredCreate + "?EMAIL_ID=\" + email + \"&PASSWORD=\" + password\n"
          "\tresp, err := c.get(u)\n"
          "\tif err != nil {\n"
          "\t\treturn err\n"
          "\t}\n"
          "\tc.token, err = readToken(resp)\n"
          "\treturn err\n"
          "}\n");
  d.Write("Api.php",
          "<?php\n"
          "class Api\n"
          "{\n"
          "    const TOKEN_URL = 'https://accounts.zoho.com" + kRetiredCreate + "';\n"
          "\n"
          "    public function token($user, $pass)\n"
          "    {\n"
          "        $path = self::TOKEN_URL;\n"
          "        $response = $this->call($path, ['EMAIL_ID' => $user, 'PASSWORD' => $pass]);\n"
          "        return $response;\n"
          "    }\n"
          "}\n");
  d.Write("urls.py",
          "URLS = {\n"
          "    \"login\": \"https://accounts.zoho.com" + kRetiredCreate + "\",\n"
          "    \"files\": \"https://workdrive.zoho.com/api/v1/files\",\n"
          "}\n");
  d.Write("loop.py",
          "import requests\n"
          "\n"
          "\n"
          "def token(email, password):\n"
          "    r = requests.get(\"https://accounts.zoho.com" + kRetiredCreate + "\", params={\"EMAIL_ID\": email, \"PASSWORD\": password})\n"
          "    for line in r.text.splitlines():\n"
          "        if line.startswith(\"AUTHTOKEN=\"):\n"
          "            return line[10:]\n");
  d.Write("token.c",
          "#include <stdio.h>\n"
          "static const char *url = \"https://accounts.zoho.com" + kRetiredCreate + "\";\n");
  ExpectFix(d, {.report = {
                    "the answer of the generation (resp) is passed to readToken() (line 9), which takes the token out",
                    "the answer of the generation ($response) is returned to the caller (line 10)",
                    "the generation URL is the \"login\" entry of a table of URLs (URLS), requested elsewhere",
                    "the token is taken out of the response inside a loop or condition (line 6)",
                    "the generation is not inside a function whose body the fix can replace",
                    "0 fixed in 0 files, 5 withheld"}});
}

TEST_CASE("lifecycle: revocation keeps the data centre and becomes a POST", "[fix][oauth][lifecycle]") {
  TempDir d;
  ExpectFix(d, {.files = {{"revoke.js",
                           "export async function revoke(t) {\n"
                           "  await fetch(\"https://accounts.zoho.eu" + kRetiredDelete + "\" + t);\n"
                           "}\n",
                           "export async function revoke(t) {\n"
                           "  await fetch(\"https://accounts.zoho.eu/oauth/v2/token/revoke?token=\" + "
                           "process.env.ZOHO_REFRESH_TOKEN, { method: \"POST\" });\n"
                           "}\n"}},
                .report = {"now revokes the OAuth refresh token in ZOHO_REFRESH_TOKEN"},
                .code = 1});
}
