// `authshift fix` on C and C++ against the real <curl/curl.h> (libcurl4-openssl-dev, installed by
// scripts/setup.sh), not the fixture stubs: the exact patched text, the patched files accepted by
// the system compiler (`cc` / `c++ -fsyntax-only`), and a second fix that changes nothing. Also a
// degraded file (a header missing): its URL finding is kept, its fix withheld with the reason.
#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <tuple>

#include "tests/test_util.h"

using authshift::testing::Has;
using authshift::testing::HaveTool;
using authshift::testing::ReadAll;
using authshift::testing::RunCli;
using authshift::testing::TempDir;

namespace {

// Runs `command` (stderr joined to stdout); returns its exit status and output.
int Run(const std::string& command, std::string* output) {
  output->clear();
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen((command + " 2>&1").c_str(), "r"), pclose);
  if (!pipe) return -1;
  std::array<char, 4096> buf{};
  size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe.get())) > 0) output->append(buf.data(), n);
  return pclose(pipe.release());
}

const char* const kBooksC =
    "/* Zoho Books from C with libcurl. */\n"
    "#include <stdio.h>\n"
    "#include <curl/curl.h>\n"
    "\n"
    "int export_items(const char *token, const char *org) {\n"
    "  char url[512];\n"
    "  CURL *curl = curl_easy_init();\n"
    "  if (curl == NULL) return 1;\n"
    "  snprintf(url, sizeof url, \"https://www.zohoapis.com/books/v3/items?organization_id=%s&authtoken=%s\", "
    "org, token);\n"
    "  curl_easy_setopt(curl, CURLOPT_URL, url);\n"
    "  CURLcode res = curl_easy_perform(curl);\n"
    "  curl_easy_cleanup(curl);\n"
    "  return res == CURLE_OK ? 0 : 1;\n"
    "}\n"
    "\n"
    "int create_contact(CURL *curl) {\n"
    "  struct curl_slist *headers = NULL;\n"
    "  headers = curl_slist_append(headers, \"Accept: application/json\");\n"
    "  curl_easy_setopt(curl, CURLOPT_URL, \"https://www.zohoapis.com/books/v3/contacts\");\n"
    "  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, "
    "\"authtoken=0123456789abcdef0123456789abcdef&JSONString={}\");\n"
    "  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);\n"
    "  CURLcode res = curl_easy_perform(curl);\n"
    "  curl_slist_free_all(headers);\n"
    "  return res == CURLE_OK ? 0 : 1;\n"
    "}\n";

const char* const kBooksCFixed =
    "/* Zoho Books from C with libcurl. */\n"
    "#include <stdio.h>\n"
    "#include <curl/curl.h>\n"
    "#include <stdlib.h>\n"
    "\n"
    "int export_items(const char *token, const char *org) {\n"
    "  char url[512];\n"
    "  CURL *curl = curl_easy_init();\n"
    "  if (curl == NULL) return 1;\n"
    "  snprintf(url, sizeof url, \"https://www.zohoapis.com/books/v3/items?organization_id=%s\", org);\n"
    "  curl_easy_setopt(curl, CURLOPT_URL, url);\n"
    "  struct curl_slist *zoho_headers = NULL;\n"
    "  {\n"
    "    char zoho_auth[1024];\n"
    "    snprintf(zoho_auth, sizeof zoho_auth, \"Authorization: Zoho-oauthtoken %s\", token);\n"
    "    zoho_headers = curl_slist_append(NULL, zoho_auth);\n"
    "    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, zoho_headers);\n"
    "  }\n"
    "  CURLcode res = curl_easy_perform(curl);\n"
    "  curl_easy_cleanup(curl);\n"
    "  curl_slist_free_all(zoho_headers);\n"
    "  return res == CURLE_OK ? 0 : 1;\n"
    "}\n"
    "\n"
    "int create_contact(CURL *curl) {\n"
    "  struct curl_slist *headers = NULL;\n"
    "  headers = curl_slist_append(headers, \"Accept: application/json\");\n"
    "  curl_easy_setopt(curl, CURLOPT_URL, \"https://www.zohoapis.com/books/v3/contacts\");\n"
    "  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, \"JSONString={}\");\n"
    "  if (getenv(\"ZOHO_OAUTH_TOKEN\") != NULL) {\n"
    "    char zoho_auth[1024];\n"
    "    snprintf(zoho_auth, sizeof zoho_auth, \"Authorization: Zoho-oauthtoken %s\", "
    "getenv(\"ZOHO_OAUTH_TOKEN\"));\n"
    "    headers = curl_slist_append(headers, zoho_auth);\n"
    "  }\n"
    "  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);\n"
    "  CURLcode res = curl_easy_perform(curl);\n"
    "  curl_slist_free_all(headers);\n"
    "  return res == CURLE_OK ? 0 : 1;\n"
    "}\n";

