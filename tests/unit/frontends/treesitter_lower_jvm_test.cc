// Tree-sitter lowering (scanner/frontends/treesitter/lower.h): exact facts for Java and C#
// snippets.
#include <catch2/catch.hpp>

#include <string>

#include "scanner/frontends/frontends.h"
#include "scanner/frontends/treesitter/lower.h"

#include "tests/unit/frontends/lower_test_util.h"

using namespace authshift::testing::lowering;  // NOLINT(google-build-using-namespace): test helpers

namespace {

// The value of the only entry keyed `key`, flattened.
std::string EntryValue(const Facts& f, const std::string& key, const std::string& src) {
  auto es = EntriesKeyed(f, key);
  REQUIRE(es.size() == 1);
  return Joined(f, es[0]->value, src);
}

}  // namespace

// --- Java ------------------------------------------------------------------------------------------

TEST_CASE("java strings: escapes, \\s, text blocks", "[treesitter-lower-jvm]") {
  const std::string src =
      "class A {\n"
      "  String a = \"x\\ty\\\"z\\u0041\\s\\101\";\n"
      "  String tb = \"\"\"\n"
      "      GET /items?\\\n"
      "      authtoken=%s  \n"
      "        indented\n"
      "      \"\"\";\n"
      "  String one = \"\"\"\n"
      "      end\"\"\";\n"
      "}\n";
  size_t errors = 9;
  Facts f = Lower("java", src, &errors);
  CHECK(errors == 0);
  const auto& a = f.at(BindingOf(f, "a").value);
  REQUIRE(a.kind == ExprKind::kString);
  CHECK(a.text == "x\ty\"zA A");
  CHECK(At(src, a.literal_span) == "x\\ty\\\"z\\u0041\\s\\101");
  // Incidental indentation and trailing spaces go; `\<newline>` joins lines; the closing line
  // counts for the indentation and leaves a final newline.
  CHECK(f.at(BindingOf(f, "tb").value).text == "GET /items?authtoken=%s\n  indented\n");
  CHECK(f.at(BindingOf(f, "one").value).text == "end");
}

TEST_CASE("java joins: +, String.format, MessageFormat, StringBuilder", "[treesitter-lower-jvm]") {
  const std::string src =
      "class C {\n"
      "  static final String BASE = \"https://books.zoho.com/api/v3\";\n"
      "  void f(String t, String org) {\n"
      "    String a = BASE + \"/items?authtoken=\" + t;\n"
      "    String b = String.format(\"%s/items?organization_id=%s&authtoken=%s\", BASE, org, t);\n"
      "    String c = MessageFormat.format(\"{0}/x?authtoken={1}\", BASE, t);\n"
      "    StringBuilder sb = new StringBuilder(BASE);\n"
      "    sb.append(\"/contacts?authtoken=\").append(t);\n"
      "    sb.append(\"&x=1\");\n"
      "    String d = sb.toString();\n"
      "    String e = new StringBuilder().append(\"k=\").append(org).toString();\n"
      "  }\n"
      "}\n";
  Facts f = Lower("java", src);
  CHECK(Joined(f, BindingOf(f, "a").value, src) == "https://books.zoho.com/api/v3/items?authtoken=@");
  CHECK(Joined(f, BindingOf(f, "b").value, src) ==
        "https://books.zoho.com/api/v3/items?organization_id=@&authtoken=@");
  CHECK(Joined(f, BindingOf(f, "c").value, src) == "https://books.zoho.com/api/v3/x?authtoken=@");
  // `sb.append(x);` statements append to sb; a chained statement (`sb.append(a).append(b);`, two
  // or three links) is `sb = sb.append(a).append(b)`: a join of its own that is sb's new value.
  CHECK(Joined(f, BindingOf(f, "d").value, src) == "https://books.zoho.com/api/v3/contacts?authtoken=@&x=1");
  bool chained = false;
  for (ExprId i = 0; i < f.exprs.size(); ++i) {
    if (f.exprs[i].kind == ExprKind::kConcat && At(src, f.exprs[i].span).rfind("sb.append(\"/contacts", 0) == 0) {
      chained = Joined(f, i, src) == "https://books.zoho.com/api/v3/contacts?authtoken=@";
    }
  }
  CHECK(chained);
  CHECK(Joined(f, BindingOf(f, "e").value, src) == "k=@");
}

