// Tree-sitter lowering (scanner/frontends/treesitter/lower.h): exact facts for PHP, Ruby, Go and
// JavaScript snippets.
#include <catch2/catch.hpp>

#include <string>

#include "scanner/frontends/frontends.h"
#include "scanner/frontends/treesitter/lower.h"
#include "scanner/ir/flow.h"
#include "scanner/ir/url.h"

#include "tests/unit/frontends/lower_test_util.h"

using namespace authshift::testing::lowering;  // NOLINT(google-build-using-namespace): test helpers

// --- PHP -------------------------------------------------------------------------------------------

TEST_CASE("php strings: single-quoted escapes, double-quoted escapes and interpolation holes", "[treesitter-lower]") {
  const std::string src =
      "<html><?php\n"
      "$a = 'it\\'s \\\\ \\n';\n"
      "$b = \"x\\t$url/{$o->p}/${name}?authtoken=\" . $t;\n"
      "?>\n<p>done</p>\n";
  size_t errors = 9;
  Facts f = Lower("php", src, &errors);
  CHECK(errors == 0);
  const auto& a = BindingOf(f, "$a");
  REQUIRE(f.at(a.value).kind == ExprKind::kString);
  CHECK(f.at(a.value).text == "it's \\ \\n");  // only \\ and \' are escapes
  CHECK(At(src, f.at(a.value).literal_span) == "it\\'s \\\\ \\n");
  const auto& b = BindingOf(f, "$b");
  CHECK(Joined(f, b.value, src) == "x\t@/@/@?authtoken=@");
  // `$url` keeps its `$`; `{$o->p}` is the chain "$o.p"; `${name}` is the variable "$name".
  const auto& join = f.at(b.value);
  REQUIRE(join.kind == ExprKind::kConcat);
  REQUIRE(join.children.size() == 2);
  const auto& str = f.at(join.children[0]);
  REQUIRE(str.kind == ExprKind::kConcat);
  REQUIRE(str.children.size() == 7);
  CHECK(f.at(str.children[1]).kind == ExprKind::kName);
  CHECK(f.at(str.children[1]).text == "$url");
  CHECK(f.at(str.children[3]).text == "$o.p");
  CHECK(f.at(str.children[5]).kind == ExprKind::kName);
  CHECK(f.at(str.children[5]).text == "$name");
  CHECK(At(src, f.at(str.children[6]).literal_span) == "?authtoken=");
  CHECK(f.at(join.children[1]).text == "$t");
}

TEST_CASE("php heredoc drops the closing indentation; nowdoc is raw", "[treesitter-lower]") {
  const std::string src =
      "<?php\n"
      "$h = <<<EOT\n"
      "    GET /api?authtoken=$tok\n"
      "      next {$x}\n"
      "    EOT;\n"
      "$n = <<<'NOW'\n"
      "raw $x\\n\n"
      "NOW;\n";
  Facts f = Lower("php", src);
  CHECK(Joined(f, BindingOf(f, "$h").value, src) == "GET /api?authtoken=@\n  next @");
  CHECK(Joined(f, BindingOf(f, "$n").value, src) == "raw $x\\n");
}

TEST_CASE("php calls, arrays, sprintf and index assignment", "[treesitter-lower]") {
  const std::string src =
      "<?php\n"
      "$u = sprintf('%s/items?authtoken=%s', BASE, $t);\n"
      "$p = ['organization_id' => $org];\n"
      "$p['authtoken'] = $t;\n"
      "$r = $client->request('GET', $u, ['query' => $p, 'headers' => array('X' => 1)]);\n"
      "Http::withHeaders(['A' => 'b'])->get($u, $p);\n"
      "foo(name: $v);\n";
  Facts f = Lower("php", src);
  CHECK(Joined(f, BindingOf(f, "$u").value, src) == "@/items?authtoken=@");
  const auto& req = CallTo(f, "$client.request");
  CHECK(req.method == "request");
  CHECK(f.at(req.receiver).text == "$client");
  REQUIRE(req.args.size() >= 3);
  CHECK(f.at(req.args[1].value).text == "$u");
  // The options array's keys are named arguments too.
  CHECK(f.at(NamedArg(req, "query")).text == "$p");
  const auto& with = CallTo(f, "Http.withHeaders");
  CHECK(with.method == "withHeaders");
  bool chained_get = false;
  for (const auto& c : f.calls) {
    chained_get = chained_get || (c.callee == "<expr>.get" && c.args.size() >= 2 && c.args[1].name.empty() &&
                                  f.at(c.args[1].value).text == "$p");
  }
  CHECK(chained_get);
  CHECK(f.at(NamedArg(CallTo(f, "foo"), "name")).text == "$v");
  const auto idx = EntriesKeyed(f, "authtoken");
  REQUIRE(idx.size() == 1);
  CHECK(idx[0]->origin == EntryOrigin::kIndexAssign);
  CHECK(idx[0]->container_name == "$p");
  CHECK(At(src, idx[0]->statement) == "$p['authtoken'] = $t;");
  REQUIRE(EntriesKeyed(f, "organization_id").size() == 1);
  CHECK(EntriesKeyed(f, "organization_id")[0]->origin == EntryOrigin::kLiteral);
}