const char* const kCrmCc =
    "// Zoho CRM from C++ with libcurl.\n"
    "#include <string>\n"
    "#include <curl/curl.h>\n"
    "\n"
    "long ListLeads(const std::string& token) {\n"
    "  CURL* curl = curl_easy_init();\n"
    "  curl_slist* headers = nullptr;\n"
    "  headers = curl_slist_append(headers, \"Accept: application/json\");\n"
    "  const std::string url = \"https://www.zohoapis.com/crm/v2/Leads?authtoken=\" + token + "
    "\"&per_page=200\";\n"
    "  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());\n"
    "  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);\n"
    "  CURLcode res = curl_easy_perform(curl);\n"
    "  curl_slist_free_all(headers);\n"
    "  curl_easy_cleanup(curl);\n"
    "  return res;\n"
    "}\n"
    "\n"
    "long SyncDeals() {\n"
    "  CURL* curl = curl_easy_init();\n"
    "  curl_easy_setopt(curl, CURLOPT_URL, "
    "\"https://www.zohoapis.com/crm/v2/Deals?authtoken=0123456789abcdef0123456789abcdef\");\n"
    "  CURLcode res = curl_easy_perform(curl);\n"
    "  curl_easy_cleanup(curl);\n"
    "  return res;\n"
    "}\n";

const char* const kCrmCcFixed =
    "// Zoho CRM from C++ with libcurl.\n"
    "#include <string>\n"
    "#include <curl/curl.h>\n"
    "#include <cstdlib>\n"
    "\n"
    "long ListLeads(const std::string& token) {\n"
    "  CURL* curl = curl_easy_init();\n"
    "  curl_slist* headers = nullptr;\n"
    "  headers = curl_slist_append(headers, \"Accept: application/json\");\n"
    "  const std::string url = \"https://www.zohoapis.com/crm/v2/Leads?per_page=200\";\n"
    "  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());\n"
    "  headers = curl_slist_append(headers, (\"Authorization: Zoho-oauthtoken \" + std::string(token)).c_str());\n"
    "  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);\n"
    "  CURLcode res = curl_easy_perform(curl);\n"
    "  curl_slist_free_all(headers);\n"
    "  curl_easy_cleanup(curl);\n"
    "  return res;\n"
    "}\n"
    "\n"
    "long SyncDeals() {\n"
    "  CURL* curl = curl_easy_init();\n"
    "  curl_easy_setopt(curl, CURLOPT_URL, \"https://www.zohoapis.com/crm/v2/Deals\");\n"
    "  curl_slist* zoho_headers = nullptr;\n"
    "  if (const char* zoho_token = std::getenv(\"ZOHO_OAUTH_TOKEN\")) {\n"
    "    zoho_headers = curl_slist_append(nullptr, (\"Authorization: Zoho-oauthtoken \" + "
    "std::string(zoho_token)).c_str());\n"
    "    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, zoho_headers);\n"
    "  }\n"
    "  CURLcode res = curl_easy_perform(curl);\n"
    "  curl_easy_cleanup(curl);\n"
    "  curl_slist_free_all(zoho_headers);\n"
    "  return res;\n"
    "}\n";

}  // namespace

TEST_CASE("cfamily: C and C++ fixes against the real <curl/curl.h> compile and are idempotent", "[clang][fix]") {
  TempDir d;
  const std::string c_file = d.Write("books.c", kBooksC);
  const std::string cc_file = d.Write("crm.cc", kCrmCc);

  // The real header is found: the files are not scanned degraded.
  auto scan = RunCli({"scan", "--no-color", "--format", "json", d.path()});
  CHECK(scan.code == 1);
  CHECK(Has(scan.out, "\"files_scanned\": 2"));
  CHECK_FALSE(Has(scan.out, "files_degraded"));

  auto r = RunCli({"fix", "--no-color", d.path()});
  CHECK(r.code == 1);
  CHECK(Has(r.out, "4 fixed in 2 files, 0 withheld"));
  CHECK(Has(r.out, "books.c:9:89: fixed: [authtoken-url-param]"));
  CHECK(Has(r.out, "books.c:20:47: fixed: [authtoken-param-map]"));
  CHECK(Has(r.out, "crm.cc:9:66: fixed: [authtoken-url-param]"));
  CHECK(Has(r.out, "crm.cc:20:78: fixed: [authtoken-url-param]"));
  CHECK(ReadAll(c_file) == kBooksCFixed);
  CHECK(ReadAll(cc_file) == kCrmCcFixed);

  // Fixing again changes nothing: no finding is left.
  auto again = RunCli({"fix", "--no-color", d.path()});
  CHECK(again.code == 0);
  CHECK(Has(again.out, "0 fixed in 0 files, 0 withheld"));
  CHECK(ReadAll(c_file) == kBooksCFixed);
  CHECK(ReadAll(cc_file) == kCrmCcFixed);

  // The system compiler accepts the patched files (an undeclared getenv is an error in C too).
  for (const auto& [tool, args, file] :
       {std::tuple<std::string, std::string, std::string>{"cc", "-fsyntax-only -Werror=implicit-function-declaration", c_file},
        std::tuple<std::string, std::string, std::string>{"c++", "-std=c++17 -fsyntax-only", cc_file}}) {
    // The project is built with these compilers: their absence is a broken machine, not a skip.
    INFO(tool + " not found: the patched " + file + " cannot be compiled");
    REQUIRE(HaveTool(tool));
    std::string out;
    const int status = Run(tool + " " + args + " '" + file + "'", &out);
    INFO(tool << " " << args << " " << file << "\n" << out);
    CHECK(status == 0);
  }
}

