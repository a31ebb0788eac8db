// Authtoken generation rewritten in C and C++ (rewriters/oauth/common/lifecycle_cfamily.h) through
// the CLI: the malloc'd-string contract in refresh mode (helper added once, the generation's data
// centre, the password #define and the curl callback deleted, never printed), and the reasons of the
// shapes it withholds. The fixtures token_fetch.c and desk_session.cpp hold the caller-buffer and
// std::string contracts; tests/oauth_e2e runs a fixed C and C++ program against a fake Zoho.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "tests/test_util.h"

using authshift::testing::Has;
using authshift::testing::kRetiredCreate;
using authshift::testing::ReadAll;
using authshift::testing::RunCli;
using authshift::testing::TempDir;

namespace {

const std::string kPassword = "hunter2-not-real";

// A libcurl generation in a function `head` whose body ends with `tail` (the token at `at + 10`).
std::string Generation(const std::string& head, const std::string& tail, const std::string& extra = "") {
  return "#include <curl/curl.h>\n"
         "#include <stdio.h>\n"
         "#include <string.h>\n"
         "\n" + extra +
         "static char reply[4096];\n"
         "\n" +
         head + " {\n"
         "  CURL *c = curl_easy_init();\n"
         "  curl_easy_setopt(c, CURLOPT_URL, \"https://accounts.zoho.com" + kRetiredCreate + "?EMAIL_ID=a@example.com\");\n"
         "  curl_easy_perform(c);\n"
         "  const char *at = strstr(reply, \"AUTHTOKEN=\");\n" +
         tail + "}\n";
}

}  // namespace

TEST_CASE("lifecycle c: a malloc'd token in refresh mode — strdup of the helper's token, dead helpers go",
          "[fix][oauth][lifecycle]") {
  TempDir d;
  const std::string src =
      "#include <curl/curl.h>\n"
      "#include <stdlib.h>\n"
      "#include <string.h>\n"
      "\n"
      "#define ZOHO_PASSWORD \"" + kPassword + "\"\n"
      "\n"
      "typedef struct {\n"
      "  char *data;\n"
      "  size_t len;\n"
      "} buf_t;\n"
      "\n"
      "/* Collects the answer: libcurl's write callback. */\n"
      "static size_t grow(char *p, size_t s, size_t n, void *u) {\n"
      "  buf_t *b = u;\n"
      "  char *d = realloc(b->data, b->len + s * n + 1);\n"
      "  if (d == NULL) return 0;\n"
      "  memcpy(d + b->len, p, s * n);\n"
      "  b->data = d;\n"
      "  b->len += s * n;\n"
      "  d[b->len] = '\\0';\n"
      "  return s * n;\n"
      "}\n"
      "\n"
      "char *new_token(void) {\n"
      "  buf_t b = {NULL, 0};\n"
      "  CURL *c = curl_easy_init();\n"
      "  curl_easy_setopt(c, CURLOPT_URL, \"https://accounts.zoho.eu" + kRetiredCreate +
      "?SCOPE=ZohoBooks/booksapi&EMAIL_ID=ops@example.com&PASSWORD=\" ZOHO_PASSWORD);\n"
      "  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, grow);\n"
      "  curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);\n"
      "  curl_easy_perform(c);\n"
      "  curl_easy_cleanup(c);\n"
      "  char *at = b.data ? strstr(b.data, \"AUTHTOKEN=\") : NULL;\n"
      "  if (at == NULL) {\n"
      "    free(b.data);\n"
      "    return NULL;\n"
      "  }\n"
      "  char *tok = strndup(at + 10, strcspn(at + 10, \"\\r\\n\"));\n"
      "  free(b.data);\n"
      "  return tok;\n"
      "}\n"
      "\n"
      "int main(void) {\n"
      "  char *t = new_token();\n"
      "  int ok = t != NULL;\n"
      "  free(t);\n"
      "  return ok ? 0 : 1;\n"
      "}\n";
  d.Write("books.c", src);
  auto r = RunCli({"fix", "--no-color", "--token-source", "refresh", d.path()});
  CHECK(ReadAll(d.path() + "/books.c") ==
        "#include <stdlib.h>\n"
        "#include <string.h>\n"
        "#include \"zoho_oauth.h\"\n"
        "\n"
        "char *new_token(void) {\n"
        "  const char *oauth_token = zoho_oauth_access_token(\"https://accounts.zoho.eu\");\n"
        "  return oauth_token == NULL ? NULL : strdup(oauth_token);\n"
        "}\n"
        "\n"
        "int main(void) {\n"
        "  char *t = new_token();\n"
        "  int ok = t != NULL;\n"
        "  free(t);\n"
        "  return ok ? 0 : 1;\n"
        "}\n");
  CHECK(Has(r.out, "returned as a strdup'd copy the caller frees (NULL when there is none)"));
  CHECK(Has(r.out, "deleted with it, as nothing else used them: ZOHO_PASSWORD, buf_t, grow(), #include <curl/curl.h>"));
  CHECK(Has(r.out, "the self client needs scope ZohoBooks.fullaccess.all"));
  CHECK(Has(r.out, "zoho_oauth.h: added"));
  CHECK(Has(r.out, "1 fixed in 1 file, 0 withheld"));
  CHECK_FALSE(Has(r.out + r.err, kPassword));
  // Fixing again changes nothing.
  const std::string fixed = ReadAll(d.path() + "/books.c");
  auto again = RunCli({"fix", "--no-color", "--token-source", "refresh", d.path()});
  CHECK(ReadAll(d.path() + "/books.c") == fixed);
  CHECK(Has(again.out, "0 fixed in 0 files, 0 withheld"));
}

