#include "scanner/frontends/treesitter/grammars.h"

#include <catch2/catch.hpp>

#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace ts = authshift::frontends::treesitter;

namespace {

struct Sample {
  std::string_view grammar;
  std::string_view root_type;
  std::string_view source;
};

// One realistic snippet per linked grammar: each must parse without any ERROR/MISSING node.
constexpr Sample kSamples[] = {
    {"python", "module",
     "import requests\n\n"
     "def fetch(url, v):\n"
     "    return requests.get(url, params={\"k\": v, \"authtoken\": TOKEN}).json()\n"},
    {"javascript", "program",
     "const res = await fetch(`https://books.zoho.com/api/v3/invoices?authtoken=${token}`, {\n"
     "  method: 'GET',\n"
     "});\n"
     "module.exports = { res };\n"},
    {"typescript", "program",
     "interface Opts { token: string; org?: number }\n"
     "export async function list(o: Opts): Promise<unknown> {\n"
     "  return axios.get<unknown>(\"https://crm.zoho.com/crm/private/json\", { params: { authtoken: "
     "o.token } });\n"
     "}\n"},
    {"tsx", "program",
     "export function Link({ token }: { token: string }) {\n"
     "  return <a href={`https://desk.zoho.com/api?authtoken=${token}`} className=\"x\">open</a>;\n"
     "}\n"},
    {"php", "program",
     "<html><?php $x = curl_init(\"https://books.zoho.com/api/v3/invoices?authtoken=\" . $t); ?>"
     "</html>\n"},
    {"php_only", "program",
     "$x = curl_init(\"https://books.zoho.com/api/v3/invoices\");\n"
     "curl_setopt($x, CURLOPT_POSTFIELDS, ['authtoken' => $token]);\n"},
    {"java", "program",
     "class Client {\n"
     "  String url(String t) { return \"https://crm.zoho.com/crm/private/json?authtoken=\" + t; }\n"
     "}\n"},
    {"c_sharp", "compilation_unit",
     "using System.Net.Http;\n"
     "class Client {\n"
     "  async Task<string> Get(HttpClient c, string t) =>\n"
     "      await c.GetStringAsync($\"https://books.zoho.com/api/v3/items?authtoken={t}\");\n"
     "}\n"},
    {"ruby", "program",
     "require 'net/http'\n"
     "uri = URI(\"https://books.zoho.com/api/v3/items?authtoken=#{ENV['ZOHO_TOKEN']}\")\n"
     "puts Net::HTTP.get(uri)\n"},
    {"go", "source_file",
     "package main\n\n"
     "import \"net/http\"\n\n"
     "func main() {\n"
     "\t_, _ = http.Get(\"https://books.zoho.com/api/v3/items?authtoken=\" + token)\n"
     "}\n"},
    {"bash", "program",
     "#!/bin/bash\n"
     "curl -s \"https://books.zoho.com/api/v3/items?authtoken=${ZOHO_TOKEN}\" | jq '.items[]'\n"},
    {"yaml", "stream",
     "jobs:\n"
     "  sync:\n"
     "    runs-on: ubuntu-latest\n"
     "    env:\n"
     "      ZOHO_AUTHTOKEN: ${{ secrets.ZOHO_AUTHTOKEN }}\n"
     "    steps:\n"
     "      - run: ./sync.sh\n"},
    {"json", "document",
     "{\"url\": \"https://books.zoho.com/api/v3/items\", \"params\": {\"authtoken\": \"x\"}, "
     "\"n\": [1, 2.5, true, null]}\n"},
    {"c", "translation_unit",
     "#include <curl/curl.h>\n"
     "static int fetch(CURL *curl) {\n"
     "  curl_easy_setopt(curl, CURLOPT_URL, \"https://books.zoho.com/api/v3/items?authtoken=x\");\n"
     "  return (int)curl_easy_perform(curl);\n"
     "}\n"},
    {"cpp", "translation_unit",
     "#include <string>\n"
     "namespace zoho {\n"
     "std::string Url(const std::string& t) {\n"
     "  return std::string(\"https://books.zoho.com/api/v3/items?authtoken=\") + t;\n"
     "}\n"
     "}  // namespace zoho\n"},
};

}  // namespace

TEST_CASE("grammar table is sorted, complete and ABI-compatible", "[treesitter]") {
  const auto all = ts::AllGrammars();
  REQUIRE(all.size() == std::size(kSamples));
  std::set<std::string_view> sampled;
  for (const Sample& s : kSamples) sampled.insert(s.grammar);
  for (size_t i = 0; i < all.size(); ++i) {
    CAPTURE(all[i].name);
    if (i > 0) CHECK(all[i - 1].name < all[i].name);
    CHECK(sampled.count(all[i].name) == 1);
    REQUIRE(all[i].language != nullptr);
    CHECK(ts::GrammarByName(all[i].name) == all[i].language());
    CHECK(ts::IsAbiCompatible(all[i].language()));
  }
  CHECK(ts::GrammarByName("deluge") == nullptr);
  CHECK(ts::GrammarByName("") == nullptr);
  CHECK(ts::GrammarByName("Python") == nullptr);
  CHECK(ts::GrammarByName("php_") == nullptr);
  CHECK_FALSE(ts::IsAbiCompatible(nullptr));
}

