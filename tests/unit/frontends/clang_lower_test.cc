// C and C++ lowered to IR facts through Clang (scanner/frontends/clang/lower.h).
#include "scanner/frontends/clang/lower.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fe = authshift::frontends::clang_fe;
namespace ir = authshift::ir;

namespace {

std::string At(const std::string& src, ir::Span s) { return src.substr(s.begin, s.end - s.begin); }

// The flattened value of `id`, holes shown as '@'.
std::string Value(const ir::Facts& f, ir::ExprId id, const std::string& src) {
  std::string out = ir::Flatten(f, id, src).Joined();
  for (char& c : out) {
    if (c == ir::kHoleMark) c = '@';
  }
  return out;
}

const ir::Call& CallTo(const ir::Facts& f, const std::string& callee) {
  for (const auto& c : f.calls) {
    if (c.callee == callee) return c;
  }
  FAIL("no call to " << callee);
  return f.calls.front();
}

const ir::MapEntry* EntryWithKey(const ir::Facts& f, const std::string& key, const std::string& src) {
  for (const auto& e : f.entries) {
    if (Value(f, e.key, src) == key) return &e;
  }
  return nullptr;
}

fe::CFamilyResult LowerFile(const std::string& language, const std::string& src, const std::string& path) {
  fe::CFamilyResult r = fe::LowerCFamily(language, src, path);
  r.facts.Index();
  return r;
}

// A temporary directory, removed at the end of the test.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    path = std::filesystem::temp_directory_path() /
           ("authshift-clang-" + std::to_string(reinterpret_cast<uintptr_t>(this)));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  void Write(const std::string& rel, const std::string& text) const {
    std::filesystem::create_directories((path / rel).parent_path());
    std::ofstream(path / rel) << text;
  }
};

constexpr const char* kCurlStub =
    "typedef void CURL;\n"
    "struct curl_slist;\n"
    "typedef enum { CURLOPT_URL = 10002, CURLOPT_POSTFIELDS = 10015, CURLOPT_HTTPHEADER = 10023 } CURLoption;\n"
    "int curl_easy_setopt(CURL *c, CURLoption o, ...);\n"
    "struct curl_slist *curl_slist_append(struct curl_slist *l, const char *s);\n"
    "int snprintf(char *b, unsigned long n, const char *f, ...);\n";

}  // namespace

TEST_CASE("clang lowering: snprintf templates bind their buffer; #define strings are bindings", "[clang]") {
  const std::string src = std::string(kCurlStub) +
                          "#define BASE \"https://books.zoho.com/api/v3\"\n"
                          "void f(CURL *c, const char *tok) {\n"
                          "  char url[256];\n"
                          "  snprintf(url, sizeof url, BASE \"/items?authtoken=%s&x=%d\", tok, 3);\n"
                          "  curl_easy_setopt(c, CURLOPT_URL, url);\n"
                          "}\n";
  fe::CFamilyResult r = LowerFile("c", src, "");
  CHECK_FALSE(r.degraded);
  CHECK(r.errors == 0);
  const ir::Call& set = CallTo(r.facts, "curl_easy_setopt");
  REQUIRE(set.args.size() == 3);
  CHECK(r.facts.exprs[set.args[1].value].text == "CURLOPT_URL");
  CHECK(Value(r.facts, set.args[2].value, src) == "https://books.zoho.com/api/v3/items?authtoken=@&x=@");
  // The #define is a binding at scope 0 whose value spans the literal.
  const ir::Binding* base = nullptr;
  for (const auto& b : r.facts.bindings) {
    if (b.name == "BASE") base = &b;
  }
  REQUIRE(base != nullptr);
  CHECK(At(src, r.facts.exprs[base->value].literal_span) == "https://books.zoho.com/api/v3");
}

