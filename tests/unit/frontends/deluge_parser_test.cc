#include "scanner/frontends/deluge/cst.h"
#include "scanner/frontends/deluge/lexer.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "tests/unit/frontends/deluge_test_util.h"

namespace dg = authshift::frontends::deluge;

namespace {

using dg::NodeKind;
using authshift::testing::deluge::CheckTree;
using authshift::testing::deluge::DumpItems;
using authshift::testing::deluge::Errors;

std::string DumpItems(std::string_view source) {
  const dg::Tree tree = dg::Parse(source);
  REQUIRE(CheckTree(tree, source).empty());
  return DumpItems(tree);
}

// The dump of the single statement in `source`; the parse must have no errors.
std::string DumpOne(std::string_view source) {
  const dg::Tree tree = dg::Parse(source);
  REQUIRE(CheckTree(tree, source).empty());
  REQUIRE(Errors(tree).empty());
  REQUIRE(tree.at(tree.root).children.size() == 1);
  return dg::Dump(tree, tree.at(tree.root).children[0]);
}

std::string SpanText(const dg::Tree& tree, dg::NodeId id, std::string_view source) {
  const dg::Node& n = tree.at(id);
  return std::string(source.substr(n.begin, n.end - n.begin));
}

// First node of `kind` in pre-order, or kNoNode.
dg::NodeId Find(const dg::Tree& tree, NodeKind kind, std::string_view text = {}) {
  std::vector<dg::NodeId> stack{tree.root};
  while (!stack.empty()) {
    const dg::NodeId id = stack.back();
    stack.pop_back();
    const dg::Node& n = tree.at(id);
    if (n.kind == kind && (text.empty() || n.text == text)) return id;
    for (auto it = n.children.rbegin(); it != n.children.rend(); ++it) stack.push_back(*it);
  }
  return dg::kNoNode;
}

// --- Zoho's "before" samples, written in the style of real custom functions.

constexpr std::string_view kBooksInvokeUrl =
    "void automation.overdueReminder(string orgId)\n"
    "{\n"
    "\tauthtoken = \"1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d\";\n"
    "\tresponse = invokeurl\n"
    "\t[\n"
    "\t\turl :\"https://books.zoho.com/api/v3/invoices?organization_id=\" + orgId + "
    "\"&authtoken=\" + authtoken\n"
    "\t\ttype :GET\n"
    "\t];\n"
    "\tinvoices = response.get(\"invoices\");\n"
    "\tinfo invoices;\n"
    "}\n";

constexpr std::string_view kBooksGetUrl =
    "// Books: list invoices (old style)\n"
    "map standalone.listInvoices(string orgId)\n"
    "{\n"
    "    authtoken = \"1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d\";\n"
    "    url = \"https://books.zoho.com/api/v3/invoices?organization_id=\" + orgId + "
    "\"&authtoken=\" + authtoken;\n"
    "    response = getUrl(url);\n"
    "    invoices = response.toMap().get(\"invoices\");\n"
    "    for each invoice in invoices\n"
    "    {\n"
    "        info invoice.get(\"invoice_number\");\n"
    "    }\n"
    "    return response.toMap();\n"
    "}\n";

constexpr std::string_view kDeskHeaders =
    "string standalone.openTickets(string orgId)\n"
    "{\n"
    "\ttoken = \"1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d\";\n"
    "\tresp = invokeurl\n"
    "\t[\n"
    "\t\turl: \"https://desk.zoho.com/api/v1/tickets?status=Open\"\n"
    "\t\ttype: GET\n"
    "\t\theaders: {\"Authorization\": \"Zoho-authtoken \" + token, \"orgId\": orgId}\n"
    "\t];\n"
    "\treturn resp.toString();\n"
    "}\n";

constexpr std::string_view kBooksPostUrl =
    "contactId = contact.get(\"contact_id\");\n"
    "url = \"https://books.zoho.com/api/v3/contacts/\" + contactId + \"?organization_id=\" + "
    "organization.get(\"organization_id\") + \"&authtoken=\" + authtoken;\n"
    "existing = getUrl(url).toMap().get(\"contact\");\n"
    "headerMap = Map();\n"
    "headerMap.put(\"X-HTTP-Method-Override\", \"PUT\");\n"
    "paramMap = Map();\n"
    "paramMap.put(\"JSONString\", {\"notes\": \"synced\"}.toString());\n"
    "result = postUrl(url, paramMap, headerMap, false);\n";

constexpr std::string_view kCrmV1 =
    "m = Map();\n"
    "m.put(\"authtoken\", authtoken);\n"
    "m.put(\"scope\", \"crmapi\");\n"
    "m.put(\"xmlData\", xml);\n"
    "resp = postUrl(\"https://crm.zoho.com/crm/private/json/Leads/insertRecords\", m);\n";

}  // namespace

