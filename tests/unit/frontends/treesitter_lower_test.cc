// Tree-sitter lowering (scanner/frontends/treesitter/lower.h): exact facts for Python and
// JavaScript/TypeScript snippets.
#include <catch2/catch.hpp>

#include <string>

#include "scanner/frontends/frontends.h"
#include "scanner/frontends/treesitter/lower.h"
#include "scanner/ir/url.h"

#include "tests/unit/frontends/lower_test_util.h"

using namespace authshift::testing::lowering;  // NOLINT(google-build-using-namespace): test helpers

TEST_CASE("python f-string URL: literal runs with their spans, holes for the fields", "[treesitter-lower]") {
  const std::string src = "r = requests.get(f\"https://books.zoho.com/x?authtoken={tok}&o={{1}}\", timeout=3)\n";
  size_t errors = 9;
  Facts f = Lower("python", src, &errors);
  CHECK(errors == 0);
  const auto& call = CallTo(f, "requests.get");
  CHECK(call.method == "get");
  REQUIRE(call.args.size() == 2);
  CHECK(call.args[0].name.empty());
  CHECK(call.args[1].name == "timeout");
  CHECK(At(src, call.args[1].span) == "timeout=3");
  const auto& url = f.at(call.args[0].value);
  REQUIRE(url.kind == ExprKind::kConcat);
  REQUIRE(url.children.size() == 3);
  const auto& lit = f.at(url.children[0]);
  CHECK(lit.kind == ExprKind::kString);
  CHECK(lit.text == "https://books.zoho.com/x?authtoken=");
  CHECK(At(src, lit.literal_span) == "https://books.zoho.com/x?authtoken=");
  CHECK(f.at(url.children[1]).kind == ExprKind::kName);
  CHECK(f.at(url.children[1]).text == "tok");
  CHECK(f.at(url.children[2]).text == "&o={1}");  // {{ }} decoded
  auto u = authshift::ir::ParseUrl(authshift::ir::Flatten(f, call.args[0].value, src));
  CHECK(u.host == "books.zoho.com");
  REQUIRE(u.params.size() == 2);
  CHECK(u.params[0].name == "authtoken");
  CHECK(u.params[0].value_has_hole);
  // The receiver is the module name.
  CHECK(f.at(call.receiver).text == "requests");
}

TEST_CASE("python strings: escapes, raw, implicit concatenation, % and format", "[treesitter-lower]") {
  const std::string src =
      "a = \"x\\ty\\u00e9\"\n"
      "b = r\"\\d+\" 'z'\n"
      "c = \"%s?k=%s&%%\" % (h, v)\n"
      "d = \"{}/{n}\".format(h, n=v)\n";
  Facts f = Lower("python", src);
  REQUIRE(f.bindings.size() == 4);
  CHECK(f.at(f.bindings[0].value).text == "x\ty\xC3\xA9");
  CHECK(At(src, f.at(f.bindings[0].value).literal_span) == "x\\ty\\u00e9");
  CHECK(Joined(f, f.bindings[1].value, src) == "\\d+z");
  CHECK(Joined(f, f.bindings[2].value, src) == "@?k=@&%");
  const auto& pct = f.at(f.bindings[2].value);
  REQUIRE(pct.children.size() == 4);
  CHECK(f.at(pct.children[0]).text == "h");
  CHECK(At(src, f.at(pct.children[1]).literal_span) == "?k=");
  CHECK(f.at(pct.children[2]).text == "v");
  CHECK(Joined(f, f.bindings[3].value, src) == "@/@");
  const auto& fmt = f.at(f.bindings[3].value);
  REQUIRE(fmt.children.size() == 3);
  CHECK(f.at(fmt.children[2]).text == "v");  // {n} -> the keyword argument n
}

TEST_CASE("python dicts, index assignment and keyword arguments", "[treesitter-lower]") {
  const std::string src =
      "p = {\"authtoken\": t, \"organization_id\": org}\n"
      "p[\"scope\"] = \"crmapi\"\n"
      "requests.post(url, data=p, headers={\"Authorization\": h})\n";
  Facts f = Lower("python", src);
  REQUIRE(f.entries.size() == 4);
  CHECK(f.entries[0].origin == EntryOrigin::kLiteral);
  CHECK(f.at(f.entries[0].key).text == "authtoken");
  CHECK(At(src, f.entries[0].span) == "\"authtoken\": t");
  CHECK(f.at(f.entries[0].value).text == "t");
  const auto& idx = f.entries[2];
  CHECK(idx.origin == EntryOrigin::kIndexAssign);
  CHECK(idx.container_name == "p");
  CHECK(f.at(idx.key).text == "scope");
  CHECK(At(src, idx.statement) == "p[\"scope\"] = \"crmapi\"");
  const auto& call = CallTo(f, "requests.post");
  ExprId data = NamedArg(call, "data");
  CHECK(f.at(data).kind == ExprKind::kName);
  // EntriesOf follows the name to the literal and the later index assignment.
  CHECK(authshift::ir::EntriesOf(f, data).size() == 3);
  ExprId headers = NamedArg(call, "headers");
  REQUIRE(authshift::ir::EntriesOf(f, headers).size() == 1);
}