TEST_CASE("php header lines in lists and appends are Authorization entries", "[treesitter-lower]") {
  const std::string src =
      "<?php\n"
      "curl_setopt($ch, CURLOPT_HTTPHEADER, ['Authorization: Zoho-authtoken ' . $t, 'orgId: 42']);\n"
      "$headers[] = \"Authorization: Zoho-authtoken {$tok}\";\n"
      "$notes = ['see: docs'];\n";
  Facts f = Lower("php", src);
  const auto auth = EntriesKeyed(f, "Authorization");
  REQUIRE(auth.size() == 2);
  CHECK(auth[0]->origin == EntryOrigin::kLiteral);
  CHECK(At(src, f.at(auth[0]->key).literal_span) == "Authorization");
  CHECK(Joined(f, auth[0]->value, src) == "Zoho-authtoken @");
  CHECK(At(src, auth[0]->span) == "'Authorization: Zoho-authtoken ' . $t");
  CHECK(auth[1]->origin == EntryOrigin::kIndexAssign);
  CHECK(auth[1]->container_name == "$headers");
  CHECK(Joined(f, auth[1]->value, src) == "Zoho-authtoken @");
  const auto org = EntriesKeyed(f, "orgId");
  REQUIRE(org.size() == 1);
  CHECK(f.at(org[0]->value).text == "42");
  // The list stays a list for everything else.
  const auto& set = CallTo(f, "curl_setopt");
  REQUIRE(set.args.size() == 3);
  CHECK(f.at(set.args[2].value).kind == ExprKind::kList);
}

TEST_CASE("php classes: properties, constants, $this and .= appends", "[treesitter-lower]") {
  const std::string src =
      "<?php\n"
      "class Books {\n"
      "  const BASE = 'https://books.zoho.com/api/v3';\n"
      "  private $token = 'abc';\n"
      "  function url($org) {\n"
      "    $u = self::BASE . '/items?organization_id=' . $org;\n"
      "    $u .= '&authtoken=' . $this->token;\n"
      "    return $u;\n"
      "  }\n"
      "}\n"
      "$x = \"\" . $u;\n";
  Facts f = Lower("php", src);
  const auto& append = f.bindings[f.bindings.size() - 2];
  CHECK(append.name == "$u");
  CHECK(append.op == "+=");
  // Flatten the returned `$u` through both bindings, the constant and the property.
  ExprId ret = authshift::ir::kNoExpr;
  for (ExprId i = 0; i < f.exprs.size(); ++i) {
    if (f.exprs[i].kind == ExprKind::kName && f.exprs[i].text == "$u" && At(src, f.exprs[i].span) == "$u" &&
        src.compare(f.exprs[i].span.begin - 7, 7, "return ") == 0) {
      ret = i;
    }
  }
  REQUIRE(ret != authshift::ir::kNoExpr);
  CHECK(Joined(f, ret, src) == "https://books.zoho.com/api/v3/items?organization_id=@&authtoken=abc");
}