TEST_CASE("deluge: Books invokeurl GET with authtoken in the URL", "[deluge]") {
  const dg::Tree tree = dg::Parse(kBooksInvokeUrl);
  REQUIRE(CheckTree(tree, kBooksInvokeUrl).empty());
  CHECK(Errors(tree).empty());
  CHECK(DumpItems(tree) ==
        "(function \"automation.overdueReminder\" (param string \"orgId\") (block"
        " (assign (identifier \"authtoken\") (string \"1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d\"))"
        " (assign (identifier \"response\") (invokeurl \"invokeurl\""
        " (invokeparam \"url\" (binary + (binary + (binary +"
        " (string \"https://books.zoho.com/api/v3/invoices?organization_id=\") (identifier "
        "\"orgId\"))"
        " (string \"&authtoken=\")) (identifier \"authtoken\")))"
        " (invokeparam \"type\" (identifier \"GET\"))))"
        " (assign (identifier \"invoices\") (membercall \"get\" (identifier \"response\")"
        " (string \"invoices\")))"
        " (info (identifier \"invoices\"))))\n");
  // Exact spans.
  const dg::NodeId invoke = Find(tree, NodeKind::kInvokeUrl);
  REQUIRE(invoke != dg::kNoNode);
  CHECK(SpanText(tree, invoke, kBooksInvokeUrl) ==
        "invokeurl\n\t[\n\t\turl :\"https://books.zoho.com/api/v3/invoices?organization_id=\" + "
        "orgId + \"&authtoken=\" + authtoken\n\t\ttype :GET\n\t]");
  const dg::NodeId url = Find(tree, NodeKind::kInvokeParam, "url");
  CHECK(SpanText(tree, url, kBooksInvokeUrl) ==
        "url :\"https://books.zoho.com/api/v3/invoices?organization_id=\" + orgId + "
        "\"&authtoken=\" + authtoken");
  CHECK(SpanText(tree, tree.at(url).children[0], kBooksInvokeUrl) ==
        "\"https://books.zoho.com/api/v3/invoices?organization_id=\" + orgId + "
        "\"&authtoken=\" + authtoken");
  const dg::NodeId token = Find(tree, NodeKind::kString, "&authtoken=");
  CHECK(SpanText(tree, token, kBooksInvokeUrl) == "\"&authtoken=\"");
  const dg::NodeId assign = tree.at(Find(tree, NodeKind::kBlock)).children[1];
  CHECK(SpanText(tree, assign, kBooksInvokeUrl).substr(0, 21) == "response = invokeurl\n");
  CHECK(SpanText(tree, assign, kBooksInvokeUrl).back() == ';');
  const dg::NodeId param = Find(tree, NodeKind::kParam);
  CHECK(SpanText(tree, param, kBooksInvokeUrl) == "string orgId");
  const dg::NodeId fn = Find(tree, NodeKind::kFunction);
  CHECK(SpanText(tree, fn, kBooksInvokeUrl) ==
        kBooksInvokeUrl.substr(0, kBooksInvokeUrl.size() - 1));
}

TEST_CASE("deluge: Books getUrl version with a comment and for each", "[deluge]") {
  CHECK(DumpItems(kBooksGetUrl) ==
        "(function \"standalone.listInvoices\" (param string \"orgId\") (block"
        " (assign (identifier \"authtoken\") (string \"1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d\"))"
        " (assign (identifier \"url\") (binary + (binary + (binary +"
        " (string \"https://books.zoho.com/api/v3/invoices?organization_id=\") (identifier "
        "\"orgId\"))"
        " (string \"&authtoken=\")) (identifier \"authtoken\")))"
        " (assign (identifier \"response\") (call \"getUrl\" (identifier \"url\")))"
        " (assign (identifier \"invoices\") (membercall \"get\" (membercall \"toMap\""
        " (identifier \"response\")) (string \"invoices\")))"
        " (foreach \"invoice\" (identifier \"invoices\") (block (info (membercall \"get\""
        " (identifier \"invoice\") (string \"invoice_number\")))))"
        " (return (membercall \"toMap\" (identifier \"response\")))))\n");
  const dg::Tree tree = dg::Parse(kBooksGetUrl);
  CHECK(tree.errors.empty());
  const dg::NodeId call = Find(tree, NodeKind::kCall, "getUrl");
  CHECK(SpanText(tree, call, kBooksGetUrl) == "getUrl(url)");
  const dg::NodeId loop = Find(tree, NodeKind::kForEach);
  CHECK(
      SpanText(tree, loop, kBooksGetUrl) ==
      "for each invoice in invoices\n    {\n        info invoice.get(\"invoice_number\");\n    }");
}

TEST_CASE("deluge: Desk function with an inline header map", "[deluge]") {
  CHECK(DumpItems(kDeskHeaders) ==
        "(function \"standalone.openTickets\" (param string \"orgId\") (block"
        " (assign (identifier \"token\") (string \"1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d\"))"
        " (assign (identifier \"resp\") (invokeurl \"invokeurl\""
        " (invokeparam \"url\" (string \"https://desk.zoho.com/api/v1/tickets?status=Open\"))"
        " (invokeparam \"type\" (identifier \"GET\"))"
        " (invokeparam \"headers\" (map"
        " (mapentry (string \"Authorization\") (binary + (string \"Zoho-authtoken \")"
        " (identifier \"token\")))"
        " (mapentry (string \"orgId\") (identifier \"orgId\"))))))"
        " (return (membercall \"toString\" (identifier \"resp\")))))\n");
  const dg::Tree tree = dg::Parse(kDeskHeaders);
  const dg::NodeId map = Find(tree, NodeKind::kMap);
  CHECK(SpanText(tree, map, kDeskHeaders) ==
        "{\"Authorization\": \"Zoho-authtoken \" + token, \"orgId\": orgId}");
  const dg::NodeId entry = Find(tree, NodeKind::kMapEntry);
  CHECK(SpanText(tree, entry, kDeskHeaders) == "\"Authorization\": \"Zoho-authtoken \" + token");
}