TEST_CASE("python bindings: module, function, class constants and default arguments", "[treesitter-lower]") {
  const std::string src =
      "BASE = \"https://desk.zoho.com/api/v1\"\n"
      "class C:\n"
      "    TOKEN = \"abc\"\n"
      "    def get(self, path, org=\"42\"):\n"
      "        return requests.get(BASE + path + \"?authtoken=\" + self.TOKEN + \"&orgId=\" + org)\n";
  Facts f = Lower("python", src);
  const auto& call = CallTo(f, "requests.get");
  CHECK(Joined(f, call.args[0].value, src) == "https://desk.zoho.com/api/v1@?authtoken=abc&orgId=42");
  // Scopes: module 0, class 1, method 2.
  REQUIRE(f.scope_parent.size() == 3);
  CHECK(f.scope_parent[2] == 1);
  CHECK(f.scope_parent[1] == 0);
}

TEST_CASE("javascript template literal and + joins through const bindings", "[treesitter-lower]") {
  const std::string src =
      "const base = \"https://invoice.zoho.com/api/v3\";\n"
      "let url = `${base}/invoices?organization_id=${org}`;\n"
      "url = url + '&authtoken=' + token;\n"
      "fetch(url);\n";
  Facts f = Lower("javascript", src);
  const auto& call = CallTo(f, "fetch");
  CHECK(Joined(f, call.args[0].value, src) == "https://invoice.zoho.com/api/v3/invoices?organization_id=@&authtoken=@");
  const auto& tmpl = f.at(f.bindings[1].value);
  REQUIRE(tmpl.kind == ExprKind::kConcat);
  REQUIRE(tmpl.children.size() == 3);
  CHECK(At(src, f.at(tmpl.children[1]).literal_span) == "/invoices?organization_id=");
}

TEST_CASE("javascript options objects: properties become named arguments", "[treesitter-lower]") {
  const std::string src =
      "axios.get(u, {params: {authtoken: t}, headers: h});\n"
      "const opts = {url: u};\n"
      "opts.data = {a: 1};\n"
      "axios(opts);\n"
      "$.ajax({url, data: d});\n"
      "const q = new URLSearchParams();\n"
      "q.append(\"authtoken\", t);\n";
  Facts f = Lower("javascript", src);
  const auto& get = CallTo(f, "axios.get");
  ExprId params = NamedArg(get, "params");
  REQUIRE(f.at(params).kind == ExprKind::kMap);
  auto entries = authshift::ir::EntriesOf(f, params);
  REQUIRE(entries.size() == 1);
  CHECK(f.at(f.entries[entries[0]].key).text == "authtoken");
  CHECK(f.at(NamedArg(get, "headers")).text == "h");
  const auto& ax = CallTo(f, "axios");
  CHECK(f.at(NamedArg(ax, "url")).text == "u");
  CHECK(f.at(NamedArg(ax, "data")).kind == ExprKind::kMap);  // from `opts.data = …`
  const auto& ajax = CallTo(f, "$.ajax");
  CHECK(ajax.method == "ajax");
  CHECK(f.at(NamedArg(ajax, "url")).text == "url");  // shorthand property
  CHECK(f.at(NamedArg(ajax, "data")).text == "d");
  CHECK(CallTo(f, "URLSearchParams").args.empty());
  bool put = false;
  for (const auto& e : f.entries) {
    if (e.origin == EntryOrigin::kPut && e.container_name == "q" && f.at(e.key).text == "authtoken") put = true;
  }
  CHECK(put);
}

TEST_CASE("typescript and tsx: class fields via this, typed parameters with defaults", "[treesitter-lower]") {
  const std::string src =
      "class D {\n"
      "  private base = \"https://desk.zoho.com/api/v1\";\n"
      "  list(org: string = \"7\"): void { fetch(this.base + \"/tickets?orgId=\" + org); }\n"
      "}\n";
  for (const char* lang : {"typescript", "tsx"}) {
    Facts f = Lower(lang, src);
    const auto& call = CallTo(f, "fetch");
    CHECK(Joined(f, call.args[0].value, src) == "https://desk.zoho.com/api/v1/tickets?orgId=7");
  }
}

TEST_CASE("syntax errors: parsed parts still yield facts, errors are counted", "[treesitter-lower]") {
  const std::string src = "url = \"https://books.zoho.com/x?authtoken=\" + t\ndef broken(:\n    pass\nrequests.get(url)\n";
  size_t errors = 0;
  Facts f = Lower("python", src, &errors);
  CHECK(errors > 0);
  CHECK(Joined(f, f.bindings.front().value, src) == "https://books.zoho.com/x?authtoken=@");
  CHECK_FALSE(authshift::frontends::treesitter::LowerWithTreeSitter("kotlin", src).has_value());
  CHECK(authshift::frontends::HasFrontend("python"));
  CHECK(authshift::frontends::HasFrontend("tsx"));
}

TEST_CASE("deep + chains are lowered without deep recursion", "[treesitter-lower]") {
  std::string src = "x = \"a\"";
  for (int i = 0; i < 3000; ++i) src += " + \"b\"";
  src += "\n";
  Facts f = Lower("javascript", src);
  REQUIRE_FALSE(f.bindings.empty());
  CHECK(f.at(f.bindings[0].value).children.size() == 3001);
}

TEST_CASE("string escapes decode to UTF-8 and a bad hex escape stays", "[treesitter-lower]") {
  const std::string py = "s = \"\\x41\\U0001F600\\xZZ\"\n";
  Facts f = Lower("python", py);
  CHECK(f.at(f.bindings[0].value).text == "A\xF0\x9F\x98\x80\\xZZ");
  const std::string js = "const s = \"\\u{1F600}\\u0041\";\n";
  Facts g = Lower("javascript", js);
  CHECK(g.at(g.bindings[0].value).text == "\xF0\x9F\x98\x80" "A");
}