TEST_CASE("clang lowering: header lines, form bodies, std::string joins and cpr maps", "[clang]") {
  const std::string src = std::string("#include <string>\n"
                                      "#include <initializer_list>\n"
                                      "#include <utility>\n") +
                          kCurlStub +
                          "namespace cpr { struct Parameters {\n"
                          "  Parameters(std::initializer_list<std::pair<std::string, std::string>>) {}\n};}\n"
                          "void g(CURL *c, const std::string& tok) {\n"
                          "  curl_slist *h = nullptr;\n"
                          "  h = curl_slist_append(h, (\"Authorization: Zoho-\" \"authtoken \" + tok).c_str());\n"
                          "  std::string body = \"scope=crmapi&authtoken=\" + tok;\n"
                          "  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());\n"
                          "  cpr::Parameters p{{\"authtoken\", tok}};\n"
                          "}\n";
  fe::CFamilyResult r = LowerFile("cpp", src, "");
  CHECK_FALSE(r.degraded);
  CAPTURE(r.first_error);
  CHECK(r.errors == 0);
  const ir::MapEntry* header = EntryWithKey(r.facts, "Authorization", src);
  REQUIRE(header != nullptr);
  CHECK(header->container_name == "h");
  CHECK(header->origin == ir::EntryOrigin::kPut);
  CHECK(Value(r.facts, header->value, src) == std::string("Zoho-") + "authtoken @");
  // The form body's entries belong to the body bound to `body`: what EntriesOf finds from the
  // setopt argument.
  const ir::Call& set = CallTo(r.facts, "curl_easy_setopt");
  std::vector<uint32_t> form = ir::EntriesOf(r.facts, set.args[2].value);
  REQUIRE(form.size() == 2);
  CHECK(Value(r.facts, r.facts.entries[form[0]].key, src) == "scope");
  CHECK(Value(r.facts, r.facts.entries[form[1]].key, src) == "authtoken");
  CHECK(Value(r.facts, r.facts.entries[form[1]].value, src) == "@");
  CHECK(At(src, r.facts.exprs[r.facts.entries[form[1]].key].span) == "authtoken");
  // cpr::Parameters{{k, v}}: a call of the class with one map argument.
  const ir::Call& params = CallTo(r.facts, "cpr::Parameters");
  REQUIRE(params.args.size() == 1);
  CHECK(r.facts.exprs[params.args[0].value].kind == ir::ExprKind::kMap);
  CHECK(ir::EntriesOf(r.facts, params.args[0].value).size() == 1);
}

TEST_CASE("clang lowering: a missing header degrades the file; its literals are still facts", "[clang]") {
  const std::string src =
      "#include \"does/not/exist.h\"\n"
      "void h(zoho::Client& c) {\n"
      "  c.Get(\"https://crm.zoho.com/crm/v2/Leads?authtoken=\" \"abc\");\n"
      "  c.Header(\"Authorization: Zoho-oauthtoken x\");\n"
      "}\n";
  fe::CFamilyResult r = LowerFile("cpp", src, "");
  CHECK(r.degraded);
  CHECK(r.errors > 0);
  CHECK(r.first_error.find("does/not/exist.h") != std::string::npos);
  bool url = false;
  for (ir::ExprId i = 0; i < r.facts.exprs.size(); ++i) {
    if (r.facts.exprs[i].kind == ir::ExprKind::kConcat &&
        Value(r.facts, i, src) == "https://crm.zoho.com/crm/v2/Leads?authtoken=abc") {
      url = true;
    }
  }
  CHECK(url);
  const ir::MapEntry* header = EntryWithKey(r.facts, "Authorization", src);
  REQUIRE(header != nullptr);
  CHECK(Value(r.facts, header->value, src) == "Zoho-oauthtoken x");
}

TEST_CASE("clang lowering: the file's own directory is on the include path", "[clang]") {
  TempDir dir;
  dir.Write("vendor/zoho.h", "#define ZOHO_BOOKS \"https://books.zoho.com/api/v3\"\n");
  const std::string src = "#include <vendor/zoho.h>\nconst char *u = ZOHO_BOOKS \"/items?authtoken=x\";\n";
  dir.Write("main.c", src);
  fe::CFamilyResult r = LowerFile("c", src, (dir.path / "main.c").string());
  CHECK_FALSE(r.degraded);
  CHECK(r.errors == 0);
  // The header's literal is a hole named after its macro here (the header reports it itself).
  REQUIRE(!r.facts.bindings.empty());
  CHECK(Value(r.facts, r.facts.bindings.back().value, src) == "@/items?authtoken=x");
}