TEST_CASE("java bindings: fields, constants, this.x and Class.X, constructor assignments", "[treesitter-lower-jvm]") {
  const std::string src =
      "class Books {\n"
      "  private static final String TOKEN = \"tok\";\n"
      "  private String base = \"https://books.zoho.com\";\n"
      "  private final String org;\n"
      "  Books(String org) { this.org = org; }\n"
      "  String u() { return this.base + \"?authtoken=\" + Books.TOKEN + TOKEN + this.org; }\n"
      "}\n";
  Facts f = Lower("java", src);
  BindingOf(f, "this.base");
  BindingOf(f, "Books.TOKEN");
  CHECK(BindingOf(f, "this.org").op == "=");
  // The class-scope binding of this.org (from the constructor) is reachable from u().
  const auto& call_free = f.exprs;
  std::string joined;
  for (ExprId i = 0; i < call_free.size(); ++i) {
    if (call_free[i].kind == ExprKind::kConcat && At(src, call_free[i].span).rfind("this.base +", 0) == 0) {
      joined = Joined(f, i, src);
    }
  }
  CHECK(joined == "https://books.zoho.com?authtoken=toktok@");
}

TEST_CASE("java calls and entries: put, headers, BasicNameValuePair, direct setters, Map.of", "[treesitter-lower-jvm]") {
  const std::string src =
      "class R {\n"
      "  void f(String t) throws Exception {\n"
      "    Map<String, String> m = new HashMap<>();\n"
      "    m.put(\"authtoken\", t);\n"
      "    params.add(new BasicNameValuePair(\"scope\", \"crmapi\"));\n"
      "    conn.setRequestProperty(\"Authorization\", \"Zoho-authtoken \" + t);\n"
      "    URI u = new URIBuilder(base).setParameter(\"organization_id\", org).build();\n"
      "    var v = Map.of(\"a\", \"1\", \"b\", t);\n"
      "    headers.add(HttpHeaders.AUTHORIZATION, \"Bearer \" + t);\n"
      "    post.setEntity(new UrlEncodedFormEntity(params, \"UTF-8\"));\n"
      "  }\n"
      "}\n";
  Facts f = Lower("java", src);
  auto put = EntriesKeyed(f, "authtoken");
  REQUIRE(put.size() == 1);
  CHECK(put[0]->origin == EntryOrigin::kPut);
  CHECK(put[0]->container_name == "m");
  auto scope = EntriesKeyed(f, "scope");
  REQUIRE(scope.size() == 1);
  CHECK(scope[0]->container_name == "params");
  CHECK(Joined(f, scope[0]->value, src) == "crmapi");
  CHECK(EntryValue(f, "Authorization", src) == "Zoho-authtoken @");
  // A request builder's setter: a one-entry map that is the call's "<entry>" argument.
  const auto& set = CallTo(f, "<expr>.setParameter");
  const ExprId entry_map = NamedArg(set, "<entry>");
  auto org = EntriesKeyed(f, "organization_id");
  REQUIRE(org.size() == 1);
  CHECK(org[0]->origin == EntryOrigin::kLiteral);
  CHECK(org[0]->container == entry_map);
  // Map.of alternates keys and values.
  const ExprId map = BindingOf(f, "v").value;
  REQUIRE(f.at(map).kind == ExprKind::kMap);
  CHECK(authshift::ir::EntriesOf(f, map).size() == 2);
  CHECK(EntryValue(f, "b", src) == "@");
  // HttpHeaders.AUTHORIZATION names the header.
  CHECK(EntryValue(f, "AUTHORIZATION", src) == "Bearer @");
  const auto& entity = CallTo(f, "UrlEncodedFormEntity");
  REQUIRE(entity.args.size() == 2);
  CHECK(f.at(entity.args[0].value).text == "params");
}

