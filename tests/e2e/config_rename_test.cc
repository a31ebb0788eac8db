// `authshift fix` and config keys (form F13): report-only by default; renamed to an OAuth name
// with the value removed when `.authshift.yml` sets fix.rename-config-keys (rewriters/config/).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

#include "rewriters/config/config_rename.h"
#include "tests/test_util.h"

using authshift::testing::ReadAll;
using authshift::testing::RunCli;
using authshift::testing::TempDir;

namespace {

const char* kEnv =
    "ZOHO_ORG_ID=20071234567\n"
    "ZOHO_AUTHTOKEN=0123456789abcdef0123456789abcdef\n"
    "export ZOHO_CRM_AUTHTOKEN=\"deadbeefdeadbeefdeadbeefdeadbeef\"\r\n"
    "TWILIO_AUTH_TOKEN=ffffffffffffffffffffffffffffffff\n";

const char* kCompose =
    "services:\n"
    "  sync:\n"
    "    environment:\n"
    "      - ZOHO_AUTHTOKEN=c0ffee00c0ffee00c0ffee00c0ffee00\n"
    "  worker:\n"
    "    environment:\n"
    "      ZOHO_BOOKS_AUTHTOKEN: feedfacefeedfacefeedfacefeedface\n"
    "zoho:\n"
    "  books:\n"
    "    authtoken: \"5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e\"\n";

const char* kJson =
    "{\n"
    "  \"Zoho\": {\n"
    "    \"ZohoAuthToken\": \"abad1deaabad1deaabad1deaabad1dea\",\n"
    "    \"OrgId\": \"20071234567\"\n"
    "  }\n"
    "}\n";

const char* kToml =
    "[zoho.books]\n"
    "organization_id = \"20071234567\"\n"
    "authtoken = \"feedfacefeedfacefeedfacefeedface\"\n";

const std::string kComment =
    " Zoho OAuth refresh token (1000.<hex>.<hex>): create one with a Self Client at "
    "https://api-console.zoho.com and mint access tokens from it; it replaces the retired Authtoken ";

void WriteAll(const TempDir& d) {
  d.Write(".env", kEnv);
  d.Write("docker-compose.yml", kCompose);
  d.Write("appsettings.json", kJson);
  d.Write("config.toml", kToml);
}

}  // namespace

TEST_CASE("config keys stay report-only by default: fix changes nothing", "[config-rename][fix]") {
  TempDir d;
  WriteAll(d);
  auto r = RunCli({"fix", "--no-color", d.path()});
  CHECK(r.code == 1);
  CHECK(ReadAll(d.path() + "/.env") == kEnv);
  CHECK(ReadAll(d.path() + "/docker-compose.yml") == kCompose);
  CHECK(ReadAll(d.path() + "/appsettings.json") == kJson);
  CHECK(ReadAll(d.path() + "/config.toml") == kToml);
  CHECK(r.out.find("renamed") == std::string::npos);
  CHECK(r.err.find("renamed") == std::string::npos);
}