TEST_CASE("php define of a name binds the name and defined binds nothing", "[treesitter-lower]") {
  const std::string src =
      "<?php\n"
      "define('ZOHO_TOKEN', 'abc');\n"
      "\\define(\"ORG\", '42');\n"
      "defined('ZOHO_TOKEN') or die();\n"
      "$u = 'https://books.zoho.com/api/v3/items?authtoken=' . ZOHO_TOKEN . '&o=' . ORG;\n";
  Facts f = Lower("php", src);
  const auto& token = BindingOf(f, "ZOHO_TOKEN");
  CHECK(At(src, f.exprs[token.value].span) == "'abc'");
  CHECK(At(src, token.span) == "define('ZOHO_TOKEN', 'abc')");
  CHECK(At(src, f.exprs[BindingOf(f, "ORG").value].span) == "'42'");
  CHECK(f.bindings.size() == 3);  // ZOHO_TOKEN, ORG, $u: `defined(…)` is no definition
  CHECK(Joined(f, BindingOf(f, "$u").value, src) == "https://books.zoho.com/api/v3/items?authtoken=abc&o=42");
}

// --- Ruby ------------------------------------------------------------------------------------------

TEST_CASE("ruby strings: interpolation, single quotes, symbols, format and <<", "[treesitter-lower]") {
  const std::string src =
      "u = \"https://books.zoho.com/#{a}?t=#{b.c}\\n\" + 'sq\\'s'\n"
      "s = format('%s?authtoken=%s', base, tok)\n"
      "p = \"%s/x\" % [base]\n"
      "q = 'k='\n"
      "q << tok\n"
      "h = { 'k' => v, sym: 1, :other => 2 }\n";
  size_t errors = 9;
  Facts f = Lower("ruby", src, &errors);
  CHECK(errors == 0);
  CHECK(Joined(f, BindingOf(f, "u").value, src) == "https://books.zoho.com/@?t=@\nsq's");
  CHECK(Joined(f, BindingOf(f, "s").value, src) == "@?authtoken=@");
  CHECK(Joined(f, BindingOf(f, "p").value, src) == "@/x");
  bool append = false;
  for (const auto& b : f.bindings) append = append || (b.name == "q" && b.op == "+=");
  CHECK(append);
  REQUIRE(EntriesKeyed(f, "k").size() == 1);
  REQUIRE(EntriesKeyed(f, "sym").size() == 1);  // `sym:` without its colon
  const auto other = EntriesKeyed(f, "other");   // `:other` without its colon
  REQUIRE(other.size() == 1);
  CHECK(At(src, f.at(other[0]->key).literal_span) == "other");
}

TEST_CASE("ruby calls: keyword arguments are one hash, blocks are lowered", "[treesitter-lower]") {
  const std::string src =
      "r = HTTParty.get(url, query: { authtoken: t }, headers: h)\n"
      "conn.get('/p', params) { |req| req.headers['Authorization'] = \"Zoho-authtoken #{t}\" }\n"
      "res = Net::HTTP.post_form(uri, 'authtoken' => t)\n";
  Facts f = Lower("ruby", src);
  const auto& get = CallTo(f, "HTTParty.get");
  CHECK(get.method == "get");
  REQUIRE(get.args.size() >= 2);
  CHECK(get.args[1].name.empty());
  CHECK(f.at(get.args[1].value).kind == ExprKind::kMap);
  CHECK(At(src, get.args[1].span) == "query: { authtoken: t }, headers: h");
  CHECK(f.at(NamedArg(get, "query")).kind == ExprKind::kMap);
  CHECK(f.at(NamedArg(get, "headers")).text == "h");
  const auto auth = EntriesKeyed(f, "Authorization");
  REQUIRE(auth.size() == 1);
  CHECK(auth[0]->origin == EntryOrigin::kIndexAssign);
  CHECK(auth[0]->container_name == "req.headers");
  CHECK(Joined(f, auth[0]->value, src) == "Zoho-authtoken @");
  const auto& post = CallTo(f, "Net.HTTP.post_form");
  REQUIRE(post.args.size() >= 2);
  CHECK(f.at(post.args[1].value).kind == ExprKind::kMap);
  CHECK(EntriesKeyed(f, "authtoken").size() == 2);
}

TEST_CASE("ruby constants, instance variables and heredocs", "[treesitter-lower]") {
  const std::string src =
      "class Books\n"
      "  BASE = 'https://books.zoho.com/api/v3'\n"
      "  def initialize(token)\n"
      "    @token = token\n"
      "  end\n"
      "  def url\n"
      "    u = BASE + '/items?authtoken=' + @token\n"
      "  end\n"
      "end\n"
      "x = <<~EOS\n"
      "  GET #{path}\n"
      "EOS\n";
  Facts f = Lower("ruby", src);
  CHECK(Joined(f, BindingOf(f, "u").value, src) == "https://books.zoho.com/api/v3/items?authtoken=@");
  const auto& inst = BindingOf(f, "@token");
  CHECK(inst.scope != 0);
  // @token is bound in the class scope (visible to sibling methods), not the method's.
  CHECK(f.scope_parent[BindingOf(f, "token").scope] == inst.scope);
  CHECK(Joined(f, BindingOf(f, "x").value, src) == "GET @\n");
}

