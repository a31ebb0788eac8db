// C and C++ Authtoken revocation (rewriters/oauth/common/lifecycle_revocation_cfamily.h): the outcome of every
// finding of the two fixtures (their .fixed files hold the text), and the printf argument the
// refresh token goes into when other conversions come before it.
#include <catch2/catch.hpp>

#include <string>

#include "tests/test_util.h"

using authshift::testing::Has;
using authshift::testing::ReadAll;
using authshift::testing::RunCli;
using authshift::testing::SourceDir;
using authshift::testing::TempDir;

namespace {

const std::string kFixed =
    "fixed: [zoho-authtoken-revocation] now revokes the OAuth refresh token in ZOHO_REFRESH_TOKEN (POST "
    "/oauth/v2/token/revoke); the Authtoken this code kept is no longer needed: remove it from the code and "
    "configuration";
// The token argument was the function's parameter and nothing else reads it: marked (void).
const std::string kUnread = "; token is no longer read (kept in the signature, marked (void))";
const std::string kWithheld = "withheld: [zoho-authtoken-revocation] ";
const std::string kLookup = "getenv(\"ZOHO_REFRESH_TOKEN\") ? getenv(\"ZOHO_REFRESH_TOKEN\") : \"\"";

}  // namespace

TEST_CASE("C revocation: every finding of the fixtures fixed or withheld with its reason", "[fix][oauth][cfamily]") {
  const std::string dir = SourceDir() + "/fixtures/rules/zoho-authtoken-revocation/";
  TempDir d;
  for (const char* f : {"desk_signout.c", "crm_disconnect.cpp", "curl/curl.h", "cpr/cpr.h"}) d.Write(f, ReadAll(dir + f));
  auto r = RunCli({"fix", "--no-color", d.path()});
  INFO(r.out);
  CHECK(ReadAll(d.path() + "/desk_signout.c") == ReadAll(dir + "desk_signout.fixed.c"));
  CHECK(ReadAll(d.path() + "/crm_disconnect.cpp") == ReadAll(dir + "crm_disconnect.fixed.cpp"));
  CHECK(Has(r.out, "desk_signout.c:15:33: " + kFixed + kUnread));
  CHECK(Has(r.out, "desk_signout.c:28:31: " + kFixed + kUnread));
  CHECK(Has(r.out, "desk_signout.c:41:26: " + kWithheld +
                       "sprintf writes into a buffer of unchecked size and the refresh token is longer than an "
                       "Authtoken; use snprintf, or fix the revocation by hand"));
  CHECK(Has(r.out, "desk_signout.c:53:38: " + kWithheld +
                       "the URL buffer 'url' holds 96 bytes, too few for the revocation URL with a refresh token "
                       "(about 70 characters); enlarge it and fix the revocation by hand"));
  CHECK(Has(r.out, "desk_signout.c:64:32: " + kWithheld +
                       "the curl handle 'curl' is not made by curl_easy_init() in this function: it may be reused, "
                       "and a POST set on it would change its later requests; make the revocation a POST by hand"));
  CHECK(Has(r.out, "desk_signout.c:74:32: " + kWithheld +
                       "the curl handle 'curl' sets its request method (CURLOPT_HTTPGET); make the revocation a "
                       "POST by hand"));
  CHECK(Has(r.out, "crm_disconnect.cpp:17:39: " + kFixed + kUnread));
  CHECK(Has(r.out, "crm_disconnect.cpp:27:48: " + kFixed + kUnread));
  CHECK(Has(r.out, "crm_disconnect.cpp:36:52: " + kFixed + kUnread));
  CHECK(Has(r.out, "crm_disconnect.cpp:46:48: " + kWithheld +
                       "the revocation URL has more parameters after AUTHTOKEN; fix it by hand"));
  CHECK(Has(r.out, "5 fixed in 2 files, 5 withheld"));
}