TEST_CASE("every grammar parses a realistic snippet without errors", "[treesitter]") {
  for (const Sample& s : kSamples) {
    DYNAMIC_SECTION(s.grammar) {
      const TSLanguage* language = ts::GrammarByName(s.grammar);
      REQUIRE(language != nullptr);
      const ts::ParsedTree tree = ts::ParsedTree::Parse(language, s.source);
      const TSNode root = tree.Root();
      REQUIRE_FALSE(ts_node_is_null(root));
      INFO("first error at " << ts::FirstErrorLocation(tree));
      CHECK_FALSE(tree.HasError());
      CHECK(ts::FirstErrorLocation(tree).empty());
      CHECK(std::string_view(ts_node_type(root)) == s.root_type);
      CHECK(ts_node_named_child_count(root) > 0);
      CHECK(ts_node_end_byte(root) <= s.source.size());
    }
  }
}

TEST_CASE("broken code has errors and a first error location", "[treesitter]") {
  SECTION("python: ERROR node") {
    const auto tree = ts::ParsedTree::Parse(ts::GrammarByName("python"),
                                            "x = 1\ndef f(:\n    return requests.get(\n");
    CHECK(tree.HasError());
    CHECK(ts::FirstErrorLocation(tree) == "2:7");  // the stray ":"
  }
  SECTION("json: MISSING node") {
    const auto tree = ts::ParsedTree::Parse(ts::GrammarByName("json"), "{\"a\": [1, 2}");
    CHECK(tree.HasError());
    CHECK(ts::FirstErrorLocation(tree) == "1:12");
  }
}

TEST_CASE("ParsedTree ownership and failures", "[treesitter]") {
  ts::ParsedTree empty;
  CHECK(ts_node_is_null(empty.Root()));
  CHECK_FALSE(empty.HasError());
  CHECK(empty.Tree() == nullptr);
  CHECK(ts::FirstErrorLocation(empty).empty());

  ts::ParsedTree a = ts::ParsedTree::Parse(ts::GrammarByName("go"), "package main\n");
  const TSTree* raw = a.Tree();
  REQUIRE(raw != nullptr);
  ts::ParsedTree b = std::move(a);
  CHECK(b.Tree() == raw);
  CHECK(a.Tree() == nullptr);  // NOLINT(bugprone-use-after-move): moved-from is documented empty
  a = ts::ParsedTree::Parse(ts::GrammarByName("json"), "[]");
  b = std::move(a);
  CHECK(std::string_view(ts_node_type(b.Root())) == "document");

  CHECK_THROWS_AS(ts::ParsedTree::Parse(nullptr, "x"), std::invalid_argument);
  // An empty source is not an error.
  const auto blank = ts::ParsedTree::Parse(ts::GrammarByName("python"), "");
  CHECK_FALSE(blank.HasError());
  CHECK(std::string_view(ts_node_type(blank.Root())) == "module");
}

TEST_CASE("Parse with ranges sees only those bytes, at the source's own offsets", "[treesitter]") {
  const TSLanguage* py = ts::GrammarByName("python");
  // Line 2 is broken; only lines 1 and 3 are included.
  std::string src = "a = 1\nthis is ( not python\nb = 'x'\n";
  const uint32_t line3 = static_cast<uint32_t>(src.find("b = "));
  const ts::ByteRange ranges[] = {{0, 6}, {line3, static_cast<uint32_t>(src.size())}};
  ts::ParsedTree tree = ts::ParsedTree::Parse(py, src, ranges);
  CHECK_FALSE(tree.HasError());
  TSNode root = tree.Root();
  REQUIRE(ts_node_named_child_count(root) == 2);
  TSNode second = ts_node_named_child(root, 1);
  CHECK(ts_node_start_byte(second) == line3);
  CHECK(ts_node_start_point(second).row == 2);
  CHECK(ts_node_start_point(second).column == 0);
  // The whole source has the error.
  CHECK(ts::ParsedTree::Parse(py, src).HasError());
  const ts::ByteRange unsorted[] = {{line3, line3 + 3}, {0, 6}};
  CHECK_THROWS_AS(ts::ParsedTree::Parse(py, src, unsorted), std::invalid_argument);
  const ts::ByteRange outside[] = {{0, static_cast<uint32_t>(src.size() + 10)}};
  CHECK_THROWS_AS(ts::ParsedTree::Parse(py, src, outside), std::invalid_argument);
}