TEST_CASE("deluge: Books getUrl plus a 4-argument postUrl with a method override", "[deluge]") {
  CHECK(DumpItems(kBooksPostUrl) ==
        "(assign (identifier \"contactId\") (membercall \"get\" (identifier \"contact\")"
        " (string \"contact_id\")))\n"
        "(assign (identifier \"url\") (binary + (binary + (binary + (binary + (binary +"
        " (string \"https://books.zoho.com/api/v3/contacts/\") (identifier \"contactId\"))"
        " (string \"?organization_id=\")) (membercall \"get\" (identifier \"organization\")"
        " (string \"organization_id\"))) (string \"&authtoken=\")) (identifier \"authtoken\")))\n"
        "(assign (identifier \"existing\") (membercall \"get\" (membercall \"toMap\""
        " (call \"getUrl\" (identifier \"url\"))) (string \"contact\")))\n"
        "(assign (identifier \"headerMap\") (call \"Map\"))\n"
        "(exprstmt (membercall \"put\" (identifier \"headerMap\")"
        " (string \"X-HTTP-Method-Override\") (string \"PUT\")))\n"
        "(assign (identifier \"paramMap\") (call \"Map\"))\n"
        "(exprstmt (membercall \"put\" (identifier \"paramMap\") (string \"JSONString\")"
        " (membercall \"toString\" (map (mapentry (string \"notes\") (string \"synced\"))))))\n"
        "(assign (identifier \"result\") (call \"postUrl\" (identifier \"url\")"
        " (identifier \"paramMap\") (identifier \"headerMap\") (bool \"false\")))\n");
  const dg::Tree tree = dg::Parse(kBooksPostUrl);
  CHECK(tree.errors.empty());
  const dg::NodeId post = Find(tree, NodeKind::kCall, "postUrl");
  CHECK(SpanText(tree, post, kBooksPostUrl) == "postUrl(url, paramMap, headerMap, false)");
  const dg::NodeId stmt = tree.at(tree.root).children[4];
  CHECK(SpanText(tree, stmt, kBooksPostUrl) ==
        "headerMap.put(\"X-HTTP-Method-Override\", \"PUT\");");
}

TEST_CASE("deluge: CRM v1 postUrl with an authtoken parameter map", "[deluge]") {
  CHECK(
      DumpItems(kCrmV1) ==
      "(assign (identifier \"m\") (call \"Map\"))\n"
      "(exprstmt (membercall \"put\" (identifier \"m\") (string \"authtoken\")"
      " (identifier \"authtoken\")))\n"
      "(exprstmt (membercall \"put\" (identifier \"m\") (string \"scope\") (string \"crmapi\")))\n"
      "(exprstmt (membercall \"put\" (identifier \"m\") (string \"xmlData\")"
      " (identifier \"xml\")))\n"
      "(assign (identifier \"resp\") (call \"postUrl\""
      " (string \"https://crm.zoho.com/crm/private/json/Leads/insertRecords\")"
      " (identifier \"m\")))\n");
}

TEST_CASE("deluge: function headers", "[deluge]") {
  CHECK(DumpOne("map standalone.fn(int a, string b) {}") ==
        "(function \"standalone.fn\" (param int \"a\") (param string \"b\") (block))");
  CHECK(DumpOne("string fn()\n{\n  return \"x\";\n}") ==
        "(function \"fn\" (block (return (string \"x\"))))");
  CHECK(DumpOne("void automation.sync(string dealId, list ids) { info dealId; }") ==
        "(function \"automation.sync\" (param string \"dealId\") (param list \"ids\")"
        " (block (info (identifier \"dealId\"))))");
  // Two functions in one file.
  CHECK(DumpItems("void a.x() { }\nvoid a.y() { }\n") ==
        "(function \"a.x\" (block))\n(function \"a.y\" (block))\n");
}

TEST_CASE("deluge: if / else if / else", "[deluge]") {
  CHECK(DumpOne(
            "if (a > 1) { x = 1; } else if (a == 1) { x = 2; } else if (b) { } else { x = 3; }") ==
        "(if (binary > (identifier \"a\") (number \"1\")) (block (assign (identifier \"x\")"
        " (number \"1\")))"
        " (elseif (binary == (identifier \"a\") (number \"1\")) (block (assign (identifier \"x\")"
        " (number \"2\"))))"
        " (elseif (identifier \"b\") (block))"
        " (else (block (assign (identifier \"x\") (number \"3\")))))");
  // Any case; a body without braces.
  CHECK(
      DumpOne("If(x) info 1; Else info 2;") ==
      "(if (identifier \"x\") (block (info (number \"1\"))) (else (block (info (number \"2\")))))");
  const std::string src = "if(a)\n{\n}\nelse if(b)\n{\n}";
  const dg::Tree tree = dg::Parse(src);
  const dg::NodeId elseif = Find(tree, NodeKind::kElseIf);
  CHECK(SpanText(tree, elseif, src) == "else if(b)\n{\n}");
  CHECK(SpanText(tree, tree.at(tree.root).children[0], src) == src);
}