TEST_CASE("fix.rename-config-keys renames the keys, drops the values, explains what goes there", "[config-rename][fix]") {
  TempDir d;
  WriteAll(d);
  d.Write(".authshift.yml", "fix:\n  rename-config-keys: true\n");
  auto r = RunCli({"fix", "--no-color", d.path()});
  INFO(r.out << r.err);
  CHECK(ReadAll(d.path() + "/.env") ==
        "ZOHO_ORG_ID=20071234567\n"
        "#" + kComment + "ZOHO_AUTHTOKEN (revoke that token).\n"
        "ZOHO_OAUTH_REFRESH_TOKEN=\n"
        "#" + kComment + "ZOHO_CRM_AUTHTOKEN (revoke that token).\r\n"
        "export ZOHO_CRM_OAUTH_REFRESH_TOKEN=\"\"\r\n"
        "TWILIO_AUTH_TOKEN=ffffffffffffffffffffffffffffffff\n");
  CHECK(ReadAll(d.path() + "/docker-compose.yml") ==
        "services:\n"
        "  sync:\n"
        "    environment:\n"
        "      #" + kComment + "ZOHO_AUTHTOKEN (revoke that token).\n"
        "      - ZOHO_OAUTH_REFRESH_TOKEN=\n"
        "  worker:\n"
        "    environment:\n"
        "      #" + kComment + "ZOHO_BOOKS_AUTHTOKEN (revoke that token).\n"
        "      ZOHO_BOOKS_OAUTH_REFRESH_TOKEN: \"\"\n"
        "zoho:\n"
        "  books:\n"
        "    #" + kComment + "authtoken (revoke that token).\n"
        "    oauth_refresh_token: \"\"\n");
  // JSON has no comments: the key is renamed, the value emptied; the summary says what goes there.
  CHECK(ReadAll(d.path() + "/appsettings.json") ==
        "{\n"
        "  \"Zoho\": {\n"
        "    \"ZohoOAuthRefreshToken\": \"\",\n"
        "    \"OrgId\": \"20071234567\"\n"
        "  }\n"
        "}\n");
  CHECK(ReadAll(d.path() + "/config.toml") ==
        "[zoho.books]\n"
        "organization_id = \"20071234567\"\n"
        "#" + kComment + "authtoken (revoke that token).\n"
        "oauth_refresh_token = \"\"\n");
  const std::string all = r.out + r.err;
  CHECK(all.find("renamed ZohoAuthToken to ZohoOAuthRefreshToken with its value removed") != std::string::npos);
  // Never the secret, anywhere in the output (fix in place prints no patch).
  CHECK(all.find("0123456789abcdef0123456789abcdef") == std::string::npos);
  CHECK(all.find("abad1deaabad1deaabad1deaabad1dea") == std::string::npos);
  // Fixing again changes nothing, and nothing is left to report but Twilio's look-alike (silent).
  auto again = RunCli({"fix", "--no-color", d.path()});
  CHECK(again.code == 0);
  CHECK(ReadAll(d.path() + "/config.toml") ==
        "[zoho.books]\n"
        "organization_id = \"20071234567\"\n"
        "#" + kComment + "authtoken (revoke that token).\n"
        "oauth_refresh_token = \"\"\n");
}

TEST_CASE("config renames: only one-line entries in config files; others are withheld or report-only", "[config-rename][fix]") {
  TempDir d;
  d.Write(".authshift.yml", "fix: {rename-config-keys: true}\n");
  const std::string inline_json = "{\"zoho_authtoken\": \"0123456789abcdef0123456789abcdef\", \"x\": 1}\n";
  d.Write("inline.json", inline_json);
  const std::string php = "<?php\nreturn ['zoho_authtoken' => '0123456789abcdef0123456789abcdef'];\n";
  d.Write("config.php", php);
  auto r = RunCli({"fix", "--no-color", d.path()});
  CHECK(ReadAll(d.path() + "/inline.json") == inline_json);
  CHECK(ReadAll(d.path() + "/config.php") == php);
  CHECK((r.out + r.err).find("inline.json:1:3: withheld: [zoho-authtoken-config] the line does not start with the "
                             "Authtoken key") != std::string::npos);
  CHECK((r.out + r.err).find("0 fixed in 0 files, 1 withheld, 1 report-only") != std::string::npos);
}

