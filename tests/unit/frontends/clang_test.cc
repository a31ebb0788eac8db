#include "scanner/frontends/clang/string_literals.h"

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace fe = authshift::frontends::clang_fe;

namespace {

// Every hit must be the exact text of `code` at its offset.
void CheckInvariant(std::string_view code, const std::vector<fe::StringLiteralHit>& hits) {
  for (size_t i = 0; i < hits.size(); ++i) {
    CAPTURE(i, hits[i].text, hits[i].offset);
    CHECK(code.substr(hits[i].offset, hits[i].text.size()) == hits[i].text);
    if (i > 0) CHECK(hits[i - 1].offset < hits[i].offset);
  }
}

constexpr std::string_view kCurlC =
    "#define curl_easy_setopt(h, o, v) my_setopt(h, o, v)\n"
    "typedef struct Curl CURL;\n"
    "enum { CURLOPT_URL = 10002 };\n"
    "int my_setopt(CURL *h, int o, const char *v);\n"
    "void fetch(CURL *curl) {\n"
    "  curl_easy_setopt(curl, CURLOPT_URL, \"https://books.zoho.com/api/v3/invoices?authtoken=x\");\n"
    "}\n";

}  // namespace

TEST_CASE("C: literal inside the curl_easy_setopt macro argument", "[clang]") {
  std::vector<fe::StringLiteralHit> hits;
  std::string err = "stale";
  REQUIRE(fe::FindStringLiterals(kCurlC, "x.c", &hits, &err));
  CHECK(err.empty());
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].text == "\"https://books.zoho.com/api/v3/invoices?authtoken=x\"");
  CHECK(hits[0].line == 6);
  CHECK(hits[0].column == 39);
  CHECK(hits[0].offset == kCurlC.find("\"https://books"));
  CheckInvariant(kCurlC, hits);
}

TEST_CASE("C: a URL macro passed to curl_easy_setopt is found at its #define", "[clang]") {
  std::string code(kCurlC);
  code += "#define ZOHO_URL \"https://crm.zoho.com/crm/private/json?authtoken=y\"\n"  // 8
          "void again(CURL *curl) { curl_easy_setopt(curl, CURLOPT_URL, ZOHO_URL); }\n"
          "void twice(CURL *curl) { curl_easy_setopt(curl, CURLOPT_URL, ZOHO_URL); }\n";
  std::vector<fe::StringLiteralHit> hits;
  std::string err;
  REQUIRE(fe::FindStringLiterals(code, "x.c", &hits, &err));
  CHECK(err.empty());
  CheckInvariant(code, hits);
  REQUIRE(hits.size() == 2);  // one hit for the #define, however often it is used
  CHECK(hits[1].text == "\"https://crm.zoho.com/crm/private/json?authtoken=y\"");
  CHECK(hits[1].line == 8);
  CHECK(hits[1].column == 18);
}

TEST_CASE("C++: prefixes, raw strings, concatenation, macros, templates", "[clang]") {
  constexpr std::string_view kCode =
      "#define BASE \"https://books.zoho.com/api/v3\"\n"                   // 1
      "#define STR(x) #x\n"                                                 // 2
      "template <typename T> const char* Name() { return \"tmpl\"; }\n"   // 3
      "struct Client {\n"                                                   // 4
      "  const char* url = BASE \"/items?authtoken=\";\n"                   // 5
      "};\n"                                                                // 6
      "const char* a = R\"(raw \"authtoken\")\";\n"                         // 7
      "const char* b = \"https://crm.zoho.com/\"  \"crm/private/json\";\n"  // 8
      "const char* c = STR(authtoken);\n"                                   // 9
      "const char* d = u8\"\\u00e9\";\n"                                    // 10
      "int main() { Name<int>(); Name<char>(); return 0; }\n";              // 11
  std::vector<fe::StringLiteralHit> hits;
  std::string err;
  REQUIRE(fe::FindStringLiterals(kCode, "x.cpp", &hits, &err));
  INFO("err: " << err);
  CHECK(err.empty());
  CheckInvariant(kCode, hits);
  std::vector<std::string> texts;
  std::vector<unsigned> lines;
  for (const auto& h : hits) {
    texts.push_back(h.text);
    lines.push_back(h.line);
  }
  CHECK(texts == std::vector<std::string>{
                     "\"https://books.zoho.com/api/v3\"",  // in the #define, used once
                     "\"tmpl\"",                             // one hit despite two instantiations
                     "\"/items?authtoken=\"",
                     "R\"(raw \"authtoken\")\"",
                     "\"https://crm.zoho.com/\"  \"crm/private/json\"",
                     "u8\"\\u00e9\"",
                 });
  CHECK(lines == std::vector<unsigned>{1, 3, 5, 7, 8, 10});
  REQUIRE(hits.size() == 6);
  CHECK(hits[0].column == 14);
  CHECK(hits[2].column == 26);
}