TEST_CASE("deluge: for each, for each index, break, continue", "[deluge]") {
  CHECK(DumpOne("for each rec in resp.get(\"data\") { if (rec == null) { continue; } break; }") ==
        "(foreach \"rec\" (membercall \"get\" (identifier \"resp\") (string \"data\")) (block"
        " (if (binary == (identifier \"rec\") (null)) (block (continue))) (break)))");
  CHECK(DumpOne("for each index i in items { info items.get(i); }") ==
        "(foreachindex \"i\" (identifier \"items\") (block (info (membercall \"get\""
        " (identifier \"items\") (identifier \"i\")))))");
  CHECK(DumpOne("FOR EACH index IN {1, 2} { }") ==
        "(foreach \"index\" (list (number \"1\") (number \"2\")) (block))");
}

TEST_CASE("deluge: info, return, assignment operators", "[deluge]") {
  CHECK(DumpItems("info \"x\" + y;\nreturn;\nreturn a;\nx = 1;\nx += 1;\nx -= 1;\nx *= 2;\n"
                  "x /= 2;\nx %= 2;\nm.k = 1;\nl[0] = 2;\n") ==
        "(info (binary + (string \"x\") (identifier \"y\")))\n"
        "(return)\n"
        "(return (identifier \"a\"))\n"
        "(assign (identifier \"x\") (number \"1\"))\n"
        "(assign += (identifier \"x\") (number \"1\"))\n"
        "(assign -= (identifier \"x\") (number \"1\"))\n"
        "(assign *= (identifier \"x\") (number \"2\"))\n"
        "(assign /= (identifier \"x\") (number \"2\"))\n"
        "(assign %= (identifier \"x\") (number \"2\"))\n"
        "(assign (member \"k\" (identifier \"m\")) (number \"1\"))\n"
        "(assign (index (identifier \"l\") (number \"0\")) (number \"2\"))\n");
  const dg::Tree tree = dg::Parse("x += 1;");
  CHECK(tree.at(tree.at(tree.root).children[0]).op == "+=");
  const dg::Tree plain = dg::Parse("x = 1;");
  CHECK(plain.at(plain.at(plain.root).children[0]).op == "=");
}

TEST_CASE("deluge: precedence", "[deluge]") {
  CHECK(DumpOne("x = a + b * c;") ==
        "(assign (identifier \"x\") (binary + (identifier \"a\") (binary * (identifier \"b\")"
        " (identifier \"c\"))))");
  CHECK(DumpOne("x = !a && b || c;") ==
        "(assign (identifier \"x\") (binary || (binary && (unary ! (identifier \"a\"))"
        " (identifier \"b\")) (identifier \"c\")))");
  CHECK(DumpOne("t = x == y + 1;") ==
        "(assign (identifier \"t\") (binary == (identifier \"x\") (binary + (identifier \"y\")"
        " (number \"1\"))))");
  CHECK(DumpOne("t = a - b - c;") ==
        "(assign (identifier \"t\") (binary - (binary - (identifier \"a\") (identifier \"b\"))"
        " (identifier \"c\")))");
  CHECK(DumpOne("t = (a + b) * -c % 2 < 3 != d >= 4;") ==
        "(assign (identifier \"t\") (binary != (binary < (binary % (binary * (paren (binary +"
        " (identifier \"a\") (identifier \"b\"))) (unary - (identifier \"c\"))) (number \"2\"))"
        " (number \"3\")) (binary >= (identifier \"d\") (number \"4\"))))");
  CHECK(DumpOne("t = a or b and c;") ==
        "(assign (identifier \"t\") (binary or (identifier \"a\") (binary and (identifier \"b\")"
        " (identifier \"c\"))))");
}

TEST_CASE("deluge: chained calls, if(), ifnull(), literals, constructors", "[deluge]") {
  CHECK(DumpOne("v = resp.get(\"data\").toList().get(0);") ==
        "(assign (identifier \"v\") (membercall \"get\" (membercall \"toList\" (membercall \"get\""
        " (identifier \"resp\") (string \"data\"))) (number \"0\")))");
  CHECK(DumpOne("v = if(c, a, b);") ==
        "(assign (identifier \"v\") (call \"if\" (identifier \"c\") (identifier \"a\")"
        " (identifier \"b\")))");
  CHECK(DumpOne("v = ifnull(a, b);") ==
        "(assign (identifier \"v\") (call \"ifnull\" (identifier \"a\") (identifier \"b\")))");
  CHECK(DumpOne("v = {\"a\": 1, \"b\": {\"c\": [1, 2]}, };") ==
        "(assign (identifier \"v\") (map (mapentry (string \"a\") (number \"1\")) (mapentry"
        " (string \"b\") (map (mapentry (string \"c\") (list (number \"1\") (number \"2\")))))))");
  CHECK(DumpOne("v = {1, 2.5, \"x\"};") ==
        "(assign (identifier \"v\") (list (number \"1\") (number \"2.5\") (string \"x\")))");
  CHECK(DumpOne("v = {};") == "(assign (identifier \"v\") (map))");
  CHECK(DumpOne("v = [];") == "(assign (identifier \"v\") (list))");
  CHECK(DumpOne("v = Map();") == "(assign (identifier \"v\") (call \"Map\"))");
  CHECK(DumpOne("v = map();") == "(assign (identifier \"v\") (call \"map\"))");
  CHECK(DumpOne("v = List();") == "(assign (identifier \"v\") (call \"List\"))");
  CHECK(DumpOne("v = list();") == "(assign (identifier \"v\") (call \"list\"))");
  CHECK(DumpOne("v = List:String();") == "(assign (identifier \"v\") (call \"List:String\"))");
  CHECK(DumpOne("v = Collection(\"a\", \"b\");") ==
        "(assign (identifier \"v\") (call \"Collection\" (string \"a\") (string \"b\")))");
  CHECK(DumpOne("v = zoho.crm.getRecordById(\"Deals\", id);") ==
        "(assign (identifier \"v\") (call \"zoho.crm.getRecordById\" (string \"Deals\")"
        " (identifier \"id\")))");
  CHECK(DumpOne("v = zoho.currenttime;") ==
        "(assign (identifier \"v\") (member \"currenttime\" (identifier \"zoho\")))");
  CHECK(DumpOne("v = TRUE && False || Null;") ==
        "(assign (identifier \"v\") (binary || (binary && (bool \"true\") (bool \"false\"))"
        " (null)))");
  CHECK(DumpOne("v = a.b[\"k\"].c;") ==
        "(assign (identifier \"v\") (member \"c\" (index (member \"b\" (identifier \"a\"))"
        " (string \"k\"))))");

  const std::string src = "v = List:String();";
  const dg::Tree tree = dg::Parse(src);
  CHECK(SpanText(tree, Find(tree, NodeKind::kCall), src) == "List:String()");
}

