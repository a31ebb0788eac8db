// Tree-sitter lowering of shell and data files (scanner/frontends/treesitter/lower.h): exact facts
// for Bash, YAML and JSON snippets.
#include <catch2/catch.hpp>

#include <string>

#include "scanner/frontends/treesitter/lower.h"
#include "scanner/ir/url.h"
#include "tests/unit/frontends/lower_test_util.h"

using namespace authshift::testing::lowering;  // NOLINT(google-build-using-namespace): test helpers

namespace {

// The only entry keyed `key` whose container is the call's named argument `arg`.
const authshift::ir::MapEntry& EntryOfArg(const Facts& f, const authshift::ir::Call& c, const std::string& arg,
                                          const std::string& key) {
  const ExprId map = NamedArg(c, arg);
  const authshift::ir::MapEntry* found = nullptr;
  for (const auto* e : EntriesKeyed(f, key)) {
    if (e->container == map) {
      CHECK(found == nullptr);
      found = e;
    }
  }
  REQUIRE(found != nullptr);
  return *found;
}

}  // namespace

TEST_CASE("bash strings: quotes, expansions as named holes, ANSI-C, adjacent words", "[treesitter-lower-data]") {
  const std::string src =
      "A='raw $x'\n"
      "B=\"q \\$ \\\" $T ${U}/${V:-d}\"\n"
      "C=$'a\\tb\\x41'\n"
      "D=https://x.zoho.com/a?b=1\\&authtoken=\"$T\"\n";
  size_t errors = 9;
  Facts f = Lower("bash", src, &errors);
  CHECK(errors == 0);
  CHECK(f.at(BindingOf(f, "A").value).text == "raw $x");
  CHECK(At(src, f.at(BindingOf(f, "A").value).literal_span) == "raw $x");
  const auto& b = f.at(BindingOf(f, "B").value);
  REQUIRE(b.kind == ExprKind::kConcat);
  CHECK(Joined(f, BindingOf(f, "B").value, src) == "q $ \" @ @/@");
  CHECK(f.at(b.children[1]).kind == ExprKind::kName);
  CHECK(f.at(b.children[1]).text == "T");
  CHECK(f.at(b.children[3]).text == "U");
  CHECK(f.at(b.children[5]).kind != ExprKind::kName);  // ${V:-d} is no plain read: an unnamed hole
  CHECK(f.at(BindingOf(f, "C").value).text == "a\tbA");
  CHECK(Joined(f, BindingOf(f, "D").value, src) == "https://x.zoho.com/a?b=1&authtoken=@");
}

TEST_CASE("bash: assignments resolve into a curl URL; export binds", "[treesitter-lower-data]") {
  const std::string src =
      "export TOKEN=0123456789abcdef0123456789abcdef\n"
      "curl -s \"https://www.zohoapis.com/crm/v2/Leads?authtoken=$TOKEN\"\n";
  Facts f = Lower("bash", src);
  f.Index();
  const auto& call = CallTo(f, "curl");
  CHECK(At(src, call.span).rfind("curl -s", 0) == 0);
  const ExprId url = NamedArg(call, "url");
  CHECK(Joined(f, url, src) == "https://www.zohoapis.com/crm/v2/Leads?authtoken=0123456789abcdef0123456789abcdef");
  auto u = authshift::ir::ParseUrl(authshift::ir::Flatten(f, url, src));
  CHECK(u.host == "www.zohoapis.com");
  REQUIRE(u.params.size() == 1);
  CHECK(u.params[0].name == "authtoken");
}