TEST_CASE("lifecycle c: shapes whose contract is not proven are withheld with the reason", "[fix][oauth][lifecycle]") {
  TempDir d;
  const std::map<std::string, std::string> files = {
      {"global.c", Generation("int login(void)", "  if (at == NULL) return -1;\n"
                                                 "  snprintf(cached, sizeof cached, \"%s\", at + 10);\n"
                                                 "  return 0;\n",
                              "static char cached[128];\n")},
      {"twice.c", Generation("int get_token(char *out, size_t n)", "  if (at == NULL) {\n"
                                                                   "    strncpy(out, \"none\", n);\n"
                                                                   "    return -1;\n"
                                                                   "  }\n"
                                                                   "  snprintf(out, n, \"%s\", at + 10);\n"
                                                                   "  return 0;\n")},
      {"borrowed.c", Generation("const char *token_of(void)", "  return at + 10;\n")},
      {"nobuffer.c", Generation("int token_len(void)", "  return at == NULL ? -1 : (int)strlen(at);\n")},
      {"kept.c", Generation("char *token_copy(void)", "  static char keep[64];\n"
                                                       "  snprintf(keep, sizeof keep, \"%s\", at + 10);\n"
                                                       "  return keep;\n")},
      {"exits.c", Generation("char *token_dup(int first)", "  if (first) return strdup(at + 10);\n"
                                                           "  return strndup(at + 10, 32);\n")},
      {"outside.c", "#include <stdio.h>\nstatic const char *url = \"https://accounts.zoho.com" + kRetiredCreate + "\";\n"},
  };
  for (const auto& [name, text] : files) d.Write(name, text);
  auto r = RunCli({"fix", "--no-color", d.path()});
  CHECK(Has(r.out, "the token is kept in the global cached by login(); who else reads it is not followed"));
  CHECK(Has(r.out, "get_token() writes its buffer out 2 times: not one exit that hands the token out"));
  CHECK(Has(r.out, "token_of() returns a const char *: storage the caller neither owns nor frees"));
  CHECK(Has(r.out, "token_len() neither writes the token into a caller's buffer (char *, size) nor returns it"));
  CHECK(Has(r.out, "the token is kept in the static variable keep of token_copy() between calls"));
  CHECK(Has(r.out, "token_dup() has more than one exit that hands a token out"));
  CHECK(Has(r.out, "the generation is not inside a function whose body the fix can replace"));
  CHECK(Has(r.out, "0 fixed in 0 files, 7 withheld"));
  for (const auto& [name, text] : files) CHECK(ReadAll(d.path() + "/" + name) == text);
}

TEST_CASE("lifecycle c++: a method returning std::string — its empty-string failure kept, the prototype and the "
          "callback go", "[fix][oauth][lifecycle]") {
  TempDir d;
  d.Write("client.cpp",
          "#include <curl/curl.h>\n"
          "#include <string>\n"
          "\n"
          "static size_t Collect(char *p, size_t s, size_t n, void *u);\n"
          "\n"
          "class Client {\n"
          " public:\n"
          "  std::string Token(const std::string& user, const std::string& pass);\n"
          "};\n"
          "\n"
          "std::string Client::Token(const std::string& user, const std::string& pass) {\n"
          "  std::string body;\n"
          "  CURL *c = curl_easy_init();\n"
          "  const std::string form = \"SCOPE=ZohoCRM/crmapi&EMAIL_ID=\" + user + \"&PASSWORD=\" + pass;\n"
          "  curl_easy_setopt(c, CURLOPT_URL, \"https://accounts.zoho.in" + kRetiredCreate + "\");\n"
          "  curl_easy_setopt(c, CURLOPT_POSTFIELDS, form.c_str());\n"
          "  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, Collect);\n"
          "  curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);\n"
          "  curl_easy_perform(c);\n"
          "  size_t at = body.find(\"AUTHTOKEN=\");\n"
          "  if (at == std::string::npos) return \"\";\n"
          "  return body.substr(at + 10, body.find('\\n', at) - at - 10);\n"
          "}\n"
          "\n"
          "static size_t Collect(char *p, size_t s, size_t n, void *u) {\n"
          "  static_cast<std::string *>(u)->append(p, s * n);\n"
          "  return s * n;\n"
          "}\n"
          "\n"
          "int main() {\n"
          "  Client c;\n"
          "  return c.Token(\"a\", \"b\").empty();\n"
          "}\n");
  auto r = RunCli({"fix", "--no-color", "--token-source", "refresh", d.path()});
  CHECK(ReadAll(d.path() + "/client.cpp") ==
        "#include <string>\n"
        "#include \"zoho_oauth.h\"\n"
        "\n"
        "class Client {\n"
        " public:\n"
        "  std::string Token(const std::string& user, const std::string& pass);\n"
        "};\n"
        "\n"
        "std::string Client::Token(const std::string& user, const std::string& pass) {\n"
        "  const char* oauth_token = zoho_oauth_access_token(\"https://accounts.zoho.in\");\n"
        "  (void)user;\n"
        "  (void)pass;\n"
        "  if (oauth_token == nullptr) return \"\";\n"
        "  return oauth_token;\n"
        "}\n"
        "\n"
        "int main() {\n"
        "  Client c;\n"
        "  return c.Token(\"a\", \"b\").empty();\n"
        "}\n");
  CHECK(Has(r.out, "in Client::Token() is replaced by the refresh helper's access token"));
  CHECK(Has(r.out, "user, pass are no longer read (kept in the signature, marked (void), so its callers in this file "
                   "stay as they are); deleted with it, as nothing else used them: Collect(), #include <curl/curl.h>;"));
  CHECK(Has(r.out, "1 fixed in 1 file, 0 withheld"));
}