TEST_CASE("deluge: comments, quotes, escapes, date-time literals", "[deluge]") {
  CHECK(DumpItems("// a line comment\nx = \"http://a//b\"; // trailing\n/* block\n comment */"
                  " y = '//x'; /* unterminated") ==
        "(assign (identifier \"x\") (string \"http://a//b\"))\n"
        "(assign (identifier \"y\") (string ' \"//x\"))\n");
  CHECK(DumpOne(R"(s = "q\"b\\s\/n\nt\tr\rb\bf\fu\u00e9";)") ==
        "(assign (identifier \"s\") (string \"q\\\"b\\\\s/n\\nt\\tr\\rb\\x08f\\x0cu\\\\u00e9\"))");
  {
    const dg::Tree tree = dg::Parse(R"(s = "a\"b";)");
    CHECK(tree.at(Find(tree, NodeKind::kString)).text == "a\"b");
    CHECK(tree.at(Find(tree, NodeKind::kString)).op == "\"");
  }
  CHECK(DumpOne("s = 'single';") == "(assign (identifier \"s\") (string ' \"single\"))");
  // Typographic quotes, both kinds.
  CHECK(DumpOne("s = \xE2\x80\x9Ctypo\xE2\x80\x9D + \xE2\x80\x98x\xE2\x80\x99;") ==
        "(assign (identifier \"s\") (binary + (string \xE2\x80\x9C \"typo\")"
        " (string \xE2\x80\x9C \"x\")))");
  {
    const std::string src = "s = \xE2\x80\x9CZoho-authtoken \xE2\x80\x9D;";
    const dg::Tree tree = dg::Parse(src);
    const dg::NodeId s = Find(tree, NodeKind::kString);
    CHECK(tree.at(s).text == "Zoho-authtoken ");
    CHECK(tree.at(s).op == "\xE2\x80\x9C");
    CHECK(SpanText(tree, s, src) == "\xE2\x80\x9CZoho-authtoken \xE2\x80\x9D");
  }
  CHECK(DumpOne("d = '01-Jan-2020';") == "(assign (identifier \"d\") (datetime \"01-Jan-2020\"))");
  CHECK(DumpOne("d = '2020-01-01 10:00:00';") ==
        "(assign (identifier \"d\") (datetime \"2020-01-01 10:00:00\"))");
  CHECK(DumpOne("d = '2020';") == "(assign (identifier \"d\") (string ' \"2020\"))");
  // A multi-line double-quoted string.
  CHECK(DumpOne("body = \"<p>\nhi\n</p>\";") ==
        "(assign (identifier \"body\") (string \"<p>\\nhi\\n</p>\"))");
}

TEST_CASE("deluge: invokeurl variants", "[deluge]") {
  // Camel case, `key :value` spacing, dashed keys, any expression as a value, connection.
  const std::string src =
      "r = invokeUrl\n[\n  url :base + \"/items\"\n  type :POST\n  parameters:m.toString()\n"
      "  content-type :\"application/json\"\n  response-format: \"JSON\"\n"
      "  headers:{\"orgId\":orgId}\n  connection :conn\n];";
  CHECK(DumpOne(src) ==
        "(assign (identifier \"r\") (invokeurl \"invokeUrl\""
        " (invokeparam \"url\" (binary + (identifier \"base\") (string \"/items\")))"
        " (invokeparam \"type\" (identifier \"POST\"))"
        " (invokeparam \"parameters\" (membercall \"toString\" (identifier \"m\")))"
        " (invokeparam \"content-type\" (string \"application/json\"))"
        " (invokeparam \"response-format\" (string \"JSON\"))"
        " (invokeparam \"headers\" (map (mapentry (string \"orgId\") (identifier \"orgId\"))))"
        " (invokeparam \"connection\" (identifier \"conn\"))))");
  const dg::Tree tree = dg::Parse(src);
  const dg::NodeId ct = Find(tree, NodeKind::kInvokeParam, "content-type");
  CHECK(SpanText(tree, ct, src) == "content-type :\"application/json\"");
  // On one line, as an expression statement, with tolerated commas.
  CHECK(
      DumpOne("invokeurl [ url: u, type: GET detailed: true ];") ==
      "(exprstmt (invokeurl \"invokeurl\" (invokeparam \"url\" (identifier \"u\"))"
      " (invokeparam \"type\" (identifier \"GET\")) (invokeparam \"detailed\" (bool \"true\"))))");
  // Creator's function form is an ordinary call.
  CHECK(DumpOne("r = invokeUrl(u, \"GET\");") ==
        "(assign (identifier \"r\") (call \"invokeUrl\" (identifier \"u\") (string \"GET\")))");
}