TEST_CASE("clang lowering: a compile database supplies defines and include paths (-p)", "[clang]") {
  TempDir dir;
  dir.Write("inc/endpoints.h", "#define DESK_URL(p) \"https://desk.zoho.com/api/v1\" p\n");
  const std::string src =
      "#include <endpoints.h>\n"
      "#ifndef ZOHO_LEGACY\n#error needs ZOHO_LEGACY\n#endif\n"
      "const char *u = DESK_URL(\"/tickets?authtoken=x\");\n";
  dir.Write("src/main.c", src);
  const std::string db = "[{\"directory\": \"" + dir.path.string() +
                         "\", \"file\": \"src/main.c\", \"command\": \"cc -Iinc -DZOHO_LEGACY=1 -c src/main.c -o "
                         "main.o\"}]";
  dir.Write("build/compile_commands.json", db);
  const std::string file = (dir.path / "src/main.c").string();
  bool from_db = true;
  fe::Configure({});
  fe::CompileFlags(file, true, fe::CurrentSettings(), &from_db);
  CHECK_FALSE(from_db);  // the current directory has no database for it
  fe::Configure({(dir.path / "build").string(), ""});
  std::vector<std::string> flags = fe::CompileFlags(file, true, fe::CurrentSettings(), &from_db);
  CHECK(from_db);
  CHECK(std::find(flags.begin(), flags.end(), "-I" + (dir.path / "inc").string()) != flags.end());
  fe::CFamilyResult r = LowerFile("c", src, file);
  CHECK_FALSE(r.degraded);
  CHECK(r.errors == 0);
  // Found through the scan root's build/ directory too, without -p.
  fe::Configure({"", dir.path.string()});
  fe::CFamilyResult again = LowerFile("c", src, "src/main.c");
  CHECK(again.errors == 0);
  fe::Configure({});
  fe::CFamilyResult without = LowerFile("c", src, file);
  CHECK(without.degraded);  // endpoints.h is not found without the database
}

TEST_CASE("clang lowering: the real <curl/curl.h> (libcurl4-openssl-dev)", "[clang]") {
  const std::string src =
      "#include <stdio.h>\n"
      "#include <curl/curl.h>\n"
      "void f(CURL *c, const char *tok) {\n"
      "  char auth[128];\n"
      "  struct curl_slist *h = NULL;\n"
      "  snprintf(auth, sizeof auth, \"Authorization: Zoho-\" \"authtoken %s\", tok);\n"
      "  h = curl_slist_append(h, auth);\n"
      "  curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);\n"
      "  curl_easy_setopt(c, CURLOPT_URL, \"https://books.zoho.com/api/v3/items?authtoken=x\");\n"
      "}\n";
  for (const char* language : {"c", "cpp"}) {
    CAPTURE(language);
    fe::CFamilyResult r = LowerFile(language, src, std::string("real_curl.") + (language[1] ? "cc" : "c"));
    CHECK_FALSE(r.degraded);
    CHECK(r.first_error.empty());
    const ir::MapEntry* header = EntryWithKey(r.facts, "Authorization", src);
    REQUIRE(header != nullptr);
    CHECK(header->container_name == "h");
    CHECK(Value(r.facts, header->value, src) == std::string("Zoho-") + "authtoken @");
    int urls = 0;
    for (const auto& c : r.facts.calls) {
      if (c.callee != "curl_easy_setopt" || c.args.size() != 3) continue;
      if (r.facts.exprs[c.args[1].value].text == "CURLOPT_URL") {
        ++urls;
        CHECK(At(src, r.facts.exprs[c.args[2].value].span) == "\"https://books.zoho.com/api/v3/items?authtoken=x\"");
      }
    }
    CHECK(urls == 1);  // once, although curl.h may wrap curl_easy_setopt in a type-checking macro
  }
}