// --- Go --------------------------------------------------------------------------------------------

TEST_CASE("go strings: interpreted, raw, + and fmt.Sprintf", "[treesitter-lower]") {
  const std::string src =
      "package main\n"
      "const base = `https://books.zoho.com\\n`\n"
      "var esc = \"a\\tb\\u00e9\"\n"
      "func f(tok string) {\n"
      "\tu := fmt.Sprintf(\"%s/items?authtoken=%v\", base, tok)\n"
      "\tv := base + \"/x?authtoken=\" + tok\n"
      "\tv += \"&y=1\"\n"
      "}\n";
  size_t errors = 9;
  Facts f = Lower("go", src, &errors);
  CHECK(errors == 0);
  CHECK(f.at(BindingOf(f, "base").value).text == "https://books.zoho.com\\n");  // raw
  CHECK(f.at(BindingOf(f, "esc").value).text == "a\tb\xC3\xA9");
  CHECK(At(src, f.at(BindingOf(f, "esc").value).literal_span) == "a\\tb\\u00e9");
  CHECK(Joined(f, BindingOf(f, "u").value, src) == "https://books.zoho.com\\n/items?authtoken=@");
  const auto& v = BindingOf(f, "v");
  CHECK(Joined(f, v.value, src) == "https://books.zoho.com\\n/x?authtoken=@");
  CHECK(f.bindings.back().op == "+=");
}

TEST_CASE("go url.Values, Set/Add, Header and Encode()", "[treesitter-lower]") {
  const std::string src =
      "package main\n"
      "func f(tok, org string) {\n"
      "\tq := url.Values{\"authtoken\": {tok}, \"organization_id\": {org}}\n"
      "\tq.Set(\"scope\", \"crmapi\")\n"
      "\treq, _ := http.NewRequest(\"GET\", \"https://books.zoho.com/api/v3/items?\"+q.Encode(), nil)\n"
      "\treq.Header.Set(\"Authorization\", \"Zoho-authtoken \"+tok)\n"
      "\treq.Header = http.Header{\"Authorization\": {\"Zoho-authtoken \" + tok}}\n"
      "}\n";
  Facts f = Lower("go", src);
  const auto tok = EntriesKeyed(f, "authtoken");
  REQUIRE(tok.size() == 1);
  CHECK(tok[0]->origin == EntryOrigin::kLiteral);
  CHECK(f.at(tok[0]->value).kind == ExprKind::kName);  // `{tok}` is tok
  CHECK(f.at(tok[0]->value).text == "tok");
  const auto scope = EntriesKeyed(f, "scope");
  REQUIRE(scope.size() == 1);
  CHECK(scope[0]->origin == EntryOrigin::kPut);
  CHECK(scope[0]->container_name == "q");
  // Encode() has its receiver as argument 0.
  const auto& enc = CallTo(f, "q.Encode");
  REQUIRE(enc.args.size() == 1);
  CHECK(f.at(enc.args[0].value).text == "q");
  CHECK(authshift::ir::EntriesOf(f, enc.args[0].value).size() == 3);
  const auto& req = CallTo(f, "http.NewRequest");
  REQUIRE(req.args.size() == 3);
  CHECK(f.at(req.args[2].value).kind == ExprKind::kNull);
  const auto auth = EntriesKeyed(f, "Authorization");
  REQUIRE(auth.size() == 2);
  CHECK(auth[0]->origin == EntryOrigin::kPut);
  CHECK(auth[0]->container_name == "req.Header");
  CHECK(Joined(f, auth[0]->value, src) == "Zoho-authtoken @");
  CHECK(auth[1]->origin == EntryOrigin::kLiteral);
  CHECK(Joined(f, auth[1]->value, src) == "Zoho-authtoken @");
}

TEST_CASE("php, ruby and go are in the frontends table", "[treesitter-lower]") {
  for (const char* id : {"go", "php", "ruby"}) {
    CHECK(authshift::frontends::treesitter::HasLowering(id));
    CHECK(authshift::frontends::HasFrontend(id));
  }
}