TEST_CASE("deluge: getUrl / postUrl in every arity", "[deluge]") {
  CHECK(DumpItems("a = getUrl(u);\nb = getUrl(u, h);\nc = getUrl(u, false);\n"
                  "d = getUrl(u, h, true);\ne = postUrl(u, m);\nf = postUrl(u, m, false);\n"
                  "g = postUrl(u, m, h, false);\n") ==
        "(assign (identifier \"a\") (call \"getUrl\" (identifier \"u\")))\n"
        "(assign (identifier \"b\") (call \"getUrl\" (identifier \"u\") (identifier \"h\")))\n"
        "(assign (identifier \"c\") (call \"getUrl\" (identifier \"u\") (bool \"false\")))\n"
        "(assign (identifier \"d\") (call \"getUrl\" (identifier \"u\") (identifier \"h\")"
        " (bool \"true\")))\n"
        "(assign (identifier \"e\") (call \"postUrl\" (identifier \"u\") (identifier \"m\")))\n"
        "(assign (identifier \"f\") (call \"postUrl\" (identifier \"u\") (identifier \"m\")"
        " (bool \"false\")))\n"
        "(assign (identifier \"g\") (call \"postUrl\" (identifier \"u\") (identifier \"m\")"
        " (identifier \"h\") (bool \"false\")))\n");
}

TEST_CASE("deluge: a prose line in a function is one error, the rest parses", "[deluge]") {
  const std::string src =
      "void automation.sync(string id)\n"
      "{\n"
      "\ta = 1;\n"
      "\tReplace the token below with your own token.\n"
      "\tb = getUrl(\"https://crm.zoho.com/crm/private/json/Leads/getRecords?authtoken=\" + t);\n"
      "}\n";
  const dg::Tree tree = dg::Parse(src);
  REQUIRE(CheckTree(tree, src).empty());
  CHECK(DumpItems(tree) ==
        "(function \"automation.sync\" (param string \"id\") (block"
        " (assign (identifier \"a\") (number \"1\"))"
        " (error)"
        " (assign (identifier \"b\") (call \"getUrl\" (binary +"
        " (string \"https://crm.zoho.com/crm/private/json/Leads/getRecords?authtoken=\")"
        " (identifier \"t\"))))))\n");
  CHECK(Errors(tree) == "4:10 unparsable statement\n");
  CHECK(SpanText(tree, Find(tree, NodeKind::kError), src) ==
        "Replace the token below with your own token.");
}

TEST_CASE("deluge: an unquoted placeholder is one error, the rest parses", "[deluge]") {
  const std::string src =
      "m = Map();\n"
      "m.put(\"authtoken\", YOUR ZOHO AUTHTOKEN);\n"
      "m.put(\"scope\", \"ZohoCRM/crmapi\");\n"
      "r = postUrl(\"https://crm.zoho.com/crm/private/xml/Leads/insertRecords\", m);\n";
  const dg::Tree tree = dg::Parse(src);
  REQUIRE(CheckTree(tree, src).empty());
  CHECK(DumpItems(tree) ==
        "(assign (identifier \"m\") (call \"Map\"))\n"
        // What survives of the broken statement: the call with the arguments that parse.
        "(error (exprstmt (membercall \"put\" (identifier \"m\") (string \"authtoken\") (identifier \"YOUR\"))))\n"
        "(exprstmt (membercall \"put\" (identifier \"m\") (string \"scope\")"
        " (string \"ZohoCRM/crmapi\")))\n"
        "(assign (identifier \"r\") (call \"postUrl\""
        " (string \"https://crm.zoho.com/crm/private/xml/Leads/insertRecords\")"
        " (identifier \"m\")))\n");
  REQUIRE(tree.errors.size() == 1);
  CHECK(tree.errors[0].line == 2);
  CHECK(tree.errors[0].column == 25);  // at ZOHO, where the placeholder stops being an expression
  CHECK(tree.errors[0].message == "unparsable statement");
  CHECK(SpanText(tree, Find(tree, NodeKind::kError), src) ==
        "m.put(\"authtoken\", YOUR ZOHO AUTHTOKEN);");
}