TEST_CASE("java: a file with syntax errors keeps the facts of its parsed parts", "[treesitter-lower-jvm]") {
  const std::string src =
      "class A {\n"
      "  void f(String t) {\n"
      "    String u = \"https://books.zoho.com/api/v3/items?authtoken=\" + t;\n"
      "    int x = ;\n"
      "  }\n";
  size_t errors = 0;
  Facts f = Lower("java", src, &errors);
  CHECK(errors > 0);
  CHECK(Joined(f, BindingOf(f, "u").value, src) == "https://books.zoho.com/api/v3/items?authtoken=@");
}

// --- C# --------------------------------------------------------------------------------------------

TEST_CASE("c# strings: escapes, verbatim, interpolated, raw", "[treesitter-lower-jvm]") {
  const std::string src =
      "class A {\n"
      "  string a = \"x\\ty\\x41\\u0042\\\"\";\n"
      "  string b = @\"c:\\p\"\"q\";\n"
      "  string c = $\"{Base}/items?authtoken={tok,10:N}&x={{y}}\";\n"
      "  string d = $@\"{Base}\\n\"\"\";\n"
      "  string e = \"\"\"\n"
      "      raw \"q\" \\n\n"
      "        two\n"
      "      \"\"\";\n"
      "  string g = $\"\"\"{Base}/r\"\"\";\n"
      "}\n";
  size_t errors = 9;
  Facts f = Lower("csharp", src, &errors);
  CHECK(errors == 0);
  const auto& a = f.at(BindingOf(f, "a").value);
  CHECK(a.text == "x\tyAB\"");
  CHECK(At(src, a.literal_span) == "x\\ty\\x41\\u0042\\\"");
  CHECK(f.at(BindingOf(f, "b").value).text == "c:\\p\"q");
  CHECK(Joined(f, BindingOf(f, "c").value, src) == "@/items?authtoken=@&x={y}");
  const auto& c = f.at(BindingOf(f, "c").value);
  REQUIRE(c.kind == ExprKind::kConcat);
  CHECK(f.at(c.children[0]).text == "Base");
  CHECK(f.at(c.children[2]).text == "tok");
  CHECK(Joined(f, BindingOf(f, "d").value, src) == "@\\n\"");
  CHECK(f.at(BindingOf(f, "e").value).text == "raw \"q\" \\n\n  two");
  CHECK(Joined(f, BindingOf(f, "g").value, src) == "@/r");
}

TEST_CASE("c# joins and bindings: +, string.Format, const, properties, this.x", "[treesitter-lower-jvm]") {
  const std::string src =
      "class Books {\n"
      "  private const string Base = \"https://books.zoho.com/api/v3\";\n"
      "  public string Token { get; set; } = \"tok\";\n"
      "  private readonly string _org;\n"
      "  void F(string t) {\n"
      "    var a = Base + \"/items?authtoken=\" + this.Token;\n"
      "    var b = string.Format(\"{0}/items?organization_id={1}&authtoken={2}\", Base, _org, t);\n"
      "    var sb = new StringBuilder(Base);\n"
      "    sb.Append(\"?authtoken=\");\n"
      "    var c = sb.ToString();\n"
      "  }\n"
      "}\n";
  Facts f = Lower("csharp", src);
  CHECK(Joined(f, BindingOf(f, "a").value, src) == "https://books.zoho.com/api/v3/items?authtoken=tok");
  CHECK(Joined(f, BindingOf(f, "b").value, src) ==
        "https://books.zoho.com/api/v3/items?organization_id=@&authtoken=@");
  CHECK(Joined(f, BindingOf(f, "c").value, src) == "https://books.zoho.com/api/v3?authtoken=");
  BindingOf(f, "Books.Base");
}