TEST_CASE("a missing header is reported but does not stop the scan", "[clang]") {
  constexpr std::string_view kCode =
      "#include <nonexistent/x.h>\n"
      "static const char* kUrl = \"https://books.zoho.com/api/v3/items?authtoken=x\";\n"
      "const char* Url(void) { return kUrl; }\n";
  for (std::string_view name : {"x.c", "dir/x.cpp"}) {
    CAPTURE(name);
    std::vector<fe::StringLiteralHit> hits;
    std::string err;
    REQUIRE(fe::FindStringLiterals(kCode, name, &hits, &err));
    CHECK(err == "1:10: 'nonexistent/x.h' file not found");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].line == 2);
    CHECK(hits[0].column == 27);
    CheckInvariant(kCode, hits);
  }
  // Documented limit: without the header, C keeps a call to an undeclared function (implicit
  // declaration) and its literal; C++ drops the call, so the caller needs a text fallback.
  constexpr std::string_view kUndeclared =
      "#include <nonexistent/curl.h>\n"
      "void f(void) {\n"
      "  CURL *c = curl_easy_init();\n"
      "  curl_easy_setopt(c, CURLOPT_URL, \"https://x.zoho.com/?authtoken=1\");\n"
      "}\n";
  for (const auto& [name, found] : {std::pair{"x.c", true}, std::pair{"x.cpp", false}}) {
    CAPTURE(name);
    std::vector<fe::StringLiteralHit> hits;
    std::string err;
    REQUIRE(fe::FindStringLiterals(kUndeclared, name, &hits, &err));
    CHECK(err == "1:10: 'nonexistent/curl.h' file not found");
    CHECK(hits.size() == (found ? 1u : 0u));
  }
  // err may be null.
  std::vector<fe::StringLiteralHit> hits;
  CHECK(fe::FindStringLiterals(kCode, "x.c", &hits, nullptr));
  CHECK(hits.size() == 1);
}

TEST_CASE("empty input and no literals", "[clang]") {
  std::vector<fe::StringLiteralHit> hits = {{"old", 1, 1, 0}};
  std::string err;
  CHECK(fe::FindStringLiterals("", "x.c", &hits, &err));
  CHECK(hits.empty());
  CHECK(err.empty());
  CHECK(fe::FindStringLiterals("int main() { return 'a'; }\n", "x.cc", &hits, &err));
  CHECK(hits.empty());
}

TEST_CASE("concurrent calls", "[clang]") {
  std::vector<std::vector<fe::StringLiteralHit>> results(3);
  std::vector<std::thread> threads;
  for (auto& r : results) {
    threads.emplace_back([&r] { fe::FindStringLiterals(kCurlC, "x.c", &r, nullptr); });
  }
  for (auto& t : threads) t.join();
  for (const auto& r : results) {
    REQUIRE(r.size() == 1);
    CHECK(r[0].line == 6);
  }
}