TEST_CASE("deluge: error recovery details", "[deluge]") {
  {  // A missing ';' before a line break is recorded, the statement kept.
    const std::string src = "a = 1\nb = 2;";
    const dg::Tree tree = dg::Parse(src);
    CHECK(
        DumpItems(tree) ==
        "(assign (identifier \"a\") (number \"1\"))\n(assign (identifier \"b\") (number \"2\"))\n");
    CHECK(Errors(tree) == "1:6 expected ';' after statement\n");
    CHECK(SpanText(tree, tree.at(tree.root).children[0], src) == "a = 1");
  }
  {  // Unterminated string: recovery at the end of the line.
    const std::string src = "a = \"oops\nb = 2;\nc = \"ok\";";
    const dg::Tree tree = dg::Parse(src);
    CHECK(DumpItems(tree) ==
          "(error)\n(assign (identifier \"b\") (number \"2\"))\n"
          "(assign (identifier \"c\") (string \"ok\"))\n");
    CHECK(Errors(tree) == "1:5 unparsable statement\n");
    CHECK(SpanText(tree, tree.at(tree.root).children[0], src) == "a = \"oops");
  }
  {  // Junk never takes the '}' that closes the block.
    const std::string src = "if (a) { x = ; }\ny = 1;";
    const dg::Tree tree = dg::Parse(src);
    CHECK(DumpItems(tree) ==
          "(if (identifier \"a\") (block (error)))\n(assign (identifier \"y\") (number \"1\"))\n");
  }
  {  // An unparsable condition keeps the block.
    const std::string src = "if (YOUR TOKEN) {\n  x = 1;\n}\n";
    const dg::Tree tree = dg::Parse(src);
    CHECK(DumpItems(tree) == "(if (error) (block (assign (identifier \"x\") (number \"1\"))))\n");
    CHECK(Errors(tree) == "1:10 unparsable condition\n");
  }
  {  // Unmatched closers and lone quotes at the top level.
    const std::string src = "}\n]]]]\n'\nx = 1;";
    const dg::Tree tree = dg::Parse(src);
    REQUIRE(CheckTree(tree, src).empty());
    const auto& items = tree.at(tree.root).children;
    REQUIRE(!items.empty());
    CHECK(dg::Dump(tree, items.back()) == "(assign (identifier \"x\") (number \"1\"))");
  }
  {  // A missing '}' at the end keeps the function.
    const std::string src = "void a.b() {\n x = 1;\n";
    const dg::Tree tree = dg::Parse(src);
    CHECK(DumpItems(tree) ==
          "(function \"a.b\" (block (assign (identifier \"x\") (number \"1\"))))\n");
    CHECK(Errors(tree) == "3:1 expected '}'\n");
  }
  {  // Empty and whitespace-only input.
    for (const std::string_view src : {"", "   \n\t", "\xEF\xBB\xBF", "// only a comment"}) {
      const dg::Tree tree = dg::Parse(src);
      CHECK(CheckTree(tree, src).empty());
      CHECK(tree.at(tree.root).children.empty());
      CHECK(tree.errors.empty());
    }
  }
}

TEST_CASE("deluge: lexer spans and comments", "[deluge]") {
  const std::string src = "a=\"x\";// c\n/*d*/content-type";
  const dg::LexResult lex = dg::Lex(src);
  REQUIRE(lex.tokens.size() == 8);
  CHECK(lex.tokens[2].kind == dg::TokenKind::kString);
  CHECK(src.substr(lex.tokens[2].begin, lex.tokens[2].end - lex.tokens[2].begin) == "\"x\"");
  CHECK(lex.tokens[4].newline_before);
  CHECK(lex.tokens[5].kind == dg::TokenKind::kMinus);
  CHECK(lex.tokens.back().kind == dg::TokenKind::kEnd);
  CHECK(lex.tokens.back().begin == src.size());
  REQUIRE(lex.comments.size() == 2);
  CHECK(src.substr(lex.comments[0].begin, lex.comments[0].end - lex.comments[0].begin) == "// c");
  CHECK(lex.comments[1].block);
}

namespace {

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

bool HasError(const dg::Tree& tree, std::string_view message) {
  for (const dg::ParseError& e : tree.errors) {
    if (e.message == message) return true;
  }
  return false;
}

// The three 10,000-deep inputs, each followed by a statement that must still parse.
std::vector<std::string> DeepInputs() {
  constexpr size_t kN = 10000;
  return {
      "x = " + Repeat("(", kN) + "y" + Repeat(")", kN) + ";\nz = 1;\n",
      Repeat("{", kN) + "a = 1;" + Repeat("}", kN) + "\nz = 1;\n",
      Repeat("if(a){", kN) + "a = 1;" + Repeat("}", kN) + "\nz = 1;\n",
      Repeat("if(a) ", kN) + "a = 1;\nz = 1;\n",
      "x = " + Repeat("f(", kN) + Repeat(")", kN) + ";\nz = 1;\n",
      "x = " + Repeat("{\"a\":", kN) + "1" + Repeat("}", kN) + ";\nz = 1;\n",
      "x = " + Repeat("[", kN) + Repeat("]", kN) + ";\nz = 1;\n",
      "x = " + Repeat("!-", kN) + "y;\nz = 1;\n",
      "x = a" + Repeat(" + a", kN * 10) + ";\nz = 1;\n",
      "x = a" + Repeat(".b()", kN) + ";\nz = 1;\n",
      "if(a){}" + Repeat(" else if(b){}", kN) + "\nz = 1;\n",
      Repeat("(", kN),  // unclosed
      Repeat("{", kN),
      Repeat("if(a){", kN),
  };
}

void CheckDeep(const std::string& src, std::string& failure) {
  const dg::Tree tree = dg::Parse(src);
  const std::string check = CheckTree(tree, src);
  if (!check.empty()) {
    failure = check;
    return;
  }
  (void)dg::Dump(tree, tree.root);  // iterative: never overflows
  if (src.find("z = 1;") != std::string::npos) {
    const auto& items = tree.at(tree.root).children;
    if (items.empty() ||
        dg::Dump(tree, items.back()) != "(assign (identifier \"z\") (number \"1\"))")
      failure = "statement after the deep construct lost";
  }
}

}  // namespace