TEST_CASE("config: fix.rename-config-keys is validated", "[config-rename][config]") {
  TempDir d;
  d.Write("a.py", "x = 1\n");
  const std::string cfg = d.path() + "/.authshift.yml";
  d.Write(".authshift.yml", "fix:\n  rename-config-keys: yes\n");
  auto r = RunCli({"fix", d.path()});
  CHECK(r.code == 2);
  CHECK(r.err.find(cfg + ":2:23: field 'fix.rename-config-keys': expected true or false, got 'yes'") != std::string::npos);
  d.Write(".authshift.yml", "fix:\n  rename-config-key: true\n");
  r = RunCli({"scan", d.path()});
  CHECK(r.code == 2);
  CHECK(r.err.find("field 'fix.rename-config-key': unknown key 'rename-config-key' in 'fix'; did you mean "
                   "'rename-config-keys'?") != std::string::npos);
  d.Write(".authshift.yml", "fix: true\n");
  r = RunCli({"scan", d.path()});
  CHECK(r.code == 2);
  CHECK(r.err.find(cfg + ":1:6: field 'fix': expected a mapping (rename-config-keys, rename-options), got a scalar") != std::string::npos);
}

TEST_CASE("config renames: the OAuth name keeps the key's style", "[config-rename]") {
  using authshift::rewriters::config_rename::NewKeyName;
  CHECK(NewKeyName("ZOHO_AUTHTOKEN") == "ZOHO_OAUTH_REFRESH_TOKEN");
  CHECK(NewKeyName("ZOHO_CRM_AUTH_TOKEN_V1") == "ZOHO_CRM_OAUTH_REFRESH_TOKEN_V1");
  CHECK(NewKeyName("zoho_authtoken") == "zoho_oauth_refresh_token");
  CHECK(NewKeyName("zoho-auth-token") == "zoho-oauth-refresh-token");
  CHECK(NewKeyName("zoho.crm.authtoken") == "zoho.crm.oauth_refresh_token");
  CHECK(NewKeyName("zohoAuthtoken") == "zohoOAuthRefreshToken");
  CHECK(NewKeyName("authToken") == "oauthRefreshToken");
  CHECK(NewKeyName("ZohoAuthToken") == "ZohoOAuthRefreshToken");
  CHECK(NewKeyName("ZOHO_ORG_ID").empty());
}

TEST_CASE("fix.rename-options renames a Zoho client's authtoken option slot to access_token, only when asked",
          "[config-rename][fix]") {
  TempDir d;
  const std::string books =
      "from zohobooks import ZohoBooks\n"
      "\n"
      "\n"
      "def client(token, org):\n"
      "    return ZohoBooks(auth" "token=token, organization_id=org)\n"
      "\n"
      "\n"
      "def fixed_client(org):\n"
      "    return ZohoBooks(auth" "token=\"0123456789abcdef0123456789abcdef\", organization_id=org)\n";
  d.Write("books.py", books);
  // Default: report-only, nothing changes.
  auto plain = RunCli({"fix", "--no-color", d.path()});
  INFO(plain.out << plain.err);
  CHECK(ReadAll(d.path() + "/books.py") == books);
  CHECK(plain.out.find("0 fixed in 0 files, 0 withheld, 2 report-only") != std::string::npos);
  // Asked: the slot is renamed; a hard-coded value is withheld (the secret must go by hand).
  d.Write(".authshift.yml", "fix:\n  rename-options: true\n");
  auto r = RunCli({"fix", "--no-color", d.path()});
  INFO(r.out << r.err);
  std::string want = books;
  want.replace(want.find("auth" "token=token"), 15, "access_token=token");
  CHECK(ReadAll(d.path() + "/books.py") == want);
  CHECK(r.out.find("books.py:5:22: fixed: [authtoken-zoho-key] the client option 'auth" "token' was renamed to "
                   "'access_token' (fix.rename-options)") != std::string::npos);
  CHECK(r.out.find("'token' must now hold one") != std::string::npos);
  // The hard-coded value is never printed.
  CHECK(r.out.find("0123456789abcdef0123456789abcdef") == std::string::npos);
  CHECK(r.err.find("0123456789abcdef0123456789abcdef") == std::string::npos);
  CHECK(r.out.find("books.py:9:22: withheld: [authtoken-zoho-key] the option holds a hard-coded token") !=
        std::string::npos);
  // Fixing again changes nothing.
  auto again = RunCli({"fix", "--no-color", d.path()});
  CHECK(ReadAll(d.path() + "/books.py") == want);
}