TEST_CASE("bash curl: -H header lines, -d/--data-urlencode pairs, -F, -G, attached values", "[treesitter-lower-data]") {
  const std::string src =
      "curl -sG -H \"Authorization: Zoho-authtoken $T\" -HorgId:42 -d \"authtoken=$T&scope=crm\" "
      "--data-urlencode 'JSONString={\"a\":1}' -F file=@x.pdf https://books.zoho.com/api/v3/items\n";
  Facts f = Lower("bash", src);
  const auto& call = CallTo(f, "curl");
  const auto& auth = EntryOfArg(f, call, "headers", "Authorization");
  CHECK(Joined(f, auth.value, src) == "Zoho-authtoken @");
  CHECK(At(src, auth.span) == "\"Authorization: Zoho-authtoken $T\"");
  CHECK(Joined(f, EntryOfArg(f, call, "headers", "orgId").value, src) == "42");
  const auto& at = EntryOfArg(f, call, "data", "authtoken");
  CHECK(f.at(at.value).kind == ExprKind::kName);
  CHECK(f.at(at.value).text == "T");
  CHECK(At(src, f.at(at.key).literal_span) == "authtoken");
  CHECK(Joined(f, EntryOfArg(f, call, "data", "scope").value, src) == "crm");
  CHECK(Joined(f, EntryOfArg(f, call, "data", "JSONString").value, src) == "{\"a\":1}");  // no & split
  CHECK(Joined(f, EntryOfArg(f, call, "form", "file").value, src) == "@x.pdf");
  CHECK(NamedArg(call, "params") == NamedArg(call, "data"));  // -G: the data is the query
  CHECK(Joined(f, NamedArg(call, "url"), src) == "https://books.zoho.com/api/v3/items");
}

TEST_CASE("bash wget --header= and HTTPie request items", "[treesitter-lower-data]") {
  const std::string src =
      "wget -q -O out.json --header=\"Authorization: Zoho-authtoken $K\" https://desk.zoho.com/api/v1/agents\n"
      "http GET https://books.zoho.com/api/v3/items authtoken==\"$K\" name=w Authorization:\"Zoho-authtoken $K\"\n";
  Facts f = Lower("bash", src);
  const auto& wget = CallTo(f, "wget");
  CHECK(Joined(f, EntryOfArg(f, wget, "headers", "Authorization").value, src) == "Zoho-authtoken @");
  CHECK(Joined(f, NamedArg(wget, "url"), src) == "https://desk.zoho.com/api/v1/agents");  // not out.json
  const auto& http = CallTo(f, "http");
  CHECK(Joined(f, NamedArg(http, "url"), src) == "https://books.zoho.com/api/v3/items");
  CHECK(Joined(f, EntryOfArg(f, http, "params", "authtoken").value, src) == "@");
  CHECK(Joined(f, EntryOfArg(f, http, "data", "name").value, src) == "w");
  CHECK(Joined(f, EntryOfArg(f, http, "headers", "Authorization").value, src) == "Zoho-authtoken @");
}

TEST_CASE("bash heredocs: expanded unless the delimiter is quoted; <<- drops tabs", "[treesitter-lower-data]") {
  const std::string src =
      "cat <<EOF\nu=$T x\nEOF\n"
      "cat <<'EOF'\nu=$T\nEOF\n"
      "cat <<-EOF\n\tindented $T\n\tEOF\n";
  Facts f = Lower("bash", src);
  // The heredoc bodies: the widest string expression holding each body's first line.
  std::vector<std::string> bodies;
  for (const char* start : {"u=$T x", "u=$T\nEOF", "indented"}) {
    const size_t at = src.find(start);
    ExprId best = authshift::ir::kNoExpr;
    for (ExprId i = 0; i < f.exprs.size(); ++i) {
      const auto& e = f.exprs[i];
      if ((e.kind == ExprKind::kString || e.kind == ExprKind::kConcat) && e.span.begin <= at && at < e.span.end &&
          (best == authshift::ir::kNoExpr || e.span.end > f.at(best).span.end)) {
        best = i;
      }
    }
    INFO(start);
    REQUIRE(best != authshift::ir::kNoExpr);
    bodies.push_back(Joined(f, best, src));
  }
  REQUIRE(bodies.size() == 3);
  CHECK(bodies[0] == "u=@ x\n");
  CHECK(bodies[1] == "u=$T\n");
  CHECK(bodies[2] == "indented @\n");
}