TEST_CASE("php options arrays: capitalised constant keys name arguments, other names do not",
          "[treesitter-lower]") {
  const std::string src =
      "<?php\ncurl_setopt_array($ch, [CURLOPT_URL => $u, CURLOPT_POSTFIELDS => ['authtoken' => $t], "
      "$k => 1, Foo => 2]);\n";
  Facts f = Lower("php", src);
  const auto& c = CallTo(f, "curl_setopt_array");
  ExprId body = NamedArg(c, "CURLOPT_POSTFIELDS");
  CHECK(f.at(body).kind == ExprKind::kMap);
  CHECK(authshift::ir::EntriesOf(f, body).size() == 1);
  CHECK(f.at(NamedArg(c, "CURLOPT_URL")).text == "$u");
  for (const auto& a : c.args) {
    CHECK(a.name != "$k");
    CHECK(a.name != "Foo");
  }
}

TEST_CASE("ruby format's named placeholders take the keyword arguments (a map of the bare hash)", "[treesitter-lower]") {
  const std::string src =
      "u = format(\"%<base>s/h?year=%<year>d&authtoken=%<tok>s\", base: BASE, year: y, tok: @token)\n"
      "v = format(\"https://x.zoho.com/a?authtoken=%{tok}\", :tok => t)\n";
  Facts f = Lower("ruby", src);
  std::vector<std::string> holes;
  for (const auto& b : f.bindings) {
    const auto& e = f.exprs[b.value];
    REQUIRE(e.kind == ExprKind::kConcat);
    for (ExprId c : e.children) {
      if (f.exprs[c].kind != ExprKind::kString) holes.push_back(At(src, f.exprs[c].span));
    }
  }
  // Each hole is its keyword's value, not the template.
  CHECK(holes == std::vector<std::string>{"BASE", "y", "@token", "t"});
  // The keyword arguments are entries of one map, spanned `name: value`, in order.
  std::vector<std::string> entries;
  for (const auto& e : f.entries) entries.push_back(At(src, e.span));
  CHECK(entries == std::vector<std::string>{"base: BASE", "year: y", "tok: @token", ":tok => t"});
}

// --- JavaScript ------------------------------------------------------------------------------------

TEST_CASE("javascript _.pick(obj, names) is a map of obj's named members; a camelCase member is not an encoding",
          "[treesitter-lower]") {
  const std::string src =
      "const qs = _.pick(this, ['format', 'authtoken']);\n"
      "const one = lodash.pick(opts.client, 'authtoken');\n"
      "const computed = _.pick(this, [key, 'authtoken']);\n"
      "const predicate = _.pick(this, (v) => v);\n"
      "const other = api.pick(this, ['authtoken']);\n"
      "request.qs = { authtoken: t };\n"
      "request.formData = _.mapObject(request.formData, String);\n";
  Facts f = Lower("javascript", src);
  // The names are the keys (spanned by their literals); the values are obj's members, written by no
  // source (an empty span where the name is, the expression as text).
  std::vector<std::string> picked;
  for (const auto& e : f.entries) {
    if (e.container == authshift::ir::kNoExpr || f.exprs[e.container].kind != ExprKind::kCall) continue;
    const auto& v = f.exprs[e.value];
    CHECK(v.kind == ExprKind::kOther);
    CHECK(v.span.empty());
    CHECK(v.span.begin == e.span.begin);
    picked.push_back(At(src, e.span) + " => " + v.text);
  }
  CHECK(picked == std::vector<std::string>{"'format' => this.format", "'authtoken' => this.authtoken",
                                           "'authtoken' => opts.client.authtoken"});
  // The map put into request.qs reaches no call: request.formData is another member of request, and a
  // camelCase member is no encoder read without parentheses (Ruby's `params.to_query`).
  const authshift::ir::MapEntry* token = nullptr;
  for (const auto& e : f.entries) {
    if (e.container != authshift::ir::kNoExpr && f.exprs[e.container].kind == ExprKind::kMap &&
        At(src, e.span) == "authtoken: t") {
      token = &e;
    }
  }
  REQUIRE(token != nullptr);
  CHECK(authshift::ir::SinksOf(f, src, authshift::ir::SeedsOfEntry(f, *token), token->span).empty());
}