TEST_CASE("deluge: 10,000 levels of nesting are bounded", "[deluge]") {
  for (const std::string& src : DeepInputs()) {
    std::string failure;
    CheckDeep(src, failure);
    INFO(src.substr(0, 40));
    CHECK(failure.empty());
  }
  const dg::Tree parens = dg::Parse(DeepInputs()[0]);
  CHECK(HasError(parens, "nesting too deep"));
  const dg::Tree blocks = dg::Parse(DeepInputs()[1]);
  CHECK(HasError(blocks, "nesting too deep"));
  const dg::Tree ifs = dg::Parse(DeepInputs()[2]);
  CHECK(HasError(ifs, "nesting too deep"));
  // A nesting within the limit parses exactly.
  CHECK(DumpOne("x = ((((y))));") ==
        "(assign (identifier \"x\") (paren (paren (paren (paren (identifier \"y\"))))))");
}

TEST_CASE("deluge: deep nesting on a worker thread", "[deluge]") {
  // std::thread gets the default 8 MB stack on Linux.
  std::string failures;
  std::thread worker([&failures] {
    for (const std::string& src : DeepInputs()) {
      std::string failure;
      CheckDeep(src, failure);
      if (!failure.empty()) failures += failure + "\n";
    }
  });
  worker.join();
  CHECK(failures.empty());
}

TEST_CASE("deluge: deterministic fuzz never crashes and keeps spans nested", "[deluge]") {
  const std::vector<std::string_view> samples = {kBooksInvokeUrl, kBooksGetUrl, kDeskHeaders,
                                                 kBooksPostUrl, kCrmV1};
  static constexpr std::string_view kAlphabet[] = {"(",
                                                   ")",
                                                   "{",
                                                   "}",
                                                   "[",
                                                   "]",
                                                   ",",
                                                   ";",
                                                   ":",
                                                   ".",
                                                   "+",
                                                   "-",
                                                   "*",
                                                   "/",
                                                   "%",
                                                   "!",
                                                   "=",
                                                   "==",
                                                   "!=",
                                                   "<",
                                                   ">=",
                                                   "&&",
                                                   "||",
                                                   "\"",
                                                   "'",
                                                   "\xE2\x80\x9C",
                                                   "\xE2\x80\x9D",
                                                   "\\",
                                                   "//",
                                                   "/*",
                                                   "*/",
                                                   "\n",
                                                   " ",
                                                   "x",
                                                   "if",
                                                   "else",
                                                   "for each",
                                                   "index",
                                                   "in",
                                                   "info",
                                                   "return",
                                                   "break",
                                                   "invokeurl",
                                                   "invokeUrl [",
                                                   "url:",
                                                   "content-type :",
                                                   "Map()",
                                                   "List:String(",
                                                   "zoho.crm.x(",
                                                   "1",
                                                   "'01-Jan-2020'",
                                                   std::string_view("\0", 1),
                                                   "\xFF",
                                                   "void a.b(string c)"};
  std::mt19937 rng(20240611u);
  auto pick = [&rng](size_t n) { return static_cast<size_t>(rng() % n); };
  std::vector<std::string> inputs;
  // Every truncation of every sample.
  for (const std::string_view s : samples) {
    for (size_t len = 0; len <= s.size(); ++len) inputs.emplace_back(s.substr(0, len));
  }
  // Random token soup.
  for (int i = 0; i < 1500; ++i) {
    std::string s;
    const size_t n = pick(60);
    for (size_t k = 0; k < n; ++k) s += kAlphabet[pick(std::size(kAlphabet))];
    inputs.push_back(std::move(s));
  }
  // Random bytes.
  for (int i = 0; i < 500; ++i) {
    std::string s(pick(200), '\0');
    for (char& c : s) c = static_cast<char>(pick(256));
    inputs.push_back(std::move(s));
  }
  // Mutated samples: byte flips, insertions, deletions.
  for (int i = 0; i < 1500; ++i) {
    std::string s(samples[pick(samples.size())]);
    const size_t edits = 1 + pick(4);
    for (size_t e = 0; e < edits && !s.empty(); ++e) {
      const size_t at = pick(s.size());
      switch (pick(3)) {
        case 0:
          s[at] = static_cast<char>(pick(256));
          break;
        case 1:
          s.insert(at, kAlphabet[pick(std::size(kAlphabet))]);
          break;
        default:
          s.erase(at, 1 + pick(8));
          break;
      }
    }
    inputs.push_back(std::move(s));
  }
  size_t failures = 0;
  for (const std::string& src : inputs) {
    const dg::Tree tree = dg::Parse(src);
    const std::string check = CheckTree(tree, src);
    if (!check.empty()) {
      ++failures;
      if (failures <= 3) {
        INFO("input: " << src);
        CHECK(check.empty());
      }
    }
    (void)dg::Dump(tree, tree.root);
  }
  CHECK(failures == 0);
}

TEST_CASE("deluge: large input parses", "[deluge]") {
  std::string src;
  for (int i = 0; i < 20000; ++i) {
    src += "m.put(\"k" + std::to_string(i) + "\", getUrl(u + \"&x=\" + i).toMap());\n";
    if (i % 100 == 0) src += "Some prose in between.\n";
  }
  const dg::Tree tree = dg::Parse(src);
  CHECK(CheckTree(tree, src).empty());
  CHECK(tree.at(tree.root).children.size() == 20200);
  CHECK(tree.errors.size() == 200);
}