TEST_CASE("yaml: mappings are maps, pairs bind dotted key paths, scalars decode", "[treesitter-lower-data]") {
  const std::string src =
      "zoho:\n"
      "  books:\n"
      "    authtoken: feedfacefeedfacefeedfacefeedface\n"
      "  q: 'it''s'\n"
      "  d: \"a\\tb\"\n"
      "  run: |\n"
      "    curl x\n"
      "    curl y\n"
      "  n: 3\n"
      "  flow: {Authorization: \"Zoho-authtoken t\"}\n"
      "  list: [a, b]\n";
  size_t errors = 9;
  Facts f = Lower("yaml", src, &errors);
  CHECK(errors == 0);
  const auto& tok = BindingOf(f, "zoho.books.authtoken");
  CHECK(f.at(tok.value).text == "feedfacefeedfacefeedfacefeedface");
  CHECK(At(src, f.at(tok.value).literal_span) == "feedfacefeedfacefeedfacefeedface");
  CHECK(At(src, tok.span) == "authtoken: feedfacefeedfacefeedfacefeedface");
  CHECK(f.at(BindingOf(f, "zoho.q").value).text == "it's");
  CHECK(f.at(BindingOf(f, "zoho.d").value).text == "a\tb");
  CHECK(f.at(BindingOf(f, "zoho.run").value).text == "curl x\ncurl y\n");
  CHECK(f.at(BindingOf(f, "zoho.n").value).kind == ExprKind::kNumber);
  CHECK(f.at(BindingOf(f, "zoho").value).kind == ExprKind::kMap);
  CHECK(f.at(BindingOf(f, "zoho.list").value).kind == ExprKind::kList);
  REQUIRE(EntriesKeyed(f, "Authorization").size() == 1);
  CHECK(Joined(f, EntriesKeyed(f, "Authorization")[0]->value, src) == "Zoho-authtoken t");
  CHECK(BindingOf(f, "zoho.flow.Authorization").value == EntriesKeyed(f, "Authorization")[0]->value);
}

TEST_CASE("json: objects, {{variables}} as named holes, key/value lists, Postman calls", "[treesitter-lower-data]") {
  const std::string src =
      "{\"Zoho\": {\"AuthToken\": \"a\\u0041\"},\n"
      " \"header\": [{\"key\": \"Authorization\", \"value\": \"Zoho-authtoken {{authtoken}}\"}],\n"
      " \"query\": [{\"key\": \"authtoken\", \"value\": \"{{authtoken}}\"}],\n"
      " \"variable\": [{\"key\": \"org\", \"value\": \"42\"}],\n"
      " \"n\": 1, \"t\": true, \"z\": null}\n";
  size_t errors = 9;
  Facts f = Lower("json", src, &errors);
  CHECK(errors == 0);
  CHECK(f.at(BindingOf(f, "Zoho.AuthToken").value).text == "aA");
  // The header object is also the entry Authorization => value, on the value's line.
  const auto auth = EntriesKeyed(f, "Authorization");
  REQUIRE(auth.size() == 1);
  CHECK(At(src, auth[0]->span) == "\"value\": \"Zoho-authtoken {{authtoken}}\"");
  const auto& v = f.at(auth[0]->value);
  REQUIRE(v.kind == ExprKind::kConcat);
  REQUIRE(v.children.size() == 2);
  CHECK(f.at(v.children[1]).kind == ExprKind::kName);
  CHECK(f.at(v.children[1]).text == "authtoken");
  CHECK(At(src, f.at(v.children[1]).span) == "{{authtoken}}");
  // `query` is a call with the list as its argument; the list holds authtoken => {{authtoken}}.
  const auto& q = CallTo(f, "query");
  REQUIRE(q.args.size() == 1);
  f.Index();
  const auto entries = authshift::ir::EntriesOf(f, q.args[0].value);
  bool found = false;
  for (uint32_t i : entries) found = found || f.at(f.entries[i].key).text == "authtoken";
  CHECK(found);
  // `variable` lists bind their keys (Postman collection variables).
  CHECK(f.at(BindingOf(f, "org").value).text == "42");
  CHECK(f.at(BindingOf(f, "n").value).kind == ExprKind::kNumber);
  CHECK(f.at(BindingOf(f, "t").value).kind == ExprKind::kBool);
  CHECK(f.at(BindingOf(f, "z").value).kind == ExprKind::kNull);
}