TEST_CASE("c# entries: initialisers, Add, headers, KeyValuePair, RestSharp, WebClient", "[treesitter-lower-jvm]") {
  const std::string src =
      "class R {\n"
      "  void F(string t) {\n"
      "    var d = new Dictionary<string, string> { [\"authtoken\"] = t, [\"scope\"] = \"crmapi\" };\n"
      "    var e = new Dictionary<string, string>() { { \"org\", \"1\" } };\n"
      "    var l = new List<KeyValuePair<string, string>> { new KeyValuePair<string, string>(\"kv\", t) };\n"
      "    var content = new FormUrlEncodedContent(d);\n"
      "    form.Add(\"added\", t);\n"
      "    client.DefaultRequestHeaders.Add(\"X-One\", \"1\");\n"
      "    request.Headers.TryAddWithoutValidation(\"X-Two\", \"2\");\n"
      "    req.AddQueryParameter(\"q\", t);\n"
      "    wc.QueryString.Add(\"qs\", t);\n"
      "    wc.Headers[HttpRequestHeader.Authorization] = \"Basic \" + t;\n"
      "    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(\"Scheme\", t);\n"
      "    var arr = new[] { \"a\", \"b\" };\n"
      "    Foo(name: t);\n"
      "  }\n"
      "}\n";
  Facts f = Lower("csharp", src);
  const ExprId d = BindingOf(f, "d").value;
  REQUIRE(f.at(d).kind == ExprKind::kMap);
  CHECK(authshift::ir::EntriesOf(f, d).size() == 2);
  CHECK(EntryValue(f, "authtoken", src) == "@");
  CHECK(EntryValue(f, "org", src) == "1");
  const ExprId l = BindingOf(f, "l").value;
  REQUIRE(f.at(l).kind == ExprKind::kMap);
  CHECK(authshift::ir::EntriesOf(f, l).size() == 1);
  const auto& content = CallTo(f, "FormUrlEncodedContent");
  REQUIRE(content.args.size() == 1);
  CHECK(f.at(content.args[0].value).text == "d");
  CHECK(EntriesKeyed(f, "added")[0]->container_name == "form");
  CHECK(EntriesKeyed(f, "X-One")[0]->container_name == "client.DefaultRequestHeaders");
  CHECK(EntriesKeyed(f, "X-Two")[0]->container_name == "request.Headers");
  // Direct setters: the call's own one-entry map.
  CHECK(EntriesKeyed(f, "q")[0]->container == NamedArg(CallTo(f, "req.AddQueryParameter"), "<entry>"));
  CHECK(EntriesKeyed(f, "qs")[0]->container == NamedArg(CallTo(f, "wc.QueryString.Add"), "<entry>"));
  // HttpRequestHeader.Authorization names the header; AuthenticationHeaderValue is scheme + value.
  // (The third is `DefaultRequestHeaders.Authorization = …` itself, a member assignment.)
  auto index = EntriesKeyed(f, "Authorization");
  REQUIRE(index.size() == 3);
  CHECK(Joined(f, index[0]->value, src) == "Basic @");
  CHECK(index[0]->container_name == "wc.Headers");
  CHECK(Joined(f, index[1]->value, src) == "Scheme @");
  CHECK(index[1]->origin == EntryOrigin::kLiteral);
  CHECK(index[2]->origin == EntryOrigin::kIndexAssign);
  CHECK(index[2]->container_name == "client.DefaultRequestHeaders");
  REQUIRE(f.at(BindingOf(f, "arr").value).kind == ExprKind::kList);
  CHECK(f.at(BindingOf(f, "arr").value).children.size() == 2);
  CHECK(Joined(f, NamedArg(CallTo(f, "Foo"), "name"), src) == "@");
}