TEST_CASE("cfamily: a degraded file is lowered by tree-sitter, keeps its URL finding and gets its fix", "[clang][fix]") {
  TempDir d;
  const std::string text =
      "/* Zoho Desk from C with libcurl and a project header that is not here. */\n"
      "#include <curl/curl.h>\n"
      "#include \"desk_config.h\"\n"
      "\n"
      "void list_tickets(CURL *curl) {\n"
      "  curl_easy_setopt(curl, CURLOPT_URL, \"https://desk.zoho.com/api/v1/tickets?authtoken=\" DESK_TOKEN);\n"
      "  curl_easy_perform(curl);\n"
      "}\n";
  const std::string file = d.Write("desk.c", text);

  auto scan = RunCli({"scan", "--no-color", "--cfamily", "clang", d.path()});
  CHECK(scan.code == 1);
  CHECK(Has(scan.out, "desk.c:6:77: error: "));
  CHECK(Has(scan.out, "[authtoken-url-param]"));
  CHECK(Has(scan.out, "1 C/C++ degraded (headers missing)"));
  // Without a compile database a scan goes to tree-sitter directly: the same finding, not degraded.
  auto fast = RunCli({"scan", "--no-color", "--verbose", d.path()});
  CHECK(fast.code == 1);
  CHECK(Has(fast.out, "desk.c:6:77: error: "));
  CHECK(Has(fast.err, "C/C++ desk.c: tree-sitter (no compile database)"));
  CHECK(!Has(fast.out, "degraded"));
  // A compile database covering the file brings Clang back (and with it the missing header). Another
  // folder: the databases of a folder are read once per process.
  TempDir with_db;
  with_db.Write("desk.c", text);
  with_db.Write("compile_commands.json", "[{\"directory\": \"" + with_db.path() + "\", \"file\": \"desk.c\", "
                                         "\"command\": \"cc -c desk.c\"}]\n");
  auto db = RunCli({"scan", "--no-color", "--verbose", with_db.path()});
  CHECK(Has(db.err, "C/C++ desk.c: tree-sitter (headers missing)"));
  CHECK(Has(db.out, "1 C/C++ degraded (headers missing)"));

  // The missing header drops nothing of the file's own code on the tree-sitter path: the request
  // is found, and the macro that held the token is sent in the header.
  auto r = RunCli({"fix", "--no-color", d.path()});
  CHECK(r.code == 1);
  CHECK(Has(r.out, "desk.c:6:77: fixed: [authtoken-url-param] the token moved to an Authorization: "
                   "Zoho-oauthtoken header (libcurl); 'DESK_TOKEN' must now hold an OAuth access token"));
  CHECK(Has(r.out, "1 fixed in 1 file, 0 withheld"));
  CHECK(ReadAll(file) ==
        "/* Zoho Desk from C with libcurl and a project header that is not here. */\n"
        "#include <curl/curl.h>\n"
        "#include <stdio.h>\n"
        "#include \"desk_config.h\"\n"
        "\n"
        "void list_tickets(CURL *curl) {\n"
        "  curl_easy_setopt(curl, CURLOPT_URL, \"https://desk.zoho.com/api/v1/tickets\");\n"
        "  {\n"
        "    char zoho_auth[1024];\n"
        "    snprintf(zoho_auth, sizeof zoho_auth, \"Authorization: Zoho-oauthtoken %s\", DESK_TOKEN);\n"
        "    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, curl_slist_append(NULL, zoho_auth));\n"
        "  }\n"
        "  curl_easy_perform(curl);\n"
        "}\n");
}

TEST_CASE("cfamily: the binary loads Clang as a plugin, and says why when it cannot", "[clang]") {
  TempDir d;
  d.Write("books.c", kBooksC);
  const std::string scan = std::string("'") + AUTHSHIFT_BINARY + "' scan --cfamily clang --verbose --no-git --no-config '" +
                           d.path() + "'";
  std::string out;
  // Beside the binary in the build tree: Clang lowers the file.
  Run(scan, &out);
  CHECK(out.find("C/C++ books.c: clang\n") != std::string::npos);
  // Pointed at nothing: tree-sitter, the same finding, and the reason once.
  Run("AUTHSHIFT_CLANG_PLUGIN=/nonexistent/libauthshift_clang.so " + scan, &out);
  CHECK(out.find("C/C++ books.c: tree-sitter (Clang plugin not found)\n") != std::string::npos);
  CHECK(out.find("C/C++: /nonexistent/libauthshift_clang.so: no such file\n") != std::string::npos);
  CHECK(out.find("[authtoken-url-param]") != std::string::npos);
}