TEST_CASE("C revocation: the token's argument counted past %%, * widths and other conversions, positional "
          "templates withheld",
          "[fix][oauth][cfamily]") {
  TempDir d;
  d.Write("curl/curl.h", ReadAll(SourceDir() + "/fixtures/stubs/curl/curl.h"));
  const std::string head =
      "#include <curl/curl.h>\n"
      "#include <stdio.h>\n"
      "#include <stdlib.h>\n"
      "\n"
      "int revoke(const char *host, int width, const char *token) {\n"
      "  char url[1024];\n"
      "  CURL *curl = curl_easy_init();\n";
  const std::string tail =
      "  curl_easy_setopt(curl, CURLOPT_URL, url);\n"
      "  int rc = curl_easy_perform(curl);\n"
      "  curl_easy_cleanup(curl);\n"
      "  return rc;\n"
      "}\n";
  const std::string counted = d.Write(
      "counted.c", head + "  snprintf(url, 1024, \"%.*s/100%%/apiauthtoken/delete?AUTHTOKEN=%s\", width, host, token);\n" + tail);
  const std::string positional = d.Write(
      "positional.c", head + "  snprintf(url, sizeof url, \"%1$s/apiauthtoken/delete?AUTHTOKEN=%2$s\", host, token);\n" + tail);
  auto r = RunCli({"fix", "--no-color", d.path()});
  INFO(r.out);
  CHECK(Has(r.out, "positional.c:8:34: " + kWithheld +
                       "the URL template uses positional printf arguments; fix the revocation by hand"));
  CHECK(Has(r.out, "1 fixed in 1 file, 1 withheld"));
  CHECK(ReadAll(counted) ==
        head.substr(0, head.find("  char url")) + "  (void)token;\n" + head.substr(head.find("  char url")) +
            "  snprintf(url, 1024, \"%.*s/100%%/oauth/v2/token/revoke?token=%s\", width, host, " + kLookup + ");\n" +
            "  curl_easy_setopt(curl, CURLOPT_URL, url);\n"
            "  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, 0L);\n"
            "  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, \"\");\n"
            "  int rc = curl_easy_perform(curl);\n"
            "  curl_easy_cleanup(curl);\n"
            "  return rc;\n"
            "}\n");
  auto again = RunCli({"fix", "--no-color", d.path()});
  CHECK(Has(again.out, "0 fixed"));
}

TEST_CASE("C revocation: a token parameter nothing else reads is marked (void) with the body's indentation and "
          "line ending, not one still read or a local",
          "[fix][oauth][cfamily]") {
  TempDir d;
  d.Write("curl/curl.h", ReadAll(SourceDir() + "/fixtures/stubs/curl/curl.h"));
  auto revoke = [](const std::string& name, const std::string& params, const std::string& before,
                   const std::string& arg, const std::string& eol, const std::string& indent) {
    return "int " + name + "(" + params + ") {" + eol + before + indent + "char url[512];" + eol + indent +
           "CURL *curl = curl_easy_init();" + eol + indent +
           "snprintf(url, sizeof url, \"https://accounts.zoho.com/apiauthtoken/delete?AUTHTOKEN=%s\", " + arg + ");" +
           eol + indent + "curl_easy_setopt(curl, CURLOPT_URL, url);" + eol + indent +
           "return curl_easy_perform(curl);" + eol + "}" + eol;
  };
  const std::string head = "#include <curl/curl.h>\n#include <stdio.h>\n#include <stdlib.h>\n\n";
  const std::string unread = d.Write("unread.c", head + revoke("a", "const char *token", "", "token", "\r\n", "\t"));
  const std::string read = d.Write(
      "read.c", head + revoke("b", "const char *token", "  if (token == NULL) return 1;\n", "token", "\n", "  "));
  const std::string local = d.Write(
      "local.c", head + revoke("c", "void", "  const char *token = getenv(\"T\");\n", "token", "\n", "  "));
  const std::string other = d.Write("other.c", head + revoke("e", "const char *tok", "", "tok", "\n", "  "));
  auto r = RunCli({"fix", "--no-color", d.path()});
  INFO(r.out);
  CHECK(Has(r.out, "unread.c:8:37: " + kFixed + kUnread));
  CHECK(Has(r.out, "read.c:9:38: " + kFixed + "\n"));
  CHECK(Has(r.out, "local.c:9:38: " + kFixed + "\n"));
  CHECK(Has(r.out, "other.c:8:38: " + kFixed + "; tok is no longer read (kept in the signature, marked (void))"));
  const std::string unread_text = ReadAll(unread);
  CHECK(unread_text.find("int a(const char *token) {\r\n\t(void)token;\r\n\tchar url[512];\r\n") != std::string::npos);
  CHECK(ReadAll(read).find("(void)token") == std::string::npos);
  CHECK(ReadAll(local).find("(void)token") == std::string::npos);
  CHECK(ReadAll(other).find("int e(const char *tok) {\n  (void)tok;\n  char url[512];\n") != std::string::npos);
  auto again = RunCli({"fix", "--no-color", d.path()});
  CHECK(Has(again.out, "0 fixed"));
  CHECK(ReadAll(unread) == unread_text);
}
